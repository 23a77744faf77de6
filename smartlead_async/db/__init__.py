"""Incremental sync of SmartLead records into SQLite or PostgreSQL (the ``[db]`` extra).

``result = await sync(client, "sqlite:///smartlead.db", what="leads")`` copies what changed
since the last run; see :func:`sync`. Importing this package needs no extra; calling
:func:`sync` needs ``pip install 'smartlead-async[db]'`` (SQLAlchemy, aiosqlite, asyncpg).
"""

from __future__ import annotations

from ._api import sync
from ._result import DatabaseSyncError, DbSyncProgress, DbSyncResult, DbSyncWhat

__all__ = ["DatabaseSyncError", "DbSyncProgress", "DbSyncResult", "DbSyncWhat", "sync"]
