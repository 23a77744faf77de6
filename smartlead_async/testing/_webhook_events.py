"""The webhook events the fake sends, built as ``smartlead-webhook-payloads.md`` documents them.

A state change (a lead unsubscribed or recategorised) or ``fake.emit(...)`` (mail events)
builds one payload per webhook of the campaign that subscribed to the event (and, for
``LEAD_CATEGORY_UPDATED``, lists the new category or no category) and queues it in the
outbox. Timestamps have an offset and microseconds, like SmartLead's; a lead id is sometimes
a numeric string, as in the lead listings.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ._campaigns import Campaign
from ._data import BOUNCED, CATEGORIES, CLICKED, MAP_ID_BASE, OPENED, REPLIED, SENT
from ._messages import message_history, sender_of, stats_id, step_content
from ._state import State
from ._webhooks import QueuedDelivery

__all__ = ["MAIL_EVENTS", "publish_category_change", "publish_mail_event", "publish_unsubscribe"]

#: Mail events a test can emit, and the engagement flag each one sets on the lead.
MAIL_EVENTS: dict[str, int] = {
    "EMAIL_SENT": SENT,
    "EMAIL_OPEN": OPENED,
    "EMAIL_LINK_CLICK": CLICKED,
    "EMAIL_REPLY": REPLIED,
    "EMAIL_BOUNCE": BOUNCED,
}
#: ``lead_data.category.sentiment_type`` of each category (values are illustrative).
_SENTIMENT = {
    "Interested": "positive", "Meeting Request": "positive", "Information Request": "positive",
    "Not Interested": "negative", "Do Not Contact": "negative", "Out Of Office": "neutral",
    "Wrong Person": "neutral",
}  # fmt: skip
_INBOX = "https://app.smartlead.ai/app/master-inbox?leadMap={}"


def publish_mail_event(
    state: State, campaign: Campaign, serial: int, event_type: str, *, step: int,
    link: str | None = None, reply_text: str | None = None,
) -> int:
    """Queue a mail event for membership ``serial`` (``EMAIL_SENT`` of step 1 also queues
    ``FIRST_EMAIL_SENT``), set the lead's engagement flag; return how many were queued."""
    now = state.clock.tick()
    traits = state.leads.traits(serial)
    sent_ms = now if event_type == "EMAIL_SENT" else traits.last_sent_ms or now
    fields = _lead_email_fields(state, campaign, serial, step, sent_ms)
    name = fields["to_name"]
    if event_type == "EMAIL_LINK_CLICK":
        fields["link_details"] = [link or "https://www.example.com/"]
    elif event_type == "EMAIL_REPLY":
        fields.update(_reply_fields(serial, step, now, fields["to_email"], reply_text))
    elif event_type == "EMAIL_BOUNCE":
        fields.update(_bounce_fields(serial, now, fields["to_email"]))
    changes: dict[str, Any] = {"flags": traits.flags | MAIL_EVENTS[event_type]}
    if event_type == "EMAIL_SENT":
        changes["last_sent_ms"] = now
        if traits.status == "STARTED":
            changes["status"] = "INPROGRESS"
    elif event_type == "EMAIL_REPLY":
        changes["event_ms"] = now
    state.change_lead(serial, **changes)
    fields["description"] = _DESCRIPTIONS[event_type].format(name=name)
    queued = _publish(state, campaign, event_type, fields, now)
    if event_type == "EMAIL_SENT" and step == 1:
        queued += _publish(state, campaign, "FIRST_EMAIL_SENT", fields, now)
    return queued


