"""Many campaigns through one client: ``list_many`` against a naive concurrent httpx loop.

A fresh fake SmartLead (strict sliding window, 10 requests per 2 s) holding 20 campaigns of
500 leads is served on a real loopback socket. The SDK pages them all with one client via
``client.campaigns.leads.list_many(ids)``; the baseline runs the hand-written loop (one page
at a time, 0.2 s sleep between requests, Retry-After honoured on 429) for every campaign at
once with ``asyncio.gather`` over one plain ``httpx.AsyncClient``.

Figures: total time against the burst-aware optimum for the total request count (10 at t=0,
then 10 per 2 s, plus one latency), the server's 429 count, and the ratio of the slowest to
the fastest campaign's finish time (fairness).

Target (SDK): total time within 5 % of the optimum, zero 429s.

Run: ``.venv/bin/python benchmarks/concurrency.py`` (about 1.5 minutes; ``--quick``: ~20 s).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from _common import (
    LIMIT_REQUESTS,
    LIMIT_SECONDS,
    PAGE_SIZE,
    ServerFigures,
    baseline_client,
    baseline_export,
    csv_floats,
    fmt,
    optimum_elapsed,
    print_table,
    run_async,
    sdk_client,
    server_figures,
    timed_on_loopback,
    verdict,
    warm_up,
    write_results,
)

from smartlead_async.testing import FakeSmartlead

NAME = "concurrency"
TARGET_OVER_IDEAL = 0.05
DEFAULT_CAMPAIGNS = 20
DEFAULT_LEADS = 500
DEFAULT_LATENCIES = (0.0, 0.3)
QUICK_CAMPAIGNS = 10
QUICK_LEADS = 300
QUICK_LATENCIES = (0.1,)
CONTENDERS = ("sdk", "baseline")

Finishes = dict[int, float]


@dataclass(frozen=True, slots=True)
class Run:
    """One fan-in of every campaign by one contender at one latency."""

    contender: str
    latency: float
    campaigns: int
    leads: int
    elapsed: float
    ideal: float
    finishes: Finishes
    server: ServerFigures

    @property
    def over_ideal(self) -> float:
        """``elapsed / ideal - 1``: 0.0 is the fastest the server allows."""
        return self.elapsed / self.ideal - 1.0

    @property
    def finish_ratio(self) -> float:
        """Slowest campaign's finish time over the fastest's (1.0 = all finish together)."""
        return max(self.finishes.values()) / min(self.finishes.values())

    @property
    def target_met(self) -> bool | None:
        """Whether the SDK run meets the target (None for the baseline: no target)."""
        if self.contender != "sdk":
            return None
        return self.over_ideal <= TARGET_OVER_IDEAL and self.server.rate_limited == 0

    def to_json(self) -> dict[str, Any]:
        """The run's figures for the results file."""
        return {
            "contender": self.contender,
            "latency_s": self.latency,
            "campaigns": self.campaigns,
            "leads": self.leads,
            "elapsed_s": round(self.elapsed, 4),
            "ideal_s": round(self.ideal, 4),
            "over_ideal": round(self.over_ideal, 4),
            "fastest_finish_s": round(min(self.finishes.values()), 4),
            "slowest_finish_s": round(max(self.finishes.values()), 4),
            "finish_ratio": round(self.finish_ratio, 3),
            "server": asdict(self.server),
            "target_met": self.target_met,
        }


async def sdk_fan_in(api_key: str, base_url: str, ids: list[int]) -> tuple[int, Finishes]:
    """Page every campaign through one client with ``list_many``; finish time per campaign."""
    counts: Counter[int] = Counter()
    finishes: Finishes = {}
    started = time.perf_counter()
    async with (
        sdk_client(api_key, base_url) as client,
        client.campaigns.leads.list_many(ids) as stream,
    ):
        async for campaign_id, _ in stream:
            counts[campaign_id] += 1
            finishes[campaign_id] = time.perf_counter() - started
    return sum(counts.values()), finishes


async def baseline_fan_in(api_key: str, base_url: str, ids: list[int]) -> tuple[int, Finishes]:
    """The hand-written loop for every campaign at once (``asyncio.gather``, one client)."""
    finishes: Finishes = {}
    started = time.perf_counter()
    async with baseline_client(base_url) as http:

        async def one(campaign_id: int) -> int:
            result = await baseline_export(http, api_key, campaign_id)
            finishes[campaign_id] = time.perf_counter() - started
            return result.leads

        counts = await asyncio.gather(*(one(i) for i in ids))
    return sum(counts), finishes


