"""Tests of the fake SmartLead server itself, driven with plain httpx (not the SDK)."""

from __future__ import annotations

import asyncio
import json
import re
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import anyio
import httpx
import pytest

from smartlead_async.testing import FakeSmartlead, Faults

from ._fake_http import MODES, connect
from ._virtual_clock import on_virtual_clock

KEY = "test-key"
LEAD_KEYS = {"campaign_lead_map_id", "lead_category_id", "status", "created_at", "lead"}
LEAD_DETAIL_KEYS = {
    "id",
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "company_name",
    "website",
    "location",
    "linkedin_profile",
    "company_url",
    "custom_fields",
    "is_unsubscribed",
    "unsubscribed_client_id_map",
}


async def get(client: httpx.AsyncClient, path: str, **params: Any) -> httpx.Response:
    return await client.get(path, params={"api_key": KEY, **params})


def assert_json(response: httpx.Response) -> Any:
    assert response.headers["content-type"].startswith("application/json")
    assert int(response.headers["content-length"]) == len(response.content)
    return response.json()


# --- auth and routing --------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"api_key": "wrong"}, {"api_key": ""}])
async def test_missing_or_wrong_api_key_is_401(params: dict[str, str]) -> None:
    fake = FakeSmartlead()
    async with fake.http_client() as client:
        response = await client.get("/campaigns", params=params)
    assert response.status_code == 401
    assert assert_json(response) == {"message": "Invalid API key"}
    assert fake.stats.status_counts[401] == 1


async def test_unknown_path_is_404_and_unknown_method_is_405() -> None:
    fake = FakeSmartlead()
    async with fake.http_client() as client:
        missing = await get(client, "/nope")
        outside = await client.get("http://fake-smartlead.test/other", params={"api_key": KEY})
        post = await client.post("/campaigns", params={"api_key": KEY})
    assert missing.status_code == outside.status_code == 404
    assert assert_json(missing) == {"error": "Not found"}
    assert post.status_code == 405
    assert post.headers["allow"] == "GET"
    body = assert_json(post)
    assert body["ok"] is False and body["errorCode"] == "METHOD_NOT_ALLOWED"


# --- campaigns -------------------------------------------------------------------------------


async def test_list_campaigns_bare_array_newest_first_with_optional_tags() -> None:
    fake = FakeSmartlead()
    first = fake.add_campaign(name="First", client_id=7)
    second = fake.add_campaign(status="PAUSED")
    async with fake.http_client() as client:
        plain = assert_json(await get(client, "/campaigns"))
        slash = assert_json(await get(client, "/campaigns/"))
        tagged = assert_json(await get(client, "/campaigns", include_tags="true"))
        by_client = assert_json(await get(client, "/campaigns", client_id=7))
        bad_client = await get(client, "/campaigns", client_id="x")
        bad_tags = await get(client, "/campaigns", include_tags="yes")
    assert isinstance(plain, list) and plain == slash
    assert [c["id"] for c in plain] == [second, first]
    assert plain[1]["name"] == "First" and plain[0]["status"] == "PAUSED"
    assert all("tags" not in c for c in plain)
    assert all(isinstance(c["tags"], list) for c in tagged)
    assert [c["id"] for c in by_client] == [first]
    assert bad_client.status_code == bad_tags.status_code == 422
    assert set(fake.campaigns) == {first, second}
    assert fake.campaigns[first].name == "First"


async def test_get_campaign_404_and_400() -> None:
    fake = FakeSmartlead()
    cid = fake.add_campaign(name="Solo")
    async with fake.http_client() as client:
        ok = assert_json(await get(client, f"/campaigns/{cid}"))
        missing = await get(client, f"/campaigns/{cid + 1000}")
        bad = await get(client, "/campaigns/abc")
    assert ok["id"] == cid and ok["name"] == "Solo" and ok["created_at"].endswith("Z")
    assert missing.status_code == 404
    assert assert_json(missing) == {"error": "Campaign not found - Invalid campaign_id."}
    assert bad.status_code == 400


# --- campaign leads --------------------------------------------------------------------------


