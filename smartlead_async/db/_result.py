"""What :func:`sync` returns and reports while it runs (no SQLAlchemy needed to import)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

import attrs

from .._exceptions import SmartleadError

__all__ = ["DatabaseSyncError", "DbSyncProgress", "DbSyncResult", "DbSyncWhat"]

#: What one :func:`sync` run copies.
DbSyncWhat = Literal["leads", "activities", "campaigns"]


class DatabaseSyncError(SmartleadError):
    """The database could not be reached, read or written during a sync.

    The message names the database by its URL with the password masked; the transaction in
    progress was rolled back, so the stored watermarks still describe what is stored.
    """


class DbSyncProgress(Protocol):
    """Receives a sync's progress (the CLI's progress bar is one)."""

    def start(self, description: str, *, completed: int = 0, total: int | None = None) -> None:
        """A listing (a campaign's leads, the activities) begins."""

    def advance(self, records: int, *, total: int | None = None) -> None:
        """``records`` more were written (not yet committed) to the database."""


@attrs.frozen(kw_only=True)
class DbSyncResult:
    """What one :func:`sync` run did.

    Attributes:
        what: ``"leads"``, ``"activities"`` or ``"campaigns"``.
        target: the database URL, password masked.
        full: whether every listing was read in full (a first run, or ``since`` not given
            and no watermark stored yet); False when only changes were read.
        upserted: records inserted or updated (leads: memberships; activities: records).
        deleted: records deleted because the API no longer lists them.
        requests: HTTP requests sent through the client during the run (retries included).
        watermark: the newest watermark stored by this run (leads: the instant from which
            the next run asks for activity; activities: the newest event time stored), or
            None for campaigns.
    """

    what: DbSyncWhat
    target: str
    full: bool
    upserted: int
    deleted: int
    requests: int
    watermark: datetime | None
