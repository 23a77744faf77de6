"""The rate limit over a jittery network: the learned margin against a fixed one.

A strict fake SmartLead (10 requests per 2 s, 100 ms latency) is served on a real loopback
socket by this process, and the export runs in a worker process (so the client's work and
the fake's do not share one event loop), with request-path jitter J: each request reaches the
server's rate window ``uniform(0, J)`` seconds after it arrived, so two requests sent a window
apart can be counted closer together. One campaign of 10,000 leads (100 requests) is
exported for each J by:

* ``learned``: the SDK's default ``RateLimit(10, 2.0)``: the margin starts at 50 ms and
  follows the spread of the round trips (up to a quarter of the window), and a 429 that the
  limiter's own starts explain widens it without halving the allowance;
* ``fixed``: ``RateLimit(10, 2.0, margin=0.05, max_margin=0.05)``: the margin stays at 50 ms
  (the 429 rule is the same).

Figures per run: 429s, every lead exactly once, elapsed against the burst-aware optimum
(10 at t=0, then 10 per 2 s, plus one latency: 18.1 s for 100 requests), and the margin the
limiter ended with.

Target (learned): at J = 100 ms and 300 ms, every lead exactly once, at most one 429 per run,
and elapsed within 1.08x and 1.20x of the optimum.

Run: ``.venv/bin/python benchmarks/jitter.py`` (about 3 minutes; ``--quick`` for ~1 minute).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from _common import (
    LIMIT_REQUESTS,
    LIMIT_SECONDS,
    PAGE_SIZE,
    csv_floats,
    optimum_elapsed,
    print_table,
    run_async,
    verdict,
    write_results,
)
from _workers import run_workers

from smartlead_async.testing import FakeSmartlead

NAME = "jitter"
LATENCY = 0.1
DEFAULT_LEADS = 10_000
DEFAULT_JITTERS = (0.0, 0.05, 0.1, 0.3)
QUICK_LEADS = 4000
#: Targets (elapsed / optimum) per jitter, for the learned margin.
TARGETS = {0.1: 1.08, 0.3: 1.20}
CONTENDERS: dict[str, dict[str, Any]] = {
    "learned": {"requests": LIMIT_REQUESTS, "per_seconds": LIMIT_SECONDS},
    "fixed": {"requests": LIMIT_REQUESTS, "per_seconds": LIMIT_SECONDS, "margin": 0.05,
              "max_margin": 0.05},
}


@dataclass(frozen=True, slots=True)
class Run:
    """One export by one contender at one jitter."""

    contender: str
    jitter: float
    leads: int
    unique: int
    expected: int
    requests: int
    rate_limited: int
    elapsed: float
    optimum: float
    margin: float

    @property
    def ratio(self) -> float:
        """``elapsed / optimum``: 1.0 is the fastest the server allows."""
        return self.elapsed / self.optimum

    @property
    def exactly_once(self) -> bool:
        """Every lead was yielded, and none twice."""
        return self.leads == self.unique == self.expected

    @property
    def target(self) -> float | None:
        """The elapsed/optimum target of this run, if it has one."""
        return TARGETS.get(self.jitter) if self.contender == "learned" else None

    @property
    def target_met(self) -> bool | None:
        """Whether the run meets its target (None when it has none)."""
        if self.target is None:
            return None
        return self.exactly_once and self.rate_limited <= 1 and self.ratio <= self.target

    def to_json(self) -> dict[str, Any]:
        """The run's figures for the results file."""
        return {
            "contender": self.contender, "jitter_s": self.jitter, "leads": self.leads,
            "exactly_once": self.exactly_once, "requests": self.requests,
            "rate_limited": self.rate_limited, "elapsed_s": round(self.elapsed, 3),
            "optimum_s": round(self.optimum, 3), "elapsed_vs_optimum": round(self.ratio, 4),
            "final_margin_s": round(self.margin, 4), "target": self.target,
            "target_met": self.target_met,
        }


