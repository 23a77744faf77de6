"""Page-number listings (``?page=N&limit=L``) that may change while they are paged.

SendKit's campaign leads page this way (``pagination: {page, limit, total, pages}``). A
:class:`PageNumberPaginator` behaves like :class:`~smartlead_async.AsyncPaginator`: ``await``
it for the first page, ``async for`` it for every record (each yielded once, by key), or
walk :meth:`PageNumberPaginator.pages`. Pages are fetched one after another.

A list that changes between two requests moves records across page boundaries: a record
added at the head pushes the others one place on (the next page repeats one), a record
removed before the reader's position pulls one back from page N+1 to page N (it would never
be read). So every page after the first overlaps what was yielded: its ``limit`` is picked
(half the page size to the page size; more only if nothing else fits) so that the page holds
where the last record yielded (the *anchor*) should be by then, give or take how much that
has varied, and as many positions after it as possible. A page is *connected* when it holds
a record already yielded, or starts the list. As long as the list keeps its order (records
are added at its head or tail and removed anywhere), every record not yet yielded comes
after every record yielded, so the records after the last yielded one in a connected page
are exactly those that come next: yielding them can neither skip nor repeat one. A page
that is not connected (the list moved further than the overlap) is not yielded: the next
request looks again around where the anchor should be (further on, if the total grew past
the page; else before it), twice as wide each time, down to the head of the list at worst.

Paging never ends short in silence. A page that contradicts its own total (a short page
before the total, records past it) is asked for once more, then raises
:class:`InconsistentListingError`; so do ``_MAX_STALLED`` requests in a row that bring no new
record (a server that ignores ``page``, or a list that moves more than a page between every
two requests). Each record's key is remembered while paging (a few dozen bytes each):
records without a key cannot be de-duplicated.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, Generic, TypeVar

from .._exceptions import APIError, InconsistentListingError
from .page import ItemsOfPages, Page

__all__ = ["PageNumberPaginator"]

T = TypeVar("T")
#: Fetches page ``number`` (from 1) of ``limit`` records: a :class:`Page` whose ``total`` is
#: the listing's total when the server reports one.
FetchNumbered = Callable[[int, int], Awaitable[Page[T]]]

#: Requests in a row that may bring no new record before paging gives up.
_MAX_STALLED = 8
#: How often the same window may contradict its own total.
_MAX_CONTRADICTIONS = 2


class PageNumberPaginator(ItemsOfPages[T]):
    """Pages through a page-number listing on its own.

    Args:
        fetch: fetches one page by number and limit.
        page_size: records per request (the limit of the first page; later pages use a
            limit between half of it and it, to overlap the page before).
        key: a record's identity (de-duplication and overlap).
        max_limit: the largest limit the API accepts (a limit above ``page_size`` is used
            only when none from half of it to it can make a page overlap as it must).
        description: what is being paged, for error messages.
    """

    def __init__(
        self,
        fetch: FetchNumbered[T],
        *,
        page_size: int,
        key: Callable[[T], Hashable | None],
        max_limit: int,
        description: str = "paging",
    ) -> None:
        self._fetch = fetch
        self._page_size = page_size
        self._key = key
        self._max_limit = max(max_limit, page_size)
        self._description = description

    def __repr__(self) -> str:
        return f"<PageNumberPaginator {self._description}>"

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch_page(1, self._page_size).__await__()

    def pages(self) -> AsyncIterator[Page[T]]:
        """Iterate over pages, each holding only records not yielded before (``offset`` is
        the position of its first record when it was served)."""
        return _Walk(self).pages()

    async def _fetch_page(self, number: int, limit: int) -> Page[T]:
        try:
            return await self._fetch(number, limit)
        except APIError as error:
            error.add_context(self._description)
            raise

    def _window(self, anchor: int, margin: int = 0) -> tuple[int, int]:
        """The page number and limit of the request whose page holds positions ``anchor -
        margin`` to ``anchor + margin + 1`` (else at least ``anchor - margin`` and the one
        after it) and reaches furthest past them; larger limits first."""
        cover = max(anchor - margin, 0)
        size = self._page_size
        smaller = range(size, (size + 1) // 2 - 1, -1)
        # Up to twice the page size if it must; up to the API's maximum if nothing else fits
        # (small limits all divide the same few positions).
        larger = min(self._max_limit, max(2 * size, 4))
        wider = (range(size + 1, larger + 1), range(larger + 1, self._max_limit + 1))
        for reach in (anchor + margin, cover):
            for limits in (smaller, *wider):
                best = max(limits, key=lambda limit: (cover // limit + 1) * limit, default=None)
                if best is not None and (cover // best + 1) * best > reach + 1:
                    return cover // best + 1, best
        return (cover + 1) // size + 1, size  # nothing can overlap: the page after ``cover``


class _Walk(Generic[T]):
    """The state of one iteration of a :class:`PageNumberPaginator`."""

    def __init__(self, paginator: PageNumberPaginator[T]) -> None:
        self.p = paginator
        self.seen: set[Hashable] = set()
        #: Where the first record not yet yielded was on the last connected page, and that
        #: page's total (``None`` if the server sent none).
        self.frontier = 0
        self.total_then: int | None = None
        #: The last record yielded, in list order: the anchor the next page should hold.
        self.last_key: Hashable | None = None
        #: How far the anchor moved between the last two connected pages (records added at
        #: the head push it on, removals before it pull it back), and how much that varies.
        self.motion = 0
        self.changes: deque[int] = deque(maxlen=3)
        #: While the anchor is being looked for (after a page without it): how far around
        #: where it should be the next page looks (doubling each time); 0 when not looking.
        self.reach = 0
        self.stalled = 0

    async def pages(self) -> AsyncIterator[Page[T]]:
        number, limit = 1, self.p._page_size
        contradictions = 0
        while True:
            page = await self.p._fetch_page(number, limit)
            start = (number - 1) * limit
            problem = _contradiction(page, start, limit)
            if problem is not None:
                contradictions += 1
                if contradictions >= _MAX_CONTRADICTIONS:
                    raise self.inconsistent(problem + f" (page {number}, limit {limit})")
                continue  # the same window once more: a count and a page taken apart
            contradictions = 0
            anchor = self.last_seen_index(page.items)
            if start == 0 or anchor >= 0:
                fresh = self.connect(page, start, anchor)
                if fresh.items:
                    yield fresh
                if _is_last(page, start, limit):
                    return
                if not fresh.items:
                    self.stall()
                # Where the anchor should be when the next request is served, give or take.
                aim, margin, self.reach = self.frontier - 1 + self.motion, self.jitter, 0
            else:
                aim, margin = self.missed(page, start)
            number, limit = self.p._window(max(aim, 0), margin)

    def connect(self, page: Page[T], start: int, anchor: int) -> Page[T]:
        """Take a connected page: the records after its last one yielded are next."""
        items = page.items
        fresh = items[anchor + 1:]
        end = start + len(items)
        keys = [self.p._key(item) for item in items]
        held = self.last_key is not None and self.last_key in keys
        # Only records yielded before, not the anchor: the anchor is further on.
        behind = self.last_key is not None and not fresh and not held
        if held:
            self.observe(start + keys.index(self.last_key) - (self.frontier - 1))
        elif behind and not self.reach:
            self.observe(self.predicted(page.total) - (self.frontier - 1))  # pushed on
        if fresh:
            self.seen.update(key for key in keys[anchor + 1:] if key is not None)
            self.last_key = keys[-1]
            self.frontier = end
            self.stalled = 0
        else:
            # Pushed on: follow the total; found again while looking back: walk on from here.
            pushed = behind and not self.reach
            self.frontier = max(end, self.frontier + self.motion) if pushed else end
        self.total_then = page.total
        return Page(items=fresh, offset=start + anchor + 1, total=page.total)

    def missed(self, page: Page[T], start: int) -> tuple[int, int]:
        """A page holding no record yielded: look again around where the anchor should be,
        further each time. Where the first miss shows the total grew past the page, further
        on; else before the page (the list moved back)."""
        self.stall()
        predicted = self.predicted(page.total)
        first, self.reach = not self.reach, max(self.p._page_size // 2, 1, self.reach * 2)
        if first and page.items and predicted >= start + len(page.items):
            return predicted, self.reach
        bound = start - 1 if page.total is None else min(start, page.total) - 1
        return min(predicted, bound), self.reach

    def observe(self, motion: int) -> None:
        """The anchor moved ``motion`` places since the page before."""
        self.changes.append(abs(motion - self.motion))
        self.motion = motion

    @property
    def jitter(self) -> int:
        """How far the anchor may stray from where :attr:`motion` puts it (recent changes)."""
        return min(max(self.changes, default=0), self.p._page_size // 2)

    def last_seen_index(self, items: list[T]) -> int:
        """The index of the last record of ``items`` already yielded, or -1."""
        for index in range(len(items) - 1, -1, -1):
            key = self.p._key(items[index])
            if key is not None and key in self.seen:
                return index
        return -1

    def predicted(self, total: int | None) -> int:
        """Where the anchor is now, if the total moved by records added or removed before it."""
        moved = 0 if total is None or self.total_then is None else total - self.total_then
        return self.frontier - 1 + moved

    def stall(self) -> None:
        self.stalled += 1
        if self.stalled >= _MAX_STALLED:
            raise self.inconsistent(
                f"{self.stalled} requests in a row brought no new record (the server ignores "
                "the page number, or the list moves more between two requests than a page "
                "can follow)"
            )

    def inconsistent(self, why: str) -> InconsistentListingError:
        return InconsistentListingError(why, context=self.p._description)


def _contradiction(page: Page[T], start: int, limit: int) -> str | None:
    """What makes ``page`` (requested at ``start``) contradict its own total, if anything."""
    if page.total is None:
        return None
    end = start + len(page.items)
    if page.total < 0:
        return f"a negative total ({page.total})"
    if page.items and end > page.total:
        return f"records past the total ({page.total}) at position {start}"
    if len(page.items) < limit and end < page.total:
        return f"a short page ending at position {end} while the total is {page.total}"
    return None


def _is_last(page: Page[T], start: int, limit: int) -> bool:
    return len(page.items) < limit or (
        page.total is not None and start + len(page.items) >= page.total
    )