async def test_leads_pages_cover_every_lead_once_in_order() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=250)
    seen: list[int] = []
    async with fake.http_client() as client:
        for offset in range(0, 300, 100):
            page = assert_json(await get(client, f"/campaigns/{cid}/leads", offset=offset))
            assert page["total_leads"] == "250"  # a string, as documented
            assert page["offset"] == offset and page["limit"] == 100
            seen += [item["campaign_lead_map_id"] for item in page["data"]]
        default = assert_json(await get(client, f"/campaigns/{cid}/leads"))
    assert seen == fake.lead_ids(cid) and len(set(seen)) == 250
    assert default["offset"] == 0 and len(default["data"]) == 100
    item = default["data"][0]
    assert set(item) == LEAD_KEYS and set(item["lead"]) == LEAD_DETAIL_KEYS
    assert item["status"] in {"STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED"}
    assert item["created_at"].endswith("Z") and isinstance(item["lead"]["custom_fields"], dict)


async def test_lead_data_is_realistic() -> None:
    fake = FakeSmartlead(rate_limit=None)
    a, b = fake.add_campaign(lead_count=300), fake.add_campaign(lead_count=300)
    items: list[dict[str, Any]] = []
    async with fake.http_client() as client:
        for cid in (a, b):
            for offset in (0, 100, 200):
                page = await get(client, f"/campaigns/{cid}/leads", offset=offset)
                items += page.json()["data"]
    map_ids = [i["campaign_lead_map_id"] for i in items]
    emails = [i["lead"]["email"] for i in items]
    assert len(set(map_ids)) == len(set(emails)) == 600
    ids = [i["lead"]["id"] for i in items]
    assert any(isinstance(x, str) for x in ids) and any(isinstance(x, int) for x in ids)
    assert all(str(x).isdigit() for x in ids)
    assert {i["lead_category_id"] is None for i in items} == {True, False}
    assert {i["status"] for i in items} == {
        "STARTED",
        "INPROGRESS",
        "COMPLETED",
        "PAUSED",
        "STOPPED",
    }


async def test_leads_filters_filter() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=400)
    async with fake.http_client() as client:
        path = f"/campaigns/{cid}/leads"
        paused = assert_json(await get(client, path, status="PAUSED"))
        category = assert_json(await get(client, path, lead_category_id=3))
        opened = assert_json(await get(client, path, emailStatus="is_opened"))
        started_opened = assert_json(
            await get(client, path, status="STARTED", emailStatus="is_opened")
        )
        cutoff = paused["data"][0]["created_at"]
        newer = assert_json(await get(client, path, created_at_gt=cutoff, limit=100))
    assert 0 < int(paused["total_leads"]) < 400
    assert {i["status"] for i in paused["data"]} == {"PAUSED"}
    assert 0 < int(category["total_leads"]) < 400
    assert {i["lead_category_id"] for i in category["data"]} == {3}
    assert 0 < int(opened["total_leads"]) < 400
    assert all(i["status"] != "STARTED" for i in opened["data"])  # never emailed, never opened
    assert started_opened["total_leads"] == "0" and started_opened["data"] == []
    assert all(i["created_at"] > cutoff for i in newer["data"])


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "2.5"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"status": "ACTIVE"}, "status"),
        ({"status": "paused"}, "status"),
        ({"lead_category_id": "0"}, "lead_category_id"),
        ({"emailStatus": "opened"}, "emailStatus"),
        ({"created_at_gt": "yesterday"}, "created_at_gt"),
        ({"last_sent_time_gt": "2025-13-01"}, "last_sent_time_gt"),
        ({"event_time_gt": ""}, "event_time_gt"),
    ],
)
async def test_leads_invalid_params_are_422(params: dict[str, str], key: str) -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=5)
    async with fake.http_client() as client:
        response = await get(client, f"/campaigns/{cid}/leads", **params)
    assert response.status_code == 422
    body = assert_json(response)
    assert body["statusCode"] == 422 and body["error"] == "Unprocessable Entity"
    assert key in body["message"] and body["validation"]["keys"] == [key]


async def test_leads_unknown_campaign_is_404() -> None:
    fake = FakeSmartlead()
    async with fake.http_client() as client:
        response = await get(client, "/campaigns/999/leads")
    assert response.status_code == 404
    assert response.json() == {"error": "Campaign not found - Invalid campaign_id."}


