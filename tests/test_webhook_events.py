"""``parse_event``: every documented payload, its aliases, both schemas, and bad bodies.

The JSON files in ``webhook_payloads/`` are the examples of ``smartlead-webhook-payloads.md``,
copied verbatim (made-up data); the variants below are built from them.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from smartlead_async import (
    CampaignStatus,
    InvalidArgumentError,
    SmartleadError,
    WebhookEventType,
)
from smartlead_async.webhooks import (
    EmailBounceEvent,
    EmailEventBase,
    EmailLinkClickEvent,
    EmailOpenEvent,
    EmailReplyEvent,
    EmailSentEvent,
    FirstEmailSentEvent,
    LeadCategoryUpdatedEvent,
    LeadUnsubscribedEvent,
    UnknownWebhookEvent,
    WebhookAuthenticationError,
    WebhookMessage,
    WebhookPayloadError,
    parse_event,
)

PAYLOADS = Path(__file__).parent / "webhook_payloads"
SECRET = "example-secret-123"  # what the documented examples echo


def example(name: str) -> dict[str, Any]:
    """A documented example payload, decoded (a fresh copy each time)."""
    loaded: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text("utf-8"))
    return loaded


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


# -- the documented examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("email_sent", EmailSentEvent),
        ("email_open", EmailOpenEvent),
        ("email_link_click", EmailLinkClickEvent),
        ("email_reply", EmailReplyEvent),
        ("email_bounce", EmailBounceEvent),
        ("lead_unsubscribed", LeadUnsubscribedEvent),
        ("lead_category_updated", LeadCategoryUpdatedEvent),
        ("second_schema_email_replied", EmailReplyEvent),
    ],
)
def test_each_documented_example_parses_to_its_class_with_nothing_left_over(
    name: str, cls: type[Any]
) -> None:
    raw = (PAYLOADS / f"{name}.json").read_bytes()
    event = parse_event(raw, secret=None)
    assert type(event) is cls
    assert event.raw == json.loads(raw)
    if not name.startswith("second_schema"):
        assert event.extra == {}  # every documented field is declared


def test_first_email_sent_has_the_fields_of_email_sent_but_is_not_one() -> None:
    payload = example("email_sent") | {"event_type": "FIRST_EMAIL_SENT"}
    event = parse_event(payload)
    assert isinstance(event, FirstEmailSentEvent) and not isinstance(event, EmailSentEvent)
    assert event.event_type is WebhookEventType.FIRST_EMAIL_SENT
    assert (event.sequence_number, event.stats_id) == (1, "b7f2c1e4-5a0d-4e8b-9c61-2f3d4a5b6c7d")


def test_email_sent_fields_are_typed() -> None:
    event = parse_event(example("email_sent"))
    assert isinstance(event, EmailSentEvent)
    assert event.event_timestamp == at("2025-03-04T09:00:12.104233+00:00")
    assert event.campaign_status is CampaignStatus.ACTIVE
    assert (event.webhook_id, event.campaign_id, event.client_id) == (5021, 84210, None)
    assert (event.sl_email_lead_id, event.sl_email_lead_map_id) == (3310457, 9182736)
    assert event.sent_message == WebhookMessage(
        message_id="<20250304090012.3310457@outbound.example.com>",
        html="<p>Hi James,</p><p>Quick question about your routing costs.</p>",
        text="Hi James,\n\nQuick question about your routing costs.",
        time=at("2025-03-04T09:00:11.998120+00:00"),
    )
    assert event.metadata is not None
    assert event.metadata.webhook_created_at == at("2025-02-20T11:42:03.512000+00:00")


def test_email_open_reads_a_lead_id_sent_as_a_string_and_an_int_client_id() -> None:
    event = parse_event(example("email_open"))
    assert isinstance(event, EmailOpenEvent)
    assert (event.sl_email_lead_id, event.client_id) == (3310457, 17)


def test_link_click_keeps_the_links_as_a_list() -> None:
    event = parse_event(example("email_link_click"))
    assert isinstance(event, EmailLinkClickEvent)
    assert event.link_details == ["https://www.example.com/case-study"]


def test_reply_carries_the_reply_the_thread_and_the_correspondence() -> None:
    event = parse_event(example("email_reply"))
    assert isinstance(event, EmailReplyEvent)
    assert event.reply_message is not None
    assert event.reply_message.text == "Thanks Maria, can we talk Thursday at 3pm?"
    assert event.stats_thread_id == "5e9a7c20-11b4-4c3e-8f0d-6a7b8c9d0e1f"
    assert event.cc_emails == ["ops-team@acme-freight.example.com"]
    assert event.sl_lead_email == "j.okafor@acme-freight.example.com"
    assert event.lead_correspondence is not None
    assert event.lead_correspondence.replied_company_domain == "acme-freight.example.com"
    assert event.sequence_number == 2


def test_bounce_reads_its_flags_and_notice() -> None:
    event = parse_event(example("email_bounce"))
    assert isinstance(event, EmailBounceEvent)
    assert (event.is_bounced, event.is_sender_originated_bounce) == (True, False)
    assert event.bounce_reply_email == "mailer-daemon@mx.defunct.example.com"
    assert event.bounce_message is not None
    assert event.bounce_message.message_id == "<bounce-7731@mx.defunct.example.com>"


def test_unsubscribe_keeps_the_client_map_as_sent() -> None:
    event = parse_event(example("lead_unsubscribed"))
    assert isinstance(event, LeadUnsubscribedEvent)
    assert (event.to_email, event.to_name) == ("p.lindqvist@northwind.example.com",
                                               "Petra Lindqvist")
    assert event.unsubscribed_client_id_map == {"17": True}
    assert event.sent_message is not None and event.sequence_number == 1


def test_category_update_carries_the_change_the_lead_and_the_thread() -> None:
    event = parse_event(example("lead_category_updated"))
    assert isinstance(event, LeadCategoryUpdatedEvent)
    assert event.lead_id == 3310457
    assert event.lead_category is not None
    assert (event.lead_category.old_id, event.lead_category.new_id,
            event.lead_category.new_name) == (None, 1, "Interested")
    assert event.lead_data is not None and event.lead_data.category is not None
    assert event.lead_data.custom_fields == {"fleet_size": "120"}
    assert event.lead_data.category.sentiment_type == "positive"
    assert [m.type for m in event.history] == ["SENT", "REPLY"]
    assert event.history[1].cc_emails == ["ops-team@acme-freight.example.com"]
    assert event.last_reply is not None and event.last_reply.type == "REPLY"
    assert event.created_at == at("2025-03-05T14:05:02.913377+00:00")


# -- deprecated aliases -----------------------------------------------------------------------

COMMON_ALIASES_ONLY = {
    "webhook_id": 7, "webhook_name": "old", "webhookUrl": "https://hooks.example.com/old",
    "campaign_id": 1, "ui_master_inbox_link": "https://app.smartlead.ai/inbox/1",
}  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"event_type": "EMAIL_SENT", "time_sent": "2025-03-04T09:00:12+00:00",
             "custom_subject": "Hello", "custom_email_message": "<p>Hi</p>",
             "message_id": "<m1@x>"},
            {"event_timestamp": at("2025-03-04T09:00:12+00:00"), "subject": "Hello",
             "sent_message": WebhookMessage(message_id="<m1@x>", html="<p>Hi</p>")},
        ),
        (
            {"event_type": "FIRST_EMAIL_SENT", "time_sent": "2025-03-04T09:00:12+00:00",
             "sent_message_body": "<p>Body</p>"},
            {"event_timestamp": at("2025-03-04T09:00:12+00:00"),
             "sent_message": WebhookMessage(html="<p>Body</p>")},
        ),
        (
            {"event_type": "EMAIL_OPEN", "time_opened": "2025-03-04T10:31:45+00:00",
             "sent_message_body": "<p>Body</p>"},
            {"event_timestamp": at("2025-03-04T10:31:45+00:00"),
             "sent_message": WebhookMessage(html="<p>Body</p>")},
        ),
        (
            {"event_type": "EMAIL_LINK_CLICK", "time_clicked": "2025-03-04T10:33:02+00:00",
             "link_clicked": "https://www.example.com/a", "sent_message_body": "<p>B</p>"},
            {"event_timestamp": at("2025-03-04T10:33:02+00:00"),
             "link_details": ["https://www.example.com/a"],
             "sent_message": WebhookMessage(html="<p>B</p>")},
        ),
        (
            {"event_type": "EMAIL_REPLY", "time_replied": "2025-03-05T14:02:37+00:00",
             "sent_message_body": "<p>Sent</p>", "message_id": "<reply@x>",
             "reply_body": "<div>Yes</div>", "preview_text": "Yes"},
            {"event_timestamp": at("2025-03-05T14:02:37+00:00"),
             "sent_message": WebhookMessage(html="<p>Sent</p>"),
             "reply_message": WebhookMessage(message_id="<reply@x>", html="<div>Yes</div>",
                                             text="Yes")},
        ),
        (
            {"event_type": "EMAIL_BOUNCE", "time_sent": "2025-03-04T09:01:40+00:00"},
            {"event_timestamp": at("2025-03-04T09:01:40+00:00")},
        ),
        (
            {"event_type": "LEAD_UNSUBSCRIBED", "lead_email": "p@northwind.example.com",
             "lead_name": "Petra"},
            {"to_email": "p@northwind.example.com", "to_name": "Petra"},
        ),
        (
            {"event_type": "LEAD_CATEGORY_UPDATED", "from": "maria@outbound.example.com",
             "to": "j@acme.example.com", "lead_name": "James", "category": "Interested",
             "lead_category_id": "1",
             "lastReply": {"type": "REPLY", "email_body": "<div>Yes</div>"}},
            {"from_email": "maria@outbound.example.com", "to_email": "j@acme.example.com",
             "to_name": "James"},
        ),
    ],
    ids=lambda value: value.get("event_type", "") if isinstance(value, dict) else "",
)
def test_payloads_with_only_deprecated_names_fill_the_current_fields(
    payload: dict[str, Any], expected: dict[str, Any]
) -> None:
    event = parse_event(COMMON_ALIASES_ONLY | payload)
    for name, value in expected.items():
        assert getattr(event, name) == value, name
    assert event.webhook_url == "https://hooks.example.com/old"
    assert event.app_url == "https://app.smartlead.ai/inbox/1"


def test_old_category_names_fill_the_category_change_and_last_reply() -> None:
    event = parse_event({"event_type": "LEAD_CATEGORY_UPDATED", "category": "Interested",
                         "lead_category_id": "1", "lead_email": "j@acme.example.com",
                         "lastReply": {"type": "REPLY", "email_body": "<div>Yes</div>"}})
    assert isinstance(event, LeadCategoryUpdatedEvent)
    assert event.lead_category is not None
    assert (event.lead_category.new_id, event.lead_category.new_name) == (1, "Interested")
    assert event.to_email == "j@acme.example.com"
    assert event.last_reply is not None and event.last_reply.email_body == "<div>Yes</div>"


def test_the_current_name_wins_over_its_alias() -> None:
    payload = example("email_sent") | {"time_sent": "2020-01-01T00:00:00+00:00",
                                       "custom_subject": "old", "message_id": "<old@x>"}
    event = parse_event(payload)
    assert isinstance(event, EmailSentEvent)
    assert event.event_timestamp == at("2025-03-04T09:00:12.104233+00:00")
    assert event.subject == "Routing costs at Acme Freight"
    assert event.sent_message is not None
    assert event.sent_message.message_id == "<20250304090012.3310457@outbound.example.com>"


def test_an_alias_fills_a_current_field_sent_as_null() -> None:
    event = parse_event({"event_type": "EMAIL_OPEN", "event_timestamp": None,
                         "time_opened": "2025-03-04T10:31:45+00:00"})
    assert event.event_timestamp == at("2025-03-04T10:31:45+00:00")


def test_a_message_id_spelled_id_is_read() -> None:
    event = parse_event({"event_type": "EMAIL_LINK_CLICK", "sent_message": {"id": "<m@x>"}})
    assert isinstance(event, EmailLinkClickEvent)
    assert event.sent_message == WebhookMessage(message_id="<m@x>")


def test_aliases_do_not_change_the_payload_given() -> None:
    payload = {"event_type": "EMAIL_REPLY", "reply_body": "<p>x</p>",
               "reply_message": {"text": "x"}}
    before = copy.deepcopy(payload)
    event = parse_event(payload)
    assert payload == before and event.raw == before


# -- numbers as strings, missing fields, unknown fields ---------------------------------------


def test_numbers_sent_as_strings_become_ints_and_blank_ids_become_none() -> None:
    payload = example("email_reply") | {
        "webhook_id": "5021", "campaign_id": " 84210 ", "client_id": "",
        "sl_email_lead_id": "3310457", "sl_email_lead_map_id": "9182736",
        "sequence_number": "2", "reply_category": "3",
    }
    event = parse_event(json.dumps(payload))
    assert isinstance(event, EmailReplyEvent)
    assert (event.webhook_id, event.campaign_id, event.client_id) == (5021, 84210, None)
    assert (event.sl_email_lead_id, event.sl_email_lead_map_id) == (3310457, 9182736)
    assert (event.sequence_number, event.reply_category) == (2, 3)


def test_a_lead_id_beyond_32_bits_and_booleans_as_text_are_read() -> None:
    category = parse_event(example("lead_category_updated") | {"lead_id": "9007199254740993"})
    bounce = parse_event(example("email_bounce") | {"is_bounced": "true",
                                                   "is_sender_originated_bounce": "false"})
    assert isinstance(category, LeadCategoryUpdatedEvent)
    assert category.lead_id == 9_007_199_254_740_993
    assert isinstance(bounce, EmailBounceEvent)
    assert (bounce.is_bounced, bounce.is_sender_originated_bounce) == (True, False)


@pytest.mark.parametrize("event_type", [t.value for t in WebhookEventType])
def test_an_event_with_only_its_type_parses_with_every_other_field_empty(
    event_type: str,
) -> None:
    event = parse_event({"event_type": event_type})
    assert event.event_type == event_type
    assert (event.campaign_id, event.event_timestamp, event.secret_key) == (None, None, None)
    assert event.idempotency_key.startswith(f"{event_type}:")


def test_a_timestamp_with_z_is_an_aware_datetime() -> None:
    event = parse_event({"event_type": "EMAIL_OPEN", "event_timestamp": "2025-03-04T10:31:45Z"})
    assert event.event_timestamp == datetime(2025, 3, 4, 10, 31, 45, tzinfo=UTC)


def test_unknown_fields_are_kept_and_listed_as_extra() -> None:
    event = parse_event(example("email_open") | {"open_count": 3, "geo": {"country": "DE"}})
    assert event.extra == {"open_count": 3, "geo": {"country": "DE"}}


def test_an_unknown_campaign_status_is_kept() -> None:
    event = parse_event(example("email_sent") | {"campaign_status": "ARCHIVED"})
    assert event.campaign_status == "ARCHIVED"
    assert isinstance(event.campaign_status, CampaignStatus)


# -- the second schema ------------------------------------------------------------------------


def test_the_second_schema_maps_onto_the_current_fields() -> None:
    event = parse_event(example("second_schema_email_replied"))
    assert isinstance(event, EmailReplyEvent)
    assert event.event_type is WebhookEventType.EMAIL_REPLY
    assert event.event_timestamp == datetime(2025, 3, 5, 14, 2, 37, tzinfo=UTC)
    assert (event.campaign_id, event.campaign_name) == (84210, "Q2 Logistics Outreach")
    assert (event.to_email, event.to_name) == ("j.okafor@acme-freight.example.com",
                                               "James Okafor")
    assert (event.sl_email_lead_id, event.sequence_number) == (3310457, 2)
    assert event.subject == "Routing costs at Acme Freight"
    assert event.sent_message == WebhookMessage(
        message_id="<20250305090004.3310457@outbound.example.com>")
    assert event.reply_message is not None
    assert event.reply_message.text == "Thanks Maria, can we talk Thursday at 3pm?"
    assert event.reply_message.html == "Thanks Maria, can we talk Thursday at 3pm?"
    assert event.extra["email_account_id"] == 66120


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("EMAIL_SENT", EmailSentEvent),
        ("EMAIL_OPENED", EmailOpenEvent),
        ("EMAIL_CLICKED", EmailLinkClickEvent),
        ("EMAIL_REPLIED", EmailReplyEvent),
        ("EMAIL_BOUNCED", EmailBounceEvent),
        ("EMAIL_UNSUBSCRIBED", LeadUnsubscribedEvent),
        ("LEAD_UNSUBSCRIBED", LeadUnsubscribedEvent),
        ("LEAD_CATEGORY_UPDATED", LeadCategoryUpdatedEvent),
    ],
)
@pytest.mark.parametrize("key", ["event", "event_type"])  # one page spells it event_type
def test_every_second_schema_event_name_parses_to_its_class(
    name: str, cls: type[Any], key: str
) -> None:
    second = example("second_schema_email_replied")
    del second["event"]
    event = parse_event(second | {key: name})
    assert type(event) is cls
    assert event.event_timestamp == datetime(2025, 3, 5, 14, 2, 37, tzinfo=UTC)
    assert getattr(event, "to_email", None) == "j.okafor@acme-freight.example.com"


def test_a_second_schema_category_update_reads_the_lead_as_lead_data() -> None:
    event = parse_event({
        "event": "LEAD_CATEGORY_UPDATED", "timestamp": "2025-03-05T14:05:02Z",
        "campaign_id": 84210, "lead_id": 3310457,
        "lead": {"id": 3310457, "email": "j@acme.example.com", "first_name": "James",
                 "last_name": "Okafor", "company_name": "Acme", "custom_fields": {"a": "1"}},
    })
    assert isinstance(event, LeadCategoryUpdatedEvent)
    assert (event.lead_id, event.to_email, event.to_name) == (3310457, "j@acme.example.com",
                                                              "James Okafor")
    assert event.lead_data is not None
    assert (event.lead_data.company_name, event.lead_data.custom_fields) == ("Acme", {"a": "1"})


# -- unknown event types ----------------------------------------------------------------------


def test_an_unknown_event_type_is_kept_with_its_raw_payload() -> None:
    payload = {"event_type": "CAMPAIGN_STATUS_CHANGED", "campaign_id": "84210",
               "new_status": "PAUSED", "event_timestamp": "2025-03-06T08:00:00+00:00"}
    event = parse_event(payload)
    assert type(event) is UnknownWebhookEvent
    assert event.event_type == "CAMPAIGN_STATUS_CHANGED"
    assert isinstance(event.event_type, WebhookEventType)
    assert event.raw == payload and event.extra == {"new_status": "PAUSED"}
    assert event.campaign_id == 84210


# -- input forms and bad bodies ---------------------------------------------------------------


def test_bytes_text_and_a_mapping_give_the_same_event() -> None:
    payload = example("email_reply")
    text = json.dumps(payload)
    events = [parse_event(text.encode()), parse_event(text), parse_event(payload)]
    assert events[0] == events[1] == events[2]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "webhook body is empty"),
        (b"  \n", "webhook body is empty"),
        (b"{not json", "webhook body is not JSON: Expecting property name enclosed in double "
                       "quotes at character 1"),
        (b"\xff\xfe\x00", "webhook body is not JSON"),
        (b"[1, 2]", "webhook body must be a JSON object, got an array"),
        (b'"EMAIL_SENT"', "webhook body must be a JSON object, got a string"),
        (b"null", "webhook body must be a JSON object, got null"),
        (b"42", "webhook body must be a JSON object, got a number"),
        (b"[" * 100_000, "webhook body is nested too deeply"),
        (b"{}", "webhook payload has no event type (event_type or event)"),
        (b'{"event_type": "  ", "campaign_id": 1}', "webhook payload has no event type"),
        (b'{"event_type": 5}', "webhook payload: event_type must be a string, got int"),
        (b'{"event": ["EMAIL_SENT"]}', "webhook payload: event must be a string, got list"),
        (b'{"event_type": "EMAIL_SENT", "sent_message": "<p>Hi</p>"}',
         "EMAIL_SENT.sent_message must be a JSON object, got a string"),
        (b'{"event_type": "LEAD_CATEGORY_UPDATED", "history": {}}',
         "LEAD_CATEGORY_UPDATED.history must be a JSON array, got"),
        (b'{"event_type": "LEAD_CATEGORY_UPDATED", "history": [{}, 3]}',
         "LEAD_CATEGORY_UPDATED.history[1] must be a JSON object, got a number"),
        (b'{"event_type": "LEAD_CATEGORY_UPDATED", "lead_data": {"category": []}}',
         "LEAD_CATEGORY_UPDATED.lead_data.category must be a JSON object, got an array"),
        (b'{"event": "EMAIL_REPLIED", "reply": {"body": "x"}, "reply_message": 1}',
         "EMAIL_REPLY.reply_message must be a JSON object, got a number"),
    ],
)
def test_a_body_that_is_not_an_event_raises_a_payload_error_naming_the_problem(
    body: bytes, message: str
) -> None:
    with pytest.raises(WebhookPayloadError) as caught:
        parse_event(body)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, SmartleadError) and isinstance(caught.value, ValueError)


def test_a_body_of_another_type_is_a_payload_error() -> None:
    with pytest.raises(WebhookPayloadError, match="must be bytes, str or a mapping, got int"):
        parse_event(42)  # type: ignore[arg-type]


# -- the secret -------------------------------------------------------------------------------


def test_a_matching_secret_is_accepted() -> None:
    assert isinstance(parse_event(example("email_sent"), secret=SECRET), EmailSentEvent)


@pytest.mark.parametrize(
    ("secret_key", "message"),
    [
        ("example-secret-124", "webhook secret_key does not match the secret"),
        ("", "webhook payload has no secret_key"),
        (None, "webhook payload has no secret_key"),
        (123, "webhook payload has no secret_key"),
    ],
)
def test_a_wrong_or_missing_secret_raises_without_showing_either_secret(
    secret_key: object, message: str
) -> None:
    payload = example("email_sent") | {"secret_key": secret_key}
    with pytest.raises(WebhookAuthenticationError) as caught:
        parse_event(payload, secret=SECRET)
    shown = f"{caught.value} {caught.value!r}"
    assert str(caught.value) == message
    assert SECRET not in shown and "example-secret-124" not in shown
    assert isinstance(caught.value, SmartleadError) and isinstance(caught.value, ValueError)


def test_the_secret_is_checked_before_the_event_type() -> None:
    with pytest.raises(WebhookAuthenticationError):
        parse_event({"secret_key": "nope"}, secret=SECRET)


def test_an_empty_secret_argument_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="secret must be a non-empty string"):
        parse_event(example("email_sent"), secret="")


def test_the_echoed_secret_is_not_in_the_event_repr() -> None:
    event = parse_event(example("email_reply"), secret=SECRET)
    assert event.secret_key == SECRET
    assert SECRET not in repr(event) and SECRET not in str(event.extra)


# -- idempotency keys -------------------------------------------------------------------------

DOCUMENTED = ["email_sent", "email_open", "email_link_click", "email_reply", "email_bounce",
              "lead_unsubscribed", "lead_category_updated", "second_schema_email_replied"]


def test_every_documented_example_has_its_own_key() -> None:
    keys = [parse_event(example(name)).idempotency_key for name in DOCUMENTED]
    first_sent = parse_event(example("email_sent") | {"event_type": "FIRST_EMAIL_SENT"})
    keys.append(first_sent.idempotency_key)
    assert len(set(keys)) == len(keys)
    assert all(len(key.split(":")[1]) == 32 for key in keys)


@pytest.mark.parametrize("name", DOCUMENTED)
def test_a_redelivery_with_other_delivery_details_has_the_same_key(name: str) -> None:
    original = example(name)
    again = original | {
        "webhook_id": 9999, "webhook_name": "Another hook", "secret_key": "other-secret",
        "webhook_url": "https://hooks.example.com/other", "description": "retriggered",
        "campaign_name": "Renamed campaign", "campaign_status": "PAUSED",
        "metadata": {"webhook_created_at": "2025-03-01T00:00:00+00:00"},
        "app_url": "https://app.smartlead.ai/other",
    }
    assert parse_event(again).idempotency_key == parse_event(original).idempotency_key


def test_the_same_values_written_differently_give_the_same_key() -> None:
    original = example("email_open")
    again = original | {
        "campaign_id": "84210", "sl_email_lead_map_id": "9182736", "sequence_number": "1",
        "event_timestamp": "2025-03-04T11:31:45.220917+01:00",
        "to_email": "J.Okafor@Acme-Freight.example.com",
    }
    assert parse_event(again).idempotency_key == parse_event(original).idempotency_key


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("email_sent", {"stats_id": "another-email"}),
        ("email_sent", {"sequence_number": 2}),
        ("email_open", {"event_timestamp": "2025-03-04T10:31:46+00:00"}),
        ("email_link_click", {"link_details": ["https://www.example.com/pricing"]}),
        ("email_reply", {"reply_message": {"message_id": "<second-reply@x>"}}),
        ("email_bounce", {"bounce_reply_message_id": "<bounce-2@x>"}),
        ("lead_unsubscribed", {"to_email": "someone.else@northwind.example.com"}),
        ("lead_category_updated", {"lead_category": {"old_id": 1, "new_id": 3}}),
        ("lead_category_updated", {"lead_id": 3310458}),
        ("email_reply", {"campaign_id": 84211}),
    ],
)
def test_a_different_event_has_a_different_key(name: str, change: dict[str, Any]) -> None:
    original = example(name)
    assert parse_event(original | change).idempotency_key != parse_event(
        original).idempotency_key


def test_an_unknown_event_key_covers_its_payload_but_not_its_delivery() -> None:
    base = {"event_type": "MANUAL_STEP_REACHED", "campaign_id": 1, "step": 3}
    key = parse_event(base).idempotency_key
    assert parse_event(base | {"secret_key": "s", "webhook_id": 4}).idempotency_key == key
    assert parse_event(base | {"step": 4}).idempotency_key != key


def test_email_events_share_one_base() -> None:
    for name in ("email_sent", "email_open", "email_link_click", "email_reply", "email_bounce"):
        assert isinstance(parse_event(example(name)), EmailEventBase)
