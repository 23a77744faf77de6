"""Routes: ``/analytics/*``, the account-wide analytics, computed by ``_analytics``.

The routes over a date range take ``start_date`` and ``end_date`` (``YYYY-MM-DD``, required:
422 when missing, 400 when unreadable, 422 when the end is before the start), ``timezone``
(400 when unknown; required by the ``...-by-sent-time`` routes), and comma-separated
``client_ids`` and ``campaign_ids`` (422 unless positive ids). Paged routes take ``offset`` and
``limit`` (1 to 100) and end with a short page. ``full_data`` and ``is_agency`` are checked
booleans that change nothing here. Where no source records a route's answer, the fake answers
``{"ok": true, "data": ...}`` with fields of its own, named after what public clients read
where they read any.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Hashable
from datetime import date, timedelta
from statistics import median
from typing import Any

from ._analytics import Figures, Mail, Scope, mailbox_of, mails, percent, tally
from ._campaigns import Campaign
from ._data import CATEGORIES, HOUR_MS
from ._http import Request, Response, error, json_response, unprocessable
from ._params import QueryParams, known_zone
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

#: The most rows a paged analytics route returns per request (no source documents a cap).
PAGE_MAX = 100
_RANGE = ("start_date", "end_date", "timezone", "client_ids", "campaign_ids")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_IDS = re.compile(r"[1-9]\d*(,[1-9]\d*)*")
_NEGATIVE = frozenset({"Not Interested", "Do Not Contact", "Wrong Person"})


# -- request parts --------------------------------------------------------------------------


def _day(q: QueryParams, name: str) -> date:
    value = q.raw(name)
    if value is None:
        raise unprocessable(name, f'"{name}" is required')
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise error(400, f"Invalid {name} - expected YYYY-MM-DD, got {value}") from None


def _ids(q: QueryParams, name: str) -> frozenset[int] | None:
    value = q.raw(name)
    if value is None:
        return None
    if not _IDS.fullmatch(value.replace(" ", "")):
        raise unprocessable(name, f'"{name}" must be a comma-separated list of ids')
    return frozenset(int(part) for part in value.replace(" ", "").split(","))


def _zone(q: QueryParams, *, required: bool = False) -> str | None:
    zone = q.raw("timezone")
    if zone is None and required:
        raise unprocessable("timezone", '"timezone" is required')
    if zone is not None and not known_zone(zone):
        raise error(400, f"Invalid timezone - {zone}")
    return zone


def _scope(
    state: State, request: Request, *, extra: Collection[str] = (),
    needs_timezone: bool = False, campaign_ids: bool = True,
) -> tuple[Scope, QueryParams]:
    """The campaigns, days and zone a ranged request reports on, and its other parameters."""
    allowed = {*_RANGE, *extra} - (set() if campaign_ids else {"campaign_ids"})
    q = QueryParams(request, allowed=allowed)
    first, last = _day(q, "start_date"), _day(q, "end_date")
    if last < first:
        raise unprocessable("end_date", '"end_date" must be greater than or equal to '
                                        '"start_date"')
    zone = _zone(q, required=needs_timezone)
    campaigns = _campaigns(state, q, campaign_ids=campaign_ids)
    return Scope(campaigns, first, last, Scope.zone_of(zone)), q


def _campaigns(state: State, q: QueryParams, *, campaign_ids: bool = True) -> list[Campaign]:
    clients = _ids(q, "client_ids")
    chosen = _ids(q, "campaign_ids") if campaign_ids else None
    return [
        campaign for campaign_id, campaign in sorted(state.campaigns.items())
        if (clients is None or campaign.client_id in clients)
        and (chosen is None or campaign_id in chosen)
    ]


def _flags(q: QueryParams, *names: str) -> None:
    for name in names:
        q.optional_boolean(name)


def _window(q: QueryParams) -> slice:
    offset = q.integer("offset", 0, minimum=0)
    return slice(offset, offset + q.integer("limit", PAGE_MAX, minimum=1, maximum=PAGE_MAX))


def _ok(data: Any) -> Response:
    return json_response(200, {"ok": True, "data": data})


def _rows(figures: dict[Hashable, Figures], keys: list[Hashable]) -> list[dict[str, Any]]:
    """The figures of each key, in order (zeros for a key with no events)."""
    return [figures.get(key, Figures()).json() for key in keys]


# -- campaigns ------------------------------------------------------------------------------


@routes.get(r"/analytics/campaign/overall-stats/?")
def campaign_overall_stats(state: State, request: Request, params: Params) -> Response:
    scope, q = _scope(state, request, extra=("limit", "offset", "full_data"))
    _flags(q, "full_data")
    page = scope.campaigns[_window(q)]
    figures = tally(state, scope, lambda mail, day: mail.campaign.id)
    rows = _rows(figures, [campaign.id for campaign in page])
    return _ok({"campaign_wise_performance": [
        {"id": campaign.id, "campaign_name": campaign.name, **row}
        for campaign, row in zip(page, rows, strict=True)
    ]})


@routes.get(r"/analytics/campaign/response-stats/?")
def campaign_response_stats(state: State, request: Request, params: Params) -> Response:
    scope, q = _scope(state, request, extra=("full_data",))
    _flags(q, "full_data")
    tones: dict[int, Counter[str]] = {campaign.id: Counter() for campaign in scope.campaigns}
    for mail in _replies(state, scope):
        tone = "positive" if mail.positive else (
            "negative" if mail.category in _NEGATIVE else "neutral")
        tones[mail.campaign.id].update(("total", tone))
    return _ok({"campaign_wise_response_stats": [
        {"email_campaign_id": campaign.id, "email_campaign_name": campaign.name,
         "total_response": tones[campaign.id]["total"],
         **{f"total_{tone}_response": tones[campaign.id][tone]
            for tone in ("positive", "negative", "neutral")}}
        for campaign in scope.campaigns
    ]})


def _replies(state: State, scope: Scope) -> list[Mail]:
    """The emails replied to on the scope's days."""
    return [mail for mail in mails(state, scope.campaigns)
            if mail.email.reply_ms is not None and scope.covers(mail.email.reply_ms)]


