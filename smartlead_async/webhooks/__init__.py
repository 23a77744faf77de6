"""Typed SmartLead webhook events, and an ASGI receiver that drops repeated deliveries.

::

    from smartlead_async.webhooks import EmailReplyEvent, WebhookReceiver, parse_event

    event = parse_event(body, secret="...")          # typed, lenient, verified
    if isinstance(event, EmailReplyEvent):
        print(event.to_email, event.reply_message.text if event.reply_message else "")

    async def on_event(event: WebhookEvent) -> None: ...
    receiver = WebhookReceiver(on_event, secret="...")   # an ASGI app: mount it, or
    result = await receiver.process(await request.body())  # call it from a route

Payloads follow SmartLead's webhook documentation: common fields, per-event fields, deprecated
aliases (mapped onto the current names) and the second ``{event, timestamp, lead}`` schema.
"""

from .._enums import WebhookEventType
from .._exceptions import WebhookAuthenticationError, WebhookPayloadError
from ._dedupe import DedupeStore, InMemoryDedupeStore
from ._events import (
    EmailBounceEvent,
    EmailEventBase,
    EmailLinkClickEvent,
    EmailOpenEvent,
    EmailReplyEvent,
    EmailSentEvent,
    FirstEmailSentEvent,
    LeadCategoryChange,
    LeadCategoryUpdatedEvent,
    LeadCorrespondence,
    LeadUnsubscribedEvent,
    UnknownWebhookEvent,
    WebhookEvent,
    WebhookEventBase,
    WebhookLeadCategory,
    WebhookLeadData,
    WebhookMessage,
    WebhookMetadata,
    WebhookThreadMessage,
)
from ._parse import parse_event
from ._receiver import WebhookHandler, WebhookReceiver, WebhookResponse

__all__ = [
    "DedupeStore",
    "EmailBounceEvent",
    "EmailEventBase",
    "EmailLinkClickEvent",
    "EmailOpenEvent",
    "EmailReplyEvent",
    "EmailSentEvent",
    "FirstEmailSentEvent",
    "InMemoryDedupeStore",
    "LeadCategoryChange",
    "LeadCategoryUpdatedEvent",
    "LeadCorrespondence",
    "LeadUnsubscribedEvent",
    "UnknownWebhookEvent",
    "WebhookAuthenticationError",
    "WebhookEvent",
    "WebhookEventBase",
    "WebhookEventType",
    "WebhookHandler",
    "WebhookLeadCategory",
    "WebhookLeadData",
    "WebhookMessage",
    "WebhookMetadata",
    "WebhookPayloadError",
    "WebhookReceiver",
    "WebhookResponse",
    "WebhookThreadMessage",
    "parse_event",
]
