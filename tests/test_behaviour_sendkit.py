"""The SendKit client against the fake SendKit: 2,500 leads by page and by cursor, each exactly
once, on a still list, a list that changes between every two requests, and under faults; the
fake's validation, auth and knobs."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

import httpx
import pytest

from smartlead_async import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
)
from smartlead_async.sendkit import SendkitClient, SendkitLeadStatus
from smartlead_async.testing import FakeSendkit, Faults

Style = Literal["page", "cursor"]
STYLES: list[Style] = ["page", "cursor"]
#: Every fault at once: 5xx pages (JSON and HTML), dropped connections, bodies cut short.
HOSTILE = Faults(error_rate=0.1, drop_rate=0.1, truncate_rate=0.1, seed=8)


async def every_lead(client: SendkitClient, campaign_id: str, style: Style,
                     **options: Any) -> list[str]:
    if style == "page":
        paginator: Any = client.campaigns.leads.list(campaign_id, **options)
    else:
        paginator = client.campaigns.leads.list(campaign_id, pagination="cursor", **options)
    return [item.id async for item in paginator]


def assert_each_present_lead_once(got: list[str], before: list[str], after: list[str]) -> None:
    """No lead twice; every lead there from the first request to the last, yielded."""
    assert [lead for lead, count in Counter(got).items() if count > 1] == []
    assert set(before) & set(after) - set(got) == set()


@pytest.mark.parametrize("style", STYLES)
async def test_2500_leads_are_each_yielded_once_in_list_order(style: Style) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=2500)
    async with fake.client() as client:
        got = await every_lead(client, campaign, style)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.status_counts.keys() == {200}


@pytest.mark.parametrize("style", STYLES)
async def test_2500_leads_are_each_yielded_once_under_5xx_drops_and_truncated_bodies(
    style: Style,
) -> None:
    fake = FakeSendkit(faults=HOSTILE)
    campaign = fake.add_campaign(lead_count=2500)
    async with fake.client(max_retries=8) as client:
        got = await every_lead(client, campaign, style)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.dropped > 0 and fake.stats.truncated > 0
    assert {500, 502, 503} & fake.stats.status_counts.keys()


@pytest.mark.parametrize("style", STYLES)
async def test_leads_added_at_the_head_between_every_two_requests_are_never_repeated(
    style: Style,
) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=2500)
    before = fake.lead_ids(campaign)
    fake.churn_leads(campaign, insert=7)
    async with fake.client() as client:
        got = await every_lead(client, campaign, style)
    assert_each_present_lead_once(got, before, fake.lead_ids(campaign))
    assert len(fake.lead_ids(campaign)) > 2500 + 7 * 20  # the list did move under the reader


@pytest.mark.parametrize("style", STYLES)
async def test_leads_removed_before_the_reader_never_make_it_skip_one(style: Style) -> None:
    fake = FakeSendkit(seed=3)
    campaign = fake.add_campaign(lead_count=2500)
    before = fake.lead_ids(campaign)
    fake.churn_leads(campaign, delete=4)  # leads of page N+1 fall back onto page N
    async with fake.client() as client:
        got = await every_lead(client, campaign, style)
    assert_each_present_lead_once(got, before, fake.lead_ids(campaign))


@pytest.mark.parametrize("style", STYLES)
async def test_a_list_changing_between_every_two_requests_under_faults_yields_each_lead_once(
    style: Style,
) -> None:
    fake = FakeSendkit(seed=5, faults=HOSTILE)
    campaign = fake.add_campaign(lead_count=2500)
    before = fake.lead_ids(campaign)
    fake.churn_leads(campaign, insert=5, delete=3)
    async with fake.client(max_retries=8) as client:
        got = await every_lead(client, campaign, style)
    assert_each_present_lead_once(got, before, fake.lead_ids(campaign))
    assert fake.stats.dropped > 0 and fake.stats.truncated > 0


async def test_cursor_paging_follows_a_next_cursor_named_in_the_answer() -> None:
    fake = FakeSendkit(next_cursor_field=True)
    campaign = fake.add_campaign(lead_count=250)
    async with fake.client() as client:
        got = await every_lead(client, campaign, "cursor")
    assert got == fake.lead_ids(campaign)
    assert len(fake.stats.log) == 3  # hasMore: false on the last page: no empty page asked for


@pytest.mark.parametrize("style", STYLES)
async def test_the_status_filter_yields_exactly_the_leads_with_that_status(style: Style) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=600)
    async with fake.client() as client:
        everyone = [item async for item in client.campaigns.leads.list(campaign)]
        got = await every_lead(client, campaign, style, status=SendkitLeadStatus.PAUSED)
    paused = [item.id for item in everyone if item.status is SendkitLeadStatus.PAUSED]
    assert got == paused and 0 < len(paused) < 600


async def test_2500_leads_by_cursor_over_a_real_socket_with_dropped_connections() -> None:
    fake = FakeSendkit(faults=Faults(drop_rate=0.05, truncate_rate=0.05, seed=2))
    campaign = fake.add_campaign(lead_count=2500)
    async with fake.serve() as base_url, SendkitClient(
        api_key=fake.api_key, base_url=base_url, max_retries=8
    ) as client:
        assert base_url.endswith("/v1")
        got = await every_lead(client, campaign, "cursor")
    assert got == fake.lead_ids(campaign)


async def test_429s_of_a_rate_limited_fake_are_waited_out_without_a_client_limiter() -> None:
    fake = FakeSendkit(rate_limit=(3, 0.05), retry_after_header=False)
    campaign = fake.add_campaign(lead_count=1000)
    async with fake.client(max_retries=20) as client:
        assert client._api.limiter is None
        got = await every_lead(client, campaign, "page", page_size=50)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.rate_limited > 0


async def test_an_unknown_campaign_is_not_found() -> None:
    fake = FakeSendkit()
    async with fake.client() as client:
        with pytest.raises(NotFoundError, match="Campaign not found"):
            await client.campaigns.leads.list("0123456789abcdef01234567")


async def test_a_wrong_key_is_an_authentication_error_naming_the_problem() -> None:
    fake = FakeSendkit(api_key="right")
    async with SendkitClient(api_key="wrong", base_url=fake.base_url,
                             transport=fake.transport()) as client:
        with pytest.raises(AuthenticationError, match="Invalid or missing API key"):
            await client.campaigns.leads.list(fake.add_campaign())


# -- the fake itself ----------------------------------------------------------------------------


async def raw_get(fake: FakeSendkit, path: str, headers: dict[str, str] | None = None,
                  **params: str) -> httpx.Response:
    async with fake.http_client() as http:
        return await http.get(path, params=params,
                              headers={"X-Api-Key": fake.api_key} if headers is None else headers)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": "0"}, '"limit" must be an integer between 1 and 100'),
        ({"limit": "101"}, '"limit" must be an integer between 1 and 100'),
        ({"limit": "ten"}, '"limit" must be an integer between 1 and 100'),
        ({"page": "0"}, '"page" must be an integer at least 1'),
        ({"page": "-1"}, '"page" must be an integer at least 1'),
        ({"status": "sent"}, '"status" must be one of pending, active, paused'),
        ({"cursor": "abc"}, "Invalid cursor"),
    ],
)
async def test_the_fake_refuses_bad_parameters_with_sendkits_error_body(
    params: dict[str, str], message: str,
) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=3)
    response = await raw_get(fake, f"/campaigns/{campaign}/leads", **params)
    body = response.json()
    assert response.status_code == 400
    assert (body["error"], body["code"]) == ("Bad Request", 400) and message in body["message"]


async def test_the_sdk_raises_the_fakes_400_as_bad_request_with_its_message() -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=3)
    async with fake.client() as client:
        with pytest.raises(BadRequestError, match='"limit" must be an integer'):
            await client.campaigns.leads.list(campaign, extra_query={"limit": 500})


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-Api-Key": "wrong"}, 401),
        ({"Authorization": "Bearer test-key"}, 200),
        ({"authorization": "bearer test-key"}, 200),
        ({"Authorization": "test-key"}, 401),
    ],
)
async def test_the_fake_takes_the_key_from_x_api_key_or_a_bearer_token(
    headers: dict[str, str], status: int,
) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=1)
    response = await raw_get(fake, f"/campaigns/{campaign}/leads", headers=headers)
    assert response.status_code == status


async def test_the_fake_never_takes_the_key_from_the_query() -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=1)
    response = await raw_get(fake, f"/campaigns/{campaign}/leads", headers={},
                             api_key=fake.api_key)
    assert response.status_code == 401
    assert response.json() == {"error": "Unauthorized", "message": "Invalid or missing API key",
                               "code": 401}


async def test_the_fake_pages_by_number_with_sendkits_pagination_object() -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=60)
    body = (await raw_get(fake, f"/campaigns/{campaign}/leads", page="3", limit="25")).json()
    assert body["success"] is True
    assert body["pagination"] == {"page": 3, "limit": 25, "total": 60, "pages": 3}
    assert [lead["_id"] for lead in body["data"]] == fake.lead_ids(campaign)[50:]


async def test_the_fakes_cursor_selects_the_leads_after_it_in_served_order() -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(lead_count=60)
    ids = fake.lead_ids(campaign)
    body = (await raw_get(fake, f"/campaigns/{campaign}/leads", cursor=ids[9], limit="5")).json()
    assert [lead["_id"] for lead in body["data"]] == ids[10:15]
    assert body["pagination"] == {"limit": 5}


def test_the_fakes_knobs_refuse_bad_counts_and_unknown_campaigns() -> None:
    fake = FakeSendkit()
    with pytest.raises(ValueError, match="lead_count must be an int >= 0"):
        fake.add_campaign(lead_count=-1)
    with pytest.raises(KeyError):
        fake.churn_leads("0123456789abcdef01234567", insert=1)
    campaign = fake.add_campaign(lead_count=2)
    fake.add_leads(campaign, 3)
    assert len(fake.lead_ids(campaign)) == 5
    assert repr(fake) == "FakeSendkit(campaigns=1, seed=0, rate_limit=None)"
