"""Cursor-paged listings: each page is asked for "after" the last record of the page before.

``GET /leads/all`` pages this way: ``lastSeenLeadId`` is the id of the last lead received,
and there is no offset or total. A :class:`CursorPaginator` behaves like
:class:`~smartlead_async.AsyncPaginator`: ``await`` it for the first page, ``async for`` it
for every record (each yielded once, by identity), or walk :meth:`CursorPaginator.pages`.
Pages are fetched one after another (the next cursor is only known once a page arrived).

Iteration stops on an empty page, a page shorter than the limit, or a last record without a
cursor. A server that answers a cursor with a page ending on a cursor already used (it ignores
the cursor) would loop for ever: that raises :class:`InconsistentListingError` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, Generic, TypeVar

import attrs

from ._exceptions import APIError, InconsistentListingError

__all__ = ["CursorPage", "CursorPaginator"]

T = TypeVar("T")
#: Fetches the page after a cursor (``None``: the first page) of at most ``limit`` records.
FetchAfter = Callable[[int | None, int], Awaitable[list[T]]]


@attrs.frozen(kw_only=True)
class CursorPage(Generic[T]):
    """One page of a cursor-paged listing.

    Attributes:
        items: the page's records (through iteration: only those not yielded before).
        after: the cursor the page was requested after (``None`` for the first page).
        next_cursor: the cursor of the page after this one (the last record's), or ``None``
            when the last record has none.
    """

    items: list[T]
    after: int | None
    next_cursor: int | None


class CursorPaginator(Generic[T]):
    """Pages through a cursor-paged listing on its own.

    Attributes:
        next_cursor: the cursor after the last page yielded (before the first page: the
            ``start_after`` given); pass it as ``start_after=`` to resume after an error.
    """

    def __init__(
        self,
        fetch: FetchAfter[T],
        *,
        cursor_of: Callable[[T], int | None],
        page_size: int,
        start_after: int | None = None,
        key: Callable[[T], Hashable | None] | None = None,
        description: str = "paging",
    ) -> None:
        self._fetch = fetch
        self._cursor_of = cursor_of
        self._page_size = page_size
        self._start = start_after
        self._key = key
        self._description = description
        self.next_cursor = start_after

    def __repr__(self) -> str:
        return f"<CursorPaginator {self._description} after {self._start}>"

    def __await__(self) -> Generator[Any, None, CursorPage[T]]:
        return self._fetch_page(self._start).__await__()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[CursorPage[T]]:
        """Iterate over pages, each holding only records not yielded before."""
        seen: set[Hashable] = set()
        used: set[int | None] = {self._start}
        cursor = self._start
        while True:
            page = await self._fetch_page(cursor)
            fresh = [item for item in page.items if self._is_new(item, seen)]
            last = not page.items or len(page.items) < self._page_size
            if page.next_cursor is None:
                last = True
            elif page.next_cursor in used and not last:
                raise InconsistentListingError(
                    f"the page after cursor {cursor} ended on cursor {page.next_cursor}, "
                    "which was already used: the server is not advancing",
                    context=self._description,
                )
            used.add(page.next_cursor)
            if page.next_cursor is not None:
                self.next_cursor = cursor = page.next_cursor
            if fresh:
                yield attrs.evolve(page, items=fresh)
            if last:
                return

    def _is_new(self, item: T, seen: set[Hashable]) -> bool:
        k = None if self._key is None else self._key(item)
        if k is None:
            return True
        if k in seen:
            return False
        seen.add(k)
        return True

    async def _fetch_page(self, after: int | None) -> CursorPage[T]:
        try:
            items = await self._fetch(after, self._page_size)
        except APIError as error:
            resume = "" if after is None else f" (resume with start_after={after})"
            error.context = error.context or self._description + resume
            raise
        next_cursor = self._cursor_of(items[-1]) if items else None
        return CursorPage(items=items, after=after, next_cursor=next_cursor)
