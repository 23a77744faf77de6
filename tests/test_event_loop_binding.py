"""An async client belongs to the event loop it first sent a request in.

Reused in another loop (two ``asyncio.run()`` calls), it raises ``WrongEventLoopError``, a
``SmartleadError`` saying what to do, instead of httpx's ``RuntimeError: Event loop is closed``.
"""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from smartlead_async import SmartleadClient, SmartleadError, WrongEventLoopError
from smartlead_async.testing import FakeSmartlead

from ._served import serve_process
from .conftest import FAST_LIMIT


async def campaign_names(client: SmartleadClient) -> list[str | None]:
    return [campaign.name for campaign in await client.campaigns.list()]


def test_a_client_reused_in_a_second_asyncio_run_raises_wrong_event_loop_error() -> None:
    fake = FakeSmartlead(rate_limit=None)
    fake.add_campaign(name="First")
    client = fake.client(rate_limit=None)
    assert asyncio.run(campaign_names(client)) == ["First"]
    requests = fake.stats.requests
    with pytest.raises(WrongEventLoopError) as wrong:
        asyncio.run(campaign_names(client))
    assert isinstance(wrong.value, SmartleadError)
    assert "Create the client inside the event loop that uses it" in str(wrong.value)
    assert "SmartleadSyncClient" in str(wrong.value)
    assert fake.stats.requests == requests  # refused before sending


def test_closing_it_from_another_event_loop_says_so_and_closes_it() -> None:
    fake = FakeSmartlead(rate_limit=None)
    client = fake.client(rate_limit=None)
    asyncio.run(campaign_names(client))
    with pytest.raises(WrongEventLoopError):
        asyncio.run(client.aclose())
    assert client.is_closed


def test_a_client_never_used_may_be_closed_in_any_loop() -> None:
    client = FakeSmartlead().client()
    asyncio.run(client.aclose())
    assert client.is_closed


def test_over_a_socket_the_second_run_gets_the_sdk_error_not_a_closed_loop() -> None:
    fake = FakeSmartlead()
    with serve_process() as url:
        client = SmartleadClient(api_key=fake.api_key, base_url=url, rate_limit=None)
        asyncio.run(campaign_names(client))  # leaves a pooled connection of the first loop
        with pytest.raises(WrongEventLoopError):
            asyncio.run(campaign_names(client))
        # The first loop's connection can only be closed by that loop, which is gone: the
        # ResourceWarning of dropping the client is the leak the error's advice avoids.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            del client
            gc.collect()


def test_a_client_made_inside_each_asyncio_run_works_in_both() -> None:
    fake = FakeSmartlead(api_key="sk-loop-binding", rate_limit=(10, 0.1))
    fake.add_campaign(name="Shared")

    async def once() -> list[str | None]:
        async with fake.client(rate_limit=FAST_LIMIT) as client:  # the shared limiter too
            return await campaign_names(client)

    assert asyncio.run(once()) == asyncio.run(once()) == ["Shared"]
    assert fake.stats.rate_limited == 0


def test_closing_from_another_loop_after_using_another_product_closes_every_host() -> None:
    fake = FakeSmartlead(rate_limit=None)
    client = fake.client(rate_limit=None)

    async def vendors_and_campaigns() -> None:
        await client.senders.vendors()  # the Smart Senders host's pipeline is used too
        await campaign_names(client)

    asyncio.run(vendors_and_campaigns())
    with pytest.raises(WrongEventLoopError):
        asyncio.run(client.aclose())
    assert client.is_closed
    assert all(api.is_closed for api in client._host_apis.values())


def test_a_product_host_used_in_a_second_loop_is_refused_like_the_core() -> None:
    fake = FakeSmartlead(rate_limit=None)
    client = fake.client(rate_limit=None)
    asyncio.run(campaign_names(client))  # the pool's connections now belong to that loop
    requests = fake.stats.requests

    async def vendors() -> None:
        await client.senders.vendors()

    with pytest.raises(WrongEventLoopError, match="this SmartleadClient was first used"):
        asyncio.run(vendors())
    assert fake.stats.requests == requests
