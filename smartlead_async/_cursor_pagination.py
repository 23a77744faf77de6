"""Cursor-paged listings: each page is asked for "after" a cursor the page before gave.

Two kinds share one walk:

* :class:`CursorPaginator`: the cursor is the id of the last record received. ``GET /leads/all``
  pages this way (``lastSeenLeadId``), with no offset or total.
* :class:`ScrollPaginator`: the cursor is a token the server issues with each page (a scroll
  id), which may stay the same from page to page. SmartProspect's ``POST /search-contacts``
  pages this way (``scroll_id``).

Both behave like :class:`~smartlead_async.AsyncPaginator`: ``await`` one for the first page,
``async for`` it for every record (each yielded once, by identity), or walk ``.pages()``.
Pages are fetched one after another (the next cursor is only known once a page arrived).

Iteration stops on an empty page, a page shorter than the limit, or a page without a next
cursor. A server that does not advance raises :class:`InconsistentListingError` instead of
looping for ever: a full page that brings no record not yielded before, or (for record ids,
which never repeat) a page ending on a cursor already used.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs

from ._exceptions import APIError, InconsistentListingError

__all__ = ["CursorPage", "CursorPaginator", "ScrollPaginator"]

T = TypeVar("T")
C = TypeVar("C", bound=Hashable)
#: Fetches the page after a cursor (``None``: the first page) of at most ``limit`` records.
FetchAfter = Callable[[int | None, int], Awaitable[list[T]]]


class PageLike(Protocol):
    """What the walk reads of a page: its records and the cursor of the page after it."""

    @property
    def items(self) -> list[Any]: ...

    @property
    def next_cursor(self) -> Hashable | None: ...


P = TypeVar("P", bound=PageLike)


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


class _CursorWalk(Generic[T, C, P]):
    """The walk both kinds of cursor paging share; ``fetch_page`` returns a whole page.

    Attributes:
        next_cursor: the cursor after the last page yielded (before the first page: the
            starting cursor given); pass it back to resume after an error.
    """

    #: Whether the server may answer successive pages with the same cursor (a scroll id).
    _repeating_cursors: ClassVar[bool] = False
    #: The argument that takes :attr:`next_cursor` back, for error messages.
    _resume_argument: ClassVar[str] = "start_after"

    def __init__(
        self,
        fetch_page: Callable[[C | None, int], Awaitable[P]],
        *,
        page_size: int,
        start_after: C | None = None,
        key: Callable[[T], Hashable | None] | None = None,
        description: str = "paging",
    ) -> None:
        self._fetch: Callable[[C | None, int], Awaitable[P]] = fetch_page
        self._page_size = page_size
        self._start: C | None = start_after
        self._key = key
        self._description = description
        self.next_cursor: C | None = start_after

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._description} after {self._start}>"

    def __await__(self) -> Generator[Any, None, P]:
        return self._fetch_page(self._start).__await__()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[P]:
        """Iterate over pages, each holding only records not yielded before."""
        seen: set[Hashable] = set()
        used: set[Hashable | None] = {self._start}
        cursor = self._start
        while True:
            page = await self._fetch_page(cursor)
            fresh = [item for item in page.items if self._is_new(item, seen)]
            following = page.next_cursor
            last = following is None or len(page.items) < self._page_size
            if not last and following in used and not self._repeating_cursors:
                raise self._stuck(
                    f"the page after cursor {cursor} ended on cursor {following}, which was "
                    "already used"
                )
            if not last and not fresh:
                raise self._stuck(
                    f"the full page after cursor {cursor} brought no record not seen before"
                )
            used.add(following)
            if following is not None:
                self.next_cursor = cursor = following  # type: ignore[assignment]  # P's is C
            if fresh:
                yield attrs.evolve(page, items=fresh)  # type: ignore[misc]
            if last:
                return

    def _stuck(self, what: str) -> InconsistentListingError:
        return InconsistentListingError(
            f"{what}: the server is not advancing", context=self._description
        )

    def _is_new(self, item: T, seen: set[Hashable]) -> bool:
        k = None if self._key is None else self._key(item)
        if k is None:
            return True
        if k in seen:
            return False
        seen.add(k)
        return True

    async def _fetch_page(self, after: C | None) -> P:
        try:
            return await self._fetch(after, self._page_size)
        except APIError as error:
            resume = "" if after is None else f" (resume with {self._resume_argument}={after})"
            error.context = error.context or self._description + resume
            raise


class CursorPaginator(_CursorWalk[T, int, CursorPage[T]]):
    """Pages through a listing whose cursor is the id of the last record received.

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
        async def fetch_page(after: int | None, limit: int) -> CursorPage[T]:
            items = await fetch(after, limit)
            following = cursor_of(items[-1]) if items else None
            return CursorPage(items=items, after=after, next_cursor=following)

        super().__init__(
            fetch_page, page_size=page_size, start_after=start_after, key=key,
            description=description,
        )


class ScrollPaginator(_CursorWalk[T, str, P]):
    """Pages through a listing whose pages each carry the token of the page after them.

    The page type ``P`` is the listing's own (SmartProspect's :class:`ContactSearch`, with
    the search's ``filter_id`` and ``total_count``); its ``items`` are the records and its
    ``next_cursor`` the token. A token may come back unchanged from page to page.

    Attributes:
        next_cursor: the token after the last page yielded (before the first page: the one
            given to start from); pass it back (``scroll_id=``) to resume after an error.
    """

    _repeating_cursors = True
    _resume_argument = "scroll_id"
