"""The fake SendKit's route: ``GET /v1/campaigns/{id}/leads``, by page or by cursor.

Errors answer in SendKit's shape, ``{"error": <reason>, "message": <what>, "code": <status>}``:
a 400 names the bad parameter (``limit`` 1..100, ``page`` >= 1, ``status`` among the eight
statuses, ``cursor`` an id), a 404 an unknown campaign. ``cursor`` wins over ``page``, as
SendKit says to use it "instead of page". Unknown parameters are ignored.
"""

from __future__ import annotations

from http import HTTPStatus

from ._http import Reject, Request, Response, json_response
from ._router import Params, RouteTable
from ._sendkit_state import STATUSES, SendkitState, is_object_id, pages_of

__all__ = ["DEFAULT_LIMIT", "error_body", "routes"]

routes = RouteTable()

#: The ``limit`` when a request sends none.
DEFAULT_LIMIT = 25


def error_body(status: int, message: str) -> Response:
    """An error response in SendKit's shape."""
    reason = HTTPStatus(status).phrase
    return json_response(status, {"error": reason, "message": message, "code": status})


def _bad(message: str) -> Reject:
    return Reject(error_body(400, message))


def _single(request: Request, name: str) -> str | None:
    values = request.query.get(name)
    if values is None:
        return None
    if len(values) > 1:
        raise _bad(f'"{name}" must be a single value')
    return values[0]


def _positive_int(request: Request, name: str, default: int, *, maximum: int | None = None) -> int:
    text = _single(request, name)
    if text is None:
        return default
    number = int(text) if text.isdigit() else 0
    if number < 1 or (maximum is not None and number > maximum):
        bounds = "at least 1" if maximum is None else f"between 1 and {maximum}"
        raise _bad(f'"{name}" must be an integer {bounds}, got {text!r}')
    return number


@routes.get(r"/campaigns/(?P<campaign_id>[^/]+)/leads/?")
def list_campaign_leads(state: SendkitState, request: Request, params: Params) -> Response:
    campaign_id = params["campaign_id"]
    if not is_object_id(campaign_id):
        raise _bad(f"Invalid campaign id {campaign_id!r}")
    limit = _positive_int(request, "limit", DEFAULT_LIMIT, maximum=100)
    page = _positive_int(request, "page", 1)
    status = _single(request, "status")
    if status is not None and status not in STATUSES:
        raise _bad(f'"status" must be one of {", ".join(STATUSES)}, got {status!r}')
    cursor = _single(request, "cursor")
    if cursor is not None and not is_object_id(cursor):
        raise _bad(f"Invalid cursor {cursor!r}")
    campaign = state.campaigns.get(campaign_id.lower())
    if campaign is None:
        raise Reject(error_body(404, "Campaign not found"))
    state.churn(campaign)
    if cursor is None:
        serials, total = state.page(campaign, status, page, limit)
        pagination: dict[str, object] = {
            "page": page, "limit": limit, "total": total, "pages": pages_of(total, limit),
        }
    else:
        serials = state.after(campaign, status, cursor, limit)
        pagination = {"limit": limit}
        if state.next_cursor_field:  # the next cursor named in the answer, null at the end
            last = state.lead_json(campaign, serials[-1])["_id"] if serials else None
            more = last is not None and bool(state.after(campaign, status, last, 1))
            pagination |= {"nextCursor": last if more else None, "hasMore": more}
    data = [state.lead_json(campaign, serial) for serial in serials]
    return json_response(200, {"success": True, "data": data, "pagination": pagination})
