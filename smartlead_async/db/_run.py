"""One sync run: campaigns, campaign leads or activities, from the API into the database.

Each step is one transaction holding its rows and the watermark that describes them: a
campaign's leads, or all activities. A run that stops anywhere leaves every watermark at
the data committed with it; the next run reads again from there (an upsert of a record
already stored changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from .._client import SmartleadClient
from .._pagination import AsyncPaginator
from ..models import CampaignLead
from ._result import DbSyncProgress
from ._rows import activity_rows, campaign_row, lead_rows
from ._schema import activities, campaign_leads, campaigns, email_events, leads
from ._store import Store

__all__ = ["EVENT_OVERLAP", "RequestCount", "Syncer", "counting_requests"]

#: How far before the previous run's start the next run asks for lead activity, so a
#: server clock a little behind the client's loses nothing (re-reading is harmless).
EVENT_OVERLAP = timedelta(hours=1)


@dataclass
class RequestCount:
    """HTTP requests sent through a client while counting (every attempt)."""

    requests: int = 0

    async def __call__(self, _: httpx.Request) -> None:
        self.requests += 1


@contextmanager
def counting_requests(client: SmartleadClient) -> Iterator[RequestCount]:
    """Count the requests ``client``'s connection pool sends inside the block."""
    count = RequestCount()
    hooks = client._api.http_client.event_hooks["request"]
    hooks.append(count)
    try:
        yield count
    finally:
        hooks.remove(count)


@dataclass
class _Seen:
    """What one listing copied: membership ids and the newest ``created_at``."""

    ids: set[int] = field(default_factory=set)
    newest: datetime | None = None


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b)


class _NoProgress:
    def start(self, description: str, *, completed: int = 0, total: int | None = None) -> None:
        pass

    def advance(self, records: int, *, total: int | None = None) -> None:
        pass


