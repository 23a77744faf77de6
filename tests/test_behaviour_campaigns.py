"""Campaign write paths through the SDK against the fake: what a write changes is what reads see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import (
    BadRequestError,
    CampaignStatus,
    NotFoundError,
    SequenceInput,
    SequenceVariantInput,
    WebhookEventType,
)

from ._behaviour import connected, requests_to, strict_fake
from ._virtual_clock import on_virtual_clock


@on_virtual_clock
async def test_a_created_campaign_appears_in_the_list() -> None:
    fake = strict_fake()
    older = fake.add_campaign(name="Older", lead_count=3)
    async with connected(fake) as client:
        created = await client.campaigns.create("Q3 outreach")
        campaigns = await client.campaigns.list()
    assert [c.id for c in campaigns] == [created.id, older]  # newest first
    assert campaigns[0].name == "Q3 outreach" and campaigns[0].created_at == created.created_at


@on_virtual_clock
async def test_a_created_campaign_is_a_draft_without_leads_or_sequence() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        created = await client.campaigns.create("Fresh", client_id=22)
        assert created.id is not None
        campaign = await client.campaigns.get(created.id)
        page = await client.campaigns.leads.list(created.id)
        steps = await client.campaigns.sequences.list(created.id)
    assert campaign.status is CampaignStatus.DRAFTED and campaign.client_id == 22
    assert (page.total, page.items, steps) == (0, [], [])


@on_virtual_clock
async def test_a_deleted_campaign_answers_not_found() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=5)
    async with connected(fake) as client:
        await client.campaigns.delete(campaign_id)
        with pytest.raises(NotFoundError, match="Campaign not found"):
            await client.campaigns.get(campaign_id)
        listed = await client.campaigns.list()
    assert listed == [] and campaign_id not in fake.campaigns


@on_virtual_clock
async def test_with_quirks_a_missing_campaign_answers_200_empty_and_still_raises_not_found() -> (
    None
):
    fake = strict_fake(quirks=True)
    async with connected(fake) as client:
        with pytest.raises(NotFoundError, match="empty body"):
            await client.campaigns.get(12345)
    assert fake.stats.status_counts == {200: 1}


@on_virtual_clock
async def test_a_schedule_update_shows_in_the_campaign() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        before = await client.campaigns.get(campaign_id)
        await client.campaigns.update_schedule(
            campaign_id, timezone="Europe/Paris", days_of_the_week=[5, 1, 3],
            start_hour="08:30", end_hour="17:45", min_time_btw_emails=12,
            max_new_leads_per_day=40, schedule_start_time="2026-01-05T08:00:00Z",
        )
        after = await client.campaigns.get(campaign_id)
    schedule = after.scheduler_cron_value
    assert schedule is not None
    assert (schedule.tz, schedule.days, schedule.start_hour, schedule.end_hour) == (
        "Europe/Paris", [1, 3, 5], "08:30", "17:45")
    assert (after.min_time_btwn_emails, after.max_leads_per_day) == (12, 40)
    assert after.schedule_start_time == datetime(2026, 1, 5, 8, tzinfo=UTC)
    assert after.updated_at is not None and before.updated_at is not None
    assert after.updated_at > before.updated_at


@on_virtual_clock
async def test_a_schedule_in_an_unknown_time_zone_is_the_documented_bad_request() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with fake.http_client() as http:
        response = await http.post(
            f"/campaigns/{campaign_id}/schedule", params={"api_key": fake.api_key},
            json={"timezone": "Mars/Olympus", "days_of_the_week": [1], "start_hour": "09:00",
                  "end_hour": "10:00"},
        )
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid timezone - Mars/Olympus"}


@on_virtual_clock
async def test_a_settings_update_shows_in_the_campaign() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        await client.campaigns.update_settings(
            campaign_id, track_settings=["DONT_TRACK_EMAIL_OPEN"],
            stop_lead_settings="CLICK_ON_A_LINK", unsubscribe_text="Bye",
            send_as_plain_text=True, follow_up_percentage=60, client_id=33,
            enable_ai_esp_matching=False,
        )
        campaign = await client.campaigns.get(campaign_id)
    assert campaign.track_settings == ["DONT_TRACK_EMAIL_OPEN"]
    assert (campaign.stop_lead_settings, campaign.unsubscribe_text) == ("CLICK_ON_A_LINK", "Bye")
    assert (campaign.send_as_plain_text, campaign.enable_ai_esp_matching) == (True, False)
    assert (campaign.follow_up_percentage, campaign.client_id) == (60, 33)


@pytest.mark.parametrize(
    ("action", "status"),
    [("START", CampaignStatus.ACTIVE), ("PAUSED", CampaignStatus.PAUSED),
     ("STOPPED", CampaignStatus.STOPPED)],
)
@on_virtual_clock
async def test_a_status_action_shows_in_the_campaign(action: str, status: CampaignStatus) -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(status="DRAFTED")
    async with connected(fake) as client:
        await client.campaigns.set_status(campaign_id, action)
        campaign = await client.campaigns.get(campaign_id)
    assert campaign.status is status


@on_virtual_clock
async def test_a_saved_sequence_replaces_the_old_one() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        old = await client.campaigns.sequences.list(campaign_id)
        first = old[0]
        await client.campaigns.sequences.save(campaign_id, [
            SequenceInput(seq_number=1, id=first.id, seq_variants=[
                SequenceVariantInput(id=first.sequence_variants[0].id, subject="Hi",
                                     email_body="<p>A</p>", variant_label="A"),
                SequenceVariantInput(subject="Hello", email_body="<p>C</p>", variant_label="C"),
            ]),
            SequenceInput(seq_number=2, delay_in_days=3, email_body="<p>Bump</p>"),
        ])
        new = await client.campaigns.sequences.list(campaign_id)
    assert [step.seq_number for step in new] == [1, 2]
    assert new[0].id == first.id and new[0].created_at == first.created_at
    assert [v.variant_label for v in new[0].sequence_variants] == ["A", "C"]
    assert new[0].sequence_variants[0].id == first.sequence_variants[0].id
    assert new[1].seq_delay_details is not None and new[1].seq_delay_details.delay_in_days == 3
    assert new[1].id not in {step.id for step in old}


@on_virtual_clock
async def test_saving_a_step_with_an_id_of_another_campaign_is_a_bad_request() -> None:
    fake = strict_fake()
    mine, other = fake.add_campaign(), fake.add_campaign()
    async with connected(fake) as client:
        foreign = (await client.campaigns.sequences.list(other))[0].id
        with pytest.raises(BadRequestError, match=f"Invalid sequence id - {foreign}"):
            await client.campaigns.sequences.save(
                mine, [SequenceInput(seq_number=1, id=foreign, email_body="<p>x</p>")]
            )


@on_virtual_clock
async def test_a_webhook_upserted_is_listed_then_deleted() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        created = await client.campaigns.webhooks.upsert(
            campaign_id, name="replies", webhook_url="https://example.com/hook",
            event_types=[WebhookEventType.EMAIL_REPLY], categories=["Interested"],
        )
        listed = await client.campaigns.webhooks.list(campaign_id)
        await client.campaigns.webhooks.delete(campaign_id, created.id or 0)
        after = await client.campaigns.webhooks.list(campaign_id)
        with pytest.raises(NotFoundError):
            await client.campaigns.webhooks.delete(campaign_id, created.id or 0)
    assert [(w.id, w.name, w.event_types, w.categories) for w in listed] == [
        (created.id, "replies", ["EMAIL_REPLY"], ["Interested"])]
    assert after == []


@on_virtual_clock
async def test_an_upsert_with_a_webhook_id_updates_that_webhook() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        created = await client.campaigns.webhooks.upsert(
            campaign_id, name="v1", webhook_url="https://example.com/1", event_types=["EMAIL_SENT"])
        await client.campaigns.webhooks.upsert(
            campaign_id, name="v2", webhook_url="https://example.com/2",
            event_types=["EMAIL_OPEN", "EMAIL_REPLY"], webhook_id=created.id)
        listed = await client.campaigns.webhooks.list(campaign_id)
    assert [(w.id, w.name, w.webhook_url) for w in listed] == [
        (created.id, "v2", "https://example.com/2")]


@on_virtual_clock
async def test_email_accounts_added_to_a_campaign_are_listed_and_removed() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    first, second = fake.add_email_account(account_id=2907), fake.add_email_account()
    async with connected(fake) as client:
        added = await client.campaigns.email_accounts.add(campaign_id, [first, second])
        listed = await client.campaigns.email_accounts.list(campaign_id)
        removed = await client.campaigns.email_accounts.remove(campaign_id, [first])
        left = await client.campaigns.email_accounts.list(campaign_id)
    assert [link.email_account_id for link in added.result] == [2907, second]
    assert [account.id for account in listed] == [2907, second]
    assert all(account.password is None for account in listed)  # not in this listing
    assert removed.result == 1 and [account.id for account in left] == [second]


@on_virtual_clock
async def test_attaching_an_unknown_email_account_is_the_documented_permission_error() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        with pytest.raises(BadRequestError, match="Email account id - 297 not allowed"):
            await client.campaigns.email_accounts.add(campaign_id, [297])


@on_virtual_clock
async def test_analytics_count_the_campaigns_leads() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=250)
    async with connected(fake) as client:
        analytics = await client.campaigns.analytics(campaign_id)
        steps = await client.campaigns.sequences.list(campaign_id)
    stats = analytics.campaign_lead_stats
    assert stats is not None and analytics.total_count == stats.total == 250
    assert 0 < (analytics.unique_sent_count or 0) <= (analytics.sent_count or 0)
    assert (analytics.reply_count or 0) < (analytics.unique_open_count or 0) < 250
    assert analytics.sequence_count == len(steps)


@on_virtual_clock
async def test_statistics_page_every_sent_email_exactly_once() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=150)
    async with connected(fake) as client:
        rows = [row async for row in client.campaigns.statistics(campaign_id)]
        opened = [row async for row in client.campaigns.statistics(campaign_id,
                                                                  email_status="opened")]
        analytics = await client.campaigns.analytics(campaign_id)
    keys = [(row.lead_email, row.sequence_number) for row in rows]
    assert len(keys) == len(set(keys)) == analytics.sent_count
    assert opened and all(row.open_time is not None for row in opened)
    assert requests_to(fake, "GET", "/statistics") >= 2
