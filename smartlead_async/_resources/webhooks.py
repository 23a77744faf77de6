"""``client.campaigns.webhooks``: ``/campaigns/{id}/webhooks``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from .._enums import WebhookEventType, WebhookEventTypeValue
from .._models_campaigns import Webhook
from .._models_common import OkResponse
from .._validate import positive_id
from ._args import enum_list, http_url, opt_id, text, text_list
from ._base import Resource


class CampaignWebhooks(Resource):
    """Webhooks a campaign calls on events."""

    async def list(self, campaign_id: int) -> builtins.list[Webhook]:
        """The webhooks of a campaign (``GET /campaigns/{id}/webhooks``).

        Args:
            campaign_id: the campaign.
        """
        return await self._get_list(_path(campaign_id), Webhook, "webhooks")

    async def upsert(
        self,
        campaign_id: int,
        *,
        name: str,
        webhook_url: str,
        event_types: Iterable[WebhookEventType | WebhookEventTypeValue],
        categories: Iterable[str] | None = None,
        webhook_id: int | None = None,
    ) -> Webhook:
        """Add a webhook, or update one (``POST /campaigns/{id}/webhooks``).

        Args:
            campaign_id: the campaign.
            name: a name for the webhook.
            webhook_url: the ``http(s)://`` URL to call.
            event_types: one or more of EMAIL_SENT, EMAIL_OPEN, EMAIL_LINK_CLICK, EMAIL_REPLY,
                LEAD_UNSUBSCRIBED, LEAD_CATEGORY_UPDATED.
            categories: lead category names that trigger ``LEAD_CATEGORY_UPDATED``
                (e.g. ``["Interested"]``).
            webhook_id: the webhook to update; ``None`` adds a new one (sent as ``"id": null``).
        """
        body = {
            "id": opt_id("webhook_id", webhook_id),
            "name": text("name", name),
            "webhook_url": http_url("webhook_url", webhook_url),
            "event_types": enum_list("event_types", event_types, WebhookEventType),
        }
        if categories is not None:
            body["categories"] = text_list("categories", categories, allow_empty_list=True)
        return await self._write("POST", _path(campaign_id), Webhook, json_body=body)

    async def delete(self, campaign_id: int, webhook_id: int) -> OkResponse:
        """Delete a webhook (``DELETE /campaigns/{id}/webhooks?id={webhook_id}``).

        Args:
            campaign_id: the campaign.
            webhook_id: the webhook.
        """
        webhook_id = positive_id("webhook_id", webhook_id)
        return await self._ok("DELETE", _path(campaign_id), params={"id": webhook_id})


def _path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/webhooks"
