"""The fake's request log: what each request sent and got, with secrets masked, kept small."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from smartlead_async.testing import FakeSmartlead, Faults

from .conftest import SECRET_KEY

SMTP_SECRET = "smtp-PLANTED-8d1e"
CLIENT_SECRET = "client-PLANTED-44aa"


async def call(
    client: httpx.AsyncClient, method: str, path: str, *, json: Any = None, key: str
) -> httpx.Response:
    return await client.request(method, path, params={"api_key": key}, json=json)


async def test_the_log_keeps_request_and_response_bodies_decoded() -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client() as client:
        await call(client, "POST", "/campaigns/create", json={"name": "Q3"}, key="test-key")
    entry = fake.stats.log[-1]
    assert entry.body == {"name": "Q3"}
    assert entry.response["ok"] is True and entry.response["name"] == "Q3"


@pytest.mark.parametrize("key", [SECRET_KEY, 'sk/"quoted"+key\\'])
async def test_passwords_and_the_api_key_never_reach_the_log(key: str) -> None:
    fake = FakeSmartlead(api_key=key, rate_limit=None)
    account = {
        "from_name": "Ada", "from_email": "ada@example.com", "user_name": "ada@example.com",
        "password": SMTP_SECRET, "smtp_host": "smtp.example.com", "smtp_port": 465,
        "imap_host": "imap.example.com", "imap_port": 993,
    }
    async with fake.http_client() as client:
        saved = await call(client, "POST", "/email-accounts/save", json=account, key=key)
        account_id = saved.json()["emailAccountId"]
        got = await call(client, "GET", f"/email-accounts/{account_id}/", key=key)
        await call(client, "GET", "/email-accounts/", key=key)
        await call(client, "POST", "/client/save", key=key, json={
            "name": "Acme", "email": "ops@acme.io", "password": CLIENT_SECRET})
        await call(client, "POST", "/campaigns/create", key=key,
                   json={"name": f"echo {key}"})
        await call(client, "POST", "/campaigns/create", key="wrong", json={"api_key": key})
    assert got.json()["password"] == SMTP_SECRET  # the API itself sends it in clear
    logged = repr(fake.stats.log)
    for secret in (key, json.dumps(key)[1:-1], SMTP_SECRET, CLIENT_SECRET):
        assert secret not in logged
    save, get, listing, client_save, echo, unauthorised = fake.stats.log
    assert save.body["password"] == "***" and save.body["from_email"] == "ada@example.com"
    assert get.response["password"] == get.response["imap_password"] == "***"
    assert listing.response[0]["password"] == "***"
    assert client_save.body["password"] == client_save.response["password"] == "***"
    assert echo.body == {"name": "echo ***"}
    assert unauthorised.status == 401 and unauthorised.body == {"api_key": "***"}


async def test_large_and_streamed_bodies_are_not_kept() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=300)
    async with fake.http_client() as client:
        await call(client, "GET", f"/campaigns/{cid}/leads", key="test-key")
        fake.stats.body_limit = 1_000_000
        await call(client, "GET", f"/campaigns/{cid}/leads", key="test-key")
        async with client.stream("GET", f"/campaigns/{cid}/leads-export",
                                 params={"api_key": "test-key"}) as response:
            await response.aread()
    default, raised, export = fake.stats.log
    assert isinstance(default.response, str) and "not kept" in default.response
    assert len(raised.response["data"]) == 100
    assert export.response == "<streamed body, not kept>"


async def test_a_dropped_connection_logs_no_response() -> None:
    fake = FakeSmartlead(rate_limit=None, faults=Faults(drop_rate=1.0))
    async with fake.http_client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await call(client, "POST", "/campaigns/create", json={"name": "x"}, key="test-key")
    entry = fake.stats.log[-1]
    assert (entry.status, entry.body, entry.response) == (0, {"name": "x"}, None)


async def test_the_stats_repr_is_short_whatever_the_log() -> None:
    fake = FakeSmartlead(rate_limit=(5, 60.0))
    async with fake.http_client() as client:
        for _ in range(40):
            await call(client, "GET", "/campaigns", key="test-key")
    text = repr(fake.stats)
    assert text == (
        "FakeStats(requests=40, rate_limited=35, status_counts={200: 5, 429: 35}, "
        "max_in_window=5, dropped=0, truncated=0, log=<40 entries>)"
    )
