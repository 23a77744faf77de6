"""A worker process for the multi-process tests: export campaigns, print the lead ids as JSON.

``python tests/_export_worker.py BASE_URL API_KEY STORE_URL CAMPAIGN_ID [CAMPAIGN_ID ...]``
exports each campaign's leads through ``SmartleadClient`` with the scaled limit below kept in
the store, prints ``started`` once its first page arrived, then one JSON line with the ids.
"""

from __future__ import annotations

import asyncio
import json
import sys

from smartlead_async import RateLimit, SmartleadClient

#: SmartLead's 10 per 2 s, scaled down 2x. The margin is wide: on a busy CI machine the
#: fake's event loop (in the test process) can stall long enough to count arrivals late.
LIMIT = {"requests": 10, "per_seconds": 1.0, "margin": 0.25}


async def export(base_url: str, api_key: str, store: str, campaigns: list[int]) -> list[int]:
    ids: list[int] = []
    async with SmartleadClient(
        api_key=api_key, base_url=base_url, max_retries=10,
        rate_limit=RateLimit(**LIMIT, store=store),  # type: ignore[arg-type]
    ) as client:
        for campaign in campaigns:
            async for lead in client.campaigns.leads.list(campaign):
                if not ids:
                    print("started", flush=True)
                ids.append(lead.campaign_lead_map_id or 0)
    return ids


if __name__ == "__main__":
    base_url, api_key, store, *campaigns = sys.argv[1:]
    lead_ids = asyncio.run(export(base_url, api_key, store, [int(c) for c in campaigns]))
    print(json.dumps(lead_ids), flush=True)
