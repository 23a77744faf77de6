"""Peak memory while paging 10,000 vs 200,000 leads without keeping them.

Three kinds of process, so no figure pollutes another:

* one server process runs the fake SmartLead (rate limit off) on a loopback socket; its
  memory (lead serials, request log) is never counted;
* one fresh client process per (export size, contender) pages a campaign and reports its own
  peak resident set: ``VmHWM`` from ``/proc/self/status`` and ``ru_maxrss`` from
  ``resource.getrusage``, plus the RSS it started from (after imports);
* this process starts the others and prints the table.

Contenders: the SDK (``client.campaigns.leads.list``, ``rate_limit=None``, default prefetch)
and the hand-written httpx loop (one page at a time, no sleep: the rate limit is off).
Leads are counted and dropped.

Target (SDK): peak RSS for 200k leads within 1.2x of the peak for 10k.

Run: ``.venv/bin/python benchmarks/memory.py`` (about 1 minute; ``--quick``: 5k vs 50k).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    baseline_client,
    baseline_export,
    fmt,
    print_table,
    proc_status_kb,
    read_json_line,
    run_async,
    sdk_client,
    verdict,
    write_results,
)

from smartlead_async.testing import FakeSmartlead

NAME = "memory"
TARGET_RATIO = 1.2
DEFAULT_SIZES = (10_000, 200_000)
QUICK_SIZES = (5_000, 50_000)
CONTENDERS = ("sdk", "baseline")
API_KEY = "bench-memory"
SCRIPT = str(Path(__file__).resolve())


# -- the server process ---------------------------------------------------------------------------


async def serve(sizes: list[int], seed: int) -> None:
    """Serve a fake with one campaign per size; print where; stop when stdin closes."""
    fake = FakeSmartlead(api_key=API_KEY, seed=seed, rate_limit=None)
    campaigns = {str(size): fake.add_campaign(lead_count=size) for size in sizes}
    async with fake.serve() as base_url:
        print(json.dumps({"base_url": base_url, "campaigns": campaigns}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


# -- a client process -----------------------------------------------------------------------------


async def page_once(contender: str, base_url: str, campaign_id: int) -> int:
    """Page every lead of a campaign with ``contender``, keeping none; return the count."""
    if contender == "sdk":
        count = 0
        async with sdk_client(API_KEY, base_url, rate_limit=None) as client:
            async for _ in client.campaigns.leads.list(campaign_id):
                count += 1
        return count
    async with baseline_client(base_url) as http:
        return (await baseline_export(http, API_KEY, campaign_id, pause=0.0)).leads


def child(contender: str, base_url: str, campaign_id: int) -> dict[str, Any]:
    """Measure one export in this (fresh) process."""
    start_kb = proc_status_kb("VmRSS")
    started = time.perf_counter()

    async def job() -> int:
        return await page_once(contender, base_url, campaign_id)

    leads = run_async(job)
    return {
        "contender": contender,
        "leads": leads,
        "elapsed_s": round(time.perf_counter() - started, 3),
        "start_rss_kb": start_kb,
        "vmhwm_kb": proc_status_kb("VmHWM"),
        "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # kB on Linux
    }


# -- the coordinating process ---------------------------------------------------------------------


def measure_all(sizes: list[int], contenders: list[str], seed: int) -> list[dict[str, Any]]:
    """Start the server process, then one client process per (size, contender)."""
    server = subprocess.Popen(
        [sys.executable, SCRIPT, "--serve", "--sizes", ",".join(map(str, sizes)),
         "--seed", str(seed)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        where = read_json_line(server.stdout, "the server process")
        results = []
        for size in sizes:
            for contender in contenders:
                print(f"paging {size:,} leads with {contender} in a fresh process...", flush=True)
                out = subprocess.run(
                    [sys.executable, SCRIPT, "--child", contender, "--base-url",
                     where["base_url"], "--campaign", str(where["campaigns"][str(size)])],
                    check=True, capture_output=True, text=True,
                )
                result = json.loads(out.stdout.strip().splitlines()[-1])
                if result["leads"] != size:
                    raise RuntimeError(f"{contender} paged {result['leads']} of {size} leads")
                results.append({"size": size, **result})
        return results
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def report(results: list[dict[str, Any]], sizes: list[int]) -> tuple[bool, dict[str, float]]:
    """Print the table and the verdict; return it and the large/small peak ratio per contender."""
    small, large = min(sizes), max(sizes)
    peak = {(r["contender"], r["size"]): r["vmhwm_kb"] for r in results}
    ratios = {
        contender: peak[contender, large] / peak[contender, small]
        for contender in CONTENDERS
        if (contender, small) in peak and (contender, large) in peak
    }
    rows = [
        [
            r["contender"],
            f"{r['size']:,}",
            fmt(r["elapsed_s"], ".1f", " s"),
            fmt(r["leads"] / r["elapsed_s"], ",.0f"),
            fmt(r["start_rss_kb"] / 1024, ".1f", " MiB"),
            fmt(r["vmhwm_kb"] / 1024, ".1f", " MiB"),
            fmt(r["ru_maxrss_kb"] / 1024, ".1f", " MiB"),
            fmt((r["vmhwm_kb"] - r["start_rss_kb"]) / 1024, "+.1f", " MiB"),
            fmt(r["vmhwm_kb"] / peak[r["contender"], small], ".3f", "x"),
        ]
        for r in results
    ]
    print_table(
        "Peak memory of a fresh client process paging every lead (none kept)",
        ["contender", "leads", "time", "leads/s", "start RSS", "peak (VmHWM)", "ru_maxrss",
         "peak - start", f"vs {small:,}"],
        rows,
    )
    sdk_ratio = ratios.get("sdk")
    met = sdk_ratio is not None and sdk_ratio <= TARGET_RATIO
    print(f"\nTarget: SDK peak for {large:,} within {TARGET_RATIO:g}x of {small:,}: "
          f"{fmt(sdk_ratio, '.3f', 'x')} {verdict(met)}")
    return met, ratios


def csv_ints(text: str) -> list[int]:
    """argparse type: ``"10000,200000"`` -> ``[10000, 200000]``."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated ints, got {text!r}") from None


