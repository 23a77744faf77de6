"""Typed rows of the Parquet export, one flat dict per record, from the decoded models.

The models have already coerced what the API sends as strings (``"3"`` for a number, ISO
timestamps), so every column holds one type. Fields without a column of their own (a lead's
``custom_fields``, free-form objects, fields the API adds later) are kept as compact JSON
strings, so no value is dropped and the schema never changes with the data; a value the
model could not read (``"n/a"`` where a number belongs) leaves its column null and is kept in
``_extra``. The column sets are fixed here and typed in ``_parquet.py``.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ..models import CampaignLead, EmailActivity, LeadActivity
from ..models._base import Model, json_keys
from ..models.leads import CONTACT_FIELDS

__all__ = ["activity_row", "lead_row"]


def _json(value: Any) -> str | None:
    """Compact JSON of a free-form value (null stays null)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


_INT64 = range(-(2**63), 2**63)


def _int64(value: int | None) -> int | None:
    """``value`` if a Parquet ``int64`` holds it, else None (``_unread`` keeps it)."""
    return value if value is None or value in _INT64 else None


def _unread(item: Model) -> dict[str, Any]:
    """Values the server sent that the model could not read (``"n/a"`` for a number) or that no
    ``int64`` holds: their column is null, so they are kept in ``_extra`` under their JSON key."""
    unread: dict[str, Any] = {}
    for field in attrs.fields(type(item)):
        value = getattr(item, field.name)
        fits = value is not None and (type(value) is not int or value in _INT64)
        if field.name == "raw" or fits:
            continue
        keys = [key for key in json_keys(type(item), field.name) if key in item.raw]
        if keys and item.raw[keys[0]] not in (None, ""):
            unread[keys[0]] = item.raw[keys[0]]
    return unread


def _extra(*parts: tuple[str, Model | None]) -> str | None:
    """The ``_extra`` cell: the fields of each (prefix, model) part that have no column (unknown
    or unreadable), by dotted path; null when there is none."""
    merged = {
        f"{prefix}{key}": value
        for prefix, item in parts
        if item is not None
        for key, value in {**item.extra, **_unread(item)}.items()
    }
    return _json(merged) if merged else None


def lead_row(campaign_id: int, item: CampaignLead) -> dict[str, Any]:
    """The row of one campaign lead (the lead's fields are flattened, ``lead_`` where they
    would clash with the membership's)."""
    lead = item.lead
    return {
        "campaign_id": campaign_id,
        "campaign_lead_map_id": item.campaign_lead_map_id,
        "lead_category_id": _int64(item.lead_category_id),
        "status": None if item.status is None else str(item.status),
        "created_at": item.created_at,
        "lead_id": _int64(lead.id),
        **{name: getattr(lead, name) for name in CONTACT_FIELDS},
        "custom_fields": _json(lead.custom_fields),
        "is_unsubscribed": lead.is_unsubscribed,
        "unsubscribed_client_id_map": _json(lead.unsubscribed_client_id_map),
        "lead_created_at": lead.created_at,
        "_extra": _extra(("", item), ("lead.", lead)),
    }


def _email_row(email: EmailActivity) -> dict[str, Any]:
    reply = email.reply_details
    return {
        "stats_id": _int64(email.stats_id),
        "message_id": email.message_id,
        "subject": email.subject,
        "email_body": email.email_body,
        "sent_time": email.sent_time,
        "from_email": email.from_email,
        "to_email": email.to_email,
        "email_seq_number": _int64(email.email_seq_number),
        "open_count": _int64(email.open_count),
        "click_count": _int64(email.click_count),
        "click_details": _json(email.click_details),
        "reply_time": None if reply is None else reply.time,
        "reply_email_body": None if reply is None else reply.reply_email_body,
        "reply_message_id": None if reply is None else reply.message_id,
        "thread_replies": _json(email.thread_replies),
        "_extra": _extra(("", email), ("reply_details.", reply)),
    }


def activity_row(item: LeadActivity) -> dict[str, Any]:
    """The row of one lead's activity timeline; its emails are a list of typed structs."""
    return {
        "lead_id": _int64(item.lead_id),
        "email_lead_map_id": item.email_lead_map_id,
        "campaign_id": _int64(item.campaign_id),
        "campaign_name": item.campaign_name,
        "campaign_status": None if item.campaign_status is None else str(item.campaign_status),
        "status": None if item.status is None else str(item.status),
        "current_seq_num": _int64(item.current_seq_num),
        "created_at": item.created_at,
        "activities": [_email_row(email) for email in item.activities],
        "_extra": _extra(("", item)),
    }
