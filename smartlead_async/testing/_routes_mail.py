"""Routes: mail sent on request and mail read from mailboxes.

``POST /campaigns/{id}/send-test-email`` and ``POST /send-email/initiate`` record a
:class:`SentEmail` (``fake.sent_emails``) instead of sending anything; a suspended account
cannot send. ``POST /email-accounts/{id}/fetch-messages`` and its many-mailbox form read the
mailboxes of ``_mail``.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ._data import iso_ms, to_ms
from ._http import Request, Response, error, json_response
from ._lookups import campaign_write, find_account
from ._mail import SentEmail, mailbox_messages
from ._messages import step_content
from ._params import Fields, QueryParams, parse_iso
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

FETCH_LIMIT_MAX = 500
FETCH_LIMIT_DEFAULT = 100
_FETCH_FIELDS = ("limit", "folder", "includeBody", "from", "to")
_ATTACHMENT_FIELDS = ("filename", "content", "mimeType")


def _sender(state: State, account_id: int) -> dict[str, Any]:
    """The email account that sends, which must exist and not be suspended."""
    row = state.mailboxes.rows.get(account_id)
    if row is None:
        raise error(404, f"Email account not found - {account_id}")
    if row.get("is_suspended"):
        raise error(400, f"Email account {account_id} is suspended and cannot send")
    return row


def _record(state: State, **email: Any) -> SentEmail:
    now = state.clock.tick()
    sent = SentEmail(
        **email, sent_ms=now,
        message_id=f"<sent.{len(state.sent_emails) + 1}.{now:x}@mail.fake-smartlead.test>",
    )
    state.sent_emails.append(sent)
    return sent


@routes.post(r"/campaigns/(?P<campaign_id>[^/]+)/send-test-email/?")
def send_test_email(state: State, request: Request, params: Params) -> Response:
    campaign, body = campaign_write(state, request, params, {
        "leadId", "sequenceNumber", "selectedEmailAccountId", "customEmailAddress",
    })  # fmt: skip
    lead_id = body.integer("leadId", required=True, minimum=1)
    step = body.integer("sequenceNumber", required=True, minimum=1)
    chosen = body.integer("selectedEmailAccountId", minimum=1)
    custom = body.text("customEmailAddress", allow_empty=False)
    person = state.leads.person_by_lead_id(lead_id)
    serial = None if person is None else state.membership(campaign, person)
    if person is None or serial is None:
        raise error(404, "Lead not found - Invalid lead_id.")
    if not any(s["seq_number"] == step for s in campaign.sequence):
        raise error(400, f"Invalid sequenceNumber - campaign has no step {step}")
    account_id = chosen if chosen is not None else next(iter(campaign.accounts), None)
    if account_id is None:
        raise error(400, "No email account is attached to the campaign")
    content = step_content(state, campaign, serial, step)
    _record(
        state, kind="test", from_email=_sender(state, account_id)["from_email"],
        to=custom or state.leads.details(person)["email"], subject=content.subject,
        body=content.body, campaign_id=campaign.id,
    )
    return json_response(200, {"ok": True, "message": "Test email sent successfully"})


@routes.post(r"/send-email/initiate/?")
def send_single_email(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "to", "subject", "body", "fromEmail", "fromEmailId", "fromName", "replyTo", "attachments",
    })  # fmt: skip
    to = body.text("to", required=True, allow_empty=False)
    subject = body.text("subject", required=True, allow_empty=False)
    text = body.text("body", required=True)
    from_email, from_id = body.text("fromEmail"), body.integer("fromEmailId", minimum=1)
    body.text("fromName")
    body.text("replyTo")
    files = [_attachment(a) for a in body.objects("attachments", allowed=_ATTACHMENT_FIELDS) or ()]
    if from_id is None:
        if from_email is None:
            raise error(400, "fromEmail or fromEmailId is required")
        found = state.mailboxes.find_email(from_email)
        if found is None:
            raise error(404, f"Email account not found - {from_email}")
        from_id = int(found["id"])
    sent = _record(state, kind="single", from_email=_sender(state, from_id)["from_email"],
                   to=to, subject=subject, body=text, attachments=tuple(files))
    return json_response(200, {"ok": True, "message": "Email sent successfully",
                               "data": {"message_id": sent.message_id}})


def _attachment(fields: Fields) -> str:
    """An attachment's file name, once its base64 content and MIME type are checked."""
    name = fields.text("filename", required=True, allow_empty=False)
    fields.text("mimeType", required=True, allow_empty=False)
    try:
        base64.b64decode(fields.text("content", required=True), validate=True)
    except binascii.Error:
        raise fields.fail("content", "must be base64-encoded") from None
    return name


# -- reading mailboxes ------------------------------------------------------------------------


def _fetched(state: State, row: dict[str, Any], fields: Fields) -> list[dict[str, Any]]:
    """The messages one fetch asks for: a folder, a time window, newest first, ``limit``."""
    limit = fields.integer("limit", minimum=1, maximum=FETCH_LIMIT_MAX) or FETCH_LIMIT_DEFAULT
    folder = fields.text("folder", allow_empty=False) or "INBOX"
    with_body = fields.boolean("includeBody") or False
    window = []
    for name in ("from", "to"):
        value = fields.text(name)
        moment = None if value is None else parse_iso(value)
        if value is not None and moment is None:
            raise fields.fail(name, "must be in ISO 8601 date format")
        window.append(None if moment is None else iso_ms(to_ms(moment)))
    start, end = window
    messages = [
        m for m in mailbox_messages(state.hash, row, folder, state.sent_emails)
        if (start is None or m["date"] >= start) and (end is None or m["date"] <= end)
    ]
    if not with_body:
        messages = [{k: v for k, v in m.items() if k != "body"} for m in messages]
    return messages[:limit]


@routes.post(r"/email-accounts/(?P<email_account_id>[^/]+)/fetch-messages/?")
def fetch_messages(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params)
    QueryParams(request, allowed=())
    fields = Fields.of(request, allowed=_FETCH_FIELDS)
    return json_response(200, {"ok": True, "data": _fetched(state, row, fields)})


@routes.post(r"/email-accounts/multi/fetch-messages/?")
def fetch_many(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    items = request.json()
    if not isinstance(items, list) or not items:
        raise error(400, "The body must be a non-empty array of {account_id, ...}")
    results = []
    for index, item in enumerate(items):
        fields = Fields(item, allowed={"account_id", *_FETCH_FIELDS}, path=f"[{index}]",
                        strict=request.strict)
        account_id = fields.integer("account_id", required=True, minimum=1)
        row = find_account(state, {"email_account_id": str(account_id)})
        results.append({"email_account_id": account_id,
                        "messages": _fetched(state, row, fields)})
    return json_response(200, {"ok": True, "data": results})
