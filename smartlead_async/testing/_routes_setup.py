"""Routes: what a campaign is set up with: its sequence, email accounts and webhooks."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

from ._campaigns import Campaign
from ._data import CATEGORIES, iso_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import campaign_write, find_campaign, path_id
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._sequences import StepInput, UnknownId, VariantInput, save_sequence
from ._state import State

__all__ = ["WEBHOOK_EVENT_TYPES", "check_webhook", "routes"]

routes = RouteTable()

_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
WEBHOOK_EVENT_TYPES = (
    "EMAIL_SENT", "EMAIL_OPEN", "EMAIL_LINK_CLICK", "EMAIL_REPLY", "LEAD_UNSUBSCRIBED",
    "LEAD_CATEGORY_UPDATED", "EMAIL_BOUNCE", "FIRST_EMAIL_SENT",
)  # fmt: skip
_STEP_FIELDS = ("id", "seq_number", "seq_delay_details", "subject", "email_body", "seq_variants")
_VARIANT_FIELDS = ("id", "subject", "email_body", "variant_label",
                   "variant_distribution_percentage")


def _listing(state: State, items: list[dict[str, Any]]) -> Response:
    """A listing; with quirks, a lone item is sent as an object, as the reference shows."""
    if state.quirks and len(items) == 1:
        return json_response(200, items[0])
    return json_response(200, items)


# -- sequences --------------------------------------------------------------------------------


@routes.get(_CAMPAIGN + "/sequences/?")
def list_sequences(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    return _listing(state, campaign.sequence)


def _step(fields: Fields) -> StepInput:
    delay = fields.object("seq_delay_details", allowed={"delay_in_days"})
    variants = fields.objects("seq_variants", allowed=_VARIANT_FIELDS)
    if variants is None and fields.text("email_body") is None:
        raise fields.fail("email_body", "is required when there are no seq_variants")
    return StepInput(
        id=fields.integer("id", minimum=1),
        seq_number=fields.integer("seq_number", required=True, minimum=1),
        delay_in_days=(delay.integer("delay_in_days", minimum=0) if delay else None) or 0,
        subject=fields.text("subject") or "",
        email_body=fields.text("email_body") or "",
        variants=[
            VariantInput(
                id=v.integer("id", minimum=1),
                subject=v.text("subject") or "",
                email_body=v.text("email_body", required=True),
                variant_label=v.text("variant_label", required=True, allow_empty=False),
                distribution=v.integer("variant_distribution_percentage", minimum=0,
                                       maximum=100),
            )
            for v in variants or ()
        ],
    )


@routes.post(_CAMPAIGN + "/sequences/?")
def save_sequences(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {"sequences"})
    steps = [
        _step(fields)
        for fields in body.objects("sequences", allowed=_STEP_FIELDS, required=True,
                                   min_items=1)
    ]
    numbers = [step.seq_number for step in steps]
    if len(set(numbers)) != len(numbers):
        raise error(400, "Duplicate seq_number in sequences")
    try:
        save_sequence(campaign, steps, state.ids, state.touch(campaign))
    except UnknownId as unknown:
        raise error(400, str(unknown)) from None
    return json_response(200, {"ok": True, "data": "success"})


# -- email accounts of a campaign -------------------------------------------------------------


def _account_ids(state: State, request: Request, *, flags: Collection[str] = ()) -> list[int]:
    """The body's ``email_account_ids``, each an existing account (``flags``: true/false
    fields the body may carry too)."""
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"email_account_ids", *flags})
    for name in flags:
        body.boolean(name)
    ids = body.integers("email_account_ids", required=True, min_items=1)
    for account_id in ids:
        if account_id not in state.mailboxes.rows:
            raise error(400, f"Email account id - {account_id} not allowed. Permission Error.")
    return ids


@routes.get(_CAMPAIGN + "/email-accounts/?")
def list_campaign_accounts(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    include_tags = QueryParams(request, allowed={"include_tags"}).boolean("include_tags", False)
    rows = [state.mailboxes.rows.get(account_id) for account_id in campaign.accounts]
    return json_response(200, [
        {**state.mailboxes.campaign_json(row),
         **({"tags": state.tags.of_account(row["id"])} if include_tags else {})}
        for row in rows if row
    ])  # fmt: skip


@routes.post(_CAMPAIGN + "/email-accounts/?")
def add_campaign_accounts(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    result = []
    for account_id in _account_ids(state, request, flags={"auto_adjust_warmup"}):
        link = campaign.accounts.get(account_id)
        if link is None:
            link = campaign.accounts[account_id] = {
                "id": state.ids.next("link"), "email_campaign_id": campaign.id,
                "email_account_id": account_id, "updated_at": iso_ms(state.clock.tick()),
            }  # fmt: skip
        result.append(link)
    return json_response(200, {"ok": True, "result": result})


@routes.delete(_CAMPAIGN + "/email-accounts/?")
def remove_campaign_accounts(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    removed = [campaign.accounts.pop(i, None) for i in _account_ids(state, request)]
    return json_response(200, {"ok": True, "result": sum(link is not None for link in removed)})


# -- webhooks ---------------------------------------------------------------------------------


@routes.get(_CAMPAIGN + "/webhooks/?")
def list_webhooks(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    return _listing(state, list(campaign.webhooks.values()))


def check_webhook(url: str, event_types: list[str], categories: list[str]) -> None:
    """A 400 for a URL that is not http(s), an unknown event type or lead category."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise error(400, f"Invalid webhook_url - {url}")
    for event_type in event_types:
        if event_type not in WEBHOOK_EVENT_TYPES:
            raise error(400, f"Invalid event_types - {event_type}")
    for category in categories:
        if category not in CATEGORIES:
            raise error(400, f"Invalid category - {category}")


