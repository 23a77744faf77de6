"""Table rows from the SDK's models (typed columns; custom fields and emails as JSON)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

from ..models import Campaign, CampaignLead, LeadActivity
from ..models.leads import CONTACT_FIELDS

__all__ = ["activity_rows", "campaign_row", "event_time", "lead_rows", "utc"]


def utc(moment: datetime | None) -> datetime | None:
    """``moment`` as an aware UTC datetime (naive ones, as SQLite returns them, are UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _text(value: Enum | str | None) -> str | None:
    return value.value if isinstance(value, Enum) else value


def campaign_row(campaign: Campaign) -> dict[str, Any]:
    """A ``campaigns`` row."""
    return {
        "id": campaign.id,
        "name": campaign.name,
        "status": _text(campaign.status),
        "client_id": campaign.client_id,
        "parent_campaign_id": campaign.parent_campaign_id,
        "created_at": utc(campaign.created_at),
        "updated_at": utc(campaign.updated_at),
    }


def lead_rows(
    campaign_id: int, membership: CampaignLead
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The ``campaign_leads`` row of a membership, and the ``leads`` row of its person
    (None when the API left the lead's id out)."""
    lead = membership.lead
    member = {
        "campaign_lead_map_id": membership.campaign_lead_map_id,
        "campaign_id": campaign_id,
        "lead_id": lead.id,
        "status": _text(membership.status),
        "lead_category_id": membership.lead_category_id,
        "created_at": utc(membership.created_at),
    }
    if lead.id is None:
        return member, None
    person = {
        "id": lead.id,
        **{name: getattr(lead, name) for name in CONTACT_FIELDS},
        "is_unsubscribed": lead.is_unsubscribed,
        "custom_fields": dict(lead.custom_fields),
    }
    return member, person


def event_time(activity: LeadActivity) -> datetime | None:
    """The newest event of a record: its last email sent or reply received."""
    times = [email.sent_time for email in activity.activities]
    times += [email.reply_details.time for email in activity.activities if email.reply_details]
    known = [utc(moment) for moment in times if moment is not None]
    return max((moment for moment in known if moment is not None), default=None)


def activity_rows(activity: LeadActivity) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An ``activities`` row and the ``email_events`` rows of its emails (one per sequence
    step; an email without a step number is numbered by its place)."""
    record = {
        "email_lead_map_id": activity.email_lead_map_id,
        "lead_id": activity.lead_id,
        "campaign_id": activity.campaign_id,
        "status": _text(activity.status),
        "current_seq_num": activity.current_seq_num,
        "created_at": utc(activity.created_at),
        "last_event_at": event_time(activity),
    }
    emails: dict[int, dict[str, Any]] = {}
    for place, email in enumerate(activity.activities, start=1):
        reply = email.reply_details
        step = email.email_seq_number if email.email_seq_number is not None else place
        emails[step] = {
            "email_lead_map_id": activity.email_lead_map_id,
            "seq_number": step,
            "stats_id": email.stats_id,
            "message_id": email.message_id,
            "subject": email.subject,
            "from_email": email.from_email,
            "to_email": email.to_email,
            "sent_at": utc(email.sent_time),
            "open_count": email.open_count,
            "click_count": email.click_count,
            "click_details": dict(email.click_details),
            "replied_at": None if reply is None else utc(reply.time),
            "reply_body": None if reply is None else reply.reply_email_body,
        }
    return record, list(emails.values())
