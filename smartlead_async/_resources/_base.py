"""What every resource holds (the transport it sends through) and the shapes endpoints share."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .._converter import to_bool
from .._error_body import error_message
from .._model_base import Model
from .._models import Page
from .._models_common import OkResponse
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._pagination.in_flight import allowed_rate
from .._responses import (
    Where,
    decode_model,
    decode_models,
    expect_list,
    expect_object,
    page_from_body,
)
from .._status_errors import make_status_error
from .._transport import QueryParams, Transport

M = TypeVar("M", bound=Model)


class Resource:
    """Base of the resource classes."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _send(
        self, method: str, path: str, params: QueryParams | None = None, json_body: Any = None
    ) -> tuple[Any, Where]:
        """Send one request and return the body with where it came from."""
        body = await self._transport.request(method, path, params=params, json_body=json_body)
        return body, Where(method, path)

    async def _get(self, path: str, params: QueryParams | None = None) -> tuple[Any, Where]:
        """GET ``path`` and return the body with where it came from."""
        return await self._send("GET", path, params)

    async def _post(
        self, path: str, json_body: Any = None, params: QueryParams | None = None
    ) -> tuple[Any, Where]:
        """POST ``json_body`` to ``path`` and return the body with where it came from."""
        return await self._send("POST", path, params, json_body)

    async def _delete(
        self, path: str, json_body: Any = None, params: QueryParams | None = None
    ) -> tuple[Any, Where]:
        """DELETE ``path`` (a JSON body is allowed) and return the body with its origin."""
        return await self._send("DELETE", path, params, json_body)

    def _paginate(
        self,
        path: str,
        cls: type[M],
        *,
        style: PaginationStyle,
        key: Callable[[M], Hashable | None],
        description: str,
        page_size: int,
        start_offset: int | None,
        start_from: ResumePoint | None,
        prefetch: int,
        filters: QueryParams | None = None,
        total_key: str | None = None,
    ) -> AsyncPaginator[M]:
        """An auto-paginating listing of ``path``: each page is ``filters`` + offset/limit.

        Raises:
            InvalidArgumentError: a start or paging option is invalid (before any request).
        """

        async def fetch(offset: int, limit: int) -> Page[M]:
            params = {**(filters or {}), "offset": offset, "limit": limit}
            body, where = await self._get(path, params)
            return page_from_body(body, cls, where, offset=offset, total_key=total_key)

        return AsyncPaginator(
            fetch, style=style, page_size=page_size, start_offset=start_offset,
            start_from=start_from, key=key, prefetch=prefetch, description=description,
            allowed_rate=allowed_rate(self._transport.limiter),
        )

    async def _get_object(
        self, path: str, cls: type[M], what: str, params: QueryParams | None = None
    ) -> M:
        """GET one object; ``{}``/empty answers raise NotFoundError, ``[obj]`` is unwrapped."""
        body, where = await self._get(path, params)
        return decode_model(expect_object(body, what, where), cls, where)

    async def _get_list(
        self, path: str, cls: type[M], key: str, params: QueryParams | None = None
    ) -> list[M]:
        """GET a listing: a bare array, ``{key: [...]}``/``{"data": [...]}`` or one object."""
        body, where = await self._get(path, params)
        return decode_models(listing(body, key, where), cls, where)

    async def _write(
        self,
        method: str,
        path: str,
        cls: type[M],
        *,
        json_body: Any = None,
        params: QueryParams | None = None,
    ) -> M:
        """Send a write request and decode its acknowledgement into ``cls`` (see :func:`ack`)."""
        body, where = await self._send(method, path, params, json_body)
        return decode_model(ack(body, where), cls, where)

    async def _ok(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: QueryParams | None = None,
    ) -> OkResponse:
        """A write request answered with ``{"ok": true}`` (or plain text like ``success``)."""
        return await self._write(method, path, OkResponse, json_body=json_body, params=params)


def listing(body: Any, key: str, where: Where) -> list[Any]:
    """The items of a listing; a lone object (as some docs show) is a one-item listing."""
    if body is None or body == {}:
        return []
    if isinstance(body, dict) and not isinstance(body.get(key), list) and not isinstance(
        body.get("data"), list
    ):
        return [body]
    return expect_list(body, key, where)


def ack(body: Any, where: Where) -> dict[str, Any]:
    """The JSON object of a write endpoint's 2xx answer.

    An empty body or plain text (``success``, ``Email added to the queue...``) counts as
    ``{"ok": true}`` with the text as ``message``. A 2xx object with ``"ok": false`` is a
    failure the status did not report: it raises :class:`APIStatusError` with its message.
    """
    if body is None:
        return {"ok": True}
    if isinstance(body, str):
        return {"ok": True, "message": body}
    if not isinstance(body, dict):
        raise where.bad_shape("a JSON object", body)
    if "ok" in body and to_bool(body["ok"]) is False:
        message = error_message(body, default="the API answered ok: false")
        raise make_status_error(200, message, body, method=where.method, path=where.path)
    return body
