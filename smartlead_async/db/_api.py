"""``await sync(client, url, what=...)``: the public entry point.

Arguments are checked, and the ``[db]`` extra looked for, before any request; SQLAlchemy is
imported only then, so ``import smartlead_async`` never needs it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .._args import DateLike, flag, one_of, optional, parse_date_like
from .._client import SmartleadClient
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from .._redact import redact
from ._result import DatabaseSyncError, DbSyncProgress, DbSyncResult, DbSyncWhat

if TYPE_CHECKING:
    from ._url import DatabaseURL

__all__ = ["DB_EXTRA_HINT", "sync"]

#: How to get what :func:`sync` needs.
DB_EXTRA_HINT = "pip install 'smartlead-async[db]'"
_WHAT: tuple[DbSyncWhat, ...] = ("leads", "activities", "campaigns")


def _require(*modules: str) -> None:
    """Raise ImportError naming the ``db`` extra when one of ``modules`` is missing."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise ImportError(
                f"sync() needs the 'db' extra ({module} is missing): {DB_EXTRA_HINT}",
                name=module,
            )


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def sync(
    client: SmartleadClient,
    url: str,
    *,
    what: DbSyncWhat,
    since: DateLike | None = None,
    full: bool = False,
    clock: Callable[[], datetime] = _utc_now,
    progress: DbSyncProgress | None = None,
) -> DbSyncResult:
    """Copy what changed in SmartLead since the last run into a SQLite or PostgreSQL database.

    The first run into a database reads everything; later runs read only what changed:
    campaign leads created after the newest one stored (``created_at_gt``) or with activity
    since the previous run (``event_time_gt``), activity records from the newest event stored
    on (``event_time_from``). Records are upserted by their natural key
    (``campaign_lead_map_id``, ``lead.id``, ``email_lead_map_id``, campaign ``id``); each
    watermark is stored in the transaction of the data it covers (one per campaign's leads,
    one for the activities), so an interrupted run loses nothing and stores nothing twice.
    A campaign whose total differs from the memberships stored is re-listed in full, and
    memberships it no longer lists are deleted. The schema is created (and migrated) on first use.

    Needs the ``db`` extra: ``pip install 'smartlead-async[db]'``.

    Args:
        client: an open :class:`SmartleadClient`.
        url: the database: ``sqlite:///smartlead.db`` (a file) or
            ``postgresql://user:password@host:5432/db`` (the async drivers aiosqlite and
            asyncpg are used). The password never appears in errors or results.
        what: ``"leads"`` (memberships and people of every campaign), ``"activities"``
            (all-leads activity records) or ``"campaigns"`` (the campaign list, always read
            in full).
        since: read changes after this date or instant instead of after the stored
            watermarks (e.g. to re-read a period); the watermarks stored afterwards are as
            after any run.
        full: read everything again, as a first run does, and delete what the API no longer
            lists: the periodic way to pick up what incremental runs cannot see (a lead's
            details edited without activity). Not together with ``since``.
        clock: "now" for the leads activity watermark: the system clock in UTC by default.
            The next run asks for activity from this instant (less one hour of overlap).
        progress: receives ``start(...)`` per listing and ``advance(n)`` per page written.

    Returns:
        What was done: records upserted and deleted, requests sent, the watermark.

    Raises:
        InvalidArgumentError: ``what``, ``url`` or ``since`` is not valid, or ``since`` and
            ``full`` are both given (before any request).
        ImportError: the ``db`` extra is not installed.
        DatabaseSyncError: the database failed; its transaction was rolled back.
    """
    if not isinstance(client, SmartleadClient):
        raise InvalidArgumentTypeError(
            f"client must be a SmartleadClient, got {type(client).__name__}"
        )
    one_of("what", what, _WHAT)
    start = optional(parse_date_like, "since", since)
    flag("full", full)
    if full and start is not None:
        raise InvalidArgumentError("give since or full=True, not both")
    if not callable(clock):
        raise InvalidArgumentTypeError(f"clock must be callable, got {type(clock).__name__}")
    _require("sqlalchemy", "greenlet")
    from ._url import database_url

    target = database_url("url", url)
    _require(target.driver)
    return await _run(client, target, what, start, full, clock, progress)


async def _run(
    client: SmartleadClient,
    target: DatabaseURL,
    kind: DbSyncWhat,
    since: datetime | None,
    full: bool,
    clock: Callable[[], datetime],
    progress: DbSyncProgress | None,
) -> DbSyncResult:
    from sqlalchemy.exc import SQLAlchemyError

    from ._run import Syncer, counting_requests
    from ._schema import migrate
    from ._store import open_engine

    with counting_requests(client) as count:
        try:
            async with open_engine(target) as engine:
                async with engine.begin() as connection:
                    await migrate(connection)
                syncer = Syncer(
                    client, engine, since=since, full=full, clock=clock, progress=progress
                )
                steps = {
                    "leads": syncer.leads, "activities": syncer.activities,
                    "campaigns": syncer.campaigns,
                }
                await steps[kind]()
        except (SQLAlchemyError, OSError) as error:
            detail = str(getattr(error, "orig", None) or error).splitlines()[0]
            raise DatabaseSyncError(
                redact(f"database {target}: {detail}", target.password)
            ) from error
    return DbSyncResult(
        what=kind, target=str(target), full=syncer.full, upserted=syncer.upserted,
        deleted=syncer.deleted, requests=count.requests, watermark=syncer.watermark,
    )