class Syncer:
    """Copies one kind of record; the counters describe what it did so far."""

    def __init__(
        self,
        client: SmartleadClient,
        engine: AsyncEngine,
        *,
        since: datetime | None,
        full: bool,
        clock: Callable[[], datetime],
        progress: DbSyncProgress | None,
    ) -> None:
        self.client = client
        self.engine = engine
        self.since = since
        self.read_all = full
        self.clock = clock
        self.progress: DbSyncProgress = progress or _NoProgress()
        self.full = True
        self.upserted = 0
        self.deleted = 0
        self.watermark: datetime | None = None

    # -- campaigns ------------------------------------------------------------------------------

    async def campaigns(self) -> None:
        """Every campaign (one request): upserted, and those no longer listed deleted."""
        listed = await self.client.campaigns.list()
        self.progress.start("campaigns", total=len(listed))
        async with self.engine.begin() as connection:
            store = Store(connection)
            self.upserted += await store.upsert(campaigns, [campaign_row(c) for c in listed])
            self.deleted += await store.delete_rows(campaigns, {c.id for c in listed})
            await store.save_watermarks("campaigns", (None, None))
        self.progress.advance(len(listed), total=len(listed))

    # -- leads ------------------------------------------------------------------------------------

    async def leads(self) -> None:
        """The leads of every campaign, one transaction per campaign."""
        ids = [campaign.id for campaign in await self.client.campaigns.list()]
        async with self.engine.begin() as connection:
            store = Store(connection)
            for gone in await store.stored_campaign_ids() - set(ids):
                self.deleted += await store.forget_campaign(gone)
            await store.delete_orphan_leads()
        for index, campaign_id in enumerate(ids):
            label = f"campaign {campaign_id} ({index + 1}/{len(ids)})"
            await self._campaign_leads(campaign_id, label)

    async def _campaign_leads(self, campaign_id: int, label: str) -> None:
        listing = self.client.campaigns.leads.list
        async with self.engine.begin() as connection:
            store = Store(connection)
            marks = await store.watermarks("leads", campaign_id)
            # Taken before any listing: activity from here on is read by the next run.
            events_mark = self.clock() - EVENT_OVERLAP
            created_after, events_after = marks if marks is not None else (None, None)
            if self.read_all:
                created_after = events_after = None
            elif self.since is not None:
                created_after = events_after = self.since
            if created_after is None and events_after is None:
                seen = await self._copy(store, campaign_id, listing(campaign_id), label)
                await self._delete_unlisted(store, campaign_id, seen)
            else:
                self.full = False
                seen = await self._copy(
                    store, campaign_id, listing(campaign_id, created_at_gt=created_after), label
                )
                if events_after is not None:
                    changed = await self._copy(
                        store, campaign_id, listing(campaign_id, event_time_gt=events_after),
                        f"{label}, activity",
                    )
                    seen.newest = _later(seen.newest, changed.newest)
                await self._recount(store, campaign_id, label)
            newest = _later(marks[0] if marks is not None else None, seen.newest)
            await store.save_watermarks("leads", (newest, events_mark), campaign_id)
        self.watermark = _later(self.watermark, events_mark)

    async def _recount(self, store: Store, campaign_id: int, label: str) -> None:
        """Re-list a campaign in full when its total differs from the memberships stored
        (leads were removed, or added with an older ``created_at``)."""
        first = await self.client.campaigns.leads.list(campaign_id, page_size=1)
        stored = await store.count(campaign_leads, campaign_id=campaign_id)
        if first.total is not None and first.total == stored:
            return
        seen = await self._copy(
            store, campaign_id, self.client.campaigns.leads.list(campaign_id),
            f"{label}, recount",
        )
        await self._delete_unlisted(store, campaign_id, seen)

    async def _delete_unlisted(self, store: Store, campaign_id: int, listed: _Seen) -> None:
        gone = await store.membership_ids(campaign_id) - listed.ids
        if gone:
            self.deleted += await store.delete_memberships(gone)
            await store.delete_orphan_leads()

    async def _copy(
        self, store: Store, campaign_id: int, paginator: AsyncPaginator[CampaignLead], label: str
    ) -> _Seen:
        """Upsert every membership (and its person) the paginator yields, page by page."""
        seen = _Seen()
        self.progress.start(label)
        async for page in paginator.pages():
            members: list[dict[str, Any]] = []
            people: dict[int, dict[str, Any]] = {}
            for membership in page.items:
                member, person = lead_rows(campaign_id, membership)
                members.append(member)
                if person is not None:
                    people[person["id"]] = person
                seen.ids.add(member["campaign_lead_map_id"])
                seen.newest = _later(seen.newest, member["created_at"])
            await store.upsert(leads, list(people.values()))
            self.upserted += await store.upsert(campaign_leads, members)
            self.progress.advance(len(members), total=page.total)
        return seen

    # -- activities -------------------------------------------------------------------------------

    async def activities(self) -> None:
        """Activity records from the newest event stored on (all of them the first time),
        in one transaction with the new watermark."""
        async with self.engine.begin() as connection:
            store = Store(connection)
            marks = await store.watermarks("activities")
            newest = marks[0] if marks is not None else None
            start = None if self.read_all else self.since or newest
            self.full = start is None
            self.progress.start("activities")
            # ``event_time_from`` is inclusive: the newest record stored is read again.
            paginator = self.client.campaigns.activities.list(event_time_from=start)
            async for page in paginator.pages():
                records: list[dict[str, Any]] = []
                emails: list[dict[str, Any]] = []
                for activity in page.items:
                    record, its_emails = activity_rows(activity)
                    records.append(record)
                    emails += its_emails
                    newest = _later(newest, record["last_event_at"])
                self.upserted += await store.upsert(activities, records)
                await store.upsert(email_events, emails)
                self.progress.advance(len(records), total=page.total)
            await store.save_watermarks("activities", (newest, None))
        self.watermark = newest