def publish_unsubscribe(state: State, campaign: Campaign, serial: int) -> int:
    """Queue ``LEAD_UNSUBSCRIBED`` for membership ``serial``."""
    now = state.clock.tick()
    details = _details(state, serial)
    fields: dict[str, Any] = {
        "to_email": details["email"], "to_name": _name(details),
        "unsubscribed_client_id_map": (
            None if campaign.client_id is None else {str(campaign.client_id): True}
        ),
        "from_email": sender_of(state, campaign),
        "app_url": _INBOX.format(MAP_ID_BASE + serial),
        "description": f"{_name(details)} unsubscribed",
    }  # fmt: skip
    history = message_history(state, campaign, serial)["history"]
    sent = [m for m in history if m["type"] == "SENT"]
    if sent:
        last = sent[-1]
        fields.update({
            "subject": last["subject"], "sequence_number": len(sent),
            "sent_message": {"message_id": last["message_id"], "html": last["email_body"],
                             "text": _text(last["email_body"]), "time": _iso(last["time"])},
        })  # fmt: skip
    return _publish(state, campaign, "LEAD_UNSUBSCRIBED", fields, now)


def publish_category_change(
    state: State, campaign: Campaign, serial: int, old: int | None, new: int
) -> int:
    """Queue ``LEAD_CATEGORY_UPDATED`` (category ids are 1-based indexes of ``CATEGORIES``)."""
    now = state.clock.tick()
    details = _details(state, serial)
    new_name = CATEGORIES[new - 1]
    history = [{**m, "time": _iso(m["time"]), "cc_emails": []}
               for m in message_history(state, campaign, serial)["history"]]
    replies = [m for m in history if m["type"] == "REPLY"]
    last_reply = {k: v for k, v in replies[-1].items() if k != "subject"} if replies else None
    fields: dict[str, Any] = {
        "lead_id": int(state.leads.item_json(serial)["lead"]["id"]),
        "created_at": _iso(now),
        "from_email": sender_of(state, campaign),
        "to_email": details["email"], "to_name": _name(details),
        "lead_category": {
            "old_id": old, "old_name": CATEGORIES[old - 1] if old else None,
            "new_id": new, "new_name": new_name,
        },
        "lead_data": {**details, "category": {"name": new_name,
                                             "sentiment_type": _SENTIMENT[new_name]}},
        "history": history,
        "last_reply": last_reply,
        "app_url": _INBOX.format(MAP_ID_BASE + serial),
        "description": f"{_name(details)} was marked {new_name}",
    }  # fmt: skip
    return _publish(state, campaign, "LEAD_CATEGORY_UPDATED", fields, now, category=new_name)


# -- building blocks --------------------------------------------------------------------------

_DESCRIPTIONS = {
    "EMAIL_SENT": "Email sent to {name}",
    "EMAIL_OPEN": "{name} opened your email",
    "EMAIL_LINK_CLICK": "{name} clicked a link",
    "EMAIL_REPLY": "{name} replied to your email",
    "EMAIL_BOUNCE": "Email to {name} bounced",
}


def _publish(
    state: State, campaign: Campaign, event_type: str, fields: dict[str, Any], now_ms: int,
    *, category: str | None = None,
) -> int:
    """Queue the event for each webhook subscribed to it (see :func:`_subscribers`)."""
    queued = 0
    for webhook in _subscribers(state, campaign, event_type):
        if category is not None and webhook["categories"] and category not in webhook[
                "categories"]:
            continue
        payload = {
            "webhook_id": webhook["id"], "webhook_name": webhook["name"],
            "webhook_url": webhook["webhook_url"], "event_type": event_type,
            "event_timestamp": _iso(now_ms), "campaign_id": campaign.id,
            "campaign_name": campaign.name, "campaign_status": campaign.status,
            "client_id": campaign.client_id, **fields,
            "secret_key": state.outbox.secret,
            "metadata": {"webhook_created_at": _iso(webhook["created_at"])},
        }  # fmt: skip
        body = json.dumps(payload).encode()
        state.outbox.add(
            QueuedDelivery(webhook["webhook_url"], event_type, body, campaign.id, now_ms)
        )
        queued += 1
    return queued


