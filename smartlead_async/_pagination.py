"""Auto-paginating iterators, one planning policy per pagination style; no HTTP here.

An :class:`AsyncPaginator` is awaitable (the first page), async-iterable (every item of every
page, lazily) and has :meth:`AsyncPaginator.pages`. Pages are fetched in batches: each batch's
requests run concurrently inside one task group that is closed before anything is yielded, so
breaking out of a loop or cancelling it never leaves a request running.

Offset/total listings can shift while they are paged (leads added to or removed from a
campaign). Offsets are tracked in the coordinates of the first page's list: a page whose total
differs by ``d`` is taken to be moved by ``d``, a hole this leaves is fetched again, and none
is yielded twice: records far behind the covered part (a bulk insertion brings them back into
view) are dropped by position, nearer ones by the keys remembered (at least ``_MIN_MEMORY``).
A server whose pages stop bringing new records (one that ignores the offset) stops iteration
after ``_MAX_STALLED_BATCHES`` batches with :class:`InconsistentListingError`, never silently.
"""

from __future__ import annotations

import enum
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, Generic, TypeVar

import anyio

from ._args import int_in_range
from ._constants import DEFAULT_PREFETCH
from ._exceptions import APIError, InconsistentListingError, SmartleadError
from ._models import ItemsOfPages, Page

__all__ = ["AsyncPaginator", "PaginationStyle"]

log = logging.getLogger("smartlead_async")

T = TypeVar("T")
FetchPage = Callable[[int, int], Awaitable[Page[T]]]

# How many refetches of one hole, or how many batches without progress, before giving up.
_MAX_REFETCH = 5
_MAX_STALLED_BATCHES = 3
# Keys remembered for de-duplication, at least (a few kB): a total that is off by fewer than
# half as many records (a count taken apart from the page) cannot bring back a forgotten one.
_MIN_MEMORY = 1024


class PaginationStyle(enum.Enum):
    """How a listing tells that it has ended."""

    TOTAL = "total"  # the page carries a total (``total_leads``, ``total_stats``)
    HAS_MORE = "has_more"  # the page carries ``hasMore`` / ``pagination.has_more``
    SHORT_PAGE = "short_page"  # a page shorter than the limit is the last


class AsyncPaginator(ItemsOfPages[T]):
    """Pages through a listing on its own.

    ``async for item in paginator`` yields every record once; ``await paginator`` returns the
    first page; ``async for page in paginator.pages()`` walks pages.

    Attributes:
        next_offset: the offset (in the server's current numbering) of the first record not
            yet yielded; pass it as ``start_offset`` to resume after an error.
        list_changed: True once the server reported a different total mid-iteration (records
            were added or removed while paging); nothing was skipped or repeated because of it.
    """

    def __init__(
        self,
        fetch: FetchPage[T],
        *,
        style: PaginationStyle,
        page_size: int,
        start_offset: int = 0,
        key: Callable[[T], Hashable | None] | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        description: str = "paging",
    ) -> None:
        self._fetch = fetch
        self._style = style
        self._page_size = page_size
        self._start = start_offset
        self._key = key
        self._prefetch = int_in_range("prefetch", prefetch, minimum=1, maximum=100)
        self._description = description
        self.next_offset = start_offset
        self.list_changed = False

    def __repr__(self) -> str:
        return f"<AsyncPaginator {self._description} from offset {self._start}>"

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch_one(self._start, self._page_size).__await__()

    def pages(self) -> AsyncIterator[Page[T]]:
        """Iterate over pages (each holding only records not yielded before)."""
        walk = _Walk(self)
        return walk.total_pages() if self._style is PaginationStyle.TOTAL else walk.open_pages()

    async def _fetch_one(self, offset: int, limit: int) -> Page[T]:
        try:
            return await self._fetch(offset, limit)
        except APIError as error:
            error.context = error.context or self._description
            raise


