"""A hostile server over a real loopback socket: deadlines, bounded bodies, sane rate-limit headers.

Each test serves a :class:`~tests._faulty.Misbehaving` answer on 127.0.0.1 and talks to it
through the SDK's own connection pool. The tests assert on events (the error, what the server
managed to send, how many body bytes the client took off the socket), never on elapsed time:
the figures "within timeout + 10 %" and "+N MB of memory" live in ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from smartlead_async import (
    APIResponseError,
    APITimeoutError,
    RateLimit,
    ServerError,
    SlidingWindowLimiter,
    SmartleadClient,
)
from smartlead_async._ratelimit._store import MemoryStore
from smartlead_async.testing._server import serve_app

from ._faulty import Misbehaving, repeat, sdk_log, unique_key, watch_loop
from .conftest import SECRET_KEY

CAMPAIGN = b'{"id": 1, "name": "Q3"}'
#: The most bytes httpcore takes off a socket in one read.
SOCKET_READ = 64 * 1024


@pytest.fixture(autouse=True)
async def _loop_is_clean() -> Any:
    async with watch_loop():
        yield


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Body bytes the client took off the socket, one count per response it read."""
    counts: list[int] = []
    original = httpx.Response.aiter_bytes

    async def counting(self: httpx.Response, chunk_size: int | None = None) -> Any:
        counts.append(0)
        index = len(counts) - 1
        async for chunk in original(self, chunk_size):
            counts[index] += len(chunk)
            yield chunk

    monkeypatch.setattr(httpx.Response, "aiter_bytes", counting)
    yield counts


@asynccontextmanager
async def client_of(app: Misbehaving, **kwargs: Any) -> AsyncIterator[SmartleadClient]:
    """A client of ``app`` served on a loopback socket (no rate limit unless given)."""
    kwargs.setdefault("rate_limit", None)
    kwargs.setdefault("api_key", SECRET_KEY)
    async with serve_app(app, host="127.0.0.1", port=0, path="/api/v1") as url, \
            SmartleadClient(base_url=url, **kwargs) as client:
        yield client


def assert_no_secret(error: BaseException) -> None:
    assert SECRET_KEY not in str(error)
    assert SECRET_KEY not in repr(error)


# --- the deadline of an attempt --------------------------------------------------------------


async def test_a_trickled_body_times_out_at_the_deadline_however_often_bytes_arrive() -> None:
    # One byte every 10 ms: each read is quick, so only a deadline on the whole attempt stops it.
    app = Misbehaving(body=repeat(b"x", 300), gap=0.01)
    async with client_of(app, timeout=0.2, max_retries=0) as client:
        with pytest.raises(APITimeoutError) as caught:
            await client.campaigns.get(1)
        await app.wait_hung_up()  # the client gave up before the body was complete
    assert "no complete response within the timeout=0.2 s deadline" in str(caught.value)
    assert app.bytes_sent < 300
    assert_no_secret(caught.value)


async def test_a_timed_out_get_is_retried_with_a_fresh_deadline_each_attempt() -> None:
    app = Misbehaving(body=repeat(b"x", 300), gap=0.01)
    with sdk_log() as log:
        async with client_of(app, timeout=0.1, max_retries=2) as client:
            with pytest.raises(APITimeoutError) as caught:
                await client.campaigns.get(1)
    assert caught.value.attempts == 3
    assert app.requests == 3
    assert log.retries == 2


async def test_a_post_that_timed_out_mid_body_is_not_sent_again() -> None:
    app = Misbehaving(body=repeat(b"x", 300), gap=0.01)
    async with client_of(app, timeout=0.1, max_retries=3) as client:
        with pytest.raises(APITimeoutError) as caught:
            await client.campaigns.leads.pause(1, 2)
    assert app.requests == 1  # the server got it: sending it again could act twice
    assert caught.value.attempts == 1


