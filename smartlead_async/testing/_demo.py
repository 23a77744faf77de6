"""A self-contained export against the fake SmartLead, to see the SDK work without an account."""

from __future__ import annotations

import math
import time

import attrs

from .._ratelimit import RateLimit
from ._fake import FakeSmartlead


def burst_aware_optimum(requests: int, limit: RateLimit, latency: float = 0.0) -> float:
    """The least time ``requests`` can take under ``limit``: N at once, then N per window.

    The last batch starts ``ceil(requests / N) - 1`` windows after the first and finishes one
    latency later.
    """
    if requests <= 0:
        return 0.0
    return (math.ceil(requests / limit.requests) - 1) * limit.per_seconds + latency


@attrs.frozen
class DemoResult:
    """What a demo export did."""

    leads: int
    unique: int
    expected: int
    requests: int
    rate_limited: int
    elapsed: float
    optimum: float


async def run_demo(
    *, leads: int = 2000, latency: float = 0.05, seed: int = 0,
    limit: RateLimit | None = None,
) -> DemoResult:
    """Export one campaign of ``leads`` leads from an in-process fake at SmartLead's rate."""
    limit = limit or RateLimit()
    fake = FakeSmartlead(seed=seed, rate_limit=(limit.requests, limit.per_seconds),
                         latency=latency)
    campaign_id = fake.add_campaign(name="Demo campaign", lead_count=leads)
    seen: list[int | None] = []
    started = time.monotonic()
    async with fake.client(rate_limit=limit) as client:
        async for item in client.campaigns.leads.list(campaign_id):
            seen.append(item.campaign_lead_map_id)
    elapsed = time.monotonic() - started
    requests = fake.stats.requests
    return DemoResult(
        leads=len(seen), unique=len(set(seen)), expected=len(fake.lead_ids(campaign_id)),
        requests=requests, rate_limited=fake.stats.rate_limited, elapsed=elapsed,
        optimum=burst_aware_optimum(requests, limit, latency),
    )


def format_demo(result: DemoResult, limit: RateLimit, latency: float) -> str:
    """The human summary the demo prints."""
    exactly_once = result.leads == result.unique == result.expected
    rate = result.requests / result.elapsed if result.elapsed else 0.0
    efficiency = result.optimum / result.elapsed if result.elapsed else 0.0
    return "\n".join([
        f"Fake SmartLead in-process: limit {limit.requests} requests / {limit.per_seconds:g} s "
        f"(strict sliding window), {latency * 1000:.0f} ms latency",
        f"Exported {result.leads:,} leads in {result.elapsed:.2f} s "
        f"({result.leads / result.elapsed:,.0f} leads/s)" if result.elapsed else
        f"Exported {result.leads:,} leads",
        f"  requests made:      {result.requests} ({result.rate_limited} answered 429)",
        f"  achieved rate:      {rate:.1f} requests/s; the burst-aware optimum for "
        f"{result.requests} requests is {result.optimum:.2f} s ({efficiency:.0%} of it)",
        f"  every lead exactly once: {'yes' if exactly_once else 'NO'}",
    ])
