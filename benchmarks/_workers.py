"""Exports run in worker processes, against a fake SmartLead served by the benchmark's process.

The fake stays in the benchmark's own process (its statistics are read there), on a real
loopback socket; each worker is a fresh ``spawn`` process with its own event loop, limiter and
connection pool, as ``uvicorn --workers`` or a job split over processes would have. Workers
start together once every one of them has imported and opened its client (a barrier), so a
slow spawn on a busy machine is not counted as export time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["WorkerResult", "Workers", "export_worker", "run_workers"]

#: Seconds the workers get to start, import and open their clients.
READY_WITHIN = 120.0


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
    ready: Any,
) -> WorkerResult:
    """Export every lead of ``campaign_ids`` (one after another) from ``base_url``.

    ``rate_limit`` holds ``RateLimit`` keyword arguments, ``store`` included (``None``: no
    limiter). The client shares its limiter per key as usual, so each run (its own key) has
    its own window, in the store too. ``ready`` is the barrier every worker and the parent
    pass together to start.
    """
    from smartlead_async import RateLimit, SlidingWindowLimiter, SmartleadClient

    limit = None if rate_limit is None else RateLimit(**rate_limit)

    async def export() -> WorkerResult:
        ids: list[int] = []
        async with SmartleadClient(
            api_key=api_key, base_url=base_url, rate_limit=limit, max_retries=10
        ) as client:
            ready.wait(READY_WITHIN)
            started = time.time()
            for campaign_id in campaign_ids:
                async for lead in client.campaigns.leads.list(campaign_id):
                    ids.append(lead.campaign_lead_map_id or 0)
            finished = time.time()
            limiter = client._api.limiter
            margin = limiter.margin if isinstance(limiter, SlidingWindowLimiter) else 0.0
        return WorkerResult(ids, started, finished, margin)

    return asyncio.run(export())


def _worker_main(queue: Any, index: int, job: tuple[Any, ...], ready: Any) -> None:
    queue.put((index, export_worker(*(*job, ready))))


class Workers:
    """Worker processes started together; results are collected without blocking the loop.

    Args:
        jobs: ``export_worker`` arguments (all but ``ready``), one tuple per worker.
    """

    def __init__(self, jobs: Sequence[tuple[Any, ...]]) -> None:
        context = multiprocessing.get_context("spawn")
        self._queue = context.Queue()
        self._ready = context.Barrier(len(jobs) + 1)
        self.start_at: float | None = None
        self._processes = [
            context.Process(target=_worker_main, args=(self._queue, index, job, self._ready))
            for index, job in enumerate(jobs)
        ]
        for process in self._processes:
            process.start()
        self._killed: set[int] = set()

    async def started(self) -> float:
        """Wait until every worker is ready and they start; the start (wall clock)."""
        if self.start_at is None:
            await asyncio.to_thread(self._ready.wait, READY_WITHIN)
            self.start_at = time.time()
        return self.start_at

    def kill(self, index: int) -> None:
        """SIGKILL one worker (its result will be missing)."""
        self._processes[index].kill()
        self._killed.add(index)

    async def results(self) -> dict[int, WorkerResult]:
        """Wait for every worker not killed; their results by index."""
        await self.started()
        results: dict[int, WorkerResult] = {}
        while len(results) < len(self._processes) - len(self._killed):
            try:
                index, result = await asyncio.to_thread(self._queue.get, True, 0.5)
            except queue.Empty:
                continue  # a worker may have been killed meanwhile
            results[index] = result
        for process in self._processes:
            await asyncio.to_thread(process.join)
        return results


async def run_workers(jobs: Sequence[tuple[Any, ...]]) -> list[WorkerResult]:
    """Run ``export_worker(*job, ready)`` for each job in its own process; wait for all.

    The calling event loop keeps running meanwhile (it serves the fake).
    """
    results = await Workers(jobs).results()
    return [results[index] for index in range(len(jobs))]
