"""One rate limit across processes: in-process limiters against the SQLite and Redis stores.

The fake SmartLead (strict sliding window, 10 requests per 2 s, 100 ms latency) is served on
a real loopback socket by this process; P worker processes (spawned, each with its own event
loop, client and connection pool, as ``uvicorn --workers P`` would have) export 2 campaigns of
1,000 leads each with one API key, starting together. For P = 1, 2, 4, 8 and each limiter:

* ``in-process``: ``RateLimit(10, 2.0)``, each process on its own (today's default);
* ``sqlite``: ``RateLimit(10, 2.0, store="sqlite:///<tmp>/limits.db")``;
* ``redis``: ``RateLimit(10, 2.0, store="redis://127.0.0.1:<port>/0")``.

Figures: 429s, the most arrivals the server counted in any 2 s window, every lead exactly
once, and the aggregate elapsed time (agreed start to the last worker's end) against the
burst-aware optimum for all the requests (10 at t=0, then 10 per 2 s, plus one latency).
Then two failure scenarios with 4 workers: one worker SIGKILLed mid-run, and (Redis) the
server stopped mid-run for 3 s with ``store_fallback=0.25`` and started again. Last, the
stores' overhead: microseconds per ``acquire()``, then plus the re-dating each request makes,
then plus the settling (its lateness recorded) a request slower than the fastest adds, in one
process, then in each of 8 processes at once.

Target: with either store, 4 processes: 0 x 429, never more than 10 in any 2 s window, every
lead exactly once, elapsed within 5 % of the optimum.

Run: ``.venv/bin/python benchmarks/processes.py`` (about 6 minutes; ``--quick``: P = 1, 4).
Redis: ``--redis-url URL``, else a throwaway ``redis-server`` is started if installed.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from _common import (
    LIMIT_REQUESTS,
    LIMIT_SECONDS,
    PAGE_SIZE,
    optimum_elapsed,
    print_table,
    run_async,
    verdict,
    write_results,
)
from _workers import Workers

from smartlead_async.testing import FakeSmartlead

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests._redis_server import RedisServer, free_port

NAME = "processes"
LATENCY = 0.1
LEADS = 1000
CAMPAIGNS_PER_WORKER = 2
TARGET = 1.05
OUTAGE_AT, OUTAGE_FOR = 5.0, 3.0


@dataclass(frozen=True, slots=True)
class Run:
    """One export by P worker processes with one limiter."""

    scenario: str
    limiter: str
    processes: int
    requests: int
    rate_limited: int
    max_in_window: int
    exactly_once: bool
    elapsed: float
    optimum: float
    margin: float

    @property
    def ratio(self) -> float:
        return self.elapsed / self.optimum

    @property
    def target_met(self) -> bool | None:
        if self.limiter == "in-process" or self.scenario != "export" or self.processes != 4:
            return None
        return (self.rate_limited == 0 and self.max_in_window <= LIMIT_REQUESTS
                and self.exactly_once and self.ratio <= TARGET)

    def row(self) -> list[object]:
        met = self.target_met
        return [self.scenario, self.limiter, self.processes, self.requests, self.rate_limited,
                self.max_in_window, "yes" if self.exactly_once else "NO",
                f"{self.elapsed:.2f} s", f"{self.optimum:.2f} s", f"{self.ratio:.3f}",
                f"{self.margin * 1000:.0f} ms", "-" if met is None else verdict(met)]


def max_in_any_window(times: list[float], window: float) -> int:
    """The most arrivals in any half-open window ``(t - window, t]``."""
    times = sorted(times)
    best = first = 0
    for last, moment in enumerate(times):
        while times[first] <= moment - window:
            first += 1
        best = max(best, last - first + 1)
    return best


def limit_for(limiter: str, stores: dict[str, str], **options: Any) -> dict[str, Any]:
    """``RateLimit`` keyword arguments for one contender."""
    store = "memory://" if limiter == "in-process" else stores[limiter]
    return {"requests": LIMIT_REQUESTS, "per_seconds": LIMIT_SECONDS, "store": store, **options}


async def export(
    scenario: str, limiter: str, processes: int, stores: dict[str, str],
    redis: RedisServer | None = None,
) -> Run:
    """One run: ``processes`` workers, each exporting its own campaigns."""
    fake = FakeSmartlead(api_key=f"bench-{uuid.uuid4().hex}", latency=LATENCY,
                         rate_limit=(LIMIT_REQUESTS, LIMIT_SECONDS))
    options: dict[str, Any] = {}
    if scenario == "redis restart":
        options["store_fallback"] = 1 / processes
    campaigns = [[fake.add_campaign(lead_count=LEADS) for _ in range(CAMPAIGNS_PER_WORKER)]
                 for _ in range(processes)]
    if scenario == "SIGKILL":  # the victim has far more to do than the others
        campaigns[0] = [fake.add_campaign(lead_count=LEADS * 10)]
    async with fake.serve() as base_url:
        workers = Workers([(base_url, fake.api_key, mine, limit_for(limiter, stores, **options))
                           for mine in campaigns])
        start_at = await workers.started()
        results_task = asyncio.ensure_future(workers.results())
        if scenario == "SIGKILL":
            await asyncio.sleep(start_at + 4.0 - time.time())
            workers.kill(0)
        elif scenario == "redis restart" and redis is not None:
            await asyncio.sleep(start_at + OUTAGE_AT - time.time())
            redis.stop()
            await asyncio.sleep(OUTAGE_FOR)
            redis.start()
        results = await results_task
    finished = [campaigns[index] for index in results]
    exactly_once = all(
        sorted(results[index].lead_ids) == sorted(i for c in campaigns[index]
                                                  for i in fake.lead_ids(c))
        for index in results
    )
    requests = sum(-(-fake.campaigns[c].lead_count // PAGE_SIZE) for mine in finished for c in mine)
    end = max(result.finished for result in results.values())
    return Run(
        scenario=scenario, limiter=limiter, processes=processes, requests=fake.stats.requests,
        rate_limited=fake.stats.rate_limited,
        max_in_window=max_in_any_window([e.time for e in fake.stats.log], LIMIT_SECONDS),
        exactly_once=exactly_once, elapsed=end - start_at,
        optimum=optimum_elapsed(requests, LATENCY),
        margin=max(result.margin for result in results.values()),
    )


# -- overhead per acquire ------------------------------------------------------------------------

#: A limit that never makes anyone wait, with a window as small as SmartLead's holds entries.
NO_WAIT = {"requests": 10**6, "per_seconds": 0.002, "margin": 0.0, "max_margin": 0.0}


def time_acquires(store: str, scope: str, seconds: float, start_at: float) -> dict[str, float]:
    """µs per ``acquire()``, per acquire + re-date, and per acquire + re-date + settle (the
    most a request costs: one whose lateness is recorded), for ``seconds`` each (one
    process)."""
    from smartlead_async import RateLimit
    from smartlead_async._ratelimit import build_limiter

    async def measure() -> dict[str, float]:
        limiter = build_limiter(RateLimit(**NO_WAIT, store=store), scope=scope)  # type: ignore[arg-type]
        await limiter.acquire()  # connect
        await asyncio.sleep(max(0.0, start_at - time.time()))
        figures = {}
        for name, calls in (("acquire", 1), ("acquire+redate", 2), ("request", 3)):
            count, began = 0, time.perf_counter()
            while time.perf_counter() - began < seconds:
                admission = await limiter.acquire()
                if calls >= 2 and admission is not None:
                    await admission()  # type: ignore[misc]
                if calls >= 3 and admission is not None:
                    await limiter._store.settle([(admission.start_id, 0.01)])  # type: ignore[attr-defined]
                count += 1
            figures[name] = (time.perf_counter() - began) / count * 1e6
        await limiter.aclose()  # type: ignore[attr-defined]
        return figures

    return asyncio.run(measure())


def _time_acquires_main(queue: Any, *args: Any) -> None:
    queue.put(time_acquires(*args))


def overhead(stores: dict[str, str], processes: int, seconds: float) -> dict[str, dict[str, float]]:
    """Mean µs per acquire for each store with ``processes`` processes at once."""
    context = multiprocessing.get_context("spawn")
    figures = {}
    for name, store in {"in-process": "memory://", **stores}.items():
        queue = context.Queue()
        start_at = time.time() + 3.0
        scope = uuid.uuid4().hex
        workers = [context.Process(target=_time_acquires_main,
                                   args=(queue, store, scope, seconds, start_at))
                   for _ in range(processes)]
        for worker in workers:
            worker.start()
        results = [queue.get() for _ in workers]
        for worker in workers:
            worker.join()
        figures[name] = {key: statistics.mean(r[key] for r in results) for key in results[0]}
    return figures


# -- main ----------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1,2,4,8", help="worker counts (default 1,2,4,8)")
    parser.add_argument("--limiters", default="in-process,sqlite,redis")
    parser.add_argument("--redis-url", default=None, help="a running Redis to use")
    parser.add_argument("--quick", action="store_true", help="P = 1 and 4 only")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    counts = [1, 4] if args.quick else [int(p) for p in args.processes.split(",")]
    limiters = [name for name in args.limiters.split(",") if name]
    with tempfile.TemporaryDirectory(prefix="smartlead-bench-") as directory:
        redis: RedisServer | None = None
        stores = {"sqlite": f"sqlite:///{Path(directory) / 'limits.db'}"}
        if "redis" in limiters:
            if args.redis_url:
                stores["redis"] = args.redis_url
            elif (binary := shutil.which("redis-server")) is not None:
                redis = RedisServer(binary, free_port(), directory)
                redis.start()
                stores["redis"] = redis.url
            else:
                print("redis-server is not installed: the Redis runs are left out")
                limiters.remove("redis")
        try:
            runs, costs = run_async(lambda: sweep(counts, limiters, stores, redis)), {}
            for processes in (1, 8):
                costs[processes] = overhead({k: v for k, v in stores.items() if k in limiters},
                                            processes, 2.0)
        finally:
            if redis is not None:
                redis.stop()
    met = report(runs, costs)
    if not args.no_write:
        write_results(NAME, {
            "params": {"leads_per_campaign": LEADS, "campaigns_per_worker": CAMPAIGNS_PER_WORKER,
                       "latency_s": LATENCY, "limit": [LIMIT_REQUESTS, LIMIT_SECONDS]},
            "target": "4 processes, each store: 0 x 429, <= 10 per 2 s, exactly once, "
                      "elapsed <= 1.05x optimum",
            "target_met": met,
            "runs": [asdict(r) | {"ratio": round(r.ratio, 4), "target_met": r.target_met}
                     for r in runs],
            "us_per_acquire": {str(p): c for p, c in costs.items()},
        })


async def sweep(
    counts: list[int], limiters: list[str], stores: dict[str, str], redis: RedisServer | None
) -> list[Run]:
    runs = []
    for processes in counts:
        for limiter in limiters:
            print(f"{processes} process(es), {limiter}...", flush=True)
            runs.append(await export("export", limiter, processes, stores))
    for limiter in (name for name in limiters if name != "in-process"):
        print(f"4 processes, {limiter}, one SIGKILLed mid-run...", flush=True)
        runs.append(await export("SIGKILL", limiter, 4, stores))
    if "redis" in limiters and redis is not None:
        print("4 processes, redis stopped mid-run for 3 s...", flush=True)
        runs.append(await export("redis restart", "redis", 4, stores, redis))
    return runs


def report(runs: list[Run], costs: dict[int, dict[str, dict[str, float]]]) -> bool:
    print_table(
        f"Processes sharing one key ({CAMPAIGNS_PER_WORKER} x {LEADS:,} leads each, "
        f"{LATENCY * 1000:.0f} ms latency, limit {LIMIT_REQUESTS} per {LIMIT_SECONDS:g} s)",
        ["scenario", "limiter", "processes", "requests", "429s", "max/2 s", "exactly once",
         "elapsed", "optimum", "x optimum", "margin", "target"],
        [run.row() for run in runs],
    )
    measures = ("acquire", "acquire+redate", "request")
    rows = [[name, *(f"{costs[count][name][measure]:.0f}" for count in (1, 8)
                     for measure in measures)]
            for name in costs[1]]
    print_table("Overhead per request (µs; mean per process)",
                ["store", *(f"{label}, {count} process{'es' if count > 1 else ''}"
                            for count in (1, 8)
                            for label in ("acquire", "+ re-date", "+ settle"))], rows)
    judged = [run for run in runs if run.target_met is not None]
    met = bool(judged) and all(run.target_met for run in judged)
    print(f"\nTarget (4 processes, each store): 0 x 429, <= {LIMIT_REQUESTS} per "
          f"{LIMIT_SECONDS:g} s, exactly once, elapsed <= {TARGET:.2f}x optimum: {verdict(met)}")
    return met


if __name__ == "__main__":
    main()
