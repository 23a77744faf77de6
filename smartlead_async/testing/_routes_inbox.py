"""Routes: a lead's message thread, replying from the master inbox, and the CSV export."""

from __future__ import annotations

from ._export import export_chunks
from ._http import Request, Response, error, json_response, stream_response, text_response
from ._lookups import campaign_write, find_campaign, find_membership
from ._messages import message_history, record_reply, thread_of
from ._params import QueryParams, parse_iso
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
REPLY_QUEUED = "Email added to the queue, will be sent out soon!"


@routes.get(_CAMPAIGN + r"/leads/(?P<lead_id>[^/]+)/message-history/?")
def get_message_history(state: State, request: Request, params: Params) -> Response:
    campaign, serial = find_membership(state, params, read=True)
    QueryParams(request, allowed=())
    return json_response(200, message_history(state, campaign, serial))


@routes.post(_CAMPAIGN + "/reply-email-thread/?")
def reply(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {
        "email_stats_id", "email_body", "reply_message_id", "reply_email_time",
        "reply_email_body", "cc", "bcc", "add_signature",
    })  # fmt: skip
    stats_id = body.text("email_stats_id", required=True)
    email_body = body.text("email_body", required=True, allow_empty=False)
    body.text("reply_message_id", required=True, allow_empty=False)
    if parse_iso(body.text("reply_email_time", required=True)) is None:
        raise body.fail("reply_email_time", "must be in ISO 8601 date format")
    body.text("reply_email_body", required=True)
    body.text("cc")
    body.text("bcc")
    body.boolean("add_signature")
    thread = thread_of(state, campaign, stats_id)
    if thread is None:
        raise error(400, f"Invalid email_stats_id - {stats_id}")
    record_reply(state, *thread, email_body)
    return text_response(200, REPLY_QUEUED)


@routes.get(_CAMPAIGN + "/leads-export/?")
def export_leads(state: State, request: Request, params: Params) -> Response:
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    disposition = f'attachment; filename="campaign-{campaign.id}-leads.csv"'.encode()
    return stream_response(
        200,
        b"text/csv; charset=utf-8",
        lambda: export_chunks(state, campaign),
        [(b"content-disposition", disposition)],
    )
