"""Routes: campaign analytics, analytics by date and statistics (see ``_reports``)."""

from __future__ import annotations

from datetime import date

from ._data import optional_ms
from ._http import Request, Response, error, json_response, unprocessable
from ._lookups import find_campaign
from ._params import QueryParams, known_zone
from ._reports import STATISTICS_STATUSES, analytics, analytics_by_date, statistics_page
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
ANALYTICS_MAX_DAYS = 30
STATISTICS_PAGE_MAX = 100


@routes.get(_CAMPAIGN + "/analytics/?")
def get_analytics(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    QueryParams(request, allowed={"client_id"}).optional_integer("client_id", positive=True)
    return json_response(200, analytics(state, campaign))


def _day(q: QueryParams, name: str) -> date:
    moment = q.timestamp(name)
    if moment is None:
        raise unprocessable(name, f'"{name}" is required')
    return moment.date()


@routes.get(_CAMPAIGN + "/analytics-by-date/?")
def get_analytics_by_date(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params, read=True)
    q = QueryParams(request, allowed={"start_date", "end_date", "time_zone"})
    start, end = _day(q, "start_date"), _day(q, "end_date")
    zone = q.raw("time_zone")  # days are counted in UTC whatever the zone
    if zone is not None and not known_zone(zone):
        raise error(400, f"Invalid time_zone - {zone}")
    if not 0 <= (end - start).days <= ANALYTICS_MAX_DAYS:
        raise error(
            400,
            "Invalid start_date & end_date range. Date difference should be max of 30days.",
        )
    return json_response(200, analytics_by_date(state, campaign, start, end))


@routes.get(_CAMPAIGN + "/statistics/?")
def get_statistics(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    q = QueryParams(request, allowed={
        "offset", "limit", "email_sequence_number", "email_status", "sent_time_start_date",
        "sent_time_end_date",
    })  # fmt: skip
    page = statistics_page(
        state,
        campaign,
        step=q.optional_integer("email_sequence_number", positive=True),
        status=q.choice("email_status", STATISTICS_STATUSES),
        sent=(optional_ms(q.timestamp("sent_time_start_date")),
              optional_ms(q.timestamp("sent_time_end_date"))),
        offset=q.integer("offset", 0, minimum=0),
        limit=q.integer("limit", STATISTICS_PAGE_MAX, minimum=1, maximum=STATISTICS_PAGE_MAX),
    )
    return json_response(200, page)