def parse_args() -> argparse.Namespace:
    """Command-line options (``--serve`` and ``--child`` are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=csv_ints, default=None,
                        help="export sizes in leads (default 10000,200000; quick 5000,50000)")
    parser.add_argument("--contenders", default=",".join(CONTENDERS),
                        help="comma-separated subset of: sdk,baseline")
    parser.add_argument("--seed", type=int, default=0, help="fake data seed")
    parser.add_argument("--quick", action="store_true", help="5,000 vs 50,000 leads")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--campaign", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Dispatch: server process, client process, or the coordinator."""
    args = parse_args()
    sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.serve:
        run_async(lambda: serve(sizes, args.seed))
        return
    if args.child:
        print(json.dumps(child(args.child, args.base_url, args.campaign)), flush=True)
        return
    contenders = [c for c in args.contenders.split(",") if c]
    if unknown := set(contenders) - set(CONTENDERS):
        raise SystemExit(f"unknown contenders: {sorted(unknown)}")
    if len(sizes) < 2:
        raise SystemExit("--sizes needs at least two sizes to compare")
    results = measure_all(sizes, contenders, args.seed)
    met, ratios = report(results, sizes)
    if not args.no_write:
        write_results(NAME, {
            "params": {"sizes": sizes, "seed": args.seed, "rate_limit": None,
                       "sdk": "client.campaigns.leads.list(cid), default prefetch",
                       "baseline_pause_s": 0.0},
            "target": f"SDK peak RSS for {max(sizes):,} within {TARGET_RATIO:g}x of "
                      f"{min(sizes):,}",
            "target_met": met,
            "peak_ratio": {k: round(v, 4) for k, v in ratios.items()},
            "runs": results,
        })


if __name__ == "__main__":
    main()
