"""Helpers of the behaviour tests: the SDK against the strict fake, at a scaled rate limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from smartlead_async import CampaignLead, LeadInput, SmartleadClient
from smartlead_async.testing import FakeSmartlead

from .conftest import FAST_LIMIT

#: SmartLead's 10 requests per 2 s, scaled 20x like the client's FAST_LIMIT.
SCALED_WINDOW = (10, 0.1)


def strict_fake(**kwargs: Any) -> FakeSmartlead:
    """A fake enforcing the scaled rate window."""
    return FakeSmartlead(rate_limit=SCALED_WINDOW, **kwargs)


@asynccontextmanager
async def connected(fake: FakeSmartlead, **kwargs: Any) -> AsyncIterator[SmartleadClient]:
    """A client on ``fake`` at the scaled rate limit, closed afterwards."""
    kwargs.setdefault("rate_limit", FAST_LIMIT)
    async with fake.client(**kwargs) as client:
        yield client


async def all_leads(client: SmartleadClient, campaign_id: int) -> list[CampaignLead]:
    """Every lead of a campaign, paged by the SDK."""
    return [lead async for lead in client.campaigns.leads.list(campaign_id)]


def new_leads(count: int, *, start: int = 0) -> list[LeadInput]:
    """``count`` leads with distinct, valid emails."""
    return [
        LeadInput(email=f"lead{n}@example.com", first_name=f"Lead{n}")
        for n in range(start, start + count)
    ]


def requests_to(fake: FakeSmartlead, method: str, suffix: str) -> int:
    """How many requests the fake got with ``method`` on a path ending with ``suffix``."""
    return sum(
        1 for entry in fake.stats.log if entry.method == method and entry.path.endswith(suffix)
    )
