"""Email accounts and clients through the SDK against the fake."""

from __future__ import annotations

import pytest

from smartlead_async import (
    APIStatusError,
    BadRequestError,
    EmailAccountInput,
    EmailAccountType,
    NotFoundError,
)

from ._behaviour import connected, strict_fake
from ._virtual_clock import on_virtual_clock

SMTP_PASSWORD = "gjfsvtyrqpemuqzf-planted"


def _account(**changes: object) -> EmailAccountInput:
    fields: dict[str, object] = {
        "from_name": "Ramesh", "from_email": "ramesh@five2zone.com.au",
        "user_name": "ramesh@five2zone.com.au", "password": SMTP_PASSWORD,
        "smtp_host": "smtp.gmail.com", "smtp_port": 465, "imap_host": "imap.gmail.com",
        "imap_port": 993, "max_email_per_day": 80,
    }  # fmt: skip
    return EmailAccountInput(**{**fields, **changes})  # type: ignore[arg-type]


@on_virtual_clock
async def test_a_saved_email_account_is_fetched_with_its_password_kept_out_of_repr() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        saved = await client.email_accounts.save(_account())
        account = await client.email_accounts.get(saved.email_account_id or 0)
    assert saved.ok and saved.warmup_key
    assert (account.from_email, account.username, account.message_per_day) == (
        "ramesh@five2zone.com.au", "ramesh@five2zone.com.au", 80)
    assert account.type is EmailAccountType.GMAIL
    assert account.password == account.imap_password == SMTP_PASSWORD  # sent, as the API does
    assert SMTP_PASSWORD not in repr(account)


@on_virtual_clock
async def test_saving_an_address_that_exists_without_its_id_is_refused() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        first = await client.email_accounts.save(_account())
        with pytest.raises(BadRequestError, match="Please pass id to update it") as caught:
            await client.email_accounts.save(_account())
        updated = await client.email_accounts.save(
            _account(id=first.email_account_id, from_name="Ramesh K"))
        account = await client.email_accounts.get(first.email_account_id or 0)
    assert caught.value.body["emailAccountId"] == first.email_account_id
    assert updated.email_account_id == first.email_account_id
    assert account.from_name == "Ramesh K"


@on_virtual_clock
async def test_an_update_and_a_warmup_change_show_in_the_account() -> None:
    fake = strict_fake()
    account_id = fake.add_email_account(account_id=2907)
    async with connected(fake) as client:
        await client.email_accounts.update(
            account_id, max_email_per_day=55, bcc="audit@example.com", signature="Thanks")
        await client.email_accounts.warmup(
            account_id, warmup_enabled=True, total_warmup_per_day=35, reply_rate_percentage=38,
            warmup_key_id="apple-juice")
        account = await client.email_accounts.get(account_id)
        stats = await client.email_accounts.warmup_stats(account_id)
    assert (account.message_per_day, account.bcc_email, account.signature) == (
        55, "audit@example.com", "Thanks")
    warmup = account.warmup_details
    assert warmup is not None
    assert (warmup.status, warmup.max_email_per_day, warmup.reply_rate, warmup.warmup_key_id) == (
        "ACTIVE", 35, 38, "apple-juice")
    assert len(stats.stats_by_date) == 7
    assert stats.sent_count == sum(day.sent_count or 0 for day in stats.stats_by_date)


@on_virtual_clock
async def test_a_missing_email_account_answers_not_found() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        with pytest.raises(NotFoundError, match="Email account not found"):
            await client.email_accounts.get(404)


@on_virtual_clock
async def test_email_accounts_are_listed_page_by_page_with_their_passwords() -> None:
    fake = strict_fake()
    ids = [fake.add_email_account() for _ in range(130)]
    async with connected(fake) as client:
        accounts = [account async for account in client.email_accounts.list()]
    assert [account.id for account in accounts] == sorted(ids)
    assert all(account.password for account in accounts)


@on_virtual_clock
async def test_reconnecting_failed_accounts_fixes_them_three_times_a_day_at_most() -> None:
    fake = strict_fake()
    broken = fake.add_email_account(connected=False)
    async with connected(fake) as client:
        queued = await client.email_accounts.reconnect_failed()
        account = await client.email_accounts.get(broken)
        with pytest.raises(NotFoundError, match="No failed email account found"):
            await client.email_accounts.reconnect_failed()
        with pytest.raises(NotFoundError):
            await client.email_accounts.reconnect_failed()
        with pytest.raises(APIStatusError, match="more than 3 times a day") as caught:
            await client.email_accounts.reconnect_failed()
    assert queued.message and "queue to reconnect" in queued.message
    assert account.is_imap_success is True
    assert caught.value.status_code == 406


@on_virtual_clock
async def test_a_created_client_is_listed() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        created = await client.clients.create(
            name="Ramesh Kumar", email="ramesh+15@five2one.com.au", password="Test1234!",
            permission=["full_access"], logo="SmartGen Outreach")
        clients = await client.clients.list()
    assert created.client_id is not None and "Test1234!" not in repr(created)
    assert [(c.id, c.name, c.logo) for c in clients] == [
        (created.client_id, "Ramesh Kumar", "SmartGen Outreach")]
    assert clients[0].client_permission is not None
    assert clients[0].client_permission.permission == ["full_access"]
