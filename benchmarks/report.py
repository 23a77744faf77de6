"""Print the Markdown figures table of ``benchmarks/README.md`` from ``benchmarks/results/*.json``.

Run: ``.venv/bin/python benchmarks/report.py`` after the benchmark scripts, and paste the
output over the "Latest figures" section of the README.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import RESULTS_DIR, fmt

Document = dict[str, Any]


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub Markdown table (first column left-aligned, the others right-aligned)."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join([":--"] + ["--:"] * (len(headers) - 1)) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(value: float | None, spec: str = ".1f") -> str:
    """A fraction as a percentage cell."""
    return fmt(None if value is None else value * 100, spec, "%")


def target_line(doc: Document) -> str:
    """The benchmark's target and whether it was met."""
    return f"Target: {doc['target']}: **{'MET' if doc['target_met'] else 'MISSED'}**."


def measured_on(doc: Document) -> str:
    """When and where a results file was measured."""
    m = doc["machine"]
    args = " ".join(m["argv"])
    return f"Measured {m['date']} on {m['cpus']} cores, Python {m['python']}" + (
        f" (options: `{args}`)." if args else "."
    )


def throughput(doc: Document) -> str:
    """The throughput section."""
    runs = {(r["latency_s"], r["contender"]): r for r in doc["runs"]}
    def cells(run: Document | None) -> list[object]:
        if run is None:
            return ["-"] * 6
        return [run["server"]["requests"], fmt(run["leads_per_s"], ".0f"),
                pct(run.get("occupancy")), pct(run["steady_rate_fraction"]),
                pct(run["vs_optimum"]), run["server"]["rate_limited"]]

    rows = []
    for latency in doc["params"]["latencies_s"]:
        sdk = runs.get((latency, "sdk"))
        rows.append([
            f"{latency * 1000:.0f} ms",
            *cells(sdk),
            *cells(runs.get((latency, "baseline"))),
            "-" if sdk is None else ("MET" if sdk["target_met"] else "**MISSED**"),
        ])
    leads = doc["params"]["leads"]
    return "\n\n".join([
        f"### Throughput ({leads:,} leads, {leads // 100} pages, real limit 10 req / 2 s)",
        markdown_table(
            ["latency", "SDK requests", "SDK leads/s", "SDK occupancy", "SDK steady rate",
             "SDK optimum/elapsed", "SDK 429s", "baseline requests", "baseline leads/s",
             "baseline occupancy", "baseline steady rate", "baseline optimum/elapsed",
             "baseline 429s", "target"],
            rows,
        ),
        target_line(doc) + " " + measured_on(doc),
    ])


def concurrency(doc: Document) -> str:
    """The fan-in section."""
    rows = [
        [
            f"{r['latency_s'] * 1000:.0f} ms", r["contender"], r["server"]["requests"],
            fmt(r["elapsed_s"], ".2f", " s"), fmt(r["ideal_s"], ".2f", " s"),
            fmt(r["over_ideal"] * 100, "+.1f", "%"), r["server"]["rate_limited"],
            fmt(r["finish_ratio"], ".2f"),
            "-" if r["target_met"] is None else ("MET" if r["target_met"] else "**MISSED**"),
        ]
        for r in doc["runs"]
    ]
    p = doc["params"]
    return "\n\n".join([
        f"### Fan-in ({p['campaigns']} campaigns x {p['leads_per_campaign']} leads, one client)",
        markdown_table(
            ["latency", "contender", "requests", "total", "ideal", "vs ideal", "429s",
             "slowest/fastest", "target"],
            rows,
        ),
        target_line(doc) + " " + measured_on(doc),
    ])


def decoding(doc: Document) -> str:
    """The decoding section."""
    rows = [
        [r["contender"], fmt(r["us_per_lead_best"], ".2f"), fmt(r["ratio_best"], ".2f", "x"),
         fmt(r["us_per_lead_median"], ".2f"), fmt(r["ratio_median"], ".2f", "x")]
        for r in doc["runs"]
    ]
    return "\n\n".join([
        "### Decoding (one 100-lead page)",
        markdown_table(
            ["contender", "best µs/lead", "vs json.loads", "median µs/lead", "vs json.loads"],
            rows,
        ),
        target_line(doc) + " " + measured_on(doc),
    ])