async def test_add_leads_inserts_at_head_and_shifts_offsets() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=150)
    async with fake.http_client() as client:
        before = (await get(client, f"/campaigns/{cid}/leads", limit=10)).json()
        old_ids = fake.lead_ids(cid)
        fake.add_leads(cid, 7)
        after = (await get(client, f"/campaigns/{cid}/leads", offset=7, limit=10)).json()
        head = (await get(client, f"/campaigns/{cid}/leads", limit=7)).json()
    assert after["total_leads"] == "157" and fake.campaigns[cid].lead_count == 157
    assert after["data"] == before["data"]
    assert fake.lead_ids(cid)[7:] == old_ids
    new_ids = [i["campaign_lead_map_id"] for i in head["data"]]
    assert new_ids == fake.lead_ids(cid)[:7] and not set(new_ids) & set(old_ids)
    assert min(i["created_at"] for i in head["data"]) > before["data"][0]["created_at"]


async def test_large_campaign_is_cheap() -> None:
    fake = FakeSmartlead(rate_limit=None)
    tracemalloc.start()
    cid = fake.add_campaign(lead_count=200_000)
    async with fake.http_client() as client:
        last = (await get(client, f"/campaigns/{cid}/leads", offset=199_950)).json()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8_000_000  # about one machine int per lead, not 200k dicts
    assert last["total_leads"] == "200000" and len(last["data"]) == 50


# --- all-leads activities ----------------------------------------------------------------------


async def test_activities_paginate_with_has_more() -> None:
    fake = FakeSmartlead(rate_limit=None)
    fake.add_campaign(name="Q4 Outreach")
    fake.add_activities(25)
    seen: list[int] = []
    async with fake.http_client() as client:
        path = "/campaigns/all-leads-activities"
        pages = [assert_json(await get(client, path, offset=o, limit=10)) for o in (0, 10, 20)]
        default = assert_json(await get(client, path))
    assert [p["hasMore"] for p in pages] == [True, True, False]
    for page in pages:
        seen += [r["email_lead_map_id"] for r in page["data"]]
    assert seen == fake.activity_ids() and len(set(seen)) == 25
    assert len(default["data"]) == 25 and default["hasMore"] is False
    record = pages[0]["data"][0]
    assert record["campaign_name"] == "Q4 Outreach" and record["activities"]
    assert {"stats_id", "sent_time", "email_seq_number", "reply_details"} <= set(
        record["activities"][0]
    )


async def test_activities_filter_by_event_time() -> None:
    fake = FakeSmartlead(rate_limit=None)
    fake.add_activities(24 * 10, start=datetime(2025, 11, 1, tzinfo=UTC))  # ~1 per hour, 10 days
    async with fake.http_client() as client:
        path = "/campaigns/all-leads-activities"
        day = await get(client, path, event_time_from="2025-11-03", event_time_to="2025-11-03")
        since = await get(client, path, event_time_from="2025-11-09T00:00:00.000Z", limit=1000)
    assert len(day.json()["data"]) == 24
    assert len(since.json()["data"]) == 48  # Nov 9 and Nov 10


@pytest.mark.parametrize(
    ("params", "status", "body"),
    [
        ({"event_time_from": "nov 1"}, 400, {"error": "Invalid date format for event_time_from"}),
        (
            {"event_time_from": "2025-11-01", "event_time_to": "11/30/2025"},
            400,
            {"error": "Invalid date format for event_time_to"},
        ),
        ({"event_time_to": "2025-11-30"}, 422, None),
        ({"event_time_from": "2025-11-30", "event_time_to": "2025-11-01"}, 422, None),
        ({"limit": "1001"}, 422, None),
        ({"limit": "0"}, 422, None),
        ({"offset": "-5"}, 422, None),
    ],
)
async def test_activities_validation(
    params: dict[str, str], status: int, body: dict[str, str] | None
) -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client() as client:
        response = await get(client, "/campaigns/all-leads-activities", **params)
    assert response.status_code == status
    payload = assert_json(response)
    if body is not None:
        assert payload == body
    else:
        assert payload["statusCode"] == 422


# --- rate limiting -----------------------------------------------------------------------------