async def test_slow_headers_time_out_naming_the_deadline() -> None:
    app = Misbehaving(body=lambda: [CAMPAIGN], head_delay=5)
    async with client_of(app, timeout=0.1, max_retries=0) as client:
        with pytest.raises(APITimeoutError, match=r"timeout=0\.1 s deadline"):
            await client.campaigns.get(1)
    assert app.requests == 1


class SlowLimiter:
    """A RateLimiter that makes every request wait ``wait`` seconds for its turn."""

    def __init__(self, wait: float) -> None:
        self.wait = wait

    async def acquire(self) -> None:
        await anyio.sleep(self.wait)

    def penalize(self, seconds: float) -> None:
        pass

    def update_from_headers(self, headers: Any) -> None:
        pass


async def test_waiting_for_the_rate_limiter_does_not_count_against_the_deadline() -> None:
    app = Misbehaving(body=lambda: [CAMPAIGN])
    async with client_of(app, timeout=0.1, max_retries=0, rate_limit=SlowLimiter(0.3)) as client:
        campaign = await client.campaigns.get(1)  # its turn came after 0.3 s; then 0.1 s to run
    assert campaign.name == "Q3"


async def test_a_per_call_timeout_shortens_the_deadline_of_that_call() -> None:
    app = Misbehaving(body=lambda: [CAMPAIGN], head_delay=5)
    async with client_of(app, timeout=30, max_retries=0) as client:
        with pytest.raises(APITimeoutError, match=r"timeout=0\.05 s deadline"):
            await client._api.request("GET", "/campaigns/1", timeout=0.05)
        with pytest.raises(APITimeoutError, match=r"timeout=0\.05 s deadline"):
            await client.with_options(timeout=0.05).campaigns.get(1)
        assert client.timeout == 30  # the view did not change the client


async def test_a_longer_timeout_from_with_options_lets_a_slow_answer_through() -> None:
    app = Misbehaving(body=lambda: [CAMPAIGN], head_delay=0.3)
    async with client_of(app, timeout=0.05, max_retries=0) as client:
        campaign = await client.with_options(timeout=30).campaigns.get(1)
    assert campaign.name == "Q3"  # httpx's per-phase timeouts followed the longer deadline


# --- streams: the deadline up to the headers, then an idle timeout between chunks ------------


def csv_parts(rows: int) -> Iterator[bytes]:
    yield b"id,email\n"
    for number in range(rows):
        yield f"{number},lead{number}@example.com\n".encode()


async def test_an_export_may_outlast_the_deadline_while_its_chunks_keep_coming() -> None:
    app = Misbehaving(body=lambda: csv_parts(10), gap=0.05)  # 11 parts, 0.05 s apart
    async with client_of(app, timeout=0.2, max_retries=0) as client:
        rows = [row async for row in client.campaigns.leads.export_csv(1, idle_timeout=30)]
    assert [row["id"] for row in rows] == [str(number) for number in range(10)]


async def test_an_export_that_stalls_longer_than_its_idle_timeout_raises_api_timeout_error(
) -> None:
    app = Misbehaving(body=lambda: csv_parts(10), gap=5)  # headers at once, then silence
    async with client_of(app, timeout=30, max_retries=3) as client:
        with pytest.raises(APITimeoutError, match=r"no data for idle_timeout=0\.1 s") as caught:
            async for _ in client.campaigns.leads.export_csv(1, idle_timeout=0.1):
                pass
    assert app.requests == 1  # a stalled body is not retried
    assert_no_secret(caught.value)


# --- bodies larger than max_response_bytes ---------------------------------------------------


async def test_a_huge_content_length_is_refused_before_any_of_the_body_is_read(
    taken: list[int],
) -> None:
    size = 50_000_000
    app = Misbehaving(headers={"content-length": str(size)}, body=repeat(b"x" * 65536, size))
    async with client_of(app, max_response_bytes=1_000_000, max_retries=3) as client:
        with pytest.raises(APIResponseError) as caught:
            await client.campaigns.get(1)
        await app.wait_hung_up()
    message = str(caught.value)
    assert "max_response_bytes=1000000" in message
    assert "Content-Length is 50000000 bytes" in message
    assert caught.value.attempts == 1  # the same request would bring the same body
    assert app.requests == 1
    assert taken == []  # the body was never read
    assert app.bytes_sent < size


