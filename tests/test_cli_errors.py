"""Each error class exits with its own code and one line on stderr; the key never shows."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from smartlead_async._cli._checkpoint import Checkpoint, CheckpointStore, checkpoint_path
from smartlead_async._cli._output import OutputFile
from smartlead_async.testing import FakeSmartlead, Faults

from .conftest import SECRET_KEY
from .test_cli_support import (
    expected_ids,
    export_leads,
    invoke,
    jsonl,
    lead_ids_by_campaign,
    make_fake,
)

WRONG_KEY = "sk-WRONG-KEY-4242-never-print"


def assert_no_files(out: Path) -> None:
    """Nothing of an export is left: no output, no checkpoint, no temporary checkpoint."""
    assert sorted(path.name for path in out.parent.iterdir()
                  if path.name.startswith(out.name)) == []


def _error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("smartlead-async: error: ")
    return lines[0]


@pytest.mark.parametrize("all_campaigns", [True, False], ids=["all campaigns", "one campaign"])
def test_rejected_key_exits_3_without_printing_it_or_leaving_files(
    tmp_path: Path, all_campaigns: bool
) -> None:
    fake, out = make_fake(50), tmp_path / "x.jsonl"
    # Listing the campaigns fails before the output exists; one named campaign fails after.
    choice = ["--all-campaigns"] if all_campaigns else ["--campaign", str(*fake.campaigns)]
    result = export_leads(fake, out, *choice, "--api-key", WRONG_KEY)
    assert result.exit_code == 3
    line = _error_line(result.stderr)
    assert "authentication failed: HTTP 401" in line and "--resume" not in line
    assert WRONG_KEY not in result.output and SECRET_KEY not in result.output
    assert_no_files(out)


def test_missing_key_exits_3_and_points_to_demo(tmp_path: Path) -> None:
    result = invoke(make_fake(5), "campaigns", env={"SMARTLEAD_API_KEY": None})
    assert result.exit_code == 3
    line = _error_line(result.stderr)
    assert "--api-key" in line and "SMARTLEAD_API_KEY" in line and "--demo" in line


def test_unknown_campaign_exits_4_without_suggesting_resume_or_leaving_files(
    tmp_path: Path,
) -> None:
    out = tmp_path / "x.jsonl"
    result = export_leads(make_fake(5), out, "--campaign", "999")
    assert result.exit_code == 4
    line = _error_line(result.stderr)
    assert "not found: HTTP 404" in line and "--resume" not in line
    assert_no_files(out)


def test_a_404_after_some_pages_keeps_them_but_does_not_suggest_resume(tmp_path: Path) -> None:
    fake, out = make_fake(250), tmp_path / "x.jsonl"
    known = str(next(iter(fake.campaigns)))
    result = export_leads(fake, out, "--campaign", known, "--campaign", "999")
    assert result.exit_code == 4
    line = _error_line(result.stderr)
    assert "250 leads written to" in line and "--resume" not in line
    assert len(jsonl(out)) == 250 and checkpoint_path(out).exists()


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


def test_to_before_from_exits_2_without_suggesting_resume_or_leaving_files(
    tmp_path: Path,
) -> None:
    fake, out = make_fake(5, activities=10), tmp_path / "a.jsonl"
    result = invoke(fake, "export", "activities", "--from", "2025-11-02", "--to", "2025-11-01",
                    "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 2
    line = _error_line(result.stderr)
    assert "invalid argument" in line and "--resume" not in line
    assert_no_files(out)
    assert fake.stats.requests == 0


def test_an_output_in_a_missing_directory_exits_6_before_any_request(tmp_path: Path) -> None:
    fake = make_fake(5)
    result = export_leads(fake, tmp_path / "missing-dir" / "x.jsonl", "--all-campaigns")
    assert result.exit_code == 6
    assert "cannot write --out" in _error_line(result.stderr)
    assert "missing-dir is not a directory" in result.stderr
    assert fake.stats.requests == 0


def test_an_output_that_is_a_directory_exits_6_before_any_request(tmp_path: Path) -> None:
    fake = make_fake(5)
    result = export_leads(fake, tmp_path, "--all-campaigns")
    assert result.exit_code == 6
    assert f"cannot write --out {tmp_path}: it is a directory" in _error_line(result.stderr)
    assert fake.stats.requests == 0
    assert not checkpoint_path(tmp_path).exists()


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_as_output_exits_6_and_no_checkpoint_is_made_next_to_it(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist on this system")
    fake, beside = make_fake(5), checkpoint_path(Path(device))
    existed = beside.exists()
    try:
        result = export_leads(fake, Path(device), "--all-campaigns")
        assert result.exit_code == 6
        assert "not a regular file" in _error_line(result.stderr)
        assert fake.stats.requests == 0
        assert not beside.exists()
    finally:  # a regression must not leave a file in /dev
        if not existed:
            beside.unlink(missing_ok=True)


class NoSpaceAfter:
    """Makes the output's ``append`` fail with ENOSPC once ``pages`` pages were written."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
        self.pages = pages
        original = OutputFile.append

        def append(output: OutputFile, data: bytes) -> int:
            if data and self.pages == 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.pages -= bool(data)
            return original(output, data)

        monkeypatch.setattr(OutputFile, "append", append)


def test_no_space_left_mid_export_exits_6_and_suggests_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, out = make_fake(450), tmp_path / "x.jsonl"
    with monkeypatch.context() as patch:
        NoSpaceAfter(patch, pages=2)
        result = export_leads(fake, out, "--all-campaigns")
    assert result.exit_code == 6
    line = _error_line(result.stderr)
    assert "file error: No space left on device" in line
    assert "200 leads written to" in line and "rerun with --resume to continue" in line
    assert len(jsonl(out)) == 200 and checkpoint_path(out).exists()
    resumed = export_leads(fake, out, "--all-campaigns", "--resume")  # space was freed
    assert resumed.exit_code == 0, resumed.output
    assert lead_ids_by_campaign(jsonl(out)) == expected_ids(fake)


def test_no_space_for_the_first_page_leaves_no_file_and_suggests_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.jsonl"
    NoSpaceAfter(monkeypatch, pages=0)
    result = export_leads(make_fake(450), out, "--all-campaigns")
    assert result.exit_code == 6
    assert "--resume" not in _error_line(result.stderr)
    assert_no_files(out)


def test_a_checkpoint_that_cannot_be_written_exits_6_and_leaves_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(store: CheckpointStore, point: Checkpoint) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(store.path))

    monkeypatch.setattr(CheckpointStore, "save", denied)
    out = tmp_path / "x.csv"
    result = export_leads(make_fake(50), out, "--all-campaigns", fmt="csv")
    assert result.exit_code == 6
    assert "cannot write the checkpoint" in _error_line(result.stderr)
    assert "Permission denied" in result.stderr
    assert_no_files(out)


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
