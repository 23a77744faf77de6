"""The jitter margin: a floor for every start, plus each start's own lateness.

Two requests that leave a window apart can arrive closer together when their one-way delays
differ. The client cannot see one-way delays, but a round trip slower than the fastest recent
one on its route (endpoints of different cost are not compared) bounds how much later than
the fastest its request may have reached the server. So each start, once its answer is in, is
held that much longer (:meth:`MarginLearner.answered`, recorded in the store with the start);
every start also gets the margin in force: the configured floor, or more for a while after a
429 that the limiter's own starts explain
(:func:`smartlead_async._ratelimit._window.WindowState.refuse`). A start's extra time never
exceeds the ceiling. Holding each start by its own lateness, rather than every start by the
widest spread, costs about half as much under uniform jitter.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from collections import deque
from collections.abc import Callable

import attrs

__all__ = ["MarginLearner", "route_of"]

log = logging.getLogger("smartlead_async")

#: Round trips kept per route.
SAMPLES_PER_ROUTE = 20
#: How much a timing 429 widens the margin, as a factor of the larger of margin and spread.
WIDEN_FACTOR = 1.25
#: How many windows a widening holds before the margin returns to the floor.
WIDENING_WINDOWS = 100
#: A 429 is weighed against jitter up to this multiple of the observed spread.
JITTER_BOUND_FACTOR = 2.0

_ID = re.compile(r"/\d+(?=/|$)")


def route_of(method: str, path: str) -> str:
    """``GET /campaigns/{id}/leads``: the endpoint, whatever the ids in its path."""
    return f"{method} {_ID.sub('/{id}', path)}"


def _spread(trips: deque[float]) -> float:
    if len(trips) < 3:
        return max(trips) - min(trips) if len(trips) == 2 else 0.0
    return sorted(trips)[-2] - min(trips)


@attrs.define
class _Start:
    """An answered start: its round trip, and how much longer it is held so far."""

    start_id: int
    round_trip: float
    answered_at: float
    held: float = 0.0


class MarginLearner:
    """The margin one limiter adds to every start (the floor, widened by timing 429s), and
    each start's own lateness, learned from round trips.

    Args:
        floor: the configured margin (the least it may be).
        ceiling: the most it may grow to.
        per_seconds: the window length (sets the rounding step and how long a widening holds).
        clock: monotonic seconds.
    """

    def __init__(
        self, floor: float, ceiling: float, per_seconds: float, clock: Callable[[], float]
    ) -> None:
        self.floor = floor
        self.ceiling = ceiling
        self._step = per_seconds / 400  # 5 ms for SmartLead's 2 s window
        self._widening_lasts = WIDENING_WINDOWS * per_seconds
        self._clock = clock
        self._trips: dict[str, deque[float]] = {}
        self._recent: dict[str, deque[_Start]] = {}  # answered starts whose hold matters
        self._remember = per_seconds + ceiling
        self._widened = 0.0
        self._widened_until = -math.inf
        self.margin = floor

    @property
    def spread(self) -> float:
        """The largest round-trip spread seen on any route recently (seconds).

        Per route, the second-slowest recent round trip minus the fastest: one stall of the
        client's own process (a garbage collection, a busy CPU) is not network jitter.
        """
        return max((_spread(trips) for trips in self._trips.values()), default=0.0)

    @property
    def round_trip(self) -> float | None:
        """The median recent successful round trip over every route (seconds), None before any."""
        trips = [trip for route in self._trips.values() for trip in route]
        return statistics.median(trips) if trips else None

    @property
    def jitter_bound(self) -> float:
        """The most request-path jitter the limiter believes possible (seconds)."""
        return min(self.ceiling, JITTER_BOUND_FACTOR * self.spread)

    def observe(self, route: str, round_trip: float) -> None:
        """Record one round trip on ``route``."""
        trips = self._trips.get(route)
        if trips is None:
            trips = self._trips[route] = deque(maxlen=SAMPLES_PER_ROUTE)
        trips.append(round_trip)
        self._update("a widening ran out")

    def answered(
        self, route: str, start_id: int, round_trip: float, *, success: bool = True
    ) -> list[tuple[int, float]]:
        """Record the round trip of start ``start_id`` on ``route``; return the starts to hold
        longer, and by how much more, as ``(start_id, seconds)``.

        A start's lateness is its round trip's excess over the fastest recent one on its
        route, within what the ceiling leaves above the margin. Only successful answers'
        round trips are compared (``success``): a 429 comes back faster than a page, a
        gateway's timeout slower. When this round trip is the fastest yet, the recent starts
        on the route (those whose hold still matters) were measured against too slow a
        fastest: they are held longer too. Changes below the rounding step are left to the
        margin (not worth a store call).
        """
        if success:
            self.observe(route, round_trip)
        trips = self._trips.get(route)
        if not trips:
            return []  # nothing to compare with yet
        fastest = min(trips)
        now = self._clock()
        recent = self._recent.setdefault(route, deque())
        while recent and recent[0].answered_at < now - self._remember:
            recent.popleft()
        recent.append(_Start(start_id, round_trip, now))
        room = max(0.0, self.ceiling - self.margin)
        holds: list[tuple[int, float]] = []
        for start in recent:
            wanted = min(max(0.0, start.round_trip - fastest), room)
            if wanted - start.held >= self._step:
                holds.append((start.start_id, wanted - start.held))
                start.held = wanted
        return holds

    def widening(self) -> float | None:
        """The margin a timing 429 would widen to, or None when it is at the ceiling already."""
        if self.margin >= self.ceiling:
            return None
        return min(self.ceiling, WIDEN_FACTOR * max(self.margin, self.spread))

    def widen(self, margin: float) -> None:
        """After a 429 that timing explains: hold at least ``margin`` for a while."""
        self._widened = margin
        self._widened_until = self._clock() + self._widening_lasts
        self._update("a 429 explained by timing")

    def _update(self, reason: str) -> None:
        wanted = self._widened if self._clock() < self._widened_until else 0.0
        wanted = math.ceil(wanted / self._step) * self._step if self._step > 0 else wanted
        margin = min(self.ceiling, max(self.floor, wanted))
        if margin != self.margin:
            log.debug("rate limiter: margin %.3fs -> %.3fs (%s)", self.margin, margin, reason)
            self.margin = margin
