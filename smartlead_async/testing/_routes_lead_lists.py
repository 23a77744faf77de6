"""Routes: lead lists (``/lead-list/...``) and the pushes that move leads between campaigns,
lists and the account (``/leads/campaign/push-to-list``, ``/leads/leads/push-between-lists``,
``/leads/push-to-campaign``, ``/leads/push-to-list``).

SmartLead does not document these answers; the fake answers ``{"ok": true, "data": <list>}``
for a list, ``{"ok": true, "data": [<list>...]}`` for the listing, and ``{"ok": true,
"message": ...}`` (with counts where a push or an import has them) for the writes.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from ._campaigns import Campaign
from ._http import Request, Response, error, json_response
from ._imports import ImportSettings, import_leads, is_email
from ._lead_lists import LeadList
from ._leads import LEAD_FIELDS
from ._lookups import find_campaign, find_map_membership, path_id
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._routes_leads import lead_details
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

PAGE_MAX = 1000
PAGE_DEFAULT = 10  # the documented default of GET /lead-list/
ACTIONS = ("copy", "move")
_LIST = r"/lead-list/(?P<list_id>[^/]+)"
_SELECTION = ("leadIds", "allLeads")


# -- lists ------------------------------------------------------------------------------------


@routes.get(r"/lead-list/?")
def list_lists(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"listName", "tagIds", "offset", "limit"})
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", PAGE_DEFAULT, minimum=1, maximum=PAGE_MAX)
    name = (q.raw("listName") or "").strip().lower()
    tags = _tag_ids(q.raw("tagIds"))
    lists = (
        lead_list for lead_list in state.lead_lists.newest_first()
        if name in lead_list.name.lower() and (not tags or tags & lead_list.tag_ids)
    )  # fmt: skip
    page = [state.lead_lists.json(lead_list) for lead_list in islice(lists, offset, offset + limit)]
    return json_response(200, {"ok": True, "data": page})


def _tag_ids(raw: str | None) -> set[int]:
    """``tagIds=1,2,3``: each must be a positive integer."""
    if raw is None:
        return set()
    parts = [part.strip() for part in raw.split(",")]
    if not all(part.isascii() and part.isdigit() and int(part) > 0 for part in parts):
        raise error(400, f"Invalid tagIds - {raw}")
    return {int(part) for part in parts}


@routes.post(r"/lead-list/?")
def create_list(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    lead_list = state.lead_lists.create(_list_name(request))
    return json_response(200, {"ok": True, "data": state.lead_lists.json(lead_list)})


def _list_name(request: Request) -> str:
    """The ``listName`` of a create or rename body (required, not blank)."""
    body = Fields.of(request, allowed={"listName"})
    return body.text("listName", required=True, allow_empty=False).strip()


def _find_list(state: State, list_id: int, key: str = "id") -> LeadList:
    lead_list = state.lead_lists.rows.get(list_id)
    if lead_list is None:
        raise error(404, f"Lead list not found - Invalid {key}.")
    return lead_list


@routes.get(_LIST + "/?")
def get_list(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    list_id = path_id(params, "list_id", "lead list")
    if state.quirks and list_id not in state.lead_lists.rows:
        return json_response(200, {})
    lead_list = _find_list(state, list_id)
    return json_response(200, {"ok": True, "data": state.lead_lists.json(lead_list)})


@routes.put(_LIST + "/?")
def rename_list(state: State, request: Request, params: Params) -> Response:
    lead_list = _find_list(state, path_id(params, "list_id", "lead list"))
    QueryParams(request, allowed=())
    lead_list.name = _list_name(request)
    state.lead_lists.touch(lead_list)
    return json_response(200, {"ok": True, "message": "Lead list updated"})


@routes.delete(_LIST + "/?")
def delete_list(state: State, request: Request, params: Params) -> Response:
    lead_list = _find_list(state, path_id(params, "list_id", "lead list"))
    QueryParams(request, allowed=())
    del state.lead_lists.rows[lead_list.id]  # its leads stay leads of the account
    return json_response(200, {"ok": True, "message": "Lead list deleted"})


@routes.post(r"/lead-list/assign-tags/?")
def assign_tags(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"listIds", "tagIds", "removeTagIds"})
    list_ids = body.integers("listIds", required=True, min_items=1)
    added = body.integers("tagIds", required=True)
    removed = body.integers("removeTagIds") or []
    lists = [_find_list(state, list_id, "listIds") for list_id in list_ids]
    for lead_list in lists:
        lead_list.tag_ids.difference_update(removed)
        lead_list.tag_ids.update(added)
        state.lead_lists.touch(lead_list)
    return json_response(200, {"ok": True, "message": "Tags updated"})


@routes.post(_LIST + "/import/?")
def import_into_list(state: State, request: Request, params: Params) -> Response:
    lead_list = _find_list(state, path_id(params, "list_id", "lead list"))
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "leadList", "fileName", "emailFieldsAdded", "customFields", "csvSettings",
    })  # fmt: skip
    leads = body.objects("leadList", allowed=LEAD_FIELDS, required=True, min_items=1)
    body.text("fileName", required=True, allow_empty=False)
    details = [lead_details(lead, email_required=False) for lead in leads]
    counts = {"invalid_email_count": 0, "duplicate_count": 0, "already_added_to_list": 0}
    seen: set[str] = set()
    people: list[int] = []
    new: list[dict[str, Any]] = []
    for lead in details:
        email = str(lead.get("email") or "").strip()
        if not is_email(email):
            counts["invalid_email_count"] += 1
        elif email.lower() in seen:
            counts["duplicate_count"] += 1
        elif not state.is_blocked(email):  # blocked leads are skipped, as in campaign adds
            seen.add(email.lower())
            person = state.leads.find_email(email)
            if person is None:
                new.append({**lead, "email": email})
            elif person in lead_list.people:
                counts["already_added_to_list"] += 1
            else:
                people.append(person)
    people += state.add_people(new)
    uploaded = lead_list.add(people)
    state.lead_lists.touch(lead_list)
    return json_response(200, {
        "ok": True, "upload_count": uploaded, "total_leads": len(details), **counts,
    })  # fmt: skip


# -- pushes -----------------------------------------------------------------------------------


@routes.post(r"/leads/campaign/push-to-list/?")
def push_campaign_to_list(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"campaignId", "listId", "leadMapIds", "allLeads"})
    campaign_id = body.integer("campaignId", required=True, minimum=1)
    lead_list = _find_list(state, body.integer("listId", required=True, minimum=1), "listId")
    campaign = find_campaign(state, {"campaign_id": str(campaign_id)})
    map_ids = _selected(body, "leadMapIds")
    serials = list(campaign.leads) if map_ids is None else [
        _serial_in(state, campaign, map_id) for map_id in dict.fromkeys(map_ids)
    ]
    lead_list.add(state.leads.person_of(serial) for serial in serials)
    for serial in serials:
        state.remove_lead(campaign, serial)
    state.lead_lists.touch(lead_list)
    return _pushed(len(serials), f"list {lead_list.id}")


@routes.post(r"/leads/leads/push-between-lists/?")
def push_between_lists(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"action", "leadIds", "fromListId", "toListId"})
    action = body.choice("action", ACTIONS, required=True)
    target = _find_list(state, body.integer("toListId", required=True, minimum=1), "toListId")
    from_id = body.integer("fromListId", minimum=1)
    source = None if from_id is None else _find_list(state, from_id, "fromListId")
    lead_ids = body.integers("leadIds")
    if lead_ids is None and source is None:
        raise body.fail("leadIds", "is required without fromListId")
    if lead_ids is None:
        assert source is not None
        people = list(source.people)
    else:
        people = _people(state, lead_ids)
        outside = [p for p in people if source is not None and p not in source.people]
        if outside:
            raise error(400, f"Lead {state.leads.lead_id(outside[0])} is not in list {from_id}")
    target.add(people)
    if action == "move":
        for lead_list in [source] if source is not None else list(state.lead_lists.rows.values()):
            if lead_list is not target:
                lead_list.remove(people)
    state.lead_lists.touch(target)
    return _pushed(len(people), f"list {target.id}")


@routes.post(r"/leads/push-to-campaign/?")
def push_to_campaign(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "campaignId", "campaignName", "action", "leadList", "csvSettings", "filters",
    })  # fmt: skip
    campaign = _named_campaign(state, body)
    action = body.choice("action", ACTIONS, required=True)
    for name in ("csvSettings", "filters"):  # contents undocumented: any object
        if body.given(name) and not isinstance(body.raw(name), dict):
            raise body.fail(name, "must be of type object")
    selection = body.object("leadList", allowed={"listId", *_SELECTION})
    if selection is None:
        raise body.fail("leadList", "is required")
    lead_list = _find_list(state, selection.integer("listId", required=True, minimum=1),
                           "leadList.listId")
    lead_ids = _selected(selection, "leadIds")
    people = list(lead_list.people) if lead_ids is None else _people(state, lead_ids)
    missing = [p for p in people if p not in lead_list.people]
    if missing:
        raise error(400, f"Lead {state.leads.lead_id(missing[0])} is not in list {lead_list.id}")
    details = [state.leads.details(person) for person in people]
    answer = import_leads(state, campaign, details, ImportSettings())
    if action == "move":
        lead_list.remove(p for p in people if state.membership(campaign, p) is not None)
        state.lead_lists.touch(lead_list)
    return json_response(200, answer)


def _named_campaign(state: State, body: Fields) -> Campaign:
    """The campaign of ``campaignId`` or, failing that, the one named ``campaignName``."""
    campaign_id = body.integer("campaignId", minimum=1)
    name = body.text("campaignName", allow_empty=False)
    if (campaign_id is None) == (name is None):
        raise error(400, "Send exactly one of campaignId and campaignName")
    if campaign_id is not None:
        return find_campaign(state, {"campaign_id": str(campaign_id)})
    found = next((c for c in state.campaigns.values() if c.name == name), None)
    if found is None:
        raise error(404, f"Campaign not found - {name}")
    return found


@routes.post(r"/leads/push-to-list/?")
def push_to_list(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"listId", "action", *_SELECTION})
    lead_list = _find_list(state, body.integer("listId", required=True, minimum=1), "listId")
    action = body.choice("action", ACTIONS, required=True)
    lead_ids = _selected(body, "leadIds")
    people = list(state.leads.people()) if lead_ids is None else _people(state, lead_ids)
    lead_list.add(people)
    if action == "move":  # "deactivate": the leads leave their campaigns
        for person in people:
            state.leave_campaigns(person)
    state.lead_lists.touch(lead_list)
    return _pushed(len(people), f"list {lead_list.id}")


def _selected(body: Fields, ids_key: str) -> list[int] | None:
    """The ids a push names, or None for ``allLeads: true``."""
    all_leads = body.boolean("allLeads")
    ids = body.integers(ids_key)
    if all_leads and ids is not None:
        raise error(400, f"Send {ids_key} or allLeads, not both")
    if all_leads:
        return None
    if ids is None:
        raise body.fail(ids_key, "is required without allLeads")
    return ids


def _people(state: State, lead_ids: list[int]) -> list[int]:
    """The people of ``lead_ids`` (each must be a lead of the account)."""
    people = []
    for lead_id in lead_ids:
        person = state.leads.person_by_lead_id(lead_id)
        if person is None:
            raise error(400, f"Lead not found - {lead_id}")
        people.append(person)
    return people


def _serial_in(state: State, campaign: Campaign, map_id: int) -> int:
    owner, serial = find_map_membership(state, map_id)
    if owner is not campaign:
        raise error(400, f"Lead map id {map_id} is not in campaign {campaign.id}")
    return serial


def _pushed(count: int, where: str) -> Response:
    return json_response(200, {"ok": True, "message": f"{count} leads pushed to {where}"})
