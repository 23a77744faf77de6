"""Throughput at SmartLead's real rate limit: the SDK against a hand-written httpx loop.

For each server latency, a fresh fake SmartLead (strict sliding window, 10 requests per 2 s)
is served on a real loopback socket and one campaign is exported twice, by the SDK
(``client.campaigns.leads.list``) and by the baseline (one page at a time, 0.2 s sleep between
requests, plain ``httpx.AsyncClient``).

Figures per run:

* ``leads/s``;
* the steady request rate as a fraction of the allowed 5 req/s: ``(requests - 10) / (last
  arrival - first arrival)`` at the server, i.e. the first burst of 10 (which a sliding window
  admits at t=0) is left out so it cannot inflate the figure (see ``_common.server_figures``);
* the window occupancy: the mean number of arrivals in the server's trailing 2 s window as
  a fraction of the 10 allowed, from the end of the first window to the last arrival: the
  fraction of the allowed rate in use (exactly 100 % for the ideal schedule). The first
  page's round trip (sent alone: the client needs the total from it) is a fixed cost per
  listing, shown as "1st gap" and in optimum/elapsed;
* the raw ``requests / elapsed`` (burst included) for reference;
* elapsed time against the burst-aware optimum (10 requests at t=0, then 10 per 2 s, plus one
  latency): ``optimum / elapsed``;
* the server's 429 count and the most requests it admitted in any 2 s window.

Target (SDK): at every latency up to 800 ms, window occupancy >= 95 % of the allowed rate and
zero 429s. The steady rate and optimum/elapsed are printed beside it, so the fixed first-page cost
is not hidden.

Run: ``.venv/bin/python benchmarks/throughput.py`` (about 3 minutes; ``--quick`` for ~30 s).
"""

from __future__ import annotations

import argparse
import math
from dataclasses import asdict, dataclass
from typing import Any

