"""One client, four hosts: SmartLead's core API, SmartProspect, Smart Delivery and Smart
Senders each on its own base URL, sharing the client's pool, retries and error handling, each
with a rate limiter of its own; the key travels only in each request's own query string."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Mapping
from typing import Any

import anyio
import httpx
import pytest
import respx

from smartlead_async import (
    APIConnectionError,
    AuthenticationError,
    ClientClosedError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    RateLimit,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead

from ._hosts import DELIVERY_URL, PROSPECT_URL, SENDERS_URL
from .conftest import BASE_URL, SECRET_KEY

HOSTS = {
    "core": "server.smartlead.ai",
    "prospect": "prospect-api.smartlead.ai",
    "delivery": "smartdelivery.smartlead.ai",
    "senders": "smart-senders.smartlead.ai",
}
#: An answer every call of :data:`CALLS` reads: one record with an id.
ANSWER = {"success": True, "data": [{"id": 1}]}
#: One cheap call per product.
CALLS: dict[str, Callable[[SmartleadClient], Any]] = {
    "core": lambda c: c.campaigns.list(),
    "prospect": lambda c: c.prospect.reply_analytics(),
    "delivery": lambda c: c.delivery.providers(),
    "senders": lambda c: c.senders.vendors(),
}


def mock_every_host(mock: respx.MockRouter, **answers: httpx.Response) -> dict[str, respx.Route]:
    """A route per product on its real host; each answers ``answers[product]`` (or
    :data:`ANSWER`)."""
    paths = {
        "core": BASE_URL + "/campaigns",
        "prospect": PROSPECT_URL + "/reply-analytics",
        "delivery": DELIVERY_URL + "/spam-test/seed/providers",
        "senders": SENDERS_URL + "/smart-senders/get-vendors",
    }
    return {
        product: mock.get(url).mock(
            return_value=answers.get(product, httpx.Response(200, json=ANSWER)))
        for product, url in paths.items()
    }


def rendered(error: BaseException) -> str:
    return "\n".join([str(error), repr(error), repr(getattr(error, "body", None)),
                      "".join(traceback.format_exception(error))])


async def test_each_product_goes_to_its_own_host_with_the_key_only_in_its_query() -> None:
    with respx.mock(assert_all_called=True) as mock:
        routes = mock_every_host(mock)
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
            for call in CALLS.values():
                await call(client)
    for product, route in routes.items():
        (call,) = route.calls
        request = call.request
        assert request.url.host == HOSTS[product]
        assert request.url.params.get_list("api_key") == [SECRET_KEY]
        others = [request.url.path, request.content.decode(),
                  *(f"{k}: {v}" for k, v in request.headers.items())]
        assert all(SECRET_KEY not in text for text in others), product


async def test_each_base_url_can_be_overridden_on_its_own() -> None:
    proxy = "https://proxy.internal/prospect/"
    with respx.mock(assert_all_called=True) as mock:
        routed = mock.get("https://proxy.internal/prospect/reply-analytics").respond(
            json=ANSWER)
        core = mock.get(BASE_URL + "/campaigns").respond(json=[])
        async with SmartleadClient(api_key="k", rate_limit=None,
                                   prospect_base_url=proxy) as client:
            assert client.prospect_base_url == "https://proxy.internal/prospect"
            assert (client.delivery_base_url, client.senders_base_url) == (
                DELIVERY_URL, SENDERS_URL)
            await client.prospect.reply_analytics()
            await client.campaigns.list()
    assert routed.call_count == core.call_count == 1


@pytest.mark.parametrize(("option", "value", "error"), [
    ("prospect_base_url", "prospect-api.smartlead.ai", InvalidArgumentError),
    ("delivery_base_url", "ftp://smartdelivery.smartlead.ai", InvalidArgumentError),
    ("senders_base_url", 42, InvalidArgumentTypeError),
])
def test_a_bad_base_url_raises_naming_its_option(
    option: str, value: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match=option):
        SmartleadClient(api_key="k", **{option: value})


async def test_with_options_carries_the_hosts_and_changes_only_what_it_is_given() -> None:
    async with SmartleadClient(api_key="k", rate_limit=None,
                               delivery_base_url="https://d.example/api/v1") as client:
        derived = client.with_options(senders_base_url="https://s.example/api/v1")
        assert derived.delivery_base_url == "https://d.example/api/v1"
        assert derived.senders_base_url == "https://s.example/api/v1"
        assert derived.prospect_base_url == PROSPECT_URL
        assert derived.base_url == BASE_URL


class CountingTransport(httpx.AsyncBaseTransport):
    """Answers every request with :data:`ANSWER` and counts requests and closes."""

    def __init__(self) -> None:
        self.hosts: list[str] = []
        self.closed = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        return httpx.Response(200, json=ANSWER, request=request)

    async def aclose(self) -> None:
        self.closed += 1


async def test_every_host_sends_through_the_one_pool_which_closes_once() -> None:
    transport = CountingTransport()
    client = SmartleadClient(api_key="k", rate_limit=None, transport=transport)
    for call in CALLS.values():
        await call(client)
    await client.aclose()
    await client.aclose()
    assert transport.hosts == list(HOSTS.values())
    assert transport.closed == 1
    for call in CALLS.values():
        with pytest.raises(ClientClosedError):
            await call(client)


async def test_a_pool_passed_in_is_left_open_for_every_host() -> None:
    transport = CountingTransport()
    async with httpx.AsyncClient(transport=transport) as pool:
        async with SmartleadClient(api_key="k", rate_limit=None, http_client=pool) as client:
            await client.senders.vendors()
        assert not pool.is_closed
        assert transport.hosts == [HOSTS["senders"]]


class RecordingLimiter:
    """A limiter that admits at once and counts its starts."""

    def __init__(self) -> None:
        self.starts = 0

    async def acquire(self) -> None:
        self.starts += 1

    def penalize(self, seconds: float) -> None: ...

    def update_from_headers(self, headers: Mapping[str, str]) -> None: ...


async def test_a_host_given_its_own_limiter_uses_it_and_the_others_use_the_core_one() -> None:
    core, prospect = RecordingLimiter(), RecordingLimiter()
    async with SmartleadClient(api_key="k", transport=CountingTransport(), rate_limit=core,
                               prospect_rate_limit=prospect) as client:
        await client.prospect.reply_analytics()
        await client.prospect.reply_analytics()
        await client.delivery.providers()
        await client.campaigns.list()
    assert (prospect.starts, core.starts) == (2, 2)


async def test_with_options_gives_a_new_core_limit_to_the_hosts_without_their_own() -> None:
    old, new, delivery = RecordingLimiter(), RecordingLimiter(), RecordingLimiter()
    async with SmartleadClient(api_key="k", transport=CountingTransport(), rate_limit=old,
                               delivery_rate_limit=delivery) as client:
        derived = client.with_options(rate_limit=new)
        await derived.prospect.reply_analytics()
        await derived.delivery.providers()
    assert (old.starts, new.starts, delivery.starts) == (0, 1, 1)


async def test_a_host_whose_limit_is_none_is_not_limited() -> None:
    core = RecordingLimiter()
    async with SmartleadClient(api_key="k", transport=CountingTransport(), rate_limit=core,
                               senders_rate_limit=None) as client:
        await client.senders.vendors()
        await client.campaigns.list()
    assert core.starts == 1


async def test_each_host_counts_its_own_window_against_a_fake_that_does_too() -> None:
    """Two requests per window per host: six requests in one window between three hosts go
    out at once, and none is refused; a shared window would hold the third for 30 s."""
    fake = FakeSmartlead(rate_limit=(2, 30.0))
    cid = fake.add_campaign(lead_count=1)
    limit = RateLimit(2, 30.0)
    async with fake.client(rate_limit=limit, max_retries=0) as client:
        with anyio.fail_after(10):  # a guard against a 30 s wait, not a timing assertion
            for _ in range(2):
                await client.campaigns.get(cid)
                await client.prospect.reply_analytics()
                await client.delivery.providers()
    assert fake.stats.requests == 6
    assert fake.stats.rate_limited == 0
    assert fake.stats.max_in_window == 2


async def test_errors_logs_and_reprs_of_every_host_never_show_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    echo = f"bad key {SECRET_KEY} in {PROSPECT_URL}/reply-analytics?api_key={SECRET_KEY}"
    with respx.mock(assert_all_called=False) as mock:
        mock_every_host(
            mock,
            prospect=httpx.Response(401, json={"message": echo}),
            delivery=httpx.Response(404, json={"error": f"no route ?api_key={SECRET_KEY}"}),
        )
        mock.get(SENDERS_URL + "/smart-senders/get-vendors").mock(
            side_effect=httpx.ConnectError(f"refused {SENDERS_URL}?api_key={SECRET_KEY}"))
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None,
                                   max_retries=0) as client:
            errors: list[BaseException] = []
            for product, error in (("prospect", AuthenticationError),
                                   ("delivery", NotFoundError),
                                   ("senders", APIConnectionError)):
                with pytest.raises(error) as caught:
                    await CALLS[product](client)
                errors.append(caught.value)
            shown = [repr(client), repr(client.prospect), repr(client._host_apis)]
    assert "bad key ***" in str(errors[0])
    for text in [*map(rendered, errors), *shown, caplog.text]:
        assert SECRET_KEY not in text


async def test_smart_senders_on_the_core_host_is_a_404_as_on_the_live_api() -> None:
    """A client pointed at the wrong host finds out against the fake, not in production."""
    fake = FakeSmartlead(rate_limit=None)
    async with fake.client(senders_base_url=fake.base_url, rate_limit=None) as client:
        with pytest.raises(NotFoundError):
            await client.senders.vendors()
    assert [entry.status for entry in fake.stats.log] == [404]
