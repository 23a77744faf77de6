"""Routes: campaigns themselves (list, get, create, duplicate, subsequences, delete, schedule,
settings, status, team member) and ``/campaigns/all-leads-activities``."""

from __future__ import annotations

import re
from typing import Any

from ._campaigns import Campaign
from ._data import DAY_MS, to_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import campaign_write, find_campaign
from ._params import Fields, QueryParams, compact, known_zone, parse_iso
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

ACTIVITIES_PAGE_MAX = 1000
_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
_HH_MM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: ``track_settings`` values: the reference's three and SmartLead's current spellings.
TRACK_SETTINGS = (
    "DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL",
    "CLICK_ON_A_LINK", "REPLY_TO_AN_EMAIL",
)  # fmt: skip
STOP_LEAD_SETTINGS = ("CLICK_ON_A_LINK", "REPLY_TO_AN_EMAIL")
#: Settings the route catalogue documents beyond the reference: true/false flags, then all.
_NEWER_FLAGS = (
    "force_plain_text", "auto_pause_domain_leads_on_reply", "ignore_ss_mailbox_sending_limit",
    "domain_level_rate_limit",
)  # fmt: skip
_NEWER_SETTINGS = (
    "name", *_NEWER_FLAGS, "bounce_autopause_threshold", "out_of_office_detection_settings",
    "ai_categorisation_options",
)  # fmt: skip
_OUT_OF_OFFICE = ("autoReactivateOOO", "reactivateOOOwithDelay", "autoCategorizeOOO")
#: ``POST /campaigns/{id}/status`` value -> the campaign status it leads to.
STATUS_ACTIONS = {"PAUSED": "PAUSED", "STOPPED": "STOPPED", "START": "ACTIVE"}
_OK = {"ok": True}


@routes.get(r"/campaigns/?")
def list_campaigns(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_id", "include_tags"})
    client_id = q.optional_integer("client_id", positive=True)
    include_tags = q.boolean("include_tags", default=False)
    campaigns = sorted(state.campaigns.values(), key=lambda c: c.id, reverse=True)
    return json_response(
        200,
        [
            state.campaign_json(c, include_tags=include_tags)
            for c in campaigns
            if client_id is None or c.client_id == client_id
        ],
    )


@routes.post(r"/campaigns/create/?")
def create_campaign(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"name", "client_id"})
    name = body.text("name") or "Untitled Campaign"
    campaign = state.add_campaign(name, "DRAFTED", body.integer("client_id", minimum=1),
                                  seeded=False)
    return _created(state, campaign)


def _created(state: State, campaign: Campaign) -> Response:
    """The answer of a route that created a campaign."""
    created_at = state.campaign_json(campaign)["created_at"]
    return json_response(
        200, {"ok": True, "id": campaign.id, "name": campaign.name, "created_at": created_at}
    )


@routes.post(r"/campaigns/create-subsequence/?")
def create_subsequence(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"parent_campaign_id", "subsequence_name",
                                       "condition_events"})
    parent_id = body.integer("parent_campaign_id", required=True, minimum=1)
    name = body.text("subsequence_name", allow_empty=False)
    body.array("condition_events")
    parent = find_campaign(state, {"campaign_id": str(parent_id)})
    child = state.add_campaign(name or f"{parent.name} - subsequence", "DRAFTED",
                               parent.client_id, seeded=False)
    child.configure({"parent_campaign_id": parent.id})
    return _created(state, child)


@routes.post(_CAMPAIGN + "/duplicate/?")
def duplicate_campaign(state: State, request: Request, params: Params) -> Response:
    source, body = campaign_write(
        state, request, params, {"duplicate_sub_sequence", "duplicate_client_label"}
    )
    copy = state.duplicate_campaign(
        source, sub_sequences=body.boolean("duplicate_sub_sequence") or False,
        client_label=body.boolean("duplicate_client_label") or False,
    )
    return _created(state, copy)


@routes.post(_CAMPAIGN + "/team-member/?")
def set_team_member(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {"teamMemberId"})
    campaign.settings["team_member_id"] = body.integer("teamMemberId", minimum=1)
    state.touch(campaign)
    return json_response(200, _OK)


