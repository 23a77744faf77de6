"""Routes: a lead's message thread, replying from the master inbox, and the CSV export."""

from __future__ import annotations

from ._data import optional_ms
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
_ATTACHMENT_FIELDS = ("file_url", "file_type", "file_size")


@routes.get(_CAMPAIGN + r"/leads/(?P<lead_id>[^/]+)/message-history/?")
def get_message_history(state: State, request: Request, params: Params) -> Response:
    campaign, serial = find_membership(state, params, read=True)
    q = QueryParams(request, allowed={"event_time_gt", "show_plain_text_response"})
    after = optional_ms(q.timestamp("event_time_gt"))
    q.boolean("show_plain_text_response", False)  # the fake's bodies are HTML either way
    return json_response(200, message_history(state, campaign, serial, after=after))


@routes.post(_CAMPAIGN + "/reply-email-thread/?")
def reply(state: State, request: Request, params: Params) -> Response:
    """Only ``email_stats_id`` and ``email_body`` are required, as the newer docs say."""
    campaign, body = campaign_write(state, request, params, {
        "email_stats_id", "email_body", "reply_message_id", "reply_email_time",
        "reply_email_body", "cc", "bcc", "add_signature", "to_email", "to_first_name",
        "to_last_name", "scheduled_time", "schedule_condition", "seq_type", "attachments",
    })  # fmt: skip
    stats_id = body.text("email_stats_id", required=True)
    email_body = body.text("email_body", required=True, allow_empty=False)
    body.text("reply_message_id", allow_empty=False)
    for name in ("reply_email_time", "scheduled_time"):
        moment = body.text(name)
        if moment is not None and parse_iso(moment) is None:
            raise body.fail(name, "must be in ISO 8601 date format")
    for name in ("reply_email_body", "cc", "bcc", "to_email", "to_first_name", "to_last_name",
                 "schedule_condition", "seq_type"):
        body.text(name)
    body.boolean("add_signature")
    for attachment in body.objects("attachments", allowed=_ATTACHMENT_FIELDS) or ():
        attachment.text("file_url", required=True, allow_empty=False)
        attachment.text("file_type")
        attachment.integer("file_size", minimum=0)
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
