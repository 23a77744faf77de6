"""``SendkitClient``: its key, defaults and options, on the code it shares with SmartleadClient."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
import respx

from smartlead_async import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MissingAPIKeyError,
    RateLimit,
    RateLimitError,
    RawResponse,
    SmartleadClient,
    WrongEventLoopError,
    with_raw_response,
)
from smartlead_async._auth import HeaderAuth, QueryAuth
from smartlead_async._client_base import BaseClient
from smartlead_async.sendkit import SendkitClient
from smartlead_async.testing import FakeSendkit

SENDKIT_URL = "https://api.sendkit.ai/v1"
CAMPAIGN = "6650a1b2c3d4e5f6a7b8c9d0"
PATH = f"/campaigns/{CAMPAIGN}/leads"
EMPTY = {"success": True, "data": [], "pagination": {"page": 1, "limit": 100, "total": 0}}


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=SENDKIT_URL, assert_all_called=False) as mock:
        yield mock


def test_a_missing_key_names_sendkits_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENDKIT_API_KEY", raising=False)
    monkeypatch.setenv("SMARTLEAD_API_KEY", "a-smartlead-key")  # never taken for SendKit
    with pytest.raises(MissingAPIKeyError) as caught:
        SendkitClient()
    assert str(caught.value) == (
        "No SendKit API key: pass api_key=... or set the SENDKIT_API_KEY environment variable"
    )


async def test_the_key_is_read_from_sendkit_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDKIT_API_KEY", "sk_from_env")
    async with SendkitClient() as client:
        assert client._api._api_key == "sk_from_env"


def test_a_key_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(InvalidArgumentTypeError, match="api_key must be a str"):
        SendkitClient(api_key=42)  # type: ignore[arg-type]


async def test_defaults_are_sendkits_url_and_no_rate_limit_of_its_own() -> None:
    async with SendkitClient(api_key="k") as client:
        assert client.base_url == SENDKIT_URL
        assert client.rate_limit is None and client._api.limiter is None
        assert (client.max_retries, client.timeout) == (4, 30.0)


async def test_a_rate_limit_can_be_given_and_is_shared_per_key() -> None:
    async with SendkitClient(api_key="k", rate_limit=RateLimit(5, 1.0)) as one, \
            SendkitClient(api_key="k", rate_limit=RateLimit(5, 1.0)) as two:
        assert one._api.limiter is not None and one._api.limiter is two._api.limiter


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"max_retries": -1}, InvalidArgumentError, "max_retries must be between 0 and 50"),
        ({"timeout": 0}, InvalidArgumentError, "timeout must be a number of seconds above 0"),
        ({"rate_limit": 10}, InvalidArgumentTypeError, "rate_limit must be a RateLimit"),
        ({"workspace_id": " "}, InvalidArgumentError, "workspace_id must be a non-empty string"),
        ({"http_client": httpx.AsyncClient(), "transport": httpx.MockTransport(lambda r: None)},
         InvalidArgumentError, "pass either http_client or transport"),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], error: type[Exception],
                                 message: str) -> None:
    with pytest.raises(error, match=message):
        SendkitClient(api_key="k", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("base_url", ["api.sendkit.ai/v1", "ftp://api.sendkit.ai/v1"])
def test_a_base_url_that_is_not_an_http_url_is_refused(base_url: str) -> None:
    with pytest.raises(InvalidArgumentError, match="base_url must be an http:// or https://"):
        SendkitClient(api_key="k", base_url=base_url)


def test_smartlead_base_url_is_never_taken_for_sendkit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", "https://smartlead.example/api/v1")
    assert SendkitClient(api_key="k").base_url == SENDKIT_URL


async def test_requests_carry_the_sdks_user_agent(api: respx.MockRouter) -> None:
    route = api.get(PATH).respond(json=EMPTY)
    async with SendkitClient(api_key="k") as client:
        await client.campaigns.leads.list(CAMPAIGN)
    assert route.calls.last.request.headers["User-Agent"].startswith("smartlead-async/")


async def test_a_429_waits_for_retry_after_and_retries_without_a_limiter(
    api: respx.MockRouter,
) -> None:
    route = api.get(PATH).mock(side_effect=[
        httpx.Response(429, json={"error": "Too Many Requests", "message": "slow down"},
                       headers={"Retry-After": "0"}),
        httpx.Response(200, json=EMPTY),
    ])
    async with SendkitClient(api_key="k") as client:
        page = await client.campaigns.leads.list(CAMPAIGN)
    assert page.items == [] and route.call_count == 2


async def test_429s_past_the_retries_raise_rate_limit_error(api: respx.MockRouter) -> None:
    api.get(PATH).respond(429, json={"message": "slow down"}, headers={"Retry-After": "0"})
    async with SendkitClient(api_key="k", max_retries=2) as client:
        with pytest.raises(RateLimitError, match="slow down") as caught:
            await client.campaigns.leads.list(CAMPAIGN)
    assert caught.value.attempts == 3


async def test_with_options_keeps_the_key_and_workspace_and_shares_the_pool(
    api: respx.MockRouter,
) -> None:
    route = api.get(PATH).respond(json=EMPTY)
    async with SendkitClient(api_key="k", workspace_id="ws-9") as base:
        view = base.with_options(max_retries=0, timeout=5)
        assert isinstance(view, SendkitClient)
        assert (view.max_retries, view.timeout, view.workspace_id) == (0, 5.0, "ws-9")
        assert view._api.http_client is base._api.http_client
        await view.campaigns.leads.list(CAMPAIGN)
        await view.aclose()
        await base.campaigns.leads.list(CAMPAIGN)  # the pool is still open
    assert [call.request.headers["x-workspace-id"] for call in route.calls] == ["ws-9"] * 2


async def test_the_raw_response_of_a_listing_is_its_first_page_with_the_response(
    api: respx.MockRouter,
) -> None:
    api.get(PATH).respond(json=EMPTY, headers={"x-request-id": "r-7"})
    async with SendkitClient(api_key="k") as client:
        raw = await client.with_raw_response.campaigns.leads.list(CAMPAIGN, page_size=5)
        typed = await with_raw_response(client.campaigns.leads.list, CAMPAIGN)
    assert isinstance(raw, RawResponse) and raw.parsed.total == 0
    assert raw.headers["x-request-id"] == "r-7" and typed.status_code == 200


def test_both_clients_share_one_base_and_differ_only_in_how_the_key_travels() -> None:
    smartlead, sendkit = SmartleadClient(api_key="k"), SendkitClient(api_key="k")
    assert isinstance(smartlead, BaseClient) and isinstance(sendkit, BaseClient)
    assert isinstance(smartlead._api._auth, QueryAuth)
    assert isinstance(sendkit._api._auth, HeaderAuth)
    assert repr(sendkit) == f"SendkitClient(base_url='{SENDKIT_URL}', api_key='***')"


def test_reused_in_a_second_asyncio_run_it_names_itself_and_no_sync_client() -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=3)
    client = fake.client()

    async def first_page() -> int:
        return len((await client.campaigns.leads.list(campaign)).items)

    assert asyncio.run(first_page()) == 3
    with pytest.raises(WrongEventLoopError) as wrong:
        asyncio.run(first_page())
    assert "this SendkitClient was first used in another event loop" in str(wrong.value)
    assert "async with SendkitClient() as client:" in str(wrong.value)
    assert "SmartleadSyncClient" not in str(wrong.value)
