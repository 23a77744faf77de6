"""Lenient decoding: strings as numbers, Z timestamps, unknown fields and enum values kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import attrs
import pytest

from smartlead_async import Campaign, CampaignLead, CampaignStatus, LeadActivity, LeadStatus
from smartlead_async._converter import to_bool, to_date, to_datetime, to_int, to_str
from smartlead_async._decoding import Where, decode_model

WHERE = Where("GET", "/test")

LEAD_ITEM: dict[str, Any] = {
    "campaign_lead_map_id": "2433664091",
    "lead_category_id": None,
    "status": "INPROGRESS",
    "created_at": "2025-11-25T12:54:54.000Z",
    "lead": {
        "id": 2995276770, "first_name": "John", "last_name": "Doe",
        "email": "john@example.com", "phone_number": 1234567890,
        "company_name": "Acme Corp", "website": "https://acme.com",
        "location": "San Francisco, CA", "linkedin_profile": "https://linkedin.com/in/johndoe",
        "company_url": "https://acme.com",
        "custom_fields": {"job_title": "CEO", "industry": "Technology"},
        "is_unsubscribed": False, "unsubscribed_client_id_map": None,
    },
}


def test_a_campaign_lead_decodes_every_documented_field() -> None:
    item = decode_model(LEAD_ITEM, CampaignLead, WHERE)
    assert item.campaign_lead_map_id == 2433664091
    assert item.status is LeadStatus.INPROGRESS
    assert item.created_at == datetime(2025, 11, 25, 12, 54, 54, tzinfo=UTC)
    assert item.lead.phone_number == "1234567890"
    assert item.lead.custom_fields == {"job_title": "CEO", "industry": "Technology"}


def test_a_missing_nested_lead_decodes_as_an_empty_lead() -> None:
    item = decode_model({"campaign_lead_map_id": 1, "lead": None}, CampaignLead, WHERE)
    assert item.lead.email is None


def test_unknown_fields_are_kept_and_reachable() -> None:
    item = decode_model({**LEAD_ITEM, "priority": 3}, CampaignLead, WHERE)
    assert item.extra == {"priority": 3}
    assert item.raw["priority"] == 3


def test_unknown_enum_values_are_kept_not_rejected() -> None:
    item = decode_model({**LEAD_ITEM, "status": "WARMING"}, CampaignLead, WHERE)
    assert item.status == "WARMING"
    assert isinstance(item.status, LeadStatus)


@pytest.mark.parametrize(("raw", "expected"), [(5, "5"), ("", None), (None, None)])
def test_odd_enum_values_are_kept_as_text_or_blanked(raw: Any, expected: str | None) -> None:
    item = decode_model({**LEAD_ITEM, "status": raw}, CampaignLead, WHERE)
    assert item.status == expected


def test_models_are_frozen() -> None:
    item = decode_model(LEAD_ITEM, CampaignLead, WHERE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.status = LeadStatus.PAUSED  # type: ignore[misc]


def test_a_campaign_accepts_both_documented_shapes_of_track_settings_and_schedule() -> None:
    campaign = decode_model({
        "id": "372", "status": "ACTIVE", "track_settings": "DONT_EMAIL_OPEN",
        "scheduler_cron_value": {"tz": "America/New_York", "days": [1, "2"],
                                 "startHour": "09:00", "endHour": "19:00"},
        "follow_up_percentage": "40%", "tags": [{"tag_id": 1, "tag_name": "Q1"}],
    }, Campaign, WHERE)
    assert campaign.id == 372
    assert campaign.status is CampaignStatus.ACTIVE
    assert campaign.track_settings == ["DONT_EMAIL_OPEN"]
    assert campaign.scheduler_cron_value is not None
    assert campaign.scheduler_cron_value.days == [1, 2]
    assert campaign.scheduler_cron_value.start_hour == "09:00"
    assert campaign.follow_up_percentage == 40
    assert campaign.tags[0].tag_name == "Q1"


def test_an_activity_record_decodes_nested_emails_and_replies() -> None:
    activity = decode_model({
        "lead_id": "2995276770", "email_lead_map_id": 2433664091, "campaign_id": 123,
        "campaign_status": "ACTIVE", "status": "INPROGRESS", "current_seq_num": "2",
        "activities": [{
            "stats_id": 12345, "sent_time": "2025-11-26T10:00:00.000Z", "open_count": "3",
            "click_details": {}, "thread_replies": [],
            "reply_details": {"time": "2025-11-26T14:30:00.000Z", "message_id": "<r@x>"},
        }],
        "hasMore": True,
    }, LeadActivity, WHERE)
    assert activity.lead_id == 2995276770
    assert activity.current_seq_num == 2
    email = activity.activities[0]
    assert email.open_count == 3
    assert email.reply_details is not None
    assert email.reply_details.time == datetime(2025, 11, 26, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(42, 42), ("42", 42), (" 7 ", 7), ("40%", 40), ("3.0", 3), (3.0, 3), (3.5, None),
     ("abc", None), (None, None), ("", None), (True, 1)],
)
def test_ints_are_read_from_numbers_and_numeric_strings(raw: Any, expected: int | None) -> None:
    assert to_int(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("false", False), ("False", False), ("true", True),
     ("0", False), ("1", True), (0, False), (1, True), ("maybe", None), (None, None)],
)
def test_bools_never_turn_false_strings_into_true(raw: Any, expected: bool | None) -> None:
    assert to_bool(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-11-25T12:54:54.000Z", datetime(2025, 11, 25, 12, 54, 54, tzinfo=UTC)),
        ("2022-05-26T03:47:31.448094+00:00",
         datetime(2022, 5, 26, 3, 47, 31, 448094, tzinfo=UTC)),
        ("2025-11-25", datetime(2025, 11, 25, tzinfo=UTC)),
        (1_700_000_000, datetime.fromtimestamp(1_700_000_000, UTC)),
        (1_700_000_000_000, datetime.fromtimestamp(1_700_000_000, UTC)),
        ("not a date", None), ("", None), (None, None),
    ],
)
def test_timestamps_become_aware_datetimes(raw: Any, expected: datetime | None) -> None:
    assert to_datetime(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2022-12-16", date(2022, 12, 16)), ("2022-12-16T10:00:00Z", date(2022, 12, 16)),
     ("16/12/2022", None), (None, None)],
)
def test_calendar_dates_are_read_from_dates_or_timestamps(raw: Any, expected: date | None) -> None:
    assert to_date(raw) == expected


def test_numbers_in_string_fields_become_strings() -> None:
    assert to_str(239392029) == "239392029"
    assert to_str(None) is None
