"""The database side of a sync: the engine, upserts by natural key, deletions, watermarks.

Every method runs on the connection of one transaction, so the rows and the watermark a
step writes are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, and_, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from ._rows import utc
from ._schema import campaign_leads, leads, sync_state
from ._url import DatabaseURL

__all__ = ["Store", "Watermarks", "open_engine"]

Watermarks = tuple[datetime | None, datetime | None]


@asynccontextmanager
async def open_engine(target: DatabaseURL) -> AsyncIterator[AsyncEngine]:
    """An engine for ``target`` whose errors never show statement parameters (lead data)."""
    engine = create_async_engine(target.url, hide_parameters=True)
    try:
        yield engine
    finally:
        await engine.dispose()


class Store:
    """Writes through one open transaction (``async with engine.begin() as connection``)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._insert = (
            postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        )

    async def upsert(self, table: Table, rows: Sequence[dict[str, Any]]) -> int:
        """Insert ``rows``, updating every column of those whose primary key is stored."""
        if not rows:
            return 0
        keys = [column.name for column in table.primary_key]
        statement = self._insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=keys,
            set_={
                column.name: statement.excluded[column.name]
                for column in table.columns
                if column.name not in keys
            },
        )
        await self.connection.execute(statement, list(rows))
        return len(rows)

    async def count(self, table: Table, **where: Any) -> int:
        condition = and_(*(table.c[name] == value for name, value in where.items()))
        found = await self.connection.execute(
            select(func.count()).select_from(table).where(condition)
        )
        return int(found.scalar_one())

    async def stored_campaign_ids(self) -> set[int]:
        """Campaigns that have memberships or a leads watermark stored."""
        members = await self.connection.execute(select(campaign_leads.c.campaign_id).distinct())
        states = await self.connection.execute(
            select(sync_state.c.campaign_id).where(sync_state.c.what == "leads")
        )
        return {int(cid) for (cid,) in members} | {int(cid) for (cid,) in states}

    async def membership_ids(self, campaign_id: int) -> set[int]:
        rows = await self.connection.execute(
            select(campaign_leads.c.campaign_lead_map_id).where(
                campaign_leads.c.campaign_id == campaign_id
            )
        )
        return {int(map_id) for (map_id,) in rows}

    async def delete_memberships(self, map_ids: Iterable[int]) -> int:
        ids = list(map_ids)
        for start in range(0, len(ids), 500):
            await self.connection.execute(
                delete(campaign_leads).where(
                    campaign_leads.c.campaign_lead_map_id.in_(ids[start : start + 500])
                )
            )
        return len(ids)

    async def forget_campaign(self, campaign_id: int) -> int:
        """Delete a campaign's memberships and its leads watermark; returns memberships."""
        removed = await self.count(campaign_leads, campaign_id=campaign_id)
        await self.connection.execute(
            delete(campaign_leads).where(campaign_leads.c.campaign_id == campaign_id)
        )
        await self.connection.execute(
            delete(sync_state).where(
                and_(sync_state.c.what == "leads", sync_state.c.campaign_id == campaign_id)
            )
        )
        return removed

    async def delete_orphan_leads(self) -> None:
        """Delete the people no stored membership refers to any more."""
        members = select(campaign_leads.c.lead_id).where(campaign_leads.c.lead_id.is_not(None))
        await self.connection.execute(delete(leads).where(leads.c.id.not_in(members)))

    async def delete_rows(self, table: Table, keep_ids: set[int]) -> int:
        """Delete the rows of ``table`` whose (single-column) key is not in ``keep_ids``."""
        key = next(iter(table.primary_key))
        stored = {int(value) for (value,) in await self.connection.execute(select(key))}
        gone = stored - keep_ids
        for value in gone:
            await self.connection.execute(delete(table).where(key == value))
        return len(gone)

    async def watermarks(self, what: str, campaign_id: int = 0) -> Watermarks | None:
        """The stored ``(watermark, events_watermark)``, or None before the first run."""
        row = (
            await self.connection.execute(
                select(sync_state.c.watermark, sync_state.c.events_watermark).where(
                    and_(sync_state.c.what == what, sync_state.c.campaign_id == campaign_id)
                )
            )
        ).first()
        return None if row is None else (utc(row[0]), utc(row[1]))

    async def save_watermarks(
        self, what: str, marks: Watermarks, campaign_id: int = 0
    ) -> None:
        await self.upsert(sync_state, [{
            "what": what, "campaign_id": campaign_id, "watermark": marks[0],
            "events_watermark": marks[1], "synced_at": datetime.now(UTC),
        }])  # fmt: skip
