"""``smartlead-async export --format parquet``: typed rows equal to the API's records, one fixed
schema per kind of record, row groups and part files, Ctrl-C and ``--resume``."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from smartlead_async._cli._checkpoint import Checkpoint, checkpoint_path
from smartlead_async._cli._errors import CliError, ExitCode
from smartlead_async._cli._export import Listing
from smartlead_async._cli._rows import activity_row, lead_row
from smartlead_async._converter import converter
from smartlead_async.models import CampaignLead, LeadActivity
from smartlead_async.testing import FakeSmartlead, LeadChurn

from .conftest import SECRET_KEY
from .test_cli_kill_resume import export_command, served, sigkill_exports
from .test_cli_support import expected_ids, export_leads, invoke, jsonl, make_fake

pa = pytest.importorskip("pyarrow", reason="pyarrow is the [parquet] extra (in [dev])")
pq = pytest.importorskip("pyarrow.parquet")

from smartlead_async._cli._parquet import ACTIVITY_SCHEMA, LEAD_SCHEMA, ParquetParts  # noqa: E402
from smartlead_async._cli._sink import ParquetLayout  # noqa: E402


def parquet_leads(fake: Any, out: Path, *args: str) -> Any:
    """Export every campaign's leads to ``out`` as Parquet; the table read back."""
    result = export_leads(fake, out, "--all-campaigns", *args, fmt="parquet")
    assert result.exit_code == 0, result.output
    return pq.read_table(out)


def parquet_activities(fake: Any, out: Path, *args: str) -> Any:
    result = invoke(
        fake, "export", "activities", "--from", "2025-10-01", "--format", "parquet",
        "--out", str(out), *args,
    )
    assert result.exit_code == 0, result.output
    return pq.read_table(out)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _free(value: Any) -> Any:
    return None if value is None else json.loads(value)


def ids_by_campaign(rows: list[dict[str, Any]]) -> dict[int, list[int]]:
    result: dict[int, list[int]] = {}
    for row in rows:
        result.setdefault(row["campaign_id"], []).append(row["campaign_lead_map_id"])
    return result


def test_leads_parquet_holds_every_lead_once_in_served_order(tmp_path: Path) -> None:
    fake = make_fake(250, 130, 0)
    rows = parquet_leads(fake, tmp_path / "leads").to_pylist()
    assert ids_by_campaign(rows) == {cid: ids for cid, ids in expected_ids(fake).items() if ids}


def test_an_export_of_no_record_is_one_empty_part_with_the_schema(tmp_path: Path) -> None:
    table = parquet_leads(make_fake(0), tmp_path / "leads")
    assert (table.num_rows, table.schema) == (0, LEAD_SCHEMA)
    assert [part.name for part in (tmp_path / "leads").iterdir()] == ["part-00000.parquet"]


def test_lead_rows_hold_the_api_values_typed(tmp_path: Path) -> None:
    fake = make_fake(180, 60)
    export_leads(fake, tmp_path / "leads.jsonl", "--all-campaigns")
    api = jsonl(tmp_path / "leads.jsonl")
    rows = parquet_leads(fake, tmp_path / "leads").to_pylist()
    assert len(rows) == len(api)
    for row, record in zip(rows, api, strict=True):
        lead = record["lead"]
        assert row == {
            "campaign_id": record["campaign_id"],
            "campaign_lead_map_id": int(record["campaign_lead_map_id"]),
            "lead_category_id": _int(record.get("lead_category_id")),
            "status": record.get("status"),
            "created_at": _time(record.get("created_at")),
            "lead_id": _int(lead.get("id")),
            **{
                name: lead.get(name) for name in (
                    "first_name", "last_name", "email", "phone_number", "company_name",
                    "website", "location", "linkedin_profile", "company_url",
                    "is_unsubscribed",
                )
            },
            "custom_fields": row["custom_fields"],
            "unsubscribed_client_id_map": row["unsubscribed_client_id_map"],
            "lead_created_at": _time(lead.get("created_at")),
            "_extra": None,
        }
        assert _free(row["custom_fields"]) == lead.get("custom_fields")
        assert _free(row["unsubscribed_client_id_map"]) == lead.get("unsubscribed_client_id_map")
    assert any(row["lead_category_id"] is None for row in rows)  # nulls stay nulls
    assert any(row["custom_fields"] for row in rows)


