"""Shared pieces of the database sync tests: target databases, the fake's truth, the
tables' contents."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from smartlead_async import SmartleadClient
from smartlead_async.db import _api as db_api
from smartlead_async.db._schema import (
    activities,
    campaign_leads,
    campaigns,
    email_events,
    leads,
    sync_state,
)
from smartlead_async.db._url import database_url
from smartlead_async.testing import FakeSmartlead

from ._postgres_server import new_database

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(name="db", params=BACKENDS)
async def db_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database of each backend (a test using it runs once per backend)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'smartlead.db'}"
    return await new_database(request.getfixturevalue("postgres_server_url"))


def hide_module(monkeypatch: pytest.MonkeyPatch, hidden: str) -> None:
    """Make the ``[db]`` extra's check see ``hidden`` as not installed."""
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        db_api.importlib.util, "find_spec",
        lambda name, *rest: None if name == hidden else real_find_spec(name, *rest),
    )


@dataclass
class Snapshot:
    """What matters of the synced data, keyed by natural key."""

    memberships: dict[int, tuple[Any, ...]]
    people: dict[int, tuple[Any, ...]]
    activities: set[int]
    #: (email_lead_map_id, sequence step) of each email -> whether it was replied to.
    emails: dict[tuple[int, int], bool]
    campaigns: set[int]


async def stored(url: str) -> Snapshot:
    """The tables' contents."""
    engine = create_async_engine(database_url("url", url).url)
    try:
        async with engine.connect() as connection:
            members = await connection.execute(select(
                campaign_leads.c.campaign_lead_map_id, campaign_leads.c.campaign_id,
                campaign_leads.c.lead_id, campaign_leads.c.status,
                campaign_leads.c.lead_category_id,
            ))  # fmt: skip
            people = await connection.execute(
                select(leads.c.id, leads.c.email, leads.c.first_name, leads.c.custom_fields)
            )
            activity_ids = await connection.execute(select(activities.c.email_lead_map_id))
            emails = await connection.execute(select(
                email_events.c.email_lead_map_id, email_events.c.seq_number,
                email_events.c.replied_at,
            ))  # fmt: skip
            campaign_ids = await connection.execute(select(campaigns.c.id))
            return Snapshot(
                memberships={row[0]: tuple(row[1:]) for row in members},
                people={row[0]: tuple(row[1:]) for row in people},
                activities={row[0] for row in activity_ids},
                emails={(row[0], row[1]): row[2] is not None for row in emails},
                campaigns={row[0] for row in campaign_ids},
            )
    finally:
        await engine.dispose()


async def watermarked_campaigns(url: str) -> set[int]:
    """Campaigns whose leads watermark is stored."""
    engine = create_async_engine(database_url("url", url).url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(sync_state.c.campaign_id).where(sync_state.c.what == "leads")
            )
            return {row[0] for row in rows}
    finally:
        await engine.dispose()


async def truth(fake: FakeSmartlead, client: SmartleadClient) -> Snapshot:
    """What the fake holds now, read through full listings (the tests' yardstick)."""
    memberships: dict[int, tuple[Any, ...]] = {}
    people: dict[int, tuple[Any, ...]] = {}
    for campaign_id in fake.campaigns:
        async for member in client.campaigns.leads.list(campaign_id):
            lead = member.lead
            assert lead.id is not None
            status = None if member.status is None else member.status.value
            memberships[member.campaign_lead_map_id] = (
                campaign_id, lead.id, status, member.lead_category_id,
            )
            people[lead.id] = (lead.email, lead.first_name, lead.custom_fields)
    emails: dict[tuple[int, int], bool] = {}
    async for activity in client.campaigns.activities.list():
        for email in activity.activities:
            assert email.email_seq_number is not None
            replied = email.reply_details is not None and email.reply_details.time is not None
            emails[activity.email_lead_map_id, email.email_seq_number] = replied
    return Snapshot(
        memberships=memberships, people=people, activities=set(fake.activity_ids()),
        emails=emails, campaigns=set(fake.campaigns),
    )


def fake_account(campaigns: int, leads_each: int, activities_count: int) -> FakeSmartlead:
    """A deterministic account: the same data in every process that builds it."""
    fake = FakeSmartlead(seed=20, rate_limit=None)
    for _ in range(campaigns):
        fake.add_campaign(lead_count=leads_each)
    fake.add_activities(activities_count)
    return fake
