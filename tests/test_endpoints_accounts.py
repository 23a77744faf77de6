"""``client.email_accounts`` and ``client.clients``, over respx."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    BadRequestError,
    EmailAccountInput,
    EmailAccountType,
    InvalidArgumentError,
    NotFoundError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()


SMTP_SECRET = "xuF_aj4u-smtp"
IMAP_SECRET = "gogopotato-imap"
ACCOUNT = {
    "id": 106466, "created_at": "2023-04-18T09:02:46.060Z", "user_id": 2,
    "from_name": "Vaibhav", "from_email": "vaibhav@five2zone.engineering",
    "username": "vaibhav@five2zone.engineering", "password": SMTP_SECRET,
    "imap_password": IMAP_SECRET, "smtp_host": "smtp.zoho.com.au", "smtp_port": "465",
    "smtp_port_type": "SSL", "message_per_day": 200, "is_smtp_success": True, "type": "SMTP",
    "daily_sent_count": "0", "client_id": None,
    "warmup_details": {
        "id": 99200, "status": "INACTIVE", "reply_rate": 20, "warmup_key_id": "brass-sleep",
        "total_sent_count": 7, "is_warmup_blocked": False, "warmup_reputation": "100%",
    },
}


def _account(account_id: int) -> dict[str, Any]:
    return {**ACCOUNT, "id": account_id}


# -- email accounts -------------------------------------------------------------------------


async def test_list_pages_until_a_short_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        count = {0: 100, 100: 30}.get(offset, 0)
        return httpx.Response(200, json=[_account(offset + i + 1) for i in range(count)])

    route = api.get("/email-accounts/").mock(side_effect=page)
    accounts = [account async for account in client.email_accounts.list(prefetch=1)]
    assert sent_requests(route) == [
        ("GET", "/email-accounts/", {"offset": "0", "limit": "100", **KEY}, None),
        ("GET", "/email-accounts/", {"offset": "100", "limit": "100", **KEY}, None),
    ]
    assert [account.id for account in accounts] == list(range(1, 131))


async def test_list_with_a_smaller_page_size_asks_for_it(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/email-accounts/").respond(json=[_account(1)])
    page = await client.email_accounts.list(page_size=10, start_offset=20)
    assert sent(route)[2] == {"offset": "20", "limit": "10", **KEY}
    assert [account.id for account in page.items] == [1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"page_size": 101}, "page_size must be between 1 and 100, got 101"),
     ({"start_offset": -1}, "start_offset must be >= 0, got -1")],
)
async def test_list_rejects_bad_paging_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        client.email_accounts.list(**kwargs)
    assert api.calls.call_count == 0


async def test_get_decodes_the_account_and_its_warmup_details(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/email-accounts/106466/").respond(json=ACCOUNT)
    account = await client.email_accounts.get(106466)
    assert sent(route) == ("GET", "/email-accounts/106466/", KEY, None)
    assert account.smtp_port == 465
    assert account.type is EmailAccountType.SMTP
    assert account.password == SMTP_SECRET
    assert account.warmup_details is not None
    assert account.warmup_details.warmup_reputation == 100
    assert account.warmup_details.warmup_key_id == "brass-sleep"


async def test_passwords_of_an_account_are_not_in_its_repr(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/email-accounts/106466/").respond(json=ACCOUNT)
    account = await client.email_accounts.get(106466)
    for text in (repr(account), str(account)):
        assert SMTP_SECRET not in text
        assert IMAP_SECRET not in text
    assert "vaibhav@five2zone.engineering" in repr(account)


async def test_passwords_are_never_logged(
    api: respx.MockRouter, client: SmartleadClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.get("/email-accounts/106466/").respond(json=ACCOUNT)
    api.get("/email-accounts/").respond(json=[ACCOUNT])
    await client.email_accounts.get(106466)
    await client.email_accounts.list()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SMTP_SECRET not in logged
    assert IMAP_SECRET not in logged


@pytest.mark.parametrize("response", [httpx.Response(200, json={}), httpx.Response(200)])
async def test_get_of_a_missing_account_answered_200_with_nothing_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient, response: httpx.Response
) -> None:
    api.get("/email-accounts/5/").mock(return_value=response)
    with pytest.raises(NotFoundError, match="email account 5 not found"):
        await client.email_accounts.get(5)


def _input(**kwargs: Any) -> EmailAccountInput:
    fields: dict[str, Any] = {
        "from_name": "Ramesh", "from_email": "ramesh@five2zone.com.au",
        "user_name": "ramesh@five2zone.com.au", "password": "gjfsvtyrqpemuqzf",
        "smtp_host": "smtp.gmail.com", "smtp_port": 465, "imap_host": "imap.gmail.com",
        "imap_port": 993, **kwargs,
    }
    return EmailAccountInput(**fields)


async def test_save_without_an_id_creates_with_id_null(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/save").respond(json={
        "ok": True, "message": "Email account added/updated successfully!",
        "emailAccountId": 2849, "warmupKey": "apple-keyes",
    })
    saved = await client.email_accounts.save(_input(max_email_per_day=100, warmup_enabled=False))
    assert sent(route) == ("POST", "/email-accounts/save", KEY, {
        "id": None, "from_name": "Ramesh", "from_email": "ramesh@five2zone.com.au",
        "user_name": "ramesh@five2zone.com.au", "password": "gjfsvtyrqpemuqzf",
        "smtp_host": "smtp.gmail.com", "smtp_port": 465, "imap_host": "imap.gmail.com",
        "imap_port": 993, "max_email_per_day": 100, "warmup_enabled": False,
    })
    assert (saved.email_account_id, saved.warmup_key) == (2849, "apple-keyes")


async def test_save_with_an_id_updates_that_account(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/save").respond(json={"ok": True, "emailAccountId": 2849})
    await client.email_accounts.save(_input(id=2849, client_id=7))
    body = sent(route)[3]
    assert (body["id"], body["client_id"]) == (2849, 7)


async def test_save_raises_the_documented_account_exists_error(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/email-accounts/save").respond(400, json={
        "ok": False, "message": "Email account already added by other user.",
        "errorCode": "ACCOUNT_ALREADY_EXIST", "emailAccountId": None,
    })
    with pytest.raises(BadRequestError, match="already added by other user"):
        await client.email_accounts.save(_input())


def test_the_password_of_an_account_input_is_not_in_its_repr() -> None:
    assert "gjfsvtyrqpemuqzf" not in repr(_input())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"smtp_port": 70000}, "EmailAccountInput.smtp_port must be between 1 and 65535"),
     ({"reply_rate_percentage": 101},
      "EmailAccountInput.reply_rate_percentage must be between 0 and 100"),
     ({"from_email": ""}, "EmailAccountInput.from_email must be a non-empty string")],
)
def test_account_input_is_checked_when_built(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        _input(**kwargs)


async def test_update_sends_only_the_settings_given(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/106").respond(json={
        "ok": True, "message": "Email account details updated successfully!",
        "emailAccountId": 106,
    })
    saved = await client.email_accounts.update(
        106, max_email_per_day=100, bcc="", signature="Thanks,</br>Ramesh",
        time_to_wait_in_mins=3,
    )
    assert sent(route) == ("POST", "/email-accounts/106", KEY, {
        "max_email_per_day": 100, "bcc": "", "signature": "Thanks,</br>Ramesh",
        "time_to_wait_in_mins": 3,
    })
    assert saved.email_account_id == 106


async def test_update_with_nothing_to_change_is_refused(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="update needs at least one of"):
        await client.email_accounts.update(106)
    assert api.calls.call_count == 0


async def test_warmup_sends_the_warmup_settings(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/1060/warmup").respond(json={
        "ok": True, "message": "Email warmup details updated successfully!",
        "emailAccountId": 1060,
    })
    await client.email_accounts.warmup(
        1060, warmup_enabled=True, total_warmup_per_day=35, daily_rampup=2,
        reply_rate_percentage=38, warmup_key_id="apple-juice",
    )
    assert sent(route) == ("POST", "/email-accounts/1060/warmup", KEY, {
        "warmup_enabled": True, "total_warmup_per_day": 35, "daily_rampup": 2,
        "reply_rate_percentage": 38, "warmup_key_id": "apple-juice",
    })


async def test_warmup_rejects_a_reply_rate_above_100_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="reply_rate_percentage must be between 0"):
        await client.email_accounts.warmup(1, warmup_enabled=True, reply_rate_percentage=101)
    assert api.calls.call_count == 0


async def test_warmup_stats_decodes_string_counts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/email-accounts/106466/warmup-stats").respond(json={
        "id": 106466, "sent_count": "12", "spam_count": "1", "inbox_count": "11",
        "warmup_email_received_count": "9",
        "stats_by_date": [{"id": 1, "date": "2023-05-23", "sent_count": 3, "reply_count": 1,
                           "save_from_spam_count": 0}],
    })
    stats = await client.email_accounts.warmup_stats(106466)
    assert sent(route) == ("GET", "/email-accounts/106466/warmup-stats", KEY, None)
    assert (stats.sent_count, stats.spam_count, stats.inbox_count) == (12, 1, 11)
    assert stats.stats_by_date[0].date == datetime.date(2023, 5, 23)


async def test_reconnect_failed_posts_an_empty_object(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/email-accounts/reconnect-failed-email-accounts").respond(json={
        "ok": True, "message": "Email account(s) added to the queue to reconnect.",
    })
    result = await client.email_accounts.reconnect_failed()
    assert sent(route) == ("POST", "/email-accounts/reconnect-failed-email-accounts", KEY, {})
    assert result.message == "Email account(s) added to the queue to reconnect."


# -- clients --------------------------------------------------------------------------------


async def test_clients_list_decodes_permissions(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/client/").respond(json=[{
        "id": 6, "name": "Ramesh Client", "email": "ramesh+client@five2one.com.au",
        "uuid": "1e19fcb7-6651-444a-8495-e1a4bda16611", "created_at": "2022-08-25T04:24:04.656Z",
        "user_id": 288, "logo": None, "logo_url": None,
        "client_permission": {"permission": ["reply_master_inbox"], "restricted_category": []},
    }])
    clients = await client.clients.list()
    assert sent(route) == ("GET", "/client/", KEY, None)
    assert clients[0].client_permission is not None
    assert clients[0].client_permission.permission == ["reply_master_inbox"]


async def test_clients_create_posts_the_client_and_hides_the_password(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/client/save").respond(json={
        "ok": True, "clientId": 299, "name": "Ramesh Kumar",
        "email": "ramesh+15@five2one.com.au", "password": "Test1234!",
    })
    created = await client.clients.create(
        name="Ramesh Kumar", email="ramesh+15@five2one.com.au", password="Test1234!",
        permission=["full_access"], logo="SmartGen Outreach",
    )
    assert sent(route) == ("POST", "/client/save", KEY, {
        "name": "Ramesh Kumar", "email": "ramesh+15@five2one.com.au",
        "permission": ["full_access"], "logo": "SmartGen Outreach", "password": "Test1234!",
    })
    assert created.client_id == 299
    assert "Test1234!" not in repr(created)


async def test_clients_create_needs_a_permission_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="permission must contain at least one"):
        await client.clients.create(name="n", email="e@x.io", password="p", permission=[])
    assert api.calls.call_count == 0


async def test_a_with_options_view_has_every_resource(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/client/").respond(json=[])
    view = client.with_options(max_retries=0)
    assert await view.clients.list() == []
    assert route.call_count == 1
    assert {"campaigns", "leads", "email_accounts", "clients"} <= set(vars(view))