def test_activity_rows_hold_the_api_values_with_numbers_sent_as_strings_as_numbers(
    tmp_path: Path,
) -> None:
    fake = make_fake(10, activities=1_200)
    result = invoke(
        fake, "export", "activities", "--from", "2025-10-01", "--format", "jsonl",
        "--out", str(tmp_path / "activities.jsonl"),
    )
    assert result.exit_code == 0, result.output
    api = jsonl(tmp_path / "activities.jsonl")
    rows = parquet_activities(fake, tmp_path / "activities").to_pylist()
    assert [row["email_lead_map_id"] for row in rows] == fake.activity_ids()
    assert any(isinstance(record["current_seq_num"], str) for record in api)
    for row, record in zip(rows, api, strict=True):
        assert row["current_seq_num"] == int(record["current_seq_num"])
        assert (row["campaign_id"], row["campaign_name"], row["status"]) == (
            record["campaign_id"], record["campaign_name"], record["status"]
        )
        assert row["created_at"] == _time(record["created_at"])
        assert len(row["activities"]) == len(record["activities"])
        for email, sent in zip(row["activities"], record["activities"], strict=True):
            assert (email["open_count"], email["click_count"]) == (
                int(sent["open_count"]), int(sent["click_count"])
            )
            assert email["sent_time"] == _time(sent["sent_time"])
            assert email["reply_time"] == _time(sent["reply_details"].get("time"))
            assert email["reply_email_body"] == sent["reply_details"].get("reply_email_body")
            assert _free(email["click_details"]) == sent["click_details"]


@pytest.mark.parametrize(
    ("export", "schema", "fakes"),
    [
        (parquet_leads, LEAD_SCHEMA, (make_fake(40, seed=1), make_fake(70, 3, seed=2))),
        (
            parquet_activities, ACTIVITY_SCHEMA,
            (make_fake(2, activities=300, seed=1), make_fake(5, activities=80, seed=2)),
        ),
    ],
    ids=["leads", "activities"],
)
def test_two_exports_of_a_kind_have_the_fixed_schema_and_concatenate(
    tmp_path: Path, export: Any, schema: Any, fakes: tuple[Any, Any]
) -> None:
    first = export(fakes[0], tmp_path / "first")
    second = export(fakes[1], tmp_path / "second")
    assert first.schema == second.schema == schema
    both = pa.concat_tables([first, second])
    assert both.num_rows == first.num_rows + second.num_rows


def row_groups(out: Path) -> list[list[int]]:
    """Rows of each row group, per part file, in part order."""
    return [
        [
            metadata.row_group(index).num_rows
            for index in range(metadata.num_row_groups)
        ]
        for metadata in (pq.ParquetFile(part).metadata for part in sorted(out.iterdir()))
    ]


def test_rows_are_written_in_row_groups_as_pages_arrive_and_parts_close_at_their_size(
    tmp_path: Path,
) -> None:
    fake = make_fake(1_000)
    out = tmp_path / "leads"
    table = parquet_leads(
        fake, out, "--page-size", "100", "--row-group-size", "250", "--part-size", "600"
    )
    # a row group as soon as 250 rows are buffered (3 pages); a part once it holds 600
    assert row_groups(out) == [[300, 300], [300, 100]]
    assert [part.name for part in sorted(out.iterdir())] == [
        "part-00000.parquet", "part-00001.parquet"
    ]
    assert table.column("campaign_lead_map_id").to_pylist() == fake.lead_ids(
        next(iter(fake.campaigns))
    )


def test_row_group_options_are_refused_for_other_formats(tmp_path: Path) -> None:
    fake = make_fake(5)
    result = export_leads(fake, tmp_path / "x.csv", "--all-campaigns", "--row-group-size", "9",
                          fmt="csv")
    assert result.exit_code == 2
    assert "apply to --format parquet" in result.stderr
    assert fake.stats.requests == 0


def test_without_pyarrow_parquet_is_a_usage_error_naming_the_extra_before_any_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # import pyarrow now raises ImportError
    fake = make_fake(5)
    result = export_leads(fake, tmp_path / "leads", "--all-campaigns", fmt="parquet")
    assert result.exit_code == 2
    assert "pip install 'smartlead-async[parquet]'" in result.stderr
    assert fake.stats.requests == 0
    assert list(tmp_path.iterdir()) == []


