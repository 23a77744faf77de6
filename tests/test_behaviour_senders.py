"""``client.senders`` against the fake: an order buys its domains and mailboxes, which are then
listed and get one-time passwords; the password never reaches the fake's request log."""

from __future__ import annotations

import pytest

from smartlead_async import (
    APIStatusError,
    DomainMailboxesInput,
    DomainOrderInput,
    MailboxNameInput,
    MailboxOrderInput,
    NotFoundError,
    OrderContactInput,
)

from ._behaviour import connected, strict_fake


def acme_order() -> list[DomainOrderInput]:
    return [DomainOrderInput(domain_name="acme-mail.com", mailbox_details=[
        MailboxOrderInput(mailbox="ada@acme-mail.com", first_name="Ada", last_name="Lovelace"),
        MailboxOrderInput(mailbox="bob@acme-mail.com", first_name="Bob", last_name="Stone"),
    ])]


async def test_an_order_buys_its_domains_and_mailboxes() -> None:
    fake = strict_fake(strict=True)
    async with connected(fake) as client:
        vendors = await client.senders.vendors()
        found = await client.senders.search_domain(domain_name="acme", vendor_id=vendors[0].id)
        proposed = await client.senders.auto_generate_mailboxes(vendors[0].id, [
            DomainMailboxesInput(domain_name="acme-mail.com", mailbox_details=[
                MailboxNameInput(first_name="Ada", last_name="Lovelace")])])
        placed = await client.senders.place_order(
            vendor_id=vendors[0].id, forwarding_domain="acme.com",
            user_details=OrderContactInput(email="ops@acme.com", first_name="Ada"),
            domains=acme_order())
        assert placed.order_id is not None
        order = await client.senders.order_details(placed.order_id)
        (domain,) = await client.senders.domains()
        secret = await client.senders.auth_secret("ada@acme-mail.com")
        after = await client.senders.search_domain(domain_name="acme-mail", vendor_id=1)
    assert [v.name for v in vendors] == ["Namecheap", "GoDaddy", "Porkbun"]
    assert all(row["domain_name"].endswith((".com", ".io", ".co", ".net")) for row in found.data)
    assert "ada.lovelace@acme-mail.com" in proposed.data[0]["mailboxes"]
    assert order.data["status"] == "processing"
    assert order.data["domains"][0]["mailbox_details"][1]["mailbox"] == "bob@acme-mail.com"
    assert (domain.domain_name, domain.order_id, domain.status) == (
        "acme-mail.com", placed.order_id, "active")
    assert secret.otp is not None and len(secret.otp) == 6
    (taken,) = [row for row in after.data if row["domain_name"] == "acme-mail.com"]
    assert taken["available"] is False
    logged = [entry.response for entry in fake.stats.log if entry.path.endswith("/auth-secret")]
    assert logged == [{"success": True, "message": "Success",
                       "data": {"email_account": "ada@acme-mail.com", "otp": "***"}}]


async def test_a_domain_cannot_be_bought_twice_nor_a_mailbox_off_its_domain() -> None:
    async with connected(strict_fake()) as client:
        order = {"vendor_id": 1, "forwarding_domain": "acme.com",
                 "user_details": OrderContactInput(email="ops@acme.com")}
        await client.senders.place_order(**order, domains=acme_order())
        with pytest.raises(APIStatusError, match="already purchased") as twice:
            await client.senders.place_order(**order, domains=acme_order())
        stray = [DomainOrderInput(domain_name="acme-two.com", mailbox_details=[
            MailboxOrderInput(mailbox="ada@elsewhere.com", first_name="A", last_name="B")])]
        with pytest.raises(APIStatusError, match=r"must be on acme-two\.com"):
            await client.senders.place_order(**order, domains=stray)
        assert len(await client.senders.domains()) == 1
    assert twice.value.status_code == 409


async def test_unknown_orders_mailboxes_and_vendors_are_404s() -> None:
    async with connected(strict_fake()) as client:
        with pytest.raises(NotFoundError, match="Order"):
            await client.senders.order_details("SS-000000")
        with pytest.raises(NotFoundError, match="Mailbox"):
            await client.senders.auth_secret("nobody@acme-mail.com")
        with pytest.raises(NotFoundError, match="Vendor"):
            await client.senders.search_domain(domain_name="acme", vendor_id=99)
