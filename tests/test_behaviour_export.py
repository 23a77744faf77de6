"""The campaign CSV export through the SDK against the fake: streamed, complete, in order."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

from smartlead_async import SmartleadClient

from ._behaviour import connected, strict_fake
from .conftest import FAST_LIMIT

EXPORT_SIZE = 10_000


async def test_a_10000_lead_export_streams_with_memory_far_below_its_size(
    tmp_path: Path,
) -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=EXPORT_SIZE)
    target = tmp_path / "leads.csv"
    async with connected(fake) as client:
        await client.campaigns.leads.export_csv_to(campaign_id, target)  # warm up, and size it
        csv_bytes = target.stat().st_size
        rows = 0
        tracemalloc.start()
        try:
            async for _ in client.campaigns.leads.export_csv(campaign_id):
                rows += 1
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert rows == EXPORT_SIZE
    # Client and fake together, while every row went through: a fraction of the body's size
    # (measured about 13%); holding the body whole anywhere would exceed it.
    assert peak < 0.25 * csv_bytes, (peak, csv_bytes)


async def test_export_csv_to_writes_every_row_in_listing_order(tmp_path: Path) -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=1234)
    target = tmp_path / "leads.csv"
    async with connected(fake) as client:
        written = await client.campaigns.leads.export_csv_to(campaign_id, target)
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert written == len(rows) == 1234
    assert [int(row["campaign_lead_map_id"]) for row in rows] == fake.lead_ids(campaign_id)
    assert not (tmp_path / "leads.csv.part").exists()


async def test_exported_rows_carry_the_documented_columns_and_the_leads_values() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=150)
    async with connected(fake) as client:
        rows = [row async for row in client.campaigns.leads.export_csv(campaign_id)]
        listed = (await client.campaigns.leads.list(campaign_id)).items
    assert list(rows[0]) == [
        "id", "campaign_lead_map_id", "status", "created_at", "first_name", "last_name", "email",
        "phone_number", "company_name", "website", "location", "custom_fields",
        "linkedin_profile", "company_url", "is_unsubscribed", "last_email_sequence_sent",
        "is_interested", "open_count", "click_count", "reply_count",
    ]
    assert [(row["email"], row["status"]) for row in rows[:100]] == [
        (item.lead.email, str(item.status)) for item in listed
    ]
    assert {row["is_unsubscribed"] for row in rows} <= {"true", "false"}


async def test_an_export_over_a_real_socket_arrives_chunked_and_whole() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=700)
    async with fake.serve() as base_url, SmartleadClient(
        api_key=fake.api_key, base_url=base_url, rate_limit=FAST_LIMIT
    ) as client:
        rows = [row async for row in client.campaigns.leads.export_csv(campaign_id)]
    assert [int(row["campaign_lead_map_id"]) for row in rows] == fake.lead_ids(campaign_id)
