"""``--resume``: an export stopped mid-way (Ctrl-C, server failure, half-written line) and
resumed gives the same file as one uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from smartlead_async._cli._checkpoint import Checkpoint, checkpoint_path
from smartlead_async._cli._demo import build_demo_fake
from smartlead_async._cli._export_run import ExportRun
from smartlead_async._cli._options import parse_rate_limit
from smartlead_async.testing import FakeSmartlead, Faults

from .conftest import SECRET_KEY
from .test_cli_support import expected_ids, export_leads, jsonl, lead_ids_by_campaign, make_fake

LEADS = (230, 410, 120)


class Interrupter:
    """Sends this process a real SIGINT as the N-th page after :meth:`arm` is written."""

    def __init__(self) -> None:
        self.countdown: int | None = None

    def arm(self, pages: int) -> None:
        self.countdown = pages

    def disarm(self) -> None:
        self.countdown = None

    def page_written(self) -> None:
        if self.countdown is not None:
            self.countdown -= 1
            if self.countdown == 0:
                signal.raise_signal(signal.SIGINT)


@pytest.fixture
def interrupter(monkeypatch: pytest.MonkeyPatch, default_sigint: None) -> Interrupter:
    """Ctrl-C on demand: hooks the exporter's per-page checkpoint step."""
    interrupter = Interrupter()
    original = Checkpoint.after_page

    def after_page(self: Checkpoint, **kwargs: Any) -> Checkpoint:
        interrupter.page_written()
        return original(self, **kwargs)

    monkeypatch.setattr(Checkpoint, "after_page", after_page)
    return interrupter


def _reference(tmp_path: Path, fmt: str) -> bytes:
    out = tmp_path / f"reference.{fmt}"
    result = export_leads(make_fake(*LEADS), out, "--all-campaigns", fmt=fmt)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_ctrl_c_then_resume_gives_the_uninterrupted_file(
    tmp_path: Path, interrupter: Interrupter, fmt: str
) -> None:
    reference = _reference(tmp_path, fmt)
    fake, out = make_fake(*LEADS), tmp_path / f"leads.{fmt}"
    interrupter.arm(4)
    stopped = export_leads(fake, out, "--all-campaigns", fmt=fmt)
    assert stopped.exit_code == 130
    assert "--resume" in stopped.stderr and "Traceback" not in stopped.output
    assert 0 < len(out.read_bytes()) < len(reference)
    interrupter.disarm()
    resumed = export_leads(fake, out, "--all-campaigns", "--resume", fmt=fmt)
    assert resumed.exit_code == 0, resumed.output
    assert out.read_bytes() == reference
    assert not checkpoint_path(out).exists()


