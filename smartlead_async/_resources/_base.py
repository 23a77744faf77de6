"""What every resource holds: the transport it sends through."""

from __future__ import annotations

from typing import Any

from .._responses import Where
from .._transport import QueryParams, Transport


class Resource:
    """Base of the resource classes."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _get(self, path: str, params: QueryParams | None = None) -> tuple[Any, Where]:
        """GET ``path`` and return the body with where it came from."""
        body = await self._transport.request("GET", path, params=params)
        return body, Where("GET", path)