async def fan_in_once(
    contender: str, latency: float, campaigns: int, leads: int, seed: int
) -> Run:
    """Page ``campaigns`` campaigns of ``leads`` leads from a fresh fake with ``contender``."""
    fake = FakeSmartlead(
        api_key=f"bench-{contender}-{latency}-{seed}", seed=seed, latency=latency,
        rate_limit=(LIMIT_REQUESTS, LIMIT_SECONDS),
    )
    ids = [fake.add_campaign(lead_count=leads) for _ in range(campaigns)]
    fan_in = sdk_fan_in if contender == "sdk" else baseline_fan_in

    async def job(base_url: str) -> tuple[int, Finishes]:
        return await fan_in(fake.api_key, base_url, ids)

    (got, finishes), elapsed = await timed_on_loopback(fake, job)
    if got != campaigns * leads or len(finishes) != campaigns:
        raise RuntimeError(f"{contender} delivered {got} leads, expected {campaigns * leads}")
    return Run(
        contender=contender,
        latency=latency,
        campaigns=campaigns,
        leads=got,
        elapsed=elapsed,
        ideal=optimum_elapsed(campaigns * math.ceil(leads / PAGE_SIZE), latency),
        finishes=finishes,
        server=server_figures(fake),
    )


def report(runs: list[Run]) -> bool:
    """Print the table and the verdict; return whether the SDK met the target everywhere."""
    rows = [
        [
            f"{r.latency * 1000:.0f} ms",
            r.contender,
            f"{r.campaigns} x {r.leads // r.campaigns}",
            r.server.requests,
            fmt(r.elapsed, ".2f", " s"),
            fmt(r.ideal, ".2f", " s"),
            fmt(r.over_ideal * 100, "+.1f", "%"),
            r.server.max_in_window,
            r.server.rate_limited,
            fmt(min(r.finishes.values()), ".2f", " s"),
            fmt(max(r.finishes.values()), ".2f", " s"),
            fmt(r.finish_ratio, ".2f"),
            "-" if r.target_met is None else verdict(r.target_met),
        ]
        for r in runs
    ]
    print_table(
        f"Fan-in through one client at the real limit ({LIMIT_REQUESTS} req / 2 s)",
        ["latency", "contender", "campaigns", "requests", "total", "ideal", "vs ideal",
         "max/window", "429s", "fastest", "slowest", "slow/fast", "target"],
        rows,
    )
    print("ideal = burst-aware optimum for the minimum request count "
          "(10 at t=0, then 10 per 2 s, + one latency).")
    sdk_runs = [r for r in runs if r.contender == "sdk"]
    met = all(r.target_met for r in sdk_runs)
    print(f"\nTarget: SDK total within {TARGET_OVER_IDEAL:.0%} of ideal and zero 429s: "
          f"{verdict(met)}")
    for r in sdk_runs:
        if not r.target_met:
            print(f"  MISSED at {r.latency * 1000:.0f} ms: {r.over_ideal:+.1%} over ideal, "
                  f"{r.server.rate_limited} x 429")
    return met


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--campaigns", type=int, default=None,
                        help=f"campaigns (default {DEFAULT_CAMPAIGNS})")
    parser.add_argument("--leads", type=int, default=None,
                        help=f"leads per campaign (default {DEFAULT_LEADS})")
    parser.add_argument("--latencies", type=csv_floats, default=None,
                        help="server latencies in seconds, comma-separated (default 0,0.3)")
    parser.add_argument("--contenders", default=",".join(CONTENDERS),
                        help="comma-separated subset of: sdk,baseline")
    parser.add_argument("--seed", type=int, default=0, help="fake data seed")
    parser.add_argument("--quick", action="store_true",
                        help="10 campaigns x 300 leads at 100 ms (~20 s)")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    """Run every (latency, contender) fan-in and report."""
    args = parse_args()
    campaigns = args.campaigns or (QUICK_CAMPAIGNS if args.quick else DEFAULT_CAMPAIGNS)
    leads = args.leads or (QUICK_LEADS if args.quick else DEFAULT_LEADS)
    latencies = args.latencies or list(QUICK_LATENCIES if args.quick else DEFAULT_LATENCIES)
    contenders = [c for c in args.contenders.split(",") if c]
    if unknown := set(contenders) - set(CONTENDERS):
        raise SystemExit(f"unknown contenders: {sorted(unknown)}")

    async def all_runs() -> list[Run]:
        await warm_up()
        runs = []
        for latency in latencies:
            for contender in contenders:
                print(f"{campaigns} campaigns x {leads} leads at {latency * 1000:.0f} ms "
                      f"with {contender}...", flush=True)
                runs.append(await fan_in_once(contender, latency, campaigns, leads, args.seed))
        return runs

    runs = run_async(all_runs)
    met = report(runs)
    if not args.no_write:
        write_results(NAME, {
            "params": {"campaigns": campaigns, "leads_per_campaign": leads,
                       "latencies_s": latencies, "seed": args.seed,
                       "limit": [LIMIT_REQUESTS, LIMIT_SECONDS],
                       "sdk": "list_many(ids), defaults (max_concurrency=20, prefetch=1)",
                       "baseline_pause_s": 0.2},
            "target": f"SDK total within {TARGET_OVER_IDEAL:.0%} of ideal, zero 429s",
            "target_met": met,
            "runs": [r.to_json() for r in runs],
        })


if __name__ == "__main__":
    main()
