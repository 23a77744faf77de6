"""Routes: a campaign's lead, mailbox and sequence statistics and top-level analytics by date.

Figures come from the campaign's emails (``_messages``, ``_analytics``). No source records
these answers' fields (except the envelopes: ``{data, hasMore, skip, limit}`` for lead
statistics, ``{ok, data}`` for mailbox statistics); the fake names them after what public
clients read. A missing campaign is a 404 (with ``quirks``, the two reports answer ``200 {}``
as the live API's reads can).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, tzinfo

from ._analytics import Scope, mailbox_of, mails, percent
from ._data import MAP_ID_BASE, iso_ms, optional_ms, to_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import find_campaign
from ._messages import sent_emails
from ._params import QueryParams, known_zone
from ._reports import analytics_by_date
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
LEADS_STATISTICS_PAGE_MAX = 100
MAILBOX_STATISTICS_PAGE_MAX = 20
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WALL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?")


def _parsed(q: QueryParams, name: str, pattern: re.Pattern[str], *, required: bool) -> str | None:
    value = q.raw(name)
    if value is None:
        if required:
            raise unprocessable(name, f'"{name}" is required')
        return None
    try:
        if not pattern.fullmatch(value):
            raise ValueError(value)
        datetime.fromisoformat(value)
    except ValueError:
        raise error(400, f"Invalid {name} - {value}") from None
    return value


def _time_zone(q: QueryParams) -> str | None:
    zone = q.raw("time_zone")
    if zone is not None and not known_zone(zone):
        raise error(400, f"Invalid time_zone - {zone}")
    return zone


@routes.get(_CAMPAIGN + "/leads-statistics/?")
def leads_statistics(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    q = QueryParams(request, allowed={"limit", "offset", "event_time_gt"})
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", LEADS_STATISTICS_PAGE_MAX, minimum=1,
                      maximum=LEADS_STATISTICS_PAGE_MAX)
    after = optional_ms(q.timestamp("event_time_gt"))
    serials = [
        serial for serial in campaign.leads
        if after is None or (state.leads.traits(serial).event_ms or 0) > after
    ]
    rows = []
    for serial in serials[offset : offset + limit]:
        details = state.leads.details(state.leads.person_of(serial))
        emails = sent_emails(state, campaign, serial)
        history = [{"type": "SENT", "email_seq_number": e.step, "time": iso_ms(e.sent_ms)}
                   for e in emails]
        history += [{"type": "REPLY", "email_seq_number": e.step, "time": iso_ms(e.reply_ms)}
                    for e in emails if e.reply_ms is not None]
        rows.append({
            "campaign_lead_map_id": MAP_ID_BASE + serial,
            "lead_id": state.leads.lead_id(state.leads.person_of(serial)),
            "to": details.get("email"),
            "lead_name": f"{details.get('first_name') or ''} {details.get('last_name') or ''}"
                         .strip(),
            "status": state.leads.traits(serial).status,
            "sent_count": len(emails),
            "open_count": sum(e.open_ms is not None for e in emails),
            "click_count": sum(e.click_ms is not None for e in emails),
            "reply_count": sum(e.reply_ms is not None for e in emails),
            "history": history,
        })  # fmt: skip
    return json_response(200, {
        "data": rows, "hasMore": offset + limit < len(serials), "skip": offset, "limit": limit,
    })


@routes.get(_CAMPAIGN + "/mailbox-statistics/?")
def mailbox_statistics(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    q = QueryParams(request, allowed={
        "client_id", "offset", "limit", "start_date", "end_date", "time_zone", "private_api_key",
    })  # fmt: skip
    q.optional_integer("client_id", positive=True)
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", MAILBOX_STATISTICS_PAGE_MAX, minimum=1,
                      maximum=MAILBOX_STATISTICS_PAGE_MAX)
    start = _parsed(q, "start_date", _DAY, required=False)
    end = _parsed(q, "end_date", _DAY, required=False)
    if (start is None) != (end is None):
        raise error(400, "Both start_date and end_date are required to filter by date")
    zone = Scope.zone_of(_time_zone(q))
    scope = Scope([campaign], date.fromisoformat(start or "0001-01-01"),
                  date.fromisoformat(end or "9999-12-31"), zone)
    counts: dict[int, Counter[str]] = {}
    for mail in mails(state, [campaign]):
        row = mailbox_of(state, campaign, mail.serial)
        if row is None or not scope.covers(mail.email.sent_ms):
            continue
        counter = counts.setdefault(row["id"], Counter())
        for metric, _ in mail.events():
            counter[metric] += 1
    accounts = [state.mailboxes.rows[i] for i in sorted(campaign.accounts)
                if i in state.mailboxes.rows][offset : offset + limit]
    data = []
    for account in accounts:
        got = counts.get(account["id"], Counter())
        data.append({
            "email_account_id": account["id"], "from_email": account["from_email"],
            "from_name": account["from_name"], "sent_count": got["sent"],
            "open_count": got["opened"], "click_count": got["clicked"],
            "reply_count": got["replied"], "bounce_count": got["bounced"],
            "unsubscribed_count": got["unsubscribed"],
            "reply_rate": percent(got["replied"], got["sent"]),
        })  # fmt: skip
    return json_response(200, {"ok": True, "data": data})


@routes.get(_CAMPAIGN + "/top-level-analytics-by-date/?")
def top_level_analytics_by_date(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    q = QueryParams(request, allowed={"start_date", "end_date"})
    start = date.fromisoformat(str(_parsed(q, "start_date", _DAY, required=True)))
    end = date.fromisoformat(str(_parsed(q, "end_date", _DAY, required=True)))
    if end < start:
        raise unprocessable("end_date", '"end_date" must be greater than or equal to '
                                        '"start_date"')
    return json_response(200, analytics_by_date(state, campaign, start, end))


@routes.get(_CAMPAIGN + "/sequence-analytics/?")
def sequence_analytics(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    q = QueryParams(request, allowed={"start_date", "end_date", "time_zone"})
    zone = Scope.zone_of(_time_zone(q))
    start = _instant(str(_parsed(q, "start_date", _WALL_TIME, required=True)), zone, end=False)
    end = _instant(str(_parsed(q, "end_date", _WALL_TIME, required=True)), zone, end=True)
    steps: dict[int, Counter[str]] = {step["seq_number"]: Counter()
                                      for step in campaign.sequence}
    for mail in mails(state, [campaign]):
        if start <= mail.email.sent_ms <= end:
            steps.setdefault(mail.email.step, Counter()).update(
                metric for metric, _ in mail.events())
    ids = {step["seq_number"]: step["id"] for step in campaign.sequence}
    return json_response(200, {"ok": True, "data": [
        {"seq_number": number, "email_campaign_seq_id": ids.get(number),
         **{f"{name}_count": str(got[metric]) for name, metric in _STEP_COUNTS}}
        for number, got in sorted(steps.items())
    ]})


_STEP_COUNTS = (("sent", "sent"), ("open", "opened"), ("click", "clicked"),
                ("reply", "replied"), ("bounce", "bounced"))


def _instant(value: str, zone: tzinfo, *, end: bool) -> int:
    """Epoch ms of a day's start (or, for ``end``, its last millisecond) or of a wall time."""
    if len(value) == 10:
        value += " 23:59:59.999" if end else " 00:00:00"
    return to_ms(datetime.fromisoformat(value).replace(tzinfo=zone))
