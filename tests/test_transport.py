"""Transport behaviour over respx: auth, status mapping, retries, Retry-After, limiter hooks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SmartleadClient,
    UnprocessableEntityError,
)
from smartlead_async._base_client import APIClient

from .conftest import BASE_URL, SECRET_KEY


class SpyLimiter:
    """A RateLimiter that records what the transport tells it."""

    def __init__(self) -> None:
        self.acquired = 0
        self.penalties: list[float] = []
        self.headers: list[Mapping[str, str]] = []

    async def acquire(self) -> None:
        self.acquired += 1

    def penalize(self, seconds: float) -> None:
        self.penalties.append(seconds)

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        self.headers.append(headers)


def make_client(**kwargs: Any) -> SmartleadClient:
    kwargs.setdefault("rate_limit", None)
    return SmartleadClient(api_key=SECRET_KEY, **kwargs)


def transport_of(client: SmartleadClient) -> APIClient:
    return client._api


@pytest.fixture
def api() -> Any:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        yield mock


async def test_every_request_carries_the_api_key_in_the_query(api: respx.MockRouter) -> None:
    route = api.get("/campaigns/1").respond(json={"id": 1})
    async with make_client() as client:
        await client.campaigns.get(1)
    assert route.calls.last.request.url.params["api_key"] == SECRET_KEY


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (400, {"error": "Invalid timezone - Mars/Base"}, BadRequestError,
         "Invalid timezone - Mars/Base"),
        (401, {"message": "Invalid API key"}, AuthenticationError, "Invalid API key"),
        (403, {"ok": False, "message": "No API access on this plan", "errorCode": "PLAN"},
         PermissionDeniedError, "No API access on this plan (errorCode: PLAN)"),
        (404, {"error": "Campaign not found - Invalid campaign_id."}, NotFoundError,
         "Campaign not found - Invalid campaign_id."),
        (422, {"statusCode": 422, "error": "Unprocessable Entity", "message": "bad limit",
               "validation": {"keys": ["limit"]}}, UnprocessableEntityError,
         'bad limit (validation: {"keys": ["limit"]})'),
        (429, {"error": {"code": "rate_limited", "message": "Slow down", "retry_after": 0}},
         RateLimitError, "Slow down (code: rate_limited)"),
        (500, "<html><title>500 Internal Server Error</title></html>", ServerError,
         "500 Internal Server Error"),
        (503, "upstream overloaded", ServerError, "upstream overloaded"),
        (418, {"error": "teapot"}, APIStatusError, "teapot"),
    ],
)
async def test_status_codes_map_to_error_classes_with_the_body_message(
    api: respx.MockRouter, status: int, body: Any, cls: type[APIStatusError], message: str
) -> None:
    kwargs = {"json": body} if not isinstance(body, str) else {"text": body}
    api.get("/campaigns/1").respond(status, **kwargs)
    async with make_client(max_retries=0) as client:
        with pytest.raises(cls) as caught:
            await client.campaigns.get(1)
    assert type(caught.value) is cls
    assert caught.value.status_code == status
    assert caught.value.message == message
    assert str(caught.value) == f"HTTP {status}: {message} [GET /campaigns/1]"


async def test_a_get_is_retried_on_a_server_error_until_it_succeeds(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/1").mock(side_effect=[
        httpx.Response(502), httpx.Response(503), httpx.Response(200, json={"id": 1}),
    ])
    async with make_client(max_retries=3) as client:
        campaign = await client.campaigns.get(1)
    assert campaign.id == 1
    assert route.call_count == 3


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
async def test_a_post_is_not_retried_after_it_may_have_run(
    api: respx.MockRouter, status: int
) -> None:
    route = api.post("/anything").respond(status, json={"error": "boom"})
    async with make_client(max_retries=3) as client:
        with pytest.raises(APIStatusError):
            await transport_of(client).request("POST", "/anything", json_body={"a": 1})
    assert route.call_count == 1


async def test_a_post_is_retried_on_429_because_it_did_not_run(api: respx.MockRouter) -> None:
    route = api.post("/anything").mock(side_effect=[
        httpx.Response(429, headers={"retry-after": "0"}), httpx.Response(200, json={"ok": True}),
    ])
    async with make_client(max_retries=2) as client:
        assert await transport_of(client).request("POST", "/anything") == {"ok": True}
    assert route.call_count == 2


async def test_a_post_is_retried_when_the_connection_never_opened(api: respx.MockRouter) -> None:
    route = api.post("/anything").mock(side_effect=[
        httpx.ConnectError("refused"), httpx.Response(200, json={"ok": True}),
    ])
    async with make_client(max_retries=2) as client:
        assert await transport_of(client).request("POST", "/anything") == {"ok": True}
    assert route.call_count == 2


async def test_a_post_is_not_retried_when_the_connection_broke_after_sending(
    api: respx.MockRouter,
) -> None:
    route = api.post("/anything").mock(side_effect=httpx.RemoteProtocolError("peer closed"))
    async with make_client(max_retries=3) as client:
        with pytest.raises(APIConnectionError):
            await transport_of(client).request("POST", "/anything")
    assert route.call_count == 1


async def test_a_get_is_retried_after_a_dropped_connection(api: respx.MockRouter) -> None:
    route = api.get("/campaigns/1").mock(side_effect=[
        httpx.ReadError("reset"), httpx.RemoteProtocolError("closed"),
        httpx.Response(200, json={"id": 1}),
    ])
    async with make_client(max_retries=2) as client:
        assert (await client.campaigns.get(1)).id == 1
    assert route.call_count == 3


async def test_exhausted_retries_raise_the_last_error_with_the_attempt_count(
    api: respx.MockRouter, no_backoff: list[int]
) -> None:
    route = api.get("/campaigns/1").respond(500, json={"error": "still down"})
    async with make_client(max_retries=3) as client:
        with pytest.raises(ServerError) as caught:
            await client.campaigns.get(1)
    assert route.call_count == 4
    assert caught.value.attempts == 4
    assert "(after 4 attempts)" in str(caught.value)
    assert no_backoff == [1, 2, 3]


async def test_a_timeout_surfaces_as_api_timeout_error_after_retries(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/1").mock(side_effect=httpx.ReadTimeout("too slow"))
    async with make_client(max_retries=2) as client:
        with pytest.raises(APITimeoutError) as caught:
            await client.campaigns.get(1)
    assert route.call_count == 3
    assert caught.value.attempts == 3


async def test_an_undecodable_json_body_is_retried_then_raises_api_response_error(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/1").respond(
        200, content=b'{"id": 1, "na', headers={"content-type": "application/json"}
    )
    async with make_client(max_retries=1) as client:
        with pytest.raises(APIResponseError, match="not valid JSON"):
            await client.campaigns.get(1)
    assert route.call_count == 2


async def test_a_plain_text_success_body_is_returned_as_text(api: respx.MockRouter) -> None:
    api.delete("/thing").respond(200, text="success")
    async with make_client() as client:
        assert await transport_of(client).request("DELETE", "/thing") == "success"


async def test_max_retries_can_be_overridden_per_call_with_options(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/1").respond(503)
    async with make_client(max_retries=5) as client:
        with pytest.raises(ServerError):
            await client.with_options(max_retries=0).campaigns.get(1)
    assert route.call_count == 1


async def test_the_limiter_is_acquired_before_every_attempt_including_retries(
    api: respx.MockRouter,
) -> None:
    api.get("/campaigns/1").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json={"id": 1})]
    )
    spy = SpyLimiter()
    async with make_client(rate_limit=spy, max_retries=1) as client:
        await client.campaigns.get(1)
    assert spy.acquired == 2


@pytest.mark.parametrize(
    ("headers", "body", "penalty"),
    [
        ({"retry-after": "1.5"}, {"error": "slow down"}, 1.5),
        ({}, {"error": {"code": "rate_limited", "retry_after": 0.75}}, 0.75),
        ({}, {"error": "slow down"}, 2.0),  # neither: one full window of the default limit
    ],
)
async def test_a_429_pauses_the_shared_limiter_for_the_servers_wait(
    api: respx.MockRouter, headers: dict[str, str], body: Any, penalty: float
) -> None:
    api.get("/campaigns/1").mock(side_effect=[
        httpx.Response(429, headers=headers, json=body), httpx.Response(200, json={"id": 1}),
    ])
    spy = SpyLimiter()
    async with make_client(rate_limit=spy, max_retries=1) as client:
        await client.campaigns.get(1)
    assert spy.penalties == [penalty]


async def test_rate_limit_headers_are_passed_to_the_limiter(api: respx.MockRouter) -> None:
    api.get("/campaigns/1").respond(
        json={"id": 1}, headers={"x-ratelimit-remaining": "3", "x-ratelimit-reset": "1"}
    )
    spy = SpyLimiter()
    async with make_client(rate_limit=spy) as client:
        await client.campaigns.get(1)
    assert spy.headers[0]["x-ratelimit-remaining"] == "3"


async def test_a_closed_client_refuses_requests_clearly() -> None:
    client = make_client()
    await client.aclose()
    with pytest.raises(ClientClosedError, match="closed"):
        await client.campaigns.get(1)


async def test_a_caller_supplied_http_client_is_used_and_left_open(api: respx.MockRouter) -> None:
    api.get("/campaigns/1").respond(json={"id": 1})
    async with httpx.AsyncClient() as http:
        async with make_client(http_client=http) as client:
            await client.campaigns.get(1)
        assert not http.is_closed


async def test_a_closed_caller_supplied_http_client_raises_client_closed_error() -> None:
    http = httpx.AsyncClient()
    await http.aclose()
    async with make_client(http_client=http) as client:
        with pytest.raises(ClientClosedError):
            await client.campaigns.get(1)


async def test_closing_the_client_closes_the_pool_it_created() -> None:
    client = make_client()
    await client.aclose()
    assert transport_of(client).http_client.is_closed
    await client.aclose()  # twice is fine


async def test_a_streamed_body_that_does_not_match_its_encoding_raises_api_response_error(
    api: respx.MockRouter,
) -> None:
    api.get("/campaigns/1/leads-export").mock(side_effect=lambda request: httpx.Response(
        200, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip at all")
    ))
    async with make_client() as client:
        with pytest.raises(APIResponseError, match="could not be decoded"):
            async for _ in client.campaigns.leads.export_csv(1):
                pass


def test_an_error_keeps_the_innermost_context_and_shows_it() -> None:
    error = APIError("boom", method="GET", path="/campaigns/1/leads")
    error.add_context("adding leads to campaign 1")
    error.add_context("paging leads of campaign 1")
    assert error.context == "adding leads to campaign 1"
    assert str(error) == "boom [GET /campaigns/1/leads]; while adding leads to campaign 1"
