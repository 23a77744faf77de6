"""``LeakyBucketLimiter``: even pacing through ``aiolimiter``, in one process."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable, Mapping

import aiolimiter
import anyio

from ._config import RateLimit
from ._headers import quota_pause

__all__ = ["LeakyBucketLimiter"]

log = logging.getLogger("smartlead_async")


class LeakyBucketLimiter:
    """Even pacing through ``aiolimiter``: one request per ``(per_seconds+margin)/requests``.

    ``aiolimiter.AsyncLimiter(10, 2)`` would admit 10 at once and then one every 0.2 s (19 in
    the first two seconds), so this uses a capacity-1 bucket instead. It never bursts, so it
    reaches about 95% of the window rate; use it for even pacing or as a slower second cap.
    aiolimiter binds to the running event loop, so one bucket is kept per loop.
    """

    def __init__(self, config: RateLimit, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self._clock = clock
        self.blocked_until = 0.0
        self._interval = (config.per_seconds + config.margin) / config.requests
        self._buckets: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, aiolimiter.AsyncLimiter
        ] = weakref.WeakKeyDictionary()

    async def acquire(self) -> None:
        """Wait for the next even slot (and for any pause to end)."""
        loop = asyncio.get_running_loop()
        bucket = self._buckets.get(loop)
        if bucket is None:
            bucket = self._buckets[loop] = aiolimiter.AsyncLimiter(1, self._interval)
        # The deadline can move later while we sleep (another 429), hence a loop, not an Event.
        while (wait := self.blocked_until - self._clock()) > 0:  # noqa: ASYNC110
            await anyio.sleep(wait)
        await bucket.acquire()

    def penalize(self, seconds: float) -> None:
        """After a 429: hold every request back for ``seconds``."""
        until = self._clock() + max(seconds, 0.0)
        if until > self.blocked_until:
            log.debug("rate limiter: all requests paused for %.3fs", seconds)
            self.blocked_until = until

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        """A quota reported used up holds every request back until its reset."""
        pause = quota_pause(headers)
        if pause is not None:
            self.penalize(pause)