@on_virtual_clock
async def test_rate_limit_429_with_retry_after_then_recovers() -> None:
    fake = FakeSmartlead(rate_limit=(5, 0.3))
    async with fake.http_client() as client:
        responses = await asyncio.gather(*(get(client, "/campaigns") for _ in range(8)))
        codes = sorted(r.status_code for r in responses)
        limited = next(r for r in responses if r.status_code == 429)
        body = assert_json(limited)["error"]
        await asyncio.sleep(body["retry_after"])  # exactly the advertised wait is enough
        recovered = await get(client, "/campaigns")
    assert codes == [200] * 5 + [429] * 3
    assert limited.headers["retry-after"] == "1"  # integer seconds, rounded up
    assert body["code"] == "rate_limited"
    assert body["message"] == "Rate limit exceeded: 5 requests per 0.3 seconds"
    assert 0 < body["retry_after"] <= 0.3
    assert recovered.status_code == 200
    assert fake.stats.rate_limited == 3 and fake.stats.max_in_window == 5


@on_virtual_clock
async def test_rate_limit_without_retry_after_header() -> None:
    fake = FakeSmartlead(rate_limit=(1, 5.0), retry_after_header=False)
    async with fake.http_client() as client:
        await get(client, "/campaigns")
        limited = await get(client, "/campaigns")
    assert limited.status_code == 429 and "retry-after" not in limited.headers
    assert 4.0 < limited.json()["error"]["retry_after"] <= 5.0


@on_virtual_clock
async def test_sliding_window_is_strict() -> None:
    limit, window = 3, 0.1
    fake = FakeSmartlead(rate_limit=(limit, window))
    async with fake.http_client() as client:
        for i in range(40):
            await get(client, "/campaigns")
            await asyncio.sleep((i % 4) * 0.008)
    admitted = [e.time for e in fake.stats.log if e.status != 429]
    assert fake.stats.rate_limited > 0
    assert fake.stats.max_in_window == limit
    for earlier, later in zip(admitted, admitted[limit:], strict=False):
        assert later - earlier >= window  # never N+1 admitted within any window of W


async def test_stats_log_and_reset() -> None:
    fake = FakeSmartlead()
    async with fake.http_client() as client:
        await get(client, "/campaigns", include_tags="true")
        await client.get("/campaigns")
    assert fake.stats.requests == 2
    assert [(e.method, e.path, e.query, e.status) for e in fake.stats.log] == [
        ("GET", "/api/v1/campaigns", {"include_tags": "true"}, 200),
        ("GET", "/api/v1/campaigns", {}, 401),
    ]
    fake.stats.reset()
    assert fake.stats.requests == 0 and fake.stats.log == [] and not fake.stats.status_counts


# --- faults ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_drop_fault_raises_transport_error(mode: str) -> None:
    fake = FakeSmartlead(faults=Faults(drop_rate=1.0))
    async with connect(fake, mode) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await get(client, "/campaigns")
        unauthorised = await client.get("/campaigns")  # faults come after auth
    assert unauthorised.status_code == 401
    assert fake.stats.dropped == 1 and fake.stats.status_counts[0] == 1


@pytest.mark.parametrize("mode", MODES)
async def test_truncate_fault_sends_headers_then_part_of_body(mode: str) -> None:
    fake = FakeSmartlead(faults=Faults(truncate_rate=1.0))
    fake.add_campaign(lead_count=3)
    async with connect(fake, mode) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="peer closed"):
            await get(client, "/campaigns")
        request = client.build_request("GET", "/campaigns", params={"api_key": KEY})
        response = await client.send(request, stream=True)
        try:
            assert response.status_code == 200
            expected = int(response.headers["content-length"])
            received = b""
            with pytest.raises(httpx.RemoteProtocolError):
                async for chunk in response.aiter_raw():
                    received += chunk
            assert 0 < len(received) < expected
        finally:
            await response.aclose()
    assert fake.stats.truncated == 2


