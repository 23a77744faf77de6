"""Shared stores: one window for every process on a SQLite file or a Redis server.

Two limiters built on the same store and key stand for two processes here (each has its own
connection and learner); tests/test_ratelimit_processes.py uses real processes.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

import anyio
import pytest

from smartlead_async import (
    InvalidArgumentError,
    RateLimit,
    RateLimitStoreError,
    SlidingWindowLimiter,
    SmartleadClient,
)
from smartlead_async._ratelimit import _sqlite, build_limiter
from smartlead_async._ratelimit._store import StoreUnavailable
from smartlead_async._ratelimit._window import WindowState
from smartlead_async.testing import FakeSmartlead

from ._redis_server import free_port, own_redis_server, redis_url  # noqa: F401  (fixture)
from .conftest import SECRET_KEY

WINDOW = 0.2
PASSWORD = "pw-PLANTED-9d1e"


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL: a fresh SQLite file, or the test Redis."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'limits.db'}"
    return str(request.getfixturevalue("redis_url"))


def limit(store: str, **options: object) -> RateLimit:
    return RateLimit(5, WINDOW, margin=0.02, store=store, **options)  # type: ignore[arg-type]


def processes(config: RateLimit, count: int = 2) -> list[SlidingWindowLimiter]:
    """``count`` limiters sharing one window in the store, as ``count`` processes would."""
    scope = uuid.uuid4().hex
    limiters = [build_limiter(config, scope=scope) for _ in range(count)]
    assert all(isinstance(limiter, SlidingWindowLimiter) for limiter in limiters)
    return limiters  # type: ignore[return-value]


@pytest.fixture
async def closing() -> AsyncIterator[list[SlidingWindowLimiter]]:
    """Limiters to close (their store connections) when the test ends."""
    opened: list[SlidingWindowLimiter] = []
    yield opened
    for limiter in opened:
        await limiter.aclose()


async def test_two_processes_on_one_store_share_one_window(
    store: str, closing: list[SlidingWindowLimiter]
) -> None:
    one, two = processes(limit(store))
    closing += [one, two]
    admitted: list[int] = []

    async def start(index: int) -> None:
        await (one, two)[index % 2].acquire()
        admitted.append(index)

    began = time.monotonic()
    async with anyio.create_task_group() as group:
        for index in range(16):
            group.start_soon(start, index)
    assert len(admitted) == 16
    # 5 per window across both: the 16th start waits for the fourth window (a lower bound,
    # safe on a busy machine; two windows of their own would let it start in the second).
    assert time.monotonic() - began >= 3 * WINDOW


async def test_a_429s_pause_reaches_every_process(
    store: str, closing: list[SlidingWindowLimiter]
) -> None:
    one, two = processes(limit(store))
    closing += [one, two]
    burst = [await one.acquire() for _ in range(5)]
    await burst[2].refused(0.5)  # the server allows fewer than 5: not our timing
    start = time.monotonic()
    await two.acquire()
    assert time.monotonic() - start >= 0.5 - 0.02  # a lower bound: safe on a busy machine
    assert two.allowance in (2, 3)  # halved for every process (and maybe one regained)


async def test_late_starts_are_held_longer_for_every_process(
    store: str, closing: list[SlidingWindowLimiter]
) -> None:
    one, two = processes(limit(store, max_margin=0.5))
    closing += [one, two]
    await (await one.acquire()).answered("GET /x", 0.01)  # the fastest round trip
    await anyio.sleep(WINDOW + 0.05)  # its start has left the window
    began = time.monotonic()
    burst = [await one.acquire() for _ in range(5)]
    for admission in burst:
        await admission.answered("GET /x", 0.31)  # each may have arrived 0.3 s late
    await two.acquire()
    # a lower bound (safe on a busy machine); without the hold it takes one window
    assert time.monotonic() - began >= WINDOW + 0.3


async def test_an_unreachable_store_raises_an_error_that_names_it_without_its_password(
    closing: list[SlidingWindowLimiter],
) -> None:
    url = f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"  # nothing listens there
    [limiter] = processes(limit(url), count=1)
    closing.append(limiter)
    with pytest.raises(RateLimitStoreError) as caught:
        await limiter.acquire()
    assert "127.0.0.1" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in caught.value.store
    assert PASSWORD not in repr(limiter)


async def test_an_unusable_sqlite_file_raises_an_error_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "not-a-directory").write_text("")
    url = f"sqlite:///{tmp_path / 'not-a-directory' / 'limits.db'}"
    fake = FakeSmartlead(api_key="k")
    campaign = fake.add_campaign()
    async with fake.client(rate_limit=limit(url)) as client:
        with pytest.raises(RateLimitStoreError, match="not-a-directory"):
            await client.campaigns.get(campaign)


async def test_an_unreachable_store_can_fall_back_to_a_fraction_of_the_rate_in_process(
    caplog: pytest.LogCaptureFixture, closing: list[SlidingWindowLimiter]
) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    [limiter] = processes(limit(url, store_fallback=0.4), count=1)
    closing.append(limiter)
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        await limiter.acquire()  # the store cannot be reached: the fallback takes over
        began = time.monotonic()
        async with anyio.create_task_group() as group:
            for _ in range(5):
                group.start_soon(limiter.acquire)
    # 2 per window (40 % of 5): the 6th start waits for the third window, two windows after
    # the first (a lower bound, safe on a busy machine; at the full rate it would start one
    # window after the first).
    assert time.monotonic() - began >= 1.5 * WINDOW
    assert any("cannot be used" in r.getMessage() for r in caplog.records)


async def test_a_redis_restart_raises_while_it_is_down_and_works_again_after() -> None:
    with own_redis_server() as server:
        [limiter] = processes(limit(server.url), count=1)
        await limiter.acquire()
        server.stop()
        with pytest.raises(RateLimitStoreError):
            await limiter.acquire()
        server.start()
        await limiter.acquire()
        await limiter.aclose()


async def test_with_a_fallback_a_redis_restart_keeps_work_going_and_the_store_comes_back(
) -> None:
    with own_redis_server() as server:
        one, two = processes(limit(server.url, store_fallback=0.4))
        await one.acquire()
        server.stop()
        for _ in range(3):  # served in-process meanwhile
            await one.acquire()
        server.start()
        await anyio.sleep(2 * (WINDOW + 0.02))  # the fallback's starts leave the window
        for _ in range(5):
            await one.acquire()  # through the store again: the other process sees them
        start = time.monotonic()
        await two.acquire()
        assert time.monotonic() - start >= 0.05  # the window in Redis is full
        for limiter in (one, two):
            await limiter.aclose()


async def test_the_default_sqlite_file_is_named_by_a_hash_never_by_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fake = FakeSmartlead(api_key=SECRET_KEY)
    campaign = fake.add_campaign()
    async with fake.client(rate_limit=limit("sqlite://")) as client:
        await client.campaigns.get(campaign)
    files = list((tmp_path / "smartlead-async").iterdir())
    assert any(f.name.startswith("ratelimit-") and f.suffix == ".sqlite3" for f in files)
    for file in files:
        assert SECRET_KEY not in file.name
        assert SECRET_KEY.encode() not in file.read_bytes()


async def test_the_environment_variable_sets_the_store_of_clients_that_name_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("SMARTLEAD_RATE_LIMIT_STORE", url)
    async with SmartleadClient(api_key="env-key", rate_limit=RateLimit(7, 1.0)) as client:
        limiter = client._api.limiter
        assert isinstance(limiter, SlidingWindowLimiter)
        assert limiter.store == url
    async with SmartleadClient(
        api_key="env-key", rate_limit=RateLimit(7, 1.0, store="memory://")
    ) as client:
        limiter = client._api.limiter
        assert isinstance(limiter, SlidingWindowLimiter)
        assert limiter.store == "memory://"


def test_a_bad_store_in_the_environment_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_RATE_LIMIT_STORE", "postgres://db/limits")
    with pytest.raises(InvalidArgumentError, match="SMARTLEAD_RATE_LIMIT_STORE"):
        SmartleadClient(api_key="env-bad", rate_limit=RateLimit(3, 1.0))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"store": "postgres://db/limits"}, "RateLimit.store must be a URL"),
        ({"store": "sqlite://host/limits.db"}, "three slashes"),
        ({"store": "redis://"}, "needs a host"),
        ({"store_fallback": 0}, "RateLimit.store_fallback must be None"),
        ({"store_fallback": 1.5}, "RateLimit.store_fallback must be None"),
        ({"margin": 0.2, "max_margin": 0.1}, "RateLimit.max_margin must be >= margin"),
        ({"strategy": "leaky_bucket", "store": "sqlite://"}, "strategy='sliding_window' only"),
    ],
)
def test_bad_store_settings_are_refused_before_any_request(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        RateLimit(10, 2.0, **options)  # type: ignore[arg-type]


def test_a_store_password_never_shows_in_the_rate_limits_repr_or_errors() -> None:
    url = f"redis://user:{PASSWORD}@cache.internal:6379/0"
    assert PASSWORD not in repr(RateLimit(store=url))
    with pytest.raises(InvalidArgumentError) as caught:
        RateLimit(store=url.replace("redis", "redis+x", 1))
    assert PASSWORD not in str(caught.value)


async def _store_locked_by_another_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closing: list[SlidingWindowLimiter]
) -> tuple[SlidingWindowLimiter, sqlite3.Connection]:
    """A limiter on a SQLite file whose write lock another connection holds (in the middle
    of a write transaction), with SQLite told to answer "locked" at once."""
    path = tmp_path / "limits.db"
    [limiter] = processes(limit(f"sqlite:///{path}"), count=1)
    closing.append(limiter)
    await limiter.acquire()  # the file and its table exist
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(_sqlite, "BUSY_TIMEOUT_MS", 0)
    await limiter.aclose()  # the next acquire opens a new connection, with that timeout
    return limiter, holder


async def test_the_sqlite_store_waits_out_a_lock_that_sqlite_reports_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closing: list[SlidingWindowLimiter]
) -> None:
    limiter, holder = await _store_locked_by_another_writer(tmp_path, monkeypatch, closing)
    pauses: list[float] = []

    def pause_then_release(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            holder.execute("COMMIT")  # the other writer finishes while this one waits

    clock = SimpleNamespace(time=time.time, monotonic=time.monotonic, sleep=pause_then_release)
    monkeypatch.setattr(_sqlite, "time", clock)  # the store's clock only
    await limiter.acquire()
    holder.close()
    assert pauses == [_sqlite.FIRST_PAUSE, 2 * _sqlite.FIRST_PAUSE]


async def test_the_sqlite_store_gives_up_on_a_lock_held_past_its_patience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closing: list[SlidingWindowLimiter]
) -> None:
    limiter, holder = await _store_locked_by_another_writer(tmp_path, monkeypatch, closing)
    monkeypatch.setattr(_sqlite, "LOCKED_FOR", 0.05)
    with pytest.raises(RateLimitStoreError, match="database is locked"):
        await limiter.acquire()
    holder.close()


async def test_a_sqlite_start_is_dated_when_its_request_left_not_when_the_file_came_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closing: list[SlidingWindowLimiter]
) -> None:
    path = tmp_path / "limits.db"
    [limiter] = processes(limit(f"sqlite:///{path}"), count=1)
    closing.append(limiter)
    admission = await limiter.acquire()
    left = time.time() + 0.1
    instants = iter([left])  # the request leaves; the transaction runs 0.3 s later
    clock = SimpleNamespace(
        time=lambda: next(instants, left + 0.3), monotonic=time.monotonic, sleep=time.sleep
    )
    monkeypatch.setattr(_sqlite, "time", clock)  # the store's clock only
    await admission()
    with contextlib.closing(sqlite3.connect(path)) as reader:
        [state] = reader.execute("SELECT state FROM windows").fetchone()
    assert WindowState.from_json(state).starts == [[left, admission.start_id]]


async def test_a_store_failing_after_a_request_was_admitted_never_fails_that_request(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    closing: list[SlidingWindowLimiter],
) -> None:
    [limiter] = processes(limit(f"sqlite:///{tmp_path / 'limits.db'}", max_margin=0.5), count=1)
    closing.append(limiter)
    first, second = await limiter.acquire(), await limiter.acquire()

    async def unavailable(*args: object) -> None:
        raise StoreUnavailable("disk I/O error")

    for operation in ("admit", "redate", "settle"):
        monkeypatch.setattr(limiter._store, operation, unavailable)
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        await second()  # its request leaves (and may reach the server)
        await first.answered("GET /x", 0.01)
        await second.answered("GET /x", 0.3)  # its lateness cannot be recorded
    assert any("cannot be used" in record.getMessage() for record in caplog.records)
    with pytest.raises(RateLimitStoreError, match="disk I/O error"):
        await limiter.acquire()  # the next request learns of it
