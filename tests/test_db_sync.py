"""``smartlead_async.db.sync`` against the fake, into SQLite and a real PostgreSQL server.

The yardstick is the fake's truth read through full listings: after each sync the tables
hold exactly those records. Request counts come from the sync's own result.
"""

from __future__ import annotations

from datetime import UTC, datetime

from smartlead_async import SmartleadClient
from smartlead_async.db import DbSyncResult, DbSyncWhat, sync
from smartlead_async.testing import FakeSmartlead, LeadChurn

from ._db_sync import db_fixture, fake_account, stored, truth  # noqa: F401  (fixture)
from ._postgres_server import postgres_server_url  # noqa: F401  (fixture)

KINDS: tuple[DbSyncWhat, ...] = ("campaigns", "leads", "activities")



async def sync_all(
    fake: FakeSmartlead, client: SmartleadClient, url: str
) -> dict[str, DbSyncResult]:
    """Campaigns, leads, then activities, with the fake's clock as "now"."""
    return {what: await sync(client, url, what=what, clock=lambda: fake.now) for what in KINDS}


async def test_a_first_sync_fills_every_table_with_the_fakes_records(db: str) -> None:
    fake = fake_account(3, 2000, 10_000)
    async with fake.client(rate_limit=None) as client:
        results = await sync_all(fake, client, db)
        assert await stored(db) == await truth(fake, client)
    assert [results[what].full for what in KINDS] == [True, True, True]
    assert results["leads"].upserted == 6000
    assert results["activities"].upserted == 10_000
    assert results["campaigns"].upserted == 3


async def test_a_second_sync_reads_only_what_was_added_or_had_activity(db: str) -> None:
    fake = fake_account(3, 2000, 10_000)
    first_campaign, second_campaign, _ = fake.campaigns
    async with fake.client(rate_limit=None) as client:
        first = await sync_all(fake, client, db)
        fake.add_leads(first_campaign, 40)
        started = [
            map_id for map_id, (campaign, _, status, _) in (await stored(db)).memberships.items()
            if campaign == second_campaign and status == "STARTED"
        ][:6]
        for map_id in started:  # a first email, then a reply: the lead moves on
            fake.emit("EMAIL_SENT", second_campaign, map_id)
            fake.emit("EMAIL_REPLY", second_campaign, map_id)
        fake.add_activities(300, start=datetime(2027, 1, 1, tzinfo=UTC))

        second = await sync_all(fake, client, db)

        after = await stored(db)
        assert after == await truth(fake, client)
    assert {after.memberships[map_id][2] for map_id in started} == {"INPROGRESS"}
    assert second["leads"].full is False
    assert second["leads"].upserted == 40 + 6
    assert second["leads"].deleted == 0
    # The campaign list, then per campaign: new leads, leads with activity, the total.
    assert second["leads"].requests == 1 + 3 * 3
    # Key-anchored pages of 100 overlap by one record: 2,000 leads take 21 requests.
    assert first["leads"].requests == 1 + 3 * 21
    # The newest record stored is read again (event_time_from is inclusive), then the new.
    assert second["activities"].upserted == 1 + 300
    assert second["activities"].requests == 1
    assert first["activities"].requests >= 10


async def test_removed_leads_are_deleted_by_re_listing_only_their_campaign(db: str) -> None:
    fake = fake_account(3, 2000, 0)
    first_campaign, _, third_campaign = fake.campaigns
    async with fake.client(rate_limit=None) as client:
        first = await sync_all(fake, client, db)
        removed = list((await client.campaigns.leads.list(third_campaign, page_size=5)).items)
        for member in removed:
            assert member.lead.id is not None
            await client.campaigns.leads.delete(third_campaign, member.lead.id)
        fake.add_leads(first_campaign, 10)

        second = await sync_all(fake, client, db)

        after = await stored(db)
        assert after == await truth(fake, client)
    assert second["leads"].deleted == 5
    assert not {member.campaign_lead_map_id for member in removed} & after.memberships.keys()
    assert not {member.lead.id for member in removed} & after.people.keys()
    # 10 requests as without removals, plus the third campaign re-listed (1,995 leads in
    # key-anchored pages of 100 that overlap by one record: 21 requests).
    assert second["leads"].requests == 1 + 3 * 3 + 21
    assert second["leads"].requests < first["leads"].requests


async def test_a_deleted_campaign_leaves_the_tables(db: str) -> None:
    fake = fake_account(2, 150, 0)
    gone, kept = fake.campaigns
    async with fake.client(rate_limit=None) as client:
        await sync_all(fake, client, db)
        await client.campaigns.delete(gone)

        second = await sync_all(fake, client, db)

        after = await stored(db)
        assert after == await truth(fake, client)
    assert after.campaigns == {kept}
    assert second["campaigns"].deleted == 1
    assert second["leads"].deleted == 150


async def test_since_reads_again_from_that_instant(db: str) -> None:
    fake = fake_account(1, 300, 500)
    async with fake.client(rate_limit=None) as client:
        await sync_all(fake, client, db)
        again = await sync(
            client, db, what="activities", since=datetime(2025, 11, 1, tzinfo=UTC)
        )
        assert await stored(db) == await truth(fake, client)
    assert again.full is False
    assert again.upserted == 500


async def test_an_edit_without_activity_waits_for_a_full_run(db: str) -> None:
    fake = fake_account(1, 200, 0)
    (campaign,) = fake.campaigns
    async with fake.client(rate_limit=None) as client:
        await sync_all(fake, client, db)
        member = (await client.campaigns.leads.list(campaign, page_size=1)).items[0]
        assert member.lead.id is not None
        await client.campaigns.leads.update(
            campaign, member.lead.id, {"email": member.lead.email, "first_name": "Renamed"}
        )

        incremental = await sync(client, db, what="leads", clock=lambda: fake.now)
        assert (await stored(db)).people[member.lead.id][1] != "Renamed"
        full = await sync(client, db, what="leads", full=True, clock=lambda: fake.now)

        assert await stored(db) == await truth(fake, client)
    assert (incremental.full, incremental.upserted) == (False, 0)
    assert (full.full, full.upserted) == (True, 200)


async def test_a_list_that_moves_during_the_sync_is_stored_once_then_settles(db: str) -> None:
    fake = fake_account(2, 500, 0)
    churning, _ = fake.campaigns
    fake.churn_leads(churning, LeadChurn(insert=3, delete_anywhere=1, shuffle=0.002, seed=5))
    async with fake.client(rate_limit=None) as client:
        moving = await sync(client, db, what="leads", clock=lambda: fake.now)
        # Every membership the sync read was written once: none twice, none dropped.
        assert moving.upserted == len((await stored(db)).memberships)
        fake.churn_leads(churning, None)

        settled = await sync(client, db, what="leads", clock=lambda: fake.now)

        after = await stored(db)
        expected = await truth(fake, client)
    assert (after.memberships, after.people) == (expected.memberships, expected.people)
    assert settled.deleted > 0  # leads removed behind the first run's pages
