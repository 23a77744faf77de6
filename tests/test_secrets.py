"""Planted secrets never show: not in exceptions, reprs, DEBUG logs or CLI output.

``tests/test_redaction.py`` covers single calls (``campaigns.get``) over respx. This module
covers the other error paths: a failure in the middle of a paginated export, ``list_many``
failures in every ``on_error`` mode, timeouts, dropped and truncated connections and refused
connections over a real loopback socket, and the CLI at ``-vv``. It also plants SMTP/IMAP
passwords in ``EmailAccount`` responses and checks that they stay out of reprs and logs.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
import respx
from click.testing import CliRunner

from smartlead_async import (
    APIConnectionError,
    APITimeoutError,
    FanInError,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._fan_in import OnError
from smartlead_async.testing import FakeSmartlead, Faults

from ._faulty import socket_client
from ._virtual_clock import on_virtual_clock
from .conftest import BASE_URL, SECRET_KEY

SMTP_PASSWORD = "smtp-PLANTED-9d2e61"
IMAP_PASSWORD = "imap-PLANTED-04b7aa"
SECRETS = (SECRET_KEY, SMTP_PASSWORD, IMAP_PASSWORD)
URL_WITH_KEY = f"{BASE_URL}/campaigns/7/leads?api_key={SECRET_KEY}"


def rendered(error: BaseException) -> str:
    """Everything a user could print about ``error``: text, repr, traceback, body, failures."""
    headers = getattr(error, "headers", None)
    parts = [str(error), repr(error), repr(getattr(error, "body", None)),
             repr(headers.multi_items() if headers is not None else None),
             "".join(traceback.format_exception(error))]
    for failure in getattr(error, "failures", []):
        parts += [repr(failure), rendered(failure.error)]
    return "\n".join(parts)


def assert_hidden(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], str]]:
    """Capture every logger at DEBUG (the SDK, httpx, httpcore, asyncio)."""
    caplog.set_level(logging.DEBUG)
    yield lambda: "\n".join(record.getMessage() for record in caplog.records)


def leads_page(offset: int, count: int, total: int) -> dict[str, Any]:
    data = [{"campaign_lead_map_id": offset + i + 1, "lead": {"email": f"l{offset + i}@x.co"}}
            for i in range(count)]
    return {"total_leads": str(total), "offset": offset, "limit": count, "data": data}


PAGE_FAILURES: dict[str, Callable[[], httpx.Response]] = {
    "401 echoing the url": lambda: httpx.Response(
        401, json={"message": f"Invalid key in {URL_WITH_KEY}"}),
    "500 page echoing the key": lambda: httpx.Response(
        500, text=f"<html><title>Oops</title>api_key={SECRET_KEY}</html>"),
    "429 echoing the key": lambda: httpx.Response(
        429, json={"error": {"message": f"slow down {SECRET_KEY}", "retry_after": 0}}),
    "truncated json": lambda: httpx.Response(
        200, content=b'{"total_leads": "300", "data": [{"campa',
        headers={"content-type": "application/json"}),
}


def failing_second_page(mock: respx.MockRouter, failure: Callable[[], httpx.Response]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json=leads_page(0, 100, 300)) if offset == 0 else failure()

    mock.get(url__regex=r"/campaigns/\d+/leads").mock(side_effect=answer)


@pytest.mark.parametrize("failure", list(PAGE_FAILURES))
async def test_a_failure_in_the_middle_of_an_export_never_shows_the_key(
    failure: str, debug_log: Callable[[], str]
) -> None:
    got = 0
    with respx.mock(base_url=BASE_URL) as mock:
        failing_second_page(mock, PAGE_FAILURES[failure])
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None, max_retries=1) as c:
            paginator = c.campaigns.leads.list(7, prefetch=2)
            with pytest.raises(SmartleadError) as caught:
                async for _ in paginator:
                    got += 1
    assert got == 100 and caught.value.resume_offset == 100  # type: ignore[attr-defined]
    assert_hidden(rendered(caught.value), repr(paginator), debug_log())


async def test_a_key_echoed_url_encoded_and_without_its_name_never_shows(
    debug_log: Callable[[], str],
) -> None:
    odd_key = "sk/PLANTED+key=1&x y"
    encoded_forms = {quote(odd_key, safe=""), quote_plus(odd_key)}

    def echo(request: httpx.Request) -> httpx.Response:
        query = request.url.query.decode()
        encoded = query.split("api_key=", 1)[1].split("&", 1)[0]
        assert encoded in encoded_forms  # the server sees it encoded
        return httpx.Response(401, json={"message": f"the key {encoded} is not valid"})

    with respx.mock(base_url=BASE_URL) as mock:
        mock.get(url__regex=r"/campaigns/\d+/leads").mock(side_effect=echo)
        async with SmartleadClient(api_key=odd_key, rate_limit=None) as client:
            with pytest.raises(SmartleadError) as caught:
                await client.campaigns.leads.list(3)
    shown = rendered(caught.value) + debug_log()
    assert "the key *** is not valid" in str(caught.value)
    assert all(form not in shown for form in {odd_key, *encoded_forms})


@pytest.mark.parametrize("on_error", ["defer", "collect", "raise"])
async def test_list_many_failures_never_show_the_key(
    on_error: OnError, debug_log: Callable[[], str]
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if "/campaigns/2/" in request.url.path:
            return PAGE_FAILURES["401 echoing the url"]()
        if "/campaigns/3/" in request.url.path:
            return PAGE_FAILURES["500 page echoing the key"]()
        return httpx.Response(200, json=leads_page(0, 10, 10))

    with respx.mock(base_url=BASE_URL) as mock:
        mock.get(url__regex=r"/campaigns/\d+/leads").mock(side_effect=answer)
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None, max_retries=0) as c:
            stream = c.campaigns.leads.list_many([1, 2, 3], on_error=on_error)
            with pytest.raises(SmartleadError) if on_error != "collect" else nullcontext():
                async with stream:
                    async for _ in stream:
                        pass
    texts = [rendered(f.error) + repr(f) for f in stream.failures]
    if on_error == "defer":
        assert len(stream.failures) == 2
    assert_hidden(*texts, debug_log())


async def test_a_fan_in_error_shows_each_failed_campaign_but_not_the_key() -> None:
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get(url__regex=r"/campaigns/\d+/leads").mock(
            side_effect=lambda request: PAGE_FAILURES["401 echoing the url"]())
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None, max_retries=0) as c:
            with pytest.raises(FanInError) as caught:
                async with c.campaigns.leads.list_many([4, 5]) as stream:
                    async for _ in stream:
                        pass
    text = rendered(caught.value)
    assert "4:" in str(caught.value) and "5:" in str(caught.value)
    assert_hidden(text)


Scenario = Callable[[SmartleadClient, int], Awaitable[object]]


async def export(client: SmartleadClient, campaign: int) -> object:
    return [lead async for lead in client.campaigns.leads.list(campaign)]


SOCKET_FAULTS: dict[str, dict[str, Any]] = {
    "timeout": {"latency": 0.3},
    "dropped connections": {"faults": Faults(drop_rate=1.0)},
    "truncated bodies": {"faults": Faults(truncate_rate=1.0)},
    "5xx answers": {"faults": Faults(error_rate=1.0)},
    "429 answers": {"rate_limit": (1, 0.1)},
}


@pytest.mark.parametrize("fault", list(SOCKET_FAULTS))
@on_virtual_clock
async def test_faults_over_a_real_socket_never_show_the_key(
    fault: str, debug_log: Callable[[], str]
) -> None:
    options: dict[str, Any] = {"rate_limit": None, **SOCKET_FAULTS[fault]}
    fake = FakeSmartlead(api_key=SECRET_KEY, retry_after_header=False, **options)
    campaign = fake.add_campaign(lead_count=250)
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=None, timeout=0.1, max_retries=1
    ) as client:
        with pytest.raises(SmartleadError) as caught:
            if fault == "429 answers":
                await client.campaigns.get(campaign)  # eats the only slot of the window
            await export(client, campaign)
    if fault == "timeout":
        assert isinstance(caught.value, APITimeoutError)
    assert_hidden(rendered(caught.value), repr(client), debug_log())


async def test_a_refused_connection_never_shows_the_key(debug_log: Callable[[], str]) -> None:
    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=None)
    async with fake.serve() as url:
        pass  # the port is closed again: nothing listens there now
    async with socket_client(fake, url, rate_limit=None, max_retries=1) as client:
        with pytest.raises(APIConnectionError) as caught:
            await export(client, 1)
    assert_hidden(rendered(caught.value), debug_log())


def planted_account(account_id: int) -> dict[str, Any]:
    return {
        "id": account_id, "from_email": f"s{account_id}@x.co", "username": "sender",
        "password": SMTP_PASSWORD, "imap_password": IMAP_PASSWORD, "smtp_host": "smtp.x.co",
        "warmup_details": {"status": "ACTIVE", "warmup_reputation": "100%"},
    }


async def test_email_account_passwords_never_show_in_reprs_or_logs(
    debug_log: Callable[[], str],
) -> None:
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/email-accounts/").respond(json=[planted_account(i) for i in range(1, 4)])
        mock.get("/email-accounts/1/").respond(json=planted_account(1))
        mock.get("/campaigns/9/email-accounts").respond(json=[planted_account(2)])
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
            listed = [account async for account in client.email_accounts.list()]
            one = await client.email_accounts.get(1)
            of_campaign = await client.campaigns.email_accounts.list(9)
    assert one.password == SMTP_PASSWORD and one.imap_password == IMAP_PASSWORD
    shown = [repr(listed), str(listed), repr(one), str(one), repr(of_campaign),
             repr(one.warmup_details), f"{one}", f"{one!r}"]
    assert_hidden(*shown, debug_log())


async def test_a_malformed_email_account_listing_never_shows_a_password() -> None:
    broken = planted_account(1) | {"warmup_details": "not an object"}
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/email-accounts/").respond(json=[planted_account(2), broken])
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
            with pytest.raises(SmartleadError) as caught:
                [account async for account in client.email_accounts.list()]
    assert_hidden(rendered(caught.value))


def test_the_cli_at_debug_verbosity_never_prints_the_key(tmp_path: Path) -> None:
    pytest.importorskip("click")
    from smartlead_async._cli._app import cli
    from smartlead_async._cli._backend import use_fake

    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=(10, 0.1), faults=Faults(
        error_rate=0.2, drop_rate=0.1, truncate_rate=0.1, seed=3))
    for _ in range(2):
        fake.add_campaign(lead_count=300)
    argv = ["-vv", "--rate-limit", "10/0.1", "--max-retries", "1", "export", "leads",
            "--all-campaigns", "--format", "jsonl", "--out", str(tmp_path / "leads.jsonl")]
    with use_fake(fake):
        result = CliRunner().invoke(cli, argv, env={"SMARTLEAD_API_KEY": SECRET_KEY})
    assert fake.stats.requests > 0
    assert "DEBUG" in result.stderr or "retry" in result.stderr  # it did log at debug
    assert_hidden(result.output, result.stderr, str(result.exception or ""))


async def test_a_2xx_ok_false_body_echoing_the_key_never_shows_it(
    debug_log: Callable[[], str],
) -> None:
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/campaigns/7").respond(json={"ok": False, "message": f"key {SECRET_KEY} off"})
        async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
            with pytest.raises(SmartleadError) as caught:
                await client.campaigns.get(7)
    assert "key *** off" in str(caught.value)
    assert_hidden(rendered(caught.value), debug_log())