async def test_a_huge_chunked_body_is_refused_once_the_limit_is_counted(
    taken: list[int],
) -> None:
    limit, offered = 1_000_000, 500_000_000
    app = Misbehaving(body=repeat(b"x" * 65536, offered))  # chunked: no length announced
    async with client_of(app, max_response_bytes=limit, max_retries=3) as client:
        with pytest.raises(APIResponseError, match="max_response_bytes=1000000") as caught:
            await client.campaigns.get(1)
        await app.wait_hung_up()
    assert caught.value.attempts == 1
    assert app.requests == 1
    [read] = taken
    assert limit < read <= limit + SOCKET_READ  # counting stopped at the first chunk past it
    assert app.bytes_sent < offered


async def test_a_body_exactly_at_the_limit_is_accepted() -> None:
    padding = b" " * (4096 - len(CAMPAIGN))
    app = Misbehaving(body=lambda: [CAMPAIGN, padding])
    async with client_of(app, max_response_bytes=4096) as client:
        campaign = await client.campaigns.get(1)
    assert campaign.name == "Q3"


async def test_a_huge_error_body_is_read_only_up_to_64_kib_for_its_message(
    taken: list[int],
) -> None:
    offered = 50_000_000
    page = b"<html><title>Bad gateway at the proxy</title>" + b"x" * 65536
    app = Misbehaving(status=502, body=repeat(page, offered))
    async with client_of(app, max_retries=0) as client:
        with pytest.raises(ServerError) as caught:
            await client.campaigns.get(1)
        await app.wait_hung_up()
    assert "Bad gateway at the proxy" in caught.value.message
    assert len(caught.value.body) <= 64 * 1024
    [read] = taken
    assert read <= 64 * 1024 + SOCKET_READ
    assert app.bytes_sent < offered


# --- nonsense x-ratelimit-reset headers ------------------------------------------------------

MAX_PAUSE = 30.0
IGNORED = ["inf", "nan", "-5", "garbage", "1e400", str(10**12)]


async def pause_after(reset: str) -> tuple[float, list[str]]:
    """How long the shared limiter holds requests back after one answer with ``reset``."""
    app = Misbehaving(
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset},
        body=lambda: [CAMPAIGN],
    )
    with sdk_log() as log:
        async with client_of(
            app, api_key=unique_key(), rate_limit=RateLimit(10, 0.1),
            max_rate_limit_pause=MAX_PAUSE,
        ) as client:
            await client.campaigns.get(1)
            limiter = client._api.limiter
    assert isinstance(limiter, SlidingWindowLimiter)
    assert isinstance(limiter._store, MemoryStore)
    return limiter._store.state.blocked_until - time.monotonic(), log.messages


@pytest.mark.parametrize("reset", IGNORED)
async def test_a_nonsense_reset_header_is_ignored_and_logged(reset: str) -> None:
    pause, messages = await pause_after(reset)
    assert pause <= 0  # nobody waits
    assert any(f"ignored x-ratelimit-reset={reset!r}" in message for message in messages)


@pytest.mark.parametrize("unit", ["seconds from now", "epoch seconds", "epoch milliseconds"])
async def test_a_far_reset_header_costs_at_most_the_maximum_pause(unit: str) -> None:
    an_hour = 3600.0
    if unit != "seconds from now":
        an_hour += time.time()  # an instant an hour away
    scale = 1000 if unit == "epoch milliseconds" else 1
    pause, messages = await pause_after(str(int(an_hour * scale)))
    assert pause <= MAX_PAUSE
    assert any("to the 30 s maximum pause" in message for message in messages)
