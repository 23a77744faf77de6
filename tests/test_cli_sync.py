"""``smartlead-async sync ... --to URL``: summaries, incremental reruns, exit codes, and the
database password never shown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from smartlead_async.testing import FakeSmartlead

from ._db_sync import Snapshot, hide_module, stored, truth
from .conftest import SECRET_KEY
from .test_cli_support import invoke, make_fake

DB_PASSWORD = "db-PLANTED-password-93"


def _sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'smartlead.db'}"


def test_demo_sync_copies_everything_then_only_changes(tmp_path: Path) -> None:
    url = _sqlite(tmp_path)
    first = invoke(None, "--demo", "sync", "leads", "--to", url, env={"SMARTLEAD_API_KEY": None})
    again = invoke(None, "--demo", "sync", "leads", "--to", url, env={"SMARTLEAD_API_KEY": None})
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("Synced leads into sqlite")
    assert "(full): 1,950 lead memberships written, 0 deleted" in first.stdout
    assert again.exit_code == 0, again.output
    assert "(changes only): 0 lead memberships written, 0 deleted" in again.stdout
    # The campaign list, then per campaign: new leads, leads with activity, the total.
    assert "\n10 requests," in again.stdout


def test_a_second_sync_writes_the_new_leads_and_matches_the_fake(tmp_path: Path) -> None:
    fake = make_fake(120, 80)
    url = _sqlite(tmp_path)
    assert invoke(fake, "sync", "leads", "--to", url).exit_code == 0
    fake.add_leads(next(iter(fake.campaigns)), 7)

    result = invoke(fake, "sync", "leads", "--to", url)

    assert result.exit_code == 0, result.output
    assert "(changes only): 7 lead memberships written" in result.stdout
    after, expected = asyncio.run(_stored_and_truth(fake, url))
    assert (after.memberships, after.people) == (expected.memberships, expected.people)


async def _stored_and_truth(fake: FakeSmartlead, url: str) -> tuple[Snapshot, Snapshot]:
    async with fake.client(rate_limit=None) as client:
        return await stored(url), await truth(fake, client)


def test_an_unreachable_database_exits_6_without_showing_its_password() -> None:
    fake = make_fake(5)
    url = f"postgresql://sync:{DB_PASSWORD}@127.0.0.1:1/smartlead"
    result = invoke(fake, "-v", "sync", "campaigns", "--to", url)
    assert result.exit_code == 6
    assert "smartlead-async: error: database error: database postgresql" in result.stderr
    assert DB_PASSWORD not in result.output
    assert SECRET_KEY not in result.output


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["sync", "people", "--to", "sqlite:///x.db"], "Invalid value for '{leads|"),
        (["sync", "leads", "--to", "mysql://u:pw@host/db"], "SQLite or PostgreSQL URL"),
        (["sync", "leads", "--to", "sqlite:///x.db", "--since", "soon"], "ISO 8601"),
    ],
)
def test_bad_arguments_exit_2_before_any_request(args: list[str], shown: str) -> None:
    fake = make_fake(5)
    result = invoke(fake, *args)
    assert result.exit_code == 2
    assert shown in result.output
    assert fake.stats.requests == 0


def test_without_the_db_extra_the_error_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_module(monkeypatch, "sqlalchemy")
    result = invoke(make_fake(5), "sync", "leads", "--to", _sqlite(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "smartlead-async: error: the sync command needs the 'db' extra (sqlalchemy is "
        "missing): pip install 'smartlead-async[db]'"
    )
