"""The ``sync`` command's body: run :func:`smartlead_async.db.sync` with progress, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

import click

from ..db import DbSyncResult, DbSyncWhat, sync
from ..db._api import DB_EXTRA_HINT
from ._backend import Connection, connect
from ._errors import CliError, ExitCode
from ._export_run import describe_demo
from ._options import Settings, rate_limit_text
from ._progress import ExportProgress
from ._run import notify, run
from ._summary import api_usage_line

__all__ = ["SyncRun"]

_NOUNS = {"leads": "lead memberships", "activities": "activity records", "campaigns": "campaigns"}


def _password(url: str) -> str:
    """The password in a database URL ("" when none or unreadable), to mask in output."""
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


class SyncRun:
    """One ``sync`` command."""

    def __init__(
        self, settings: Settings, what: DbSyncWhat, url: str, *, since: str | None, full: bool
    ) -> None:
        self.settings = settings
        self.what = what
        self.url = url
        self.since = since
        self.full = full

    def __call__(self) -> ExitCode:
        return run(
            self.settings, self.main, on_interrupt=self.interrupted,
            secrets=(_password(self.url),),
        )

    def interrupted(self) -> str:
        return (
            "interrupted: the transaction in progress was rolled back; what was committed "
            "before stays, with its watermark, and the next run continues from there"
        )

    async def main(self) -> None:
        """Sync, then print the summary."""
        started = time.monotonic()
        async with connect(self.settings) as connection:
            if connection.demo:
                notify(describe_demo(connection, self.settings))
            progress = ExportProgress(enabled=self.settings.progress and not self.settings.verbose)
            with progress:
                try:
                    result = await sync(
                        connection.client, self.url, what=self.what, since=self.since,
                        full=self.full, progress=progress, **_clock_of(connection),
                    )
                except ImportError as error:
                    raise CliError(
                        f"the sync command needs the 'db' extra ({error.name} is missing): "
                        f"{DB_EXTRA_HINT}",
                        ExitCode.FAILURE,
                    ) from None
            rate_limited = connection.rate_limited
        for line in _summary(result, time.monotonic() - started, self.settings, rate_limited):
            click.echo(line)


def _clock_of(connection: Connection) -> dict[str, Callable[[], datetime]]:
    """A fake (``--demo``, tests) keeps its own virtual time: "now" is the fake's."""
    fake = connection.fake
    return {} if fake is None else {"clock": lambda: fake.now}


def _summary(
    result: DbSyncResult, elapsed: float, settings: Settings, rate_limited: int
) -> list[str]:
    mode = "full" if result.full else "changes only"
    return [
        f"Synced {result.what} into {result.target} ({mode}): {result.upserted:,} "
        f"{_NOUNS[result.what]} written, {result.deleted:,} deleted, in {elapsed:.1f} s.",
        api_usage_line(
            requests=result.requests, elapsed=elapsed,
            limit=rate_limit_text(settings.rate_limit), rate_limited=rate_limited,
        ),
    ]
