"""Where a limiter's window lives: the ``Store`` interface and the in-process store.

A store runs each operation of :class:`~._window.WindowState` atomically for every process
that shares it, in its own clock. The limiter (``_sliding.py``) only waits and learns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from ._window import Decision, Window, WindowState

__all__ = ["MemoryStore", "Store", "StoreUnavailable"]


class StoreUnavailable(Exception):
    """A store could not be reached or used; ``str()`` is safe to show (no password)."""


class Store(Protocol):
    """One shared window. Every method is atomic across the processes that share it.

    Methods raise :class:`StoreUnavailable` when the store cannot be reached.
    """

    @property
    def name(self) -> str:
        """The store's URL, password masked."""

    async def admit(
        self, window: Window, margin: float, pause: float, halve: bool
    ) -> Decision:
        """Record a start if the window has room (after applying a pending ``pause`` and
        halving, from :meth:`SlidingWindowLimiter.penalize` and quota headers)."""

    async def redate(self, start_id: int) -> None:
        """Move a start to now."""

    async def settle(self, holds: Sequence[tuple[int, float]]) -> None:
        """Hold each ``(start_id, seconds)`` start that much longer (see
        :meth:`WindowState.settle`)."""

    async def refuse(
        self, start_id: int, window: Window, pause: float, jitter: float, widened: float | None
    ) -> bool:
        """Answer a 429 (see :meth:`WindowState.refuse`); True when timing explains it."""

    async def aclose(self) -> None:
        """Release connections (the shared window stays in the store)."""


class MemoryStore:
    """The window of one process, kept in memory (the default).

    Args:
        clock: monotonic seconds.
    """

    name = "memory://"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.state = WindowState()

    async def admit(self, window: Window, margin: float, pause: float, halve: bool) -> Decision:
        now = self.clock()
        apply_pending(self.state, now, window, pause, halve)
        return self.state.admit(now, window, margin)

    async def redate(self, start_id: int) -> None:
        self.state.redate(start_id, self.clock())

    async def settle(self, holds: Sequence[tuple[int, float]]) -> None:
        self.state.settle(holds)

    async def refuse(
        self, start_id: int, window: Window, pause: float, jitter: float, widened: float | None
    ) -> bool:
        return self.state.refuse(start_id, self.clock(), window, pause, jitter, widened)

    async def aclose(self) -> None:
        pass


def apply_pending(
    state: WindowState, now: float, window: Window, pause: float, halve: bool
) -> None:
    """Apply a pause (and, for a 429 without a ticket, a halving) recorded between calls."""
    if halve:
        state.lower(now, window, pause)
    elif pause > 0:
        state.pause(now, pause)