@routes.get(_CAMPAIGN + "/?")
def get_campaign(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    include_tags = QueryParams(request, allowed={"include_tags"}).boolean("include_tags", False)
    return json_response(200, state.campaign_json(campaign, include_tags=include_tags))


@routes.delete(_CAMPAIGN + "/?")
def delete_campaign(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    del state.campaigns[campaign.id]
    return json_response(200, _OK)


@routes.post(_CAMPAIGN + "/schedule/?")
def update_schedule(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {
        "timezone", "days_of_the_week", "start_hour", "end_hour", "min_time_btwn_emails",
        "min_time_btw_emails", "max_new_leads_per_day", "schedule_start_time",
    })  # fmt: skip
    timezone = body.text("timezone", required=True)
    days = body.integers("days_of_the_week", required=True, min_items=1, minimum=0)
    if max(days) > 6:
        raise body.fail("days_of_the_week", "items must be less than or equal to 6")
    if not known_zone(timezone):
        raise error(400, f"Invalid timezone - {timezone}")
    hours = []
    for name in ("start_hour", "end_hour"):
        hour = body.text(name, required=True)
        if not _HH_MM.fullmatch(hour):
            raise error(400, f"Invalid {name} - {hour}")
        hours.append(hour)
    if hours[0] > hours[1]:
        raise error(400, "startHour cannot be greater than endHour")
    settings: dict[str, Any] = {
        "scheduler_cron_value": {
            "tz": timezone, "days": sorted(set(days)), "endHour": hours[1], "startHour": hours[0],
        },
        # The reference spells it min_time_btwn_emails, the newer docs min_time_btw_emails.
        "min_time_btwn_emails": body.integer("min_time_btw_emails", minimum=1)
        or body.integer("min_time_btwn_emails", minimum=1),
        "max_leads_per_day": body.integer("max_new_leads_per_day", minimum=1),
    }  # fmt: skip
    start = body.text("schedule_start_time")
    if start is not None:
        moment = parse_iso(start)
        if moment is None:
            raise body.fail("schedule_start_time", "must be in ISO 8601 date format")
        settings["schedule_start_time"] = start
    campaign.configure(settings)
    state.touch(campaign)
    return json_response(200, _OK)


@routes.post(_CAMPAIGN + "/settings/?")
def update_settings(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {
        "track_settings", "stop_lead_settings", "unsubscribe_text", "send_as_plain_text",
        "follow_up_percentage", "client_id", "enable_ai_esp_matching", *_NEWER_SETTINGS,
    })  # fmt: skip
    track = body.texts("track_settings")
    for value in track or ():
        if value not in TRACK_SETTINGS:
            raise error(400, f"Invalid track_settings value - {value}")
    stop = body.text("stop_lead_settings")
    if stop is not None and stop not in STOP_LEAD_SETTINGS:
        raise error(400, f"Invalid stop_lead_settings value - {stop}")
    changes = {
        "track_settings": track,
        "stop_lead_settings": stop,
        "unsubscribe_text": body.text("unsubscribe_text"),
        "send_as_plain_text": body.boolean("send_as_plain_text"),
        "follow_up_percentage": body.integer("follow_up_percentage", minimum=0, maximum=100),
        "enable_ai_esp_matching": body.boolean("enable_ai_esp_matching"),
        **_newer_settings(body),
    }
    campaign.configure(changes)
    if body.given("name"):
        campaign.name = body.text("name", allow_empty=False) or campaign.name
    if body.given("client_id"):
        campaign.client_id = body.integer("client_id", minimum=1)
    state.touch(campaign)
    return json_response(200, _OK)


def _newer_settings(body: Fields) -> dict[str, Any]:
    """The settings the route catalogue adds to the reference's, checked."""
    threshold = body.raw("bounce_autopause_threshold")  # a number, documented as a string
    if threshold is not None and not str(threshold).isdigit():
        raise body.fail("bounce_autopause_threshold", "must be a whole number")
    ooo = body.object("out_of_office_detection_settings", allowed=_OUT_OF_OFFICE)
    return {
        **{name: body.boolean(name) for name in _NEWER_FLAGS},
        "bounce_autopause_threshold": threshold,
        "out_of_office_detection_settings": None if ooo is None else compact({
            "autoReactivateOOO": ooo.boolean("autoReactivateOOO"),
            "reactivateOOOwithDelay": ooo.integer("reactivateOOOwithDelay", minimum=0),
            "autoCategorizeOOO": ooo.boolean("autoCategorizeOOO"),
        }),
        "ai_categorisation_options": body.array("ai_categorisation_options"),
    }


@routes.post(_CAMPAIGN + "/status/?")
def set_status(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {"status"})
    action = body.choice("status", tuple(STATUS_ACTIONS), required=True)
    campaign.status = STATUS_ACTIONS[action]
    state.touch(campaign)
    return json_response(200, _OK)


@routes.get(r"/campaigns/all-leads-activities/?")
def all_leads_activities(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"offset", "limit", "event_time_from", "event_time_to"})
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", 100, minimum=1, maximum=ACTIVITIES_PAGE_MAX)
    start = _activity_time(q, "event_time_from", end_of_day=False)
    end = _activity_time(q, "event_time_to", end_of_day=True)
    if end is not None and start is None:
        raise unprocessable("event_time_to", '"event_time_to" must be used with "event_time_from"')
    if start is not None and end is not None and end < start:
        raise unprocessable(
            "event_time_to", '"event_time_to" must be greater than or equal to "event_time_from"'
        )
    indices = state.activities.filtered(start, end)
    page = indices[offset : offset + limit]
    return json_response(
        200,
        {
            "data": [state.activities.json(i, state.campaigns) for i in page],
            "hasMore": offset + len(page) < len(indices),
        },
    )


def _activity_time(q: QueryParams, name: str, *, end_of_day: bool) -> int | None:
    """ISO 8601 or YYYY-MM-DD in epoch ms; a bare date as ``to`` means the end of that day."""
    value = q.raw(name)
    if value is None:
        return None
    moment = parse_iso(value)
    if moment is None:
        raise error(400, f"Invalid date format for {name}")
    ms = to_ms(moment)
    if end_of_day and _DATE_ONLY.fullmatch(value):
        ms += DAY_MS - 1
    return ms