@pytest.mark.parametrize("mode", MODES)
async def test_error_fault_statuses_and_bodies(mode: str) -> None:
    fake = FakeSmartlead(rate_limit=None, faults=Faults(error_rate=1.0, seed=3))
    async with connect(fake, mode) as client:
        responses = [await get(client, "/campaigns") for _ in range(30)]
    assert {r.status_code for r in responses} == {500, 502, 503}
    kinds = {r.headers["content-type"].split(";")[0] for r in responses}
    assert kinds == {"application/json", "text/html"}
    for r in responses:
        if r.headers["content-type"].startswith("application/json"):
            assert isinstance(r.json(), dict)


@pytest.mark.parametrize("mode", MODES)
async def test_fault_rates_are_fractions_and_recoverable(mode: str) -> None:
    fake = FakeSmartlead(
        rate_limit=None, faults=Faults(error_rate=0.2, drop_rate=0.2, truncate_rate=0.2, seed=5)
    )
    outcomes: list[str] = []
    async with connect(fake, mode) as client:
        for _ in range(100):
            try:
                response = await get(client, "/campaigns")
                outcomes.append(str(response.status_code))
            except httpx.TransportError:
                outcomes.append("transport")
    assert 20 < outcomes.count("transport") < 60
    assert 8 < sum(o in {"500", "502", "503"} for o in outcomes) < 35
    assert outcomes.count("200") > 25
    assert fake.stats.dropped + fake.stats.truncated == outcomes.count("transport")


@on_virtual_clock
async def test_faulted_requests_count_in_the_window() -> None:
    fake = FakeSmartlead(rate_limit=(3, 10.0), faults=Faults(drop_rate=1.0))
    async with fake.http_client() as client:
        for _ in range(3):
            with pytest.raises(httpx.RemoteProtocolError):
                await get(client, "/campaigns")
        limited = await get(client, "/campaigns")  # 429s are never faulted
    assert limited.status_code == 429 and fake.stats.max_in_window == 3


def test_invalid_configuration_is_rejected() -> None:
    with pytest.raises(ValueError, match="error_rate"):
        Faults(error_rate=1.5)
    with pytest.raises(ValueError):
        Faults(error_rate=0.6, drop_rate=0.6)
    with pytest.raises(ValueError):
        FakeSmartlead(rate_limit=(0, 1.0))
    with pytest.raises(ValueError):
        FakeSmartlead(latency=(0.2, 0.1))


# --- determinism and latency -------------------------------------------------------------------


async def _snapshot(seed: int) -> str:
    fake = FakeSmartlead(seed=seed, rate_limit=None)
    cid = fake.add_campaign(lead_count=120, client_id=4)
    fake.add_activities(5)
    async with fake.http_client() as client:
        parts = [
            (await get(client, "/campaigns", include_tags="true")).json(),
            (await get(client, f"/campaigns/{cid}/leads", offset=20)).json(),
            (await get(client, "/campaigns/all-leads-activities")).json(),
        ]
    return json.dumps(parts)


async def test_data_is_deterministic_by_seed() -> None:
    assert await _snapshot(11) == await _snapshot(11)
    assert await _snapshot(11) != await _snapshot(12)


@on_virtual_clock
async def test_latency_range_delays_responses() -> None:
    fake = FakeSmartlead(latency=(0.03, 0.05))
    async with fake.http_client() as client:
        started = anyio.current_time()
        response = await get(client, "/campaigns")
    assert response.status_code == 200
    assert 0.03 <= anyio.current_time() - started <= 0.05 + 0.001


@pytest.mark.parametrize("mode", MODES)
async def test_latency_beyond_the_read_timeout_is_a_read_timeout(mode: str) -> None:
    fake = FakeSmartlead(latency=0.3)
    async with connect(fake, mode) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/campaigns", params={"api_key": KEY}, timeout=0.05)


# --- the real socket ---------------------------------------------------------------------------


async def test_serve_handles_200_concurrent_requests() -> None:
    fake = FakeSmartlead(rate_limit=None, latency=0.01)
    cid = fake.add_campaign(lead_count=1000)
    # httpcore's pool costs O(connections**2) per event, so keep the client's pool modest:
    # the server-side capacity for 200 connections is tested with raw sockets below.
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=20)
    async with fake.serve() as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/v1")
        async with httpx.AsyncClient(base_url=url, limits=limits) as client:
            responses = await asyncio.gather(
                *(get(client, f"/campaigns/{cid}/leads", offset=i * 5, limit=5) for i in range(200))
            )
    assert [r.status_code for r in responses] == [200] * 200
    ids = [i["campaign_lead_map_id"] for r in responses for i in r.json()["data"]]
    assert ids == fake.lead_ids(cid)
    assert fake.stats.requests == 200


