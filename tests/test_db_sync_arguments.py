"""``sync``'s refusals: bad arguments and a missing extra before any request, database
failures as ``DatabaseSyncError`` without the password."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from smartlead_async import DatabaseSyncError, InvalidArgumentError, InvalidArgumentTypeError
from smartlead_async.db import sync
from smartlead_async.testing import FakeSmartlead

from ._db_sync import hide_module
from ._postgres_server import (
    new_database,
    password_of,
    postgres_server_url,  # noqa: F401  (fixture)
)


@pytest.fixture
def fake() -> FakeSmartlead:
    fake = FakeSmartlead(rate_limit=None)
    fake.add_campaign(lead_count=5)
    return fake


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"what": "people"}, "what must be one of 'leads', 'activities', 'campaigns'"),
        ({"url": "mysql://u:p@host/db"}, "url must be a SQLite or PostgreSQL URL"),
        ({"url": "sqlite://"}, "url must name a SQLite file"),
        ({"url": "not a url"}, "url is not a database URL"),
        ({"since": "yesterday"}, "since must be an ISO 8601 date"),
        ({"since": "2025-11-01", "full": True}, "give since or full=True, not both"),
    ],
)
async def test_a_bad_argument_is_refused_before_any_request(
    fake: FakeSmartlead, tmp_path: Path, arguments: dict[str, object], message: str
) -> None:
    options: dict[str, object] = {
        "url": f"sqlite:///{tmp_path / 'x.db'}", "what": "leads", **arguments,
    }
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(InvalidArgumentError, match=message):
            await sync(client, options.pop("url"), **options)  # type: ignore[arg-type]
    assert fake.stats.requests == 0


async def test_a_url_that_is_not_a_string_is_a_type_error(fake: FakeSmartlead) -> None:
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(InvalidArgumentTypeError, match="url must be a database URL"):
            await sync(client, Path("x.db"), what="leads")  # type: ignore[arg-type]


async def test_a_missing_driver_names_the_db_extra(
    fake: FakeSmartlead, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_module(monkeypatch, "asyncpg")
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(ImportError) as raised:
            await sync(client, "postgresql://u@127.0.0.1/db", what="leads")
    assert "pip install 'smartlead-async[db]'" in str(raised.value)
    assert raised.value.name == "asyncpg"
    assert fake.stats.requests == 0


async def test_a_database_written_by_a_newer_version_is_refused(
    fake: FakeSmartlead, tmp_path: Path
) -> None:
    path = tmp_path / "newer.db"
    with closing(sqlite3.connect(path)) as connection, connection:  # committed, then closed
        connection.execute("CREATE TABLE schema_version (version INTEGER, applied_at TEXT)")
        connection.execute("INSERT INTO schema_version VALUES (99, '2030-01-01')")
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(DatabaseSyncError, match="schema version 99, newer than"):
            await sync(client, f"sqlite:///{path}", what="leads")


async def test_a_refused_postgresql_login_does_not_show_the_password(
    fake: FakeSmartlead, postgres_server_url: str  # noqa: F811
) -> None:
    url = await new_database(postgres_server_url)
    url = url.replace(f":{password_of(url)}@", ":WRONG-PLANTED-pw@")
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(DatabaseSyncError) as raised:
            await sync(client, url, what="campaigns")
    shown = f"{raised.value} {raised.value!r}"
    assert "WRONG-PLANTED-pw" not in shown
    assert "***" in shown


async def test_a_result_names_the_database_without_its_password(
    fake: FakeSmartlead, postgres_server_url: str  # noqa: F811
) -> None:
    url = await new_database(postgres_server_url)
    async with fake.client(rate_limit=None) as client:
        result = await sync(client, url, what="campaigns")
    password = password_of(url)
    assert password
    assert password not in f"{result} {result.target}"
    assert result.upserted == 1
