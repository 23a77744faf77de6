"""Client-side rate limiting shared by every task, client and (with a store) process that uses
the same API key.

The server counts request arrivals in a sliding window, so the limiter is a sliding-window
log: a request may start only when fewer than N requests started in the last
``per_seconds + margin`` seconds. It admits a burst of N and then N per window, which is the
fastest schedule a strict server accepts. Modules:

* ``_config``: :class:`RateLimit`; ``_urls``: store URLs; ``_protocol``: :class:`RateLimiter`
  and the :class:`Admission` ticket;
* ``_window``: the window's rules as plain data; ``_margin``: the learned jitter margin;
* ``_store`` (in-process), ``_sqlite``, ``_redis`` (+ ``_redis.lua``): where the window lives;
* ``_sliding``: :class:`SlidingWindowLimiter`; ``_leaky``: :class:`LeakyBucketLimiter`;
* ``_build``: building limiters, one per key in a process.
"""

from ._build import STORE_ENV_VAR, build_limiter, shared_limiter
from ._config import RateLimit
from ._leaky import LeakyBucketLimiter
from ._margin import route_of
from ._protocol import Admission, RateLimiter
from ._sliding import SlidingWindowLimiter

__all__ = [
    "STORE_ENV_VAR",
    "Admission",
    "LeakyBucketLimiter",
    "RateLimit",
    "RateLimiter",
    "SlidingWindowLimiter",
    "build_limiter",
    "route_of",
    "shared_limiter",
]
