"""``client.campaigns.webhooks``: ``/campaigns/{id}/webhooks``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import enum_list, http_url, optional, positive_id, text, text_list
from .._decoding import Ack, ListOf
from .._enums import WebhookEventType
from .._options import RequestOptions
from ..models.campaigns import Webhook
from ..models.common import OkResponse
from ._base import OK, Resource


class CampaignWebhooks(Resource):
    """Webhooks a campaign calls on events."""

    async def list(
        self, campaign_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[Webhook]:
        """The webhooks of a campaign (``GET /campaigns/{id}/webhooks``).

        Args:
            campaign_id: the campaign.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", _path(campaign_id), ListOf(Webhook, lone_object=True),
            options=options,
        )

    async def upsert(
        self,
        campaign_id: int,
        *,
        name: str,
        webhook_url: str,
        event_types: Iterable[WebhookEventType | str],
        categories: Iterable[str] | None = None,
        webhook_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Webhook:
        """Add a webhook, or update one (``POST /campaigns/{id}/webhooks``).

        Args:
            campaign_id: the campaign.
            name: a name for the webhook.
            webhook_url: the ``http(s)://`` URL to call.
            event_types: one or more of EMAIL_SENT, EMAIL_OPEN, EMAIL_LINK_CLICK, EMAIL_REPLY,
                LEAD_UNSUBSCRIBED, LEAD_CATEGORY_UPDATED, EMAIL_BOUNCE, FIRST_EMAIL_SENT
                (:class:`WebhookEventType`; parse deliveries with
                :func:`smartlead_async.webhooks.parse_event`).
            categories: lead category names that trigger ``LEAD_CATEGORY_UPDATED``
                (e.g. ``["Interested"]``).
            webhook_id: the webhook to update; ``None`` adds a new one (sent as ``"id": null``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "id": optional(positive_id, "webhook_id", webhook_id),
            "name": text("name", name),
            "webhook_url": http_url("webhook_url", webhook_url),
            "event_types": enum_list("event_types", event_types, WebhookEventType),
        }
        if categories is not None:
            body["categories"] = text_list("categories", categories, allow_empty_list=True)
        return await self._request(
            "POST", _path(campaign_id), Ack(Webhook), body=body, options=options
        )

    async def delete(
        self, campaign_id: int, webhook_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Delete a webhook (``DELETE /campaigns/{id}/webhooks?id={webhook_id}``).

        Args:
            campaign_id: the campaign.
            webhook_id: the webhook.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        webhook_id = positive_id("webhook_id", webhook_id)
        return await self._request(
            "DELETE", _path(campaign_id), OK, params={"id": webhook_id}, options=options
        )


def _path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/webhooks"
