"""``smartlead-async export``: JSONL and CSV hold exactly the fake's records."""

from __future__ import annotations

import json
from pathlib import Path

from smartlead_async._cli._checkpoint import checkpoint_path
from smartlead_async._cli._writers import ACTIVITY_COLUMNS, LEAD_COLUMNS

from .test_cli_support import (
    csv_rows,
    expected_ids,
    export_leads,
    invoke,
    jsonl,
    lead_ids_by_campaign,
    make_fake,
)


def test_jsonl_holds_every_lead_of_every_campaign_once_in_served_order(tmp_path: Path) -> None:
    fake = make_fake(250, 130, 0)
    out = tmp_path / "leads.jsonl"
    result = export_leads(fake, out, "--all-campaigns")
    assert result.exit_code == 0, result.output
    assert lead_ids_by_campaign(jsonl(out)) == {
        cid: ids for cid, ids in expected_ids(fake).items() if ids
    }


def test_jsonl_line_is_the_api_record_plus_its_campaign_id(tmp_path: Path) -> None:
    fake = make_fake(3)
    campaign_id = next(iter(fake.campaigns))
    out = tmp_path / "leads.jsonl"
    export_leads(fake, out, "--campaign", str(campaign_id))
    first = jsonl(out)[0]
    assert list(first)[:2] == ["campaign_id", "campaign_lead_map_id"]
    assert first["campaign_id"] == campaign_id
    assert set(first["lead"]) >= {"email", "custom_fields", "is_unsubscribed"}
    assert isinstance(first["lead"]["custom_fields"], dict)


def test_campaign_option_exports_only_the_named_campaigns_in_the_given_order(
    tmp_path: Path,
) -> None:
    fake = make_fake(120, 40, 60)
    first, _, third = fake.campaigns
    out = tmp_path / "leads.jsonl"
    export_leads(fake, out, "--campaign", str(third), "--campaign", str(first))
    exported = lead_ids_by_campaign(jsonl(out))
    assert list(exported) == [third, first]
    assert exported == {third: fake.lead_ids(third), first: fake.lead_ids(first)}


def test_csv_has_the_fixed_header_and_every_lead(tmp_path: Path) -> None:
    fake = make_fake(230, 75)
    out = tmp_path / "leads.csv"
    result = export_leads(fake, out, "--all-campaigns", fmt="csv")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0].split(",") == [
        *LEAD_COLUMNS, "_extra"
    ]
    rows = csv_rows(out)
    assert lead_ids_by_campaign(rows) == expected_ids(fake)
    assert json.loads(rows[0]["lead.custom_fields"])["job_title"]
    assert {row["lead.is_unsubscribed"] for row in rows} <= {"true", "false"}


def test_activities_export_holds_every_activity_record_once(tmp_path: Path) -> None:
    fake = make_fake(10, activities=2_500)
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"activities.{fmt}"
        result = invoke(
            fake, "export", "activities", "--from", "2025-10-01", "--format", fmt,
            "--out", str(out),
        )
        assert result.exit_code == 0, result.output
        records = jsonl(out) if fmt == "jsonl" else csv_rows(out)
        assert [int(r["email_lead_map_id"]) for r in records] == fake.activity_ids()
    assert csv_rows(tmp_path / "activities.csv")[0].keys() == {*ACTIVITY_COLUMNS, "_extra"}


def test_activities_to_date_limits_the_range(tmp_path: Path) -> None:
    fake = make_fake(5, activities=100)  # about one record per hour from 2025-11-01
    out = tmp_path / "activities.jsonl"
    invoke(
        fake, "export", "activities", "--from", "2025-11-01", "--to", "2025-11-01T23:59:59Z",
        "--format", "jsonl", "--out", str(out),
    )
    assert 20 <= len(jsonl(out)) <= 25


def test_lead_filters_are_sent_to_the_api(tmp_path: Path) -> None:
    fake = make_fake(300)
    out = tmp_path / "leads.jsonl"
    export_leads(fake, out, "--all-campaigns", "--status", "completed",
                 "--email-status", "IS_OPENED")
    records = jsonl(out)
    assert records and {r["status"] for r in records} == {"COMPLETED"}
    lead_queries = [e.query for e in fake.stats.log if e.path.endswith("/leads")]
    assert all(q["status"] == "COMPLETED" and q["emailStatus"] == "is_opened"
               for q in lead_queries)


def test_summary_counts_records_and_the_requests_the_server_saw(tmp_path: Path) -> None:
    fake = make_fake(250, 130)
    result = export_leads(fake, tmp_path / "leads.jsonl", "--all-campaigns")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Exported 380 leads from 2 campaigns to ")
    assert f"{fake.stats.requests} requests" in lines[1]
    assert "0 rate-limited (429)" in lines[1]


def test_success_removes_the_checkpoint(tmp_path: Path) -> None:
    fake = make_fake(150)
    out = tmp_path / "leads.jsonl"
    export_leads(fake, out, "--all-campaigns")
    assert out.exists() and not checkpoint_path(out).exists()


def test_an_empty_export_writes_an_empty_jsonl_and_a_header_only_csv(tmp_path: Path) -> None:
    fake = make_fake(0)
    export_leads(fake, tmp_path / "e.jsonl", "--all-campaigns")
    export_leads(fake, tmp_path / "e.csv", "--all-campaigns", fmt="csv")
    assert (tmp_path / "e.jsonl").read_bytes() == b""
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").count("\n") == 1


def test_no_progress_bar_is_drawn_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    fake = make_fake(250)
    result = export_leads(fake, tmp_path / "leads.jsonl", "--all-campaigns")
    assert result.stderr == ""


def test_campaigns_lists_each_campaign_with_its_lead_count(tmp_path: Path) -> None:
    fake = make_fake(250, 1_234)
    result = invoke(fake, "campaigns", "--counts")
    assert result.exit_code == 0, result.output
    for campaign in fake.campaigns.values():
        row = next(line for line in result.stdout.splitlines() if str(campaign.id) in line)
        assert campaign.name in row and campaign.status in row
        assert f"{campaign.lead_count:,}" in row


def test_campaigns_without_counts_costs_one_request() -> None:
    fake = make_fake(10, 20, 30)
    result = invoke(fake, "campaigns")
    assert result.exit_code == 0 and fake.stats.requests == 1
    assert "leads" not in result.stdout.splitlines()[0]


def test_global_options_are_accepted_before_the_command(tmp_path: Path) -> None:
    fake = make_fake(120)
    out = tmp_path / "leads.jsonl"
    result = invoke(fake, "--no-progress", "--max-retries", "0", "export", "leads",
                    "--all-campaigns", "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert len(jsonl(out)) == 120
