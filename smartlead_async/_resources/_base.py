"""What every resource holds (the transport it sends through) and its one request path."""

from __future__ import annotations

from typing import Any, TypeVar

from .._decoding import Ack, Decoder, PageOf
from .._models import Page
from .._pagination import AsyncPaginator, PaginationStyle
from .._transport import QueryParams, Transport
from ..models import OkResponse
from ..models._base import Model, record_key

M = TypeVar("M", bound=Model)
T = TypeVar("T")

#: The acknowledgement most write endpoints answer with.
OK = Ack(OkResponse)


class Resource:
    """Base of the resource classes: each endpoint method is one call to :meth:`_request`."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _request(
        self,
        method: str,
        path: str,
        decode: Decoder[T],
        *,
        params: QueryParams | None = None,
        body: Any = None,
    ) -> T:
        """Send one request (with the client's retries) and decode its answer with ``decode``."""
        return await self._transport.request(
            method, path, params=params, json_body=body, decode=decode
        )

    def _paginate(
        self,
        path: str,
        page: PageOf[M],
        *,
        style: PaginationStyle,
        description: str,
        page_size: int,
        start_offset: int,
        prefetch: int,
        filters: QueryParams | None = None,
    ) -> AsyncPaginator[M]:
        """An auto-paginating listing of ``path``: each page is ``filters`` + offset/limit.

        Records are de-duplicated on their model's identity (:func:`record_key`).
        """

        async def fetch(offset: int, limit: int) -> Page[M]:
            params = {**(filters or {}), "offset": offset, "limit": limit}
            return await self._request("GET", path, page.at(offset), params=params)

        return AsyncPaginator(
            fetch, style=style, page_size=page_size, start_offset=start_offset,
            key=record_key, prefetch=prefetch, description=description,
        )
