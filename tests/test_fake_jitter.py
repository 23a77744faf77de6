"""The fake's request-path jitter: an arrival is counted (and logged) after its jitter."""

from __future__ import annotations

import random
import time

import pytest

from smartlead_async.testing import FakeSendkit, FakeSmartlead


async def test_each_arrival_is_counted_no_sooner_than_its_seeded_jitter() -> None:
    fake = FakeSmartlead(api_key="k", rate_limit=None, jitter=0.05, seed=3)
    draws = random.Random("jitter:3")
    campaign = fake.add_campaign()
    async with fake.http_client() as http:
        for _ in range(5):
            sent = time.monotonic()
            response = await http.get(f"/campaigns/{campaign}", params={"api_key": "k"})
            assert response.status_code == 200
            assert fake.stats.log[-1].time - sent >= draws.uniform(0.0, 0.05)


def test_negative_jitter_is_refused() -> None:
    with pytest.raises(ValueError, match="jitter must be >= 0"):
        FakeSmartlead(jitter=-0.1)


async def test_the_fake_sendkit_counts_each_arrival_after_its_seeded_jitter_too() -> None:
    fake = FakeSendkit(api_key="k", jitter=0.05, seed=4)
    draws = random.Random("jitter:4")
    campaign = fake.add_campaign(lead_count=1)
    async with fake.http_client() as http:
        for _ in range(3):
            sent = time.monotonic()
            response = await http.get(
                f"/campaigns/{campaign}/leads", headers={"X-Api-Key": "k"}
            )
            assert response.status_code == 200
            assert fake.stats.log[-1].time - sent >= draws.uniform(0.0, 0.05)
