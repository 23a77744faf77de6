"""Paging the fake SmartLead under its strict sliding-window limit: exactly once, zero 429s.

The limit is SmartLead's 10 requests per 2 s scaled 20x (10 per 0.1 s) on both sides. The
tests run on a virtual clock (``tests/_virtual_clock.py``), so a busy machine cannot squeeze
two windows' requests into one; benchmarks/throughput.py measures the real rate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import anyio
import pytest

from smartlead_async import FanInError, NotFoundError, SmartleadClient
from smartlead_async.testing import FakeSmartlead

from ._virtual_clock import on_virtual_clock
from .conftest import FAST_LIMIT

SCALED_WINDOW = (10, 0.1)


def strict_fake(**kwargs: object) -> FakeSmartlead:
    return FakeSmartlead(rate_limit=SCALED_WINDOW, **kwargs)  # type: ignore[arg-type]


async def lead_ids(client: SmartleadClient, campaign_id: int) -> list[int | None]:
    return [item.campaign_lead_map_id async for item in client.campaigns.leads.list(campaign_id)]


@on_virtual_clock
async def test_a_2000_lead_campaign_yields_every_lead_once_with_zero_429s() -> None:
    fake = strict_fake()
    campaign = fake.add_campaign(lead_count=2000)
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        got = await lead_ids(client, campaign)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.rate_limited == 0
    assert fake.stats.max_in_window <= 10


@on_virtual_clock
async def test_a_2000_lead_campaign_over_a_real_socket_has_zero_429s() -> None:
    # New connections, pooled ones and the limiter dating each start when it really left.
    fake = strict_fake()
    campaign = fake.add_campaign(lead_count=2000)
    async with fake.serve() as base_url, SmartleadClient(
        api_key=fake.api_key, base_url=base_url, rate_limit=FAST_LIMIT
    ) as client:
        got = await lead_ids(client, campaign)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.rate_limited == 0


@on_virtual_clock
async def test_eight_campaigns_paged_concurrently_through_one_client_have_zero_429s() -> None:
    fake = strict_fake()
    campaigns = [fake.add_campaign(lead_count=250 + 37 * i) for i in range(8)]
    results: dict[int, list[int | None]] = {}
    async with fake.client(rate_limit=FAST_LIMIT) as client:

        async def page(campaign: int) -> None:
            results[campaign] = await lead_ids(client, campaign)

        async with anyio.create_task_group() as group:
            for campaign in campaigns:
                group.start_soon(page, campaign)
    assert all(results[c] == fake.lead_ids(c) for c in campaigns)
    assert fake.stats.rate_limited == 0


@on_virtual_clock
async def test_two_clients_sharing_one_key_share_the_limit() -> None:
    fake = strict_fake()
    campaigns = [fake.add_campaign(lead_count=600) for _ in range(4)]
    results: dict[int, list[int | None]] = {}
    async with fake.client(rate_limit=FAST_LIMIT) as one, \
            fake.client(rate_limit=FAST_LIMIT) as two:

        async def page(client: SmartleadClient, campaign: int) -> None:
            results[campaign] = await lead_ids(client, campaign)

        async with anyio.create_task_group() as group:
            for index, campaign in enumerate(campaigns):
                group.start_soon(page, (one, two)[index % 2], campaign)
    assert all(results[c] == fake.lead_ids(c) for c in campaigns)
    assert fake.stats.rate_limited == 0


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 250])
@on_virtual_clock
async def test_a_campaign_of_any_size_yields_exactly_that_many_leads(size: int) -> None:
    fake = strict_fake()
    campaign = fake.add_campaign(lead_count=size)
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        got = await lead_ids(client, campaign)
    assert len(got) == size
    assert got == fake.lead_ids(campaign)


@on_virtual_clock
async def test_awaiting_leads_list_gives_the_first_page_with_the_total() -> None:
    fake = strict_fake()
    campaign = fake.add_campaign(lead_count=130)
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        page = await client.campaigns.leads.list(campaign, page_size=50)
    assert (page.total, len(page.items), page.offset) == (130, 50, 0)


@on_virtual_clock
async def test_activities_stop_when_the_server_says_no_more() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=10)
    fake.add_activities(2345)
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        got = [a.email_lead_map_id async for a in client.campaigns.activities.list()]
        requests = fake.stats.requests
    assert got == fake.activity_ids()
    # 3 pages of 1000; speculative pages past the end are bounded by the growing batch.
    assert requests <= 4


@on_virtual_clock
async def test_campaigns_list_and_get_decode_the_fakes_campaigns() -> None:
    fake = strict_fake()
    first = fake.add_campaign(name="Q1 outreach", lead_count=3)
    second = fake.add_campaign(name="Q2 outreach")
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        listed = await client.campaigns.list(include_tags=True)
        fetched = await client.campaigns.get(first)
        with pytest.raises(NotFoundError):
            await client.campaigns.get(999_999)
    assert [c.id for c in listed] == [second, first]
    assert fetched.name == "Q1 outreach"


@on_virtual_clock
async def test_list_many_yields_every_lead_of_every_campaign_once() -> None:
    fake = strict_fake()
    campaigns = [fake.add_campaign(lead_count=120 * (i + 1)) for i in range(5)]
    got: dict[int, list[int | None]] = {c: [] for c in campaigns}
    async with fake.client(rate_limit=FAST_LIMIT) as client, \
            client.campaigns.leads.list_many(campaigns) as stream:
        async for campaign_id, lead in stream:
            got[campaign_id].append(lead.campaign_lead_map_id)
    assert all(got[c] == fake.lead_ids(c) for c in campaigns)
    assert fake.stats.rate_limited == 0


@on_virtual_clock
async def test_list_many_finishes_other_campaigns_before_reporting_a_failed_one() -> None:
    fake = strict_fake()
    good = fake.add_campaign(lead_count=300)
    missing = 424242
    got: list[int | None] = []
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        with pytest.raises(FanInError) as caught:
            async with client.campaigns.leads.list_many([missing, good]) as stream:
                async for _, lead in stream:
                    got.append(lead.campaign_lead_map_id)
    assert got == fake.lead_ids(good)
    [failure] = caught.value.failures
    assert failure.id == missing
    assert isinstance(failure.error, NotFoundError)
    assert "campaign 424242" in str(caught.value)


@on_virtual_clock
async def test_list_many_collect_mode_records_failures_without_raising() -> None:
    fake = strict_fake()
    good = fake.add_campaign(lead_count=150)
    async with fake.client(rate_limit=FAST_LIMIT) as client, \
            client.campaigns.leads.list_many([good, 777], on_error="collect") as stream:
        count = sum([1 async for _ in stream])
    assert count == 150
    assert [f.id for f in stream.failures] == [777]


@on_virtual_clock
async def test_list_many_raise_mode_stops_at_the_first_failure() -> None:
    fake = strict_fake()
    good = fake.add_campaign(lead_count=5000)
    async with fake.client(rate_limit=FAST_LIMIT) as client:
        with pytest.raises(NotFoundError):
            async with client.campaigns.leads.list_many([777, good], on_error="raise") as stream:
                async for _ in stream:
                    pass
    assert fake.stats.requests < 50  # the big campaign was cancelled, not finished


@on_virtual_clock
async def test_list_many_rejects_an_unknown_error_policy() -> None:
    async with strict_fake().client() as client:
        with pytest.raises(ValueError, match="on_error must be one of defer, raise, collect"):
            client.campaigns.leads.list_many([1], on_error="ignore")  # type: ignore[arg-type]


@on_virtual_clock
async def test_the_limiter_learns_when_each_request_really_left_over_a_socket() -> None:
    departures: list[float] = []

    class RecordingLimiter:
        async def acquire(self) -> Callable[[], None]:
            return lambda: departures.append(anyio.current_time())

        def penalize(self, seconds: float) -> None: ...

        def update_from_headers(self, headers: Mapping[str, str]) -> None: ...

    fake = FakeSmartlead(rate_limit=None)
    campaign = fake.add_campaign(lead_count=250)
    async with fake.serve() as base_url, SmartleadClient(
        api_key=fake.api_key, base_url=base_url, rate_limit=RecordingLimiter()
    ) as client:
        await lead_ids(client, campaign)
    assert len(departures) == fake.stats.requests == 3
