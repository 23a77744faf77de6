"""Deadline options: their validation, and which timed-out requests may be sent again.

Whether a request that hit its deadline is retried depends on whether it may have left: the
transport follows httpcore's trace events. Here an httpx transport plays the stalled
connection (or server) and reports the events a socket would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from smartlead_async import (
    APITimeoutError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    SmartleadClient,
)

from .conftest import SECRET_KEY


class Stalling(httpx.AsyncBaseTransport):
    """Reports the trace events of a request reaching ``stage``, then never answers.

    ``stage``: ``"connecting"`` (a TCP connect that hangs), ``"sent"`` (the request head went
    out, the server is silent) or ``"untraced"`` (a transport that reports nothing).
    """

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.calls = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        trace = request.extensions["trace"]
        if self.stage != "untraced":
            await trace("connection.connect_tcp.started", {})
        if self.stage == "sent":
            await trace("connection.connect_tcp.complete", {})
            await trace("http11.send_request_headers.started", {"request": request})
        await anyio.sleep_forever()
        raise AssertionError("unreachable")


def client_with(transport: httpx.AsyncBaseTransport, **kwargs: Any) -> SmartleadClient:
    return SmartleadClient(api_key=SECRET_KEY, rate_limit=None, transport=transport, **kwargs)


@pytest.mark.parametrize(
    ("stage", "method", "attempts"),
    [
        ("connecting", "POST", 3),  # the connection never opened: the request cannot have run
        ("sent", "POST", 1),  # the request went out: sending it again could act twice
        ("untraced", "POST", 1),  # no evidence either way: assumed sent
        ("connecting", "GET", 3),  # a GET is retried whatever stage it timed out at
        ("sent", "GET", 3),
    ],
)
async def test_a_timed_out_request_is_retried_only_if_it_cannot_have_run_or_is_a_get(
    stage: str, method: str, attempts: int
) -> None:
    stalled = Stalling(stage)
    async with client_with(stalled, timeout=0.05, max_retries=2) as client:
        with pytest.raises(APITimeoutError) as caught:
            if method == "POST":
                await client.campaigns.leads.pause(1, 2)
            else:
                await client.campaigns.get(1)
    assert stalled.calls == attempts
    assert caught.value.attempts == attempts


class Counting(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.calls = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return httpx.Response(200, json={"id": 1})


BAD_SECONDS = [
    (0, InvalidArgumentError, "must be a number of seconds above 0, got 0"),
    (-1.5, InvalidArgumentError, "must be a number of seconds above 0, got -1.5"),
    (float("nan"), InvalidArgumentError, "must be a number of seconds above 0, got nan"),
    (float("inf"), InvalidArgumentError, "must be a number of seconds above 0, got inf"),
    ("5", InvalidArgumentTypeError, "must be a number of seconds > 0, got str"),
    (True, InvalidArgumentTypeError, "must be a number of seconds > 0, got bool"),
]


@pytest.mark.parametrize(("value", "error", "message"), BAD_SECONDS)
@pytest.mark.parametrize("name", ["timeout", "max_rate_limit_pause"])
def test_the_constructor_refuses_a_bad_number_of_seconds(
    name: str, value: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{name} {message}"):
        SmartleadClient(api_key=SECRET_KEY, **{name: value})


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0, InvalidArgumentError, "max_response_bytes must be >= 1, got 0"),
        (1.5, InvalidArgumentTypeError, "max_response_bytes must be an int, got float"),
    ],
)
def test_the_constructor_refuses_a_bad_max_response_bytes(
    value: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        SmartleadClient(api_key=SECRET_KEY, max_response_bytes=value)


@pytest.mark.parametrize(("value", "error", "message"), BAD_SECONDS)
async def test_with_options_and_a_per_call_timeout_refuse_a_bad_timeout_before_sending(
    value: Any, error: type[Exception], message: str
) -> None:
    counting = Counting()
    async with client_with(counting) as client:
        with pytest.raises(error, match=f"^timeout {message}"):
            client.with_options(timeout=value)
        with pytest.raises(error, match=f"^timeout {message}"):
            await client._api.request("GET", "/campaigns/1", timeout=value)
    assert counting.calls == 0


@pytest.mark.parametrize(("value", "error", "message"), BAD_SECONDS)
async def test_exports_refuse_a_bad_idle_timeout_before_sending(
    value: Any, error: type[Exception], message: str, tmp_path: Path
) -> None:
    counting = Counting()
    async with client_with(counting) as client:
        with pytest.raises(error, match=f"^idle_timeout {message}"):
            client.campaigns.leads.export_csv(1, idle_timeout=value)
        with pytest.raises(error, match=f"^idle_timeout {message}"):
            await client.campaigns.leads.export_csv_to(
                1, tmp_path / "leads.csv", idle_timeout=value
            )
    assert counting.calls == 0
    assert [entry async for entry in anyio.Path(tmp_path).iterdir()] == []


async def test_with_options_keeps_the_other_options_and_the_pool() -> None:
    counting = Counting()
    async with client_with(counting, timeout=7, max_retries=3) as client:
        view = client.with_options(timeout=2)
        assert (view.timeout, view.max_retries) == (2.0, 3)
        assert client.timeout == 7
        await view.campaigns.get(1)
    assert counting.calls == 1