class _Walk(Generic[T]):
    """The state of one iteration of an :class:`AsyncPaginator`."""

    def __init__(self, paginator: AsyncPaginator[T]) -> None:
        self.p = paginator
        self.size = paginator._page_size
        self.seen: set[Hashable] = set()
        self.seen_order: deque[Hashable] = deque()
        self.memory = self.base_memory()

    # -- offset + total ---------------------------------------------------------------------
    # Positions are kept in the numbering of the first page's list (``covered``); ``shift`` is
    # how far the list has moved since, so ``covered + shift`` is the next offset to request.
    base_total = 0
    latest_total = 0
    shift = 0
    covered = 0

    @property
    def position(self) -> int:
        return self.covered + self.shift

    async def total_pages(self) -> AsyncIterator[Page[T]]:
        first = await self.fetch(self.p._start, self.size)
        if first.total is None:  # the server sent no total: fall back to short-page ending
            yield self.emit(first, first.next_offset)
            if len(first.items) >= self.size:
                async for page in self.open_pages(first.next_offset):
                    yield page
            return
        self.base_total = self.latest_total = first.total
        self.covered = first.next_offset
        yield self.emit(first, self.position)
        stalled = 0
        # The end of the list is first-page position ``base_total`` whatever the shift (it is
        # judged there, not against the latest total: a refetch may have seen a newer total
        # than the shift of the page placed last).
        while first.items and self.covered < self.base_total:
            if stalled >= _MAX_STALLED_BATCHES:
                raise self.inconsistent("the server's pages stopped bringing new records")
            remaining_pages = -(-(self.base_total - self.covered) // self.size)
            count = min(self.p._prefetch, remaining_pages)
            offsets = [self.position + i * self.size for i in range(count)]
            before = self.covered
            pages, error = await self.fetch_batch(offsets)
            fresh = 0
            for page in pages:
                start, page_shift = self.place(page)
                if start > self.covered:  # the list moved back between two pages: a hole
                    async for filler in self.fill_hole(start):
                        fresh += len(filler.items)
                        yield filler
                self.move(page_shift)
                placed = self.advance(page, start)
                fresh += len(placed.items)
                yield placed
                if not page.items:
                    return
            if error is not None:
                raise self.resumable(error, self.position)
            # No progress, or only records already yielded (a server ignoring the offset).
            stalled = stalled + 1 if self.covered <= before or not fresh else 0

    def place(self, page: Page[T]) -> tuple[int, int]:
        """Where ``page`` starts in first-page numbering, and the shift it was served at."""
        if page.total is None:
            return page.offset - self.shift, self.shift
        if page.total != self.latest_total:
            self.note_change(self.latest_total, page.total)
            self.latest_total = page.total
        page_shift = page.total - self.base_total
        return page.offset - page_shift, page_shift

    def advance(self, page: Page[T], start: int) -> Page[T]:
        """Place ``page`` at first-page position ``start``; return what is new in it.

        Records further behind ``covered`` than half the keys remembered were yielded long
        ago and may be forgotten (a bulk insertion at the head brings them back into view):
        they are dropped by position. Nearer ones are checked by key, which also absorbs a
        total that is a little off.
        """
        behind = self.covered - len(self.seen_order) // 2 - start
        stale = min(max(behind, 0), len(page.items))
        self.covered = max(self.covered, start + len(page.items))
        return self.emit(page, self.position, skip=stale)

    def move(self, shift: int) -> None:
        """Take the list to have moved by ``shift`` since the first page.

        A list that shrank by more than was covered lost (changes happen at the head) every
        record before first-page position ``-shift``: nothing is left to fetch there, and
        ``position`` never goes below offset 0.
        """
        self.shift = shift
        self.covered = max(self.covered, -shift)

    async def fill_hole(self, end: int) -> AsyncIterator[Page[T]]:
        """Fetch again the records from ``covered`` up to ``end`` (first-page numbering).

        A hole of any size is filled page by page; only refetches that make no progress
        (the list moved again) are limited.
        """
        misses = 0
        while self.covered < end:
            if misses >= _MAX_REFETCH:
                raise self.inconsistent(
                    "the list kept moving while records it skipped were fetched again"
                )
            page = await self.fetch(self.position, min(self.size, end - self.covered))
            start, shift = self.place(page)
            self.move(shift)
            if start > self.covered:  # moved again while refetching: retry at the new shift
                misses += 1
                continue
            before = self.covered
            yield self.advance(page, start)
            if not page.items:
                return
            misses = 0 if self.covered > before else misses + 1

    # -- offset + hasMore / short page --------------------------------------------------------
    async def open_pages(self, offset: int | None = None) -> AsyncIterator[Page[T]]:
        offset = self.p._start if offset is None else offset
        batch = 1
        stalled = 0
        while True:
            offsets = [offset + i * self.size for i in range(batch)]
            pages, error = await self.fetch_batch(offsets)
            fresh = 0
            for page in pages:
                if page.offset != offset:  # an earlier page was short: realign
                    break
                offset = page.next_offset
                emitted = self.emit(page, offset)
                fresh += len(emitted.items)
                yield emitted
                if self.is_last(page):
                    return
            if error is not None:
                raise self.resumable(error, offset)
            # A server that ignores the offset sends the same full pages forever.
            stalled = stalled + 1 if pages and not fresh else 0
            if stalled >= _MAX_STALLED_BATCHES:
                raise self.inconsistent("the server kept sending records already yielded")
            batch = min(batch * 2, self.p._prefetch)

    def is_last(self, page: Page[T]) -> bool:
        if not page.items:
            return True
        if page.has_more is not None and self.p._style is PaginationStyle.HAS_MORE:
            return not page.has_more
        return len(page.items) < self.size

    # -- shared ------------------------------------------------------------------------------
    async def fetch(self, offset: int, limit: int) -> Page[T]:
        try:
            return await self.p._fetch_one(offset, limit)
        except SmartleadError as error:
            raise self.resumable(error, self.p.next_offset) from None

    async def fetch_batch(
        self, offsets: list[int]
    ) -> tuple[list[Page[T]], SmartleadError | None]:
        """Fetch pages concurrently; return those before the first failure, and the failure."""
        results: list[Page[T] | None] = [None] * len(offsets)
        errors: list[SmartleadError | None] = [None] * len(offsets)

        async def one(index: int, offset: int) -> None:
            try:
                results[index] = await self.p._fetch_one(offset, self.size)
            except SmartleadError as error:
                errors[index] = error
                group.cancel_scope.cancel()

        async with anyio.create_task_group() as group:
            for index, offset in enumerate(offsets):
                group.start_soon(one, index, offset)
        pages: list[Page[T]] = []
        for page, error in zip(results, errors, strict=True):
            if page is None:
                return pages, error or next(e for e in errors if e is not None)
            pages.append(page)
        return pages, None

    def emit(self, page: Page[T], next_offset: int | None = None, *, skip: int = 0) -> Page[T]:
        """Drop the first ``skip`` records and those yielded before; record progress."""
        key = self.p._key
        items = page.items[skip:] if skip else page.items
        if key is not None:
            fresh = []
            for item in items:
                k = key(item)
                if k is None:
                    fresh.append(item)
                elif k not in self.seen:
                    self.remember(k)
                    fresh.append(item)
            items = fresh
        if next_offset is not None:
            self.p.next_offset = next_offset
        return Page(items=items, offset=page.offset, total=page.total, has_more=page.has_more)

    def base_memory(self) -> int:
        """How many keys to remember: the records in flight, and at least ``_MIN_MEMORY``."""
        return max((self.p._prefetch + 2) * self.size, _MIN_MEMORY)

    def remember(self, key: Hashable) -> None:
        self.seen.add(key)
        self.seen_order.append(key)
        if len(self.seen_order) > self.memory:
            self.seen.discard(self.seen_order.popleft())

    def note_change(self, old: int, new: int) -> None:
        self.p.list_changed = True
        # A shift of d can bring back records up to d positions old: remember that many more.
        self.memory = max(self.memory, self.base_memory() + abs(new - old) * 2)
        log.warning("%s: total changed from %d to %d while paging", self.p._description, old, new)

    def inconsistent(self, why: str) -> InconsistentListingError:
        """Stop: the pages contradict each other, and going on could miss records."""
        return InconsistentListingError(
            why, resume_offset=self.p.next_offset, context=self.p._description
        )

    def resumable(self, error: SmartleadError, resume_offset: int) -> SmartleadError:
        if isinstance(error, APIError):
            error.context = error.context or self.p._description
            if error.resume_offset is None:
                error.resume_offset = resume_offset
        return error
