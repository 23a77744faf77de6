"""The CLI's parts on their own: CSV cells, checkpoint files, option parsing, exit codes,
the progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from smartlead_async import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    RateLimitError,
    ResumePoint,
    ServerError,
)
from smartlead_async._cli._checkpoint import Checkpoint, CheckpointStore
from smartlead_async._cli._errors import CliError, ExitCode, classify, describe
from smartlead_async._cli._options import parse_rate_limit
from smartlead_async._cli._output import OutputFile
from smartlead_async._cli._progress import ExportProgress
from smartlead_async._cli._summary import api_usage_line, human_bytes
from smartlead_async._cli._writers import CsvEncoder, JsonlEncoder

from .conftest import SECRET_KEY
from .test_cli_support import parse_csv_text

RECORD = {
    "id": 7,
    "name": "Ünïcode, \"quoted\"\nline",
    "flag": False,
    "nothing": None,
    "lead": {"email": "a@b.c", "custom_fields": {"k": "v"}, "new_field": 1},
    "surprise": [1, 2],
}


def test_jsonl_line_is_compact_utf8_json_of_the_record() -> None:
    line = JsonlEncoder().encode([RECORD])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == RECORD
    assert "Ünïcode".encode() in line


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("id", "7"),
        ("name", "Ünïcode, \"quoted\"\nline"),
        ("flag", "false"),
        ("nothing", ""),
        ("lead.email", "a@b.c"),
        ("lead.custom_fields", '{"k":"v"}'),
        ("lead.missing", ""),
    ],
)
def test_csv_cell_of_each_kind_of_value(column: str, cell: str) -> None:
    encoder = CsvEncoder(["id", "name", "flag", "nothing", "lead.email", "lead.custom_fields",
                          "lead.missing"])
    header, row = parse_csv_text((encoder.header() + encoder.encode([RECORD])).decode())
    assert row[header.index(column)] == cell


def test_csv_extra_column_keeps_every_field_without_a_column() -> None:
    encoder = CsvEncoder(["id", "name", "flag", "nothing", "lead.email", "lead.custom_fields"])
    header, row = parse_csv_text((encoder.header() + encoder.encode([RECORD])).decode())
    assert header[-1] == "_extra"
    assert json.loads(row[-1]) == {"lead.new_field": 1, "surprise": [1, 2]}


def test_csv_extra_is_empty_when_every_field_has_a_column() -> None:
    encoder = CsvEncoder(["a", "b.c"])
    assert encoder.row({"a": 1, "b": {"c": 2}}) == ["1", "2", ""]


def test_checkpoint_round_trips_through_its_file(tmp_path: Path) -> None:
    store = CheckpointStore(tmp_path / "out.jsonl")
    point = Checkpoint(export={"kind": "leads"}, sources=["1", "2"]).after_page(
        resume=ResumePoint(offset=97, total=250, keys=(5, 6)), records=100, size=4096
    )
    store.save(point)
    assert store.path.name == "out.jsonl.checkpoint.json"
    assert store.load() == point
    assert not list(tmp_path.glob("*.tmp"))


def test_a_version_1_checkpoint_resumes_from_its_offset_and_last_keys(tmp_path: Path) -> None:
    store = CheckpointStore(tmp_path / "out.jsonl")
    store.path.write_text(json.dumps({
        "version": 1, "export": {"kind": "leads"}, "sources": ["1"], "index": 0,
        "offset": 300, "total": 650, "last_keys": [11, 12], "records": 300, "bytes": 9000,
    }))
    point = store.load()
    assert point.resume == ResumePoint(offset=300, total=650, keys=(11, 12), all_keys=False)
    assert (point.records, point.bytes) == (300, 9000)


@pytest.mark.parametrize(
    "content", [
        "", "{}", '{"version": 2}', '{"version": 1, "export": {}}', '{"version": 3}',
        '{"version": 2, "export": {}, "sources": [], "index": 0, "records": 0, "bytes": 0,'
        ' "resume": {"version": 1, "offset": -4}}',
        "not json",
    ]
)
def test_a_damaged_checkpoint_is_a_usage_error(tmp_path: Path, content: str) -> None:
    store = CheckpointStore(tmp_path / "out.jsonl")
    store.path.write_text(content)
    with pytest.raises(CliError) as caught:
        store.load()
    assert caught.value.code == ExitCode.USAGE


def test_output_reopen_cuts_the_file_to_the_checkpointed_length(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"a":1}\n{"a":')
    with OutputFile.reopen(path, 8) as output:
        output.append(b'{"a":2}\n')
    assert path.read_bytes() == b'{"a":1}\n{"a":2}\n'


def test_output_reopen_refuses_a_file_shorter_than_the_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"short")
    with pytest.raises(CliError, match="has 5 bytes"):
        OutputFile.reopen(path, 100)


@pytest.mark.parametrize(
    ("text", "requests", "seconds"), [("10/2", 10, 2.0), ("60/60", 60, 60.0), ("5/0.5", 5, 0.5)]
)
def test_rate_limit_option_parses_n_per_seconds(text: str, requests: int, seconds: float) -> None:
    limit = parse_rate_limit(text)
    assert (limit.requests, limit.per_seconds) == (requests, seconds)
    assert 0 < limit.margin <= 0.05


@pytest.mark.parametrize("text", ["10", "0/2", "10/0", "ten/2", "10/-1", "10 per 2"])
def test_rate_limit_option_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="N/SECONDS"):
        parse_rate_limit(text)


def _status_error(cls: type[APIStatusError], status: int) -> APIStatusError:
    return cls(f"m {SECRET_KEY}", status_code=status, body={}, method="GET",
               path="/campaigns?api_key=" + SECRET_KEY)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (_status_error(AuthenticationError, 401), 3),
        (_status_error(NotFoundError, 404), 4),
        (_status_error(RateLimitError, 429), 5),
        (_status_error(ServerError, 503), 5),
        (APIConnectionError("refused", method="GET", path="/campaigns"), 5),
        (ExceptionGroup("task group", [_status_error(NotFoundError, 404)]), 4),
        (CliError("bad checkpoint"), 2),
        (RuntimeError("bug"), 1),
    ],
)
def test_each_error_class_has_its_exit_code(error: Exception, code: int) -> None:
    assert classify(error)[0] == code


def test_error_description_masks_the_key() -> None:
    text = describe(_status_error(ServerError, 503), SECRET_KEY)
    assert SECRET_KEY not in text and "HTTP 503" in text


def test_progress_bar_shows_done_of_total_and_rate_on_a_terminal() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with ExportProgress(enabled=True, console=console) as progress:
        progress.start("campaign 42 (1/2)")
        progress.advance(100, total=250)
        progress.advance(150)
    assert progress.active
    assert "campaign 42 (1/2)" in screen.getvalue() and "250/250" in screen.getvalue()
    assert "records/s" in screen.getvalue()


def test_progress_is_silent_when_disabled_or_not_a_terminal() -> None:
    screen = io.StringIO()
    for progress in (
        ExportProgress(enabled=False, console=Console(file=screen, force_terminal=True)),
        ExportProgress(enabled=True, console=Console(file=screen, force_terminal=False)),
    ):
        with progress:
            progress.start("x", total=10)
            progress.advance(10)
        assert not progress.active
    assert screen.getvalue() == ""


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 B"), (999, "999 B"), (1_500, "1.5 kB"), (1_234_567, "1.2 MB")]
)
def test_human_bytes(size: int, text: str) -> None:
    assert human_bytes(size) == text


def test_the_usage_line_counts_one_request_in_the_singular() -> None:
    one = api_usage_line(requests=1, elapsed=0.5, limit="10 requests per 2 s", rate_limited=0)
    many = api_usage_line(requests=22, elapsed=4.0, limit="10 requests per 2 s", rate_limited=1)
    assert one == "1 request, 2.0/s (limit: 10 requests per 2 s); 0 rate-limited (429)."
    assert many == "22 requests, 5.5/s (limit: 10 requests per 2 s); 1 rate-limited (429)."
