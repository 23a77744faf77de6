"""Nothing is left running or open: cancellation, closing, and one client shared by many tasks.

Every test runs under :func:`tests._faulty.watch_loop`, which fails it on asyncio's "Task was
destroyed but it is pending!", on "Task exception was never retrieved" and on tasks left
running; pyproject turns ResourceWarning (an unclosed socket or response) into an error.
Connections are counted on both ends of a real loopback socket: in the client's httpx pool and,
from ``/proc/net/tcp``, on the fake server's side.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import aclosing
from typing import Any

import anyio
import httpx
import pytest

from smartlead_async import ClientClosedError, RateLimit, SmartleadClient
from smartlead_async.testing import FakeSmartlead

from ._faulty import (
    busy_connections,
    open_server_connections,
    pool_connections,
    port_of,
    sdk_tasks,
    settle,
    socket_client,
    unique_key,
    wait_for_server_connections,
    watch_loop,
)
from ._virtual_clock import on_virtual_clock

SOCKET_LIMIT = RateLimit(10, 0.1)
Message = MutableMapping[str, Any]


async def test_the_loop_watch_fails_a_test_that_destroys_a_pending_task() -> None:
    loop = asyncio.get_running_loop()

    async def wait_forever() -> None:
        await loop.create_future()  # referenced only by this coroutine: collectable

    with pytest.raises(AssertionError, match="Task was destroyed but it is pending"):
        async with watch_loop():
            loop.create_task(wait_forever())  # noqa: RUF006 - on purpose: no reference kept
            await asyncio.sleep(0)


def slow_fake(leads: int = 3000) -> tuple[FakeSmartlead, int]:
    """A fake whose answers take 20-40 ms, so a cancellation lands while pages are in flight."""
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(10, 0.1), latency=(0.02, 0.04))
    return fake, fake.add_campaign(lead_count=leads)


async def break_mid_page(client: SmartleadClient, campaign: int) -> int:
    seen = 0
    async for _ in client.campaigns.leads.list(campaign, prefetch=10):
        seen += 1
        if seen == 150:  # half-way through the second page, a batch of 10 pages in flight
            break
    return seen


async def cancel_the_task(client: SmartleadClient, campaign: int) -> int:
    seen = 0
    got_some = anyio.Event()

    async def export() -> None:
        nonlocal seen
        async for _ in client.campaigns.leads.list(campaign, prefetch=10):
            seen += 1
            if seen == 100:
                got_some.set()

    task = asyncio.create_task(export())
    await got_some.wait()
    await asyncio.sleep(0.01)  # the next batch is on the wire now
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    return seen


async def time_out_a_scope(client: SmartleadClient, campaign: int) -> int:
    seen = 0
    with anyio.move_on_after(60) as scope:
        async for _ in client.campaigns.leads.list(campaign, prefetch=10):
            seen += 1
            if seen == 100:  # the first page is read: time out while the next batch is out
                scope.deadline = anyio.current_time() + 0.01
    assert scope.cancelled_caught
    return seen


STOPS: dict[str, Callable[[SmartleadClient, int], Awaitable[int]]] = {
    "break": break_mid_page,
    "task.cancel()": cancel_the_task,
    "anyio.move_on_after": time_out_a_scope,
}


@pytest.mark.parametrize("stop", list(STOPS))
@on_virtual_clock
async def test_stopping_an_export_mid_page_leaves_no_task_response_or_extra_connection(
    stop: str,
) -> None:
    fake, campaign = slow_fake()
    async with fake.serve() as url:
        port = port_of(url)
        async with socket_client(fake, url, rate_limit=SOCKET_LIMIT) as client:
            tasks_before = sdk_tasks()
            seen = await STOPS[stop](client, campaign)
            await settle()
            assert 0 < seen < 3000
            assert fake.stats.requests * 100 > seen  # pages were on the way when it stopped
            assert sdk_tasks() <= tasks_before  # no request or page task left behind
            pooled = pool_connections(client)
            assert busy_connections(client) == 0  # no response left half-read
            assert pooled <= 10  # at most one per page that was in flight
            server_side = await wait_for_server_connections(port, pooled)
            assert server_side <= pooled
            # The pool and the shared limiter are intact: a full export still works.
            again = [lead.campaign_lead_map_id
                     async for lead in client.campaigns.leads.list(campaign)]
            assert again == fake.lead_ids(campaign)
        assert await wait_for_server_connections(port, 0) == 0


@on_virtual_clock
async def test_stopping_a_fan_in_early_cancels_every_listing() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(10, 0.1), latency=(0.01, 0.02))
    campaigns = [fake.add_campaign(lead_count=400) for _ in range(6)]
    async with fake.serve() as url, socket_client(fake, url, rate_limit=SOCKET_LIMIT) as client:
        tasks_before = sdk_tasks()
        seen = 0
        async with client.campaigns.leads.list_many(campaigns) as stream:
            async for _ in stream:
                seen += 1
                if seen == 250:
                    break
        await settle()
        assert sdk_tasks() <= tasks_before
        requests_at_exit = fake.stats.requests
        await anyio.sleep(0.1)
        assert fake.stats.requests == requests_at_exit  # nothing is still paging


async def read_ten_rows_then_break(client: SmartleadClient, campaign: int) -> int:
    seen = 0
    async with aclosing(client.campaigns.leads.export_csv(campaign)) as rows:
        async for _ in rows:
            seen += 1
            if seen == 10:
                break
    return seen


async def read_rows_until_a_timeout(client: SmartleadClient, campaign: int) -> int:
    seen = 0
    with anyio.move_on_after(60) as scope:
        async for _ in client.campaigns.leads.export_csv(campaign):
            seen += 1
            if seen == 10:
                scope.deadline = anyio.current_time()  # cancelled at the next chunk
    assert scope.cancelled_caught
    return seen


@pytest.mark.parametrize("stop", [read_ten_rows_then_break, read_rows_until_a_timeout],
                         ids=["aclosing + break", "anyio.move_on_after"])
@on_virtual_clock
async def test_stopping_a_streamed_csv_export_closes_its_response_and_connection(
    stop: Callable[[SmartleadClient, int], Awaitable[int]],
) -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None)
    campaign = fake.add_campaign(lead_count=20_000)  # a body of several MB, in many chunks
    async with fake.serve() as url:
        port = port_of(url)
        async with socket_client(fake, url, rate_limit=None) as client:
            tasks_before = sdk_tasks()
            assert 10 <= await stop(client, campaign) < 20_000
            await settle()
            assert sdk_tasks() <= tasks_before
            assert busy_connections(client) == 0  # the half-read body was not left open
            assert await wait_for_server_connections(port, pool_connections(client)) <= 1
            assert (await client.campaigns.get(campaign)).id == campaign
        assert await wait_for_server_connections(port, 0) == 0


@on_virtual_clock
async def test_closing_the_client_closes_every_connection_of_its_pool() -> None:
    fake, campaign = slow_fake(leads=1000)
    async with fake.serve() as url:
        port = port_of(url)
        client = socket_client(fake, url, rate_limit=SOCKET_LIMIT)
        async with client:
            assert len([x async for x in client.campaigns.leads.list(campaign)]) == 1000
            assert (open_server_connections(port) or 1) > 0
        assert client.is_closed
        assert client._api.http_client.is_closed
        assert pool_connections(client) == 0
        assert await wait_for_server_connections(port, 0) == 0


async def closed_get(client: SmartleadClient, campaign: int) -> object:
    return await client.campaigns.get(campaign)


async def closed_first_page(client: SmartleadClient, campaign: int) -> object:
    return await client.campaigns.leads.list(campaign)


async def closed_iteration(client: SmartleadClient, campaign: int) -> object:
    return [lead async for lead in client.campaigns.leads.list(campaign)]


async def closed_fan_in(client: SmartleadClient, campaign: int) -> object:
    async with client.campaigns.leads.list_many([campaign], on_error="raise") as stream:
        return [item async for item in stream]


@pytest.mark.parametrize(
    "use", [closed_get, closed_first_page, closed_iteration, closed_fan_in],
    ids=["get", "await list", "iterate list", "list_many"],
)
@on_virtual_clock
async def test_a_closed_client_raises_client_closed_error_and_sends_nothing(
    use: Callable[[SmartleadClient, int], Awaitable[object]],
) -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None)
    campaign = fake.add_campaign(lead_count=5)
    client = fake.client(rate_limit=None)
    await client.aclose()
    with pytest.raises(ClientClosedError):
        await use(client, campaign)
    assert fake.stats.requests == 0


def sdk_backed_app(client: SmartleadClient) -> Callable[..., Awaitable[None]]:
    """A tiny ASGI web app whose every request calls SmartLead through one shared client.

    ``GET /campaigns/{id}`` answers the campaign's name and the size of its first lead page.
    """

    async def app(
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        assert scope["type"] == "http"
        campaign_id = int(scope["path"].rsplit("/", 1)[1])
        if int(campaign_id) % 2:
            campaign = await client.campaigns.get(campaign_id)
            payload: dict[str, Any] = {"name": campaign.name}
        else:
            page = await client.campaigns.leads.list(campaign_id, page_size=5)
            payload = {"leads": len(page.items), "total": page.total}
        body = json.dumps(payload).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    return app


@on_virtual_clock
async def test_one_client_shared_by_200_concurrent_web_requests_gets_zero_429s() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(25, 0.1), latency=(0.0, 0.005))
    campaigns = [fake.add_campaign(lead_count=7) for _ in range(10)]
    statuses: list[int] = []
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=RateLimit(25, 0.1)
    ) as client:
        web = httpx.AsyncClient(transport=httpx.ASGITransport(app=sdk_backed_app(client)),
                                base_url="http://app.test")
        async with web:

            async def visit(index: int) -> None:
                response = await web.get(f"/campaigns/{campaigns[index % len(campaigns)]}")
                statuses.append(response.status_code)

            async with anyio.create_task_group() as group:
                for index in range(200):
                    group.start_soon(visit, index)
    assert statuses == [200] * 200
    assert fake.stats.requests == 200
    assert fake.stats.rate_limited == 0
    assert fake.stats.max_in_window <= 25
