"""Routes: ``/master-inbox/...``: the views of threads, the actions keyed by a thread's
``email_lead_map_id``, reply status, untracked replies and blocking domains.

The views validate their body as the API documents it: ``limit`` 1 to 20, at most 5
campaign ids (15 for ``sent``), 20 email account ids and 10 of any other id, one id per
filter for ``assigned-me`` and ``views``, a ``sortBy`` the view knows.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ._data import MAP_ID_BASE, iso_ms, to_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._inbox import EMAIL_STATUS_FLAGS, Thread, ThreadFilter, find_thread, thread_json, view_threads
from ._lead_actions import categorise, resume
from ._lookups import path_id
from ._messages import thread_of
from ._params import Fields, QueryParams, parse_iso
from ._router import Params, RouteTable
from ._state import State

__all__ = ["VIEWS", "routes"]

routes = RouteTable()

VIEWS = (
    "inbox-replies", "unread-replies", "sent", "archived", "important", "snoozed", "reminders",
    "scheduled", "assigned-me", "views",
)  # fmt: skip
_BY_TIME = ("REPLY_TIME_DESC", "SENT_TIME_DESC")
#: Each view's orders, its default first.
_SORTS = {
    **{view: _BY_TIME for view in VIEWS},
    "reminders": ("REMINDER_TIME_ASC", "REMINDER_TIME_DESC"),
    "scheduled": ("SCHEDULED_TIME_ASC", "SCHEDULED_TIME_DESC"),
}
_ONE_ID_VIEWS = frozenset({"assigned-me", "views"})
_PAGE_MAX = 20
_SEARCH_MAX = 30
_IDS_MAX = 10
_FILTER_IDS = {  # JSON key -> ThreadFilter field
    "campaignId": "campaign_ids", "emailAccountId": "email_account_ids",
    "campaignTeamMemberId": "team_member_ids", "campaignTagId": "tag_ids",
    "campaignClientId": "client_ids",
}  # fmt: skip
_FILTER_KEYS = ("search", "leadCategories", "emailStatus", "replyTimeBetween", *_FILTER_IDS)
_CATEGORY_KEYS = ("isAssigned", "categoryIdsIn", "categoryIdsNotIn")
_BLOCK_SOURCES = ("manual", "bounce", "complaint", "invalid")
_PRIORITIES = ("LOW", "MEDIUM", "HIGH")
_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
_UNTRACKED_MAX = 100
_OK = {"ok": True}


# -- views ----------------------------------------------------------------------------------------


def _ids_max(view: str, key: str) -> int:
    if key == "campaignId":
        return 15 if view == "sent" else 5
    return 20 if key == "emailAccountId" else _IDS_MAX


def _ids(fields: Fields, key: str, *, maximum: int, single: bool) -> frozenset[int]:
    """An id filter: one id, or (unless ``single``) an array of 1 to ``maximum`` ids."""
    if not isinstance(fields.raw(key), list):
        value = fields.integer(key, minimum=1)
        return frozenset() if value is None else frozenset({value})
    if single:
        raise fields.fail(key, "must be a number")
    fields.array(key, min_items=1, max_items=maximum)
    return frozenset(fields.integers(key, required=True))


def _statuses(fields: Fields) -> tuple[str, ...]:
    """``emailStatus``: one status or an array of them."""
    if not isinstance(fields.raw("emailStatus"), list):
        status = fields.choice("emailStatus", EMAIL_STATUS_FLAGS)
        return () if status is None else (status,)
    statuses = fields.texts("emailStatus", required=True, min_items=1)
    for index, status in enumerate(statuses):
        if status not in EMAIL_STATUS_FLAGS:
            raise fields.fail(
                f"emailStatus[{index}]", f"must be one of [{', '.join(EMAIL_STATUS_FLAGS)}]"
            )
    return tuple(statuses)


def _time_range(fields: Fields) -> tuple[int, int] | None:
    ends = fields.texts("replyTimeBetween")
    if ends is None:
        return None
    if len(ends) != 2:
        raise fields.fail("replyTimeBetween", "must contain 2 items")
    moments = [parse_iso(end) for end in ends]
    for index, moment in enumerate(moments):
        if moment is None:
            raise fields.fail(f"replyTimeBetween[{index}]", "must be in ISO 8601 date format")
    start, end = (to_ms(moment) for moment in moments if moment is not None)
    return start, end


def _thread_filter(body: Fields, view: str) -> ThreadFilter:
    """The view's ``filters`` object, checked (``subSequenceId`` is known to ``views`` only)."""
    keys: Collection[str] = (*_FILTER_KEYS, "subSequenceId") if view == "views" else _FILTER_KEYS
    fields = body.object("filters", allowed=keys)
    if fields is None:
        return ThreadFilter()
    search = fields.text("search")
    if search is not None and len(search) > _SEARCH_MAX:
        raise fields.fail(
            "search", f"length must be less than or equal to {_SEARCH_MAX} characters long"
        )
    categories = fields.object("leadCategories", allowed=_CATEGORY_KEYS)
    category_ids: dict[str, frozenset[int]] = {}
    for key in ("categoryIdsIn", "categoryIdsNotIn"):
        if categories is not None and categories.array(key, max_items=_IDS_MAX) is not None:
            category_ids[key] = frozenset(categories.integers(key, required=True))
    ids = {
        name: _ids(fields, key, maximum=_ids_max(view, key), single=view in _ONE_ID_VIEWS)
        for key, name in _FILTER_IDS.items()
    }
    return ThreadFilter(
        search=search or None,
        is_assigned=None if categories is None else categories.boolean("isAssigned"),
        category_in=category_ids.get("categoryIdsIn", frozenset()),
        category_not_in=category_ids.get("categoryIdsNotIn", frozenset()),
        email_statuses=_statuses(fields),
        reply_between=_time_range(fields),
        sub_sequence_id=fields.integer("subSequenceId", minimum=1) if view == "views" else None,
        **ids,
    )


