"""Cursor-paged listings: each page is asked for "after" the last record of the page before.

SmartLead's ``GET /leads/all`` pages this way (``lastSeenLeadId`` is the id of the last lead
received; there is no offset or total), and so does SendKit's campaign-leads listing with
``cursor`` (the ``_id`` of the last record, unless the answer names the next cursor itself:
see :class:`CursorBatch`). A :class:`CursorPaginator` behaves like
:class:`~smartlead_async.AsyncPaginator`: ``await`` it for the first page, ``async for`` it
for every record (each yielded once, by identity), or walk :meth:`CursorPaginator.pages`.
Pages are fetched one after another (the next cursor is only known once a page arrived).

Iteration stops on an empty page, a page shorter than the limit, a last record without a
cursor, or an answer that says no more follow. A server that answers a cursor with a page
leading to a cursor already used (it ignores the cursor) would loop for ever: that raises
:class:`InconsistentListingError` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, Generic, TypeVar

import attrs

from ._exceptions import APIError, InconsistentListingError
from ._models import ItemsOfPages

__all__ = ["CursorBatch", "CursorPage", "CursorPaginator"]

T = TypeVar("T")
#: The type of a cursor (an int id for SmartLead, a string ``_id`` for SendKit).
C = TypeVar("C")


@attrs.frozen(kw_only=True)
class CursorBatch(Generic[T, C]):
    """What one request of a cursor-paged listing brought: its records, and what the server
    said about the next page, if anything.

    Attributes:
        items: the records, in order.
        next_cursor: the cursor the server named for the next page (``nextCursor``); when
            ``None``, the next page is asked for after the last record's own cursor.
        has_more: the server's word on whether another page follows; ``False`` ends the
            listing, ``None`` (nothing said) leaves it to an empty or short page.
    """

    items: list[T]
    next_cursor: C | None = None
    has_more: bool | None = None


#: Fetches the page after a cursor (``None``: the first page) of at most ``limit`` records:
#: the records alone, or a :class:`CursorBatch` when the answer says more. (Its type
#: parameters are the cursor's type, then the record's.)
FetchAfter = Callable[[C | None, int], Awaitable[list[T] | CursorBatch[T, C]]]


@attrs.frozen(kw_only=True)
class CursorPage(Generic[T, C]):
    """One page of a cursor-paged listing.

    Attributes:
        items: the page's records (through iteration: only those not yielded before).
        after: the cursor the page was requested after (``None`` for the first page).
        next_cursor: the cursor of the page after this one (the one the server named, else
            the last record's), or ``None`` when there is none: the listing ends here.
    """

    items: list[T]
    after: C | None
    next_cursor: C | None


class CursorPaginator(ItemsOfPages[T], Generic[T, C]):
    """Pages through a cursor-paged listing on its own.

    ``CursorPaginator[T, C]``: records of type ``T`` behind cursors of type ``C``.

    Attributes:
        next_cursor: the cursor after the last page yielded (before the first page: the
            ``start_after`` given); pass it as ``start_after=`` to resume after an error.
    """

    def __init__(
        self,
        fetch: FetchAfter[C, T],
        *,
        cursor_of: Callable[[T], C | None],
        page_size: int,
        start_after: C | None = None,
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

    def __await__(self) -> Generator[Any, None, CursorPage[T, C]]:
        return self._fetch_page(self._start).__await__()

    async def pages(self) -> AsyncIterator[CursorPage[T, C]]:
        """Iterate over pages, each holding only records not yielded before."""
        seen: set[Hashable] = set()
        used: set[C | None] = {self._start}
        cursor = self._start
        while True:
            page = await self._fetch_page(cursor)
            fresh = [item for item in page.items if self._is_new(item, seen)]
            last = not page.items or len(page.items) < self._page_size
            if page.next_cursor is None:
                last = True
            elif page.next_cursor in used and not last:
                raise InconsistentListingError(
                    f"the page after cursor {cursor!r} led to cursor {page.next_cursor!r}, "
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

    async def _fetch_page(self, after: C | None) -> CursorPage[T, C]:
        try:
            fetched = await self._fetch(after, self._page_size)
        except APIError as error:
            resume = "" if after is None else f" (resume with start_after={after!r})"
            error.context = error.context or self._description + resume
            raise
        batch = fetched if isinstance(fetched, CursorBatch) else CursorBatch(items=fetched)
        items = batch.items
        if batch.has_more is False or not items:
            next_cursor = None
        elif batch.next_cursor is not None:
            next_cursor = batch.next_cursor
        else:
            next_cursor = self._cursor_of(items[-1])
        return CursorPage(items=items, after=after, next_cursor=next_cursor)
