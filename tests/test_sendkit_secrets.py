"""A planted SendKit key shows nowhere: not in URLs, reprs, DEBUG logs, errors or the fake's
request log, on success, under faults, over a socket, and when a server echoes it back."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import SmartleadError
from smartlead_async.sendkit import SendkitClient
from smartlead_async.testing import FakeSendkit, Faults

SECRET = "sk_PLANTED-sendkit-4c21b9"
CAMPAIGN = "6650a1b2c3d4e5f6a7b8c9d0"


def rendered(error: BaseException) -> str:
    """Everything a user could print about ``error``: text, repr, traceback, body."""
    return "\n".join([str(error), repr(error), repr(getattr(error, "body", None)),
                      "".join(traceback.format_exception(error))])


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], str]]:
    """Every logger at DEBUG (the SDK, httpx, httpcore, asyncio)."""
    caplog.set_level(logging.DEBUG)
    yield lambda: "\n".join(record.getMessage() for record in caplog.records)


def seen_urls(client: SendkitClient) -> list[str]:
    """Record the URL of every request the client sends."""
    urls: list[str] = []

    async def note(request: httpx.Request) -> None:
        urls.append(str(request.url))

    client._api.http_client.event_hooks["request"].append(note)
    return urls


@pytest.mark.parametrize("pagination", ["page", "cursor"])
async def test_paging_under_faults_never_shows_the_key(
    pagination: str, debug_log: Callable[[], str]
) -> None:
    fake = FakeSendkit(api_key=SECRET, faults=Faults(
        error_rate=0.1, drop_rate=0.1, truncate_rate=0.1, seed=4))
    campaign = fake.add_campaign(lead_count=600)
    fake.churn_leads(campaign, insert=2, delete=1)
    async with fake.client(max_retries=8) as client:
        urls = seen_urls(client)
        paginator = client.campaigns.leads.list(campaign, pagination=pagination)  # type: ignore[call-overload]
        leads = [item async for item in paginator]
        shown = [repr(client), repr(client._api), repr(client._api._auth), repr(paginator),
                 repr(leads[:3]), *urls, debug_log(), repr(fake), repr(fake.stats)]
    assert len(urls) == fake.stats.requests > 5
    assert all(SECRET not in text for text in shown)
    assert all(SECRET not in repr(entry) for entry in fake.stats.log)


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (401, {"error": "Unauthorized", "message": f"Invalid key {SECRET}", "code": 401}),
        (500, f"<html><title>Oops {SECRET}</title></html>"),
        (400, {"success": False, "errors": [{"field": "X-Api-Key", "message": SECRET}]}),
        (200, {"success": False, "error": f"key {SECRET} is suspended"}),
    ],
)
async def test_an_error_echoing_the_key_never_shows_it(
    status: int, answer: Any, debug_log: Callable[[], str]
) -> None:
    with respx.mock(base_url="https://api.sendkit.ai/v1") as mock:
        content = {"json": answer} if isinstance(answer, dict) else {"text": answer}
        mock.get(f"/campaigns/{CAMPAIGN}/leads").respond(status, **content)
        async with SendkitClient(api_key=SECRET, max_retries=1) as client:
            with pytest.raises(SmartleadError) as caught:
                await client.campaigns.leads.list(CAMPAIGN)
    assert "***" in rendered(caught.value)
    assert SECRET not in rendered(caught.value) + debug_log()


@pytest.mark.parametrize("faults", [Faults(drop_rate=1.0), Faults(truncate_rate=1.0),
                                    Faults(error_rate=1.0)])
async def test_failures_over_a_real_socket_never_show_the_key(
    faults: Faults, debug_log: Callable[[], str]
) -> None:
    fake = FakeSendkit(api_key=SECRET, faults=faults)
    campaign = fake.add_campaign(lead_count=300)
    async with fake.serve() as url, SendkitClient(
        api_key=SECRET, base_url=url, max_retries=1
    ) as client:
        with pytest.raises(SmartleadError) as caught:
            [item async for item in client.campaigns.leads.list(campaign, pagination="cursor")]
    assert SECRET not in rendered(caught.value) + debug_log() + repr(client)


async def test_a_raw_response_never_shows_the_key() -> None:
    fake = FakeSendkit(api_key=SECRET)
    campaign = fake.add_campaign(lead_count=3)
    async with fake.client() as client:
        raw = await client.with_raw_response.campaigns.leads.list(campaign)
    request = raw.http_response.request
    assert SECRET not in " ".join([repr(raw), str(request.url), repr(request.headers),
                                   repr(raw.headers)])
