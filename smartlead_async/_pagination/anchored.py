"""``AnchoredWalk``: offset + total listings, followed by record keys while the list moves.

Pages are yielded strictly in list order. After the first page of an iteration, a page is
*connected* when it holds a key among the records yielded recently (an anchor): the records
after the last such key are the current successors of the records yielded so far, whenever
the page was served, as long as the list keeps its order (new records at its head, deletions
anywhere). Yielding them, de-duplicated by key, can neither skip nor repeat a record. Two
more pages connect without an anchor: the first page of a batch when its total equals the
total the frontier was measured at (it was served after that measurement, so the records can
only have moved towards it; the overlap is dropped by key), and a page at offset 0 once the
records yielded before are all gone: it holds the whole list and none of them (while every
record yielded is remembered), or its keys all lie past the last one yielded in the order
keys have followed so far (``campaign_lead_map_id`` falls along a newest-first list).

A page that does not connect is never yielded: placed by :class:`DriftPlanner`, it is behind
the frontier (move on) or possibly past it, and then the next request reaches further back.
A connected page that reaches its own total ends the listing; a page that contradicts its
total is fetched once more, then :class:`InconsistentListingError` is raised: never a silent
stop.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Hashable
from typing import TypeVar

from .._exceptions import SmartleadError
from .drift import DriftPlanner, Frontier
from .open_ended import OpenEndedWalk
from .page import Page
from .resume import ResumePoint
from .source import PageSource
from .walk import PageWalk

__all__ = ["AnchoredWalk"]

log = logging.getLogger("smartlead_async")

T = TypeVar("T")

#: Batches in a row that may bring no new record (misses while learning the drift) before
#: the list is declared to move faster than pages can follow.
_MAX_STALLED_BATCHES = 8
#: Recent keys kept, in pages: enough to find an anchor wherever a page lands near the frontier.
_MEMORY_PAGES = 3


class AnchoredWalk(PageWalk[T]):
    """One iteration over a listing that reports its total (``total_leads``, ``total_stats``)."""

    def __init__(self, source: PageSource[T], start: ResumePoint) -> None:
        super().__init__(source, start, memory=max(_MEMORY_PAGES * source.page_size, 64))
        self.planner = DriftPlanner(self.size, source.prefetch)
        self.frontier: Frontier | None = None
        self.frontier_key: Hashable | None = start.keys[-1] if start.keys else None
        self.base_total: int | None = None
        self.connected_once = False
        self.done = False
        self.rest: OpenEndedWalk[T] | None = None

    @property
    def resume_point(self) -> ResumePoint:
        if self.rest is not None:
            return self.rest.resume_point
        if self.frontier is None or not self.connected_once:
            return self.start
        return ResumePoint.after(
            self.frontier.offset - self.planner.margin, self.frontier.total,
            self.recent.newest(len(self.recent)), all_keys=self.knows_all,
        )

    def contradiction(self, page: Page[T]) -> str | None:
        if page.total is None:
            # Only the first page may lack a total: the listing then ends on a short page.
            return None if self.frontier is None else "a page without a total"
        if page.total < 0:
            return f"a negative total ({page.total})"
        if not page.items and page.offset < page.total:
            return f"an empty page at offset {page.offset} while the total is {page.total}"
        if page.items and page.offset + len(page.items) > page.total:
            return f"records past the total ({page.total}) at offset {page.offset}"
        return None

    async def pages(self) -> AsyncIterator[Page[T]]:
        try:
            first = await self.fetch_checked(self.start.offset)
        except SmartleadError as error:
            raise self.stopped(error) from None
        if first.total is None:  # no total after all: a short page ends the listing
            self.rest = OpenEndedWalk(self.source, self.start, recent=self.recent)
            async for page in self.rest.pages(first):
                yield page
            return
        self.base_total = self.start.total if self.start.total is not None else first.total
        clock = 1.0 if self.start.total is None else None
        self.frontier = Frontier(self.start.offset, self.base_total, clock)
        self.planner.observe(1, 1, [first.total])
        async for page in self.absorb([first], 1.0):
            yield page
        stalled = 0
        while not self.done:
            sent = self.sent
            offsets = self.planner.plan(self.frontier, sent, self.in_flight())
            results, failure = await self.fetch_batch(offsets)
            pages = [page for page in results if page is not None]
            totals = [page.total for page in pages if page.total is not None]
            self.planner.observe(sent + 1, len(offsets), totals)
            before = self.yielded
            async for page in self.absorb(pages, sent + (len(offsets) + 1) / 2):
                yield page
            if failure is not None:
                raise self.stopped(failure)
            stalled = 0 if self.yielded > before or self.done else stalled + 1
            if stalled >= _MAX_STALLED_BATCHES:
                raise self.stopped(self.inconsistent(
                    f"{stalled} batches of pages in a row brought no new record (the server "
                    "ignores the offset, or the list moves more between two requests than a "
                    f"page of {self.size} can absorb)"
                ))

    async def absorb(self, pages: list[Page[T]], clock: float) -> AsyncIterator[Page[T]]:
        """Yield what connects, in list order; judge the rest (behind, or a miss); note the end.

        ``clock`` is when the batch was served, as far as is known: its middle request.
        """
        assert self.frontier is not None
        for page in pages:
            self.note_total(page.total)
        reference = self.frontier  # measured before any page of this batch was served
        pending = sorted(pages, key=lambda page: page.offset)
        connected = 0
        while True:
            for page in pending:
                start = self.connect(page, clock, by_position=self.frontier is reference)
                if start is not None:
                    break
            else:
                break
            pending.remove(page)
            connected += 1
            fresh = self.take(page, start, clock)
            if fresh.items:
                yield fresh
            if page.offset + len(page.items) >= (page.total or 0):  # it holds the list's end
                self.done = True
                return
        # Nothing is left after a frontier at or past the end when it was measured (the first
        # page of an iteration that starts there), nor in an empty list.
        emptied = any(page.offset == 0 and not page.items for page in pending)
        at_end = self.frontier.early and self.frontier.offset >= self.frontier.total
        self.done = emptied or at_end
        self.judge(pending, connected, clock)

    def connect(self, page: Page[T], clock: float, *, by_position: bool) -> int | None:
        """Where a page's new records start, if it connects to what was yielded."""
        assert self.frontier is not None
        if not page.items or page.total is None:
            return None
        keys = self.source.keys(page)
        anchor = self.recent.last_index_in(keys)
        if anchor is not None:
            self.measure(page, anchor, keys[anchor], clock)
            return anchor + 1
        trusted = by_position and self.frontier.early and page.total == self.frontier.total
        if self.source.key is None or trusted:
            # Placed by its total alone: where the records can be at the earliest.
            start = self.frontier.offset - (page.offset - (page.total - self.frontier.total))
            if 0 <= start < len(page.items):
                return start
        if page.offset != 0:
            return None
        # The head of the list, and the records yielded before are all gone: it holds the
        # whole list and none of them (every one being known), or, in the order keys have
        # followed so far, records inserted since (or yielded long ago) and then records past
        # the last one yielded (the records yielded recently would lie between). Nothing
        # precedes the head, so it cannot leave a gap.
        if len(page.items) == page.total and self.knows_all:
            return 0
        at = page.offset - round(self.planner.shift(self.frontier, page.total, clock))
        split = self.recent.head_split(keys)
        if split is not None and at + len(page.items) > self.frontier.offset:
            return split
        return None

    def measure(self, page: Page[T], index: int, key: Hashable, clock: float) -> None:
        """Learn how far an anchor really moved since it was yielded."""
        seen = self.recent.sighting(key)
        if seen is not None and page.total is not None:
            moved = page.offset + index - seen.offset
            self.planner.anchored(moved, page.total - seen.total, clock - seen.clock)

    def take(self, page: Page[T], start: int, clock: float) -> Page[T]:
        """The records of a connected page from ``start`` on that are new; move the frontier.

        A page that brought new records ends at the frontier. One that held only records
        yielded before ends at its anchor, and the frontier is at most as many records
        further as were yielded after the anchor (records are yielded in list order; exactly
        there when the anchor is the last record yielded: then how far it moved since it
        was last seen is measured).
        """
        assert page.total is not None and self.frontier is not None
        fresh = self.fresh(page, start, clock)
        keys = self.source.keys(page)
        if start < len(page.items):
            last_key = next((k for k in reversed(keys) if k is not None), None)
            self.frontier = Frontier(page.offset + len(page.items), page.total, clock)
            self.frontier_key = last_key if last_key is not None else self.frontier_key
        else:
            after = self.recent.yielded_after(keys[start - 1])
            end = page.offset + start
            if after == 0:
                seen = Frontier(end, page.total, clock)
                before = self.frontier
                if before.clock is not None:
                    self.planner.anchored(seen.offset - before.offset,
                                          seen.total - before.total, clock - before.clock)
            else:  # the records yielded after the anchor lie between it and the frontier
                seen = Frontier(end + after, page.total, clock, early=False)
            self.frontier = seen
        self.planner.sighted()
        self.connected_once = True
        return fresh

    def judge(self, pending: list[Page[T]], connected: int, clock: float) -> None:
        """Learn from the pages that did not connect: behind the frontier, or a miss.

        Bounds are on how far the frontier moved beyond what each page's total explains:
        a page of records before it ended before it; one of records after it (or an empty
        page past the end of the list) started after it.
        """
        assert self.frontier is not None
        frontier = self.frontier
        elapsed = clock - (frontier.clock or 0.0)
        seen_here = frontier.clock is not None and frontier.early
        least: list[float] = []  # by page: the frontier moved at least this far...
        ahead: list[float] = []  # ... at most this far (its records all come after it)
        past_end: list[float] = []  # ... at most this far (an empty page past the end)
        for page in pending:
            if page.total is None:
                continue
            if not page.items:
                past_end.append(frontier.total - frontier.offset)
                continue
            explained = page.total - frontier.total
            side = self.recent.side(self.source.keys(page))
            if not side and page.offset == 0:
                # Nothing precedes the head: without an anchor, its records were inserted
                # since (or every record yielded is gone, and then nothing can be proved).
                side = -1
            elif not side:  # the keys do not tell: place it by the model
                at = page.offset - round(self.planner.shift(frontier, page.total, clock))
                side = 1 if at + len(page.items) > frontier.offset else -1
            if side < 0:
                least.append(page.offset + len(page.items) - frontier.offset - explained)
            else:
                ahead.append(page.offset - frontier.offset - explained)
        if least:
            self.planner.fell_behind(max(least), elapsed, seen_here=seen_here)
        if ahead or past_end:
            self.planner.overshot(min(ahead + past_end), elapsed, seen_here=seen_here)
        if ahead:  # a page that may have left a gap: reach further back
            self.planner.missed(max(round(min(ahead)), 1))
        elif connected:
            self.planner.connected()

    def note_total(self, total: int | None) -> None:
        if total is None or total == self.base_total or self.list_changed:
            return
        self.list_changed = True
        log.warning(
            "%s: total changed from %s to %d while paging; following the records by key",
            self.source.description, self.base_total, total,
        )
