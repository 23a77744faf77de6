"""Exports run in worker processes, against a fake SmartLead served by the benchmark's process.

The fake stays in the benchmark's own process (its statistics are read there), on a real
loopback socket; each worker is a fresh ``spawn`` process with its own event loop, limiter and
connection pool, as ``uvicorn --workers`` or a job split over processes would have. Workers
start together at an agreed wall-clock instant, after their imports.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

__all__ = ["WorkerResult", "export_worker", "run_workers"]

#: Seconds the workers get to start and import before the agreed start.
START_DELAY = 3.0


@dataclass(frozen=True, slots=True)
class WorkerResult:
    """What one worker exported, and when (wall clock)."""

    lead_ids: list[int]
    started: float
    finished: float
    margin: float


def export_worker(
    base_url: str,
    api_key: str,
    campaign_ids: Sequence[int],
    rate_limit: dict[str, Any] | None,
    start_at: float,
) -> WorkerResult:
    """Export every lead of ``campaign_ids`` (one after another) from ``base_url``.

    ``rate_limit`` holds ``RateLimit`` keyword arguments (``None``: no limiter).
    """
    from smartlead_async import RateLimit, SlidingWindowLimiter, SmartleadClient

    limit = None if rate_limit is None else RateLimit(**rate_limit)

    async def export() -> WorkerResult:
        limiter = None if limit is None else limit.build()
        ids: list[int] = []
        async with SmartleadClient(
            api_key=api_key, base_url=base_url, rate_limit=limiter, max_retries=10
        ) as client:
            await asyncio.sleep(max(0.0, start_at - time.time()))
            started = time.time()
            for campaign_id in campaign_ids:
                async for lead in client.campaigns.leads.list(campaign_id):
                    ids.append(lead.campaign_lead_map_id or 0)
            finished = time.time()
        margin = limiter.margin if isinstance(limiter, SlidingWindowLimiter) else 0.0
        return WorkerResult(ids, started, finished, margin)

    return asyncio.run(export())


async def run_workers(jobs: Sequence[tuple[Any, ...]]) -> list[WorkerResult]:
    """Run ``export_worker(*job, start_at)`` for each job in its own process; wait for all.

    The calling event loop keeps running meanwhile (it serves the fake).
    """
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + START_DELAY
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
        futures = [loop.run_in_executor(pool, export_worker, *job, start_at) for job in jobs]
        return list(await asyncio.gather(*futures))
