"""One client pages a SmartProspect search and lists Smart Delivery tests against the fake:
every request goes to its product's host (the path prefix that stands for it), and the key
travels only in that request's own query string, never in a path, header or body.

Run in-process and over a real loopback socket (the fake served, the client built from
``FakeSmartlead.base_urls``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from smartlead_async import ProspectFilters, SmartleadClient, SpamTestInput
from smartlead_async.testing import FakeSmartlead

from ._behaviour import SCALED_WINDOW
from .conftest import FAST_LIMIT, SECRET_KEY

PREFIXES = {
    "prospect": "/prospect-api/api/v1/search-email-leads/",
    "delivery": "/smartdelivery/api/v1/",
    "core": "/api/v1/",
}


def seeded_fake() -> tuple[FakeSmartlead, int]:
    """A fake (scaled rate window) whose key is the planted secret, with one campaign."""
    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=SCALED_WINDOW)
    return fake, fake.add_campaign(name="Q3", lead_count=5)


def placement_test(campaign_id: int, name: str) -> SpamTestInput:
    return SpamTestInput(
        test_name=name, campaign_id=campaign_id, sequence_mapping_id=1, provider_ids=[1, 5],
        sender_accounts=["ada@acme.com"], spam_filters=["spam_assassin"], link_checker=True,
        is_warmup=False, all_email_sent_without_time_gap=True, min_time_btwn_emails=0,
        min_time_unit="minutes",
    )


async def use_both_products(client: SmartleadClient, campaign_id: int) -> dict[str, Any]:
    """Page a whole search, create three placement tests and list them one per page."""
    search = client.prospect.search_contacts(ProspectFilters(country="Germany"), page_size=100)
    first = await search
    contacts = [contact.id async for contact in search]
    for name in ("A", "B", "C"):
        await client.delivery.create_manual_test(placement_test(campaign_id, name))
    tests = [test.name async for test in client.delivery.tests(page_size=1)]
    campaign = await client.campaigns.get(campaign_id)
    return {"total": first.total_count, "contacts": contacts, "tests": tests,
            "campaign": campaign.name}


def check_every_request(requests: list[httpx.Request], fake: FakeSmartlead) -> None:
    """Each request went to its product's prefix, with the key in its query and nowhere
    else; the fake answered every one."""
    assert requests
    for request in requests:
        product = next(p for p, prefix in PREFIXES.items() if request.url.path.startswith(prefix))
        assert request.url.params.get_list("api_key") == [SECRET_KEY], product
        elsewhere = [request.url.path, request.content.decode(),
                     *(f"{k}: {v}" for k, v in request.headers.items())]
        assert all(SECRET_KEY not in text for text in elsewhere), product
    assert fake.stats.status_counts.keys() == {200}


def check_results(
    result: dict[str, Any], requests: list[httpx.Request], campaign_id: int
) -> None:
    contacts = result["contacts"]
    assert len(contacts) == result["total"] > 200  # more than two pages
    assert len(set(contacts)) == len(contacts)
    assert result["tests"] == ["C", "B", "A"] and result["campaign"] == "Q3"
    paths = [request.url.path for request in requests]
    searches = [p for p in paths if p == PREFIXES["prospect"] + "search-contacts"]
    listings = [p for p in paths if p == PREFIXES["delivery"] + "spam-test/report"]
    assert len(searches) == -(-result["total"] // 100) + 1  # the first page was asked twice
    assert len(listings) >= 4  # three pages of one test, then an empty one (or more)
    core = [p for p in paths if p.startswith(PREFIXES["core"])]
    assert core == [PREFIXES["core"] + f"campaigns/{campaign_id}"]


class Recording(httpx.AsyncBaseTransport):
    """Keeps every request it forwards to another transport."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_one_client_pages_a_search_and_lists_delivery_tests_in_process() -> None:
    fake, campaign_id = seeded_fake()
    recording = Recording(fake.transport())
    async with SmartleadClient(SECRET_KEY, transport=recording, rate_limit=FAST_LIMIT,
                               **FakeSmartlead.base_urls()) as client:
        result = await use_both_products(client, campaign_id)
    check_every_request(recording.requests, fake)
    check_results(result, recording.requests, campaign_id)
    assert {request.url.host for request in recording.requests} == {"fake-smartlead.test"}


@asynccontextmanager
async def recorded_pool() -> AsyncIterator[tuple[httpx.AsyncClient, list[httpx.Request]]]:
    requests: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        await request.aread()
        requests.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [keep]}) as pool:
        yield pool, requests


async def test_one_client_pages_a_search_and_lists_delivery_tests_over_a_socket() -> None:
    fake, campaign_id = seeded_fake()
    async with fake.serve() as url, recorded_pool() as (pool, requests):
        urls = FakeSmartlead.base_urls(url)
        async with SmartleadClient(SECRET_KEY, http_client=pool, rate_limit=FAST_LIMIT,
                                   **urls) as client:
            result = await use_both_products(client, campaign_id)
    check_every_request(requests, fake)
    check_results(result, requests, campaign_id)
    assert urls["prospect_base_url"] == url.removesuffix("/api/v1") + PREFIXES["prospect"][:-1]
