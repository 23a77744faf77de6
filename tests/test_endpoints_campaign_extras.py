"""``client.campaigns`` extras (duplicate, subsequences, test emails, team member) and
``client.emails.send``, over respx. The two that send real email are never retried."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    EmailAttachmentInput,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    RateLimitError,
    ServerError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, open_client, sent, sent_requests

api, client = endpoint_fixtures()

CREATED = {"ok": True, "id": 3024, "name": "Q3 outreach (copy)",
           "created_at": "2025-11-03T10:00:00.000Z"}
PDF = base64.b64encode(b"%PDF-1.4").decode()


# -- duplicate, subsequence, team member ----------------------------------------------------


async def test_duplicate_posts_the_options_and_returns_the_copy(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/3023/duplicate").respond(json=CREATED)
    copy = await client.campaigns.duplicate(
        3023, duplicate_sub_sequence=True, duplicate_client_label=False)
    assert sent(route) == ("POST", "/campaigns/3023/duplicate", KEY, {
        "duplicate_sub_sequence": True, "duplicate_client_label": False,
    })
    assert (copy.id, copy.name) == (3024, "Q3 outreach (copy)")


async def test_duplicate_reads_the_copy_inside_data_too(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/3023/duplicate").respond(
        json={"ok": True, "data": {"id": 3025, "name": "copy"}})
    assert (await client.campaigns.duplicate(3023)).id == 3025
    assert sent(route)[3] == {}


async def test_duplicate_refuses_a_flag_that_is_not_a_bool(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="duplicate_sub_sequence must be True"):
        await client.campaigns.duplicate(3023, duplicate_sub_sequence="yes")  # type: ignore[arg-type]
    assert api.calls.call_count == 0


async def test_create_subsequence_posts_the_parent_and_name(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/create-subsequence").respond(json={**CREATED, "id": 3030})
    child = await client.campaigns.create_subsequence(
        3023, subsequence_name="Openers", extra_body={"condition_events": [{"type": "OPEN"}]})
    assert sent(route) == ("POST", "/campaigns/create-subsequence", KEY, {
        "parent_campaign_id": 3023, "subsequence_name": "Openers",
        "condition_events": [{"type": "OPEN"}],
    })
    assert child.id == 3030


@pytest.mark.parametrize(("member", "body"), [(7, {"teamMemberId": 7}),
                                              (None, {"teamMemberId": None})])
async def test_set_team_member_assigns_or_unassigns_with_null(
    api: respx.MockRouter, client: SmartleadClient, member: int | None, body: dict[str, Any]
) -> None:
    route = api.post("/campaigns/3023/team-member").respond(json={"ok": True})
    await client.campaigns.set_team_member(3023, member)
    assert sent(route) == ("POST", "/campaigns/3023/team-member", KEY, body)


# -- mail that is really sent ---------------------------------------------------------------


async def test_send_test_email_posts_the_camel_case_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/3023/send-test-email").respond(
        json={"ok": True, "message": "Test email sent"})
    answer = await client.campaigns.send_test_email(
        3023, lead_id=2995000003, sequence_number=2, selected_email_account_id=2907,
        custom_email_address="me@example.com",
    )
    assert sent(route) == ("POST", "/campaigns/3023/send-test-email", KEY, {
        "leadId": 2995000003, "sequenceNumber": 2, "selectedEmailAccountId": 2907,
        "customEmailAddress": "me@example.com",
    })
    assert answer.message == "Test email sent"


async def test_send_posts_the_email_with_its_attachments(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/send-email/initiate").respond(json={"ok": True, "message": "queued"})
    await client.emails.send(
        to="ada@example.com", subject="Your quote", body="<p>Attached.</p>",
        from_email="sales@acme.io", from_name="Acme Sales", reply_to="replies@acme.io",
        attachments=[EmailAttachmentInput(filename="quote.pdf", content=PDF,
                                          mime_type="application/pdf")],
    )
    assert sent(route) == ("POST", "/send-email/initiate", KEY, {
        "to": "ada@example.com", "subject": "Your quote", "body": "<p>Attached.</p>",
        "fromEmail": "sales@acme.io", "fromName": "Acme Sales", "replyTo": "replies@acme.io",
        "attachments": [{"filename": "quote.pdf", "content": PDF, "mimeType": "application/pdf"}],
    })


async def test_send_from_an_account_id(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/send-email/initiate").respond(json={"ok": True})
    await client.emails.send(to="ada@example.com", subject="Hi", body="x", from_email_id=2907)
    assert sent(route)[3] == {"to": "ada@example.com", "subject": "Hi", "body": "x",
                              "fromEmailId": 2907}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, InvalidArgumentError, "give exactly one of from_email and from_email_id"),
        ({"from_email": "a@b.co", "from_email_id": 3}, InvalidArgumentError, "exactly one"),
        ({"from_email_id": 3, "subject": ""}, InvalidArgumentError, "subject must be a non-empty"),
        ({"from_email_id": 3, "attachments": ["quote.pdf"]}, InvalidArgumentTypeError,
         r"attachments\[0\] must be a EmailAttachmentInput"),
    ],
)
async def test_send_refuses_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    arguments = {"to": "ada@example.com", "subject": "Hi", "body": "x", **kwargs}
    with pytest.raises(error, match=message):
        await client.emails.send(**arguments)
    assert api.calls.call_count == 0


def test_an_attachment_must_be_base64() -> None:
    with pytest.raises(InvalidArgumentError, match="content must be base64-encoded"):
        EmailAttachmentInput(filename="a.pdf", content="not base64!", mime_type="application/pdf")


def test_an_attachment_keeps_its_content_out_of_its_repr() -> None:
    attachment = EmailAttachmentInput(filename="a.pdf", content=PDF, mime_type="application/pdf")
    assert PDF not in repr(attachment) and "a.pdf" in repr(attachment)


SENDING: dict[str, tuple[str, Callable[..., Awaitable[Any]]]] = {
    "send_test_email": ("/campaigns/3023/send-test-email", lambda c, **o: (
        c.campaigns.send_test_email(3023, lead_id=1, sequence_number=1, **o))),
    "emails.send": ("/send-email/initiate", lambda c, **o: (
        c.emails.send(to="a@b.co", subject="s", body="b", from_email_id=1, **o))),
}


@pytest.mark.parametrize("failure", [httpx.Response(503), httpx.Response(429)],
                         ids=["503", "429"])
@pytest.mark.parametrize("call", list(SENDING))
async def test_sending_mail_is_never_retried_automatically(
    api: respx.MockRouter, call: str, failure: httpx.Response
) -> None:
    path, send = SENDING[call]
    route = api.post(path).mock(side_effect=[failure, httpx.Response(200, json={"ok": True})])
    async with open_client(max_retries=3) as retrying:
        with pytest.raises((ServerError, RateLimitError)) as raised:
            await send(retrying)
    assert len(sent_requests(route)) == 1 and raised.value.attempts == 1


@pytest.mark.parametrize("call", list(SENDING))
async def test_a_caller_may_ask_for_retries_of_mail_explicitly(
    api: respx.MockRouter, call: str
) -> None:
    path, send = SENDING[call]
    route = api.post(path).mock(side_effect=[httpx.Response(429),
                                             httpx.Response(200, json={"ok": True})])
    async with open_client(max_retries=3) as retrying:
        await send(retrying, max_retries=1)
    assert len(sent_requests(route)) == 2  # a 429 was not processed: safe to send again
