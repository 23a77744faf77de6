"""Auto-paginating iterators, one planning policy per pagination style; no HTTP here.

An :class:`AsyncPaginator` is awaitable (the first page), async-iterable (every item of every
page, lazily) and has :meth:`AsyncPaginator.pages`. Pages are fetched in batches: each batch's
requests run concurrently inside one task group that is closed before anything is yielded, so
breaking out of a loop or cancelling it never leaves a request running.

Offset/total listings can shift while they are paged (leads added to or removed from a
campaign). Offsets are tracked in the coordinates of the first page's list: a page whose total
differs by ``d`` is taken to be moved by ``d``, a hole this leaves is fetched again, and the
records seen last are remembered so none is yielded twice.
"""

from __future__ import annotations

import enum
import logging
import math
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Hashable
from typing import Any, Generic, TypeVar

import anyio

from ._constants import DEFAULT_PREFETCH
from ._exceptions import APIError, SmartleadError
from ._models import Page
from ._validate import int_in_range

__all__ = ["AsyncPaginator", "PaginationStyle"]

log = logging.getLogger("smartlead_async")

T = TypeVar("T")
FetchPage = Callable[[int, int], Awaitable[Page[T]]]

# How many refetches of one hole, or how many batches without progress, before giving up.
_MAX_REFETCH = 5
_MAX_STALLED_BATCHES = 3


class PaginationStyle(enum.Enum):
    """How a listing tells that it has ended."""

    TOTAL = "total"  # the page carries a total (``total_leads``, ``total_stats``)
    HAS_MORE = "has_more"  # the page carries ``hasMore`` / ``pagination.has_more``
    SHORT_PAGE = "short_page"  # a page shorter than the limit is the last


class AsyncPaginator(Generic[T]):
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

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

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
        self.memory = (paginator._prefetch + 2) * self.size

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
        while first.items and self.position < self.latest_total:
            if stalled >= _MAX_STALLED_BATCHES:
                log.warning("%s: stopped, the server's pages stopped advancing",
                            self.p._description)
                return
            remaining_pages = math.ceil((self.latest_total - self.position) / self.size)
            count = min(self.p._prefetch, remaining_pages)
            offsets = [self.position + i * self.size for i in range(count)]
            before = self.covered
            pages, error = await self.fetch_batch(offsets)
            for page in pages:
                start, page_shift = self.place(page)
                if start > self.covered:  # the list moved back between two pages: a hole
                    async for filler in self.fill_hole(start):
                        yield filler
                self.shift = page_shift
                self.covered = max(self.covered, start + len(page.items))
                yield self.emit(page, self.position)
                if not page.items:
                    return
            if error is not None:
                raise self.resumable(error, self.position)
            stalled = stalled + 1 if self.covered <= before else 0

    def place(self, page: Page[T]) -> tuple[int, int]:
        """Where ``page`` starts in first-page numbering, and the shift it was served at."""
        if page.total is None:
            return page.offset - self.shift, self.shift
        if page.total != self.latest_total:
            self.note_change(self.latest_total, page.total)
            self.latest_total = page.total
        page_shift = page.total - self.base_total
        return page.offset - page_shift, page_shift

    async def fill_hole(self, end: int) -> AsyncIterator[Page[T]]:
        """Fetch again the records from ``covered`` up to ``end`` (first-page numbering)."""
        for _ in range(_MAX_REFETCH):
            if self.covered >= end:
                return
            page = await self.fetch(self.position, min(self.size, end - self.covered))
            start, self.shift = self.place(page)
            if start > self.covered:  # moved again while refetching: retry at the new shift
                continue
            self.covered = max(self.covered, start + len(page.items))
            yield self.emit(page, self.position)
            if not page.items:
                return
        log.warning("%s: the list kept moving; records may be missing", self.p._description)

    # -- offset + hasMore / short page --------------------------------------------------------
    async def open_pages(self, offset: int | None = None) -> AsyncIterator[Page[T]]:
        offset = self.p._start if offset is None else offset
        batch = 1
        while True:
            offsets = [offset + i * self.size for i in range(batch)]
            pages, error = await self.fetch_batch(offsets)
            for page in pages:
                if page.offset != offset:  # an earlier page was short: realign
                    break
                offset = page.next_offset
                yield self.emit(page, offset)
                if self.is_last(page):
                    return
            if error is not None:
                raise self.resumable(error, offset)
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

    def emit(self, page: Page[T], next_offset: int | None = None) -> Page[T]:
        """Drop records yielded before and record progress."""
        key = self.p._key
        items = page.items
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

    def remember(self, key: Hashable) -> None:
        self.seen.add(key)
        self.seen_order.append(key)
        if len(self.seen_order) > self.memory:
            self.seen.discard(self.seen_order.popleft())

    def note_change(self, old: int, new: int) -> None:
        self.p.list_changed = True
        # A shift of d can bring back records up to d positions old: remember that many more.
        self.memory = max(self.memory, (self.p._prefetch + 2) * self.size + abs(new - old) * 2)
        log.warning("%s: total changed from %d to %d while paging", self.p._description, old, new)

    def resumable(self, error: SmartleadError, resume_offset: int) -> SmartleadError:
        if isinstance(error, APIError):
            error.context = error.context or self.p._description
            if error.resume_offset is None:
                error.resume_offset = resume_offset
        return error
