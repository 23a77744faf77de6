"""A planted API key appears in no exception text, repr, traceback or log record."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import SmartleadClient, SmartleadError

from .conftest import BASE_URL, SECRET_KEY

URL_WITH_KEY = f"{BASE_URL}/campaigns/1?api_key={SECRET_KEY}"

Scenario = Callable[[respx.MockRouter], None]

SCENARIOS: dict[str, Scenario] = {
    "401 echoing the url": lambda m: m.get("/campaigns/1").respond(
        401, json={"message": f"Invalid key for {URL_WITH_KEY}"}),
    "500 html page echoing the key": lambda m: m.get("/campaigns/1").respond(
        500, text=f"<html><title>Error</title><p>api_key={SECRET_KEY}</p></html>"),
    "422 validation echoing the key": lambda m: m.get("/campaigns/1").respond(
        422, json={"message": "bad", "validation": {"query": {"api_key": SECRET_KEY}}}),
    "connect error naming the url": lambda m: m.get("/campaigns/1").mock(
        side_effect=httpx.ConnectError(f"cannot connect to {URL_WITH_KEY}")),
    "read timeout": lambda m: m.get("/campaigns/1").mock(
        side_effect=httpx.ReadTimeout(f"timed out reading {URL_WITH_KEY}")),
    "truncated json": lambda m: m.get("/campaigns/1").respond(
        200, content=b'{"id": 1, "x', headers={"content-type": "application/json"}),
    "empty body": lambda m: m.get("/campaigns/1").respond(200, json={}),
    "429 exhausted": lambda m: m.get("/campaigns/1").respond(
        429, json={"error": {"message": f"slow down {SECRET_KEY}", "retry_after": 0}}),
}


def rendered(error: BaseException) -> str:
    body = getattr(error, "body", None)
    return "\n".join([
        str(error), repr(error), repr(body),
        "".join(traceback.format_exception(error)),
    ])


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_a_failing_call_never_shows_the_api_key(
    scenario: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with respx.mock(base_url=BASE_URL) as mock:
        SCENARIOS[scenario](mock)
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None, max_retries=1) as client:
            with pytest.raises(SmartleadError) as caught:
                await client.campaigns.get(1)
    assert SECRET_KEY not in rendered(caught.value)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the failing call should have logged its attempts"
    assert SECRET_KEY not in logged


async def test_httpx_info_log_lines_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/campaigns/1").respond(json={"id": 1})
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
            await client.campaigns.get(1)
    messages = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert messages and all("api_key=***" in m for m in messages)
    assert all(SECRET_KEY not in m for m in messages)


def test_reprs_of_the_client_and_its_parts_hide_the_key() -> None:
    client = SmartleadClient(api_key=SECRET_KEY, rate_limit=None)
    shown: list[Any] = [client, client._api, client.campaigns.leads.list(1)]
    assert all(SECRET_KEY not in repr(obj) for obj in shown)
