"""Routes: the leads of a campaign: list, add, update, delete, pause, resume, unsubscribe,
categorise, complete by hand, pin to a sending mailbox."""

from __future__ import annotations

from typing import Any

from ._data import EMAIL_STATUSES, LEAD_STATUSES, LeadFilter, optional_ms
from ._http import Request, Response, error, json_response, text_response
from ._imports import ImportSettings, import_leads
from ._lead_actions import categorise, resume
from ._leads import LEAD_FIELDS
from ._lookups import (
    campaign_write,
    find_account,
    find_campaign,
    find_map_membership,
    find_membership,
    path_id,
)
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State
from ._webhook_events import publish_unsubscribe

__all__ = ["routes"]

routes = RouteTable()

LEADS_PAGE_MAX = 100
ADD_LEADS_MAX = 100
_LEADS = r"/campaigns/(?P<campaign_id>[^/]+)/leads"
_LEAD = _LEADS + r"/(?P<lead_id>[^/]+)"
_LIST_PARAMS = frozenset({
    "offset", "limit", "status", "lead_category_id", "emailStatus", "created_at_gt",
    "last_sent_time_gt", "event_time_gt",
})  # fmt: skip
_OK = {"ok": True}
_SUCCESS = {"ok": True, "data": "success"}


@routes.get(_LEADS + "/?")
def list_leads(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed=_LIST_PARAMS)
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", LEADS_PAGE_MAX, minimum=1, maximum=LEADS_PAGE_MAX)
    flt = LeadFilter(
        status=q.choice("status", LEAD_STATUSES),
        category=q.optional_integer("lead_category_id", positive=True),
        email_status=q.choice("emailStatus", EMAIL_STATUSES),
        created_gt_ms=optional_ms(q.timestamp("created_at_gt")),
        last_sent_gt_ms=optional_ms(q.timestamp("last_sent_time_gt")),
        event_gt_ms=optional_ms(q.timestamp("event_time_gt")),
    )
    campaign = find_campaign(state, params)
    state.churn(campaign)
    serials = state.filtered_leads(campaign, flt)
    page = serials[offset : offset + limit]
    return json_response(
        200,
        {
            "total_leads": str(len(serials)),
            "offset": offset,
            "limit": limit,
            "data": [state.leads.item_json(s) for s in page],
        },
    )


def lead_details(fields: Fields, *, email_required: bool) -> dict[str, Any]:
    """The fields of one ``<lead_input>``, checked (``phone_number`` may be a number)."""
    details: dict[str, Any] = {}
    for name in LEAD_FIELDS:
        value = fields.raw(name)
        if value is None:
            continue
        if name == "custom_fields":
            if not isinstance(value, dict):
                raise fields.fail(name, "must be of type object")
            details[name] = dict(value)
        elif name == "phone_number" and isinstance(value, int) and not isinstance(value, bool):
            details[name] = str(value)
        else:
            details[name] = fields.text(name)
    if email_required:
        fields.text("email", required=True)
    return details


@routes.post(_LEADS + "/?")
def add_leads(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {"lead_list", "settings"})
    leads = body.objects("lead_list", allowed=LEAD_FIELDS, required=True, min_items=1,
                         max_items=ADD_LEADS_MAX)
    settings = body.object("settings", allowed=ImportSettings._fields)
    options = ImportSettings()
    if settings is not None:
        options = ImportSettings(*(bool(settings.boolean(n)) for n in ImportSettings._fields))
    # Invalid emails are counted, not refused: only the shape of each lead is checked here.
    details = [lead_details(lead, email_required=False) for lead in leads]
    return json_response(200, import_leads(state, campaign, details, options))


@routes.post(_LEAD + "/?")
def update_lead(state: State, request: Request, params: Params) -> Response:
    _, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    changes = lead_details(Fields.of(request, allowed=LEAD_FIELDS), email_required=True)
    person = state.leads.person_of(serial)
    state.leads.update(person, changes)
    for _, member_of in state.live_memberships(person):  # the person's details changed there too
        member_of.changed()
    return json_response(200, _OK)


@routes.delete(_LEAD + "/?")
def delete_lead(state: State, request: Request, params: Params) -> Response:
    campaign, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    state.remove_lead(campaign, serial)
    return text_response(200, "success") if state.quirks else json_response(200, _OK)


@routes.post(_LEAD + "/pause/?")
def pause_lead(state: State, request: Request, params: Params) -> Response:
    _, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    state.change_lead(serial, status="PAUSED")
    return json_response(200, _SUCCESS)


@routes.post(_LEAD + "/resume/?")
def resume_lead(state: State, request: Request, params: Params) -> Response:
    _, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed={"resume_lead_with_delay_days"}).integer(
        "resume_lead_with_delay_days", minimum=0
    )
    resume(state, serial)
    return json_response(200, _SUCCESS)


@routes.post(_LEAD + "/unsubscribe/?")
def unsubscribe_lead(state: State, request: Request, params: Params) -> Response:
    campaign, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    state.unsubscribe_lead(serial, "PAUSED")  # "think of this as a pause" (reference)
    publish_unsubscribe(state, campaign, serial)
    return json_response(200, _OK)


@routes.post(_LEAD + "/category/?")
def set_category(state: State, request: Request, params: Params) -> Response:
    campaign, serial = find_membership(state, params)
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"category_id", "pause_lead"})
    categorise(state, campaign, serial, body, pause=bool(body.boolean("pause_lead")))
    return json_response(200, _OK)


@routes.post(_LEADS + r"/(?P<lead_map_id>[^/]+)/manual-complete/?")
def manual_complete(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    owner, serial = find_map_membership(state, path_id(params, "lead_map_id", "lead map"))
    if owner is not campaign:
        raise error(404, "Lead not found - Invalid lead map id for this campaign.")
    state.change_lead(serial, status="COMPLETED")
    return json_response(200, _OK)


@routes.post(r"/campaigns/update-lead-email-account/?")
def update_lead_email_account(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "email_account_id", "email_campaign_id", "email_lead_id", "override_lead_email_account",
    })  # fmt: skip
    ids = {
        "email_account_id": str(body.integer("email_account_id", required=True, minimum=1)),
        "campaign_id": str(body.integer("email_campaign_id", required=True, minimum=1)),
        "lead_id": str(body.integer("email_lead_id", required=True, minimum=1)),
    }
    body.boolean("override_lead_email_account")
    campaign, serial = find_membership(state, ids)
    account = find_account(state, ids)
    state.lead_accounts[serial] = int(account["id"])
    state.touch(campaign)
    return json_response(200, {"ok": True, "message": "Lead email account updated"})