@routes.post(r"/master-inbox/(?P<view>" + "|".join(VIEWS) + ")/?")
def list_view(state: State, request: Request, params: Params) -> Response:
    """``{"ok": true, "data": [threads], "offset", "limit"}``; a short page is the last."""
    view = params["view"]
    q = QueryParams(request, allowed=() if view == "sent" else {"fetch_message_history"})
    history = q.boolean("fetch_message_history", False)
    body = Fields.of(request, allowed={"offset", "limit", "filters", "sortBy"})
    offset = body.integer("offset", minimum=0) or 0
    limit = body.integer("limit", minimum=1, maximum=_PAGE_MAX) or _PAGE_MAX
    sort_by = body.choice("sortBy", _SORTS[view]) or _SORTS[view][0]
    serials = view_threads(state, view, _thread_filter(body, view), sort_by)
    page = [find_thread(state, MAP_ID_BASE + serial) for serial in serials[offset : offset + limit]]
    return json_response(200, {
        "ok": True,
        "data": [thread_json(state, thread, history=history) for thread in page if thread],
        "offset": offset, "limit": limit,
    })  # fmt: skip


# -- one thread -----------------------------------------------------------------------------------


def _thread(state: State, map_id: int) -> Thread:
    thread = find_thread(state, map_id)
    if thread is None:
        raise error(404, "Lead not found - Invalid email_lead_map_id.")
    return thread


def _write(request: Request, allowed: Collection[str]) -> Fields:
    """The body of a write keyed by a thread (``email_lead_map_id`` is checked first)."""
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"email_lead_map_id", *allowed})
    body.integer("email_lead_map_id", required=True, minimum=1)
    return body


def _written(state: State, body: Fields) -> Thread:
    """The thread a write's body names, once every other field was checked."""
    return _thread(state, body.integer("email_lead_map_id", required=True))


