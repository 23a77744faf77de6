"""Routes: a lead's message thread, replying and forwarding from the master inbox, and the CSV
export."""

from __future__ import annotations

import re

from ._data import optional_ms, to_ms
from ._export import export_chunks
from ._http import Request, Response, error, json_response, stream_response, text_response
from ._lookups import campaign_write, find_campaign, find_membership
from ._messages import message_history, record_reply, thread_of
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

_CAMPAIGN = r"/campaigns/(?P<campaign_id>[^/]+)"
REPLY_QUEUED = "Email added to the queue, will be sent out soon!"
_ATTACHMENT_FIELDS = ("file_url", "file_type", "file_size")
_EMAIL = re.compile(r"[^@\s,]+@[^@\s,]+\.[^@\s,.]+")


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
    body.timestamp("reply_email_time")
    scheduled = body.timestamp("scheduled_time")
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
    message = record_reply(state, *thread, email_body)
    state.inbox.record_sent(
        message["message_id"], thread[0], stats_id, state.clock.now_ms,
        None if scheduled is None else to_ms(scheduled),
    )
    return text_response(200, REPLY_QUEUED)


@routes.post(_CAMPAIGN + "/forward-email/?")
def forward(state: State, request: Request, params: Params) -> Response:
    """The email must be one of the thread's; the recipients a comma-separated string."""
    campaign, body = campaign_write(state, request, params, {
        "message_id", "stats_id", "to_emails", "cc_emails", "bcc_emails",
        "forward_email_subject", "forward_email_body",
    })  # fmt: skip
    message_id = body.text("message_id", required=True, allow_empty=False)
    stats_id = body.text("stats_id", required=True, allow_empty=False)
    sent = {name: _addresses(body, name) for name in ("to_emails", "cc_emails", "bcc_emails")}
    if not sent["to_emails"]:
        raise body.fail("to_emails", "is required")
    subject = body.text("forward_email_subject")
    text = body.text("forward_email_body")
    thread = thread_of(state, campaign, stats_id)
    if thread is None:
        raise error(400, f"Invalid stats_id - {stats_id}")
    history = message_history(state, campaign, thread[0])["history"]
    if not any(message["message_id"] == message_id for message in history):
        raise error(400, f"Invalid message_id - {message_id}")
    now = state.clock.tick()
    forwarded = f"<fwd.{thread[0]:x}.{now:x}@mail.fake-smartlead.test>"
    state.inbox.record_sent(forwarded, thread[0], stats_id, now)
    state.inbox.forwards.setdefault(thread[0], []).append({
        "message_id": message_id, **sent, "forward_email_subject": subject,
        "forward_email_body": text,
    })  # fmt: skip
    return json_response(200, {"ok": True, "messageId": forwarded, "status": "success"})


def _addresses(body: Fields, name: str) -> list[str]:
    """A comma-separated string of email addresses, each checked."""
    value = body.text(name)
    addresses = [part.strip() for part in (value or "").split(",") if part.strip()]
    for address in addresses:
        if not _EMAIL.fullmatch(address):
            raise body.fail(name, f"must be comma-separated email addresses, got {address!r}")
    return addresses


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
