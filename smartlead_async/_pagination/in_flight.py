"""How many page requests to keep in flight: Little's law over the measured round trip.

To use an allowed rate of ``r`` requests per second when each request takes ``L`` seconds,
about ``L * r`` requests must be in flight; more only wait in the rate limiter, and for a
listing that does not say how long it is, each extra one may be a request past its end:
budget taken from every task sharing the API key.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

from .._ratelimit import RateLimit

__all__ = ["RoundTrips", "allowed_rate", "littles_law", "network_latency"]

#: Round trips remembered; the smallest is taken as the latency (the others waited in a queue).
_SAMPLES = 8


class RoundTrips:
    """The latest page round trips; :attr:`latency` is the smallest of them."""

    def __init__(self) -> None:
        self._samples: deque[float] = deque(maxlen=_SAMPLES)

    def add(self, seconds: float) -> None:
        """Record one round trip."""
        self._samples.append(max(seconds, 0.0))

    @property
    def latency(self) -> float | None:
        """The latency of a request (seconds), or None before any was measured.

        The minimum, not the mean: a request that waited for the rate limiter took longer
        than the network did, and counting that wait would ask for ever more requests.
        """
        return min(self._samples) if self._samples else None


def littles_law(latency: float | None, allowed_rate: float | None, most: int) -> int:
    """Requests to keep in flight: ``ceil(latency * allowed_rate)``, from 1 to ``most``.

    Args:
        latency: the measured round trip in seconds (None: not measured yet, 1 request).
        allowed_rate: requests per second the rate limit allows (None: no limit, ``most``).
        most: the upper bound (the paginator's ``prefetch``).
    """
    if latency is None:
        return 1
    if allowed_rate is None:
        return most
    return max(1, min(most, math.ceil(latency * allowed_rate)))


def allowed_rate(limiter: object) -> float | None:
    """Requests per second a client's rate limiter lets through (None: no limiter).

    Read from the limiter's :class:`RateLimit` (window plus margin); a limiter of your own
    without one is taken to allow SmartLead's documented rate.
    """
    if limiter is None:
        return None
    config = getattr(limiter, "config", None)
    if not isinstance(config, RateLimit):
        config = RateLimit()
    return config.requests / (config.per_seconds + config.margin)


def network_latency(limiter: object) -> Callable[[], float | None]:
    """A reader of the latency a client's rate limiter measures (None: it measures none).

    The limiter times each request from leaving to its answer, so the time spent waiting for
    the limiter is left out: when several tasks or processes share the rate, every page
    waits, and a paginator timing its own pages would take the wait for latency and keep
    more requests in flight than the rate can serve (each one a record of overlap).
    """

    def latency() -> float | None:
        value = getattr(limiter, "round_trip", None)
        return value if isinstance(value, float) else None

    return latency
