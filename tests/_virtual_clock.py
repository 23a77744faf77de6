"""A virtual clock for timing tests: time moves only when every task is waiting.

A test decorated with :func:`on_virtual_clock` runs on an asyncio event loop whose ``time()``
starts at :data:`EPOCH` and jumps straight to the next timer once no callback is ready and no
socket has data. Each pass of the loop takes one :data:`TICK` (a microsecond), whatever it
really took, so however long a busy machine keeps this process off the CPU, a rate window, a
latency or a deadline measured on the loop's clock comes out the same. Sleeps do not wait
for real: a test that pages for 3 virtual seconds takes milliseconds.

Everything timed in such a test must read the loop's clock:

- the fake SmartLead stamps arrivals with it (``anyio.current_time()``);
- client limiters are built on it: :func:`on_virtual_clock` makes ``RateLimit.build`` pass
  ``clock=anyio.current_time`` and gives the test a fresh process-wide limiter registry, and
  :func:`virtual_limiter` builds one directly;
- the test reads it with ``anyio.current_time()``, never ``time.monotonic()``.

Loopback sockets work: the kernel hands data written to a loopback socket to its peer before
``send`` returns, so a poll with a zero timeout sees it before the clock may jump. Threads do
not mix with it (a timer could fire before the thread answers): nothing here uses one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import selectors
from collections.abc import Callable, Coroutine, Iterator, Mapping
from typing import Any, ParamSpec

import anyio
import pytest

from smartlead_async import (
    LeakyBucketLimiter,
    RateLimit,
    RateLimiter,
    SlidingWindowLimiter,
)
from smartlead_async._ratelimit import _build

from ._faulty import watch_loop

#: Where the virtual clock starts (any value works; far from 0 so no "time 0" case is special).
EPOCH = 1_000.0
#: Virtual seconds each pass of the event loop takes. Not zero: code that recomputes a wait
#: from the clock (aiolimiter) can be left a rounding error short, and would spin forever if
#: the clock never moved.
TICK = 1e-6

P = ParamSpec("P")


class _JumpingSelector(selectors.BaseSelector):
    """A selector that, instead of blocking until the next timer, moves the clock to it."""

    def __init__(self, advance: Callable[[float], None]) -> None:
        self._selector = selectors.DefaultSelector()
        self._advance = advance

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._selector.register(fileobj, events, data)

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        return self._selector.unregister(fileobj)

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._selector.modify(fileobj, events, data)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = self._selector.select(0)
        if ready or (timeout is not None and timeout <= 0):
            self._advance(TICK)
            return ready
        if timeout is None:  # no timer at all: only I/O can wake the loop, wait for it for real
            return self._selector.select(None)
        self._advance(timeout)
        return []

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._selector.get_map()

    def close(self) -> None:
        self._selector.close()


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop on a virtual clock (see the module docstring)."""

    def __init__(self) -> None:
        self._now = EPOCH
        super().__init__(_JumpingSelector(self._advance))

    def time(self) -> float:
        return self._now

    def _advance(self, seconds: float) -> None:
        self._now += seconds


def about(seconds: float) -> Any:
    """Compares equal to ``seconds`` of virtual time, give or take the loop passes between
    (a :data:`TICK` each: far less than the millisecond allowed)."""
    return pytest.approx(seconds, abs=1e-3)


def virtual_limiter(config: RateLimit, *, scope: str = "default") -> RateLimiter:
    """A new in-process limiter for ``config`` that reads the running loop's clock."""
    if config.strategy == "leaky_bucket":
        return LeakyBucketLimiter(config, clock=anyio.current_time)
    return SlidingWindowLimiter(config, clock=anyio.current_time)


@contextlib.contextmanager
def limiters_on_the_loop_clock() -> Iterator[None]:
    """Limiters that clients build from a ``RateLimit`` read the running loop's clock, and the
    process-wide registry of shared limiters starts empty (none built on the real clock by
    another test is reused)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_build, "_shared", {})
        patch.setattr(_build, "build_limiter", virtual_limiter)
        patch.setattr(RateLimit, "build", virtual_limiter)
        yield


def on_virtual_clock(
    test: Callable[P, Coroutine[Any, Any, None]],
) -> Callable[P, None]:
    """Run an async test on a :class:`VirtualClockLoop` (it becomes a plain test for pytest).

    The test also fails on loop-level problems and on tasks it leaves running
    (:func:`tests._faulty.watch_loop`), and runs under :func:`limiters_on_the_loop_clock`.
    """

    async def watched(*args: P.args, **kwargs: P.kwargs) -> None:
        async with watch_loop():
            await test(*args, **kwargs)

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        with limiters_on_the_loop_clock(), asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
            runner.run(watched(*args, **kwargs))

    return run


class _VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return VirtualClockLoop()


@contextlib.contextmanager
def asyncio_run_on_virtual_clock() -> Iterator[None]:
    """Make ``asyncio.run`` (how the CLI runs) use a :class:`VirtualClockLoop`, under
    :func:`limiters_on_the_loop_clock`."""
    previous = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(_VirtualClockPolicy())
    try:
        with limiters_on_the_loop_clock():
            yield
    finally:
        asyncio.set_event_loop_policy(previous)
