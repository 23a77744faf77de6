"""A worker process for the multi-process tests: export campaigns, print what it did as JSON.

``python tests/_export_worker.py BASE_URL API_KEY STORE_URL CAMPAIGN_ID [CAMPAIGN_ID ...]``
exports each campaign's leads through ``SmartleadClient`` with the scaled limit below kept in
the store, prints ``started`` once its first page arrived, then one JSON line: the lead ids,
and the wall-clock time at which each request was handed to httpx (after the limiter
admitted it, before it was sent).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import httpx

from smartlead_async import RateLimit, SmartleadClient

#: SmartLead's 10 per 2 s, scaled down 2x, with room for a busy CI machine's stalls.
LIMIT = {"requests": 10, "per_seconds": 1.0, "margin": 0.25}


async def export(
    base_url: str, api_key: str, store: str, campaigns: list[int]
) -> dict[str, list[float] | list[int]]:
    ids: list[int] = []
    starts: list[float] = []

    async def started(_: httpx.Request) -> None:
        starts.append(time.time())

    async with httpx.AsyncClient(event_hooks={"request": [started]}) as http, SmartleadClient(
        api_key=api_key, base_url=base_url, max_retries=10, http_client=http,
        rate_limit=RateLimit(**LIMIT, store=store),  # type: ignore[arg-type]
    ) as client:
        for campaign in campaigns:
            async for lead in client.campaigns.leads.list(campaign):
                if not ids:
                    print("started", flush=True)
                ids.append(lead.campaign_lead_map_id or 0)
    return {"ids": ids, "starts": starts}


if __name__ == "__main__":
    base_url, api_key, store, *campaigns = sys.argv[1:]
    done = asyncio.run(export(base_url, api_key, store, [int(c) for c in campaigns]))
    print(json.dumps(done), flush=True)
