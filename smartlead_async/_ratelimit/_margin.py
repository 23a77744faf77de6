"""The jitter margin, learned from the spread of recent round trips.

Two requests that leave a window apart can arrive closer together when their one-way delays
differ, by at most the request path's jitter. The client cannot see one-way delays, but the
spread of its round trips (largest minus smallest, per route so that endpoints of different
cost are not compared) is an upper bound on it. The margin follows that spread, never below
the configured margin nor above the ceiling; a 429 that the limiter's own starts explain
(:func:`smartlead_async._ratelimit._window.WindowState.refuse`) widens it further for a while.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from collections import deque
from collections.abc import Callable

__all__ = ["MarginLearner", "route_of"]

log = logging.getLogger("smartlead_async")

#: Round trips kept per route.
SAMPLES_PER_ROUTE = 20
#: How much a timing 429 widens the margin, as a factor of the larger of margin and spread.
WIDEN_FACTOR = 1.25
#: How many windows a widening holds before the margin may follow the spread down again.
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


class MarginLearner:
    """The margin one limiter adds to its window, learned from round trips and timing 429s.

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
        """The median recent round trip over every route (seconds), None before any."""
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
        self._update("round-trip spread")

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
        wanted = self.spread
        if self._clock() < self._widened_until:
            wanted = max(wanted, self._widened)
        wanted = math.ceil(wanted / self._step) * self._step if self._step > 0 else wanted
        margin = min(self.ceiling, max(self.floor, wanted))
        if margin != self.margin:
            log.debug("rate limiter: margin %.3fs -> %.3fs (%s)", self.margin, margin, reason)
            self.margin = margin
