"""``OpenEndedWalk``: listings that do not tell their length (``hasMore``, or a short page).

Pages follow one another at exact offsets (``offset + len(page)``); records yielded before are
dropped by key. The walk cannot know where the listing ends until a page says so, so every
request it keeps in flight beyond the end is rate budget wasted for every task sharing the
key: it keeps about latency x allowed rate requests in flight (Little's law, see
``in_flight``; at most doubling from one batch to the next), and cancels the requests still
waiting for the rate limiter once a page ends the listing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TypeVar

from .page import Page
from .recent import RecentKeys
from .resume import ResumePoint
from .source import PageSource, PaginationStyle
from .walk import PageWalk

__all__ = ["OpenEndedWalk"]

T = TypeVar("T")

#: Batches in a row that may bring only records yielded before (a server ignoring the offset).
_MAX_STALLED_BATCHES = 3
#: Keys a resume point carries: offsets here are exact, the keys only drop a shifted overlap.
_RESUME_KEYS = 64


class OpenEndedWalk(PageWalk[T]):
    """One iteration over a listing ended by ``hasMore: false``, an empty or a short page."""

    def __init__(
        self, source: PageSource[T], start: ResumePoint, *, recent: RecentKeys | None = None
    ) -> None:
        super().__init__(source, start, memory=max(2 * source.page_size, 64), recent=recent)
        self.offset = start.offset  # of the first record not yet yielded
        self.by_has_more = source.style is PaginationStyle.HAS_MORE

    @property
    def resume_point(self) -> ResumePoint:
        return ResumePoint.after(
            self.offset, None, self.recent.newest(_RESUME_KEYS),
            all_keys=self.knows_all and len(self.recent) <= _RESUME_KEYS,
        )

    def is_last(self, page: Page[T]) -> bool:
        """Whether ``page`` ends the listing."""
        if not page.items:
            return True
        if page.has_more is not None and self.by_has_more:
            return not page.has_more
        return len(page.items) < self.size

    async def pages(self, first: Page[T] | None = None) -> AsyncIterator[Page[T]]:
        """Pages from the start; ``first`` is the first page when it was already fetched."""
        batch = 1
        if first is not None:
            fresh = self.take(first)
            if fresh.items:
                yield fresh
            if self.is_last(first):
                return
            batch = min(self.in_flight(), 2)
        stalled = 0
        while True:
            offsets = [self.offset + i * self.size for i in range(batch)]
            results, error = await self.fetch_batch(offsets, last=self.is_last)
            before = self.yielded
            for page in results:
                if page is None or page.offset != self.offset:  # an earlier page was short
                    break
                fresh = self.take(page)
                if fresh.items:
                    yield fresh
                if self.is_last(page):
                    return
            if error is not None:
                raise self.stopped(error)
            stalled = 0 if self.yielded > before else stalled + 1
            if stalled >= _MAX_STALLED_BATCHES:
                raise self.stopped(self.inconsistent(
                    "the server kept sending records already yielded (it ignores the offset?)"
                ))
            # At most double: the first round trips (a new connection, cold caches) are
            # slower than the ones after, and a wrong guess here is paid in requests.
            batch = min(self.in_flight(), 2 * batch)

    def take(self, page: Page[T]) -> Page[T]:
        """The new records of the page at the current offset; move past it."""
        fresh = self.fresh(page)
        self.offset = page.next_offset
        return fresh