@routes.get(r"/master-inbox/(?P<id>[^/]+)/?")
def get_thread(state: State, request: Request, params: Params) -> Response:
    """One thread, with its messages: ``{"ok": true, "data": {...}}``."""
    QueryParams(request, allowed=())
    thread = _thread(state, path_id(params, "id", "inbox"))
    return json_response(200, {"ok": True, "data": thread_json(state, thread, history=True)})


@routes.patch(r"/master-inbox/change-read-status/?")
def change_read_status(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"read_status"})
    read = body.boolean("read_status", required=True)
    thread = _written(state, body)
    stored = state.inbox.change(thread.serial)
    stored.read_ms = max(state.clock.now_ms, thread.reply_ms or 0) if read else None
    return json_response(200, {"ok": True, "message": "Read status updated successfully"})


@routes.patch(r"/master-inbox/update-category/?")
def update_category(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"category_id"})
    body.integer("category_id", minimum=1)
    thread = _written(state, body)
    categorise(state, thread.campaign, thread.serial, body)
    return json_response(200, _OK)


@routes.patch(r"/master-inbox/update-revenue/?")
def update_revenue(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"revenue"})
    revenue = body.raw("revenue")
    if isinstance(revenue, bool) or not isinstance(revenue, int | float):
        raise body.fail("revenue", "is required" if revenue is None else "must be a number")
    if revenue < 0:
        raise body.fail("revenue", "must be greater than or equal to 0")
    state.inbox.change(_written(state, body).serial).revenue = revenue
    return json_response(200, _OK)


@routes.post(r"/master-inbox/update-team-member/?")
def update_team_member(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"team_member_id"})
    member = body.integer("team_member_id", required=True, minimum=1)
    state.inbox.change(_written(state, body).serial).team_member_id = member
    return json_response(200, _OK)


@routes.post(r"/master-inbox/create-note/?")
def create_note(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"note_message"})
    note = body.text("note_message", required=True, allow_empty=False)
    state.inbox.change(_written(state, body).serial).notes.append(note)
    return json_response(200, _OK)


@routes.post(r"/master-inbox/create-task/?")
def create_task(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"name", "description", "priority", "due_date"})
    task = {
        "name": body.text("name", required=True, allow_empty=False),
        "description": body.text("description"),
        "priority": body.choice("priority", _PRIORITIES),
        "due_date": body.text("due_date"),
    }
    body.timestamp("due_date")
    state.inbox.change(_written(state, body).serial).tasks.append(task)
    return json_response(200, _OK)


@routes.post(r"/master-inbox/set-reminder/?")
def set_reminder(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"email_stats_id", "message", "reminder_time"})
    stats_id = body.text("email_stats_id", required=True, allow_empty=False)
    message = body.text("message", required=True, allow_empty=False)
    moment = body.timestamp("reminder_time", required=True)
    thread = _written(state, body)
    if not _in_thread(state, thread, stats_id):
        raise error(400, f"Invalid email_stats_id - {stats_id}")
    stored = state.inbox.change(thread.serial)
    stored.reminder = {"email_stats_id": stats_id, "message": message,
                       "reminder_time": body.text("reminder_time")}
    stored.reminder_ms = to_ms(moment)
    return json_response(200, _OK)


@routes.patch(r"/master-inbox/resume-lead/?")
def resume_lead(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {"campaign_id", "resume_delay_days"})
    campaign_id = body.integer("campaign_id", required=True, minimum=1)
    body.integer("resume_delay_days", minimum=0)
    thread = _written(state, body)
    if campaign_id != thread.campaign.id:
        raise error(400, f"Lead is not in campaign {campaign_id}")
    resume(state, thread.serial)
    return json_response(200, _OK)