async def export_once(contender: str, jitter: float, leads: int, seed: int) -> Run:
    """Export ``leads`` leads from a fresh jittery fake with ``contender``'s limiter."""
    fake = FakeSmartlead(
        api_key=f"bench-jitter-{contender}-{jitter}-{seed}", seed=seed, latency=LATENCY,
        jitter=jitter, rate_limit=(LIMIT_REQUESTS, LIMIT_SECONDS),
    )
    campaign_id = fake.add_campaign(lead_count=leads)
    async with fake.serve() as base_url:
        [result] = await run_workers(
            [(base_url, fake.api_key, [campaign_id], CONTENDERS[contender])]
        )
    got = result.lead_ids
    return Run(
        contender=contender, jitter=jitter, leads=len(got), unique=len(set(got)),
        expected=leads, requests=fake.stats.requests, rate_limited=fake.stats.rate_limited,
        elapsed=result.finished - result.started,
        optimum=optimum_elapsed(-(-leads // PAGE_SIZE), LATENCY),
        margin=result.margin,
    )


def report(runs: list[Run]) -> bool:
    """Print the sweep and the verdict; return whether every target was met."""
    rows = [
        [f"{r.jitter * 1000:.0f} ms", r.contender, r.requests, r.rate_limited,
         "yes" if r.exactly_once else "NO", f"{r.elapsed:.2f} s", f"{r.optimum:.2f} s",
         f"{r.ratio:.3f}", f"{r.margin * 1000:.0f} ms",
         "-" if r.target is None else f"<= {r.target:.2f}: {verdict(bool(r.target_met))}"]
        for r in runs
    ]
    print_table(
        f"Request-path jitter sweep ({runs[0].leads:,} leads, {LATENCY * 1000:.0f} ms latency, "
        f"limit {LIMIT_REQUESTS} per {LIMIT_SECONDS:g} s)",
        ["jitter", "margin", "requests", "429s", "exactly once", "elapsed", "optimum",
         "x optimum", "final margin", "target"],
        rows,
    )
    judged = [r for r in runs if r.target is not None]
    met = all(r.target_met for r in judged)
    print(f"\nTarget (learned margin, J = 100 and 300 ms): every lead once, <= 1 x 429, "
          f"elapsed within 1.08x / 1.20x of the optimum: {verdict(met)}"
          + ("" if judged else " (no judged run in this sweep)"))
    return met


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=None,
                        help=f"leads per export (default {DEFAULT_LEADS:,}; quick {QUICK_LEADS:,})")
    parser.add_argument("--jitters", type=csv_floats, default=None,
                        help="request-path jitters in seconds (default 0,0.05,0.1,0.3)")
    parser.add_argument("--contenders", default=",".join(CONTENDERS),
                        help="comma-separated subset of: learned,fixed")
    parser.add_argument("--seed", type=int, default=0, help="fake data and jitter seed")
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_LEADS:,} leads (the targets are for 10,000)")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    """Run the sweep and report."""
    args = parse_args()
    leads = args.leads or (QUICK_LEADS if args.quick else DEFAULT_LEADS)
    jitters = args.jitters or list(DEFAULT_JITTERS)
    contenders = [c for c in args.contenders.split(",") if c]
    if unknown := set(contenders) - set(CONTENDERS):
        raise SystemExit(f"unknown contenders: {sorted(unknown)}")

    async def sweep() -> list[Run]:
        runs = []
        for jitter in jitters:
            for contender in contenders:
                print(f"exporting {leads:,} leads at jitter {jitter * 1000:.0f} ms with "
                      f"the {contender} margin...", flush=True)
                runs.append(await export_once(contender, jitter, leads, args.seed))
        return runs

    runs = run_async(sweep)
    met = report(runs)
    if not args.no_write:
        write_results(NAME, {
            "params": {"leads": leads, "latency_s": LATENCY, "jitters_s": jitters,
                       "seed": args.seed, "limit": [LIMIT_REQUESTS, LIMIT_SECONDS]},
            "target": "learned margin at J=100/300 ms: every lead once, <= 1 x 429, "
                      "elapsed <= 1.08x / 1.20x optimum",
            "target_met": met,
            "runs": [r.to_json() for r in runs],
        })


if __name__ == "__main__":
    main()
