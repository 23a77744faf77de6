"""``DriftPlanner``: which offsets to request next from a list that may be moving.

The planner never decides what is yielded (record keys do, see ``anchored``): it only aims the
requests so that pages usually overlap what was yielded, and rarely waste a request.

Its model of where the first record not yet yielded (the frontier) is at a given moment:

* the list's total changes by about :attr:`DriftPlanner.rate` records per request served, and
  a change of the total moves the frontier by as much (a newest-first list gaining leads at
  its head). A page's own total therefore places it, whenever it was served;
* what the total does not explain (deletions after the frontier, which shrink the total but
  move nothing before them; records appended at the tail) is :attr:`DriftPlanner.bias`
  records per request, learned from anchors: each one is a record seen twice, and how far it
  really moved between the two sightings is measured, not guessed;
* :attr:`DriftPlanner.jitter` is how far totals and anchors stray from that.

Each estimate is the median of the last few samples, so a one-off bulk insertion does not
become a trend. A page that missed the frontier tells, by its keys or its place, whether the
frontier is before or after it: the next request aims between what such pages told, moved
on by the bias since (doubling its jump while pages keep falling behind, or keep landing past
it).

Concurrent requests are served in any order, so the more are in flight, the less is known
about the moment each is served: consecutive pages must overlap by that spread, on top of a
margin learned from misses. When the spread would eat too much of a page, fewer requests go
out at once. A list that does not move is paged one request at a time while that keeps up
with the allowed rate (no overlap at all), else in batches growing from 2 towards
``prefetch`` (at most doubling), each page after a batch's first overlapping the one before
by a record. Near the end of the list, the request aims at its last page.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DriftPlanner", "Frontier"]

#: A page may be aimed this far before the frontier at most (in pages), so it still reaches
#: past it: the rest of the uncertainty is left to misses.
_MOST_EARLY = 0.75
#: In-flight requests are cut so that their spread stays within this share of a page...
_ABSORB_SHARE = 0.5
#: ...and kept above Little's law while their spread costs less than this share of a page.
_CHEAP_SHARE = 0.05
#: Below these, the list counts as still again: the next page may start exactly at the frontier.
_STILL = 0.5
#: The first batch on a list that looks still (it grows while the list stays still).
_FIRST_STILL_BATCH = 2
#: Batches without a miss before the margin shrinks a step.
_CLEAN_BATCHES = 4
#: Samples the estimates are the median of: one bulk insertion is an outlier, not a trend.
_SAMPLES = 5


class _Median:
    """The median of the last few samples (0 before any)."""

    def __init__(self) -> None:
        self._samples: deque[float] = deque(maxlen=_SAMPLES)

    def add(self, sample: float) -> None:
        self._samples.append(sample)

    @property
    def value(self) -> float:
        return statistics.median(self._samples) if self._samples else 0.0


@dataclass(frozen=True)
class _Bound:
    """What a page that missed the frontier told: it had moved ``value`` records (more than
    the totals explain), at most or at least, ``elapsed`` requests after its sighting."""

    value: float
    elapsed: float
    seen_here: bool  # the sighting was exact, in this iteration: the move grows from 0

    def at(self, elapsed: float, bias: float) -> float:
        """The bound ``elapsed`` requests after the sighting: a steady move keeps its pace;
        otherwise (no pace to read) it moves on by the bias."""
        if self.seen_here and self.elapsed >= 1:
            return self.value * elapsed / self.elapsed
        return self.value + bias * (elapsed - self.elapsed)


@dataclass(frozen=True)
class Frontier:
    """Where the first record not yet yielded is: at ``offset`` when the list held ``total``.

    ``clock`` is when that was seen (requests sent in this iteration; None for a resume point,
    seen in an earlier one). ``early`` is True when ``offset`` is at or before the record
    (seen there, or a resume point's conservative offset), False when it is only an upper
    bound (inferred from an older record).
    """

    offset: int
    total: int
    clock: float | None = None
    early: bool = True


class DriftPlanner:
    """Learns how a list moves and plans the offsets of the next batch of pages.

    Args:
        page_size: the limit of every request.
        prefetch: the most requests in flight.
    """

    def __init__(self, page_size: int, prefetch: int) -> None:
        self.size = page_size
        self.prefetch = prefetch
        self.margin = 0  # records each page reaches back, learned from misses
        self._rate = _Median()  # change of the total per request served
        self._bias = _Median()  # move of the frontier per request the total does not show
        self._jitter = _Median()  # how far totals and anchors stray from that, in records
        self._trend: tuple[float, float] | None = None  # (request count, total) on the trend
        # Since the frontier was last seen: what the pages that missed it tell about how far
        # it moved beyond what the totals explain, and how many batches in a row fell behind.
        self._floor: _Bound | None = None
        self._ceiling: _Bound | None = None
        self._behind = 0
        self._ahead = 0
        self._still_batch = _FIRST_STILL_BATCH  # pages per batch while the list is still
        self._clean = 0  # batches without a miss since the margin last changed

    @property
    def rate(self) -> float:
        """How much the total changes per request served."""
        return self._rate.value

    @property
    def bias(self) -> float:
        """How far the frontier moves per request beyond what the total shows."""
        return self._bias.value

    @property
    def jitter(self) -> float:
        """How far totals and anchors stray from :attr:`rate` and :attr:`bias`, in records."""
        return self._jitter.value

    @property
    def still(self) -> bool:
        """Whether the list looks still: a page may start exactly at the frontier."""
        return self.margin == 0 and self._quiet

    @property
    def _quiet(self) -> bool:
        return self.jitter < _STILL and abs(self.rate) < _STILL and abs(self.bias) < _STILL

    # -- learning --------------------------------------------------------------------------------

    def total_at(self, clock: float) -> float:
        """The total expected when the ``clock``-th request of the iteration is served."""
        if self._trend is None:
            return 0.0
        at, total = self._trend
        return total + self.rate * (clock - at)

    def observe(self, first_clock: int, count: int, totals: Sequence[int]) -> None:
        """Learn from the totals of a batch of ``count`` requests, the first one ``first_clock``.

        The batch's requests were served in an unknown order, but all after the previous
        batch's: the mean of their totals is the total at the batch's middle request.
        """
        if not totals:
            return
        middle = first_clock + (count - 1) / 2
        mean = math.fsum(totals) / len(totals)
        spread = max(totals) - min(totals)
        if self._trend is not None:
            at, total = self._trend
            expected = self.total_at(middle)
            self._rate.add((mean - total) / max(middle - at, 1.0))
            stray = max(abs(mean - expected), (spread - abs(self.rate) * (count - 1)) / 2)
            self._jitter.add(max(stray, 0.0))
        elif spread:
            self._jitter.add(spread / 2)
        self._trend = (middle, mean)

    def anchored(self, moved: int, total_change: int, elapsed: float) -> None:
        """A record was seen again: it ``moved`` while the total changed by ``total_change``
        over ``elapsed`` requests."""
        if elapsed < 1:
            return
        unexplained = moved - total_change
        self._jitter.add(abs(unexplained - self.bias * elapsed))
        self._bias.add(unexplained / elapsed)

    def sighted(self) -> None:
        """The frontier was seen again: what misses told about it is out of date."""
        self._floor = self._ceiling = None
        self._behind = self._ahead = 0

    def fell_behind(self, least: float, elapsed: float, *, seen_here: bool) -> None:
        """Pages of a batch held only records before the frontier: ``elapsed`` requests after
        it was seen (here, in this iteration, if ``seen_here``), it had moved at least
        ``least`` records more than the totals explain."""
        self._floor = _Bound(least, elapsed, seen_here)
        if self._ceiling is not None and self._ceiling.at(elapsed, self.bias) < least:
            self._ceiling = None  # the frontier has moved on since that page: forget it
        self._behind += 1
        self._ahead = 0
        self.margin = max(1, self.margin // 2)  # reaching back was too much

    def overshot(self, most: float, elapsed: float, *, seen_here: bool) -> None:
        """A page held only records after the frontier: ``elapsed`` requests after it was
        seen, it had moved at most ``most`` records more than the totals explain."""
        self._ceiling = _Bound(most, elapsed, seen_here)
        if self._floor is not None and self._floor.at(elapsed, self.bias) > most:
            self._floor = None  # the list has moved back since that page: forget it
        self._behind = 0
        self._ahead += 1

    def missed(self, overshoot: int) -> None:
        """A page landed after the frontier (a possible gap): reach further back next time.

        The margin at least doubles and grows past the overshoot, so a refetch never asks
        for exactly the gap seen (the list may have moved again by then).
        """
        most = max(self.size // 2, 1)  # a page aimed right still brings half a page
        self.margin = min(most, max(2 * self.margin, self.margin + overshoot, 2))
        self._clean = 0

    def connected(self) -> None:
        """A batch connected without a miss: let the margin shrink, slowly (a miss costs a
        request, a record of margin a hundredth of one)."""
        self._clean += 1
        if self._clean >= _CLEAN_BATCHES:
            self._clean = 0
            self.margin = max(0 if self._quiet else 1, self.margin - max(1, self.margin // 4))

    # -- planning --------------------------------------------------------------------------------

    def shift(self, frontier: Frontier, total: float, clock: float) -> float:
        """How far the frontier moved between its sighting and a page served at ``clock``
        with ``total`` records."""
        return total - frontier.total + self._unexplained(frontier, clock)

    def _unexplained(self, frontier: Frontier, clock: float) -> float:
        """The frontier's move the total does not explain: the bias since its sighting (none
        known across a resume), kept within what the latest pages that missed it told.
        While pages keep falling behind, or keep landing past it, the jumps double (a list
        growing at its tail moves the total, not the frontier: only doubling finds it before
        the list outgrows the search); between a floor and a ceiling, it bisects."""
        elapsed = clock - (frontier.clock or 0.0)
        moved = 0.0 if frontier.clock is None else self.bias * elapsed
        low = None if self._floor is None else self._floor.at(elapsed, self.bias)
        high = None if self._ceiling is None else self._ceiling.at(elapsed, self.bias)
        if low is not None and moved < low:
            moved = low + self.size / 2 * 2 ** max(self._behind - 1, 0)
        if high is not None and moved > high:
            moved = high - self.size / 2 * (2 ** max(self._ahead - 1, 0) - 1)
        if low is not None and high is not None and not low <= moved <= high:
            moved = (low + high) / 2
        return moved

    def spread(self, in_flight: int) -> float:
        """How much the frontier may differ between ``in_flight`` concurrent requests."""
        return (abs(self.rate) + abs(self.bias)) * (in_flight - 1) + 2 * self.jitter

    def plan(self, frontier: Frontier, clock: int, little: int) -> list[int]:
        """The offsets of the next batch (ascending).

        Args:
            frontier: where the next record is.
            clock: requests sent so far in this iteration.
            little: requests Little's law asks to keep in flight.
        """
        size = self.size
        remaining = max(frontier.total - frontier.offset, 0)
        expected = round(self.shift(frontier, self.total_at(clock + 1), clock + 1))
        if size == 1 or (self.still and expected == 0):
            # The first page starts at the frontier; each next one overlaps the one before by
            # a record, the anchor that proves nothing moved between the two pages (served in
            # an unknown order). When one request at a time keeps up with the allowed rate
            # (Little's law asks for 1), that is what goes out: no overlap at all. Otherwise
            # every page is needed, and batches grow towards ``prefetch`` so a whole rate
            # window's burst goes out at once; they start small and at most double, so a list
            # that starts moving wastes few requests.
            step = max(size - 1, 1)
            count = 1
            if size > 1 and remaining > size:
                count = 1 + math.ceil((remaining - size) / step)
            wanted = 1 if little <= 1 else max(little, self._still_batch)
            count = min(self.prefetch, count, wanted)
            self._still_batch = min(2 * self._still_batch, self.prefetch)
            start = frontier.offset + expected
            return sorted({max(0, start + i * step) for i in range(count)})
        self._still_batch = _FIRST_STILL_BATCH
        count = self._in_flight(little, remaining)
        overlap = max(self.margin, 1)
        shifts = [
            self.shift(frontier, self.total_at(clock + n), clock + n) for n in (1, count)
        ]
        middle = (shifts[0] + shifts[1]) / 2
        unsure = min(middle - min(shifts) + self.jitter, max(_MOST_EARLY * size - overlap, 0))
        early = overlap + unsure
        step = max(1, math.floor(size - self.spread(count) - overlap))
        first = math.floor(frontier.offset + middle - early)
        # Near the end, the last page of the list holds the frontier whatever the bias says:
        # aim at it (the total is known far better than the frontier's drift).
        end = max(self.total_at(clock + 1), self.total_at(clock + count)) + self.jitter
        first = min(first, math.ceil(end) - size)
        return sorted({max(0, first + i * step) for i in range(count)})

    def _in_flight(self, little: int, remaining: int) -> int:
        """Requests in flight: Little's law, fewer when their spread costs too much overlap."""
        size, drift = self.size, abs(self.rate) + abs(self.bias)
        overlap = max(self.margin, 1)
        room = _ABSORB_SHARE * size - overlap - 2 * self.jitter
        absorb = cheap = self.prefetch
        if room <= 0:  # one page is all that can be aimed with any confidence
            absorb = 1
        elif drift > 0:
            absorb = 1 + math.floor(room / drift)
        if drift > 0:
            cheap = 1 + math.floor(_CHEAP_SHARE * size / drift)
        count = max(1, min(self.prefetch, absorb, max(little, cheap)))
        step = max(1.0, size - self.spread(count) - overlap)
        needed = max(1, math.ceil((remaining + overlap + self.spread(count)) / step))
        return min(count, needed)
