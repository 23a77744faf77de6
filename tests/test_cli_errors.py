"""Each error class exits with its own code and one line on stderr; the key never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartlead_async.testing import FakeSmartlead, Faults

from .conftest import SECRET_KEY
from .test_cli_support import export_leads, invoke, make_fake

WRONG_KEY = "sk-WRONG-KEY-4242-never-print"


def _error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("smartlead-async: error: ")
    return lines[0]


def test_rejected_key_exits_3_without_printing_it(tmp_path: Path) -> None:
    result = export_leads(make_fake(50), tmp_path / "x.jsonl", "--all-campaigns",
                          "--api-key", WRONG_KEY)
    assert result.exit_code == 3
    assert "authentication failed: HTTP 401" in _error_line(result.stderr)
    assert WRONG_KEY not in result.output and SECRET_KEY not in result.output
    assert not (tmp_path / "x.jsonl").exists()


def test_missing_key_exits_3_and_points_to_demo(tmp_path: Path) -> None:
    result = invoke(make_fake(5), "campaigns", env={"SMARTLEAD_API_KEY": None})
    assert result.exit_code == 3
    line = _error_line(result.stderr)
    assert "--api-key" in line and "SMARTLEAD_API_KEY" in line and "--demo" in line


def test_unknown_campaign_exits_4(tmp_path: Path) -> None:
    result = export_leads(make_fake(5), tmp_path / "x.jsonl", "--campaign", "999")
    assert result.exit_code == 4
    assert "not found: HTTP 404" in _error_line(result.stderr)


@pytest.mark.parametrize(
    ("faults", "label"),
    [
        (Faults(error_rate=1.0), "server error: HTTP 5"),
        (Faults(drop_rate=1.0), "connection failed"),
        (Faults(truncate_rate=1.0), "connection failed"),
    ],
)
def test_server_and_connection_failures_exit_5_after_retries(
    tmp_path: Path, faults: Faults, label: str
) -> None:
    fake = make_fake(5, faults=faults)
    result = invoke(fake, "campaigns", "--max-retries", "2")
    assert result.exit_code == 5
    line = _error_line(result.stderr)
    assert label in line and "3 attempts" in line
    assert fake.stats.requests == 3


def test_exhausted_rate_limit_exits_5(tmp_path: Path) -> None:
    # 10 requests per 10 minutes, however slow a busy machine is: the campaigns list and a
    # first page, then 10 pages at once, of which 2 are refused.
    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=(10, 600.0))
    fake.add_campaign(lead_count=2_000)
    result = invoke(fake, "export", "leads", "--all-campaigns", "--format", "jsonl",
                    "--out", str(tmp_path / "x.jsonl"), "--max-retries", "0",
                    "--rate-limit", "100/0.1")
    assert result.exit_code == 5
    assert "still rate limited after retrying: HTTP 429" in _error_line(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["export", "leads", "--format", "jsonl", "--out", "x.jsonl"],  # no campaign choice
        ["export", "leads", "--all-campaigns", "--campaign", "1", "--format", "jsonl",
         "--out", "x.jsonl"],
        ["export", "leads", "--all-campaigns", "--format", "xml", "--out", "x.jsonl"],
        ["export", "activities", "--from", "yesterday", "--format", "csv", "--out", "x.csv"],
        ["campaigns", "--rate-limit", "ten/2"],
        ["campaigns", "--max-retries", "-1"],
    ],
)
def test_bad_arguments_exit_2_before_any_request(args: list[str]) -> None:
    fake = make_fake(5)
    result = invoke(fake, *args)
    assert result.exit_code == 2
    assert "Error" in result.stderr and "Traceback" not in result.output
    assert fake.stats.requests == 0


def test_arguments_the_api_rejects_exit_2(tmp_path: Path) -> None:
    fake = make_fake(5, activities=10)
    result = invoke(fake, "export", "activities", "--from", "2025-11-02", "--to", "2025-11-01",
                    "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 2
    assert "invalid argument" in _error_line(result.stderr)


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = export_leads(make_fake(5), tmp_path / "missing-dir" / "x.jsonl", "--all-campaigns")
    assert result.exit_code == 2
    assert "cannot write --out" in _error_line(result.stderr)


def test_no_traceback_without_verbose_and_a_redacted_one_with_it(tmp_path: Path) -> None:
    fake = make_fake(5)
    quiet = invoke(fake, "campaigns", "--api-key", WRONG_KEY)
    loud = invoke(fake, "campaigns", "--api-key", WRONG_KEY, "-v")
    assert "Traceback" not in quiet.output
    assert "Traceback" in loud.stderr and "AuthenticationError" in loud.stderr
    assert loud.exit_code == quiet.exit_code == 3
    assert WRONG_KEY not in loud.output


def test_verbose_logs_show_requests_with_the_key_masked(tmp_path: Path) -> None:
    fake = make_fake(250)
    result = export_leads(fake, tmp_path / "x.jsonl", "--all-campaigns", "-v")
    assert result.exit_code == 0
    assert "HTTP Request: GET" in result.stderr  # httpx's INFO line, which prints URLs
    assert "api_key=***" in result.stderr
    assert "smartlead_async: GET /campaigns" in result.stderr  # the SDK's debug lines
    assert SECRET_KEY not in result.output


def test_the_key_given_on_the_command_line_is_masked_everywhere_even_on_failure(
    tmp_path: Path,
) -> None:
    fake = make_fake(300, faults=Faults(error_rate=0.3, seed=0))  # fails on the 4th request
    result = export_leads(fake, tmp_path / "x.jsonl", "--all-campaigns", "-vv",
                          "--api-key", SECRET_KEY, "--max-retries", "0")
    assert result.exit_code == 5 and fake.stats.requests == 4
    assert result.stderr.count("api_key=***") >= 4  # httpx's line for every request
    assert SECRET_KEY not in result.output
