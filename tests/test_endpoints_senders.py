"""``client.senders`` over respx: each Smart Senders route's exact request on its own host
(paths keep their ``/smart-senders/`` prefix) and its decoded answer; the mailbox password of
``auth_secret`` stays out of reprs."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIStatusError,
    DomainMailboxesInput,
    DomainOrderInput,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MailboxNameInput,
    MailboxOrderInput,
    NotFoundError,
    OrderContactInput,
    SendersReport,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, open_client
from ._hosts import SENDERS_URL, sent_to

api, client = endpoint_fixtures(SENDERS_URL)

HOST = "smart-senders.smartlead.ai"
PLANTED_OTP = "481516"


def envelope(data: Any, message: str = "ok") -> dict[str, Any]:
    return {"success": True, "message": message, "data": data}


def order_domains() -> list[DomainOrderInput]:
    return [DomainOrderInput(domain_name="acme-mail.com", mailbox_details=[
        MailboxOrderInput(mailbox="ada@acme-mail.com", first_name="Ada", last_name="Lovelace"),
    ])]


async def test_vendors(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.get("/smart-senders/get-vendors").respond(json=envelope([
        {"id": 1, "name": "Namecheap", "domain_price": 11}]))
    (vendor,) = await client.senders.vendors()
    assert sent_to(route, SENDERS_URL) == ("GET", HOST, "/smart-senders/get-vendors", KEY, None)
    assert (vendor.id, vendor.name, vendor.extra) == (1, "Namecheap", {"domain_price": 11})


async def test_search_domain_sends_its_query(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    candidates = [{"domain_name": "acme.io", "available": True}]
    route = api.get("/smart-senders/search-domain").respond(json=envelope(candidates))
    report = await client.senders.search_domain(domain_name="acme", vendor_id=1)
    assert sent_to(route, SENDERS_URL) == ("GET", HOST, "/smart-senders/search-domain", {
        "domain_name": "acme", "vendor_id": "1", **KEY}, None)
    assert isinstance(report, SendersReport) and report.data == candidates


async def test_auto_generate_mailboxes_posts_the_people_per_domain(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/smart-senders/auto-generate-mailboxes").respond(json=envelope([]))
    await client.senders.auto_generate_mailboxes(1, [DomainMailboxesInput(
        domain_name="acme-mail.com",
        mailbox_details=[MailboxNameInput(first_name="Ada", last_name="Lovelace",
                                          profile_pic="https://acme.com/ada.png")])])
    assert sent_to(route, SENDERS_URL) == ("POST", HOST, "/smart-senders/auto-generate-mailboxes",
                                           KEY, {"vendor_id": 1, "domains": [{
        "domain_name": "acme-mail.com",
        "mailbox_details": [{"first_name": "Ada", "last_name": "Lovelace",
                             "profile_pic": "https://acme.com/ada.png"}],
    }]})  # fmt: skip


async def test_place_order_posts_the_buyer_and_the_mailboxes(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/smart-senders/place-order").respond(
        json=envelope({"order_id": "SS-123456", "status": "processing"}))
    placed = await client.senders.place_order(
        vendor_id=1, forwarding_domain="acme.com",
        user_details=OrderContactInput(email="ops@acme.com", first_name="Ada", country="UK"),
        domains=order_domains())
    assert sent_to(route, SENDERS_URL) == ("POST", HOST, "/smart-senders/place-order", KEY, {
        "vendor_id": 1, "forwarding_domain": "acme.com",
        "user_details": {"email": "ops@acme.com", "firstName": "Ada", "country": "UK"},
        "domains": [{"domain_name": "acme-mail.com", "mailbox_details": [
            {"first_name": "Ada", "last_name": "Lovelace", "mailbox": "ada@acme-mail.com"}]}],
    })
    assert placed.order_id == "SS-123456"


@pytest.mark.parametrize("answer", [
    httpx.Response(503, json={"message": "busy"}),
    httpx.Response(429, json={"message": "slow down"}),
    httpx.Response(200, json={"success": False, "message": "Payment method declined"}),
])
async def test_place_order_is_never_retried_automatically(
    api: respx.MockRouter, answer: httpx.Response
) -> None:
    route = api.post("/smart-senders/place-order").mock(return_value=answer)
    async with open_client(max_retries=3) as retrying:
        with pytest.raises(APIStatusError):
            await retrying.senders.place_order(
                vendor_id=1, forwarding_domain="acme.com",
                user_details=OrderContactInput(email="ops@acme.com"), domains=order_domains())
    assert route.call_count == 1


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"domains": []}, InvalidArgumentError),
    ({"vendor_id": 0}, InvalidArgumentError),
    ({"forwarding_domain": ""}, InvalidArgumentError),
    ({"user_details": {"email": "ops@acme.com"}}, InvalidArgumentTypeError),
    ({"domains": [{"domain_name": "acme-mail.com"}]}, InvalidArgumentTypeError),
])
async def test_bad_order_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    arguments: dict[str, Any] = {
        "vendor_id": 1, "forwarding_domain": "acme.com",
        "user_details": OrderContactInput(email="ops@acme.com"), "domains": order_domains(),
        **kwargs,
    }
    with pytest.raises(error):
        await client.senders.place_order(**arguments)
    assert not api.calls


@pytest.mark.parametrize("build", [
    lambda: MailboxOrderInput(mailbox="not-an-address", first_name="A", last_name="B"),
    lambda: DomainOrderInput(domain_name="acme-mail.com", mailbox_details=[]),
    lambda: DomainOrderInput(domain_name="acme-mail.com", mailbox_details=[
        MailboxNameInput(first_name="A", last_name="B")]),
    lambda: OrderContactInput(email="nobody"),
    lambda: MailboxNameInput(first_name="", last_name="B"),
])
def test_bad_order_inputs_raise_when_built(build: Any) -> None:
    with pytest.raises((InvalidArgumentError, InvalidArgumentTypeError)):
        build()


async def test_order_details_and_domains(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    details = api.get("/smart-senders/order-details").respond(json=envelope(
        {"order_id": "SS-123456", "status": "processing"}))
    domains = api.get("/smart-senders/get-domain-list").respond(json=envelope([
        {"id": 1, "domain_name": "acme-mail.com", "vendor_id": 1, "order_id": "SS-123456",
         "status": "active", "mailbox_count": 1}]))
    order = await client.senders.order_details("SS-123456")
    (domain,) = await client.senders.domains()
    assert sent_to(details, SENDERS_URL) == ("GET", HOST, "/smart-senders/order-details", {
        "order_id": "SS-123456", **KEY}, None)
    assert sent_to(domains, SENDERS_URL) == ("GET", HOST, "/smart-senders/get-domain-list",
                                             KEY, None)
    assert order.data["status"] == "processing"
    assert (domain.domain_name, domain.order_id, domain.extra) == (
        "acme-mail.com", "SS-123456", {"mailbox_count": 1})
    api.get("/smart-senders/order-details").respond(json={})
    with pytest.raises(NotFoundError, match="order 77"):
        await client.senders.order_details(77)


async def test_auth_secret_reads_the_password_and_never_shows_it(
    api: respx.MockRouter, client: SmartleadClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    route = api.get("/smart-senders/auth-secret").respond(json=envelope(
        {"email_account": "ada@acme-mail.com", "otp": PLANTED_OTP}))
    secret = await client.senders.auth_secret("ada@acme-mail.com")
    assert sent_to(route, SENDERS_URL) == ("GET", HOST, "/smart-senders/auth-secret", {
        "email_account": "ada@acme-mail.com", **KEY}, None)
    assert (secret.email_account, secret.otp) == ("ada@acme-mail.com", PLANTED_OTP)
    assert PLANTED_OTP not in repr(secret) + str(secret)
    assert PLANTED_OTP not in caplog.text
    with pytest.raises(InvalidArgumentError, match="email_account"):
        await client.senders.auth_secret("ada")


async def test_an_error_body_carrying_a_password_masks_it(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/smart-senders/auth-secret").respond(
        200, json={"success": False, "message": "rate limited", "otp": PLANTED_OTP})
    with pytest.raises(APIStatusError) as caught:
        await client.senders.auth_secret("ada@acme-mail.com")
    assert PLANTED_OTP not in repr(caught.value.body) + str(caught.value)
