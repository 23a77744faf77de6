"""Map what SmartLead sends onto the current field names, before decoding.

Three kinds of drift, from ``smartlead-webhook-payloads.md``:

* deprecated aliases (``time_sent``, ``custom_subject``, ``message_id``...): the current field
  is read first and the alias only fills it when it is absent or null;
* the second schema (``{event, timestamp, lead{}, email{}, reply{}}``) and its event names
  (``EMAIL_OPENED``...), told apart by its keys and mapped the same way;
* ``id`` for ``message_id`` inside a message object.

The payload given is never modified: changed objects are copied.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._enums import WebhookEventType

__all__ = ["canonical_event_type", "event_type_of", "normalize"]

_E = WebhookEventType

#: Event names of the second schema (and of some pages of the first) -> the current ones.
EVENT_NAME_ALIASES: dict[str, WebhookEventType] = {
    "EMAIL_OPENED": _E.EMAIL_OPEN,
    "EMAIL_CLICKED": _E.EMAIL_LINK_CLICK,
    "EMAIL_REPLIED": _E.EMAIL_REPLY,
    "EMAIL_BOUNCED": _E.EMAIL_BOUNCE,
    "EMAIL_UNSUBSCRIBED": _E.LEAD_UNSUBSCRIBED,
}

Alias = tuple[str, str]  # (current dotted path, where an older payload puts it)

_COMMON: tuple[Alias, ...] = (
    ("webhook_url", "webhookUrl"),
    ("app_url", "ui_master_inbox_link"),
    ("event_timestamp", "timestamp"),  # second schema
)
_SECOND_SCHEMA_EMAIL: tuple[Alias, ...] = (
    ("to_email", "lead.email"),
    ("sl_email_lead_id", "lead_id"),
    ("sl_email_lead_id", "lead.id"),
    ("subject", "email.subject"),
    ("sent_message.message_id", "email.message_id"),
)
_SENT: tuple[Alias, ...] = (
    ("event_timestamp", "time_sent"),
    ("subject", "custom_subject"),
    ("sent_message.html", "custom_email_message"),
    ("sent_message.html", "sent_message_body"),
    ("sent_message.message_id", "message_id"),
)

#: Aliases per event type, most current first.
ALIASES: dict[WebhookEventType, tuple[Alias, ...]] = {
    _E.EMAIL_SENT: _SENT + _SECOND_SCHEMA_EMAIL,
    _E.FIRST_EMAIL_SENT: _SENT + _SECOND_SCHEMA_EMAIL,
    _E.EMAIL_OPEN: (
        ("event_timestamp", "time_opened"),
        ("sent_message.html", "sent_message_body"),
        *_SECOND_SCHEMA_EMAIL,
    ),
    _E.EMAIL_LINK_CLICK: (
        ("event_timestamp", "time_clicked"),
        ("link_details", "link_clicked"),
        ("sent_message.html", "sent_message_body"),
        *_SECOND_SCHEMA_EMAIL,
    ),
    _E.EMAIL_REPLY: (
        ("event_timestamp", "time_replied"),
        ("sent_message.html", "sent_message_body"),
        ("reply_message.message_id", "message_id"),
        ("reply_message.html", "reply_body"),
        ("reply_message.text", "preview_text"),
        ("reply_message.html", "reply.body"),
        ("reply_message.text", "reply.body"),
        *_SECOND_SCHEMA_EMAIL,
    ),
    _E.EMAIL_BOUNCE: (("event_timestamp", "time_sent"), *_SECOND_SCHEMA_EMAIL),
    _E.LEAD_UNSUBSCRIBED: (
        ("to_email", "lead_email"),
        ("to_name", "lead_name"),
        ("to_email", "lead.email"),
        ("subject", "email.subject"),
        ("sent_message.message_id", "email.message_id"),
    ),
    _E.LEAD_CATEGORY_UPDATED: (
        ("from_email", "from"),
        ("to_email", "to"),
        ("to_email", "lead_email"),
        ("to_name", "lead_name"),
        ("lead_category.new_name", "category"),
        ("lead_category.new_id", "lead_category_id"),
        ("last_reply", "lastReply"),
        ("to_email", "lead.email"),
        ("lead_id", "lead.id"),
        ("lead_data", "lead"),
    ),
}

#: Message objects whose ``message_id`` may be spelled ``id``.
_MESSAGES = ("sent_message", "reply_message", "bounce_message")


def event_type_of(payload: Mapping[str, Any]) -> str | None:
    """The raw event name: ``event_type``, else ``event`` (second schema); None if neither.

    Raises:
        TypeError: the name is there but is not a string.
    """
    for key in ("event_type", "event"):
        value = payload.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise TypeError(f"{key} must be a string, got {type(value).__name__}")
        if value.strip():
            return value.strip()
    return None


def canonical_event_type(name: str) -> WebhookEventType:
    """The event type a raw name means (``EMAIL_OPENED`` is ``EMAIL_OPEN``); unknown kept."""
    return EVENT_NAME_ALIASES.get(name) or WebhookEventType(name)


def normalize(payload: Mapping[str, Any], event_type: WebhookEventType) -> dict[str, Any]:
    """A copy of ``payload`` with current names filled in from aliases and the second schema."""
    data = dict(payload)
    data["event_type"] = event_type.value
    for current, older in (*_COMMON, *ALIASES.get(event_type, ())):
        if _get(data, current) is None:
            value = _get(data, older)
            if value is not None:
                _put(data, current, value)
    if data.get("to_name") is None:
        data["to_name"] = _full_name(data.get("lead"))
    for key in _MESSAGES:
        message = data.get(key)
        if isinstance(message, dict) and message.get("message_id") is None and "id" in message:
            data[key] = {**message, "message_id": message["id"]}
    return data


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path, copying the objects on the way; a non-object in the way wins."""
    head, _, rest = path.partition(".")
    if not rest:
        data[head] = value
        return
    inner = data.get(head)
    if inner is None:
        inner = {}
    elif not isinstance(inner, Mapping):
        return  # the shape check reports it
    data[head] = copied = dict(inner)
    _put(copied, rest, value)


def _full_name(lead: Any) -> str | None:
    """``"First Last"`` from the second schema's ``lead`` object, if it names the lead."""
    if not isinstance(lead, Mapping):
        return None
    parts = (lead.get("first_name"), lead.get("last_name"))
    name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return name or None
