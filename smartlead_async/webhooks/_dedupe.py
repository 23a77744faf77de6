"""Where a receiver remembers the events it handled: a protocol, and a bounded in-memory store."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from .._args import int_in_range
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = ["DedupeStore", "InMemoryDedupeStore"]


@runtime_checkable
class DedupeStore(Protocol):
    """Remembers idempotency keys so that a repeated delivery is dropped.

    Async so that a store shared by several processes fits behind it: with Redis, ``claim`` is
    ``SET key 1 NX EX ttl`` (true when the reply is OK) and ``release`` is ``DEL key``. A store
    must make ``claim`` atomic: of two concurrent claims of one key, exactly one wins.
    """

    async def claim(self, key: str) -> bool:
        """Record ``key``; True if it was not recorded yet (the caller handles the event)."""
        ...

    async def release(self, key: str) -> None:
        """Forget ``key`` (handling failed), so that the next delivery is handled."""
        ...


class InMemoryDedupeStore:
    """A :class:`DedupeStore` in this process's memory, bounded in size and in time.

    A key is remembered for ``ttl`` seconds from its claim, and at most ``max_keys`` keys are
    kept: past that the oldest are forgotten first. It does not see what other processes
    handled: with several workers, use a shared store.

    Args:
        max_keys: the most keys kept (about 210 bytes each on CPython 3.11: the default
            holds about 20 MiB).
        ttl: seconds a key is remembered; SmartLead's retries of one delivery must fall
            within it.
        clock: the time source (``time.monotonic``); tests pass a fake clock.
    """

    def __init__(
        self,
        *,
        max_keys: int = 100_000,
        ttl: float = 24 * 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_keys = int_in_range("max_keys", max_keys, minimum=1)
        if isinstance(ttl, bool) or not isinstance(ttl, int | float):
            raise InvalidArgumentTypeError(
                f"ttl must be a number of seconds, got {type(ttl).__name__}"
            )
        if not ttl > 0 or ttl == float("inf"):
            raise InvalidArgumentError(f"ttl must be a finite number of seconds > 0, got {ttl}")
        self._ttl = float(ttl)
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()  # claim order == expiry order

    def __repr__(self) -> str:
        return (
            f"InMemoryDedupeStore(keys={len(self._expiry)}, max_keys={self._max_keys}, "
            f"ttl={self._ttl:g})"
        )

    def __len__(self) -> int:
        return len(self._expiry)

    async def claim(self, key: str) -> bool:
        """Record ``key``; True if it was not recorded (or its time ran out)."""
        now = self._clock()
        self._expire(now)
        if key in self._expiry:
            return False
        self._expiry[key] = now + self._ttl
        if len(self._expiry) > self._max_keys:
            self._expiry.popitem(last=False)
        return True

    async def release(self, key: str) -> None:
        """Forget ``key``."""
        self._expiry.pop(key, None)

    def _expire(self, now: float) -> None:
        while self._expiry:
            key, expiry = next(iter(self._expiry.items()))
            if expiry > now:
                return
            del self._expiry[key]
