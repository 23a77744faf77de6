"""Campaigns whose leads change before every request, exported over a real socket.

The fake's ``churn_leads`` knob inserts and deletes leads before every leads request and can
serve concurrent requests in a shuffled order; every lead present from the start to the end
of an export must arrive exactly once, in one pass and across resumes in new clients. The
limit is SmartLead's 10 requests per 2 s scaled 4x (10 per 0.5 s) on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from smartlead_async import (
    APIError,
    InconsistentListingError,
    RateLimit,
    ResumePoint,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead, Faults, LeadChurn

from ._faulty import socket_client, unique_key

SOCKET_WINDOW = (10, 0.5)
SOCKET_LIMIT = RateLimit(10, 0.5, margin=0.05)


def churning_fake(leads: int, churn: LeadChurn, **kwargs: object) -> tuple[FakeSmartlead, int]:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=SOCKET_WINDOW, **kwargs)  # type: ignore[arg-type]
    campaign = fake.add_campaign(lead_count=leads)
    fake.churn_leads(campaign, churn)
    return fake, campaign


def assert_every_lasting_lead_once(got: list[int | None], original: list[int],
                                   fake: FakeSmartlead, campaign: int) -> None:
    assert len(got) == len(set(got)), "a lead was exported twice"
    lasting = set(original) & set(fake.lead_ids(campaign))  # present from start to end
    assert lasting <= set(got), f"{len(lasting - set(got))} leads were skipped"


CHURNS = {
    "3 new leads per request": LeadChurn(insert=3),
    "50 new leads per request": LeadChurn(insert=50),
    "1 lead gone from the head per request": LeadChurn(delete_head=1),
    "3 leads gone from the head per request": LeadChurn(delete_head=3),
    "10 leads gone from the head per request": LeadChurn(delete_head=10),
    "20 new and 20 gone anywhere, served shuffled": LeadChurn(
        insert=20, delete_anywhere=20, shuffle=0.05, seed=3
    ),
}


@pytest.mark.parametrize("case", list(CHURNS))
async def test_a_churning_campaign_is_exported_exactly_once_over_a_socket(case: str) -> None:
    fake, campaign = churning_fake(2000, CHURNS[case])
    original = fake.lead_ids(campaign)
    async with fake.serve() as url, socket_client(fake, url, rate_limit=SOCKET_LIMIT) as client:
        paginator = client.campaigns.leads.list(campaign)
        got = [lead.campaign_lead_map_id async for lead in paginator]
    assert_every_lasting_lead_once(got, original, fake, campaign)
    churn = CHURNS[case]
    # It reports what the totals showed: as many leads in as out leaves them unchanged.
    assert paginator.list_changed == (churn.insert != churn.delete_head + churn.delete_anywhere)


@pytest.mark.parametrize("case", list(CHURNS))
async def test_an_export_stopped_by_errors_resumes_exactly_once_in_new_clients(
    case: str,
) -> None:
    fake, campaign = churning_fake(
        2000, CHURNS[case], faults=Faults(error_rate=0.08, seed=4)
    )
    original = fake.lead_ids(campaign)
    got: list[int | None] = []
    resumes = 0
    start: ResumePoint | None = None
    async with fake.serve() as url:
        while True:
            # A new client (and a resume point that went through JSON) for every attempt,
            # as a new process would have.
            async with socket_client(fake, url, rate_limit=SOCKET_LIMIT, max_retries=0) as c:
                try:
                    async for lead in c.campaigns.leads.list(campaign, start_from=start):
                        got.append(lead.campaign_lead_map_id)
                    break
                except APIError as error:
                    assert error.resume_point is not None
                    start = ResumePoint.from_dict(json.loads(json.dumps(
                        error.resume_point.to_dict()
                    )))
                    resumes += 1
    assert resumes > 0, "no request failed: the test proves nothing"
    assert_every_lasting_lead_once(got, original, fake, campaign)


async def test_concurrent_pages_served_in_a_shuffled_order_are_still_yielded_in_list_order(
) -> None:
    fake, campaign = churning_fake(1500, LeadChurn(shuffle=0.05, seed=1))
    async with fake.serve() as url, socket_client(fake, url, rate_limit=SOCKET_LIMIT) as client:
        got = [lead.campaign_lead_map_id async for lead in client.campaigns.leads.list(campaign)]
    assert got == fake.lead_ids(campaign)


async def test_the_churn_knob_changes_the_list_before_every_leads_request_only() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None)
    campaign = fake.add_campaign(lead_count=10)
    before = fake.lead_ids(campaign)
    fake.churn_leads(campaign, LeadChurn(insert=2, delete_head=1))
    async with fake.client(rate_limit=None) as client:
        await client.campaigns.get(campaign)
        assert fake.lead_ids(campaign) == before  # not a leads request
        page = await client.campaigns.leads.list(campaign)
    assert page.total == 11
    assert fake.lead_ids(campaign)[1:] == before  # two new ones, the newest taken off
    fake.churn_leads(campaign, None)
    async with fake.client(rate_limit=None) as client:
        assert (await client.campaigns.leads.list(campaign)).total == 11


def test_the_churn_knob_refuses_negative_amounts() -> None:
    with pytest.raises(ValueError, match=r"LeadChurn\.insert must be an int >= 0"):
        LeadChurn(insert=-1)


async def test_activities_of_ten_full_pages_take_ten_requests_within_one_rate_window() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(10, 2.0))
    fake.add_campaign(lead_count=5)
    fake.add_activities(10_000)
    async with fake.client(rate_limit=RateLimit(10, 2.0)) as client:
        got = [a.email_lead_map_id async for a in client.campaigns.activities.list()]
    assert got == fake.activity_ids()
    assert fake.stats.requests <= 11  # 10 pages; nothing past the end waited for a 2nd window
    assert fake.stats.rate_limited == 0


# -- a total that is not a count, through the real page parsing --------------------------------


def leads_server(bad_total: object, bad_times: int) -> Callable[[httpx.Request], httpx.Response]:
    """250 leads; the page at offset 100 carries ``bad_total`` the first ``bad_times`` times."""
    served = {"bad": 0}

    def handle(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        limit = int(request.url.params["limit"])
        total: object = 250
        if offset == 100 and served["bad"] < bad_times:
            served["bad"] += 1
            total = bad_total
        data = [{"campaign_lead_map_id": 9000 - i, "lead": {"id": i}}
                for i in range(offset, min(offset + limit, 250))]
        return httpx.Response(200, json={"total_leads": total, "data": data})

    return handle


@pytest.mark.parametrize("bad_total", ["many", "-3", 12.5, [250]])
async def test_a_total_that_is_not_a_count_twice_raises_with_a_resume_point(
    bad_total: object,
) -> None:
    transport = httpx.MockTransport(leads_server(bad_total, bad_times=2))
    got: list[int | None] = []
    async with SmartleadClient(api_key="k", transport=transport, rate_limit=None) as client:
        paginator = client.campaigns.leads.list(7, prefetch=1)
        with pytest.raises(InconsistentListingError, match="not a count") as caught:
            async for lead in paginator:
                got.append(lead.campaign_lead_map_id)
    assert len(got) == 100
    assert caught.value.resume_point == paginator.resume_point
    assert "paging leads of campaign 7" in str(caught.value)


async def test_a_total_that_is_not_a_count_once_is_fetched_again_and_paging_goes_on() -> None:
    transport = httpx.MockTransport(leads_server("many", bad_times=1))
    async with SmartleadClient(api_key="k", transport=transport, rate_limit=None) as client:
        got = [lead async for lead in client.campaigns.leads.list(7, prefetch=1)]
    assert len(got) == 250
