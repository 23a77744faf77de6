"""``client.leads`` (one lead, every lead by cursor, a lead's campaigns and sequence, the block
list) and ``client.campaigns.leads`` (manual complete, pinned mailbox): exact requests, answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import respx

from smartlead_async import (
    AccountLead,
    APIResponseError,
    BlockListEntry,
    CampaignStatus,
    EmailStatus,
    InconsistentListingError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    LeadStatus,
    LeadType,
    NotFoundError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()


def _lead(lead_id: int | str, **fields: Any) -> dict[str, Any]:
    return {"id": lead_id, "email": f"lead{lead_id}@example.com", **fields}


# -- one lead ---------------------------------------------------------------------------------


async def test_get_unwraps_the_one_element_array(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/2995000003").respond(json=[
        _lead("2995000003", first_name="Ada", lead_campaign_data=[{"campaign_id": 42}]),
    ])
    lead = await client.leads.get(2995000003)
    assert sent(route) == ("GET", "/leads/2995000003", KEY, None)
    assert (lead.id, lead.first_name) == (2995000003, "Ada")
    assert lead.extra == {"lead_campaign_data": [{"campaign_id": 42}]}


async def test_get_of_an_unknown_lead_answered_with_an_empty_array_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/leads/9").respond(json=[])
    with pytest.raises(NotFoundError, match="lead 9 not found"):
        await client.leads.get(9)


async def test_get_of_a_lead_without_an_id_is_an_incomplete_response(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/leads/9").respond(json=[{"email": "x@example.com"}])
    with pytest.raises(APIResponseError, match="Incomplete response"):
        await client.leads.get(9)


# -- every lead, by cursor --------------------------------------------------------------------


async def test_all_pages_by_last_seen_lead_id_with_filters_in_camel_case(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/all").mock(side_effect=[
        respx.MockResponse(json={"ok": True, "data": {"leads": [_lead(1), _lead("2")]}}),
        respx.MockResponse(json=[_lead(3)]),  # a bare array is read the same
    ])
    leads = [lead async for lead in client.leads.all(
        campaign_id=42, status=LeadStatus.PAUSED, email_status=EmailStatus.IS_OPENED,
        lead_type=LeadType.ACTIVE, list_id=7, client_id=3, lead_email="a@b.co", page_size=2,
    )]
    assert [lead.id for lead in leads] == [1, 2, 3]
    assert all(isinstance(lead, AccountLead) for lead in leads)
    filters = {
        **KEY, "campaignId": "42", "status": "PAUSED", "emailStatus": "is_opened",
        "leadType": "active", "listId": "7", "clientId": "3", "leadEmail": "a@b.co",
    }
    assert sent_requests(route) == [
        ("GET", "/leads/all", {**filters, "limit": "2"}, None),
        ("GET", "/leads/all", {**filters, "limit": "2", "lastSeenLeadId": "2"}, None),
    ]


async def test_all_asks_for_1000_leads_a_page_and_can_start_after_a_lead(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/all").respond(json={"ok": True, "data": {"leads": []}})
    page = await client.leads.all(start_after=2995000003)
    assert sent(route) == (
        "GET", "/leads/all", {**KEY, "limit": "1000", "lastSeenLeadId": "2995000003"}, None
    )
    assert (page.items, page.after, page.next_cursor) == ([], 2995000003, None)


async def test_the_raw_view_of_all_returns_its_first_page_with_the_response(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/leads/all").respond(json=[_lead(1)], headers={"x-ratelimit-remaining": "59"})
    raw = await client.with_raw_response.leads.all(page_size=2)
    assert [lead.id for lead in raw.parsed.items] == [1]
    assert raw.headers["x-ratelimit-remaining"] == "59"


async def test_all_of_a_server_that_ignores_the_cursor_raises_instead_of_looping(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/all").respond(json=[_lead(1), _lead(2)])
    with pytest.raises(InconsistentListingError, match="every lead of the account"):
        [lead async for lead in client.leads.all(page_size=2)]
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"page_size": 1001}, InvalidArgumentError, "page_size must be between 1 and 1000"),
        ({"lead_type": "dormant"}, InvalidArgumentError,
         "lead_type must be one of active, yet_to_use, previously_active, archived"),
        ({"status": "BLOCKED"}, InvalidArgumentError, "status must be one of STARTED"),
        ({"email_status": 3}, InvalidArgumentTypeError, "email_status must be one of"),
        ({"start_after": 0}, InvalidArgumentError, "start_after must be >= 1"),
        ({"list_id": "7"}, InvalidArgumentTypeError, "list_id must be an int"),
        ({"lead_email": ""}, InvalidArgumentError, "lead_email must be a non-empty string"),
    ],
)
def test_all_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error) as caught:
        client.leads.all(**kwargs)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


# -- a lead's campaigns and sequence ----------------------------------------------------------


async def test_campaign_overview_reads_each_campaign(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/5/campaign-overview").respond(json={"ok": True, "data": [
        {"campaignId": 42, "campaignName": "Q3", "campaign_status": "ACTIVE",
         "status": "PAUSED", "campaign_lead_map_id": "2433000001", "email_account_id": 9},
    ]})
    [overview] = await client.leads.campaign_overview(5)
    assert sent(route) == ("GET", "/leads/5/campaign-overview", KEY, None)
    assert (overview.campaign_id, overview.campaign_name, overview.campaign_status) == (
        42, "Q3", CampaignStatus.ACTIVE)
    assert (overview.lead_status, overview.campaign_lead_map_id, overview.email_account_id) == (
        LeadStatus.PAUSED, 2433000001, 9)


async def test_sequence_details_of_a_lead_map_in_a_campaign(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/2433000001/sequence-details").respond(json={"ok": True, "data": {
        "campaign_id": 42, "steps": [
            {"seq_number": 1, "status": "SENT", "sent_time": "2025-11-01T09:00:00.000Z"},
            {"sequence_number": "2", "status": "PENDING"},
        ],
    }})
    details = await client.leads.sequence_details(2433000001, campaign_id=42)
    assert sent(route) == (
        "GET", "/leads/2433000001/sequence-details", {**KEY, "campaignId": "42"}, None
    )
    assert details.campaign_id == 42
    assert [(s.seq_number, s.status) for s in details.steps] == [(1, "SENT"), (2, "PENDING")]
    assert details.steps[0].sent_time == datetime(2025, 11, 1, 9, tzinfo=UTC)


async def test_sequence_details_answered_as_a_bare_array_are_its_steps(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/leads/7/sequence-details").respond(json=[{"seq_number": 1, "status": "SENT"}])
    details = await client.leads.sequence_details(7)
    assert [s.seq_number for s in details.steps] == [1]


# -- block list -------------------------------------------------------------------------------


async def test_block_list_pages_with_its_filters(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    entries = [
        {"id": 17, "email_or_domain": "test2.com", "created_at": "2023-12-06T06:31:51.566Z",
         "source": "manual", "client_id": None},
        {"id": 16, "email_or_domain": "ramesh@test1.com", "created_at": "2023-12-06T06:31:43.457Z",
         "source": "manual", "client_id": 2},
    ]
    route = api.get("/leads/get-domain-block-list").mock(side_effect=[
        respx.MockResponse(json=entries), respx.MockResponse(json=[]),
    ])
    got = [entry async for entry in client.leads.block_list(
        client_id=2, email_or_domain="test", email_with_domain="test1.com", page_size=2,
        prefetch=1,
    )]
    assert got[1] == BlockListEntry(
        id=16, email_or_domain="ramesh@test1.com", source="manual", client_id=2,
        created_at=datetime(2023, 12, 6, 6, 31, 43, 457000, tzinfo=UTC),
    )
    filters = {**KEY, "filter_client_id": "2", "filter_email_or_domain": "test",
               "filter_email_with_domain": "test1.com"}
    assert sent_requests(route) == [
        ("GET", "/leads/get-domain-block-list", {**filters, "offset": "0", "limit": "2"}, None),
        ("GET", "/leads/get-domain-block-list", {**filters, "offset": "2", "limit": "2"}, None),
    ]


async def test_block_list_asks_for_1000_entries_a_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/get-domain-block-list").respond(json=[])
    assert (await client.leads.block_list()).items == []
    assert sent(route)[2] == {**KEY, "offset": "0", "limit": "1000"}


async def test_unblock_deletes_one_entry_by_id_in_the_query(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.delete("/leads/delete-domain-block-list").respond(json={"ok": True})
    assert (await client.leads.unblock(17)).ok is True
    assert sent(route) == ("DELETE", "/leads/delete-domain-block-list", {**KEY, "id": "17"}, None)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: c.leads.block_list(page_size=0), InvalidArgumentError, "page_size must be"),
        (lambda c: c.leads.block_list(client_id=-1), InvalidArgumentError, "client_id must be"),
        (lambda c: c.leads.block_list(email_with_domain=3), InvalidArgumentTypeError,
         "email_with_domain must be a str"),
        (lambda c: c.leads.unblock(True), InvalidArgumentTypeError, "entry_id must be an int"),
    ],
)
async def test_block_list_methods_reject_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        result = call(client)
        if hasattr(result, "__await__"):
            await result
    assert message in str(caught.value)
    assert api.calls.call_count == 0


# -- campaign leads: manual complete, pinned mailbox ------------------------------------------


async def test_manual_complete_posts_to_the_lead_map_path(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/42/leads/2433000001/manual-complete").respond(json={"ok": True})
    assert (await client.campaigns.leads.manual_complete(42, 2433000001)).ok is True
    assert sent(route) == ("POST", "/campaigns/42/leads/2433000001/manual-complete", KEY, None)


async def test_update_email_account_sends_the_documented_field_names(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/update-lead-email-account").respond(
        json={"ok": True, "message": "updated"}
    )
    result = await client.campaigns.leads.update_email_account(
        42, 2995000003, 2907, override_lead_email_account=True
    )
    assert sent(route) == ("POST", "/campaigns/update-lead-email-account", KEY, {
        "email_account_id": 2907, "email_campaign_id": 42, "email_lead_id": 2995000003,
        "override_lead_email_account": True,
    })
    assert result.message == "updated"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: c.campaigns.leads.manual_complete(42, 0), InvalidArgumentError,
         "lead_map_id must be >= 1"),
        (lambda c: c.campaigns.leads.update_email_account(42, 5, "2907"),
         InvalidArgumentTypeError, "email_account_id must be an int"),
        (lambda c: c.campaigns.leads.update_email_account(
            42, 5, 2907, override_lead_email_account="yes"),
         InvalidArgumentTypeError, "override_lead_email_account must be True or False"),
    ],
)
async def test_campaign_lead_extras_reject_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        await call(client)
    assert message in str(caught.value)
    assert api.calls.call_count == 0
