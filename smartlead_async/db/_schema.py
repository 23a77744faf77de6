"""The tables a sync writes, and their versioned migrations.

``schema_version`` holds the version the database is at. Each migration takes the schema
from the version before it to its own; they run in order, each in the transaction that
records its version. Version 1 creates every table that is missing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from ..models.leads import CONTACT_FIELDS
from ._result import DatabaseSyncError

__all__ = [
    "SCHEMA_VERSION",
    "activities",
    "campaign_leads",
    "campaigns",
    "email_events",
    "leads",
    "metadata",
    "migrate",
    "sync_state",
]

metadata = MetaData()


def _when(name: str) -> Column[object]:
    return Column(name, DateTime(timezone=True))


schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

campaigns = Table(
    "campaigns", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("name", Text),
    Column("status", String(32)),
    Column("client_id", BigInteger),
    Column("parent_campaign_id", BigInteger),
    _when("created_at"),
    _when("updated_at"),
)

#: People: one row per ``lead.id``, shared by every campaign that lists them.
leads = Table(
    "leads", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    *(Column(name, Text) for name in CONTACT_FIELDS),
    Column("is_unsubscribed", Boolean),
    Column("custom_fields", JSON, nullable=False),
)

#: Memberships: a lead in a campaign (``campaign_lead_map_id``).
campaign_leads = Table(
    "campaign_leads", metadata,
    Column("campaign_lead_map_id", BigInteger, primary_key=True, autoincrement=False),
    Column("campaign_id", BigInteger, nullable=False, index=True),
    Column("lead_id", BigInteger, index=True),
    Column("status", String(32)),
    Column("lead_category_id", BigInteger),
    _when("created_at"),
)

#: A lead's activity in one campaign (``email_lead_map_id``).
activities = Table(
    "activities", metadata,
    Column("email_lead_map_id", BigInteger, primary_key=True, autoincrement=False),
    Column("lead_id", BigInteger, index=True),
    Column("campaign_id", BigInteger, index=True),
    Column("status", String(32)),
    Column("current_seq_num", Integer),
    _when("created_at"),
    _when("last_event_at"),
)

#: The emails of an activity record, one per sequence step, with their engagement.
email_events = Table(
    "email_events", metadata,
    Column("email_lead_map_id", BigInteger, primary_key=True, autoincrement=False),
    Column("seq_number", Integer, primary_key=True, autoincrement=False),
    Column("stats_id", BigInteger),
    Column("message_id", Text),
    Column("subject", Text),
    Column("from_email", Text),
    Column("to_email", Text),
    _when("sent_at"),
    Column("open_count", Integer),
    Column("click_count", Integer),
    Column("click_details", JSON, nullable=False),
    _when("replied_at"),
    Column("reply_body", Text),
)

#: Where the last committed run of each kind stopped: ``campaign_id`` 0 for account-wide
#: listings. Written in the transaction of the data it describes.
sync_state = Table(
    "sync_state", metadata,
    Column("what", String(32), primary_key=True),
    Column("campaign_id", BigInteger, primary_key=True, autoincrement=False),
    _when("watermark"),
    _when("events_watermark"),
    _when("synced_at"),
)

Migration = Callable[[AsyncConnection], Awaitable[None]]


async def _create_tables(connection: AsyncConnection) -> None:
    await connection.run_sync(metadata.create_all, checkfirst=True)


#: Migration n (1-based) brings the schema to version n.
MIGRATIONS: tuple[Migration, ...] = (_create_tables,)
SCHEMA_VERSION = len(MIGRATIONS)


async def migrate(connection: AsyncConnection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the version it was at (0: new).

    Raises:
        DatabaseSyncError: the database was written by a newer smartlead-async.
    """
    await connection.run_sync(schema_version.create, checkfirst=True)
    current = (await connection.execute(select(func.max(schema_version.c.version)))).scalar()
    found = int(current or 0)
    if found > SCHEMA_VERSION:
        raise DatabaseSyncError(
            f"the database is at schema version {found}, newer than this smartlead-async "
            f"knows ({SCHEMA_VERSION}): upgrade smartlead-async"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        await MIGRATIONS[version - 1](connection)
        await connection.execute(schema_version.insert().values(version=version))
    return found
