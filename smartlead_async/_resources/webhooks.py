"""``client.webhooks``: account-level webhooks, ``/webhook/...`` (singular)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from .._args import (
    compact,
    enum_list,
    enum_value,
    flag,
    http_url,
    id_list,
    optional,
    positive_id,
    require_any,
    text,
    text_list,
)
from .._decoding import Ack, One
from .._enums import (
    WebhookAssociation,
    WebhookAssociationValue,
    WebhookEventType,
    WebhookEventTypeValue,
)
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from ..models.common import OkResponse
from ..models.webhooks import AccountWebhook, WebhookSaved
from ._base import OK, Resource

_UPDATABLE = ("name", "webhook_url", "event_types", "categories")
#: The scope each association type needs: (association, id parameter).
_SCOPE_IDS = (
    (WebhookAssociation.CAMPAIGN, "email_campaign_id"),
    (WebhookAssociation.CLIENT, "client_id"),
)


class Webhooks(Resource):
    """Webhooks of the whole account (``user``), of one client or of one campaign.

    There is no route that lists them (``GET /webhooks`` answers 404): keep the ids
    :meth:`create` returns. Campaign-scoped ones are also listed by
    ``client.campaigns.webhooks.list``.
    """

    async def create(
        self,
        *,
        webhook_url: str,
        association_type: WebhookAssociation | WebhookAssociationValue,
        event_types: Iterable[WebhookEventType | WebhookEventTypeValue],
        name: str | None = None,
        email_campaign_id: int | None = None,
        client_id: int | None = None,
        category_ids: Iterable[int] | None = None,
        webhook_type: str | None = None,
        force_create: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookSaved:
        """Create a webhook (``POST /webhook/create``).

        A ``user`` webhook takes priority over the client and campaign webhooks of the same
        event. Events and categories are sent as the maps the route documents
        (``event_type_map``, ``category_id_map``: each key set to ``true``).

        Args:
            webhook_url: the ``http(s)://`` URL SmartLead POSTs each event to.
            association_type: ``user`` (every campaign), ``client`` (the campaigns of
                ``client_id``) or ``campaign`` (``email_campaign_id``).
            event_types: one or more :class:`WebhookEventType` values.
            name: a name for the webhook.
            email_campaign_id: the campaign (required with ``association_type="campaign"``).
            client_id: the client (required with ``association_type="client"``).
            category_ids: only lead categories with these ids trigger
                ``LEAD_CATEGORY_UPDATED``.
            webhook_type: SmartLead's webhook type identifier, sent as given.
            force_create: create it even if a similar webhook exists.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: a scope id missing for its association type, or given for
                another one (before any request).
        """
        association = enum_value("association_type", association_type, WebhookAssociation)
        scope = {
            "email_campaign_id": optional(positive_id, "email_campaign_id", email_campaign_id),
            "client_id": optional(positive_id, "client_id", client_id),
        }
        for owner, parameter in _SCOPE_IDS:
            if (association == owner) != (scope[parameter] is not None):
                raise InvalidArgumentError(
                    f"{parameter} is required with association_type={owner.value!r} and "
                    f"only with it (association_type={association!r})"
                )
        events = enum_list("event_types", event_types, WebhookEventType)
        categories = optional(id_list, "category_ids", category_ids)
        body = compact(
            webhook_url=http_url("webhook_url", webhook_url),
            association_type=association,
            **scope,
            name=optional(text, "name", name),
            event_type_map=dict.fromkeys(events, True),
            category_id_map=None if categories is None else {
                str(category): True for category in categories
            },
            webhook_type=optional(text, "webhook_type", webhook_type),
            force_create=optional(flag, "force_create", force_create),
        )
        return await self._request(
            "POST", "/webhook/create", Ack(WebhookSaved), body=body, options=options
        )

    async def get(self, webhook_id: int, **options: Unpack[RequestOptions]) -> AccountWebhook:
        """One webhook, whatever its scope (``GET /webhook/{webhook_id}``).

        Args:
            webhook_id: the webhook.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such webhook (also on a 200 with an empty body).
        """
        webhook_id = positive_id("webhook_id", webhook_id)
        return await self._request(
            "GET", f"/webhook/{webhook_id}", One(AccountWebhook, f"webhook {webhook_id}"),
            options=options,
        )

    async def update(
        self,
        webhook_id: int,
        *,
        name: str | None = None,
        webhook_url: str | None = None,
        event_types: Iterable[WebhookEventType | WebhookEventTypeValue] | None = None,
        categories: Iterable[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookSaved:
        """Change a webhook (``PUT /webhook/update/{webhook_id}``); only what is given is sent.

        Args:
            webhook_id: the webhook.
            name: its new name.
            webhook_url: its new ``http(s)://`` URL.
            event_types: the events it is called on (replaces the previous ones).
            categories: lead category names that trigger ``LEAD_CATEGORY_UPDATED``
                (``[]`` for every category).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        webhook_id = positive_id("webhook_id", webhook_id)
        body = compact(
            name=optional(text, "name", name),
            webhook_url=optional(http_url, "webhook_url", webhook_url),
            event_types=optional(enum_list, "event_types", event_types, WebhookEventType),
            categories=optional(text_list, "categories", categories, allow_empty_list=True),
        )
        require_any("update", body, _UPDATABLE)
        return await self._request(
            "PUT", f"/webhook/update/{webhook_id}", Ack(WebhookSaved), body=body,
            options=options,
        )

    async def delete(self, webhook_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Delete a webhook (``DELETE /webhook/delete``, the id in a JSON body).

        Args:
            webhook_id: the webhook.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"id": positive_id("webhook_id", webhook_id)}
        return await self._request("DELETE", "/webhook/delete", OK, body=body, options=options)
