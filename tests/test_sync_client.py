"""``SmartleadSyncClient``: the async client's methods, blocking, on an event loop of its own."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import Any

import anyio
import httpx
import pytest

from smartlead_async import (
    AsyncPaginator,
    Campaign,
    ClientClosedError,
    CursorPaginator,
    FanInError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    RawResponse,
    ServerError,
    SmartleadSyncClient,
    SyncCursorPaginator,
    SyncPaginator,
    WrongEventLoopError,
    with_raw_response_sync,
)
from smartlead_async.testing import FakeSmartlead

from ._sync_helpers import Hooked, new_threads
from .conftest import SECRET_KEY


@pytest.fixture
def fake() -> FakeSmartlead:
    return FakeSmartlead(api_key=SECRET_KEY, rate_limit=None)


@pytest.fixture
def client(fake: FakeSmartlead) -> Iterator[SmartleadSyncClient]:
    with fake.sync_client(rate_limit=None) as client:
        yield client


def lead_pages(fake: FakeSmartlead, campaign_id: int) -> list[str]:
    """The offsets of the lead pages the fake was asked for, in arrival order."""
    return [entry.query["offset"] for entry in fake.stats.log
            if entry.path.endswith(f"/campaigns/{campaign_id}/leads")]


def failing(
    status: int, *, path_suffix: str, offset: str | None = None, times: int | None = None
) -> Any:
    """A hook answering ``status`` to requests on ``path_suffix`` (at ``offset`` only; the
    first ``times`` of them only)."""
    failed = 0

    async def hook(request: httpx.Request) -> httpx.Response | None:
        nonlocal failed
        if request.url.path.endswith(path_suffix) and (
            offset is None or request.url.params.get("offset") == offset
        ) and (times is None or failed < times):
            failed += 1
            return httpx.Response(status, json={"message": "injected"})
        return None

    return hook


# -- calls ------------------------------------------------------------------------------------


def test_a_call_returns_the_async_methods_result(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign(name="Spring")
    campaign = client.campaigns.get(campaign_id)
    assert isinstance(campaign, Campaign)
    assert (campaign.id, campaign.name) == (campaign_id, "Spring")


def test_the_fakes_sync_client_reaches_every_product_on_its_own_host(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    assert [vendor.name for vendor in client.senders.vendors()] == [
        "Namecheap", "GoDaddy", "Porkbun"]
    assert fake.stats.log[-1].path == "/smart-senders/api/v1/smart-senders/get-vendors"


def test_a_write_changes_what_later_reads_show(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    created = client.campaigns.create(name="Made in sync")
    assert [c.name for c in client.campaigns.list()] == ["Made in sync"]
    assert fake.campaigns[created.id].name == "Made in sync"


def test_errors_are_the_async_clients_exception_classes(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    with pytest.raises(NotFoundError) as missing:
        client.campaigns.get(999_999)
    assert missing.value.status_code == 404
    requests = fake.stats.requests
    with pytest.raises(InvalidArgumentError, match="campaign_id"):
        client.campaigns.get(-1)
    with pytest.raises(InvalidArgumentTypeError, match="tiemout"):
        client.campaigns.get(1, **{"tiemout": 5})
    assert fake.stats.requests == requests  # refused before anything was sent
    assert SECRET_KEY not in str(missing.value) + repr(missing.value) + repr(client)


def test_per_call_options_reach_the_request(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign()
    client.campaigns.get(campaign_id, timeout=5, extra_query={"trace": "abc"})
    assert fake.stats.log[-1].query == {"trace": "abc"}


def test_with_options_builds_a_client_on_the_same_loop(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    hooked = Hooked(fake, failing(500, path_suffix="/campaigns"))
    with SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=hooked, rate_limit=None,
        max_retries=3,
    ) as retrying:
        with new_threads() as started:
            quick = retrying.with_options(max_retries=0)
        assert started == []  # it runs on the loop of the client it came from
        assert (quick.max_retries, retrying.max_retries) == (0, 3)
        with pytest.raises(ServerError):
            quick.campaigns.list()
        assert hooked.requests == 1  # no retry
        quick.close()
        assert quick.is_closed and not retrying.is_closed
        with pytest.raises(ServerError):
            retrying.campaigns.list()
        assert hooked.requests == 1 + 4
    assert quick.is_closed


def test_with_raw_response_gives_the_result_with_its_response(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign(name="Raw")
    raw = client.with_raw_response.campaigns.get(campaign_id)
    typed = with_raw_response_sync(client.campaigns.get, campaign_id, timeout=5)
    for result in (raw, typed):
        assert isinstance(result, RawResponse)
        assert result.parsed.name == "Raw" and result.status_code == 200
        assert SECRET_KEY not in str(result.http_response.url)


def test_with_raw_response_refuses_a_listing(client: SmartleadSyncClient) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="many requests"):
        with_raw_response_sync(client.campaigns.leads.list, 1)
    with pytest.raises(InvalidArgumentTypeError, match="SmartleadSyncClient"):
        with_raw_response_sync(len, [1])


# -- listings ---------------------------------------------------------------------------------


def test_iterating_a_listing_fetches_each_page_exactly_once(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign(lead_count=250)
    leads = client.campaigns.leads.list(campaign_id)
    assert isinstance(leads, SyncPaginator) and iter(leads) is leads
    ids = [lead.campaign_lead_map_id for lead in leads]
    assert ids == fake.lead_ids(campaign_id)
    pages = lead_pages(fake, campaign_id)  # (concurrent pages overlap by a record or so)
    assert len(pages) == len(set(pages)) == 3 and pages[0] == "0"
    assert leads.next_offset == 250 and not leads.list_changed
    assert list(leads) == []  # a plain iterator: spent once read


def test_a_listing_fetches_a_page_only_when_iteration_reaches_it(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign(lead_count=250)
    leads = client.campaigns.leads.list(campaign_id, prefetch=1)
    assert lead_pages(fake, campaign_id) == []
    next(leads)
    assert lead_pages(fake, campaign_id) == ["0"]
    for _ in range(99):
        next(leads)
    assert lead_pages(fake, campaign_id) == ["0"]
    next(leads)
    assert lead_pages(fake, campaign_id) == ["0", "100"]


def test_first_page_and_pages(fake: FakeSmartlead, client: SmartleadSyncClient) -> None:
    campaign_id = fake.add_campaign(lead_count=150)
    first = client.campaigns.leads.list(campaign_id).first_page()
    assert (len(first.items), first.total) == (100, 150)
    assert lead_pages(fake, campaign_id) == ["0"]
    pages = client.campaigns.leads.list(campaign_id, page_size=60).pages()
    assert [len(page.items) for page in pages] == [60, 60, 30]


def test_a_failed_page_raises_and_the_listing_resumes_from_next_offset(
    fake: FakeSmartlead,
) -> None:
    campaign_id = fake.add_campaign(lead_count=300)
    hooked = Hooked(fake, failing(503, path_suffix="/leads", offset="200", times=1))
    with SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=hooked, rate_limit=None,
        max_retries=0,
    ) as client:
        leads = client.campaigns.leads.list(campaign_id, prefetch=1)
        seen = []
        with pytest.raises(ServerError) as failure:
            for lead in leads:
                seen.append(lead.campaign_lead_map_id)
        assert len(seen) == 200
        assert failure.value.resume_offset == leads.next_offset == 200
        rest = client.campaigns.leads.list(campaign_id, start_offset=200, page_size=50)
        seen += [lead.campaign_lead_map_id for lead in rest]
    assert seen == fake.lead_ids(campaign_id)


def test_a_cursor_listing_is_a_plain_iterator_too(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    fake.add_campaign(lead_count=30)
    leads = client.leads.all(page_size=20)
    assert isinstance(leads, SyncCursorPaginator)
    assert len(list(leads)) == 30
    assert leads.next_cursor is not None
    assert len(client.leads.all(page_size=20).first_page().items) == 20


@pytest.mark.parametrize(
    ("async_class", "sync_class"),
    [(AsyncPaginator, SyncPaginator), (CursorPaginator, SyncCursorPaginator)],
)
def test_a_sync_paginator_exposes_every_public_attribute_of_the_async_one(
    fake: FakeSmartlead, client: SmartleadSyncClient, async_class: type, sync_class: type
) -> None:
    listing = client.campaigns.leads.list(1) if sync_class is SyncPaginator else client.leads.all()
    async_listing = listing._async
    assert isinstance(async_listing, async_class)
    public = {name for name in vars(async_listing) if not name.startswith("_")}
    public |= {name for name in dir(async_class) if not name.startswith("_")}
    missing = {name for name in public if not hasattr(sync_class, name)}
    assert not missing, f"add these to {sync_class.__name__}: {sorted(missing)}"


def test_list_many_is_a_with_block_of_pairs(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaigns = [fake.add_campaign(lead_count=120), fake.add_campaign(lead_count=30)]
    with client.campaigns.leads.list_many(campaigns) as stream:
        pairs = [(campaign_id, lead.campaign_lead_map_id) for campaign_id, lead in stream]
    assert sorted(pairs) == sorted(
        (campaign_id, lead_id) for campaign_id in campaigns
        for lead_id in fake.lead_ids(campaign_id)
    )
    assert stream.failures == []


def test_list_many_reports_failed_listings_after_the_others(fake: FakeSmartlead) -> None:
    good, bad = fake.add_campaign(lead_count=20), fake.add_campaign(lead_count=20)
    hooked = Hooked(fake, failing(500, path_suffix=f"/campaigns/{bad}/leads"))
    with SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=hooked, rate_limit=None,
        max_retries=0,
    ) as client:
        seen = []
        with pytest.raises(FanInError) as failure, client.campaigns.leads.list_many(
            [good, bad]
        ) as stream:
            for campaign_id, _ in stream:
                seen.append(campaign_id)
    assert seen == [good] * 20
    assert [f.id for f in failure.value.failures] == [bad]


def test_stopping_an_export_early_closes_its_response(fake: FakeSmartlead) -> None:
    campaign_id = fake.add_campaign(lead_count=50)
    hooked = Hooked(fake)
    with SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=hooked, rate_limit=None
    ) as client:
        with closing(client.campaigns.leads.export_csv(campaign_id)) as rows:
            assert "email" in next(rows)
            assert hooked.open_bodies == 1
        assert hooked.open_bodies == 0
        for _ in client.campaigns.leads.export_csv(campaign_id):
            break  # the generator is dropped at once, and closed
        assert hooked.open_bodies == 0
        assert len(list(client.campaigns.leads.export_csv(campaign_id))) == 50


def test_a_stream_dropped_inside_the_event_loop_is_closed_there(fake: FakeSmartlead) -> None:
    campaign_id = fake.add_campaign(lead_count=50)
    held: list[Iterator[dict[str, str]]] = []

    async def drop(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/campaigns"):
            held.clear()  # the last reference: the generator is finalized in the loop's thread
        return None

    hooked = Hooked(fake, drop)
    with SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=hooked, rate_limit=None
    ) as client:
        rows = client.campaigns.leads.export_csv(campaign_id)
        next(rows)
        held.append(rows)
        del rows
        client.campaigns.list()
    assert hooked.open_bodies == 0


# -- lifetime ---------------------------------------------------------------------------------


def test_closing_stops_the_loop_thread_and_refuses_later_calls(fake: FakeSmartlead) -> None:
    campaign_id = fake.add_campaign(lead_count=150)
    with new_threads() as started:
        client = fake.sync_client(rate_limit=None)
    (loop_thread,) = started
    leads = client.campaigns.leads.list(campaign_id)
    next(leads)
    client.close()
    assert not loop_thread.is_alive() and client.is_closed
    for call in (lambda: client.campaigns.list(), lambda: client.campaigns.leads.list(1),
                 lambda: list(leads)):
        with pytest.raises(ClientClosedError, match="SmartleadSyncClient is closed"):
            call()
    client.close()  # twice is fine


def test_a_client_dropped_without_closing_is_closed_when_collected(
    fake: FakeSmartlead,
) -> None:
    with new_threads() as started:
        client = fake.sync_client(rate_limit=None)
    client.campaigns.list()
    runner = weakref.ref(client._runner)
    del client
    gc.collect()
    assert runner() is None
    assert not any(thread.is_alive() for thread in started)


def test_a_bad_option_leaves_no_thread_behind(fake: FakeSmartlead) -> None:
    with new_threads() as started, pytest.raises(InvalidArgumentError, match="max_retries"):
        fake.sync_client(max_retries=-1)
    assert not any(thread.is_alive() for thread in started)


# -- threads and event loops ------------------------------------------------------------------


def test_many_threads_share_one_client(fake: FakeSmartlead) -> None:
    ids = [fake.add_campaign(name=f"c{n}") for n in range(8)]
    with fake.sync_client() as client, ThreadPoolExecutor(8) as pool:  # the shared limiter
        names = list(pool.map(lambda campaign_id: client.campaigns.get(campaign_id).name, ids))
    assert names == [f"c{n}" for n in range(8)]


async def test_it_runs_in_a_worker_thread_of_a_running_event_loop(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    campaign_id = fake.add_campaign(lead_count=120)
    leads = await anyio.to_thread.run_sync(
        lambda: list(client.campaigns.leads.list(campaign_id))
    )
    assert len(leads) == 120


async def test_it_runs_in_a_thread_whose_event_loop_is_running(
    fake: FakeSmartlead, client: SmartleadSyncClient
) -> None:
    # A notebook cell runs inside the kernel's event loop: the call blocks that loop until it
    # returns (its own loop is another thread's), and does not deadlock.
    asyncio.get_running_loop()
    assert len(list(client.campaigns.leads.list(fake.add_campaign(lead_count=5)))) == 5


def test_a_call_from_inside_its_own_event_loop_is_refused(fake: FakeSmartlead) -> None:
    inner_errors: list[BaseException] = []
    client: SmartleadSyncClient

    async def call_back(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/campaigns"):
            try:
                client.clients.list()  # would wait for the loop it is running in
            except WrongEventLoopError as error:
                inner_errors.append(error)
        return None

    client = SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=Hooked(fake, call_back),
        rate_limit=None,
    )
    with client:
        assert client.campaigns.list() == []
    assert len(inner_errors) == 1
    assert "its own event loop" in str(inner_errors[0])


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to the test's own thread")
def test_an_interrupt_while_waiting_cancels_the_call(
    fake: FakeSmartlead, default_sigint: None
) -> None:
    arrived = threading.Event()
    cancelled = threading.Event()

    async def hang(request: httpx.Request) -> httpx.Response | None:
        arrived.set()
        try:
            await anyio.sleep(60)
        except anyio.get_cancelled_exc_class():
            cancelled.set()
            raise
        return None

    def interrupt() -> None:
        arrived.wait()
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    client = SmartleadSyncClient(
        api_key=SECRET_KEY, base_url=fake.base_url, transport=Hooked(fake, hang),
        rate_limit=None,
    )
    with client:
        sender = threading.Thread(target=interrupt)
        sender.start()
        with pytest.raises(KeyboardInterrupt):
            client.campaigns.list()
        sender.join()
        assert cancelled.wait(10)
