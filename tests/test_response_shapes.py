"""Every response shape SmartLead's documents record for a route decodes to the same result.

The route catalogue (``api-docs/smartlead-api-routes.md``) and the issue that found them record
several shapes per route: bare, in a ``{"ok"|"success": true, "data": ...}`` envelope, with
renamed keys. Each case below serves each shape and checks the typed result is the same; a
body without the record's identity, or in an unknown wrapping, raises ``APIResponseError``
instead of decoding into a model with ``None`` where an ``int`` was promised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIResponseError,
    APIStatusError,
    Campaign,
    CampaignStatistic,
    CampaignStatus,
    EmailAccountInput,
    SmartleadClient,
)

from ._endpoints import endpoint_fixtures, open_client

api, client = endpoint_fixtures()

Call = Callable[[SmartleadClient], Awaitable[Any]]

CAMPAIGN = {"id": 42, "name": "Q3", "status": "ACTIVE"}
ACCOUNT = {"id": 7, "from_email": "a@b.co", "password": "hunter2"}
LEAD_ITEM = {"campaign_lead_map_id": 9, "status": "INPROGRESS", "lead": {"id": 1, "email": "x@y.z"}}
MESSAGE_OLD = {"type": "SENT", "message_id": "m1", "time": "2025-11-01T10:00:00Z"}
MESSAGE_NEW = {"direction": "outbound", "message_id": "m1", "sent_at": "2025-11-01T10:00:00Z"}


async def get_campaign(c: SmartleadClient) -> Any:
    return await c.campaigns.get(42)


async def list_campaigns(c: SmartleadClient) -> Any:
    return await c.campaigns.list()


async def campaign_accounts(c: SmartleadClient) -> Any:
    return [account.id for account in await c.campaigns.email_accounts.list(42)]


async def first_leads_page(c: SmartleadClient) -> Any:
    page = await c.campaigns.leads.list(42)
    return page.total, [item.campaign_lead_map_id for item in page.items]


async def message_times(c: SmartleadClient) -> Any:
    history = await c.campaigns.leads.message_history(42, 1)
    return [(m.message_id, m.time) for m in history.history]


async def warmup_sent(c: SmartleadClient) -> Any:
    stats = await c.email_accounts.warmup_stats(7)
    return stats.sent_count, [day.sent_count for day in stats.stats_by_date]


async def saved_account_id(c: SmartleadClient) -> Any:
    account = EmailAccountInput(
        from_name="A", from_email="a@b.co", user_name="a@b.co", password="pw",
        smtp_host="smtp.b.co", smtp_port=465, imap_host="imap.b.co", imap_port=993,
    )
    return (await c.email_accounts.save(account)).email_account_id


async def created_client_id(c: SmartleadClient) -> Any:
    created = await c.clients.create(
        name="Acme", email="ops@acme.co", password="pw", permission=["full_access"]
    )
    return created.client_id


async def statistics_rows(c: SmartleadClient) -> Any:
    page = await c.campaigns.statistics(42)
    return [(row.sequence_number, row.sent_count, row.open_count) for row in page.items]


#: (call, method, path, the shapes documented for it, the result every shape decodes to)
SHAPES: list[tuple[Call, str, str, list[Any], Any]] = [
    (get_campaign, "GET", "/campaigns/42", [
        CAMPAIGN,
        {"success": True, "data": CAMPAIGN},
        {"ok": True, "data": CAMPAIGN},
        {"data": CAMPAIGN},
        [CAMPAIGN],
    ], Campaign(id=42, name="Q3", status=CampaignStatus.ACTIVE)),
    (list_campaigns, "GET", "/campaigns", [
        [CAMPAIGN],
        {"campaigns": [CAMPAIGN]},
        {"success": True, "data": [CAMPAIGN]},
        {"ok": True, "data": {"campaigns": [CAMPAIGN]}},
    ], [Campaign(id=42, name="Q3", status=CampaignStatus.ACTIVE)]),
    (campaign_accounts, "GET", "/campaigns/42/email-accounts", [
        [ACCOUNT],
        {"ok": True, "data": [ACCOUNT]},
        {"success": True, "message": "", "data": [ACCOUNT]},
        {"email_accounts": [ACCOUNT]},
    ], [7]),
    (first_leads_page, "GET", "/campaigns/42/leads", [
        {"total_leads": "1", "offset": 0, "limit": 100, "data": [LEAD_ITEM]},
        {"total": 1, "leads": [LEAD_ITEM]},
        {"success": True, "data": {"total": 1, "leads": [LEAD_ITEM]}},
    ], (1, [9])),
    (message_times, "GET", "/campaigns/42/leads/1/message-history", [
        {"history": [MESSAGE_OLD], "from": "a@b.co", "to": "x@y.z"},
        {"messages": [MESSAGE_NEW]},
        {"success": True, "data": {"messages": [MESSAGE_NEW]}},
        [MESSAGE_OLD],
    ], [("m1", datetime(2025, 11, 1, 10, tzinfo=UTC))]),
    (warmup_sent, "GET", "/email-accounts/7/warmup-stats", [
        {"id": 7, "sent_count": "30", "stats_by_date": [{"date": "2025-11-01", "sent_count": 30}]},
        {"total_sent": 30, "reputation_score": 98, "daily_stats": [{"date": "2025-11-01",
                                                                    "sent": 30}]},
        {"success": True, "data": {"total_sent": 30, "daily_stats": [{"sent_count": "30"}]}},
    ], (30, [30])),
    (saved_account_id, "POST", "/email-accounts/save", [
        {"ok": True, "message": "Email account added", "emailAccountId": 77},
        {"ok": True, "message": "Email account added", "data": {"id": 77}},
        {"success": True, "data": {"id": 77, "from_email": "a@b.co"}},
    ], 77),
    (created_client_id, "POST", "/client/save", [
        {"ok": True, "clientId": 5, "name": "Acme"},
        {"id": 5, "name": "Acme"},
        {"ok": True, "data": {"id": 5}},
        {"success": True, "data": {"clientId": 5}},
    ], 5),
    (statistics_rows, "GET", "/campaigns/42/statistics", [
        {"data": [{"sequence_number": 1, "sent_count": "10", "open_count": "4"}]},
        {"success": True, "data": [{"sequence_number": "1", "sent_count": 10, "open_count": 4}]},
    ], [(1, 10, 4)]),
]


@pytest.mark.parametrize(
    ("call", "method", "path", "body", "expected"),
    [
        pytest.param(call, method, path, body, expected, id=f"{call.__name__}-{index}")
        for call, method, path, bodies, expected in SHAPES
        for index, body in enumerate(bodies)
    ],
)
async def test_every_documented_shape_of_a_route_decodes_to_the_same_result(
    api: respx.MockRouter, client: SmartleadClient, call: Call, method: str, path: str,
    body: Any, expected: Any,
) -> None:
    api.route(method=method, path=path).respond(json=body)
    assert await call(client) == expected


#: (call, method, path, a 2xx body that lacks the record's identity, the field it names)
MISSING_IDENTITY: list[tuple[Call, str, str, Any, str]] = [
    (get_campaign, "GET", "/campaigns/42", {"name": "Q3"}, "Campaign.id"),
    (get_campaign, "GET", "/campaigns/42", {"success": True, "data": {"name": "Q3"}},
     "Campaign.id"),
    (campaign_accounts, "GET", "/campaigns/42/email-accounts",
     {"ok": True, "data": [{"from_email": "a@b.co"}]}, "EmailAccount.id"),
    (first_leads_page, "GET", "/campaigns/42/leads",
     {"total_leads": "1", "data": [{"status": "INPROGRESS"}]}, "CampaignLead.campaign_lead_map_id"),
    (created_client_id, "POST", "/client/save", {"ok": True, "name": "Acme"},
     "ClientCreated.client_id"),
]


@pytest.mark.parametrize(
    ("call", "method", "path", "body", "field"),
    [pytest.param(*case, id=f"{case[0].__name__}-{case[4]}") for case in MISSING_IDENTITY],
)
async def test_a_response_without_the_records_identity_raises_naming_route_model_and_field(
    api: respx.MockRouter, client: SmartleadClient, call: Call, method: str, path: str,
    body: Any, field: str,
) -> None:
    api.route(method=method, path=path).respond(json=body)
    with pytest.raises(APIResponseError) as caught:
        await call(client)
    assert field in str(caught.value)
    assert path in str(caught.value)


@pytest.mark.parametrize("body", [
    {"result": {"campaigns": [CAMPAIGN]}},
    {"ok": True, "items": [CAMPAIGN], "count": 1},
    "a plain sentence",
])
async def test_a_listing_in_an_unknown_wrapping_raises_instead_of_decoding_garbage(
    api: respx.MockRouter, client: SmartleadClient, body: Any,
) -> None:
    api.get("/campaigns").respond(json=body)
    with pytest.raises(APIResponseError, match="Unexpected response shape"):
        await client.campaigns.list()


@pytest.mark.parametrize("flag", ["ok", "success"])
async def test_a_2xx_body_that_says_it_failed_raises_a_status_error(
    api: respx.MockRouter, client: SmartleadClient, flag: str,
) -> None:
    api.get("/campaigns/42").respond(json={flag: False, "message": "Campaign is archived"})
    with pytest.raises(APIStatusError, match="Campaign is archived") as caught:
        await client.campaigns.get(42)
    assert caught.value.status_code == 200


async def test_a_get_missing_a_required_field_is_retried_like_a_body_cut_short(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/42").mock(side_effect=[
        httpx.Response(200, json={"name": "Q3"}),
        httpx.Response(200, json=CAMPAIGN),
    ])
    async with open_client(max_retries=1) as retrying:
        assert (await retrying.campaigns.get(42)).id == 42
    assert route.call_count == 2


async def test_a_write_missing_its_new_id_is_not_sent_again(api: respx.MockRouter) -> None:
    route = api.post("/client/save").respond(json={"ok": True})
    async with open_client(max_retries=3) as retrying:
        with pytest.raises(APIResponseError, match=r"ClientCreated\.client_id"):
            await created_client_id(retrying)
    assert route.call_count == 1


def test_statistic_rows_without_a_lead_have_no_identity_to_deduplicate_on() -> None:
    from smartlead_async.models._base import record_key

    assert record_key(CampaignStatistic(sequence_number=1)) is None
    assert record_key(CampaignStatistic(lead_email="a@b.co", email_campaign_seq_id=3)) == (
        "a@b.co", 3,
    )