@routes.get(r"/analytics/campaign/follow-up-reply-rate/?")
def campaign_follow_up_reply_rate(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    figures = tally(state, scope, lambda mail, day: mail.email.step)
    steps = sorted(step for step in figures if isinstance(step, int) and step > 1)
    sent = sum(figures[step].counts["sent"] for step in steps)
    replied = sum(figures[step].counts["replied"] for step in steps)
    return _ok({
        "follow_up_sent": sent,
        "follow_up_replied": replied,
        "follow_up_reply_rate": percent(replied, sent),
        "sequence_wise": [
            {"seq_number": step, "sent": figures[step].counts["sent"],
             "replied": figures[step].counts["replied"],
             "reply_rate": percent(figures[step].counts["replied"], figures[step].counts["sent"])}
            for step in steps
        ],
    })


@routes.get(r"/analytics/campaign/lead-to-reply-time/?")
def campaign_lead_to_reply_time(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    hours = [((mail.email.reply_ms or 0) - mail.first_sent_ms) / HOUR_MS
             for mail in _replies(state, scope)]
    return _ok({
        "replies": len(hours),
        "average_hours": round(sum(hours) / len(hours), 2) if hours else None,
        "median_hours": round(median(hours), 2) if hours else None,
    })


@routes.get(r"/analytics/campaign/leads-take-for-first-reply/?")
def campaign_leads_take_for_first_reply(
    state: State, request: Request, params: Params
) -> Response:
    scope, _ = _scope(state, request)
    steps = Counter(mail.email.step for mail in _replies(state, scope))
    return _ok([{"seq_number": step, "lead_count": steps[step]} for step in sorted(steps)])


@routes.get(r"/analytics/campaign/list/?")
def campaign_list(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_ids"})
    return _ok([
        {"id": campaign.id, "name": campaign.name, "status": campaign.status,
         "client_id": campaign.client_id}
        for campaign in _campaigns(state, q, campaign_ids=False)
    ])


@routes.get(r"/analytics/campaign/status-stats/?")
def campaign_status_stats(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_ids"})
    statuses = Counter(campaign.status for campaign in _campaigns(state, q, campaign_ids=False))
    return _ok([{"status": status, "count": statuses[status]} for status in sorted(statuses)])


# -- clients --------------------------------------------------------------------------------


def _clients(state: State, q: QueryParams) -> list[dict[str, Any]]:
    chosen = _ids(q, "client_ids")
    return [row for client_id, row in sorted(state.clients.rows.items())
            if chosen is None or client_id in chosen]


@routes.get(r"/analytics/client/list/?")
def client_list(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_ids"})
    return _ok([{"id": row["id"], "name": row["name"], "email": row["email"]}
                for row in _clients(state, q)])


@routes.get(r"/analytics/client/month-wise-count/?")
def client_month_wise_count(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_ids"})
    months = Counter(str(row["created_at"])[:7] for row in _clients(state, q))
    return _ok([{"month": month, "count": months[month]} for month in sorted(months)])


@routes.get(r"/analytics/client/overall-stats/?")
def client_overall_stats(state: State, request: Request, params: Params) -> Response:
    scope, q = _scope(state, request, extra=("filter", "full_data", "limit", "offset"),
                      campaign_ids=False)
    _flags(q, "full_data")
    text = (q.raw("filter") or "").lower()
    clients = [row for row in _clients(state, q) if text in str(row["name"]).lower()]
    page = clients[_window(q)]
    figures = tally(state, scope, lambda mail, day: mail.campaign.client_id)
    rows = _rows(figures, [row["id"] for row in page])
    return _ok({"client_wise_performance": [
        {"client_id": client["id"], "client_name": client["name"], **row}
        for client, row in zip(page, rows, strict=True)
    ]})


# -- day by day -----------------------------------------------------------------------------


def _days(scope: Scope, figures: dict[Hashable, Figures], metrics: tuple[str, ...]) -> Response:
    """``{success, message, data: {day_wise_stats: [...]}}``, one entry per day (zeros too)."""
    days = []
    day = scope.first
    while day <= scope.last:
        counts = figures.get(day, Figures()).counts
        days.append({
            "date": day.strftime("%d %b"), "day_name": day.strftime("%A"),
            "email_engagement_metrics": {metric: counts[metric] for metric in metrics},
        })
        day += timedelta(days=1)
    return json_response(200, {
        "success": True, "message": "Email engagement stats fetched successfully!",
        "data": {"day_wise_stats": days},
    })


_DAY_METRICS = ("sent", "opened", "replied", "bounced", "unsubscribed")


def _by_day(mail: Mail, day: date) -> date:
    return day


@routes.get(r"/analytics/day-wise-overall-stats/?")
def day_wise_overall_stats(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    return _days(scope, tally(state, scope, _by_day), _DAY_METRICS)


@routes.get(r"/analytics/day-wise-overall-stats-by-sent-time/?")
def day_wise_overall_stats_by_sent_time(
    state: State, request: Request, params: Params
) -> Response:
    scope, _ = _scope(state, request, needs_timezone=True)
    return _days(scope, tally(state, scope, _by_day, by_sent=True), _DAY_METRICS)


@routes.get(r"/analytics/day-wise-positive-reply-stats/?")
def day_wise_positive_reply_stats(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    return _days(scope, tally(state, scope, _by_day), ("positive_replied",))


@routes.get(r"/analytics/day-wise-positive-reply-stats-by-sent-time/?")
def day_wise_positive_reply_stats_by_sent_time(
    state: State, request: Request, params: Params
) -> Response:
    scope, _ = _scope(state, request, needs_timezone=True)
    return _days(scope, tally(state, scope, _by_day, by_sent=True), ("positive_replied",))


# -- leads ----------------------------------------------------------------------------------


@routes.get(r"/analytics/lead/category-wise-response/?")
def lead_category_wise_response(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    categories = Counter(mail.category or "Uncategorized" for mail in _replies(state, scope))
    names = [*CATEGORIES, "Uncategorized"]
    return _ok({"lead_category_wise_response": [
        {"category_name": name, "count": categories[name]} for name in names
    ]})


@routes.get(r"/analytics/lead/overall-stats/?")
def lead_overall_stats(state: State, request: Request, params: Params) -> Response:
    scope, _ = _scope(state, request)
    leads: dict[str, set[int]] = {metric: set() for metric in
                                  ("sent", "replied", "positive_replied", "bounced",
                                   "unsubscribed")}
    for mail in mails(state, scope.campaigns):
        for metric, moment in mail.events():
            if metric in leads and scope.covers(moment):
                leads[metric].add(mail.serial)
    total = sum(len(campaign.leads) for campaign in scope.campaigns)
    return _ok({
        "total_leads": total,
        "contacted": len(leads["sent"]),
        "not_contacted": total - len(leads["sent"]),
        **{metric: len(leads[metric]) for metric in leads if metric != "sent"},
    })


# -- mailboxes ------------------------------------------------------------------------------


def _mailbox_figures(
    state: State, scope: Scope, key: str
) -> dict[Hashable, Figures]:
    """Figures per value of a mailbox row's ``key`` (``id``, ``type``), or per domain."""

    def group(mail: Mail, day: date) -> Hashable | None:
        row = mailbox_of(state, mail.campaign, mail.serial)
        if row is None:
            return None
        return str(row["from_email"]).rpartition("@")[2] if key == "domain" else row[key]

    return tally(state, scope, group)


def _mailboxes(state: State, scope: Scope) -> list[dict[str, Any]]:
    """The email accounts attached to the scope's campaigns, by id."""
    ids = {i for campaign in scope.campaigns for i in campaign.accounts}
    return [row for i, row in sorted(state.mailboxes.rows.items()) if i in ids]


@routes.get(r"/analytics/mailbox/domain-wise-health-metrics/?")
def mailbox_domain_wise_health_metrics(
    state: State, request: Request, params: Params
) -> Response:
    scope, q = _scope(state, request, extra=("full_data", "limit", "offset"))
    _flags(q, "full_data")
    domains = sorted({str(row["from_email"]).rpartition("@")[2]
                      for row in _mailboxes(state, scope)})[_window(q)]
    rows = _rows(_mailbox_figures(state, scope, "domain"), list(domains))
    return _ok({"domain_health_metrics": [
        {"domain": domain, **row} for domain, row in zip(domains, rows, strict=True)
    ]})


@routes.get(r"/analytics/mailbox/name-wise-health-metrics/?")
def mailbox_name_wise_health_metrics(
    state: State, request: Request, params: Params
) -> Response:
    scope, q = _scope(state, request, extra=("full_data", "is_bounced", "limit", "offset"))
    _flags(q, "full_data")
    bounced = q.optional_boolean("is_bounced")
    figures = _mailbox_figures(state, scope, "id")
    accounts = [
        row for row in _mailboxes(state, scope)
        if bounced is None or (figures.get(row["id"], Figures()).counts["bounced"] > 0) == bounced
    ][_window(q)]
    rows = _rows(figures, [row["id"] for row in accounts])
    return _ok({"email_health_metrics": [
        {"email_account_id": account["id"], "from_email": account["from_email"], **row}
        for account, row in zip(accounts, rows, strict=True)
    ]})


@routes.get(r"/analytics/mailbox/overall-stats/?")
def mailbox_overall_stats(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"client_ids"})
    chosen = _ids(q, "client_ids")
    rows = [row for row in state.mailboxes.rows.values()
            if chosen is None or row.get("client_id") in chosen]
    connected = sum(bool(row["is_smtp_success"] and row["is_imap_success"]) for row in rows)
    warming = sum(row["warmup_details"]["status"] == "ACTIVE" for row in rows)
    return _ok({"total": len(rows), "active": connected, "inactive": len(rows) - connected,
                "warmup_enabled": warming})


@routes.get(r"/analytics/mailbox/provider-wise-overall-performance/?")
def mailbox_provider_wise_overall_performance(
    state: State, request: Request, params: Params
) -> Response:
    scope, q = _scope(state, request, extra=("full_data",))
    _flags(q, "full_data")
    providers = sorted({str(row["type"]) for row in _mailboxes(state, scope)})
    rows = _rows(_mailbox_figures(state, scope, "type"), list(providers))
    return _ok({"provider_wise_performance": [
        {"provider": provider, **row} for provider, row in zip(providers, rows, strict=True)
    ]})


# -- account --------------------------------------------------------------------------------


@routes.get(r"/analytics/overall-stats-v2/?")
def overall_stats_v2(state: State, request: Request, params: Params) -> Response:
    scope, q = _scope(state, request, extra=("is_agency", "full_data"))
    _flags(q, "is_agency", "full_data")
    totals = _rows(tally(state, scope, lambda mail, day: 0), [0])[0]
    # Counts mix numbers and strings, as the live API's do.
    mixed = {name: str(value) if name in ("sent", "replied", "bounced") else value
             for name, value in totals.items()}
    return _ok({"overall_stats": mixed})


@routes.get(r"/analytics/team-board/overall-stats/?")
def team_board_overall_stats(state: State, request: Request, params: Params) -> Response:
    scope, q = _scope(state, request, extra=("full_data",))
    _flags(q, "full_data")
    totals = _rows(tally(state, scope, lambda mail, day: 0), [0])[0]
    return _ok({"team_board_stats": [{"user_id": state.user_id, "name": "Account owner",
                                      **totals}]})