from _common import (
    ALLOWED_RATE,
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

NAME = "throughput"
TARGET_FRACTION = 0.95
DEFAULT_LEADS = 6000
DEFAULT_LATENCIES = (0.0, 0.1, 0.3, 0.8)
QUICK_LEADS = 2000
QUICK_LATENCIES = (0.0, 0.3)
CONTENDERS = ("sdk", "baseline")


@dataclass(frozen=True, slots=True)
class Run:
    """One export by one contender at one latency."""

    contender: str
    latency: float
    leads: int
    elapsed: float
    optimum: float
    server: ServerFigures

    @property
    def vs_optimum(self) -> float:
        """``optimum / elapsed``: 1.0 is the fastest the server allows."""
        return self.optimum / self.elapsed

    @property
    def raw_fraction(self) -> float:
        """``requests / elapsed`` over the allowed rate (inflated by the first burst)."""
        return self.server.requests / self.elapsed / ALLOWED_RATE

    @property
    def target_met(self) -> bool | None:
        """Whether the SDK run meets the target (None for the baseline: no target)."""
        if self.contender != "sdk":
            return None
        used = self.server.occupancy
        return used is not None and used >= TARGET_FRACTION and self.server.rate_limited == 0

    def to_json(self) -> dict[str, Any]:
        """The run's figures for the results file."""
        return {
            "contender": self.contender,
            "latency_s": self.latency,
            "leads": self.leads,
            "elapsed_s": round(self.elapsed, 4),
            "optimum_s": round(self.optimum, 4),
            "vs_optimum": round(self.vs_optimum, 4),
            "leads_per_s": round(self.leads / self.elapsed, 1),
            "raw_rate_fraction": round(self.raw_fraction, 4),
            "occupancy": (
                None if self.server.occupancy is None else round(self.server.occupancy, 4)
            ),
            "steady_rate_fraction": (
                None if self.server.steady_fraction is None
                else round(self.server.steady_fraction, 4)
            ),
            "server": asdict(self.server),
            "target_met": self.target_met,
        }


async def export_once(contender: str, latency: float, leads: int, seed: int) -> Run:
    """Export ``leads`` leads from a fresh fake with ``contender``; return the figures."""
    fake = FakeSmartlead(
        api_key=f"bench-{contender}-{latency}-{seed}", seed=seed, latency=latency,
        rate_limit=(LIMIT_REQUESTS, LIMIT_SECONDS),
    )
    campaign_id = fake.add_campaign(lead_count=leads)

    async def job(base_url: str) -> int:
        if contender == "sdk":
            count = 0
            async with sdk_client(fake.api_key, base_url) as client:
                async for _ in client.campaigns.leads.list(campaign_id):
                    count += 1
            return count
        async with baseline_client(base_url) as http:
            return (await baseline_export(http, fake.api_key, campaign_id)).leads

    got, elapsed = await timed_on_loopback(fake, job)
    if got != leads:
        raise RuntimeError(f"{contender} exported {got} leads, expected {leads}")
    return Run(
        contender=contender,
        latency=latency,
        leads=got,
        elapsed=elapsed,
        optimum=optimum_elapsed(math.ceil(leads / PAGE_SIZE), latency),
        server=server_figures(fake),
    )


def report(runs: list[Run]) -> bool:
    """Print the table and the verdict; return whether the SDK met the target everywhere."""
    baseline_elapsed = {r.latency: r.elapsed for r in runs if r.contender == "baseline"}
    rows = []
    for r in runs:
        speedup = baseline_elapsed.get(r.latency)
        rows.append([
            f"{r.latency * 1000:.0f} ms",
            r.contender,
            r.leads,
            r.server.requests,
            fmt(r.elapsed, ".2f", " s"),
            fmt(r.optimum, ".2f", " s"),
            fmt(r.vs_optimum * 100, ".1f", "%"),
            fmt(r.leads / r.elapsed, ".0f"),
            fmt(r.raw_fraction * 100, ".1f", "%"),
            fmt(None if r.server.steady_fraction is None else r.server.steady_fraction * 100,
                ".1f", "%"),
            fmt(None if r.server.occupancy is None else r.server.occupancy * 100, ".1f", "%"),
            fmt(r.server.first_gap, ".2f", " s"),
            r.server.max_in_window,
            r.server.rate_limited,
            fmt(None if speedup is None else speedup / r.elapsed, ".2f", "x"),
            "-" if r.target_met is None else verdict(r.target_met),
        ])
    print_table(
        f"Throughput at the real limit ({LIMIT_REQUESTS} req / 2 s = {ALLOWED_RATE:g} req/s)",
        ["latency", "contender", "leads", "requests", "elapsed", "optimum", "opt/elapsed",
         "leads/s", "raw rate", "steady rate", "occupancy", "1st gap", "max/window", "429s",
         "vs baseline", "target"],
        rows,
    )
    print(
        "steady rate = (requests - 10) / (last arrival - first arrival), as % of 5 req/s; "
        "occupancy = mean arrivals in the trailing 2 s window / 10, from the end of the first "
        "window to the last arrival (the share of the allowed rate in use); "
        "raw rate = requests / elapsed (includes the free first burst); "
        "optimum = 10 at t=0, then 10 per 2 s, + one latency; "
        "1st gap = time between the first two arrivals."
    )
    sdk_runs = [r for r in runs if r.contender == "sdk"]
    met = all(r.target_met for r in sdk_runs)
    print(
        f"\nTarget: SDK window occupancy >= {TARGET_FRACTION:.0%} of allowed and zero 429s at "
        f"every latency: {verdict(met)}"
    )
    for r in sdk_runs:
        if not r.target_met:
            print(
                f"  MISSED at {r.latency * 1000:.0f} ms: occupancy "
                f"{fmt((r.server.occupancy or 0) * 100, '.1f', '%')}, "
                f"{r.server.rate_limited} x 429"
            )
    return met


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=None,
                        help=f"leads per export (default {DEFAULT_LEADS}; quick {QUICK_LEADS})")
    parser.add_argument("--latencies", type=csv_floats, default=None,
                        help="server latencies in seconds, comma-separated "
                             "(default 0,0.1,0.3,0.8; quick 0,0.3)")
    parser.add_argument("--contenders", default=",".join(CONTENDERS),
                        help="comma-separated subset of: sdk,baseline")
    parser.add_argument("--seed", type=int, default=0, help="fake data seed")
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_LEADS} leads at latencies 0 and 300 ms (~30 s)")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    """Run every (latency, contender) export and report."""
    args = parse_args()
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
                print(f"exporting {leads} leads at {latency * 1000:.0f} ms with {contender}...",
                      flush=True)
                runs.append(await export_once(contender, latency, leads, args.seed))
        return runs

    runs = run_async(all_runs)
    met = report(runs)
    if not args.no_write:
        write_results(NAME, {
            "params": {"leads": leads, "latencies_s": latencies, "seed": args.seed,
                       "limit": [LIMIT_REQUESTS, LIMIT_SECONDS],
                       "sdk_rate_limit": "RateLimit(10, 2.0)",
                       "baseline_pause_s": 0.2},
            "target": f"SDK window occupancy >= {TARGET_FRACTION:.0%} of allowed, zero 429s",
            "target_met": met,
            "runs": [r.to_json() for r in runs],
        })


if __name__ == "__main__":
    main()
