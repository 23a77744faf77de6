"""The rate limiter: never more than N starts in any window, bursts, penalties, sharing.

Timing tests run on a virtual clock (``tests/_virtual_clock.py``) with limiters reading it, so
every start time is exact however busy the machine is.
"""

from __future__ import annotations

import asyncio
import itertools

import anyio
import pytest

from smartlead_async import (
    LeakyBucketLimiter,
    RateLimit,
    RateLimiter,
    SlidingWindowLimiter,
    SmartleadClient,
)
from smartlead_async._ratelimit import Admission, shared_limiter

from ._virtual_clock import about, on_virtual_clock

WINDOW = 0.1
LIMIT = RateLimit(10, WINDOW, margin=0.01)


def max_in_window(times: list[float], window: float) -> int:
    """The most timestamps that fall in any half-open window of ``window`` seconds."""
    times = sorted(times)
    best = 0
    for i, start in enumerate(times):
        best = max(best, sum(1 for t in times[i:] if t < start + window))
    return best


def sliding() -> SlidingWindowLimiter:
    """A sliding-window limiter on the event loop's (virtual) clock."""
    return SlidingWindowLimiter(LIMIT, clock=anyio.current_time)


async def acquire_all(limiter: RateLimiter, count: int) -> list[float]:
    times: list[float] = []

    async def one() -> None:
        await limiter.acquire()
        times.append(anyio.current_time())

    async with anyio.create_task_group() as group:
        for _ in range(count):
            group.start_soon(one)
    return times


@on_virtual_clock
async def test_sliding_window_never_starts_more_than_n_in_any_window() -> None:
    times = await acquire_all(sliding(), 45)
    assert max_in_window(times, WINDOW) == 10


@on_virtual_clock
async def test_sliding_window_admits_a_full_burst_at_once() -> None:
    start = anyio.current_time()
    times = await acquire_all(sliding(), 10)
    assert max(times) == about(start)


@on_virtual_clock
async def test_sliding_window_then_runs_at_n_per_window() -> None:
    start = anyio.current_time()
    times = await acquire_all(sliding(), 40)
    # 10 at once, then 10 more every window + margin: 3 more windows.
    assert max(times) - start == about(3 * (WINDOW + 0.01))


@on_virtual_clock
async def test_a_penalty_holds_back_every_waiting_task() -> None:
    limiter = sliding()
    start = anyio.current_time()
    limiter.penalize(0.15)
    times = await acquire_all(limiter, 3)
    assert min(times) - start == about(0.15)


@on_virtual_clock
async def test_a_penalty_arriving_while_tasks_wait_is_honoured() -> None:
    limiter = sliding()
    await acquire_all(limiter, 10)  # the window is full: the next waits one window

    async def penalize_soon() -> None:
        await anyio.sleep(0.02)
        limiter.penalize(0.2)

    start = anyio.current_time()
    async with anyio.create_task_group() as group:
        group.start_soon(penalize_soon)
        await limiter.acquire()
    assert anyio.current_time() - start == about(0.02 + 0.2)  # when the penalty ends


@on_virtual_clock
async def test_exhausted_quota_headers_pause_the_limiter_until_reset() -> None:
    limiter = sliding()
    start = anyio.current_time()
    limiter.update_from_headers({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "0.12"})
    await limiter.acquire()
    assert anyio.current_time() - start == about(0.12)


@on_virtual_clock
async def test_headers_with_quota_left_do_not_pause() -> None:
    limiter = sliding()
    limiter.update_from_headers({"x-ratelimit-remaining": "4", "x-ratelimit-reset": "5"})
    start = anyio.current_time()
    await limiter.acquire()
    assert anyio.current_time() == about(start)


@on_virtual_clock
async def test_a_cancelled_waiter_does_not_break_the_window() -> None:
    limiter = sliding()
    with anyio.move_on_after(0.01):
        await acquire_all(limiter, 25)  # the waiters beyond the burst are cancelled
    times = await acquire_all(limiter, 20)
    assert max_in_window(times, WINDOW) <= 10


