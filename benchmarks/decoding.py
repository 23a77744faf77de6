"""Decoding cost: a 100-lead page into SDK models, against ``json.loads`` alone.

The page is a real ``GET /campaigns/{id}/leads`` response body from the fake SmartLead
(100 distinct, realistic lead objects, as served). Contenders, timed on the same bytes:

* ``json.loads``: the hand-written baseline's whole decoding cost;
* ``SDK``: ``json.loads`` + ``PageOf(CampaignLead, ...).decode(body, ...)``, exactly what the
  paginator runs per page;
* ``models only``: ``PageOf.decode`` on an already-parsed body (diagnostic: the SDK's share).

The machine is shared and noisy, so contenders are interleaved (one timing of each per
round) and the best of several rounds is kept; the ratio is taken within this one run.
The garbage collector stays enabled, as in real use.

Target: SDK at most 3x ``json.loads`` per lead.

Run: ``.venv/bin/python benchmarks/decoding.py`` (about 15 s; ``--quick``: ~3 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from _common import PAGE_SIZE, fmt, print_table, run_async, verdict, write_results

from smartlead_async import CampaignLead
from smartlead_async._decoding import PageOf, Where
from smartlead_async.testing import FakeSmartlead

NAME = "decoding"
TARGET_RATIO = 3.0
WHERE = Where("GET", "/x")
LEADS_PAGE = PageOf(CampaignLead, total=("total_leads",))


async def sample_page(seed: int) -> bytes:
    """The raw body of one 100-lead page, fetched from the fake in-process."""
    fake = FakeSmartlead(api_key="bench-decoding", seed=seed, rate_limit=None)
    campaign_id = fake.add_campaign(lead_count=5 * PAGE_SIZE)
    async with fake.http_client() as http:
        response = await http.get(
            f"/campaigns/{campaign_id}/leads",
            params={"api_key": fake.api_key, "offset": 2 * PAGE_SIZE, "limit": PAGE_SIZE},
        )
    response.raise_for_status()  # in-process fake with a dummy key: nothing to leak
    return response.content


def decode_sdk(body: bytes) -> Any:
    """What the SDK does with one page body."""
    return LEADS_PAGE.decode(json.loads(body), WHERE, offset=0)


def contenders(body: bytes) -> dict[str, Callable[[], Any]]:
    """Name -> a zero-argument call decoding ``body`` that way."""
    parsed = json.loads(body)
    return {
        "json.loads": lambda: json.loads(body),
        "SDK (json.loads + PageOf.decode)": lambda: decode_sdk(body),
        "models only (PageOf.decode)": lambda: LEADS_PAGE.decode(parsed, WHERE, offset=0),
    }


def per_call(fn: Callable[[], Any], number: int) -> float:
    """Mean seconds per call over ``number`` back-to-back calls."""
    started = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - started) / number


def calibrate(fn: Callable[[], Any], seconds: float) -> int:
    """How many calls take about ``seconds``."""
    number = 1
    while (elapsed := per_call(fn, number) * number) < seconds / 10:
        number *= 2
    return max(1, round(number * seconds / elapsed))


def measure(
    calls: dict[str, Callable[[], Any]], rounds: int, seconds: float
) -> dict[str, list[float]]:
    """Seconds per call of each contender, one timing each per round, interleaved."""
    numbers = {name: calibrate(fn, seconds) for name, fn in calls.items()}
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, fn in calls.items():
            timings[name].append(per_call(fn, numbers[name]))
    return timings


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=None,
                        help="interleaved rounds, best kept (default 9; quick 3)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="seconds per timing (default 0.5; quick 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="fake data seed")
    parser.add_argument("--quick", action="store_true", help="3 rounds of 0.2 s (~3 s)")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    return parser.parse_args()


def main() -> None:
    """Time every contender and report."""
    args = parse_args()
    rounds = args.rounds or (3 if args.quick else 9)
    seconds = args.seconds or (0.2 if args.quick else 0.5)

    async def fetch() -> bytes:
        return await sample_page(args.seed)

    body = run_async(fetch)
    page = decode_sdk(body)
    if len(page.items) != PAGE_SIZE or page.items[0].lead is None:
        raise RuntimeError("the sample page did not decode into 100 leads")
    print(f"page: {len(body):,} bytes, {len(page.items)} leads; "
          f"{rounds} interleaved rounds of ~{seconds:g} s each")
    timings = measure(contenders(body), rounds, seconds)

    json_best = min(timings["json.loads"])
    json_median = statistics.median(timings["json.loads"])
    results = []
    rows = []
    for name, series in timings.items():
        best, median = min(series), statistics.median(series)
        results.append({
            "contender": name,
            "us_per_lead_best": round(best / PAGE_SIZE * 1e6, 3),
            "us_per_lead_median": round(median / PAGE_SIZE * 1e6, 3),
            "ratio_best": round(best / json_best, 3),
            "ratio_median": round(median / json_median, 3),
        })
        rows.append([
            name,
            fmt(best / PAGE_SIZE * 1e6, ".2f"),
            fmt(median / PAGE_SIZE * 1e6, ".2f"),
            fmt(best / json_best, ".2f", "x"),
            fmt(median / json_median, ".2f", "x"),
        ])
    print_table(
        "Decoding one 100-lead page (microseconds per lead)",
        ["contender", "best us/lead", "median us/lead", "vs json (best)", "vs json (median)"],
        rows,
    )
    ratio = min(timings["SDK (json.loads + PageOf.decode)"]) / json_best
    met = ratio <= TARGET_RATIO
    print(f"\nTarget: SDK at most {TARGET_RATIO:g}x json.loads per lead (best of {rounds}): "
          f"{ratio:.2f}x {verdict(met)}")
    if not args.no_write:
        write_results(NAME, {
            "params": {"rounds": rounds, "seconds_per_timing": seconds, "seed": args.seed,
                       "page_bytes": len(body), "leads_per_page": PAGE_SIZE, "gc": "enabled"},
            "target": f"SDK <= {TARGET_RATIO:g}x json.loads per lead",
            "target_met": met,
            "sdk_ratio_best": round(ratio, 3),
            "runs": results,
        })


if __name__ == "__main__":
    main()