async def _raw_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: fake\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.startswith(b"content-length")
    )
    await reader.readexactly(length)
    return int(head.split(b" ")[1])


async def test_serve_handles_200_concurrent_keep_alive_connections() -> None:
    fake = FakeSmartlead(rate_limit=None, latency=0.01)
    async with fake.serve() as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        connections = await asyncio.gather(
            *(asyncio.open_connection("127.0.0.1", port) for _ in range(200))
        )
        try:
            for _ in range(2):  # two requests per connection: keep-alive
                statuses = await asyncio.gather(
                    *(_raw_get(r, w, f"/api/v1/campaigns?api_key={KEY}") for r, w in connections)
                )
                assert statuses == [200] * 200
        finally:
            for _, writer in connections:
                writer.close()
            await asyncio.gather(*(w.wait_closed() for _, w in connections))
    assert fake.stats.requests == 400


async def test_serve_shuts_down_cleanly_with_open_connections() -> None:
    fake = FakeSmartlead(rate_limit=None)
    client = httpx.AsyncClient()
    try:
        async with fake.serve() as url:
            assert (
                await client.get(f"{url}/campaigns", params={"api_key": KEY})
            ).status_code == 200
            port = int(url.rsplit(":", 1)[1].split("/")[0])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GARBAGE\r\n\r\n")
            assert (await reader.readline()).startswith(b"HTTP/1.1 400")
            writer.close()
            await writer.wait_closed()
        # the idle keep-alive connection is closed by the server; no handler task survives
        assert asyncio.all_tasks() == {asyncio.current_task()}
    finally:
        await client.aclose()


# --- write paths (HTTP level; tests/test_behaviour_*.py drive them through the SDK) ------------


async def post(client: httpx.AsyncClient, path: str, body: Any) -> httpx.Response:
    return await client.post(path, params={"api_key": KEY}, json=body)


_SCHEDULE = {"timezone": "America/Los_Angeles", "days_of_the_week": [1], "start_hour": "09:00",
             "end_hour": "18:00"}


@pytest.mark.parametrize(
    ("suffix", "body", "error"),
    [
        ("schedule", {**_SCHEDULE, "timezone": "Nowhere/City"}, "Invalid timezone - Nowhere/City"),
        ("schedule", {**_SCHEDULE, "start_hour": "9am"}, "Invalid start_hour - 9am"),
        ("schedule", {**_SCHEDULE, "end_hour": "24:00"}, "Invalid end_hour - 24:00"),
        ("schedule", {**_SCHEDULE, "start_hour": "19:00"},
         "startHour cannot be greater than endHour"),
        ("settings", {"track_settings": ["DONT_TRACK_EVERYTHING"]},
         "Invalid track_settings value - DONT_TRACK_EVERYTHING"),
        ("settings", {"stop_lead_settings": "NEVER"}, "Invalid stop_lead_settings value - NEVER"),
        ("webhooks", {"name": "w", "webhook_url": "ftp://x", "event_types": ["EMAIL_SENT"]},
         "Invalid webhook_url - ftp://x"),
        ("webhooks", {"name": "w", "webhook_url": "https://x.io", "event_types": ["EMAIL_SEEN"]},
         "Invalid event_types - EMAIL_SEEN"),
        ("webhooks", {"name": "w", "webhook_url": "https://x.io", "event_types": ["EMAIL_SENT"],
                      "categories": ["Keen"]}, "Invalid category - Keen"),
        ("email-accounts", {"email_account_ids": [297]},
         "Email account id - 297 not allowed. Permission Error."),
    ],
)
async def test_documented_bad_requests(suffix: str, body: dict[str, Any], error: str) -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign()
    async with fake.http_client() as client:
        response = await post(client, f"/campaigns/{cid}/{suffix}", body)
    assert response.status_code == 400
    assert assert_json(response) == {"error": error}


