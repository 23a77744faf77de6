"""Peak memory of ``export leads --format parquet`` for 20,000 vs 200,000 leads, JSONL beside.

The Parquet writer buffers rows up to a row group (10,000 by default) and then writes them, so
its peak must not grow with the export. Three kinds of process, as in ``memory.py`` (whose
server mode serves the fake here, rate limit off): one fresh process per (size, format) runs
the real command (``smartlead_async._cli``) and reports its peak resident set (``VmHWM``), the
RSS it started from (after imports, pyarrow included), the time, the output's size and, for
Parquet, its row groups.

Target: the Parquet peak for 200,000 leads within 1.2x of the peak for 20,000.

Run: ``.venv/bin/python benchmarks/parquet_export.py`` (about 1 minute; ``--quick``: 5k vs 50k).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import fmt, print_table, proc_status_kb, read_json_line, verdict, write_results

NAME = "parquet_export"
TARGET_RATIO = 1.2
DEFAULT_SIZES = (20_000, 200_000)
QUICK_SIZES = (5_000, 50_000)
FORMATS = ("parquet", "jsonl")
API_KEY = "bench-memory"  # the key memory.py's server accepts
HERE = Path(__file__).resolve().parent


def child(fmt_name: str, base_url: str, campaign_id: int, out: Path) -> dict[str, Any]:
    """Run one export in this (fresh) process; its figures."""
    import pyarrow.parquet as pq

    from smartlead_async._cli import _app

    start_kb = proc_status_kb("VmRSS")
    started = time.perf_counter()
    os.environ["SMARTLEAD_API_KEY"] = API_KEY
    _app.cli.main(
        ["export", "leads", "--campaign", str(campaign_id), "--format", fmt_name, "--out",
         str(out), "--base-url", base_url, "--rate-limit", "100000/1",
         "--rate-limit-store", "memory://", "--no-progress"],
        standalone_mode=False,
    )
    elapsed = time.perf_counter() - started
    peak_kb = proc_status_kb("VmHWM")
    if fmt_name == "parquet":
        parts = sorted(out.iterdir())
        size = sum(part.stat().st_size for part in parts)
        groups = [pq.ParquetFile(part).metadata.num_row_groups for part in parts]
        rows = sum(pq.ParquetFile(part).metadata.num_rows for part in parts)
    else:
        size, groups = out.stat().st_size, []
        rows = out.read_bytes().count(b"\n")
    return {
        "format": fmt_name, "leads": rows, "elapsed_s": round(elapsed, 3),
        "start_rss_kb": start_kb, "vmhwm_kb": peak_kb, "bytes": size,
        "parts": len(groups), "row_groups": sum(groups),
    }


def measure_all(sizes: list[int], seed: int) -> list[dict[str, Any]]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "memory.py"), "--serve", "--sizes",
         ",".join(map(str, sizes)), "--seed", str(seed)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        where = read_json_line(server.stdout, "the server process")
        results = []
        with tempfile.TemporaryDirectory() as scratch:
            for size in sizes:
                for fmt_name in FORMATS:
                    print(f"exporting {size:,} leads as {fmt_name} in a fresh process...",
                          flush=True)
                    out = Path(scratch) / f"{size}.{fmt_name}"
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", fmt_name, "--base-url",
                         where["base_url"], "--campaign", str(where["campaigns"][str(size)]),
                         "--out", str(out)],
                        check=True, capture_output=True, text=True,
                    )
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                    if result["leads"] != size:
                        raise RuntimeError(f"{fmt_name} wrote {result['leads']} of {size}")
                    results.append({"size": size, **result})
        return results
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def report(results: list[dict[str, Any]], sizes: list[int]) -> tuple[bool, float]:
    small, large = min(sizes), max(sizes)
    peak = {(r["format"], r["size"]): r["vmhwm_kb"] for r in results}
    rows = [
        [
            r["format"], f"{r['size']:,}", fmt(r["elapsed_s"], ".1f", " s"),
            fmt(r["leads"] / r["elapsed_s"], ",.0f"),
            fmt(r["start_rss_kb"] / 1024, ".1f", " MiB"),
            fmt(r["vmhwm_kb"] / 1024, ".1f", " MiB"),
            fmt(r["vmhwm_kb"] / peak[r["format"], small], ".3f", "x"),
            fmt(r["bytes"] / 1e6, ".1f", " MB"),
            f"{r['parts']} / {r['row_groups']}" if r["format"] == "parquet" else "-",
        ]
        for r in results
    ]
    print_table(
        "Peak memory of a fresh process running `export leads` (real CLI, loopback fake)",
        ["format", "leads", "time", "leads/s", "start RSS", "peak (VmHWM)",
         f"vs {small:,}", "output", "parts / row groups"],
        rows,
    )
    ratio = peak["parquet", large] / peak["parquet", small]
    met = ratio <= TARGET_RATIO
    print(f"\nTarget: Parquet peak for {large:,} within {TARGET_RATIO:g}x of {small:,}: "
          f"{ratio:.3f}x {verdict(met)}")
    return met, ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 vs 50,000 leads")
    parser.add_argument("--seed", type=int, default=0, help="fake data seed")
    parser.add_argument("--no-write", action="store_true", help="do not write results JSON")
    parser.add_argument("--child", choices=FORMATS, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--campaign", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.base_url, args.campaign, args.out)), flush=True)
        return
    sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    results = measure_all(sizes, args.seed)
    met, ratio = report(results, sizes)
    if not args.no_write:
        write_results(NAME, {
            "params": {"sizes": sizes, "seed": args.seed, "rate_limit": None,
                       "layout": "default: row groups of 10,000, parts of 100,000"},
            "target": f"Parquet peak RSS for {max(sizes):,} within {TARGET_RATIO:g}x of "
                      f"{min(sizes):,}",
            "target_met": met,
            "ratio": round(ratio, 4),
            "results": results,
        })


if __name__ == "__main__":
    main()
