"""The sync client's cost: ``SmartleadSyncClient`` against ``SmartleadClient``, same work.

Both talk to one in-process fake (no socket, no latency, no rate limit on either side), so
what differs is only the sync client's hand-off to its event loop thread. Contenders, timed
in the same run, interleaved (one timing of each per round; best and median of the rounds):

* one call: ``campaigns.get`` repeated, microseconds per call;
* paging: every lead of a 10,000-lead campaign (100 pages), seconds for the whole listing.

Target: the sync listing at most 1.25x the async one (best of the rounds): the hand-off is
once per page, not per lead. The per-call overhead is reported, not targeted.

Run: ``.venv/bin/python benchmarks/sync_client.py`` (~20 s; ``--quick``: ~3 s).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from _common import fmt, print_table, verdict, write_results

from smartlead_async import SmartleadClient, SmartleadSyncClient
from smartlead_async.testing import FakeSmartlead

NAME = "sync_client"
TARGET_RATIO = 1.25


def async_round(fake: FakeSmartlead, campaign: int, leads: int, calls: int) -> tuple[
    float, float
]:
    """Seconds per call and seconds for the listing, on a fresh event loop (and a client
    made in it: a client belongs to the event loop it first used)."""

    async def run() -> tuple[float, float]:
        async with fake.client(rate_limit=None) as client:
            return await timed(client)

    async def timed(client: SmartleadClient) -> tuple[float, float]:
        started = time.perf_counter()
        for _ in range(calls):
            await client.campaigns.get(campaign)
        per_call = (time.perf_counter() - started) / calls
        started = time.perf_counter()
        async for _ in client.campaigns.leads.list(leads):
            pass
        return per_call, time.perf_counter() - started

    return asyncio.run(run())


def sync_round(client: SmartleadSyncClient, campaign: int, leads: int, calls: int) -> tuple[
    float, float
]:
    """Seconds per call and seconds for the listing, through the sync client."""
    started = time.perf_counter()
    for _ in range(calls):
        client.campaigns.get(campaign)
    per_call = (time.perf_counter() - started) / calls
    started = time.perf_counter()
    for _ in client.campaigns.leads.list(leads):
        pass
    return per_call, time.perf_counter() - started


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=None,
                        help="interleaved rounds (default 7; quick 3)")
    parser.add_argument("--leads", type=int, default=None,
                        help="leads in the listing (default 10000; quick 3000)")
    parser.add_argument("--calls", type=int, default=200, help="calls per round")
    parser.add_argument("--quick", action="store_true", help="3 rounds, 3,000 leads")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    """Time both clients, interleaved, and report."""
    args = parse_args()
    rounds = args.rounds or (3 if args.quick else 7)
    lead_count = args.leads or (3_000 if args.quick else 10_000)
    fake = FakeSmartlead(api_key="bench-sync-client", rate_limit=None)
    campaign = fake.add_campaign()
    leads = fake.add_campaign(lead_count=lead_count)
    timings: dict[str, list[tuple[float, float]]] = {"async": [], "sync": []}
    with fake.sync_client(rate_limit=None) as sync_client:
        sync_round(sync_client, campaign, leads, 10)  # warm-up: thread, imports, model hooks
        for _ in range(rounds):
            timings["async"].append(async_round(fake, campaign, leads, args.calls))
            timings["sync"].append(sync_round(sync_client, campaign, leads, args.calls))
    rows = []
    best = {name: (min(c for c, _ in runs), min(p for _, p in runs))
            for name, runs in timings.items()}
    median = {name: (statistics.median(c for c, _ in runs), statistics.median(p for _, p in runs))
              for name, runs in timings.items()}
    for name in timings:
        rows.append([
            name, fmt(best[name][0] * 1e6, ".0f"), fmt(median[name][0] * 1e6, ".0f"),
            fmt(best[name][1], ".3f"), fmt(median[name][1], ".3f"),
            fmt(lead_count / best[name][1], ",.0f"),
        ])
    print_table(
        f"One call and a {lead_count:,}-lead listing ({rounds} interleaved rounds)",
        ["client", "best us/call", "median us/call", "best listing s", "median listing s",
         "best leads/s"],
        rows,
    )
    overhead = (best["sync"][0] - best["async"][0]) * 1e6
    ratio = best["sync"][1] / best["async"][1]
    met = ratio <= TARGET_RATIO
    print(f"\nSync overhead per call (best): {overhead:.0f} us")
    print(f"Target: sync listing at most {TARGET_RATIO:g}x async (best of {rounds}): "
          f"{ratio:.2f}x {verdict(met)}")
    if not args.no_write:
        write_results(NAME, {
            "params": {"rounds": rounds, "leads": lead_count, "calls_per_round": args.calls},
            "target": f"sync listing <= {TARGET_RATIO:g}x async",
            "target_met": met,
            "listing_ratio_best": round(ratio, 3),
            "call_overhead_us_best": round(overhead, 1),
            "runs": {name: [{"us_per_call": round(c * 1e6, 1), "listing_s": round(p, 4)}
                            for c, p in runs] for name, runs in timings.items()},
        })


if __name__ == "__main__":
    main()
