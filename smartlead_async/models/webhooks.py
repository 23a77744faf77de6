"""Response models of the webhook endpoints: account-level webhooks and delivery summaries.

Campaign webhooks (``client.campaigns.webhooks``) decode into :class:`Webhook`; the
account-level routes (``client.webhooks``, ``/webhook/*``) return the same record with its
scope.
"""

from __future__ import annotations

from typing import ClassVar

from .._enums import WebhookAssociation
from ._base import Aliases, Model, model
from .campaigns import Webhook
from .common import OkResponse

__all__ = ["AccountWebhook", "WebhookDeliverySummary", "WebhookSaved"]


@model
class AccountWebhook(Webhook):
    """A webhook of the whole account, of one client or of one campaign (``GET /webhook/{id}``).

    ``association_type`` says which (:class:`WebhookAssociation`): a campaign webhook has its
    ``email_campaign_id``, a client webhook its ``client_id``.
    """

    association_type: WebhookAssociation | None = None
    client_id: int | None = None


@model
class WebhookSaved(OkResponse):
    """The answer of creating or updating an account-level webhook.

    No source records this answer: ``id`` is read from ``id`` (also inside ``data``),
    ``webhook_id`` or ``webhookId`` when the API sends one; anything else stays in ``extra``.
    """

    aliases: ClassVar[Aliases] = {"id": ("id", "webhook_id", "webhookId")}

    id: int | None = None


@model
class WebhookDeliverySummary(Model):
    """How a campaign's webhook deliveries went in a time window
    (``GET /campaigns/{id}/webhooks/summary``): counts of deliveries, successful and failed."""

    total: int | None = None
    success: int | None = None
    failed: int | None = None