def test_ctrl_c_before_the_first_page_leaves_no_file_and_does_not_suggest_resume(
    tmp_path: Path, interrupter: Interrupter, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = ExportRun._open

    async def open_then_ctrl_c(run: ExportRun, *args: Any) -> Any:
        opened_output = await opened(run, *args)  # the output and its checkpoint now exist
        signal.raise_signal(signal.SIGINT)
        return opened_output

    monkeypatch.setattr(ExportRun, "_open", open_then_ctrl_c)
    out = tmp_path / "leads.jsonl"
    slow = FakeSmartlead(api_key=SECRET_KEY, rate_limit=None, latency=0.01)  # a first page
    slow.add_campaign(lead_count=150)  # that takes a moment to come, as over a network
    stopped = export_leads(slow, out, "--all-campaigns")
    assert stopped.exit_code == 130
    assert "interrupted before any leads were written: no file was kept" in stopped.stderr
    assert "--resume" not in stopped.stderr
    assert sorted(tmp_path.iterdir()) == []


def test_ctrl_c_leaves_whole_records_and_a_checkpoint_matching_the_file(
    tmp_path: Path, interrupter: Interrupter
) -> None:
    fake, out = make_fake(*LEADS), tmp_path / "leads.jsonl"
    interrupter.arm(6)
    export_leads(fake, out, "--all-campaigns")
    data = out.read_bytes()
    point = Checkpoint.from_json(json.loads(checkpoint_path(out).read_text()))
    assert data.endswith(b"\n") and point.bytes == len(data)
    records = lead_ids_by_campaign(jsonl(out))
    assert point.records == sum(map(len, records.values()))
    sources = [int(source) for source in point.sources]
    assert list(records) == sources[: point.index + 1]
    assert all(records[cid] == fake.lead_ids(cid) for cid in sources[: point.index])
    current = sources[point.index]
    assert point.resume is not None  # stopped inside a campaign
    assert records[current] == fake.lead_ids(current)[: point.resume.offset]
    assert 0 < point.resume.offset < len(fake.lead_ids(current))
    assert point.resume.keys[-1] == records[current][-1]  # it knows the last lead written


def test_resume_after_a_server_failure_gives_the_uninterrupted_file(tmp_path: Path) -> None:
    reference = _reference(tmp_path, "jsonl")
    out = tmp_path / "leads.jsonl"
    flaky = make_fake(*LEADS, faults=Faults(error_rate=0.15, seed=3))
    failed = export_leads(flaky, out, "--all-campaigns", "--max-retries", "0")
    assert failed.exit_code == 5
    assert "rerun with --resume" in failed.stderr
    resumed = export_leads(make_fake(*LEADS), out, "--all-campaigns", "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert out.read_bytes() == reference


def test_resume_cuts_a_half_written_last_line(
    tmp_path: Path, interrupter: Interrupter
) -> None:
    reference = _reference(tmp_path, "jsonl")
    fake, out = make_fake(*LEADS), tmp_path / "leads.jsonl"
    interrupter.arm(3)
    export_leads(fake, out, "--all-campaigns")
    with open(out, "ab") as file:
        file.write(b'{"campaign_id": 1, "campaign_lea')  # a crash mid-line
    interrupter.disarm()
    export_leads(fake, out, "--all-campaigns", "--resume")
    assert out.read_bytes() == reference


def test_resume_skips_no_lead_and_repeats_none_when_leads_were_added_meanwhile(
    tmp_path: Path, interrupter: Interrupter
) -> None:
    fake, out = make_fake(*LEADS), tmp_path / "leads.jsonl"
    interrupter.arm(4)  # inside the second campaign
    export_leads(fake, out, "--all-campaigns")
    before = expected_ids(fake)
    second = list(fake.campaigns)[1]
    fake.add_leads(second, 35)  # newest first: every later offset moves by 35
    interrupter.disarm()
    result = export_leads(fake, out, "--all-campaigns", "--resume")
    assert result.exit_code == 0, result.output
    exported = lead_ids_by_campaign(jsonl(out))
    for campaign_id, ids in exported.items():
        assert len(ids) == len(set(ids))
        assert set(before[campaign_id]) <= set(ids)


def test_resume_refuses_a_checkpoint_of_another_export(
    tmp_path: Path, interrupter: Interrupter
) -> None:
    fake, out = make_fake(*LEADS), tmp_path / "leads.out"
    interrupter.arm(2)
    export_leads(fake, out, "--all-campaigns")
    interrupter.disarm()
    result = export_leads(fake, out, "--all-campaigns", "--resume", fmt="csv")
    assert result.exit_code == 2
    assert "different export" in result.stderr and "format 'jsonl' there, 'csv' here" in (
        result.stderr
    )


def test_resume_without_a_checkpoint_starts_a_new_export(tmp_path: Path) -> None:
    fake, out = make_fake(150), tmp_path / "leads.jsonl"
    result = export_leads(fake, out, "--all-campaigns", "--resume")
    assert result.exit_code == 0
    assert "no checkpoint" in result.stderr
    assert len(jsonl(out)) == 150


def _default_signals() -> None:
    """In the child: SIGINT/SIGTERM back to their defaults (a CI shell may ignore SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_to_a_running_demo_export_then_resume_holds_every_demo_lead_once(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    """The real thing: a subprocess, a real signal, a resume.

    The export needs 22 requests; at 10 per 30 s it makes 10 at once, then waits: the signal
    lands in that wait however slowly this machine runs. The resume runs at 10 per 0.5 s (the
    limit is not part of what a checkpoint describes).
    """
    out = tmp_path / "demo.jsonl"
    command = [sys.executable, "-m", "smartlead_async", "export", "leads", "--demo",
               "--all-campaigns", "--format", "jsonl", "--out", str(out)]
    env = {**os.environ, "SMARTLEAD_API_KEY": ""}
    process = subprocess.Popen([*command, "--rate-limit", "10/30"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_default_signals)
    deadline = time.monotonic() + 20
    while not checkpoint_path(out).exists() or out.stat().st_size == 0:
        assert process.poll() is None and time.monotonic() < deadline, "export never started"
        time.sleep(0.01)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == code, stderr
    assert b"--resume" in stderr and b"Traceback" not in stderr
    assert out.read_bytes().endswith(b"\n")
    subprocess.run([*command, "--rate-limit", "10/0.5", "--resume"], env=env, check=True,
                   capture_output=True, timeout=30)
    demo: FakeSmartlead = build_demo_fake(parse_rate_limit("10/0.5"))
    assert lead_ids_by_campaign(jsonl(out)) == expected_ids(demo)
