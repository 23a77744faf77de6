"""A hostile server: huge bodies, a trickled body, nonsense rate-limit headers.

Three kinds of process, so no figure pollutes another:

* one server process answers on a loopback socket, each way chosen by the first segment of
  the path: a 50 MB body with its Content-Length, the same chunked (no length announced), a
  50 MB 502 error page, a small JSON body trickled one byte every 0.1 s, and a small body
  whose ``x-ratelimit-remaining: 0`` comes with a chosen ``x-ratelimit-reset``;
* one fresh client process per (huge body, contender, way of measuring) fetches it once and
  reports its peak memory over what it held before: ``VmHWM - VmRSS`` from
  ``/proc/self/status``, or, in a separate process, the peak of ``tracemalloc``;
* this process starts the others, times the trickled body and the rate-limit pauses, and
  prints the tables.

Contenders: the SDK (``SmartleadClient``, default options unless the case says otherwise) and
a plain ``httpx.AsyncClient`` (``timeout=1.0`` where a timeout matters), side by side.

Targets (SDK):
- a 50 MB body is refused with peak memory under +10 MB;
- the trickled body raises ``APITimeoutError`` within timeout + 10 %;
- a nonsense ``x-ratelimit-reset`` costs at most ``max_rate_limit_pause``.

Run: ``.venv/bin/python benchmarks/hostile.py`` (about 1 minute; ``--quick``: fewer repeats).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import httpx
from _common import (
    fmt,
    print_table,
    proc_status_kb,
    read_json_line,
    run_async,
    verdict,
    write_results,
)

from smartlead_async import APIError, APITimeoutError, SmartleadClient
from smartlead_async.testing._server import serve_app

NAME = "hostile"
API_KEY = "bench-hostile"
SCRIPT = str(Path(__file__).resolve())
HUGE = 50_000_000
PART = b"x" * 65536
CAMPAIGN = b'{"id": 1, "name": "trickled"}'
TRICKLE_GAP = 0.1
TIMEOUT = 1.0
MEMORY_TARGET_MB = 10.0
DEADLINE_TARGET = 1.10
MAX_PAUSE = 1.0
#: (case, contender, SmartleadClient options, what it shows, held to the memory target).
#: The chunked bodies are not: with no length announced, the SDK holds the body up to the
#: limit (to decode it if it ends there), so refusing one costs about 1.1x
#: ``max_response_bytes`` (the buffer's growth slack), shown at two limits.
MEMORY_CASES: list[tuple[str, str, dict[str, Any], str, bool]] = [
    ("length", "sdk", {}, "50 MB, Content-Length, default limit (32 MiB)", True),
    ("length", "httpx", {}, "50 MB, Content-Length", False),
    ("chunked", "sdk", {"max_response_bytes": 8 * 1024 * 1024}, "50 MB chunked, limit 8 MiB",
     False),
    ("chunked", "sdk", {}, "50 MB chunked, default limit (32 MiB)", False),
    ("chunked", "httpx", {}, "50 MB chunked", False),
    ("error", "sdk", {}, "50 MB error page (502)", True),
    ("error", "httpx", {}, "50 MB error page (502)", False),
]
RESETS = ["inf", "nan", "-5", "garbage", "epoch-seconds", "epoch-milliseconds", "1000000000000"]

Message = MutableMapping[str, Any]


# -- the server process ---------------------------------------------------------------------------


async def hostile_app(
    scope: MutableMapping[str, Any],
    receive: Callable[[], Awaitable[Message]],
    send: Callable[[Message], Awaitable[None]],
) -> None:
    """Answer as the first path segment says (``/<case>[=<arg>]/api/v1/...``)."""
    if scope["type"] != "http":
        return
    case, _, arg = scope["path"].split("/")[1].partition("=")
    status, headers = 200, [(b"content-type", b"application/json")]
    if case == "length":
        headers.append((b"content-length", str(HUGE).encode()))
    if case == "error":
        status, headers = 502, [(b"content-type", b"text/html")]
    if case == "reset":
        headers += [(b"x-ratelimit-remaining", b"0"), (b"x-ratelimit-reset", arg.encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    if case in ("length", "chunked", "error"):
        for start in range(0, HUGE, len(PART)):
            part = PART[: HUGE - start]
            await send({"type": "http.response.body", "body": part, "more_body": True})
    elif case == "trickle":
        for byte in CAMPAIGN:
            await asyncio.sleep(TRICKLE_GAP)
            await send({"type": "http.response.body", "body": bytes([byte]), "more_body": True})
    else:
        await send({"type": "http.response.body", "body": CAMPAIGN, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def serve() -> None:
    """Serve :func:`hostile_app`; print where; stop when stdin closes."""
    async with serve_app(hostile_app, host="127.0.0.1", port=0) as base_url:
        print(json.dumps({"base_url": base_url}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


# -- a client process: one huge body ----------------------------------------------------------


async def fetch_once(contender: str, root: str, options: dict[str, Any]) -> str:
    """Fetch ``root/api/v1/campaigns/1`` once; return what happened (an error class or OK)."""
    if contender == "sdk":
        async with SmartleadClient(
            api_key=API_KEY, base_url=root + "/api/v1", rate_limit=None, max_retries=0,
            **options,
        ) as client:
            try:
                await client.campaigns.get(1)
            except APIError as error:
                return f"{type(error).__name__}: {error.message[:70]}"
            return "OK"
    async with httpx.AsyncClient(timeout=30.0) as http:
        response = await http.get(root + "/api/v1/campaigns/1", params={"api_key": API_KEY})
        return f"HTTP {response.status_code}, {len(response.content):,} bytes held"


def child(
    case: str, contender: str, options: dict[str, Any], base_url: str, traced: bool
) -> dict[str, Any]:
    """Measure one fetch in this (fresh) process, after a small warm-up fetch."""
    run_async(lambda: fetch_once(contender, f"{base_url}/small", {}))
    if traced:
        tracemalloc.start()
    start_kb = proc_status_kb("VmRSS")
    outcome = run_async(lambda: fetch_once(contender, f"{base_url}/{case}", options))
    result: dict[str, Any] = {"outcome": outcome}
    if traced:
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 2)
    else:
        result["rss_peak_mb"] = round((proc_status_kb("VmHWM") - start_kb) * 1024 / 1e6, 2)
    return result


# -- this process ---------------------------------------------------------------------------------


def measure_memory(base_url: str) -> list[dict[str, Any]]:
    """One fresh process per (case, contender, RSS or tracemalloc)."""
    rows = []
    for case, contender, options, label, judged in MEMORY_CASES:
        print(f"{contender}: {label} in fresh processes...", flush=True)
        row: dict[str, Any] = {"case": case, "contender": contender, "label": label,
                               "options": options, "judged": judged}
        for traced in (False, True):
            command = [sys.executable, SCRIPT, "--child", case, "--contender", contender,
                       "--options", json.dumps(options), "--base-url", base_url]
            out = subprocess.run(
                command + (["--traced"] if traced else []),
                check=True, capture_output=True, text=True,
            )
            row.update(json.loads(out.stdout.strip().splitlines()[-1]))
        rows.append(row)
    return rows


async def time_trickle(base_url: str, repeats: int) -> dict[str, list[float]]:
    """Seconds until the trickled body ends (httpx) or the SDK gives up, ``repeats`` times."""
    sdk: list[float] = []
    plain: list[float] = []
    for _ in range(repeats):
        async with SmartleadClient(
            api_key=API_KEY, base_url=f"{base_url}/trickle/api/v1", rate_limit=None,
            timeout=TIMEOUT, max_retries=0,
        ) as client:
            started = time.perf_counter()
            try:
                await client.campaigns.get(1)
                raise RuntimeError("the SDK read the whole trickled body")
            except APITimeoutError:
                sdk.append(time.perf_counter() - started)
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        started = time.perf_counter()
        response = await http.get(f"{base_url}/trickle/api/v1/campaigns/1")
        assert response.content == CAMPAIGN
        plain.append(time.perf_counter() - started)
    return {"sdk": sdk, "httpx": plain}


def reset_header(kind: str) -> str:
    in_an_hour = time.time() + 3600
    if kind == "epoch-seconds":
        return str(int(in_an_hour))
    if kind == "epoch-milliseconds":
        return str(int(in_an_hour * 1000))
    return kind


async def time_resets(base_url: str) -> list[dict[str, Any]]:
    """Three requests in a row, every answer used up with the reset: the longest request.

    A request's time includes its wait for the limiter, i.e. the pause the previous answer's
    header caused.
    """
    rows = []
    for index, kind in enumerate(RESETS):
        async with SmartleadClient(
            api_key=f"{API_KEY}-{index}", base_url=f"{base_url}/reset={reset_header(kind)}/api/v1",
            max_rate_limit_pause=MAX_PAUSE,
        ) as client:
            durations = []
            for _ in range(3):
                started = time.perf_counter()
                await client.campaigns.get(1)
                durations.append(time.perf_counter() - started)
        rows.append({"reset": kind, "longest_request_s": round(max(durations), 3),
                     "three_requests_s": round(sum(durations), 3)})
    return rows


def report(
    memory: list[dict[str, Any]], trickle: dict[str, list[float]], resets: list[dict[str, Any]]
) -> dict[str, bool]:
    """Print the tables and verdicts; return the verdicts."""
    print_table(
        "Peak memory over the process's own, fetching one hostile body once",
        ["contender", "body", "outcome", "peak RSS", "tracemalloc peak"],
        [[r["contender"], r["label"], r["outcome"], fmt(r["rss_peak_mb"], "+.1f", " MB"),
          fmt(r["tracemalloc_peak_mb"], "+.1f", " MB")] for r in memory],
    )
    memory_met = all(
        r["rss_peak_mb"] < MEMORY_TARGET_MB and r["tracemalloc_peak_mb"] < MEMORY_TARGET_MB
        for r in memory if r["judged"]
    )
    print(f"\nTarget: a 50 MB body refused under +{MEMORY_TARGET_MB:g} MB (with its "
          f"Content-Length; an error page): {verdict(memory_met)}")

    worst = max(trickle["sdk"])
    print_table(
        f"A body trickled one byte every {TRICKLE_GAP:g} s, timeout={TIMEOUT:g}",
        ["contender", "runs", "seconds (each)", "worst / timeout"],
        [["sdk (APITimeoutError)", len(trickle["sdk"]),
          ", ".join(f"{s:.3f}" for s in trickle["sdk"]), fmt(worst / TIMEOUT, ".3f", "x")],
         ["httpx (read it all)", len(trickle["httpx"]),
          ", ".join(f"{s:.3f}" for s in trickle["httpx"]),
          fmt(max(trickle["httpx"]) / TIMEOUT, ".3f", "x")]],
    )
    deadline_met = worst <= TIMEOUT * DEADLINE_TARGET
    print(f"\nTarget: APITimeoutError within timeout + {DEADLINE_TARGET - 1:.0%}: "
          f"{fmt(worst, '.3f', ' s')} {verdict(deadline_met)}")

    print_table(
        f"x-ratelimit-remaining: 0 on every answer, max_rate_limit_pause={MAX_PAUSE:g}",
        ["x-ratelimit-reset", "longest request (its wait included)", "3 requests"],
        [[r["reset"], fmt(r["longest_request_s"], ".3f", " s"),
          fmt(r["three_requests_s"], ".3f", " s")] for r in resets],
    )
    longest = max(r["longest_request_s"] for r in resets)
    pause_met = longest <= MAX_PAUSE * DEADLINE_TARGET
    print(f"\nTarget: no wait longer than max_rate_limit_pause ({MAX_PAUSE:g} s, + 10 %): "
          f"{fmt(longest, '.3f', ' s')} {verdict(pause_met)}")
    return {"memory": memory_met, "deadline": deadline_met, "rate_limit_pause": pause_met}


def measure_all(repeats: int) -> tuple[Any, ...]:
    """Start the server process, measure everything, stop it."""
    server = subprocess.Popen(
        [sys.executable, SCRIPT, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        base_url = read_json_line(server.stdout, "the server process")["base_url"]
        memory = measure_memory(base_url)
        print("timing the trickled body and the rate-limit pauses...", flush=True)
        trickle = run_async(lambda: time_trickle(base_url, repeats))
        resets = run_async(lambda: time_resets(base_url))
        return memory, trickle, resets
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def parse_args() -> argparse.Namespace:
    """Command-line options (``--serve`` and ``--child`` are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="time the trickle twice, not 5x")
    parser.add_argument("--no-write", action="store_true", help="leave results/ alone")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--contender", help=argparse.SUPPRESS)
    parser.add_argument("--options", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.serve:
        run_async(serve)
        return
    if args.child:
        result = child(args.child, args.contender, json.loads(args.options), args.base_url,
                       args.traced)
        print(json.dumps(result))
        return
    repeats = 2 if args.quick else 5
    memory, trickle, resets = measure_all(repeats)
    verdicts = report(memory, trickle, resets)
    if not args.no_write:
        write_results(NAME, {
            "params": {"body_bytes": HUGE, "trickle_gap_s": TRICKLE_GAP, "timeout_s": TIMEOUT,
                       "max_rate_limit_pause_s": MAX_PAUSE, "trickle_repeats": repeats},
            "targets": {
                "memory": f"a 50 MB body refused under +{MEMORY_TARGET_MB:g} MB",
                "deadline": "trickled body: APITimeoutError within timeout + 10 %",
                "rate_limit_pause": "no wait longer than max_rate_limit_pause + 10 %",
            },
            "target_met": verdicts,
            "memory": memory,
            "trickle_s": trickle,
            "resets": resets,
        })


if __name__ == "__main__":
    main()