@routes.post(r"/master-inbox/push-to-subsequence/?")
def push_to_subsequence(state: State, request: Request, params: Params) -> Response:
    body = _write(request, {
        "sub_sequence_id", "sub_sequence_delay_time", "stop_lead_on_parent_campaign_reply",
    })  # fmt: skip
    sub_id = body.integer("sub_sequence_id", required=True, minimum=1)
    body.integer("sub_sequence_delay_time", minimum=0)
    body.boolean("stop_lead_on_parent_campaign_reply")
    thread = _written(state, body)
    subsequence = state.campaigns.get(sub_id)
    if subsequence is None or subsequence is thread.campaign:
        raise error(404, f"Subsequence not found - {sub_id}")
    person = state.leads.person_of(thread.serial)
    if state.membership(subsequence, person) is None:
        serials = state.leads.allocate(subsequence.id, 1)
        state.leads.add(serials[0], {}, person)
        state.insert(subsequence, serials)
    state.inbox.change(thread.serial).sub_sequence_id = sub_id
    return json_response(200, _OK)


# -- account-wide ---------------------------------------------------------------------------------


@routes.post(r"/master-inbox/block-domains/?")
def block_domains(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"domains", "source"})
    domains = body.texts("domains", required=True, min_items=1)
    body.choice("source", _BLOCK_SOURCES)
    for index, domain in enumerate(domains):
        if not _DOMAIN.fullmatch(domain.strip()):
            raise body.fail(f"domains[{index}]", "must be a valid domain")
    added = state.block(domains, None)
    return json_response(200, {"ok": True, "message": f"{added} domains blocked"})


@routes.get(r"/master-inbox/reply-status/?")
def reply_status(state: State, request: Request, params: Params) -> Response:
    message_id = QueryParams(request, allowed={"message_id"}).raw("message_id")
    if not message_id:
        raise unprocessable("message_id", '"message_id" is required')
    record = state.inbox.outgoing.get(message_id)
    if record is None:
        raise error(404, "No reply found for the given message_id")
    scheduled = record["scheduled_ms"]
    pending = scheduled is not None and scheduled > state.clock.now_ms
    return json_response(200, {"ok": True, "data": {
        "message_id": message_id,
        "status": "SCHEDULED" if pending else "COMPLETED",
        "status_message": "Email scheduled" if pending else "Email sent successfully!",
        "event_time": iso_ms(record["sent_ms"]),
        "scheduled_time": None if scheduled is None else iso_ms(scheduled),
        "email_stats_id": record["email_stats_id"],
    }})  # fmt: skip


@routes.get(r"/master-inbox/untracked-replies/?")
def untracked_replies(state: State, request: Request, params: Params) -> Response:
    """Three envelopes deep: ``{ok, data: {success, message, data: {replies: [...]}}}``."""
    q = QueryParams(request, allowed={
        "limit", "offset", "fetchBody", "fetchAttachments", "from_email", "to_email",
        "subject_line",
    })  # fmt: skip
    limit = q.integer("limit", 20, minimum=1, maximum=_UNTRACKED_MAX)
    offset = q.integer("offset", 0, minimum=0)
    body, attachments = q.boolean("fetchBody", False), q.boolean("fetchAttachments", False)
    wanted = {name: (q.raw(name) or "").lower() for name in ("from_email", "to_email")}
    subject = (q.raw("subject_line") or "").lower()
    replies = [
        reply for reply in state.inbox.untracked
        if all(not value or reply[name].lower() == value for name, value in wanted.items())
        and subject in reply["subject"].lower()
    ]
    hidden = {name for name, shown in (("body", body), ("attachments", attachments)) if not shown}
    page = [{key: value for key, value in reply.items() if key not in hidden}
            for reply in replies[offset : offset + limit]]
    return json_response(200, {"ok": True, "data": {
        "success": True, "message": "Untracked replies fetched successfully",
        "data": {"replies": page},
    }})  # fmt: skip


# -- helpers --------------------------------------------------------------------------------------


def _in_thread(state: State, thread: Thread, stats_id: str) -> bool:
    """Whether ``stats_id`` names one of the emails of ``thread``."""
    found = thread_of(state, thread.campaign, stats_id)
    return found is not None and found[0] == thread.serial
