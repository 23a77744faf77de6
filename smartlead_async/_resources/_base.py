"""What every resource holds (the API client it sends through) and its one request path."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import attrs

from .._base_client import APIClient, QueryParams
from .._decoding import Ack, Decoder, PageOf
from .._options import checked_options, merged_body
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._pagination.cursor import CursorBatch, CursorPaginator, PageLike, ScrollPaginator
from .._pagination.in_flight import allowed_rate, network_latency
from .._pagination.page import Page
from .._pagination.page_number import PageNumberPaginator
from ..models import OkResponse
from ..models._base import Model, record_key

M = TypeVar("M", bound=Model)
T = TypeVar("T")
#: The type of a listing's cursor: it travels in the query string.
C = TypeVar("C", bound=int | str)
#: A scrolled listing's page model (``ContactSearch``): ``items``, ``next_cursor``, ``after``.
S = TypeVar("S", bound=PageLike)

#: The acknowledgement most write endpoints answer with.
OK = Ack(OkResponse)


def without_retries(options: Mapping[str, Any]) -> dict[str, Any]:
    """The options of a call that sends real email: no automatic retry.

    Any retry could send the mail twice (the answer may be lost after the server acted), so
    such a call makes one attempt unless its caller passes ``max_retries`` for that call.
    """
    return {"max_retries": 0, **options}


class Resource:
    """Base of the resource classes: each endpoint method is one call to :meth:`_request`."""

    def __init__(self, api: APIClient) -> None:
        self._api = api

    async def _request(
        self,
        method: str,
        path: str,
        decode: Decoder[T],
        *,
        params: QueryParams | None = None,
        body: Any = None,
        options: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> T:
        """Send one request (with the client's retries) and decode its answer with ``decode``.

        ``options`` are the caller's per-call :class:`RequestOptions`, checked here, before
        anything is sent. ``idempotent=True`` marks a read-only POST, retried like a GET.
        """
        checked = checked_options(options or {})
        return await self._api.request(
            method, path,
            params={**(params or {}), **checked.get("extra_query", {})},
            json_body=merged_body(body, checked.get("extra_body")),
            decode=decode,
            timeout=checked.get("timeout"),
            max_retries=checked.get("max_retries"),
            headers=checked.get("extra_headers"),
            idempotent=idempotent,
        )

    @asynccontextmanager
    async def _stream(
        self,
        method: str,
        path: str,
        *,
        idle_timeout: float | None,
        options: Mapping[str, Any] | None = None,
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """Send one request and yield its 2xx body as it arrives (see ``APIClient.stream``)."""
        checked = checked_options(options or {})
        async with self._api.stream(
            method, path, params=checked.get("extra_query"),
            json_body=merged_body(None, checked.get("extra_body")),
            timeout=checked.get("timeout"), max_retries=checked.get("max_retries"),
            headers=checked.get("extra_headers"), idle_timeout=idle_timeout,
        ) as chunks:
            yield chunks

    def _paginate(
        self,
        path: str,
        page: PageOf[M],
        *,
        style: PaginationStyle,
        description: str,
        page_size: int,
        prefetch: int,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        filters: QueryParams | None = None,
        body: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> AsyncPaginator[M]:
        """An auto-paginating listing of ``path``: each page is ``filters`` + offset/limit.

        With ``body``, the listing is a read-only POST (the master-inbox views): offset and
        limit go into that JSON body instead of the query, and failed pages are retried like
        GETs. Records are de-duplicated on their model's identity (:func:`record_key`);
        ``options`` (checked now, before any request) apply to every page. A listing starts
        at ``start_offset`` (default 0) or continues from ``start_from``, a resume point.

        Raises:
            InvalidArgumentError: a start, paging or request option is invalid (before any
                request).
        """
        options = checked_options(options or {})

        async def fetch(offset: int, limit: int) -> Page[M]:
            window = {"offset": offset, "limit": limit}
            if body is None:
                return await self._request(
                    "GET", path, page.at(offset), params={**(filters or {}), **window},
                    options=options,
                )
            return await self._request(
                "POST", path, page.at(offset), params=filters, body={**body, **window},
                options=options, idempotent=True,
            )

        return AsyncPaginator(
            fetch, style=style, page_size=page_size, start_offset=start_offset,
            start_from=start_from, key=record_key, prefetch=prefetch, description=description,
            allowed_rate=allowed_rate(self._api.limiter),
            network_latency=network_latency(self._api.limiter),
        )

    def _paginate_by_cursor(
        self,
        path: str,
        page: Decoder[list[M] | CursorBatch[M, C]],
        *,
        cursor_param: str,
        cursor_of: Callable[[M], C | None],
        description: str,
        page_size: int,
        start_after: C | None,
        filters: QueryParams | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> CursorPaginator[M, C]:
        """A cursor-paged listing of ``path`` (``GET /leads/all``): each page is ``filters``
        + ``limit`` + ``cursor_param`` = the cursor after the page before (the one its answer
        named, else ``cursor_of`` its last record: see :class:`CursorBatch`).

        Records are de-duplicated on their identity; ``options`` (checked now, before any
        request) apply to every page.
        """
        options = checked_options(options or {})

        async def fetch(after: C | None, limit: int) -> list[M] | CursorBatch[M, C]:
            window = _cursor_window(limit, cursor_param, after)
            return await self._request(
                "GET", path, page, params={**(filters or {}), **window}, options=options
            )

        return CursorPaginator(
            fetch, cursor_of=cursor_of, page_size=page_size, start_after=start_after,
            key=record_key, description=description,
        )

    def _paginate_by_page_number(
        self,
        path: str,
        page: PageOf[M],
        *,
        description: str,
        page_size: int,
        max_limit: int,
        filters: QueryParams | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> PageNumberPaginator[M]:
        """A page-number listing of ``path``: each page is ``filters`` + ``page`` + ``limit``
        (see :class:`PageNumberPaginator` for how pages overlap while the list changes).

        Records are de-duplicated on their identity; ``options`` (checked now, before any
        request) apply to every page.
        """
        options = checked_options(options or {})

        async def fetch(number: int, limit: int) -> Page[M]:
            window = {"page": number, "limit": limit}
            return await self._request(
                "GET", path, page.at((number - 1) * limit),
                params={**(filters or {}), **window}, options=options,
            )

        return PageNumberPaginator(
            fetch, page_size=page_size, key=record_key, max_limit=max_limit,
            description=description,
        )

    def _paginate_by_scroll(
        self,
        path: str,
        page: Decoder[S],
        *,
        cursor_param: str,
        description: str,
        page_size: int,
        start_after: str | None,
        body: Mapping[str, Any],
        options: Mapping[str, Any] | None = None,
    ) -> ScrollPaginator[Any, S]:
        """A POST listing paged by a token each page carries (SmartProspect's ``scroll_id``):
        each page's JSON body is ``body`` + ``limit`` + ``cursor_param`` = the token of the
        page before. ``page`` decodes a page model whose ``items``, ``next_cursor`` and
        ``after`` fields the paginator reads and sets.

        The pages are not retried once sent: a scroll may move on as it answers, so asking
        for the same token again could skip a page. Records are de-duplicated on their
        identity; ``options`` (checked now, before any request) apply to every page.
        """
        options = checked_options(options or {})

        async def fetch(after: str | None, limit: int) -> S:
            window = _cursor_window(limit, cursor_param, after)
            found = await self._request(
                "POST", path, page, body={**body, **window}, options=options
            )
            return attrs.evolve(found, after=after)  # type: ignore[misc]

        return ScrollPaginator(
            fetch, page_size=page_size, start_after=start_after, key=record_key,
            description=description,
        )


def identity_of_type(kind: type[C]) -> Callable[[Model], C | None]:
    """The identity of a record when it is one value of type ``kind`` (the cursor of a
    cursor-paged listing), else ``None``."""

    def cursor_of(record: Model) -> C | None:
        key = record_key(record)
        return key if isinstance(key, kind) else None

    return cursor_of


def _cursor_window(limit: int, cursor_param: str, after: int | str | None) -> dict[str, int | str]:
    """A cursor-paged request's ``limit``, and its cursor unless it asks for the first page."""
    return {"limit": limit} if after is None else {"limit": limit, cursor_param: after}
