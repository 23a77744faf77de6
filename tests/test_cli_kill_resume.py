"""``kill -9`` at random moments of a real export of a growing campaign, then ``--resume``.

The fake is served over a loopback socket from a thread of this process; every export is a
real ``python -m smartlead_async`` subprocess, killed with SIGKILL (no handler runs, no
buffer is flushed) once its output has grown by a random amount, ten times, then resumed to
the end. The campaign gains 3 leads at its head before every leads request. Every lead the
campaign had when the export started must be in the file exactly once, and none twice.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from smartlead_async._cli._checkpoint import checkpoint_path
from smartlead_async.testing import FakeSmartlead, LeadChurn

from .conftest import SECRET_KEY

KILLS = 10
LEADS = 3000
#: SmartLead's limit scaled 20x, on both sides.
FAST = "10/0.1"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@contextmanager
def served(fake: FakeSmartlead) -> Iterator[str]:
    """Serve ``fake`` on a loopback socket from a thread; yields its base URL."""
    started = threading.Event()
    url: list[str] = []
    stop: list[asyncio.Event] = []
    loop: list[asyncio.AbstractEventLoop] = []

    async def serve() -> None:
        stop.append(asyncio.Event())
        loop.append(asyncio.get_running_loop())
        async with fake.serve() as base_url:
            url.append(base_url)
            started.set()
            await stop[0].wait()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    assert started.wait(30), "the fake server did not start"
    try:
        yield url[0]
    finally:
        loop[0].call_soon_threadsafe(stop[0].set)
        thread.join(30)


def export_command(url: str, out: Path, fmt: str, campaign: int) -> list[str]:
    return [
        sys.executable, "-m", "smartlead_async", "export", "leads", "--campaign", str(campaign),
        "--format", fmt, "--out", str(out), "--base-url", url, "--rate-limit", FAST,
        "--no-progress",
    ]


def exported_ids(out: Path, fmt: str) -> list[int]:
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [int(json.loads(line)["campaign_lead_map_id"]) for line in text.splitlines()]
    return [int(row["campaign_lead_map_id"]) for row in csv.DictReader(text.splitlines())]


def file_size(out: Path) -> int:
    """The size of ``out`` (0 while it does not exist)."""
    return out.stat().st_size if out.exists() else 0


def kill_once_grown(
    process: subprocess.Popen[bytes], size: Callable[[], int], rng: random.Random, *,
    most: int = 120_000,
) -> bool:
    """SIGKILL ``process`` once ``size()`` (of its output) grew by a random amount up to
    ``most`` bytes (a random moment of a write or between writes); False if it finished first."""
    target = size() + rng.randint(1, most)
    deadline = time.monotonic() + 60
    while process.poll() is None:
        if size() >= target:
            time.sleep(rng.uniform(0, 0.02))
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            return process.returncode == -signal.SIGKILL
        assert time.monotonic() < deadline, "the export made no progress"
        time.sleep(0.001)
    return False


def kill_and_resume(
    command: list[str], out: Path, size: Callable[[], int], rng: random.Random, *,
    kills: int, most: int = 120_000,
) -> int:
    """Run ``command``, SIGKILL it at a random moment and rerun it with ``--resume``, up to
    ``kills`` times, then resume it to the end; the number of kills that interrupted it.

    Fewer when the export completes first: it finished before a kill, or the kill landed after
    its last step (its checkpoint removed, the output complete), as a busy machine allows.
    """
    env = {**os.environ, "SMARTLEAD_API_KEY": SECRET_KEY}
    done = 0
    while done < kills:
        with subprocess.Popen(
            command + (["--resume"] if done else []), env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        ) as process:
            killed = kill_once_grown(process, size, rng, most=most)
            if not killed:
                assert process.returncode == 0, process.stderr.read() if process.stderr else ""
        if not killed or not checkpoint_path(out).exists():
            return done  # it completed before the kill landed: nothing left to interrupt
        done += 1
    finished = subprocess.run([*command, "--resume"], env=env, capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stderr.decode()
    return done


#: Exports that may complete before all the kills landed (each is checked, then removed).
MOST_EXPORTS = 3


def sigkill_exports(
    command: list[str], out: Path, size: Callable[[], int], rng: random.Random, *,
    kills: int, begin: Callable[[], Callable[[], None]], most: int = 120_000,
) -> None:
    """Exports by ``command``, SIGKILLed ``kills`` times in all at random moments, each
    resumed to its end: as many exports as that takes (an export may complete first).

    ``begin()`` is called as each export starts (to note what it must hold); the check it
    returns is called when that export has completed, before its output is removed.
    """
    done = 0
    for _ in range(MOST_EXPORTS):
        check = begin()
        done += kill_and_resume(command, out, size, rng, kills=kills - done, most=most)
        check()
        if done == kills:
            return
        if out.is_dir():
            shutil.rmtree(out)
        else:
            out.unlink()
    pytest.fail(f"{MOST_EXPORTS} exports completed before {kills} kills landed")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_ten_sigkills_of_a_growing_campaigns_export_each_resumed_leave_each_lead_once(
    tmp_path: Path, fmt: str
) -> None:
    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=(10, 0.1), seed=5)
    campaign = fake.add_campaign(lead_count=LEADS)
    fake.churn_leads(campaign, LeadChurn(insert=3))
    out = tmp_path / f"leads.{fmt}"

    def begin() -> Callable[[], None]:
        original = fake.lead_ids(campaign)  # the leads present when this export starts

        def check() -> None:
            ids = exported_ids(out, fmt)
            assert len(ids) == len(set(ids)), "a lead was written twice"
            assert set(original) <= set(ids), f"{len(set(original) - set(ids))} leads are missing"
            assert not checkpoint_path(out).exists()
            assert SECRET_KEY not in out.read_text(encoding="utf-8")

        return check

    with served(fake) as url:
        sigkill_exports(
            export_command(url, out, fmt, campaign), out, lambda: file_size(out),
            random.Random(f"kills-{fmt}"), kills=KILLS, begin=begin,
        )