@on_virtual_clock
async def test_leaky_bucket_paces_evenly_and_never_exceeds_the_window() -> None:
    limiter = LeakyBucketLimiter(LIMIT, clock=anyio.current_time)
    times = sorted(await acquire_all(limiter, 15))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert max_in_window(times, WINDOW) <= 10
    assert gaps == [about((WINDOW + 0.01) / 10)] * 14


def test_leaky_bucket_works_on_a_new_event_loop_each_run() -> None:
    limiter = LeakyBucketLimiter(LIMIT)
    for _ in range(2):
        asyncio.run(limiter.acquire())


def test_rate_limit_build_picks_the_strategy() -> None:
    assert isinstance(RateLimit(5, 1.0).build(), SlidingWindowLimiter)
    assert isinstance(RateLimit(5, 1.0, strategy="leaky_bucket").build(), LeakyBucketLimiter)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"requests": 0}, "RateLimit.requests must be a positive int"),
        ({"requests": 2.5}, "RateLimit.requests must be a positive int"),
        ({"per_seconds": 0}, "RateLimit.per_seconds must be a number > 0"),
        ({"margin": -1}, "RateLimit.margin must be a number >= 0"),
        ({"strategy": "token"}, "RateLimit.strategy must be 'sliding_window' or 'leaky_bucket'"),
    ],
)
def test_rate_limit_rejects_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RateLimit(**kwargs)  # type: ignore[arg-type]


def test_one_limiter_is_shared_per_key_server_and_setting() -> None:
    a = shared_limiter("key-a", "https://x", LIMIT)
    assert shared_limiter("key-a", "https://x", LIMIT) is a
    assert shared_limiter("key-b", "https://x", LIMIT) is not a
    assert shared_limiter("key-a", "https://y", LIMIT) is not a


async def test_two_clients_with_the_same_key_share_one_limiter() -> None:
    async with SmartleadClient(api_key="shared-key", rate_limit=LIMIT) as one, \
            SmartleadClient(api_key="shared-key", rate_limit=LIMIT) as two:
        assert one._api.limiter is two._api.limiter
        assert one._api.limiter is not None


async def test_rate_limit_none_disables_limiting() -> None:
    async with SmartleadClient(api_key="k", rate_limit=None) as client:
        assert client._api.limiter is None


@on_virtual_clock
async def test_a_start_is_redated_to_when_the_request_really_left() -> None:
    limiter = sliding()
    callbacks = [await limiter.acquire() for _ in range(10)]
    await anyio.sleep(0.05)  # e.g. a TLS handshake before the requests really leave
    for sent in callbacks:
        await sent()
    start = anyio.current_time()
    await limiter.acquire()
    # The window is counted from the real departures, 50 ms later than the admissions.
    assert anyio.current_time() - start == about(WINDOW + 0.01)


@on_virtual_clock
async def test_a_start_whose_round_trip_was_slow_is_held_longer_by_the_difference() -> None:
    limiter = SlidingWindowLimiter(
        RateLimit(10, WINDOW, margin=0.01, max_margin=0.1), clock=anyio.current_time
    )
    admissions = [await limiter.acquire() for _ in range(10)]
    for admission in admissions[:9]:
        await admission.answered("GET /x", 0.005)
    await admissions[9].answered("GET /x", 0.035)  # its request may have arrived 30 ms late
    start = anyio.current_time()
    await acquire_all(limiter, 9)  # the nine on time leave after one span
    assert anyio.current_time() - start == about(WINDOW + 0.01)
    await acquire_all(limiter, 1)
    assert anyio.current_time() - start == about(WINDOW + 0.01 + 0.03)


@on_virtual_clock
async def test_a_429_halves_the_allowance_once_per_window() -> None:
    limiter = sliding()
    limiter.penalize(0.0)
    limiter.penalize(0.0)  # the same window: no second halving
    times = await acquire_all(limiter, 5)
    assert limiter.allowance == 5
    times += await acquire_all(limiter, 1)
    assert max_in_window(times, WINDOW) == 5


