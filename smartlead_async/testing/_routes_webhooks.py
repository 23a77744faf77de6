"""Routes: account-level webhooks (``/webhook/*``) and a campaign's delivery summary and
retrigger (``/campaigns/{id}/webhooks/summary``, ``.../retrigger-failed-events``).

A campaign-scoped webhook created here is kept with its campaign, so
``GET /campaigns/{id}/webhooks`` lists it; user- and client-level ones are kept with the
account. Deliveries follow SmartLead's documented priority (see ``_webhook_events``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ._data import CATEGORIES, iso_ms, to_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import campaign_write, find_campaign, find_webhook, path_id
from ._params import Fields, QueryParams, parse_iso
from ._router import Params, RouteTable
from ._routes_setup import check_webhook
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

ASSOCIATIONS = ("user", "client", "campaign")
_CAMPAIGN_WEBHOOKS = r"/campaigns/(?P<campaign_id>[^/]+)/webhooks"
_CREATE_FIELDS = (
    "webhook_url", "association_type", "email_campaign_id", "client_id", "name",
    "event_type_map", "category_id_map", "event_type", "category_id", "webhook_type",
    "force_create",
)  # fmt: skip
_SHOWN = ("id", "name", "webhook_url", "association_type", "email_campaign_id", "client_id",
          "event_types", "categories")


def _chosen(body: Fields, name: str) -> list[str]:
    """The keys of a ``{key: true}`` map field that are set to true."""
    value = body.raw(name)
    if value is None:
        return []
    if not isinstance(value, dict) or not all(isinstance(on, bool) for on in value.values()):
        raise body.fail(name, "must be an object of true/false values")
    return [key for key, on in value.items() if on]


def _categories(body: Fields) -> list[str]:
    """Lead category names of ``category_id_map`` (and the single ``category_id``)."""
    ids = _chosen(body, "category_id_map")
    single = body.integer("category_id", minimum=1)
    if single is not None:
        ids.append(str(single))
    for raw in ids:
        if not raw.isdigit() or not 1 <= int(raw) <= len(CATEGORIES):
            raise error(400, f"Invalid category id - {raw}")
    return [CATEGORIES[int(raw) - 1] for raw in dict.fromkeys(ids)]


def _shown(webhook: dict[str, Any]) -> dict[str, Any]:
    return {key: webhook.get(key) for key in _SHOWN}


@routes.post(r"/webhook/create/?")
def create_webhook(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed=_CREATE_FIELDS)
    url = body.text("webhook_url", required=True)
    association = body.choice("association_type", ASSOCIATIONS, required=True)
    events = _chosen(body, "event_type_map")
    single = body.text("event_type")
    if single is not None:
        events.append(single)
    if not events:
        raise error(400, "At least one event type is required (event_type_map)")
    categories = _categories(body)
    check_webhook(url, events, categories)
    body.text("webhook_type")
    force = body.boolean("force_create") or False
    campaign_id = body.integer("email_campaign_id", minimum=1)
    client_id = body.integer("client_id", minimum=1)
    table = _table_for(state, association, campaign_id, client_id)
    if not force and any(w["webhook_url"] == url and w.get("association_type") == association
                         for w in table.values()):
        raise error(400, "A similar webhook already exists; send force_create to add another")
    now = iso_ms(state.clock.tick())
    webhook_id = state.ids.next("webhook")
    table[webhook_id] = {
        "id": webhook_id, "name": body.text("name") or url, "created_at": now, "updated_at": now,
        "webhook_url": url, "association_type": association,
        "email_campaign_id": campaign_id if association == "campaign" else None,
        "client_id": client_id if association == "client" else None,
        "event_types": list(dict.fromkeys(events)), "categories": categories,
    }  # fmt: skip
    return json_response(200, {"ok": True, "data": _shown(table[webhook_id])})


def _table_for(
    state: State, association: str, campaign_id: int | None, client_id: int | None
) -> dict[int, dict[str, Any]]:
    """Where a new webhook of this scope is kept: with its campaign, or with the account."""
    if association == "campaign":
        if campaign_id is None:
            raise error(400, "email_campaign_id is required for a campaign webhook")
        return find_campaign(state, {"campaign_id": str(campaign_id)}).webhooks
    if association == "client" and (client_id is None or client_id not in state.clients.rows):
        raise error(404, f"Client not found - {client_id}")
    return state.account_webhooks


@routes.get(r"/webhook/(?P<webhook_id>[^/]+)/?")
def get_webhook(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    webhook, _ = find_webhook(state, path_id(params, "webhook_id", "webhook"), read=True)
    return json_response(200, {"association_type": "campaign", **webhook})


@routes.put(r"/webhook/update/(?P<webhook_id>[^/]+)/?")
def update_webhook(state: State, request: Request, params: Params) -> Response:
    webhook, _ = find_webhook(state, path_id(params, "webhook_id", "webhook"))
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"name", "webhook_url", "event_types", "categories"})
    changes = {
        "name": body.text("name", allow_empty=False),
        "webhook_url": body.text("webhook_url"),
        "event_types": body.texts("event_types", min_items=1),
        "categories": body.texts("categories"),
    }
    merged = {**webhook, **{k: v for k, v in changes.items() if v is not None}}
    check_webhook(merged["webhook_url"], merged["event_types"], merged["categories"])
    webhook.update(merged, updated_at=iso_ms(state.clock.tick()))
    return json_response(200, {"ok": True, "data": _shown(webhook)})


@routes.delete(r"/webhook/delete/?")
def delete_account_webhook(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    webhook_id = Fields.of(request, allowed={"id"}).integer("id", required=True, minimum=1)
    _, table = find_webhook(state, webhook_id)
    del table[webhook_id]
    return json_response(200, {"ok": True})


# -- a campaign's deliveries ------------------------------------------------------------------


@routes.get(_CAMPAIGN_WEBHOOKS + "/summary/?")
def delivery_summary(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    q = QueryParams(request, allowed={"fromTime", "toTime"})
    start, end = _window(q.timestamp("fromTime"), q.timestamp("toTime"), "query")
    return json_response(200, state.outbox.summary(campaign.id, start, end))


@routes.post(_CAMPAIGN_WEBHOOKS + "/retrigger-failed-events/?")
def retrigger_failed(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {"fromTime", "toTime"})
    moments = []
    for name in ("fromTime", "toTime"):
        value = body.text(name, required=True)
        moment = parse_iso(value)
        if moment is None:
            raise body.fail(name, "must be in ISO 8601 date format")
        moments.append(moment)
    start, end = _window(moments[0], moments[1], "body")
    count = state.outbox.retrigger(campaign.id, start, end)
    return json_response(200, {"ok": True, "message": f"{count} failed events retriggered"})


def _window(start: datetime | None, end: datetime | None, source: str) -> tuple[int, int]:
    """``fromTime``/``toTime`` in epoch ms: both required, in order."""
    for name, moment in (("fromTime", start), ("toTime", end)):
        if moment is None:
            raise unprocessable(name, f'"{name}" is required', source)
    assert start is not None and end is not None
    if end < start:
        raise unprocessable("toTime", '"toTime" must be greater than or equal to "fromTime"',
                            source)
    return to_ms(start), to_ms(end)