@pytest.mark.parametrize(
    ("path", "body", "key", "message"),
    [
        ("/campaigns/create", {"name": 5}, "name", '"name" must be a string'),
        ("/campaigns/{cid}/status", {"status": "ACTIVE"}, "status",
         '"status" must be one of [PAUSED, STOPPED, START]'),
        ("/campaigns/{cid}/leads", {"lead_list": [{"email": f"l{n}@x.io"} for n in range(101)]},
         "lead_list", '"lead_list" must contain less than or equal to 100 items'),
        ("/campaigns/{cid}/leads", {"lead_list": []}, "lead_list",
         '"lead_list" must contain at least 1 items'),
        ("/campaigns/{cid}/settings", {"follow_up_percentage": 101}, "follow_up_percentage",
         '"follow_up_percentage" must be less than or equal to 100'),
        ("/email-accounts/save", {"from_name": "A"}, "from_email", '"from_email" is required'),
    ],
)
async def test_malformed_bodies_are_422(
    path: str, body: dict[str, Any], key: str, message: str
) -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign()
    async with fake.http_client() as client:
        response = await post(client, path.format(cid=cid), body)
    assert response.status_code == 422
    payload = assert_json(response)
    assert (payload["message"], payload["validation"]) == (
        message, {"source": "body", "keys": [key]})


async def test_bad_json_is_400() -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client() as client:
        response = await client.post(
            "/campaigns/create", params={"api_key": KEY}, content=b"{nope",
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 400 and response.json() == {"error": "Invalid JSON body"}


async def test_add_leads_answers_the_documented_counts() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign()
    lead_list = [{"email": "a@x.io"}, {"email": "A@X.IO"}, {"email": "bad"}, {"email": "b@x.io",
                 "phone_number": 239392029, "custom_fields": {"Title": "CEO"}}]
    async with fake.http_client() as client:
        first = assert_json(await post(client, f"/campaigns/{cid}/leads", {"lead_list": lead_list}))
        again = assert_json(await post(client, f"/campaigns/{cid}/leads",
                                       {"lead_list": lead_list[:1]}))
        page = assert_json(await get(client, f"/campaigns/{cid}/leads"))
    assert first == {
        "ok": True, "upload_count": 2, "total_leads": 4, "already_added_to_campaign": 0,
        "duplicate_count": 1, "invalid_email_count": 1, "unsubscribed_leads": 0,
    }
    assert again["already_added_to_campaign"] == 1 and again["upload_count"] == 0
    assert page["total_leads"] == "2"
    assert page["data"][0]["lead"]["phone_number"] == "239392029"
    assert page["data"][0]["lead"]["custom_fields"] == {"Title": "CEO"}


@pytest.mark.parametrize("mode", MODES)
async def test_the_export_is_streamed_csv(mode: str) -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=500)
    async with connect(fake, mode) as client, client.stream(
        "GET", f"/campaigns/{cid}/leads-export", params={"api_key": KEY}
    ) as response:
        chunks = [chunk async for chunk in response.aiter_raw()]
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "content-length" not in response.headers
    assert len(chunks) > 1
    lines = b"".join(chunks).decode().splitlines()
    assert len(lines) == 501 and lines[0].startswith("id,campaign_lead_map_id,status,")


@pytest.mark.parametrize("mode", MODES)
async def test_a_truncated_export_fails_mid_body(mode: str) -> None:
    fake = FakeSmartlead(rate_limit=None, faults=Faults(truncate_rate=1.0))
    cid = fake.add_campaign(lead_count=500)
    received = b""
    async with connect(fake, mode) as client, client.stream(
        "GET", f"/campaigns/{cid}/leads-export", params={"api_key": KEY}
    ) as response:
        with pytest.raises(httpx.RemoteProtocolError):
            async for chunk in response.aiter_raw():
                received += chunk
    assert response.status_code == 200 and 0 < len(received) < 150_000


