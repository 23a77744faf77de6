"""Building limiters from a :class:`RateLimit`, and the one limiter per key in a process."""

from __future__ import annotations

import hashlib
import os

from .._exceptions import InvalidArgumentError
from ._config import RateLimit
from ._leaky import LeakyBucketLimiter
from ._protocol import RateLimiter
from ._sliding import SlidingWindowLimiter
from ._store import MemoryStore, Store
from ._urls import StoreURL, default_cache_dir, parse_store_url

__all__ = ["STORE_ENV_VAR", "build_limiter", "scope_of", "shared_limiter", "store_url_for"]

#: Sets the store of every client whose ``RateLimit`` names none.
STORE_ENV_VAR = "SMARTLEAD_RATE_LIMIT_STORE"


def scope_of(api_key: str, base_url: str) -> str:
    """A name for one account's limit on one server: a hash, never the key itself."""
    return hashlib.sha256(f"{api_key}\n{base_url}".encode()).hexdigest()[:32]


def store_url_for(config: RateLimit) -> StoreURL | None:
    """The store ``config`` asks for (or ``$SMARTLEAD_RATE_LIMIT_STORE``); None: in-process."""
    if config.strategy != "sliding_window":
        return None
    if config.store is not None:
        url = parse_store_url(config.store, name="RateLimit.store")
    else:
        text = os.environ.get(STORE_ENV_VAR, "").strip()
        if not text:
            return None
        url = parse_store_url(text, name=STORE_ENV_VAR)
    return None if url.scheme == "memory" else url


def build_limiter(config: RateLimit, *, scope: str) -> RateLimiter:
    """A new limiter for ``config``; a store's window is named after ``scope`` and the limit."""
    if config.strategy == "leaky_bucket":
        return LeakyBucketLimiter(config)
    url = store_url_for(config)
    if url is None:
        return SlidingWindowLimiter(config)
    return SlidingWindowLimiter(config, store=open_store(url, scope, config))


def open_store(url: StoreURL, scope: str, config: RateLimit) -> Store:
    """The store behind ``url`` for the window ``scope`` / ``config``."""
    name = f"{scope}:{config.requests}/{config.per_seconds!r}"
    if url.scheme == "sqlite":
        from ._sqlite import SqliteStore

        path = url.path or default_cache_dir() / f"ratelimit-{scope[:16]}.sqlite3"
        return SqliteStore(path, key=name, url=url)
    if url.scheme in ("redis", "rediss"):
        try:
            from ._redis import RedisStore
        except ImportError:
            raise InvalidArgumentError(
                f"the rate limit store {url.redacted} needs redis-py: "
                "pip install 'smartlead-async[redis]'"
            ) from None
        return RedisStore(url, key=name)
    return MemoryStore()


_shared: dict[tuple[str, RateLimit, StoreURL | None], RateLimiter] = {}


def shared_limiter(api_key: str, base_url: str, config: RateLimit) -> RateLimiter:
    """The process-wide limiter for this key, server and configuration (created on first use).

    Keyed by a hash of the key, so the key itself is never kept as a dict key.
    """
    scope = scope_of(api_key, base_url)
    key = (scope, config, store_url_for(config))
    limiter = _shared.get(key)
    if limiter is None:
        limiter = _shared[key] = build_limiter(config, scope=scope)
    return limiter