@on_virtual_clock
async def test_the_allowance_recovers_one_request_per_clean_window() -> None:
    limiter = sliding()
    limiter.penalize(0.0)
    await anyio.sleep(3 * (WINDOW + 0.01) + 0.01)
    await acquire_all(limiter, 1)
    await anyio.sleep(WINDOW + 0.02)
    await acquire_all(limiter, 1)
    assert limiter.allowance == 7


async def test_an_exhausted_quota_header_pauses_without_lowering_the_allowance() -> None:
    # "remaining: 0" after the last request of a full window is normal at the ceiling.
    limiter = SlidingWindowLimiter(LIMIT)
    limiter.update_from_headers({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "0.01"})
    assert limiter.allowance == LIMIT.requests


@on_virtual_clock
async def test_a_loop_stalled_longer_than_a_window_breaks_nothing() -> None:
    # Issue 16.4: waiters' reservations fell out of the window during a blocking call, and
    # the first to wake crashed with "list.remove(x): x not in list". The stall is a jump of
    # the limiter's clock while one task holds the loop (what a blocking call looks like).
    clock = JumpingClock()
    limiter = SlidingWindowLimiter(RateLimit(2, WINDOW, margin=0.0), clock=clock)
    times: list[float] = []

    async def one() -> None:
        await limiter.acquire()
        times.append(clock())

    async def stall_then_acquire() -> None:
        await anyio.sleep(WINDOW / 10)  # the others are queued by now
        clock.offset += 3 * WINDOW  # the loop was held for three windows
        await one()

    async with anyio.create_task_group() as group:
        group.start_soon(stall_then_acquire)
        for _ in range(8):
            group.start_soon(one)
    assert len(times) == 9
    assert max_in_window(times, WINDOW) <= 2


class JumpingClock:
    """The event loop's clock, plus jumps: a burst "one span later" without sleeping for it."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return anyio.current_time() + self.offset


async def squeezed_second_burst(
    limiter: SlidingWindowLimiter, clock: JumpingClock
) -> list[Admission]:
    """Two bursts exactly one span apart, after round trips spread by 20 ms."""
    first = [await limiter.acquire() for _ in range(10)]
    for index, admission in enumerate(first):
        await admission.answered("GET /x", 0.025 if index < 2 else 0.005)
    clock.offset += limiter.config.per_seconds + 0.02  # the span once the margin is learned
    return [await limiter.acquire() for _ in range(10)]


TIMING_LIMIT = RateLimit(10, WINDOW, margin=0.01, max_margin=0.05)


@on_virtual_clock
async def test_a_429_its_own_timing_explains_widens_the_margin_without_halving() -> None:
    clock = JumpingClock()
    limiter = SlidingWindowLimiter(TIMING_LIMIT, clock=clock)
    second = await squeezed_second_burst(limiter, clock)
    await second[0].refused(1.0)
    assert limiter.margin > 0.02
    start = anyio.current_time()
    await limiter.acquire()  # no 1 s pause: only the window holds it back
    assert anyio.current_time() - start < 0.5
    assert limiter.allowance == 10


@on_virtual_clock
async def test_a_429_admitted_before_the_margin_widened_changes_nothing_more() -> None:
    clock = JumpingClock()
    limiter = SlidingWindowLimiter(TIMING_LIMIT, clock=clock)
    second = await squeezed_second_burst(limiter, clock)
    await second[0].refused(1.0)
    widened = limiter.margin
    await second[1].refused(1.0)  # the same squeeze, reported by a second request
    assert widened > 0.02
    assert limiter.margin == widened
    await limiter.acquire()
    assert limiter.allowance == 10


@on_virtual_clock
async def test_a_429_in_the_first_burst_is_not_timing_it_halves_and_pauses() -> None:
    limiter = sliding()
    burst = [await limiter.acquire() for _ in range(10)]  # a server allowing 5 refused #6
    await burst[5].refused(0.15)
    start = anyio.current_time()
    await limiter.acquire()
    assert anyio.current_time() - start >= 0.15
    assert limiter.allowance in (5, 6)  # halved (and maybe one regained after the pause)