async def test_quirks_reproduce_the_live_apis_shapes() -> None:
    fake = FakeSmartlead(rate_limit=None, quirks=True)
    cid = fake.add_campaign(lead_count=3)
    async with fake.http_client() as client:
        missing = await get(client, "/campaigns/99")
        account = await get(client, "/email-accounts/99/")
        lead = await get(client, "/leads/", email="nobody@x.io")
        await post(client, f"/campaigns/{cid}/sequences",
                   {"sequences": [{"seq_number": 1, "email_body": "<p>Hi</p>"}]})
        sequence = await get(client, f"/campaigns/{cid}/sequences")
        lead_id = (await get(client, f"/campaigns/{cid}/leads")).json()["data"][0]["lead"]["id"]
        deleted = await client.delete(f"/campaigns/{cid}/leads/{lead_id}",
                                      params={"api_key": KEY})
        write = await post(client, "/campaigns/99/status", {"status": "START"})
    assert [r.status_code for r in (missing, account, lead)] == [200] * 3
    assert missing.json() == account.json() == lead.json() == {}
    assert sequence.json()["seq_number"] == 1  # one step, sent as a lone object
    assert (deleted.status_code, deleted.text) == (200, "success")
    assert write.status_code == 404  # writes still answer 404


async def _writes(seed: int) -> str:
    fake = FakeSmartlead(seed=seed, rate_limit=None)
    fake.add_email_account()
    cid = fake.add_campaign(lead_count=20)
    async with fake.http_client() as client:
        parts = [
            (await post(client, "/campaigns/create", {"name": "New"})).json(),
            (await post(client, f"/campaigns/{cid}/leads",
                        {"lead_list": [{"email": "a@x.io"}]})).json(),
            (await get(client, f"/campaigns/{cid}/leads", limit=2)).json(),
            (await get(client, f"/campaigns/{cid}/sequences")).json(),
            (await get(client, f"/campaigns/{cid}/statistics", limit=5)).json(),
            (await get(client, "/email-accounts/")).json(),
            (await get(client, f"/campaigns/{cid}/leads-export")).text,
        ]
    return json.dumps(parts)


async def test_write_paths_are_deterministic_by_seed() -> None:
    assert await _writes(3) == await _writes(3)
    assert await _writes(3) != await _writes(4)


_DOC_ROW = re.compile(r"^\| ([A-Z]+) \| `([^`]+)` \| `client\.", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
ENDPOINTS_DOC = Path(__file__).resolve().parent.parent / "docs" / "endpoints.md"


def _mapped_rows(fake: FakeSmartlead) -> list[tuple[str, str, str]]:
    """``(base URL, method, path template)`` of each route docs/endpoints.md maps, on the
    fake's base URL of the route's product (sections 2.17 to 2.19 are on other hosts)."""
    bases = {17: fake.prospect_base_url, 18: fake.delivery_base_url, 19: fake.senders_base_url}
    text = ENDPOINTS_DOC.read_text(encoding="utf-8")
    rows = []
    for chunk in re.split(r"^## ", text, flags=re.MULTILINE):
        number = re.match(r"2\.(\d+) ", chunk)
        base = bases.get(int(number[1]) if number else 0, fake.base_url)
        rows += [(base, method, path) for method, path in _DOC_ROW.findall(chunk)]
    return rows


async def test_every_endpoint_the_sdk_maps_is_routed() -> None:
    """Each route docs/endpoints.md maps to an SDK method reaches a handler of the fake, on
    its product's host."""
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=1)
    account = fake.add_email_account()
    rows = _mapped_rows(fake)
    answers = {}
    async with fake.http_client() as client:
        lead_id = (await get(client, f"/campaigns/{cid}/leads")).json()["data"][0]["lead"]["id"]
        ids = {"campaign": cid, "email_account": account, "lead": lead_id}

        def filled(match: re.Match[str]) -> str:
            name = re.sub(r"_?[iI]d$", "", match[1])
            return str(ids.get(re.sub(r"([A-Z])", r"_\1", name).lower(), 1))

        for base, method, template in rows:
            path, _, query = _PLACEHOLDER.sub(filled, template).partition("?")
            params = {"api_key": KEY, **dict(parse_qsl(query)), **({"email": "a@b.co"} if
                                                                    query == "email=" else {})}
            response = await client.request(method, base + path, params=params)
            answers[method, base + template] = response.status_code, response.text
    assert len(answers) == len(rows) > 44 + 60
    unrouted = {
        endpoint: answer for endpoint, answer in answers.items()
        if answer[0] == 405 or answer == (404, '{"error":"Not found"}')
    }
    assert unrouted == {}
