"""``SlidingWindowLimiter``: waits for room in a window kept in a :class:`~._store.Store`."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import weakref
from collections.abc import Callable, Mapping

import anyio

from .._exceptions import RateLimitStoreError
from ._config import RateLimit
from ._headers import quota_pause
from ._margin import MarginLearner
from ._protocol import Admission
from ._store import MemoryStore, Store, StoreUnavailable, apply_pending
from ._window import Window

__all__ = ["SlidingWindowLimiter"]

log = logging.getLogger("smartlead_async")


class SlidingWindowLimiter:
    """At most ``requests`` starts in any ``per_seconds + margin`` window; bursts allowed.

    The window lives in a store: this process's memory by default, or a SQLite file or Redis
    shared by several processes (``RateLimit(store=...)``). In each process the waiting
    requests line up first come, first served, and the first in line asks the store, sleeping
    as long as the store says, then asking again (a late wake-up or a 429's pause may have
    changed the answer). Nothing here is bound to one event loop, so one limiter can serve
    clients on several loops.

    Each start is held for the window, plus the margin in force, plus its own lateness:
    how much slower its round trip was than the fastest recent one on its route, an upper
    bound on how much later its request reached the server (:class:`~._margin.MarginLearner`).
    A 429 is answered in proportion to its cause: when the limiter's own starts explain it
    (network jitter squeezed N+1 arrivals into the server's window), the margin widens and
    nobody pauses beyond the window; otherwise (another client on the key, a lower plan
    limit) every request pauses for the Retry-After and the allowance halves, at most once
    per window, regaining one request per window without a 429.

    Args:
        config: the limit.
        clock: monotonic seconds, for the in-process store.
        store: where the window lives; ``None`` keeps it in this process.
    """

    def __init__(
        self,
        config: RateLimit,
        *,
        clock: Callable[[], float] = time.monotonic,
        store: Store | None = None,
    ) -> None:
        self.config = config
        self._store: Store = store if store is not None else MemoryStore(clock)
        self._window = Window(config.requests, config.per_seconds, config.margin_ceiling)
        self._learner = MarginLearner(
            config.margin, config.margin_ceiling, config.per_seconds, time.monotonic
        )
        self._margin = config.margin  # the margin in force at the store, last seen
        self._allowance = config.requests  # the allowance at the store, last seen
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._pending_until = -math.inf  # a pause to hand to the store (monotonic)
        self._pending_halve = False
        self._fallback: SlidingWindowLimiter | None = None
        self._store_retry_at = -math.inf  # while in the future, the fallback serves (monotonic)
        self._fallback_drained_at = -math.inf  # when the fallback's last start leaves the window
        self._outage = False  # the store failed and has not answered since

    @property
    def margin(self) -> float:
        """The jitter margin in force, in seconds (the widest any sharer reported lately)."""
        return self._margin

    @property
    def allowance(self) -> int:
        """Requests allowed per window, lowered by 429s that timing does not explain (as the
        store last said)."""
        return self._allowance

    @property
    def round_trip(self) -> float | None:
        """The median recent round trip of the requests it admitted that succeeded (seconds,
        from leaving to the answer's headers: the wait for the limiter left out), None before
        any."""
        return self._learner.round_trip

    @property
    def span(self) -> float:
        """The window plus the margin in force, in seconds."""
        return self.config.per_seconds + self._margin

    @property
    def store(self) -> str:
        """Where the window lives (its URL, password masked)."""
        return self._store.name

    # -- the RateLimiter protocol ----------------------------------------------------------------

    async def acquire(self) -> Admission:
        """Wait until one more request may start; count it as started."""
        async with self._gate():
            while True:
                fallback = self._serving_fallback()
                if fallback is not None:
                    admission = await fallback.acquire()
                    self._fallback_drained_at = time.monotonic() + fallback.span
                    return admission
                pause, halve = self._take_pending()
                hold = pause
                if self._outage:
                    # Back from an outage: the store never saw the starts made in-process,
                    # here or in the other processes (which come back within a span), so
                    # everyone waits until all of them have aged out.
                    hold = max(pause, self._fallback_drained_at - time.monotonic() + self.span)
                try:
                    decision = await self._store.admit(
                        self._window, self._learner.margin, hold, halve
                    )
                except StoreUnavailable as error:
                    self._hold(pause, halve=halve)
                    self._store_failed(error)
                    continue
                if self._outage:
                    self._outage = False
                    log.warning("rate limit store %s is back", self._store.name)
                self._margin, self._allowance = decision.margin, decision.allowance
                if decision.start_id is not None:
                    return Admission(self, decision.start_id, decision.margin)
                await anyio.sleep(decision.wait)

    def penalize(self, seconds: float) -> None:
        """Hold every request back for ``seconds`` and lower the allowance (a 429 with no
        ticket to weigh it by)."""
        self._hold(seconds, halve=True)

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        """A quota reported used up holds every request back until its reset (the allowance
        stays: at the ceiling, ``remaining: 0`` after a window's last request is normal)."""
        pause = quota_pause(headers)
        if pause is not None:
            self._hold(pause, halve=False)

    async def aclose(self) -> None:
        """Close this event loop's connection to the store (the next request reopens it)."""
        await self._store.aclose()
        if self._fallback is not None:
            await self._fallback.aclose()

    # -- what the transport reports through an Admission --------------------------------------

    async def _sent(self, admission: Admission) -> None:
        try:
            await self._store.redate(admission.start_id)
        except StoreUnavailable as error:
            self._store_failed_after_admission(error)

    async def _answered(
        self, admission: Admission, route: str, round_trip: float, success: bool
    ) -> None:
        holds = self._learner.answered(route, admission.start_id, round_trip, success=success)
        if not holds:
            return
        try:
            await self._store.settle(holds)
        except StoreUnavailable as error:
            self._store_failed_after_admission(error)

    async def _refused(self, admission: Admission, pause: float) -> None:
        if admission.margin < self._margin:
            log.debug("rate limiter: 429 for a request admitted before the margin widened")
            return  # already answered: the wider margin holds the others back
        widened = self._learner.widening()
        try:
            timing = await self._store.refuse(
                admission.start_id, self._window, pause, self._learner.jitter_bound, widened
            )
        except StoreUnavailable as error:
            self._store_failed(error)
            self.penalize(pause)
            return
        if timing and widened is not None:
            self._learner.widen(widened)
            self._margin = max(self._margin, widened)
            log.debug("rate limiter: 429 explained by our own timing; margin now %.3fs",
                      self._margin)
        else:
            log.debug("rate limiter: 429 not explained by our own starts: every request "
                      "paused for %.3fs, allowance lowered", pause)

    # -- internals ----------------------------------------------------------------------------

    def _gate(self) -> anyio.Lock:
        """The line of this event loop's waiting requests (first come, first served)."""
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = anyio.Lock()
        return gate

    def _hold(self, seconds: float, *, halve: bool) -> None:
        """Pause everyone (and maybe halve): at once in memory, else with the next store call."""
        if self._fallback is not None:
            self._fallback._hold(seconds, halve=halve)
        if isinstance(self._store, MemoryStore):
            store = self._store
            apply_pending(store.state, store.clock(), self._window, seconds, halve)
            return
        self._pending_until = max(self._pending_until, time.monotonic() + seconds)
        self._pending_halve = self._pending_halve or halve

    def _take_pending(self) -> tuple[float, bool]:
        pause = max(0.0, self._pending_until - time.monotonic())
        halve = self._pending_halve
        self._pending_until, self._pending_halve = -math.inf, False
        return pause, halve

    def _serving_fallback(self) -> SlidingWindowLimiter | None:
        """The in-process fallback while the store is out (and until its starts age out)."""
        if not self._outage or time.monotonic() >= self._store_retry_at:
            return None
        return self._fallback

    def _store_failed_after_admission(self, error: StoreUnavailable) -> None:
        """A store call made for a request already admitted (and maybe sent) failed: never
        fail that request for it (it may have reached the server); fall back if configured,
        else leave the error to the next :meth:`acquire`."""
        if self.config.store_fallback is not None:
            self._store_failed(error)
        else:
            log.warning("rate limit store %s cannot be used (%s); the next request will "
                        "raise if it still cannot", self._store.name, error)

    def _store_failed(self, error: StoreUnavailable) -> None:
        """Raise :class:`RateLimitStoreError`, or fall back, as the configuration says."""
        fraction = self.config.store_fallback
        if fraction is None:
            raise RateLimitStoreError(
                f"the rate limit store {self._store.name} cannot be used: {error}",
                store=self._store.name,
            ) from None
        entering = not self._outage
        self._outage = True
        if entering:
            log.warning(
                "rate limit store %s cannot be used (%s): %d requests per %gs from this "
                "process until it is back", self._store.name, error,
                max(1, math.floor(self.config.requests * fraction)), self.config.per_seconds,
            )
        if self._fallback is None:
            self._fallback = SlidingWindowLimiter(
                RateLimit(
                    max(1, math.floor(self.config.requests * fraction)),
                    self.config.per_seconds,
                    margin=self.config.margin,
                    max_margin=self.config.margin_ceiling,
                    store="memory://",
                )
            )
        if entering:
            # The store's window may be full of starts the fallback cannot see: it starts
            # once they have aged out.
            self._fallback._hold(self.span, halve=False)
        self._store_retry_at = time.monotonic() + self.span  # then try the store again

    def __repr__(self) -> str:
        return (
            f"SlidingWindowLimiter({self.config.requests} per {self.config.per_seconds:g}s, "
            f"margin={self._margin:.3f}s, store={self._store.name!r})"
        )
