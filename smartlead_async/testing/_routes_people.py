"""Routes: ``/leads/...``, leads across every campaign: every lead (by cursor), one lead,
find by email, categories, a lead's campaigns and sequence, unsubscribing everywhere, and the
global block list."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from ._campaigns import Campaign
from ._data import CATEGORIES, EMAIL_STATUSES, LEAD_STATUSES, MAP_ID_BASE, iso_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lead_index import LEAD_TYPES, AccountLeadFilter, account_leads
from ._lookups import find_map_membership, find_person, path_id
from ._messages import sent_emails
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State
from ._webhook_events import publish_unsubscribe

__all__ = ["routes"]

routes = RouteTable()

_LEAD = r"/leads/(?P<lead_id>[^/]+)"
_CATEGORIES_CREATED_MS = 1_661_862_768_645  # 2022-08-30T12:32:48.645Z, as in the reference
_BLOCKABLE = re.compile(r"(?:[^@\s]+@)?[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
PAGE_MAX = 1000  # limit of /leads/all and /leads/get-domain-block-list
_ALL_LEADS_PARAMS = frozenset({
    "limit", "lastSeenLeadId", "campaignId", "status", "emailStatus", "leadType", "listId",
    "clientId", "leadEmail",
})  # fmt: skip
_BLOCK_LIST_PARAMS = frozenset({
    "offset", "limit", "filter_client_id", "filter_email_or_domain", "filter_email_with_domain",
})  # fmt: skip
_FINISHED = frozenset({"COMPLETED", "STOPPED"})


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


@routes.get(r"/leads/all/?")
def all_leads(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed=_ALL_LEADS_PARAMS)
    limit = q.integer("limit", 100, minimum=1, maximum=PAGE_MAX)
    after = q.optional_integer("lastSeenLeadId", positive=True)
    flt = AccountLeadFilter(
        campaign_id=q.optional_integer("campaignId", positive=True),
        status=q.choice("status", LEAD_STATUSES),
        email_status=q.choice("emailStatus", EMAIL_STATUSES),
        lead_type=q.choice("leadType", LEAD_TYPES),
        list_id=q.optional_integer("listId", positive=True),
        client_id=q.optional_integer("clientId", positive=True),
        email=q.raw("leadEmail"),
    )
    people = islice(account_leads(state, flt, after_lead_id=after), limit)
    leads = [state.leads.person_json(person) for person in people]
    return json_response(200, {"ok": True, "data": {"leads": leads}})


@routes.get(_LEAD + "/?")
def lead_by_id(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    person = state.leads.person_by_lead_id(path_id(params, "lead_id", "lead"))
    if person is None:
        if state.quirks:
            return json_response(200, {})
        raise error(404, "Lead not found - Invalid lead_id.")
    return json_response(200, [state.leads.person_json(person)])  # a one-item array


@routes.get(_LEAD + "/campaign-overview/?")
def campaign_overview(state: State, request: Request, params: Params) -> Response:
    person = find_person(state, params)
    QueryParams(request, allowed=())
    overview = [
        {
            "campaign_id": campaign.id,
            "campaign_name": campaign.name,
            "campaign_status": campaign.status,
            "lead_status": state.leads.traits(serial).status,
            "lead_category_id": state.leads.traits(serial).category,
            "campaign_lead_map_id": MAP_ID_BASE + serial,
            "email_account_id": state.lead_accounts.get(serial),
        }
        for serial, campaign in state.live_memberships(person)
    ]
    return json_response(200, {"ok": True, "data": overview})


@routes.get(r"/leads/(?P<lead_map_id>[^/]+)/sequence-details/?")
def sequence_details(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"campaignId"})
    campaign_id = q.optional_integer("campaignId", positive=True)
    campaign, serial = find_map_membership(state, path_id(params, "lead_map_id", "lead map"))
    if campaign_id is not None and campaign_id != campaign.id:
        raise error(404, "Lead not found - Invalid lead map id for this campaign.")
    return json_response(200, {"ok": True, "data": {
        "campaign_id": campaign.id,
        "campaign_lead_map_id": MAP_ID_BASE + serial,
        "email_account_id": state.lead_accounts.get(serial),
        "steps": _steps(state, campaign, serial),
    }})  # fmt: skip


def _steps(state: State, campaign: Campaign, serial: int) -> list[dict[str, Any]]:
    """Each sequence step for one lead: SENT (with its time), PENDING, or SKIPPED once the lead
    is finished (completed or stopped) without it."""
    sent = {email.step: email for email in sent_emails(state, campaign, serial)}
    finished = state.leads.traits(serial).status in _FINISHED
    steps = []
    for step in sorted(campaign.sequence, key=lambda s: int(s["seq_number"])):
        number = int(step["seq_number"])
        email = sent.get(number)
        steps.append({
            "seq_number": number,
            "subject": step.get("subject"),
            "status": "SENT" if email else "SKIPPED" if finished else "PENDING",
            "sent_time": iso_ms(email.sent_ms) if email else None,
        })  # fmt: skip
    return steps


@routes.get(r"/leads/get-domain-block-list/?")
def block_list(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed=_BLOCK_LIST_PARAMS)
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", PAGE_MAX, minimum=1, maximum=PAGE_MAX)
    entries = state.block_list.entries(
        client_id=q.optional_integer("filter_client_id", positive=True),
        containing=q.raw("filter_email_or_domain"),
        of_domain=q.raw("filter_email_with_domain"),
    )
    return json_response(200, [entry.json() for entry in islice(entries, offset, offset + limit)])


@routes.delete(r"/leads/delete-domain-block-list/?")
def unblock(state: State, request: Request, params: Params) -> Response:
    entry_id = QueryParams(request, allowed={"id"}).required_integer("id", positive=True)
    if not state.block_list.remove(entry_id):
        raise error(404, f"Block list entry not found - {entry_id}")
    return json_response(200, {"ok": True})
