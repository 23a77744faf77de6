"""``client.webhooks`` (account level, ``/webhook/*``) and the campaign webhooks' delivery
summary, retrigger and three delete forms, over respx."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import respx

from smartlead_async import (
    InvalidArgumentError,
    NotFoundError,
    SmartleadClient,
    WebhookAssociation,
    WebhookEventType,
)

from ._endpoints import KEY, endpoint_fixtures, sent

api, client = endpoint_fixtures()

ACCOUNT_WEBHOOK = {
    "id": 77, "name": "All replies", "webhook_url": "https://hooks.example.com/sl",
    "association_type": "user", "email_campaign_id": None, "client_id": None,
    "event_types": ["EMAIL_REPLY"], "categories": [], "created_at": "2025-11-03T10:00:00.000Z",
    "is_active": True,
}


# -- account-level webhooks -----------------------------------------------------------------


async def test_create_sends_the_documented_maps_and_reads_the_new_id(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/webhook/create").respond(json={"ok": True, "data": {"id": 77}})
    saved = await client.webhooks.create(
        webhook_url="https://hooks.example.com/sl", association_type=WebhookAssociation.CAMPAIGN,
        email_campaign_id=2180, name="Replies", event_types=["EMAIL_REPLY", "EMAIL_OPEN"],
        category_ids=[1, 3], webhook_type="DEFAULT", force_create=True,
    )
    assert sent(route) == ("POST", "/webhook/create", KEY, {
        "webhook_url": "https://hooks.example.com/sl", "association_type": "campaign",
        "email_campaign_id": 2180, "name": "Replies",
        "event_type_map": {"EMAIL_REPLY": True, "EMAIL_OPEN": True},
        "category_id_map": {"1": True, "3": True}, "webhook_type": "DEFAULT",
        "force_create": True,
    })
    assert (saved.ok, saved.id) == (True, 77)


async def test_create_of_a_user_webhook_sends_no_scope_id(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/webhook/create").respond(json={"ok": True, "id": 78})
    saved = await client.webhooks.create(
        webhook_url="https://hooks.example.com/sl", association_type="user",
        event_types=WebhookEventType.EMAIL_SENT,
    )
    assert sent(route)[3] == {
        "webhook_url": "https://hooks.example.com/sl", "association_type": "user",
        "event_type_map": {"EMAIL_SENT": True},
    }
    assert saved.id == 78


async def test_create_of_a_client_webhook_sends_the_client(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/webhook/create").respond(json={"ok": True, "webhookId": 79})
    saved = await client.webhooks.create(
        webhook_url="https://hooks.example.com/sl", association_type="client", client_id=12,
        event_types=["LEAD_UNSUBSCRIBED"],
    )
    assert sent(route)[3]["client_id"] == 12
    assert saved.id == 79


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"association_type": "campaign"},
         "email_campaign_id is required with association_type='campaign'"),
        ({"association_type": "client"}, "client_id is required with association_type='client'"),
        ({"association_type": "user", "client_id": 3},
         r"client_id is required with association_type='client' and only with it"),
        ({"association_type": "team"}, "association_type must be one of user, client, campaign"),
        ({"association_type": "user", "event_types": []}, "event_types must contain at least"),
        ({"association_type": "user", "event_types": ["EMAIL_SEEN"]}, "event_types\\[0\\]"),
        ({"association_type": "user", "webhook_url": "ftp://x"}, "webhook_url must be an abs"),
        ({"association_type": "user", "category_ids": [0]}, r"category_ids\[0\] must be >= 1"),
    ],
)
async def test_create_refuses_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], message: str
) -> None:
    arguments = {"webhook_url": "https://hooks.example.com/sl", "event_types": ["EMAIL_SENT"],
                 **kwargs}
    with pytest.raises(InvalidArgumentError, match=message):
        await client.webhooks.create(**arguments)
    assert api.calls.call_count == 0


async def test_get_decodes_the_webhook_with_its_scope_and_keeps_unknown_fields(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/webhook/77").respond(json=ACCOUNT_WEBHOOK)
    webhook = await client.webhooks.get(77)
    assert sent(route) == ("GET", "/webhook/77", KEY, None)
    assert webhook.association_type is WebhookAssociation.USER
    assert webhook.event_types == [WebhookEventType.EMAIL_REPLY]
    assert webhook.created_at == datetime(2025, 11, 3, 10, tzinfo=UTC)
    assert webhook.extra == {"is_active": True}


async def test_get_of_a_missing_webhook_answered_with_an_empty_body_is_not_found(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/webhook/5").respond(json={})
    with pytest.raises(NotFoundError, match="webhook 5 not found"):
        await client.webhooks.get(5)


async def test_update_puts_only_what_is_given(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.put("/webhook/update/77").respond(json={"ok": True, "data": {"id": 77}})
    saved = await client.webhooks.update(
        77, webhook_url="https://hooks.example.com/v2", event_types=["EMAIL_BOUNCE"],
        categories=[],
    )
    assert sent(route) == ("PUT", "/webhook/update/77", KEY, {
        "webhook_url": "https://hooks.example.com/v2", "event_types": ["EMAIL_BOUNCE"],
        "categories": [],
    })
    assert saved.id == 77


async def test_update_with_nothing_to_change_is_refused(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="update needs at least one of: name"):
        await client.webhooks.update(77)
    assert api.calls.call_count == 0


async def test_delete_sends_the_id_in_a_json_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.delete("/webhook/delete").respond(json={"ok": True})
    assert (await client.webhooks.delete(77)).ok is True
    assert sent(route) == ("DELETE", "/webhook/delete", KEY, {"id": 77})


# -- a campaign's webhooks: delivery summary, retrigger, delete forms ------------------------


async def test_summary_sends_the_window_in_camel_case_and_reads_the_counts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/2180/webhooks/summary").respond(
        json={"total": "12", "success": 10, "failed": 2})
    summary = await client.campaigns.webhooks.summary(
        2180, from_time=datetime(2025, 11, 1, tzinfo=UTC), to_time="2025-11-30T23:59:59Z")
    assert sent(route) == ("GET", "/campaigns/2180/webhooks/summary", {
        "fromTime": "2025-11-01T00:00:00.000Z", "toTime": "2025-11-30T23:59:59Z", **KEY,
    }, None)
    assert (summary.total, summary.success, summary.failed) == (12, 10, 2)


async def test_retrigger_posts_the_window_in_the_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/2180/webhooks/retrigger-failed-events").respond(
        json={"ok": True, "message": "2 events queued"})
    answer = await client.campaigns.webhooks.retrigger_failed(
        2180, from_time=date(2025, 11, 1), to_time=date(2025, 11, 2))
    assert sent(route) == ("POST", "/campaigns/2180/webhooks/retrigger-failed-events", KEY, {
        "fromTime": "2025-11-01", "toTime": "2025-11-02",
    })
    assert answer.message == "2 events queued"


@pytest.mark.parametrize("method", ["summary", "retrigger_failed"])
async def test_a_window_that_ends_before_it_starts_is_refused(
    api: respx.MockRouter, client: SmartleadClient, method: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"to_time .* must not be before from_time"):
        await getattr(client.campaigns.webhooks, method)(
            2180, from_time="2025-11-02", to_time="2025-11-01")
    assert api.calls.call_count == 0


@pytest.mark.parametrize(
    ("id_in", "path", "query", "body"),
    [
        ("query", "/campaigns/2180/webhooks", {"id": "44"}, None),
        ("body", "/campaigns/2180/webhooks", {}, {"id": 44}),
        ("path", "/campaigns/2180/webhooks/44", {}, None),
    ],
)
async def test_delete_puts_the_webhook_id_where_asked(
    api: respx.MockRouter, client: SmartleadClient, id_in: Any, path: str,
    query: dict[str, str], body: Any,
) -> None:
    route = api.delete(path).respond(json={"ok": True})
    await client.campaigns.webhooks.delete(2180, 44, id_in=id_in)
    assert sent(route) == ("DELETE", path, {**query, **KEY}, body)


async def test_delete_refuses_an_unknown_id_placement(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="id_in must be one of 'query', 'body'"):
        await client.campaigns.webhooks.delete(2180, 44, id_in="header")  # type: ignore[arg-type]
    assert api.calls.call_count == 0
