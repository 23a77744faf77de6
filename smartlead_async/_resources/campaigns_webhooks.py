"""``client.campaigns.webhooks``: ``/campaigns/{id}/webhooks``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Literal, Unpack

from .._args import (
    DateLike,
    enum_list,
    http_url,
    one_of,
    optional,
    positive_id,
    text,
    text_list,
    time_window,
)
from .._decoding import Ack, ListOf, One
from .._enums import WebhookEventType, WebhookEventTypeValue
from .._options import RequestOptions
from ..models.campaigns import Webhook
from ..models.common import OkResponse
from ..models.webhooks import WebhookDeliverySummary
from ._base import OK, Resource

#: Where ``delete`` puts the webhook id: the three forms SmartLead's sources give.
WebhookIdPlacement = Literal["query", "body", "path"]


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
        event_types: Iterable[WebhookEventType | WebhookEventTypeValue],
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
        self, campaign_id: int, webhook_id: int, *, id_in: WebhookIdPlacement = "query",
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Delete a webhook (``DELETE /campaigns/{id}/webhooks``).

        The sources disagree on where the webhook id goes and none is confirmed live: the
        help-center reference sends ``?id=`` (the default), SmartLead's official CLI a JSON
        body ``{"id": ...}``, and api.smartlead.ai the path
        (``DELETE /campaigns/{id}/webhooks/{webhook_id}``).

        Args:
            campaign_id: the campaign.
            webhook_id: the webhook.
            id_in: ``"query"``, ``"body"`` or ``"path"``: which of the three forms to send.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        webhook_id = positive_id("webhook_id", webhook_id)
        placement = one_of("id_in", id_in, ("query", "body", "path"))
        path = _path(campaign_id)
        if placement == "path":
            return await self._request("DELETE", f"{path}/{webhook_id}", OK, options=options)
        named = {"id": webhook_id}
        return await self._request(
            "DELETE", path, OK, params=named if placement == "query" else None,
            body=named if placement == "body" else None, options=options,
        )

    async def summary(
        self, campaign_id: int, *, from_time: DateLike, to_time: DateLike,
        **options: Unpack[RequestOptions],
    ) -> WebhookDeliverySummary:
        """How the campaign's webhook deliveries went in a time window.

        ``GET /campaigns/{id}/webhooks/summary?fromTime=...&toTime=...``: the number of
        deliveries, successful and failed.

        Args:
            campaign_id: the campaign.
            from_time: start of the window (a ``datetime``, ``date`` or ISO string).
            to_time: end of the window, not before ``from_time``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        start, end = time_window("from_time", from_time, "to_time", to_time)
        return await self._request(
            "GET", _path(campaign_id, "/summary"),
            One(WebhookDeliverySummary, f"webhook summary of campaign {campaign_id}"),
            params={"fromTime": start, "toTime": end}, options=options,
        )

    async def retrigger_failed(
        self, campaign_id: int, *, from_time: DateLike, to_time: DateLike,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Send again the deliveries that failed in a time window.

        ``POST /campaigns/{id}/webhooks/retrigger-failed-events`` with ``fromTime`` and
        ``toTime`` in the JSON body.

        Args:
            campaign_id: the campaign.
            from_time: start of the window (a ``datetime``, ``date`` or ISO string).
            to_time: end of the window, not before ``from_time``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        start, end = time_window("from_time", from_time, "to_time", to_time)
        return await self._request(
            "POST", _path(campaign_id, "/retrigger-failed-events"), OK,
            body={"fromTime": start, "toTime": end}, options=options,
        )


def _path(campaign_id: int, suffix: str = "") -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/webhooks{suffix}"
