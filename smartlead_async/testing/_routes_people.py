"""Routes: ``/leads/...``, leads across every campaign: find by email, categories, a lead's
campaigns, unsubscribing everywhere, and the global block list."""

from __future__ import annotations

import re

from ._data import CATEGORIES, iso_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import find_person
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State
from ._webhook_events import publish_unsubscribe

__all__ = ["routes"]

routes = RouteTable()

_LEAD = r"/leads/(?P<lead_id>[^/]+)"
_CATEGORIES_CREATED_MS = 1_661_862_768_645  # 2022-08-30T12:32:48.645Z, as in the reference
_BLOCKABLE = re.compile(r"(?:[^@\s]+@)?[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)


@routes.get(r"/leads/?")
def lead_by_email(state: State, request: Request, params: Params) -> Response:
    email = QueryParams(request, allowed={"email"}).raw("email")
    if not email:
        raise unprocessable("email", '"email" is required')
    person = state.leads.find_email(email)
    if person is None:
        if state.quirks:
            return json_response(200, {})
        raise error(404, "Lead not found")
    return json_response(200, state.leads.person_json(person))


@routes.get(r"/leads/fetch-categories/?")
def categories(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed={"client_id"}).optional_integer("client_id", positive=True)
    return json_response(200, [
        {"id": n, "created_at": iso_ms(_CATEGORIES_CREATED_MS + (n - 1) * 6_700), "name": name}
        for n, name in enumerate(CATEGORIES, start=1)
    ])  # fmt: skip


@routes.get(_LEAD + "/campaigns/?")
def lead_campaigns(state: State, request: Request, params: Params) -> Response:
    person = find_person(state, params)
    QueryParams(request, allowed=())
    return json_response(200, [
        {"id": campaign.id, "status": campaign.status, "name": campaign.name}
        for _, campaign in state.live_memberships(person)
    ])  # fmt: skip


@routes.post(_LEAD + "/unsubscribe/?")
def unsubscribe_everywhere(state: State, request: Request, params: Params) -> Response:
    person = find_person(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    state.leads.unsubscribed.add(person)
    for serial, campaign in state.live_memberships(person):
        state.unsubscribe_lead(serial, "STOPPED")
        publish_unsubscribe(state, campaign, serial)
    return json_response(200, {"ok": True})


@routes.post(r"/leads/add-domain-block-list/?")
def block(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"domain_block_list", "client_id"})
    entries = body.texts("domain_block_list", required=True, min_items=1)
    client_id = body.integer("client_id", minimum=1)
    for entry in entries:
        if not _BLOCKABLE.fullmatch(entry.strip()):
            raise error(400, f"Invalid email or domain - {entry}")
    added = state.block(entries, client_id)
    return json_response(200, {"uploadCount": len(entries), "totalDomainAdded": added})