def _subscribers(state: State, campaign: Campaign, event_type: str) -> list[dict[str, Any]]:
    """The webhooks an event of ``campaign`` goes to.

    A user-level webhook subscribed to the event takes priority over the client- and
    campaign-level ones (as SmartLead documents): when there is one, only user-level
    webhooks get the event; otherwise the campaign's client's webhooks and the campaign's own.
    """
    account_level = state.account_webhooks.values()
    users = [w for w in account_level if w["association_type"] == "user"]
    clients = [w for w in account_level if w["association_type"] == "client"
               and campaign.client_id is not None and w["client_id"] == campaign.client_id]
    for level in (users, [*clients, *campaign.webhooks.values()]):
        subscribed = [w for w in level if event_type in w["event_types"]]
        if subscribed:
            return subscribed
    return []


def _lead_email_fields(
    state: State, campaign: Campaign, serial: int, step: int, sent_ms: int
) -> dict[str, Any]:
    details = _details(state, serial)
    content = step_content(state, campaign, serial, step)
    return {
        "sl_email_lead_id": state.leads.item_json(serial)["lead"]["id"],
        "sl_email_lead_map_id": MAP_ID_BASE + serial,
        "stats_id": stats_id(state, serial, step),
        "from_email": sender_of(state, campaign),
        "to_email": details["email"],
        "to_name": _name(details),
        "subject": content.subject,
        "sequence_number": step,
        "sent_message": {"message_id": content.message_id, "html": content.body,
                         "text": _text(content.body), "time": _iso(sent_ms)},
        "app_url": _INBOX.format(MAP_ID_BASE + serial),
    }


def _reply_fields(
    serial: int, step: int, now_ms: int, email: str, text: str | None
) -> dict[str, Any]:
    text = text or "Thanks for reaching out, happy to talk this week."
    domain = email.rpartition("@")[2]
    return {
        "sl_lead_email": email,
        "stats_thread_id": f"thread-{serial:x}-{step}",
        "cc_emails": [],
        "reply_message": {"message_id": f"<reply.{serial:x}.{now_ms:x}@{domain}>",
                          "html": f"<div>{text}</div>", "text": text, "time": _iso(now_ms)},
        "leadCorrespondence": {"targetLeadEmail": email, "replyReceivedFrom": email,
                               "repliedCompanyDomain": domain},
    }


def _bounce_fields(serial: int, now_ms: int, email: str) -> dict[str, Any]:
    domain = email.rpartition("@")[2]
    notice = f"<bounce.{serial:x}.{now_ms:x}@mx.{domain}>"
    preview = "550 5.1.1 The email account that you tried to reach does not exist."
    return {
        "is_bounced": True, "is_sender_originated_bounce": False,
        "bounce_reply_message_id": notice, "bounce_reply_email": f"mailer-daemon@mx.{domain}",
        "bounce_reply_email_preview": preview,
        "bounce_message": {"message_id": notice, "html": f"<p>{preview}</p>", "text": preview,
                           "time": _iso(now_ms)},
    }  # fmt: skip


def _details(state: State, serial: int) -> dict[str, Any]:
    return state.leads.details(state.leads.person_of(serial))


def _name(details: dict[str, Any]) -> str:
    return " ".join(str(details.get(k) or "") for k in ("first_name", "last_name")).strip()


def _text(html: str) -> str:
    """A plain-text rendering good enough for a fake: the tags dropped."""
    out, inside = [], False
    for char in html:
        if char in "<>":
            inside = char == "<"
        elif not inside:
            out.append(char)
    return "".join(out)


def _iso(moment: int | str) -> str:
    """SmartLead's webhook timestamp form: ``2025-03-04T15:20:11.618000+00:00``."""
    if isinstance(moment, str):
        parsed = datetime.fromisoformat(moment)
    else:
        parsed = datetime.fromtimestamp(moment / 1000, UTC)
    return parsed.astimezone(UTC).isoformat(timespec="microseconds")
