"""``client.delivery`` against the fake: tests created are listed, reported on, filed in
folders, stopped and deleted; what a test must name (a campaign, seed providers) is checked."""

from __future__ import annotations

from typing import Any

import pytest

from smartlead_async import (
    BadRequestError,
    NotFoundError,
    SpamTestInput,
    SpamTestType,
    UnprocessableEntityError,
)

from ._behaviour import connected, strict_fake


def spam_test(campaign_id: int, **changes: Any) -> SpamTestInput:
    fields: dict[str, Any] = {
        "test_name": "Copy check", "campaign_id": campaign_id, "sequence_mapping_id": 1,
        "provider_ids": [1, 2, 5], "sender_accounts": ["ada@acme.com", "bob@acme.io"],
        "spam_filters": ["spam_assassin"], "link_checker": True, "is_warmup": False,
        "all_email_sent_without_time_gap": True, "min_time_btwn_emails": 0,
        "min_time_unit": "minutes", **changes,
    }
    return SpamTestInput(**fields)


async def test_a_manual_test_is_listed_and_reported_on() -> None:
    fake = strict_fake(strict=True)
    campaign_id = fake.add_campaign(lead_count=1)
    async with connected(fake) as client:
        created = await client.delivery.create_manual_test(spam_test(campaign_id))
        assert created.id is not None
        (listed,) = [t async for t in client.delivery.tests(test_type="manual")]
        auto = [t async for t in client.delivery.tests(test_type=SpamTestType.AUTO)]
        test = await client.delivery.get_test(created.id)
        providers = await client.delivery.reports.providerwise(created.id)
        regions = await client.delivery.reports.groupwise(created.id)
        senders = await client.delivery.reports.sender_account_wise(created.id)
        reply_id = senders.data[0]["emails"][0]["reply_id"]
        headers = await client.delivery.reports.email_headers(created.id, reply_id)
        dkim = await client.delivery.reports.dkim_details(created.id)
        count = await client.delivery.reports.mailboxes_count()
        history = await client.delivery.reports.schedule_history(created.id)
        with pytest.raises(NotFoundError):
            await client.delivery.reports.email_headers(created.id, reply_id + 999)
    assert (listed.id, listed.name, listed.test_type, auto) == (
        created.id, "Copy check", SpamTestType.MANUAL, [])
    assert (test.status, test.campaign_id) == ("completed", campaign_id)
    assert [row["provider_name"] for row in providers.data] == ["Gmail", "Outlook", "GMX"]
    assert sum(row["total"] for row in providers.data) == 6  # 2 senders x 3 providers
    assert {row["region"] for row in regions.data} == {"North America", "Europe"}
    assert headers.data["headers"]["From"] == "ada@acme.com"
    assert [row["sender_account"] for row in dkim.data] == ["ada@acme.com", "bob@acme.io"]
    assert count.data == {"count": 2} and history.data == []


async def test_an_automated_test_runs_until_stopped_and_a_manual_one_cannot_be_stopped() -> None:
    fake = strict_fake(strict=True)
    campaign_id = fake.add_campaign(lead_count=1)
    async with connected(fake) as client:
        auto = await client.delivery.create_automated_test(
            spam_test(campaign_id), schedule_start_time="2025-12-02T08:00:00Z", every_days=1,
            days=[1, 3, 5], timezone="Europe/Paris")
        manual = await client.delivery.create_manual_test(spam_test(campaign_id))
        assert auto.id is not None and manual.id is not None
        history = await client.delivery.reports.schedule_history(auto.id)
        await client.delivery.stop_test(auto.id)
        stopped = await client.delivery.get_test(auto.id)
        with pytest.raises(BadRequestError, match="automated"):
            await client.delivery.stop_test(manual.id)
        await client.delivery.delete_tests([auto.id])
        remaining = [t.id async for t in client.delivery.tests()]
        with pytest.raises(NotFoundError):
            await client.delivery.get_test(auto.id)
    assert len(history.data) == 3 and stopped.status == "stopped"
    assert stopped.test_type is SpamTestType.AUTO and remaining == [manual.id]


async def test_folders_file_tests_and_forget_them_when_deleted() -> None:
    fake = strict_fake(strict=True)
    campaign_id = fake.add_campaign(lead_count=1)
    async with connected(fake) as client:
        folder = await client.delivery.folders.create("Q3 checks")
        assert folder.id is not None
        test = await client.delivery.create_manual_test(spam_test(campaign_id,
                                                                  folder_id=folder.id))
        assert test.id is not None
        got = await client.delivery.folders.get(folder.id)
        (listed,) = await client.delivery.folders.list()
        await client.delivery.folders.delete(folder.id)
        after = await client.delivery.get_test(test.id)
        with pytest.raises(NotFoundError):
            await client.delivery.folders.get(folder.id)
    assert (got.name, got.extra["test_ids"]) == ("Q3 checks", [test.id])
    assert (listed.id, listed.extra["test_count"]) == (folder.id, 1)
    assert after.folder_id is None


async def test_a_test_must_name_a_campaign_and_known_providers() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=1)
    async with connected(fake) as client:
        with pytest.raises(NotFoundError, match="Campaign"):
            await client.delivery.create_manual_test(spam_test(campaign_id + 1))
        with pytest.raises(UnprocessableEntityError, match="provider_ids"):
            await client.delivery.create_manual_test(spam_test(campaign_id,
                                                               provider_ids=[99]))
        with pytest.raises(NotFoundError, match="Folder"):
            await client.delivery.create_manual_test(spam_test(campaign_id, folder_id=5))
        assert [t async for t in client.delivery.tests()] == []


async def test_the_fake_lists_the_seed_providers_by_region() -> None:
    async with connected(strict_fake(strict=True)) as client:
        providers = await client.delivery.providers()
    assert [region["region"] for region in providers.data] == [
        "North America", "Europe", "Asia"]
    assert providers.data[0]["providers"][0] == {"id": 1, "name": "Gmail"}