def test_an_out_that_is_a_file_is_refused_before_any_request(tmp_path: Path) -> None:
    fake, out = make_fake(5), tmp_path / "leads.parquet"
    out.write_bytes(b"not a directory")
    result = export_leads(fake, out, "--all-campaigns", fmt="parquet")
    assert result.exit_code == 6
    assert "a Parquet export is a directory of part files" in result.stderr
    assert fake.stats.requests == 0


def test_an_out_directory_holding_other_files_is_refused(tmp_path: Path) -> None:
    fake = make_fake(5)
    (tmp_path / "notes.txt").write_text("keep me")
    result = export_leads(fake, tmp_path, "--all-campaigns", fmt="parquet")
    assert result.exit_code == 6
    assert "notes.txt" in result.stderr
    assert fake.stats.requests == 0
    assert (tmp_path / "notes.txt").read_text() == "keep me"


class CtrlC:
    """Ctrl-C (a KeyboardInterrupt) at the ``countdown``-th call of the patched step."""

    def __init__(self) -> None:
        self.countdown: int | None = None

    def tick(self) -> None:
        if self.countdown is not None:
            self.countdown -= 1
            if self.countdown == 0:
                raise KeyboardInterrupt


@pytest.fixture
def ctrl_c_before_a_page(monkeypatch: pytest.MonkeyPatch) -> CtrlC:
    """Ctrl-C as the exporter hands a page to the sink (everything before it is counted)."""
    stopper = CtrlC()
    original = ParquetParts.write

    def write(self: ParquetParts, *args: Any) -> None:
        stopper.tick()
        original(self, *args)

    monkeypatch.setattr(ParquetParts, "write", write)
    return stopper


@pytest.fixture
def ctrl_c_after_a_write(monkeypatch: pytest.MonkeyPatch) -> CtrlC:
    """Ctrl-C between a page's write and the exporter counting it (the sink holds rows its
    position does not count)."""
    stopper = CtrlC()
    original = Checkpoint.after_page

    def after_page(self: Checkpoint, **kwargs: Any) -> Checkpoint:
        point = original(self, **kwargs)
        stopper.tick()
        return point

    monkeypatch.setattr(Checkpoint, "after_page", after_page)
    return stopper


KILLS = 8
LAYOUT = ("--page-size", "100", "--row-group-size", "200", "--part-size", "400")
#: Campaign 390's pages (100, 100, 100, 90) then campaign 520's: part 0 closes with 490 rows.
LEADS = (520, 390)


def checkpoint_of(out: Path) -> Checkpoint:
    return Checkpoint.from_json(json.loads(checkpoint_path(out).read_text()))


