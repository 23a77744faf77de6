"""Helpers shared by the benchmark scripts: the hand-written httpx baseline, the burst-aware
optimum, server-side rate figures, table printing and the JSON results files.

The scripts import this module as ``_common`` (they are run as ``python benchmarks/<name>.py``,
which puts ``benchmarks/`` first on ``sys.path``).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import datetime as dt
import json
import math
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

import httpx

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.testing import FakeSmartlead

__all__ = [
    "ALLOWED_RATE",
    "BASELINE_PAUSE",
    "LIMIT_REQUESTS",
    "LIMIT_SECONDS",
    "PAGE_SIZE",
    "REAL_LIMIT",
    "RESULTS_DIR",
    "BaselineResult",
    "ServerFigures",
    "baseline_client",
    "baseline_export",
    "csv_floats",
    "fmt",
    "machine_info",
    "optimum_elapsed",
    "print_table",
    "proc_status_kb",
    "read_json_line",
    "run_async",
    "sdk_client",
    "server_figures",
    "timed_on_loopback",
    "verdict",
    "warm_up",
    "write_results",
]

T = TypeVar("T")

#: SmartLead's documented limit: 10 requests per 2 seconds per API key.
LIMIT_REQUESTS = 10
LIMIT_SECONDS = 2.0
ALLOWED_RATE = LIMIT_REQUESTS / LIMIT_SECONDS
#: The SDK's default limit, spelled out.
REAL_LIMIT = RateLimit(LIMIT_REQUESTS, LIMIT_SECONDS)
#: The pause the SmartLead docs suggest between requests (what a hand-written loop does).
BASELINE_PAUSE = 0.2
#: The largest page ``GET /campaigns/{id}/leads`` serves.
PAGE_SIZE = 100
#: Where each script writes ``<name>.json``.
RESULTS_DIR = Path(__file__).resolve().parent / "results"


# -- the burst-aware optimum and what the server saw -------------------------------------------


def optimum_elapsed(
    requests: int,
    latency: float,
    *,
    limit: int = LIMIT_REQUESTS,
    per_seconds: float = LIMIT_SECONDS,
) -> float:
    """The fastest a strict sliding-window server allows ``requests`` requests to complete.

    The first ``limit`` requests start at t=0, then ``limit`` more every ``per_seconds``; the
    export ends one ``latency`` after the last start.
    """
    if requests <= 0:
        return 0.0
    return (requests - 1) // limit * per_seconds + latency


@dataclass(frozen=True, slots=True)
class ServerFigures:
    """What the fake server counted during one run.

    Attributes:
        requests: every arrival (429s included).
        rate_limited: 429s sent.
        max_in_window: most admitted requests in any window (the server's own count).
        span: seconds from the first arrival to the last.
        first_gap: seconds from the first arrival to the second (how long a client sat
            idle waiting for the first page before asking for more).
        steady_rate: requests per second after the initial burst (see :func:`server_figures`);
            None when there were no more requests than one burst.
        occupancy: how full the server's rate window was kept, on average, from the end of
            the first window to the last arrival (see :func:`window_occupancy`); None when
            the run was shorter than one window.
    """

    requests: int
    rate_limited: int
    max_in_window: int
    span: float
    first_gap: float
    steady_rate: float | None
    occupancy: float | None

    @property
    def steady_fraction(self) -> float | None:
        """``steady_rate`` as a fraction of the allowed rate (``LIMIT_REQUESTS/LIMIT_SECONDS``)."""
        return None if self.steady_rate is None else self.steady_rate / ALLOWED_RATE


def server_figures(fake: FakeSmartlead, *, burst: int = LIMIT_REQUESTS) -> ServerFigures:
    """Summarise ``fake.stats``; the steady rate leaves the initial burst out.

    A sliding window lets ``burst`` requests start at t=0 for free, so ``requests / span``
    overstates the sustained rate of a short export. The steady rate counts only the requests
    beyond the first burst: ``(requests - burst) / (last arrival - first arrival)``. At the
    burst-aware optimum it is exactly the allowed rate, whatever the export's length.

    A paginated export cannot know how many pages to ask for before the first page (with its
    total) is back, so its first request is alone and everything after it starts one latency
    late: a fixed cost per listing, which ``first_gap`` and the optimum/elapsed ratio show.
    The window occupancy measures the rate held from then on.
    """
    log = fake.stats.log
    times = [entry.time for entry in log]
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    steady = (len(times) - burst) / span if len(times) > burst and span > 0 else None
    occupancy = window_occupancy(times, LIMIT_SECONDS, burst)
    return ServerFigures(
        requests=fake.stats.requests,
        rate_limited=fake.stats.rate_limited,
        max_in_window=fake.stats.max_in_window,
        span=span,
        first_gap=times[1] - times[0] if len(times) > 1 else 0.0,
        steady_rate=steady,
        occupancy=occupancy,
    )


def window_occupancy(
    times: list[float], window: float, limit: int, step: float = 0.002
) -> float | None:
    """The mean of (arrivals in the trailing ``window``) / ``limit``, sampled every ``step``.

    Sampled from ``first arrival + window`` (the first full window) to the last arrival. A
    sliding-window server allows ``limit`` arrivals in any window, so this is the fraction of
    the allowed rate used: exactly 1.0 for the ideal schedule (bursts of ``limit`` every
    ``window``), whatever the export's length or the latency.
    """
    ordered = sorted(times)
    start, end = ordered[0] + window, ordered[-1] if ordered else 0.0
    samples = int((end - start) / step) if ordered else 0
    if samples < 1:
        return None
    total = 0
    for index in range(samples):
        t = start + index * step
        total += bisect.bisect_right(ordered, t) - bisect.bisect_right(ordered, t - window)
    return total / samples / limit


# -- running one measurement ---------------------------------------------------------------------


async def timed_on_loopback(
    fake: FakeSmartlead, job: Callable[[str], Awaitable[T]]
) -> tuple[T, float]:
    """Serve ``fake`` on a real loopback socket and time ``job(base_url)`` (seconds)."""
    async with fake.serve() as base_url:
        started = time.perf_counter()
        result = await job(base_url)
        return result, time.perf_counter() - started


async def warm_up() -> None:
    """Export a few pages in-process with both contenders, unlimited, before timing anything.

    The first decode of a model class compiles its structuring hook and the first request
    imports and sets up httpx's machinery: costs a process pays once, not per export.
    """
    fake = FakeSmartlead(api_key="bench-warm-up", rate_limit=None)
    campaign_id = fake.add_campaign(lead_count=3 * PAGE_SIZE)
    async with fake.client(rate_limit=None) as client:
        async for _ in client.campaigns.leads.list(campaign_id):
            pass
    async with fake.http_client() as http:
        await baseline_export(http, fake.api_key, campaign_id, pause=0.0)


def sdk_client(
    api_key: str, base_url: str, rate_limit: RateLimit | None = REAL_LIMIT
) -> SmartleadClient:
    """A ``SmartleadClient`` for the fake served at ``base_url`` (SmartLead's real limit).

    Give each run its own fake ``api_key``: limiters are shared per (key, base_url, limit) in
    the process, and a loopback port can be reused by a later run.
    """
    return SmartleadClient(api_key=api_key, base_url=base_url, rate_limit=rate_limit)


def baseline_client(base_url: str) -> httpx.AsyncClient:
    """The plain ``httpx.AsyncClient`` the hand-written baseline uses."""
    return httpx.AsyncClient(base_url=base_url, timeout=30.0)


# -- the hand-written baseline -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BaselineResult:
    """What one hand-written export did: leads read, requests sent, 429s it received."""

    leads: int
    requests: int
    rate_limited: int


async def baseline_export(
    http: httpx.AsyncClient,
    api_key: str,
    campaign_id: int,
    *,
    pause: float = BASELINE_PAUSE,
) -> BaselineResult:
    """Page one campaign's leads the way the SmartLead docs suggest, with plain httpx.

    One page at a time (``limit=100``), ``pause`` seconds of sleep between requests. On a 429
    it sleeps for the ``Retry-After`` header (2 s without one) and asks again, as a careful
    hand-written loop would. Leads are counted, not kept.

    Args:
        http: a plain ``httpx.AsyncClient`` whose ``base_url`` is the API root.
        api_key: sent as the ``api_key`` query parameter.
        campaign_id: the campaign to page.
        pause: seconds to sleep between two requests.
    """
    offset = leads = requests = rate_limited = 0
    path = f"/campaigns/{campaign_id}/leads"
    while True:
        response = await http.get(
            path, params={"api_key": api_key, "offset": offset, "limit": PAGE_SIZE}
        )
        requests += 1
        if response.status_code == 429:
            rate_limited += 1
            await asyncio.sleep(float(response.headers.get("retry-after", LIMIT_SECONDS)))
            continue
        if response.status_code != 200:  # never raise_for_status: the URL holds the key
            raise RuntimeError(f"baseline: GET {path} answered {response.status_code}")
        body = response.json()
        data = body["data"]
        leads += len(data)
        offset += len(data)
        if not data or offset >= int(body["total_leads"]):
            return BaselineResult(leads, requests, rate_limited)
        await asyncio.sleep(pause)


# -- output --------------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    """``MET`` or ``MISSED``."""
    return "MET" if met else "MISSED"


def fmt(value: float | None, spec: str = ".2f", suffix: str = "") -> str:
    """Format a number for a table cell; ``-`` for None or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:{spec}}{suffix}"


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print a plain-text table with right-aligned columns (the first left-aligned)."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )

    print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))
    sys.stdout.flush()


def proc_status_kb(field: str) -> int:
    """A ``kB`` field of ``/proc/self/status`` (e.g. ``VmRSS``, ``VmHWM``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def read_json_line(stream: IO[str], who: str) -> dict[str, Any]:
    """The one JSON line a subprocess prints."""
    line = stream.readline()
    if not line:
        raise RuntimeError(f"{who} exited without reporting")
    result: dict[str, Any] = json.loads(line)
    return result


def machine_info() -> dict[str, Any]:
    """Where and when the figures were measured."""
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "argv": sys.argv[1:],
    }


def write_results(name: str, payload: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` (with :func:`machine_info`) and return its path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {"benchmark": name, "machine": machine_info(), **payload}
    path.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nresults written to {path}")
    return path


# -- command line ----------------------------------------------------------------------------------


def csv_floats(text: str) -> list[float]:
    """argparse type: ``"0,0.1,0.3"`` -> ``[0.0, 0.1, 0.3]``."""
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated numbers, got {text!r}"
        ) from None


def run_async(main: Callable[[], Awaitable[T]]) -> T:
    """Run ``main()`` on a fresh asyncio event loop and return its result."""

    async def wrapper() -> T:
        return await main()

    return asyncio.run(wrapper())