def memory(doc: Document) -> str:
    """The memory section."""
    sizes = doc["params"]["sizes"]
    peak = {(r["contender"], r["size"]): r["vmhwm_kb"] for r in doc["runs"]}
    rows = [
        [r["contender"], f"{r['size']:,}", fmt(r["start_rss_kb"] / 1024, ".1f", " MiB"),
         fmt(r["vmhwm_kb"] / 1024, ".1f", " MiB"),
         fmt(r["vmhwm_kb"] / peak[r["contender"], min(sizes)], ".3f", "x")]
        for r in doc["runs"]
    ]
    return "\n\n".join([
        "### Peak memory (fresh process per run, leads not kept)",
        markdown_table(
            ["contender", "leads", "start RSS", "peak RSS (VmHWM)", f"vs {min(sizes):,}"], rows
        ),
        target_line(doc) + " " + measured_on(doc),
    ])


def drift(doc: Document) -> str:
    """The section on campaigns that change while they are exported."""
    growing = doc["growing"]
    still = growing[0]
    grow_rows = [
        [e["scenario"], f"{e['leads']:,}", e["duplicates"], e["missing"], e["requests"],
         fmt((e["requests"] / still["requests"] - 1) * 100, "+.0f", "%"),
         fmt(e["elapsed"], ".2f", " s"),
         fmt((e["elapsed"] / still["elapsed"] - 1) * 100, "+.0f", "%"), e["rate_limited"],
         "MET" if e["exactly_once"] else "MISSED"]
        for e in growing
    ]
    shrink_rows = [
        [e["scenario"], f"{e['lasting']:,}", e["duplicates"], e["missing"], e["requests"],
         e["resumes"], fmt(e["elapsed"], ".2f", " s"), e["rate_limited"],
         "MET" if e["exactly_once"] else "MISSED"]
        for e in doc["shrinking"]
    ]
    activity_rows = [
        [f"{r['latency_s'] * 1000:.0f} ms", r["requests"], r["requests"] - 10,
         fmt(r["elapsed_s"], ".2f", " s"), fmt(r["all_at_once_s"], ".2f", " s"),
         fmt(r["optimum_s"], ".2f", " s")]
        for r in doc["activities"]
    ]
    leads = doc["params"]["leads"]
    return "\n\n".join([
        f"### Campaigns changing while exported ({leads:,} leads, real limit, default settings)",
        markdown_table(["list", "leads", "dupes", "missing", "requests", "vs still", "elapsed",
                        "vs still", "429s", "exactly once"], grow_rows),
        markdown_table(["list (one pass / resumed after 5xx in new clients)", "lasting leads",
                        "dupes", "missing", "requests", "resumes", "elapsed", "429s",
                        "exactly once"], shrink_rows),
        markdown_table(["activities, 10 pages of 1000", "requests", "past the end", "elapsed",
                        "all 10 at once", "formula optimum"], activity_rows),
        target_line(doc) + " " + measured_on(doc),
    ])


SECTIONS: dict[str, Callable[[Document], str]] = {
    "throughput": throughput,
    "concurrency": concurrency,
    "decoding": decoding,
    "memory": memory,
    "drift": drift,
}


def main() -> None:
    """Print every section whose results file exists."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=RESULTS_DIR,
                        help="directory of <name>.json files")
    args = parser.parse_args()
    parts = []
    for name, section in SECTIONS.items():
        path = args.results / f"{name}.json"
        if path.exists():
            parts.append(section(json.loads(path.read_text())))
        else:
            parts.append(f"### {name}\n\n(no results: run `benchmarks/{name}.py`)")
    print("\n\n".join(parts))


if __name__ == "__main__":
    main()
