"""Several real processes, one key, one shared store: the server never sees the limit broken.

Worker processes (``tests/_export_worker.py``) export from the fake served over loopback by
the test process. The limit is scaled (10 per 1 s); every assertion is on counts: no window
holds more than 10 of the workers' request starts (their own wall-clock stamps, taken after
the shared limiter admitted each request), and every lead arrived exactly once. The server's
429 count is not asserted here: on a busy machine the fake, in this process, handles a burst
of ten one after another and can count the last of them late enough to refuse a request of
the next window that the limiter spaced correctly. ``benchmarks/processes.py`` counts the
429s at the real limit.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import uuid
from pathlib import Path

import anyio
import anyio.abc
import pytest

from smartlead_async.testing import FakeSmartlead

from ._redis_server import redis_url  # noqa: F401  (fixture)

WORKER = Path(__file__).with_name("_export_worker.py")
REQUESTS, WINDOW = 10, 1.0
LEADS = 300  # 3 pages per campaign


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'limits.db'}"
    return str(request.getfixturevalue("redis_url"))


def max_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, first = 0, 0
    for last, time in enumerate(times):
        while times[first] <= time - window:
            first += 1
        best = max(best, last - first + 1)
    return best


async def start_worker(
    base_url: str, key: str, store: str, campaigns: list[int]
) -> anyio.abc.Process:
    return await anyio.open_process(
        [sys.executable, str(WORKER), base_url, key, store, *map(str, campaigns)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


async def finish(process: anyio.abc.Process) -> tuple[list[int], list[float]]:
    """Wait for a worker; return the lead ids it printed and its request start times."""
    assert process.stdout is not None
    output = b""
    async for chunk in process.stdout:
        output += chunk
    assert await process.wait() == 0, output.decode(errors="replace")
    done = json.loads(output.decode().splitlines()[-1])
    return list(done["ids"]), list(done["starts"])


def new_fake(campaigns: int) -> tuple[FakeSmartlead, list[int]]:
    fake = FakeSmartlead(
        api_key=f"multi-{uuid.uuid4().hex}", rate_limit=(REQUESTS, WINDOW), latency=0.005
    )
    return fake, [fake.add_campaign(lead_count=LEADS) for _ in range(campaigns)]


async def test_four_processes_on_one_key_never_break_the_limit(store: str) -> None:
    fake, campaigns = new_fake(8)
    async with fake.serve() as base_url:
        workers = [
            await start_worker(base_url, fake.api_key, store, campaigns[2 * i: 2 * i + 2])
            for i in range(4)
        ]
        exported: list[list[int]] = [[] for _ in workers]
        starts: list[float] = []

        async def collect(index: int) -> None:
            exported[index], mine = await finish(workers[index])
            starts.extend(mine)

        async with anyio.create_task_group() as group:
            for index in range(len(workers)):
                group.start_soon(collect, index)
    # Never more. (That the limiter also lets full bursts through is timing: a busy machine
    # can start the workers' requests further apart. benchmarks/processes.py measures it.)
    assert max_in_any_window(starts, WINDOW) <= REQUESTS
    for index, ids in enumerate(exported):
        mine = campaigns[2 * index: 2 * index + 2]
        assert sorted(ids) == sorted(i for c in mine for i in fake.lead_ids(c))


async def test_a_worker_killed_mid_run_blocks_nobody(store: str) -> None:
    fake, campaigns = new_fake(4)
    victim_campaign = fake.add_campaign(lead_count=LEADS * 20)
    async with fake.serve() as base_url:
        victim = await start_worker(base_url, fake.api_key, store, [victim_campaign])
        survivors = [
            await start_worker(base_url, fake.api_key, store, campaigns[2 * i: 2 * i + 2])
            for i in range(2)
        ]
        exported: list[list[int]] = [[], []]
        starts: list[float] = []

        async def collect(index: int) -> None:
            exported[index], mine = await finish(survivors[index])
            starts.extend(mine)

        async with anyio.create_task_group() as group:
            for index in range(2):
                group.start_soon(collect, index)
            assert victim.stdout is not None
            async for line in victim.stdout:  # its first page is in: it is mid-run
                if b"started" in line:
                    break
            victim.send_signal(signal.SIGKILL)  # its latest starts are in the store
            await victim.wait()
            await victim.stdout.aclose()
            path = f"/api/v1/campaigns/{victim_campaign}/leads"
            assert sum(1 for e in fake.stats.log if e.path == path) < LEADS * 20 // 100
    assert max_in_any_window(starts, WINDOW) <= REQUESTS
    for index, ids in enumerate(exported):
        mine = campaigns[2 * index: 2 * index + 2]
        assert sorted(ids) == sorted(i for c in mine for i in fake.lead_ids(c))
