"""Typed webhook events: one attrs class per ``event_type``, decoded like the API models.

Every field is optional except ``event_type``: presence differs by event and by account age.
Unknown fields are kept in ``raw`` (the payload exactly as received) and listed by ``extra``.
Deprecated aliases and the second ``{event, timestamp, lead}`` schema are mapped onto these
names before decoding (see ``_normalize``).

``idempotency_key``
    ``"<EVENT_TYPE>:<32 hex digits>"``: the event type, then a SHA-256 digest of the ids of the
    thing the event is about plus the event's own time, as listed on each class. Delivery
    details are left out (``webhook_id``, ``webhook_name``, ``webhook_url``, ``secret_key``,
    ``metadata``, ``description``, ``app_url``, campaign name and status), so a delivery that
    SmartLead retries or that you retrigger gives the same key, and so does one event sent to
    two webhooks with the same URL. Values are compared decoded: ``"42"`` and ``42``,
    ``...Z`` and ``...+00:00``, and upper/lower case in email addresses give the same key.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeAlias

import attrs

from .._enums import CampaignStatus, WebhookEventType
from ..models import Lead, LeadMessage
from ..models._base import Aliases, Model, model

__all__ = [
    "EmailBounceEvent",
    "EmailEventBase",
    "EmailLinkClickEvent",
    "EmailOpenEvent",
    "EmailReplyEvent",
    "EmailSentEvent",
    "FirstEmailSentEvent",
    "LeadCategoryChange",
    "LeadCategoryUpdatedEvent",
    "LeadCorrespondence",
    "LeadUnsubscribedEvent",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "WebhookEventBase",
    "WebhookLeadCategory",
    "WebhookLeadData",
    "WebhookMessage",
    "WebhookMetadata",
    "WebhookThreadMessage",
]

#: Payload keys that describe the delivery, not the event (left out of idempotency keys).
DELIVERY_KEYS = frozenset({
    "secret_key", "webhook_id", "webhook_name", "webhook_url", "webhookUrl", "metadata",
})  # fmt: skip


# -- nested objects ---------------------------------------------------------------------------


@model
class WebhookMessage(Model):
    """An email in a payload: ``sent_message``, ``reply_message`` or ``bounce_message``.

    ``message_id`` is read from ``id`` when absent (the Link Clicked page's spelling).
    """

    message_id: str | None = None
    html: str | None = None
    text: str | None = None
    time: datetime | None = None


@model
class WebhookMetadata(Model):
    """``metadata`` of every event."""

    webhook_created_at: datetime | None = None


@model
class LeadCorrespondence(Model):
    """``leadCorrespondence`` of ``EMAIL_REPLY``: tells a colleague's reply from the lead's."""

    aliases: ClassVar[Aliases] = {
        "target_lead_email": ("targetLeadEmail",),
        "reply_received_from": ("replyReceivedFrom",),
        "replied_company_domain": ("repliedCompanyDomain",),
    }

    target_lead_email: str | None = None
    reply_received_from: str | None = None
    replied_company_domain: str | None = None


@model
class LeadCategoryChange(Model):
    """``lead_category`` of ``LEAD_CATEGORY_UPDATED``; ``old_*`` are None for a new category."""

    old_id: int | None = None
    old_name: str | None = None
    new_id: int | None = None
    new_name: str | None = None


@model
class WebhookLeadCategory(Model):
    """``lead_data.category``: the category's name and sentiment."""

    name: str | None = None
    sentiment_type: str | None = None


@model
class WebhookLeadData(Lead):
    """``lead_data`` of ``LEAD_CATEGORY_UPDATED`` (or ``lead`` in the second schema): the
    lead's details, plus its category."""

    category: WebhookLeadCategory | None = None


@model
class WebhookThreadMessage(LeadMessage):
    """One message of ``history`` (or ``last_reply``) in ``LEAD_CATEGORY_UPDATED``."""

    cc_emails: list[str] = attrs.field(factory=list)


# -- events -----------------------------------------------------------------------------------


@model
class WebhookEventBase(Model):
    """The fields every event has (section 3 of the payload document).

    ``secret_key`` is the webhook's secret echoed back; it is left out of the repr.
    ``idempotency_key`` of an event of this base: event type, ``campaign_id`` and
    ``event_timestamp``, plus what each subclass adds.
    """

    event_type: WebhookEventType
    event_timestamp: datetime | None = None
    webhook_id: int | None = None
    webhook_name: str | None = None
    webhook_url: str | None = None
    campaign_id: int | None = None
    campaign_name: str | None = None
    campaign_status: CampaignStatus | None = None
    client_id: int | None = None
    secret_key: str | None = attrs.field(default=None, repr=False)
    app_url: str | None = None
    description: str | None = None
    metadata: WebhookMetadata | None = None

    @property
    def idempotency_key(self) -> str:
        """A stable key for this event: equal for every delivery of it, different for others.

        See the class docstring for what it is built from.
        """
        parts = [self.event_type.value, self.campaign_id, self.event_timestamp, *self._identity()]
        try:
            text = json.dumps(parts, default=_canonical, sort_keys=True)
        except TypeError:  # a caller's mapping with keys of mixed types: keep their order
            text = json.dumps(parts, default=_canonical)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return f"{self.event_type.value}:{digest}"

    def _identity(self) -> list[Any]:
        """What identifies the event besides its type, campaign and time."""
        return []


@model
class EmailEventBase(WebhookEventBase):
    """An email event: the common fields plus the lead-email fields.

    ``idempotency_key`` adds: ``stats_id`` (the sent email), ``sl_email_lead_map_id``,
    ``to_email`` (lower-cased), ``sequence_number`` and ``sent_message.message_id``.
    """

    sl_email_lead_id: int | None = None
    sl_email_lead_map_id: int | None = None
    stats_id: str | None = None
    from_email: str | None = None
    to_email: str | None = None
    to_name: str | None = None
    subject: str | None = None
    sequence_number: int | None = None
    sent_message: WebhookMessage | None = None

    def _identity(self) -> list[Any]:
        sent_id = self.sent_message.message_id if self.sent_message else None
        return [self.stats_id, self.sl_email_lead_map_id, _lower(self.to_email),
                self.sequence_number, sent_id]


@model
class EmailSentEvent(EmailEventBase):
    """``EMAIL_SENT``: a sequence step was sent to a lead.

    Aliases read: ``time_sent``, ``custom_subject``, ``custom_email_message`` and
    ``sent_message_body`` (``sent_message.html``), ``message_id`` (``sent_message.message_id``).
    """

    event_type: WebhookEventType = WebhookEventType.EMAIL_SENT


@model
class FirstEmailSentEvent(EmailEventBase):
    """``FIRST_EMAIL_SENT``: step 1 of a sequence was sent (the fields of ``EMAIL_SENT``).

    Not a subclass of :class:`EmailSentEvent`: SmartLead sends both events for step 1.
    """

    event_type: WebhookEventType = WebhookEventType.FIRST_EMAIL_SENT


@model
class EmailOpenEvent(EmailEventBase):
    """``EMAIL_OPEN``: the tracking pixel loaded (first open).

    Aliases read: ``time_opened``, ``sent_message_body``.
    """

    event_type: WebhookEventType = WebhookEventType.EMAIL_OPEN


@model
class EmailLinkClickEvent(EmailEventBase):
    """``EMAIL_LINK_CLICK``: a tracked link was clicked.

    ``link_details`` is a list whether SmartLead sends one string or a list. Aliases read:
    ``time_clicked``, ``link_clicked``, ``sent_message_body``. ``idempotency_key`` adds the
    links.
    """

    event_type: WebhookEventType = WebhookEventType.EMAIL_LINK_CLICK
    link_details: list[str] = attrs.field(factory=list)

    def _identity(self) -> list[Any]:
        return [*super()._identity(), self.link_details]


@model
class EmailReplyEvent(EmailEventBase):
    """``EMAIL_REPLY``: a lead replied (threaded replies included).

    ``from_email`` is your sending mailbox; ``to_email`` / ``to_name`` the lead side. Aliases
    read: ``time_replied``, ``sent_message_body``, ``message_id``
    (``reply_message.message_id``), ``reply_body`` (``reply_message.html``), ``preview_text``
    (``reply_message.text``). ``idempotency_key`` adds ``reply_message.message_id``.
    """

    aliases: ClassVar[Aliases] = {
        "prompt_type": ("promptType",),
        "lead_correspondence": ("leadCorrespondence",),
    }

    event_type: WebhookEventType = WebhookEventType.EMAIL_REPLY
    sl_lead_email: str | None = None
    sl_lead_name: str | None = None
    stats_thread_id: str | None = None
    cc_emails: list[str] = attrs.field(factory=list)
    reply_message: WebhookMessage | None = None
    reply_category: int | None = None
    prompt_type: str | None = None
    lead_correspondence: LeadCorrespondence | None = None

    def _identity(self) -> list[Any]:
        reply_id = self.reply_message.message_id if self.reply_message else None
        return [*super()._identity(), reply_id]


@model
class EmailBounceEvent(EmailEventBase):
    """``EMAIL_BOUNCE``: a send bounced (fields known from a consumer's model: best effort).

    Alias read: ``time_sent``. ``idempotency_key`` adds the bounce notice's Message-ID.
    """

    event_type: WebhookEventType = WebhookEventType.EMAIL_BOUNCE
    is_bounced: bool | None = None
    is_sender_originated_bounce: bool | None = None
    bounce_reply_message_id: str | None = None
    bounce_reply_email: str | None = None
    bounce_reply_email_preview: str | None = None
    bounce_message: WebhookMessage | None = None

    def _identity(self) -> list[Any]:
        notice = self.bounce_reply_message_id
        if notice is None and self.bounce_message is not None:
            notice = self.bounce_message.message_id
        return [*super()._identity(), notice]


@model
class LeadUnsubscribedEvent(WebhookEventBase):
    """``LEAD_UNSUBSCRIBED``: a lead clicked unsubscribe.

    ``unsubscribed_client_id_map`` is kept as sent (its shape is not documented). Aliases
    read: ``lead_email`` (``to_email``), ``lead_name`` (``to_name``). ``idempotency_key``
    adds ``to_email`` (lower-cased).
    """

    event_type: WebhookEventType = WebhookEventType.LEAD_UNSUBSCRIBED
    to_email: str | None = None
    to_name: str | None = None
    unsubscribed_client_id_map: dict[str, Any] = attrs.field(factory=dict)
    from_email: str | None = None
    subject: str | None = None
    sequence_number: int | None = None
    sent_message: WebhookMessage | None = None

    def _identity(self) -> list[Any]:
        return [_lower(self.to_email)]


@model
class LeadCategoryUpdatedEvent(WebhookEventBase):
    """``LEAD_CATEGORY_UPDATED``: a lead's category changed (by hand or by AI).

    Carries the whole thread (``history``) instead of the lead-email fields. Aliases read:
    ``from``, ``to`` and ``lead_email``, ``lead_name``, ``category``
    (``lead_category.new_name``), ``lead_category_id`` (``lead_category.new_id``),
    ``lastReply``. ``idempotency_key`` adds ``lead_id`` and the old and new category ids.
    """

    event_type: WebhookEventType = WebhookEventType.LEAD_CATEGORY_UPDATED
    lead_id: int | None = None
    created_at: datetime | None = None
    from_email: str | None = None
    to_email: str | None = None
    to_name: str | None = None
    lead_category: LeadCategoryChange | None = None
    lead_data: WebhookLeadData | None = None
    history: list[WebhookThreadMessage] = attrs.field(factory=list)
    last_reply: WebhookThreadMessage | None = None
    current_sequence: int | None = None

    def _identity(self) -> list[Any]:
        change = self.lead_category or LeadCategoryChange()
        return [self.lead_id, change.old_id, change.new_id]


@model
class UnknownWebhookEvent(WebhookEventBase):
    """An event type this SDK does not know yet; the payload is in ``raw``.

    ``idempotency_key`` adds the whole payload but its delivery keys.
    """

    def _identity(self) -> list[Any]:
        return [{k: v for k, v in self.raw.items() if k not in DELIVERY_KEYS}]


WebhookEvent: TypeAlias = (
    EmailSentEvent
    | FirstEmailSentEvent
    | EmailOpenEvent
    | EmailLinkClickEvent
    | EmailReplyEvent
    | EmailBounceEvent
    | LeadUnsubscribedEvent
    | LeadCategoryUpdatedEvent
    | UnknownWebhookEvent
)
"""What :func:`parse_event` returns: match on the class (or on ``event_type``)."""

#: The class of each known event type.
EVENT_CLASSES: dict[WebhookEventType, type[WebhookEventBase]] = {
    WebhookEventType.EMAIL_SENT: EmailSentEvent,
    WebhookEventType.FIRST_EMAIL_SENT: FirstEmailSentEvent,
    WebhookEventType.EMAIL_OPEN: EmailOpenEvent,
    WebhookEventType.EMAIL_LINK_CLICK: EmailLinkClickEvent,
    WebhookEventType.EMAIL_REPLY: EmailReplyEvent,
    WebhookEventType.EMAIL_BOUNCE: EmailBounceEvent,
    WebhookEventType.LEAD_UNSUBSCRIBED: LeadUnsubscribedEvent,
    WebhookEventType.LEAD_CATEGORY_UPDATED: LeadCategoryUpdatedEvent,
}


def _lower(email: str | None) -> str | None:
    return email.strip().lower() if email else email


def _canonical(value: Any) -> Any:
    """JSON for what ``json.dumps`` cannot write: UTC instants, anything else as its text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)