@routes.post(_CAMPAIGN + "/webhooks/?")
def upsert_webhook(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(
        state, request, params, {"id", "name", "webhook_url", "event_types", "categories"}
    )
    webhook_id = body.integer("id", minimum=1)
    name = body.text("name", required=True, allow_empty=False)
    url = body.text("webhook_url", required=True)
    event_types = body.texts("event_types", required=True, min_items=1)
    categories = body.texts("categories") or []
    check_webhook(url, event_types, categories)
    now = iso_ms(state.clock.tick())
    if webhook_id is None:
        webhook_id = state.ids.next("webhook")
        created = now
    elif webhook_id in campaign.webhooks:
        created = campaign.webhooks[webhook_id]["created_at"]
    else:
        raise error(404, "Webhook not found - Invalid webhook id.")
    webhook = campaign.webhooks[webhook_id] = {
        "id": webhook_id, "name": name, "created_at": created, "updated_at": now,
        "webhook_url": url, "email_campaign_id": campaign.id, "event_types": event_types,
        "categories": categories,
    }  # fmt: skip
    answer = {k: v for k, v in webhook.items() if k not in ("created_at", "updated_at")}
    return json_response(200, {"ok": True, **answer})


@routes.delete(_CAMPAIGN + "/webhooks/?")
def delete_webhook(state: State, request: Request, params: Params) -> Response:
    """The id comes as ``?id=`` (the reference) or as a JSON body ``{"id": N}`` (clients)."""
    campaign = find_campaign(state, params)
    query = QueryParams(request, allowed={"id"}).optional_integer("id", positive=True)
    body = Fields.of(request, allowed={"id"}).integer("id", minimum=1)
    if query is not None and body is not None and query != body:
        raise error(400, f"Webhook id given twice: {query} in the query, {body} in the body")
    webhook_id = query or body
    if webhook_id is None:
        raise unprocessable("id", '"id" is required')
    return _delete_webhook(campaign, webhook_id)


@routes.delete(_CAMPAIGN + r"/webhooks/(?P<webhook_id>[^/]+)/?")
def delete_webhook_by_path(state: State, request: Request, params: Params) -> Response:
    """The newer docs' form: the id in the path."""
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    return _delete_webhook(campaign, path_id(params, "webhook_id", "webhook"))


def _delete_webhook(campaign: Campaign, webhook_id: int) -> Response:
    if campaign.webhooks.pop(webhook_id, None) is None:
        raise error(404, "Webhook not found - Invalid webhook id.")
    return json_response(200, {"ok": True})
