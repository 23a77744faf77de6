"""Exports over a real loopback socket while the fake misbehaves: nothing lost or duplicated.

Every test talks to ``FakeSmartlead.serve()`` through the SDK's own connection pool, at
SmartLead's 10-requests-per-2-s limit scaled 20x (10 per 0.1 s), with the SDK's default
limiter margin (0.05 s). The tests run on a virtual clock (``tests/_virtual_clock.py``): rate
windows, latencies, timeouts and pauses are measured on it, so a busy machine changes none of
the figures. Retry backoff is instant (``tests/conftest.py``); a server's Retry-After is still
honoured.

Run ``pytest tests/test_reliability_faults.py -s`` to see the figures each test measures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

from smartlead_async import (
    APIError,
    APITimeoutError,
    RateLimit,
    ServerError,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead, Faults
from smartlead_async.testing._server import serve_app

from ._faulty import (
    InsertingTransport,
    SlowFirst,
    max_in_any_window,
    sdk_log,
    socket_client,
    unique_key,
)
from ._virtual_clock import on_virtual_clock

#: SmartLead's limit scaled 20x, with the default (unscaled) margin for socket jitter.
SOCKET_LIMIT = RateLimit(10, 0.1)
SCALED_WINDOW = (10, 0.1)

Report = Callable[[str, Any], None]


@pytest.fixture
def report(record_property: Callable[[str, Any], None]) -> Report:
    """Print a measured figure (visible with ``-s``) and record it in the JUnit XML."""

    def show(name: str, value: Any) -> None:
        print(f"  {name}: {value}")
        record_property(name, value)

    return show


async def export_ids(
    client: SmartleadClient, campaign_id: int, start_offset: int = 0, **kwargs: Any
) -> list[int | None]:
    return [
        lead.campaign_lead_map_id
        async for lead in client.campaigns.leads.list(
            campaign_id, start_offset=start_offset, **kwargs
        )
    ]


def report_faults(report: Report, fake: FakeSmartlead) -> None:
    stats = fake.stats
    errors = {code: n for code, n in sorted(stats.status_counts.items()) if code >= 500}
    report("requests", stats.requests)
    report("injected 5xx", errors)
    report("dropped connections", stats.dropped)
    report("truncated bodies", stats.truncated)
    report("429 answers", stats.rate_limited)


@on_virtual_clock
async def test_a_5000_lead_export_under_faults_yields_every_lead_exactly_once(
    report: Report,
) -> None:
    fake = FakeSmartlead(
        api_key=unique_key(), rate_limit=SCALED_WINDOW, latency=(0.0, 0.01),
        faults=Faults(error_rate=0.05, drop_rate=0.02, truncate_rate=0.01, seed=11),
    )
    campaign = fake.add_campaign(lead_count=5000)
    with sdk_log() as log:
        async with fake.serve() as url, socket_client(
            fake, url, rate_limit=SOCKET_LIMIT, max_retries=4
        ) as client:
            got = await export_ids(client, campaign)
    print()
    report("leads", len(got))
    report_faults(report, fake)
    report("retries", log.retries)
    assert got == fake.lead_ids(campaign)
    assert fake.stats.dropped + fake.stats.truncated + sum(
        n for code, n in fake.stats.status_counts.items() if code >= 500
    ) > 0, "the fake injected no fault: the test proves nothing"
    assert log.retries == fake.stats.requests - 50  # each faulted request retried, once


@on_virtual_clock
async def test_an_export_that_runs_out_of_retries_names_where_to_resume_and_resuming_is_exact(
    report: Report,
) -> None:
    fake = FakeSmartlead(
        api_key=unique_key(), rate_limit=SCALED_WINDOW, latency=(0.0, 0.005),
        faults=Faults(error_rate=0.15, drop_rate=0.08, truncate_rate=0.07, seed=5),
    )
    campaign = fake.add_campaign(lead_count=2000)
    got: list[int | None] = []
    failures: list[APIError] = []
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=SOCKET_LIMIT, max_retries=0
    ) as client:
        start = 0
        while len(failures) < 60:
            try:
                async for lead in client.campaigns.leads.list(campaign, start_offset=start):
                    got.append(lead.campaign_lead_map_id)
                break
            except APIError as error:
                failures.append(error)
                assert error.resume_offset is not None
                start = error.resume_offset
    print()
    report("failures resumed", len(failures))
    report_faults(report, fake)
    assert failures, "no request ran out of retries: the test proves nothing"
    for failure in failures:
        text = str(failure)
        assert f"paging leads of campaign {campaign}" in text
        assert f"resume with start_offset={failure.resume_offset}" in text
    assert got == fake.lead_ids(campaign)


@on_virtual_clock
async def test_leads_inserted_at_the_head_while_paging_are_never_repeated_nor_skip_others(
    report: Report,
) -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=SCALED_WINDOW, latency=(0.0, 0.005))
    campaign = fake.add_campaign(lead_count=1500)
    original = fake.lead_ids(campaign)
    inserting = InsertingTransport(
        httpx.AsyncHTTPTransport(), fake, campaign, every=3, count=37, times=5
    )
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=SOCKET_LIMIT, transport=inserting
    ) as client:
        paginator = client.campaigns.leads.list(campaign)
        got = [lead.campaign_lead_map_id async for lead in paginator]
    print()
    report("leads inserted while paging", inserting.inserted)
    report("leads yielded", len(got))
    report("requests", fake.stats.requests)
    assert inserting.inserted == 37 * 5
    assert len(got) == len(set(got))
    assert set(original) <= set(got)
    assert paginator.list_changed


@on_virtual_clock
async def test_a_bulk_insertion_bigger_than_the_dedup_memory_is_not_repeated() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None)
    campaign = fake.add_campaign(lead_count=5000)
    original = fake.lead_ids(campaign)
    got: list[int | None] = []
    async with fake.client(rate_limit=None) as client:
        paginator = client.campaigns.leads.list(campaign)
        async for lead in paginator:
            got.append(lead.campaign_lead_map_id)
            if len(got) == 2500:  # a CSV upload of 3000 leads lands mid-export
                fake.add_leads(campaign, 3000)
    assert len(got) == len(set(got))
    assert set(original) <= set(got)
    assert paginator.list_changed


@on_virtual_clock
async def test_sustained_429s_are_absorbed_without_a_retry_storm(report: Report) -> None:
    # The account allows 5 per window (a lower plan, or another process on the same key),
    # while the client is set to SmartLead's documented 10: the server keeps answering 429.
    server_cap, client_cap, tasks = 5, 10, 40
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(server_cap, 0.1),
                         retry_after_header=False, latency=0.005)
    campaign = fake.add_campaign()
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=RateLimit(client_cap, 0.1), max_retries=10
    ) as client, anyio.create_task_group() as group:
        for _ in range(tasks):
            group.start_soon(client.campaigns.get, campaign)
    arrivals = [entry.time for entry in fake.stats.log]
    busiest = max_in_any_window(arrivals, 0.1)
    print()
    report("calls", tasks)
    report("requests", fake.stats.requests)
    report("429 answers", fake.stats.rate_limited)
    report("most arrivals in one 0.1 s window", busiest)
    assert fake.stats.status_counts[200] == tasks
    assert fake.stats.rate_limited > 0, "the server never pushed back: the test proves nothing"
    assert busiest <= client_cap  # retries go through the shared limiter, never around it
    assert fake.stats.rate_limited <= tasks  # fewer 429s than calls: no storm


@on_virtual_clock
async def test_a_429_with_retry_after_holds_back_every_task_including_new_ones(
    report: Report,
) -> None:
    # Retry-After from the fake is whole seconds (>= 1), ten windows here: long enough to
    # tell "everyone paused" from "only the task that got the 429 paused".
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=(5, 0.1),
                         retry_after_header=True, latency=0.005)
    campaign = fake.add_campaign()
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=RateLimit(10, 0.1), max_retries=3
    ) as client:

        async def late_call() -> None:
            await anyio.sleep(0.3)  # starts while the pause is on
            await client.campaigns.get(campaign)

        async with anyio.create_task_group() as group:
            for _ in range(8):  # 5 are admitted, 3 get a 429 with Retry-After: 1
                group.start_soon(client.campaigns.get, campaign)
            for _ in range(2):
                group.start_soon(late_call)
    log = fake.stats.log
    first_429 = min(entry.time for entry in log if entry.status == 429)
    in_pause = [e for e in log if first_429 + 0.05 < e.time < first_429 + 0.95]
    print()
    report("requests", fake.stats.requests)
    report("429 answers", fake.stats.rate_limited)
    report("requests that arrived during the 1 s pause", len(in_pause))
    assert fake.stats.status_counts[200] == 10
    assert in_pause == []
    assert max_in_any_window([entry.time for entry in log], 0.1) <= 10  # the client's cap


@on_virtual_clock
async def test_a_get_slower_than_the_timeout_is_retried_and_then_succeeds() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None)
    campaign = fake.add_campaign(name="Slow start")
    app = SlowFirst(fake.app, slow=2, delay=0.3)
    with sdk_log() as log:
        async with serve_app(app, host="127.0.0.1", port=0, path="/api/v1") as url, \
                socket_client(fake, url, rate_limit=None, timeout=0.1, max_retries=2) as client:
            got = await client.campaigns.get(campaign)
    assert got.name == "Slow start"
    assert app.calls == 3
    assert log.retries == 2
    assert sum("timed out" in message for message in log.messages) == 2


@on_virtual_clock
async def test_a_get_that_always_times_out_raises_api_timeout_error_after_every_retry() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None, latency=0.3)
    campaign = fake.add_campaign(lead_count=10)
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=None, timeout=0.05, max_retries=2
    ) as client:
        with pytest.raises(APITimeoutError) as caught:
            await export_ids(client, campaign)
    assert caught.value.attempts == 3
    assert fake.stats.requests == 3
    assert f"paging leads of campaign {campaign}" in str(caught.value)
    assert caught.value.resume_offset == 0


@on_virtual_clock
async def test_a_post_that_times_out_is_not_sent_twice() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None, latency=0.3)
    campaign = fake.add_campaign(lead_count=1)
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=None, timeout=0.05, max_retries=3
    ) as client:
        with pytest.raises(APITimeoutError):
            await client.campaigns.leads.pause(campaign, 1)
    assert fake.stats.requests == 1  # it may have run: a retry could run it twice


@on_virtual_clock
async def test_list_many_in_raise_mode_raises_one_sdk_error_when_listings_fail_together() -> None:
    fake = FakeSmartlead(api_key=unique_key(), rate_limit=None, faults=Faults(error_rate=1.0))
    campaigns = [fake.add_campaign(lead_count=10) for _ in range(4)]
    async with fake.serve() as url, socket_client(
        fake, url, rate_limit=None, max_retries=0
    ) as client:
        stream = client.campaigns.leads.list_many(campaigns, on_error="raise")
        with pytest.raises(ServerError):  # not an ExceptionGroup of four ServerErrors
            async with stream:
                async for _ in stream:
                    pass
    assert {failure.id for failure in stream.failures} <= set(campaigns)
    assert stream.failures
