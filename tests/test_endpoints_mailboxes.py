"""``client.email_accounts``: delete, suspend, unsuspend, fetch messages, and
``client.email_accounts.tags``, over respx."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MailboxFetchInput,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, open_client, sent, sent_requests

api, client = endpoint_fixtures()

TAG = {"id": 1220, "name": "VIP", "color": "#FF5733", "created_at": "2025-11-03T10:00:00.000Z",
       "user_id": 9}
MESSAGE = {"message_id": "<a1@acme.com>", "uid": "12", "folder": "INBOX", "subject": "Re: hi",
           "from": "ada@acme.com", "to": "me@x.co", "date": "2025-11-30T07:00:00.000Z",
           "flags": ["\\Seen"]}


# -- the account itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "verb", "path"),
    [
        ("delete", "DELETE", "/email-accounts/2907"),
        ("suspend", "PUT", "/email-accounts/suspend/2907"),
        ("unsuspend", "DELETE", "/email-accounts/unsuspend/2907"),
    ],
)
async def test_account_actions_call_their_route_without_a_body(
    api: respx.MockRouter, client: SmartleadClient, method: str, verb: str, path: str
) -> None:
    route = api.route(method=verb, path=path).respond(json={"ok": True, "message": "done"})
    answer = await getattr(client.email_accounts, method)(2907)
    assert sent(route) == (verb, path, KEY, None)
    assert (answer.ok, answer.message) == (True, "done")


@pytest.mark.parametrize("method", ["delete", "suspend", "unsuspend", "fetch_messages"])
async def test_account_actions_refuse_a_bad_id_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, method: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="email_account_id must be >= 1, got 0"):
        await getattr(client.email_accounts, method)(0)
    assert api.calls.call_count == 0


async def test_suspended_flag_and_tags_of_an_account_are_decoded(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/email-accounts/2907/").respond(
        json={"id": 2907, "is_suspended": True, "tags": [TAG]})
    account = await client.email_accounts.get(2907, fetch_tags=True)
    assert account.is_suspended is True
    assert [(tag.id, tag.name, tag.color) for tag in account.tags] == [(1220, "VIP", "#FF5733")]


async def test_fetch_messages_posts_the_options_and_decodes_the_messages(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/2907/fetch-messages").respond(
        json={"ok": True, "data": [MESSAGE]})
    messages = await client.email_accounts.fetch_messages(
        2907, limit=20, folder="INBOX", include_body=False,
        from_date=datetime(2025, 11, 1, tzinfo=UTC), to_date="2025-11-30",
    )
    assert sent(route) == ("POST", "/email-accounts/2907/fetch-messages", KEY, {
        "limit": 20, "folder": "INBOX", "includeBody": False,
        "from": "2025-11-01T00:00:00.000Z", "to": "2025-11-30",
    })
    (message,) = messages
    assert (message.message_id, message.uid, message.from_) == ("<a1@acme.com>", 12,
                                                                "ada@acme.com")
    assert message.date == datetime(2025, 11, 30, 7, tzinfo=UTC)
    assert message.extra == {"flags": ["\\Seen"]}


async def test_fetch_messages_is_a_read_and_is_retried_like_a_get(
    api: respx.MockRouter,
) -> None:
    route = api.post("/email-accounts/2907/fetch-messages").mock(side_effect=[
        httpx.Response(503), httpx.Response(200, json={"ok": True, "data": []}),
    ])
    async with open_client(max_retries=1) as retrying:
        assert await retrying.email_accounts.fetch_messages(2907) == []
    assert len(sent_requests(route)) == 2


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"limit": 501}, InvalidArgumentError, "MailboxFetchInput.limit must be between 1 and 500"),
        ({"folder": ""}, InvalidArgumentError, "MailboxFetchInput.folder must be a non-empty"),
        ({"include_body": "yes"}, InvalidArgumentTypeError, "include_body must be True or False"),
        ({"from_date": "yesterday"}, InvalidArgumentError, "from_date must be an ISO 8601"),
    ],
)
async def test_fetch_messages_refuses_bad_options_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error, match=message):
        await client.email_accounts.fetch_messages(2907, **kwargs)
    assert api.calls.call_count == 0


async def test_fetch_messages_many_posts_an_array_and_groups_by_account(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/multi/fetch-messages").respond(json={"ok": True, "data": [
        {"account_id": 2907, "messages": [MESSAGE]}, {"email_account_id": 2908, "messages": []},
    ]})
    results = await client.email_accounts.fetch_messages_many([
        MailboxFetchInput(account_id=2907, limit=5, include_body=True),
        MailboxFetchInput(account_id=2908, folder="Sent"),
    ])
    assert sent(route) == ("POST", "/email-accounts/multi/fetch-messages", KEY, [
        {"account_id": 2907, "limit": 5, "includeBody": True},
        {"account_id": 2908, "folder": "Sent"},
    ])
    assert [(r.email_account_id, len(r.messages)) for r in results] == [(2907, 1), (2908, 0)]


@pytest.mark.parametrize(
    ("mailboxes", "error", "message"),
    [
        ([], InvalidArgumentError, "mailboxes must contain at least one MailboxFetchInput"),
        ([{"account_id": 1}], InvalidArgumentTypeError, r"mailboxes\[0\] must be a Mailbox"),
    ],
)
async def test_fetch_messages_many_refuses_bad_mailboxes_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, mailboxes: Any,
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error, match=message):
        await client.email_accounts.fetch_messages_many(mailboxes)
    assert api.calls.call_count == 0


# -- tags -----------------------------------------------------------------------------------


async def test_tags_list_decodes_the_tags_and_keeps_unknown_fields(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/email-accounts/tags").respond(json={"ok": True, "data": [TAG]})
    (tag,) = await client.email_accounts.tags.list()
    assert sent(route) == ("GET", "/email-accounts/tags", KEY, None)
    assert (tag.id, tag.name, tag.color, tag.extra) == (1220, "VIP", "#FF5733", {"user_id": 9})


async def test_tags_create_posts_to_the_newer_route(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/tags").respond(json={"ok": True, "data": TAG})
    saved = await client.email_accounts.tags.create("VIP", color="#FF5733")
    assert sent(route) == ("POST", "/tags", KEY, {"name": "VIP", "color": "#FF5733"})
    assert (saved.id, saved.name) == (1220, "VIP")


async def test_tags_create_leaves_the_colour_to_smartlead_when_not_given(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/tags").respond(json={"ok": True, "tag_id": 1221})
    assert (await client.email_accounts.tags.create("Cold")).id == 1221
    assert sent(route)[3] == {"name": "Cold"}


@pytest.mark.parametrize(("tag_id", "body"), [
    (None, {"name": "VIP", "color": "#00aa00"}),
    (1220, {"id": 1220, "name": "VIP", "color": "#00aa00"}),
])
async def test_tags_upsert_creates_or_updates_through_the_tag_manager(
    api: respx.MockRouter, client: SmartleadClient, tag_id: int | None, body: dict[str, Any]
) -> None:
    route = api.post("/email-accounts/tag-manager").respond(json={"ok": True, "data": TAG})
    await client.email_accounts.tags.upsert(name="VIP", color="#00aa00", tag_id=tag_id)
    assert sent(route) == ("POST", "/email-accounts/tag-manager", KEY, body)


@pytest.mark.parametrize("color", ["red", "#FFF", "FF5733", "#GG5733"])
async def test_tags_refuse_a_colour_that_is_not_hex_rrggbb(
    api: respx.MockRouter, client: SmartleadClient, color: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="color must be a hex colour '#RRGGBB'"):
        await client.email_accounts.tags.upsert(name="VIP", color=color)
    assert api.calls.call_count == 0


async def test_tags_by_email_posts_the_addresses_and_decodes_each_account(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/tag-list").respond(json={"ok": True, "data": [
        {"id": 2907, "email": "me@x.co", "tags": [TAG]},
    ]})
    (found,) = await client.email_accounts.tags.by_email(["me@x.co"])
    assert sent(route) == ("POST", "/email-accounts/tag-list", KEY, {"email_ids": ["me@x.co"]})
    assert (found.email_account_id, found.from_email, [t.id for t in found.tags]) == (
        2907, "me@x.co", [1220])


@pytest.mark.parametrize(("method", "verb"), [("add", "POST"), ("remove", "DELETE")])
async def test_tag_mapping_sends_both_id_lists(
    api: respx.MockRouter, client: SmartleadClient, method: str, verb: str
) -> None:
    route = api.route(method=verb, path="/email-accounts/tag-mapping").respond(json={"ok": True})
    await getattr(client.email_accounts.tags, method)([2907, 2908], [1220])
    assert sent(route) == (verb, "/email-accounts/tag-mapping", KEY, {
        "email_account_ids": [2907, 2908], "tag_ids": [1220],
    })


@pytest.mark.parametrize(
    ("method", "accounts", "tags", "message"),
    [
        ("add", list(range(1, 27)), [1], "email_account_ids may hold at most 25 accounts"),
        ("add", [], [1], "email_account_ids must contain at least one id"),
        ("remove", [1], [], "tag_ids must contain at least one id"),
        ("remove", [1], [-3], r"tag_ids\[0\] must be >= 1"),
    ],
)
async def test_tag_mapping_refuses_bad_ids_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, method: str, accounts: list[int],
    tags: list[int], message: str,
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        await getattr(client.email_accounts.tags, method)(accounts, tags)
    assert api.calls.call_count == 0
