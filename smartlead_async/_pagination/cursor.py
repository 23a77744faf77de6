"""Cursor-paged listings: each page is asked for "after" a cursor the page before gave.

Two kinds share one walk:

* :class:`CursorPaginator`: the cursor follows from the records: the id of the last record
  received, unless the answer names the next cursor itself (see :class:`CursorBatch`).
  SmartLead's ``GET /leads/all`` pages this way (``lastSeenLeadId``, with no offset or
  total), and so does SendKit's campaign-leads listing with ``cursor`` (the last ``_id``).
* :class:`ScrollPaginator`: the cursor is a token the server issues with each page (a scroll
  id), which may stay the same from page to page. SmartProspect's ``POST /search-contacts``
  pages this way (``scroll_id``).

Both behave like :class:`~smartlead_async.AsyncPaginator`: ``await`` one for the first page,
``async for`` it for every record (each yielded once, by identity), or walk ``.pages()``.
Pages are fetched one after another (the next cursor is only known once a page arrived).

Iteration stops on an empty page, a page shorter than the limit, a page without a next
cursor, or an answer that says no more follow. A server that does not advance raises
:class:`InconsistentListingError` instead of looping for ever: a full page that brings no
record not yielded before, or (for record ids, which never repeat) a page leading to a cursor
already used.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs

from .._exceptions import APIError, InconsistentListingError
from .page import ItemsOfPages

__all__ = ["CursorBatch", "CursorPage", "CursorPaginator", "ScrollPaginator"]

T = TypeVar("T")
#: The type of a cursor (an int id for SmartLead, a string ``_id`` or scroll id elsewhere).
C = TypeVar("C", bound=Hashable)


class PageLike(Protocol):
    """What the walk reads of a page: its records and the cursor of the page after it."""

    @property
    def items(self) -> list[Any]: ...

    @property
    def next_cursor(self) -> Hashable | None: ...


P = TypeVar("P", bound=PageLike)


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


class _CursorWalk(ItemsOfPages[T], Generic[T, C, P]):
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
                    f"the page after cursor {cursor} led to cursor {following}, which was "
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
            error.add_context(self._description + resume)
            raise


class CursorPaginator(_CursorWalk[T, C, CursorPage[T, C]]):
    """Pages through a listing whose cursor is the last record's (or one the answer names).

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
        async def fetch_page(after: C | None, limit: int) -> CursorPage[T, C]:
            fetched = await fetch(after, limit)
            batch = fetched if isinstance(fetched, CursorBatch) else CursorBatch(items=fetched)
            items = batch.items
            if batch.has_more is False or not items:
                following = None
            elif batch.next_cursor is not None:
                following = batch.next_cursor
            else:
                following = cursor_of(items[-1])
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
