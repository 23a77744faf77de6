"""``--demo``: the README's main-job command works without an account."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from smartlead_async._cli._app import cli
from smartlead_async._cli._demo import DEMO_ACTIVITIES, DEMO_CAMPAIGNS, build_demo_fake
from smartlead_async._cli._options import parse_rate_limit

from ._virtual_clock import asyncio_run_on_virtual_clock
from .test_cli_support import FAST, csv_rows, expected_ids, jsonl, lead_ids_by_campaign

NO_KEY: dict[str, str | None] = {"SMARTLEAD_API_KEY": None}


def _demo(*args: str) -> list[str]:
    return ["--rate-limit", FAST, *args, "--demo"]


def test_demo_exports_every_demo_lead_without_a_key(tmp_path: Path) -> None:
    out = tmp_path / "leads.jsonl"
    with asyncio_run_on_virtual_clock():  # zero 429s however busy the machine is
        result = CliRunner().invoke(
            cli,
            _demo("export", "leads", "--all-campaigns", "--format", "jsonl", "--out", str(out)),
            env=NO_KEY,
        )
    assert result.exit_code == 0, result.output
    assert lead_ids_by_campaign(jsonl(out)) == expected_ids(build_demo_fake(parse_rate_limit(FAST)))
    assert result.stderr.startswith("smartlead-async: demo: in-process fake SmartLead")
    assert result.stdout.startswith(
        f"Exported {sum(count for _, count, _ in DEMO_CAMPAIGNS):,} leads from 3 campaigns"
    )
    assert "0 rate-limited (429)" in result.stdout


def test_demo_activities_export(tmp_path: Path) -> None:
    out = tmp_path / "activities.csv"
    result = CliRunner().invoke(
        cli,
        _demo("export", "activities", "--from", "2025-01-01", "--format", "csv", "--out", str(out)),
        env=NO_KEY,
    )
    assert result.exit_code == 0, result.output
    assert len(csv_rows(out)) == DEMO_ACTIVITIES


def test_demo_campaigns_table_lists_the_demo_campaigns() -> None:
    result = CliRunner().invoke(cli, _demo("campaigns", "--counts"), env=NO_KEY)
    assert result.exit_code == 0, result.output
    for name, count, status in DEMO_CAMPAIGNS:
        row = next(line for line in result.stdout.splitlines() if name in line)
        assert status in row and f"{count:,}" in row


def test_python_dash_m_runs_the_demo_export_and_prints_the_summary(tmp_path: Path) -> None:
    """The installed entry point end to end, in a subprocess (scaled limit, about 1 s).

    It runs on the real clock, so how many requests a busy machine got answered 429 varies:
    the test that runs the demo on the virtual clock checks that there are none."""
    out = tmp_path / "leads.jsonl"
    env = {key: value for key, value in os.environ.items() if key != "SMARTLEAD_API_KEY"}
    completed = subprocess.run(
        [sys.executable, "-m", "smartlead_async", "export", "leads", "--demo",
         "--all-campaigns", "--format", "jsonl", "--out", str(out), "--rate-limit", "10/0.2"],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    summary = completed.stdout.splitlines()
    assert len(summary) == 2 and summary[0].startswith("Exported 1,950 leads from 3 campaigns")
    assert re.search(r"\d+ requests, .* \d+ rate-limited \(429\)\.$", summary[1]), summary[1]
    assert len(jsonl(out)) == 1_950