def test_ctrl_c_keeps_the_pages_taken_and_resume_gives_the_uninterrupted_rows(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    reference = parquet_leads(make_fake(*LEADS), tmp_path / "reference", *LAYOUT)
    fake, out = make_fake(*LEADS), tmp_path / "leads"
    ctrl_c_before_a_page.countdown = 7  # page 6 is buffered after part 0: it is kept
    stopped = export_leads(fake, out, "--all-campaigns", *LAYOUT, fmt="parquet")
    assert stopped.exit_code == 130
    assert "--resume" in stopped.stderr
    assert (checkpoint_of(out).records, checkpoint_of(out).parts) == (590, 2)
    assert pq.read_table(out).num_rows == 590
    ctrl_c_before_a_page.countdown = None
    resumed = parquet_leads(fake, out, "--resume", *LAYOUT)
    assert resumed.equals(reference)
    assert not checkpoint_path(out).exists()


def test_ctrl_c_between_a_write_and_its_position_keeps_only_the_complete_parts(
    tmp_path: Path, ctrl_c_after_a_write: CtrlC
) -> None:
    reference = parquet_leads(make_fake(*LEADS), tmp_path / "reference", *LAYOUT)
    fake, out = make_fake(*LEADS), tmp_path / "leads"
    ctrl_c_after_a_write.countdown = 6  # page 6 is in the sink, not in the position
    stopped = export_leads(fake, out, "--all-campaigns", *LAYOUT, fmt="parquet")
    assert stopped.exit_code == 130
    assert (checkpoint_of(out).records, checkpoint_of(out).parts) == (490, 1)
    assert [part.name for part in out.iterdir()] == ["part-00000.parquet"]
    ctrl_c_after_a_write.countdown = None
    resumed = parquet_leads(fake, out, "--resume", *LAYOUT)
    assert resumed.equals(reference)


def test_resume_deletes_a_part_completed_after_the_checkpoint_and_an_unfinished_part(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    fake, out = make_fake(*LEADS), tmp_path / "leads"
    ctrl_c_before_a_page.countdown = 7
    export_leads(fake, out, "--all-campaigns", *LAYOUT, fmt="parquet")
    point = checkpoint_of(out)
    # a crash after renaming part 2 but before the checkpoint moved, then one mid-part
    (out / "part-00002.parquet").write_bytes((out / "part-00000.parquet").read_bytes())
    (out / ".part-00003.parquet.tmp").write_bytes(b"PAR1 half a part")
    ParquetParts.reopen(
        out, "leads", ParquetLayout(), parts=point.parts, size=point.bytes
    ).close()
    assert sorted(entry.name for entry in out.iterdir()) == [
        "part-00000.parquet", "part-00001.parquet"
    ]


def test_resume_after_a_crash_that_left_a_part_the_checkpoint_does_not_hold_repeats_nothing(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    reference = parquet_leads(make_fake(*LEADS), tmp_path / "reference", *LAYOUT)
    fake, out = make_fake(*LEADS), tmp_path / "leads"
    ctrl_c_before_a_page.countdown = 7
    export_leads(fake, out, "--all-campaigns", *LAYOUT, fmt="parquet")
    ctrl_c_before_a_page.countdown = None
    (out / "part-00002.parquet").write_bytes((out / "part-00000.parquet").read_bytes())
    (out / ".part-00003.parquet.tmp").write_bytes(b"PAR1 half a part")
    resumed = parquet_leads(fake, out, "--resume", *LAYOUT)
    assert resumed.equals(reference)


def test_resume_refuses_when_a_recorded_part_is_missing(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    fake, out = make_fake(*LEADS), tmp_path / "leads"
    ctrl_c_before_a_page.countdown = 7
    export_leads(fake, out, "--all-campaigns", *LAYOUT, fmt="parquet")
    ctrl_c_before_a_page.countdown = None
    (out / "part-00001.parquet").unlink()
    result = export_leads(fake, out, "--all-campaigns", "--resume", *LAYOUT, fmt="parquet")
    assert result.exit_code == 2
    assert "part-00001.parquet is missing" in result.stderr


def _bytes_in(directory: Path) -> int:
    """Bytes of every file in ``directory``, the unfinished part included (0 if missing)."""
    try:
        return sum(entry.stat().st_size for entry in directory.iterdir())
    except FileNotFoundError:
        return 0  # the directory, or a part being renamed, went away meanwhile


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkills_of_a_growing_campaigns_parquet_export_each_resumed_leave_each_lead_once(
    tmp_path: Path,
) -> None:
    fake = FakeSmartlead(api_key=SECRET_KEY, rate_limit=(10, 0.1), seed=5)
    campaign = fake.add_campaign(lead_count=3_000)
    fake.churn_leads(campaign, LeadChurn(insert=3))  # 3 new leads at its head per request
    out = tmp_path / "leads"

    def begin() -> Callable[[], None]:
        original = fake.lead_ids(campaign)  # the leads present when this export starts

        def check() -> None:
            ids = pq.read_table(out).column("campaign_lead_map_id").to_pylist()
            assert len(ids) == len(set(ids)), "a lead was written twice"
            assert set(original) <= set(ids), f"{len(set(original) - set(ids))} leads are missing"
            assert not checkpoint_path(out).exists()
            names = [entry.name for entry in out.iterdir()]
            assert all(name.startswith("part-") for name in names), names
            assert all(SECRET_KEY.encode() not in part.read_bytes() for part in out.iterdir())

        return check

    with served(fake) as url:
        command = [
            *export_command(url, out, "parquet", campaign),
            "--row-group-size", "100", "--part-size", "300",
        ]
        # a kill at a random moment: in a row group's write, a part's completion, or between
        sigkill_exports(
            command, out, lambda: _bytes_in(out), random.Random("parquet-kills"),
            kills=KILLS, most=40_000, begin=begin,
        )


def test_jsonl_and_csv_exports_need_no_pyarrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "smartlead_async._cli._parquet")  # no cached copy
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)
    fake = make_fake(120)
    for fmt in ("jsonl", "csv"):
        result = export_leads(fake, tmp_path / f"leads.{fmt}", "--all-campaigns", fmt=fmt)
        assert result.exit_code == 0, result.output


def test_the_cli_imports_without_pyarrow() -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None; "
        "from smartlead_async._cli import main; import smartlead_async._cli._export_run"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_unknown_and_unreadable_values_are_kept_in_extra_and_their_columns_are_null() -> None:
    lead = converter.structure(
        {
            "campaign_lead_map_id": "5", "lead_category_id": "n/a", "surprise": True,
            "lead": {"id": 2**64, "created_at": "yesterday", "new_field": [3], "email": "a@b.c"},
        },
        CampaignLead,
    )
    row = lead_row(7, lead)
    assert (row["campaign_lead_map_id"], row["lead_category_id"], row["lead_created_at"]) == (
        5, None, None
    )
    assert row["lead_id"] is None  # beyond int64
    assert json.loads(row["_extra"]) == {
        "surprise": True, "lead_category_id": "n/a",
        "lead.new_field": [3], "lead.created_at": "yesterday", "lead.id": 2**64,
    }
    assert pa.Table.from_pylist([row], schema=LEAD_SCHEMA).num_rows == 1


def test_an_activity_row_keeps_an_unreadable_reply_time_and_unknown_email_fields() -> None:
    activity = converter.structure(
        {
            "email_lead_map_id": 9, "current_seq_num": "2",
            "activities": [{"open_count": "3", "reply_details": {"time": "soon"}, "new": 1}],
        },
        LeadActivity,
    )
    row = activity_row(activity)
    email = row["activities"][0]
    assert (row["current_seq_num"], email["open_count"], email["reply_time"]) == (2, 3, None)
    assert json.loads(email["_extra"]) == {"new": 1, "reply_details.time": "soon"}
    assert row["_extra"] is None
    assert pa.Table.from_pylist([row], schema=ACTIVITY_SCHEMA).num_rows == 1


def test_an_interrupted_activities_export_resumed_gives_the_uninterrupted_rows(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    layout = ("--page-size", "100", "--row-group-size", "150", "--part-size", "300")
    reference = parquet_activities(make_fake(3, activities=1_000), tmp_path / "ref", *layout)
    fake, out = make_fake(3, activities=1_000), tmp_path / "activities"
    ctrl_c_before_a_page.countdown = 6  # after 5 pages: part 0 (300), then 200 flushed
    stopped = invoke(
        fake, "export", "activities", "--from", "2025-10-01", "--format", "parquet",
        "--out", str(out), *layout,
    )
    assert stopped.exit_code == 130
    assert (checkpoint_of(out).records, checkpoint_of(out).parts) == (500, 2)
    ctrl_c_before_a_page.countdown = None
    resumed = parquet_activities(fake, out, "--resume", *layout)
    assert resumed.equals(reference)
    assert resumed.column("email_lead_map_id").to_pylist() == fake.activity_ids()


def test_a_record_whose_identity_no_int64_holds_stops_the_export_with_a_clear_error(
    tmp_path: Path,
) -> None:
    parts = ParquetParts.create(tmp_path / "out", "leads", ParquetLayout(row_group_size=1))
    listing = Listing(label="x", open=None, record=dict, row=lambda row: row)
    with pytest.raises(CliError, match="does not fit the Parquet schema") as raised:
        parts.write(listing, [{"campaign_id": 1, "campaign_lead_map_id": 2**64}])
    assert raised.value.code == ExitCode.FAILURE
    parts.flush()  # the part it was writing is not completed
    parts.close()
    assert (parts.parts, list((tmp_path / "out").iterdir())) == (0, [])


def test_ctrl_c_before_the_first_page_leaves_no_directory_and_no_checkpoint(
    tmp_path: Path, ctrl_c_before_a_page: CtrlC
) -> None:
    ctrl_c_before_a_page.countdown = 1
    stopped = export_leads(make_fake(300), tmp_path / "leads", "--all-campaigns", fmt="parquet")
    assert stopped.exit_code == 130
    assert "no file was kept" in stopped.stderr
    assert list(tmp_path.iterdir()) == []
