"""Client-side rate limiting shared by every task and client that use the same API key.

The server counts request arrivals in a sliding window, so the default limiter is a
sliding-window log: a request may start only when fewer than N requests started in the last
``per_seconds + margin`` seconds. It admits a burst of N and then N per window, which is the
fastest schedule a strict server accepts.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import logging
import time
import weakref
from collections.abc import Callable, Mapping
from typing import Literal, Protocol, runtime_checkable

import aiolimiter
import anyio
import attrs

from ._constants import (
    DEFAULT_RATE_LIMIT_MARGIN,
    DEFAULT_RATE_LIMIT_REQUESTS,
    DEFAULT_RATE_LIMIT_SECONDS,
)

__all__ = [
    "LeakyBucketLimiter",
    "RateLimit",
    "RateLimiter",
    "SlidingWindowLimiter",
    "shared_limiter",
]

log = logging.getLogger("smartlead_async")

Strategy = Literal["sliding_window", "leaky_bucket"]


def _positive_int(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"RateLimit.{attribute.name} must be a positive int, got {value!r}")


def _positive_number(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"RateLimit.{attribute.name} must be a number > 0, got {value!r}")


def _non_negative_number(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ValueError(f"RateLimit.{attribute.name} must be a number >= 0, got {value!r}")


def _known_strategy(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("sliding_window", "leaky_bucket"):
        raise ValueError(
            f"RateLimit.strategy must be 'sliding_window' or 'leaky_bucket', got {value!r}"
        )


@attrs.frozen
class RateLimit:
    """How many requests may start per window, e.g. ``RateLimit(10, 2.0)`` (SmartLead's figure).

    Attributes:
        requests: requests allowed per window.
        per_seconds: window length in seconds.
        margin: extra seconds added to the window to absorb network jitter.
        strategy: ``"sliding_window"`` (bursts up to ``requests``, the fastest safe schedule)
            or ``"leaky_bucket"`` (even pacing, one request every ``(per_seconds+margin)/requests``
            seconds; asyncio only).
    """

    requests: int = attrs.field(default=DEFAULT_RATE_LIMIT_REQUESTS, validator=_positive_int)
    per_seconds: float = attrs.field(
        default=DEFAULT_RATE_LIMIT_SECONDS, validator=_positive_number
    )
    margin: float = attrs.field(
        default=DEFAULT_RATE_LIMIT_MARGIN, kw_only=True, validator=_non_negative_number
    )
    strategy: Strategy = attrs.field(
        default="sliding_window", kw_only=True, validator=_known_strategy
    )

    def build(self) -> RateLimiter:
        """Create a new, unshared limiter for this configuration."""
        if self.strategy == "leaky_bucket":
            return LeakyBucketLimiter(self)
        return SlidingWindowLimiter(self)


@runtime_checkable
class RateLimiter(Protocol):
    """What the transport needs from a limiter; implement it to share limits across processes."""

    async def acquire(self) -> Callable[[], None] | None:
        """Wait until one more request may start, and count it as started.

        May return a function that the transport calls at the moment the request is really
        sent (once its connection is ready), so the start can be dated precisely; a limiter
        that does not need this returns ``None``.
        """

    def penalize(self, seconds: float) -> None:
        """Stop every request from starting for ``seconds`` (after a 429)."""

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        """Learn from ``x-ratelimit-*`` response headers, when the server sends them."""


class _PenaltyBox:
    """The shared "nobody starts before" instant set by 429s and exhausted quotas."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.blocked_until = 0.0

    def penalize(self, seconds: float) -> None:
        """After a 429: hold every request back for ``seconds``."""
        self._pause(seconds)

    def _pause(self, seconds: float) -> None:
        until = self._clock() + max(seconds, 0.0)
        if until > self.blocked_until:
            log.debug("rate limiter: all requests paused for %.3fs", seconds)
            self.blocked_until = until

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        remaining = _header_number(headers, "x-ratelimit-remaining")
        reset = _header_number(headers, "x-ratelimit-reset")
        if remaining is not None and remaining <= 0 and reset is not None:
            # Epoch seconds are far above any sane delta; otherwise it is seconds from now.
            wait = reset - time.time() if reset > 1_000_000_000 else reset
            self._pause(min(wait, 120.0))  # a quota used up on time, not a refusal


def _header_number(headers: Mapping[str, str], name: str) -> float | None:
    raw = headers.get(name)
    try:
        return float(raw) if raw is not None else None
    except ValueError:
        return None


class SlidingWindowLimiter(_PenaltyBox):
    """At most ``requests`` starts in any ``per_seconds + margin`` window; FIFO; loop-agnostic.

    Each caller reserves the earliest instant after the queue ahead of it, sleeps until then,
    and re-checks the window on waking (a late wake-up or a 429 penalty may have invalidated
    the reservation). It keeps no event-loop-bound state, so one instance can serve clients
    on several event loops.

    When the server still answers 429 (its real limit is lower than configured, e.g. a
    per-minute plan limit), the window's allowance is halved, at most once per window, and
    regains one request per window without a 429: without this, every task held back by the
    pause would start again at once when it ends, and be refused again.
    """

    def __init__(self, config: RateLimit, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock)
        self.config = config
        self._span = config.per_seconds + config.margin
        self._times: list[float] = []  # sorted start times: past starts and pending reservations
        self.allowance = config.requests  # requests per window, lowered after 429s
        self._allowance_changed = -self._span

    def penalize(self, seconds: float) -> None:
        super().penalize(seconds)
        now = self._clock()
        if now - self._allowance_changed >= self._span and self.allowance > 1:
            self.allowance = max(1, self.allowance // 2)
            self._allowance_changed = now
            log.debug("rate limiter: allowance lowered to %d per window", self.allowance)

    def _recover_allowance(self, now: float) -> None:
        if self.allowance < self.config.requests and now - self._allowance_changed >= self._span:
            self.allowance += 1
            self._allowance_changed = now

    async def acquire(self) -> Callable[[], None]:
        while True:
            now = self._clock()
            self._forget_before(now - self._span)
            at = self._next_free(now)
            bisect.insort(self._times, at)
            try:
                if at > now:
                    await anyio.sleep(at - now)
            finally:
                # A loop stalled for over a window may have let another task forget it already.
                _discard(self._times, at)
            started = await self._start_when_window_allows()
            if started is not None:
                return lambda: self._redate(started)

    async def _start_when_window_allows(self) -> float | None:
        """Record a start once the window has room; ``None`` if a penalty began meanwhile.

        A reservation is only a plan: a start ahead of it may have happened a little late,
        so the window is checked against what really started and the caller waits just
        until the oldest start ages out, keeping its place instead of queueing again.
        """
        while True:
            now = self._clock()
            if now < self.blocked_until:
                return None
            self._recover_allowance(now)
            lo = bisect.bisect_right(self._times, now - self._span)
            hi = bisect.bisect_right(self._times, now)
            excess = hi - lo - self.allowance
            if excess < 0:
                bisect.insort(self._times, now)
                return now
            await anyio.sleep(self._times[lo + excess] + self._span - now)

    def _redate(self, started: float) -> None:
        """Move a recorded start to now, when the request really left.

        A request can leave well after it was admitted: a new connection needs a TCP and TLS
        handshake first, which a later request on a warm connection skips, so the server
        would see the two closer together than the limiter did.
        """
        if _discard(self._times, started):
            bisect.insort(self._times, max(self._clock(), started))

    def _next_free(self, now: float) -> float:
        earliest = max(now, self.blocked_until)
        if len(self._times) >= self.allowance:
            earliest = max(earliest, self._times[-self.allowance] + self._span)
        return earliest

    def _forget_before(self, instant: float) -> None:
        del self._times[: bisect.bisect_right(self._times, instant)]


def _discard(times: list[float], value: float) -> bool:
    """Remove one ``value`` from the sorted ``times`` if it is still there; say whether it was."""
    index = bisect.bisect_left(times, value)
    if index < len(times) and times[index] == value:
        del times[index]
        return True
    return False


class LeakyBucketLimiter(_PenaltyBox):
    """Even pacing through ``aiolimiter``: one request per ``(per_seconds+margin)/requests``.

    ``aiolimiter.AsyncLimiter(10, 2)`` would admit 10 at once and then one every 0.2 s (19 in
    the first two seconds), so this uses a capacity-1 bucket instead. It never bursts, so it
    reaches about 95% of the window rate; use it for even pacing or as a slower second cap.
    aiolimiter binds to the running event loop, so one bucket is kept per loop.
    """

    def __init__(self, config: RateLimit, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock)
        self.config = config
        self._interval = (config.per_seconds + config.margin) / config.requests
        self._buckets: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, aiolimiter.AsyncLimiter
        ] = weakref.WeakKeyDictionary()

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        bucket = self._buckets.get(loop)
        if bucket is None:
            bucket = self._buckets[loop] = aiolimiter.AsyncLimiter(1, self._interval)
        # The deadline can move later while we sleep (another 429), hence a loop, not an Event.
        while (wait := self.blocked_until - self._clock()) > 0:  # noqa: ASYNC110
            await anyio.sleep(wait)
        await bucket.acquire()


_shared: dict[tuple[str, str, RateLimit], RateLimiter] = {}


def shared_limiter(api_key: str, base_url: str, config: RateLimit) -> RateLimiter:
    """The process-wide limiter for this key, server and configuration (created on first use).

    Keyed by a hash of the key, so the key itself is never kept as a dict key.
    """
    fingerprint = hashlib.sha256(api_key.encode()).hexdigest()
    key = (fingerprint, base_url, config)
    limiter = _shared.get(key)
    if limiter is None:
        limiter = _shared[key] = config.build()
    return limiter
