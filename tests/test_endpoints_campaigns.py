"""``client.campaigns`` and its sequences, email accounts and webhooks, over respx."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIStatusError,
    CampaignLeadStats,
    CampaignStatus,
    CampaignStatusAction,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    SequenceInput,
    SequenceVariantInput,
    SmartleadClient,
    StatisticsEmailStatus,
    TrackSetting,
    WebhookEventType,
)

from ._endpoints import KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()


# -- campaigns ------------------------------------------------------------------------------


async def test_create_posts_the_name_and_client_and_returns_the_new_campaign(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/create").respond(json={
        "ok": True, "id": 3023, "name": "Test email campaign",
        "created_at": "2022-11-07T16:23:24.025929+00:00",
    })
    created = await client.campaigns.create("Test email campaign", client_id=22)
    assert sent(route) == (
        "POST", "/campaigns/create", KEY, {"name": "Test email campaign", "client_id": 22}
    )
    assert created.ok is True
    assert created.id == 3023
    assert created.created_at == datetime(2022, 11, 7, 16, 23, 24, 25929, tzinfo=UTC)


async def test_create_without_a_client_leaves_client_id_out(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/create").respond(json={"ok": True, "id": 1})
    await client.campaigns.create("Solo")
    assert sent(route)[3] == {"name": "Solo"}


async def test_delete_sends_delete_and_returns_ok(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.delete("/campaigns/372").respond(json={"ok": True})
    result = await client.campaigns.delete(372)
    assert sent(route) == ("DELETE", "/campaigns/372", KEY, None)
    assert result.ok is True


async def test_update_schedule_sends_the_validated_schedule(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/5/schedule").respond(json={"ok": True})
    result = await client.campaigns.update_schedule(
        5, timezone="America/Los_Angeles", days_of_the_week=[5, 1, 1], start_hour="01:11",
        end_hour=time(2, 22), min_time_btw_emails=10, max_new_leads_per_day=20,
        schedule_start_time=datetime(2023, 4, 25, 7, 29, 25, 978000, tzinfo=UTC),
    )
    assert sent(route) == ("POST", "/campaigns/5/schedule", KEY, {
        "timezone": "America/Los_Angeles", "days_of_the_week": [1, 5],
        "start_hour": "01:11", "end_hour": "02:22", "min_time_btw_emails": 10,
        "max_new_leads_per_day": 20, "schedule_start_time": "2023-04-25T07:29:25.978Z",
    })
    assert result.ok is True


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"timezone": "Mars/Olympus"}, InvalidArgumentError,
         "timezone must be an IANA time zone name"),
        ({"start_hour": "9:00"}, InvalidArgumentError, "start_hour must be a 24-hour time"),
        ({"end_hour": "24:00"}, InvalidArgumentError, "end_hour must be a 24-hour time"),
        ({"start_hour": "18:00", "end_hour": "09:00"}, InvalidArgumentError,
         "start_hour (18:00) must be before end_hour (09:00)"),
        ({"days_of_the_week": [1, 7]}, InvalidArgumentError,
         "days_of_the_week[1] must be between 0 and 6, got 7"),
        ({"days_of_the_week": []}, InvalidArgumentError,
         "days_of_the_week must contain at least one day"),
        ({"min_time_btw_emails": 0}, InvalidArgumentError,
         "min_time_btw_emails must be >= 1, got 0"),
        ({"schedule_start_time": "soon"}, InvalidArgumentError,
         "schedule_start_time must be an ISO 8601 date"),
    ],
)
async def test_update_schedule_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    arguments: dict[str, Any] = {
        "timezone": "Europe/Paris", "days_of_the_week": [1, 2], "start_hour": "09:00",
        "end_hour": "18:00", **kwargs,
    }
    with pytest.raises(error) as caught:
        await client.campaigns.update_schedule(1, **arguments)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_update_settings_sends_only_the_settings_given(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/5/settings").respond(json={"ok": True})
    await client.campaigns.update_settings(
        5, track_settings=[TrackSetting.DONT_TRACK_EMAIL_OPEN, "DONT_TRACK_LINK_CLICK"],
        stop_lead_settings="REPLY_TO_AN_EMAIL", unsubscribe_text="", send_as_plain_text=False,
        follow_up_percentage=100, client_id=33, enable_ai_esp_matching=True,
    )
    assert sent(route) == ("POST", "/campaigns/5/settings", KEY, {
        "track_settings": ["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"],
        "stop_lead_settings": "REPLY_TO_AN_EMAIL", "unsubscribe_text": "",
        "send_as_plain_text": False, "follow_up_percentage": 100, "client_id": 33,
        "enable_ai_esp_matching": True,
    })


async def test_update_settings_accepts_a_single_track_setting(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/5/settings").respond(json={"ok": True})
    await client.campaigns.update_settings(5, track_settings="DONT_TRACK_EMAIL_OPEN")
    assert sent(route)[3] == {"track_settings": ["DONT_TRACK_EMAIL_OPEN"]}


async def test_update_settings_with_no_track_settings_tracks_everything(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/5/settings").respond(json={"ok": True})
    await client.campaigns.update_settings(5, track_settings=[])
    assert sent(route)[3] == {"track_settings": []}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"track_settings": ["DONT_TRACK_EVERYTHING"]},
         "track_settings[0] must be one of DONT_TRACK_EMAIL_OPEN, DONT_TRACK_LINK_CLICK"),
        ({"stop_lead_settings": "OPEN_AN_EMAIL"},
         "stop_lead_settings must be one of CLICK_ON_A_LINK, REPLY_TO_AN_EMAIL; "
         "got 'OPEN_AN_EMAIL'"),
        ({"follow_up_percentage": 101}, "follow_up_percentage must be between 0 and 100"),
        ({"follow_up_percentage": -1}, "follow_up_percentage must be between 0 and 100"),
        ({}, "update_settings needs at least one of: track_settings, stop_lead_settings"),
    ],
)
async def test_update_settings_rejects_bad_values_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await client.campaigns.update_settings(5, **kwargs)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_update_settings_refuses_a_string_for_a_boolean(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="send_as_plain_text must be True or"):
        await client.campaigns.update_settings(5, send_as_plain_text="false")  # type: ignore[arg-type]
    assert api.calls.call_count == 0


@pytest.mark.parametrize("status", [CampaignStatusAction.PAUSED, "STOPPED", "START"])
async def test_set_status_posts_the_action(
    api: respx.MockRouter, client: SmartleadClient, status: CampaignStatusAction | str
) -> None:
    route = api.post("/campaigns/9/status").respond(json={"ok": True})
    await client.campaigns.set_status(9, status)
    assert sent(route) == ("POST", "/campaigns/9/status", KEY, {"status": str(status)})


async def test_set_status_rejects_a_campaign_status_that_is_not_an_action(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="status must be one of PAUSED, STOPPED, START"):
        await client.campaigns.set_status(9, "ACTIVE")
    assert api.calls.call_count == 0


async def test_a_write_answered_200_with_ok_false_raises_its_message(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/campaigns/9/status").respond(json={"ok": False, "message": "Campaign has no leads"})
    with pytest.raises(APIStatusError, match="Campaign has no leads") as caught:
        await client.campaigns.set_status(9, "START")
    assert caught.value.status_code == 200


ANALYTICS = {
    "id": 979, "user_id": 288, "created_at": "2022-08-29T06:15:31.458Z", "status": "COMPLETED",
    "name": "", "sent_count": "14", "open_count": "14", "click_count": "0",
    "reply_count": "4", "block_count": "0", "total_count": "14", "drafted_count": "0",
    "bounce_count": "0", "unsubscribed_count": "0", "sequence_count": "2",
    "tags": [{"id": 44, "name": "ramesh", "color": "#F0C080"}],
    "unique_open_count": "7", "unique_click_count": "8", "unique_sent_count": "10",
    "client_id": 6, "client_name": "Alex James", "client_email": "alex@carrot.com",
    "parent_campaign_id": None,
    "campaign_lead_stats": {"total": 8, "blocked": 0, "stopped": 0, "completed": 8,
                            "inprogress": 0, "notStarted": 0},
}


async def test_analytics_decodes_string_counts_as_ints_and_the_lead_stats(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/979/analytics").respond(json=ANALYTICS)
    analytics = await client.campaigns.analytics(979)
    assert sent(route) == ("GET", "/campaigns/979/analytics", KEY, None)
    assert analytics.sent_count == 14
    assert analytics.reply_count == 4
    assert analytics.unique_sent_count == 10
    assert analytics.status is CampaignStatus.COMPLETED
    assert analytics.tags[0].color == "#F0C080"
    assert analytics.campaign_lead_stats == CampaignLeadStats(
        total=8, blocked=0, stopped=0, completed=8, inprogress=0, not_started=0
    )


@pytest.mark.parametrize("body", [{}, None])
async def test_analytics_of_a_campaign_answered_with_an_empty_200_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient, body: Any
) -> None:
    response = httpx.Response(200, json=body) if body is not None else httpx.Response(200)
    api.get("/campaigns/404/analytics").mock(return_value=response)
    with pytest.raises(NotFoundError, match="analytics of campaign 404 not found"):
        await client.campaigns.analytics(404)


async def test_analytics_by_date_sends_calendar_days_and_decodes_the_counts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/3745/analytics-by-date").respond(json={
        "id": 3745, "start_date": "2022-12-16", "end_date": "2022-12-23",
        "sent_count": "4375", "open_count": "745", "bounce_count": "289",
    })
    stats = await client.campaigns.analytics_by_date(
        3745, start_date=date(2022, 12, 16), end_date=datetime(2022, 12, 23, 18, 30)
    )
    assert sent(route) == ("GET", "/campaigns/3745/analytics-by-date",
                           {"start_date": "2022-12-16", "end_date": "2022-12-23", **KEY}, None)
    assert (stats.sent_count, stats.open_count, stats.bounce_count) == (4375, 745, 289)
    assert stats.start_date == date(2022, 12, 16)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2022-12-01", "2023-01-01", "may span at most 30 days, got 31"),
        ("2022-12-23", "2022-12-16", "end_date (2022-12-16) must not be before start_date"),
        ("16/12/2022", "2022-12-23", "start_date must be an ISO 8601 date"),
    ],
)
async def test_analytics_by_date_rejects_bad_ranges_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, start: str, end: str, message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await client.campaigns.analytics_by_date(1, start_date=start, end_date=end)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_analytics_by_date_accepts_exactly_30_days(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/1/analytics-by-date").respond(json={"id": 1})
    stats = await client.campaigns.analytics_by_date(
        1, start_date="2022-12-01", end_date="2022-12-31"
    )
    assert stats.id == 1


def _stat(email: str, seq_id: int) -> dict[str, Any]:
    return {"lead_name": "Charles", "lead_email": email, "lead_category": None,
            "sequence_number": 1, "email_campaign_seq_id": seq_id, "seq_variant_id": 129,
            "sent_time": "2022-08-02T12:49:11.747Z", "open_time": None, "open_count": "2",
            "is_bounced": False}


async def test_statistics_pages_by_total_stats_with_the_filters(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        rows = [_stat(f"l{i}@x.io", 1178) for i in range(offset, min(offset + 2, 3))]
        return httpx.Response(200, json={"total_stats": "3", "data": rows,
                                         "offset": offset, "limit": 2})

    route = api.get("/campaigns/7/statistics").mock(side_effect=page)
    stats = [s async for s in client.campaigns.statistics(
        7, email_sequence_number=1, email_status=StatisticsEmailStatus.OPENED, page_size=2
    )]
    filters = {"email_sequence_number": "1", "email_status": "opened", **KEY}
    assert sorted(sent_requests(route), key=lambda r: r[2]["offset"]) == [
        ("GET", "/campaigns/7/statistics", {**filters, "offset": "0", "limit": "2"}, None),
        ("GET", "/campaigns/7/statistics", {**filters, "offset": "2", "limit": "2"}, None),
    ]
    assert [s.lead_email for s in stats] == ["l0@x.io", "l1@x.io", "l2@x.io"]
    assert stats[0].open_count == 2
    assert stats[0].sent_time == datetime(2022, 8, 2, 12, 49, 11, 747000, tzinfo=UTC)


async def test_statistics_awaited_is_its_first_page_with_the_total(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/7/statistics").respond(
        json={"total_stats": "419", "data": [_stat("a@x.io", 1)], "offset": 0, "limit": 1}
    )
    page = await client.campaigns.statistics(7, page_size=1)
    assert page.total == 419
    assert len(page.items) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"email_status": "bounced"},
         "email_status must be one of opened, clicked, replied, unsubscribed; got 'bounced'"),
        ({"email_sequence_number": 0}, "email_sequence_number must be >= 1, got 0"),
        ({"page_size": 101}, "page_size must be between 1 and 100, got 101"),
    ],
)
async def test_statistics_rejects_bad_filters_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.campaigns.statistics(7, **kwargs)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


# -- sequences ------------------------------------------------------------------------------

SEQUENCE = {
    "id": 8494, "created_at": "2022-11-08T07:06:35.990Z", "email_campaign_id": 3070,
    "seq_number": 1, "subject": "", "email_body": "", "seq_delay_details": {"delay_in_days": 1},
    "sequence_variants": [
        {"id": 2535, "is_deleted": False, "subject": "Subject", "email_body": "<p>Hi</p>",
         "email_campaign_seq_id": 8494, "variant_label": "A"},
        {"id": 2536, "is_deleted": False, "subject": "Ema a", "email_body": "<p>B</p>",
         "email_campaign_seq_id": 8494, "variant_label": "B"},
    ],
}


async def test_sequences_list_decodes_steps_and_variants(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/3070/sequences").respond(json=[SEQUENCE])
    steps = await client.campaigns.sequences.list(3070)
    assert sent(route) == ("GET", "/campaigns/3070/sequences", KEY, None)
    assert steps[0].seq_delay_details is not None
    assert steps[0].seq_delay_details.delay_in_days == 1
    assert [v.variant_label for v in steps[0].sequence_variants] == ["A", "B"]


async def test_sequences_list_accepts_a_lone_object_as_documented(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/3070/sequences").respond(json=SEQUENCE)
    steps = await client.campaigns.sequences.list(3070)
    assert [step.id for step in steps] == [8494]


async def test_sequences_save_sends_ids_only_for_steps_and_variants_to_update(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/3070/sequences").respond(json={"ok": True, "data": "success"})
    result = await client.campaigns.sequences.save(3070, [
        SequenceInput(id=8494, seq_number=1, delay_in_days=1, seq_variants=[
            SequenceVariantInput(id=2535, subject="Subject", email_body="<p>Hi</p>",
                                 variant_label="A"),
            SequenceVariantInput(subject="C emsil", email_body="<p>C</p>", variant_label="C"),
        ]),
        SequenceInput(seq_number=2, delay_in_days=3, subject="", email_body="<p>Bump</p>"),
    ])
    assert sent(route) == ("POST", "/campaigns/3070/sequences", KEY, {"sequences": [
        {"id": 8494, "seq_number": 1, "seq_delay_details": {"delay_in_days": 1},
         "seq_variants": [
             {"id": 2535, "subject": "Subject", "email_body": "<p>Hi</p>", "variant_label": "A"},
             {"subject": "C emsil", "email_body": "<p>C</p>", "variant_label": "C"},
         ]},
        {"seq_number": 2, "seq_delay_details": {"delay_in_days": 3}, "subject": "",
         "email_body": "<p>Bump</p>"},
    ]})
    assert result.data == "success"


async def test_sequences_save_rejects_a_repeated_seq_number_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    steps = [SequenceInput(seq_number=1, email_body="a"), SequenceInput(seq_number=1,
                                                                        email_body="b")]
    with pytest.raises(InvalidArgumentError, match=r"sequences\[1\].seq_number 1 is used twice"):
        await client.campaigns.sequences.save(1, steps)
    assert api.calls.call_count == 0


async def test_sequences_save_rejects_plain_dicts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentTypeError, match=r"sequences\[0\] must be a SequenceInput"):
        await client.campaigns.sequences.save(1, [{"seq_number": 1}])  # type: ignore[list-item]
    assert api.calls.call_count == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seq_number": 0, "email_body": "x"}, "SequenceInput.seq_number must be >= 1, got 0"),
        ({"seq_number": 1}, "SequenceInput needs email_body or seq_variants"),
        ({"seq_number": 1, "delay_in_days": -1, "email_body": "x"},
         "SequenceInput.delay_in_days must be >= 0, got -1"),
    ],
)
def test_sequence_input_is_checked_when_built(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        SequenceInput(**kwargs)
    assert message in str(caught.value)


# -- campaign email accounts ----------------------------------------------------------------


async def test_campaign_email_accounts_list_decodes_accounts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/3/email-accounts").respond(json=[
        {"id": 24, "from_email": "cristiano@mufc.com", "smtp_port": "993", "type": "GMAIL",
         "daily_sent_count": 48},
    ])
    accounts = await client.campaigns.email_accounts.list(3)
    assert sent(route) == ("GET", "/campaigns/3/email-accounts", KEY, None)
    assert accounts[0].smtp_port == 993
    assert accounts[0].type == "GMAIL"


async def test_campaign_email_accounts_add_posts_the_ids(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/1353/email-accounts").respond(json={"ok": True, "result": [
        {"id": 46417, "email_campaign_id": 1353, "email_account_id": 2907,
         "updated_at": "2022-11-07T15:28:18.171Z"},
    ]})
    added = await client.campaigns.email_accounts.add(1353, [2907])
    assert sent(route) == ("POST", "/campaigns/1353/email-accounts", KEY,
                           {"email_account_ids": [2907]})
    assert added.result[0].email_account_id == 2907


async def test_campaign_email_accounts_remove_sends_a_delete_with_a_json_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.delete("/campaigns/1353/email-accounts").respond(json={"ok": True, "result": 1})
    removed = await client.campaigns.email_accounts.remove(1353, (2907, 2908))
    assert sent(route) == ("DELETE", "/campaigns/1353/email-accounts", KEY,
                           {"email_account_ids": [2907, 2908]})
    assert removed.result == 1


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [
        ([], InvalidArgumentError, "email_account_ids must contain at least one id"),
        ("2907", InvalidArgumentTypeError, "email_account_ids must be a list of int ids"),
        ([1, "2"], InvalidArgumentTypeError, r"email_account_ids\[1\] must be an int"),
    ],
)
async def test_campaign_email_accounts_reject_bad_ids_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, ids: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await client.campaigns.email_accounts.add(1, ids)
    assert api.calls.call_count == 0


# -- webhooks -------------------------------------------------------------------------------

WEBHOOK = {
    "id": 44, "name": "Category webhook", "created_at": "2022-09-14T05:08:55.018Z",
    "webhook_url": "https://webhook.site/8222f684", "email_campaign_id": 2180,
    "event_types": ["LEAD_CATEGORY_UPDATED"], "categories": ["Interested"],
}


async def test_webhooks_list_decodes_webhooks(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/2180/webhooks").respond(json=[WEBHOOK])
    hooks = await client.campaigns.webhooks.list(2180)
    assert sent(route) == ("GET", "/campaigns/2180/webhooks", KEY, None)
    assert hooks[0].event_types == [WebhookEventType.LEAD_CATEGORY_UPDATED]
    assert hooks[0].categories == ["Interested"]


async def test_webhooks_upsert_without_an_id_adds_with_id_null(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/2180/webhooks").respond(json={"ok": True, **WEBHOOK})
    hook = await client.campaigns.webhooks.upsert(
        2180, name="Category webhook", webhook_url="https://webhook.site/8222f684",
        event_types=[WebhookEventType.LEAD_CATEGORY_UPDATED], categories=["Interested"],
    )
    assert sent(route) == ("POST", "/campaigns/2180/webhooks", KEY, {
        "id": None, "name": "Category webhook", "webhook_url": "https://webhook.site/8222f684",
        "event_types": ["LEAD_CATEGORY_UPDATED"], "categories": ["Interested"],
    })
    assert hook.id == 44
    assert hook.extra == {"ok": True}


async def test_webhooks_upsert_with_an_id_updates_it(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/2180/webhooks").respond(json={"ok": True, **WEBHOOK})
    await client.campaigns.webhooks.upsert(
        2180, webhook_id=44, name="n", webhook_url="http://hooks.example/x",
        event_types="EMAIL_REPLY",
    )
    assert sent(route)[3] == {"id": 44, "name": "n", "webhook_url": "http://hooks.example/x",
                              "event_types": ["EMAIL_REPLY"]}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"event_types": ["EMAIL_BOUNCED"]}, InvalidArgumentError,
         "event_types[0] must be one of EMAIL_SENT, EMAIL_OPEN, EMAIL_LINK_CLICK, EMAIL_REPLY, "
         "LEAD_UNSUBSCRIBED, LEAD_CATEGORY_UPDATED, EMAIL_BOUNCE, FIRST_EMAIL_SENT; "
         "got 'EMAIL_BOUNCED'"),
        ({"event_types": []}, InvalidArgumentError, "event_types must contain at least one"),
        ({"categories": ["Interested", " "]}, InvalidArgumentError,
         "categories[1] must be a non-empty string"),
        ({"categories": [3]}, InvalidArgumentTypeError, "categories[0] must be a str, got int"),
        ({"webhook_url": "webhook.site/x"}, InvalidArgumentError,
         "webhook_url must be an absolute http:// or https:// URL"),
        ({"webhook_id": 0}, InvalidArgumentError, "webhook_id must be >= 1, got 0"),
    ],
)
async def test_webhooks_upsert_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    arguments: dict[str, Any] = {"name": "n", "webhook_url": "https://h.io/x",
                                 "event_types": ["EMAIL_SENT"], **kwargs}
    with pytest.raises(error) as caught:
        await client.campaigns.webhooks.upsert(1, **arguments)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_webhooks_delete_names_the_webhook_in_the_query(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.delete("/campaigns/2180/webhooks").respond(json={"ok": True})
    result = await client.campaigns.webhooks.delete(2180, 217)
    assert sent(route) == ("DELETE", "/campaigns/2180/webhooks", {"id": "217", **KEY}, None)
    assert result.ok is True
