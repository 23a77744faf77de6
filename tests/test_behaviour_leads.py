"""Lead write paths through the SDK against the fake: adds, lead actions, the lead index."""

from __future__ import annotations

import pytest

from smartlead_async import (
    CampaignStatus,
    LeadInput,
    LeadStatus,
    MessageHistory,
    NotFoundError,
    SmartleadClient,
)

from ._behaviour import all_leads, connected, new_leads, requests_to, strict_fake
from ._virtual_clock import on_virtual_clock


async def _lead_id(client: SmartleadClient, campaign_id: int, status: str | None = None) -> int:
    """The ``lead.id`` of the first lead listed (with ``status``)."""
    page = await client.campaigns.leads.list(campaign_id, status=status, page_size=1)
    lead_id = page.items[0].lead.id
    assert lead_id is not None
    return lead_id


@on_virtual_clock
async def test_added_leads_appear_at_the_head_of_the_listing_with_the_total_grown() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=130)
    async with connected(fake) as client:
        before = await all_leads(client, campaign_id)
        await client.campaigns.leads.add(campaign_id, new_leads(3))
        first_page = await client.campaigns.leads.list(campaign_id)
        after = await all_leads(client, campaign_id)
    assert first_page.total == 133
    assert [item.lead.email for item in after[:3]] == [
        "lead2@example.com", "lead1@example.com", "lead0@example.com"]  # newest first
    assert after[3:] == before
    assert {item.status for item in after[:3]} == {LeadStatus.STARTED}


@on_virtual_clock
async def test_adding_1050_leads_takes_11_requests_and_sums_their_counts() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    leads = new_leads(1050)
    for n in range(7, 1050, 100):  # 11 invalid emails, one per batch
        leads[n] = LeadInput(email=f"not-an-email-{n}")
    for n in range(50, 1050, 100):  # 10 repeats of the lead before, in the same batch
        leads[n] = leads[n - 1]
    async with connected(fake) as client:
        result = await client.campaigns.leads.add(campaign_id, leads)
        page = await client.campaigns.leads.list(campaign_id)
    assert requests_to(fake, "POST", f"/campaigns/{campaign_id}/leads") == result.requests == 11
    counts = (result.total_leads, result.invalid_email_count, result.duplicate_count)
    assert counts == (1050, 11, 10)
    assert result.upload_count == page.total == 1029
    assert sum(r.upload_count or 0 for r in result.responses) == 1029
    assert fake.stats.rate_limited == 0


@on_virtual_clock
async def test_leads_already_in_the_campaign_are_counted_not_added_again() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=20)
    async with connected(fake) as client:
        existing = (await client.campaigns.leads.list(campaign_id, page_size=2)).items
        again = [LeadInput(email=(item.lead.email or "").upper()) for item in existing]
        result = await client.campaigns.leads.add(campaign_id, [*again, *new_leads(1)])
        page = await client.campaigns.leads.list(campaign_id)
    assert (result.already_added_to_campaign, result.upload_count, page.total) == (2, 1, 21)


@on_virtual_clock
async def test_a_lead_in_another_campaign_is_skipped_only_when_asked() -> None:
    fake = strict_fake()
    first, second, third = fake.add_campaign(), fake.add_campaign(), fake.add_campaign()
    async with connected(fake) as client:
        await client.campaigns.leads.add(first, new_leads(1))
        allowed = await client.campaigns.leads.add(second, new_leads(1))
        skipped = await client.campaigns.leads.add(
            third, new_leads(1), ignore_duplicate_leads_in_other_campaign=True
        )
        lead = await client.leads.get_by_email("lead0@example.com")
        campaigns = await client.leads.campaigns(lead.id or 0)
    assert (allowed.upload_count, skipped.upload_count, skipped.duplicate_count) == (1, 0, 1)
    assert [c.id for c in campaigns] == [first, second]  # one lead, two memberships


@on_virtual_clock
async def test_a_paused_lead_shows_as_paused_and_resumes() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=40)
    async with connected(fake) as client:
        lead_id = await _lead_id(client, campaign_id, status="INPROGRESS")
        await client.campaigns.leads.pause(campaign_id, lead_id)
        paused = [i.lead.id for i in await all_leads(client, campaign_id)
                  if i.status is LeadStatus.PAUSED]
        filtered = await client.campaigns.leads.list(campaign_id, status="PAUSED", page_size=100)
        await client.campaigns.leads.resume(campaign_id, lead_id)
        resumed = await client.campaigns.leads.list(campaign_id, status="INPROGRESS")
    assert lead_id in paused and lead_id in {i.lead.id for i in filtered.items}
    assert lead_id in {i.lead.id for i in resumed.items}


@on_virtual_clock
async def test_a_category_set_with_pause_shows_in_the_listing() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=10)
    async with connected(fake) as client:
        lead_id = await _lead_id(client, campaign_id)
        await client.campaigns.leads.set_category(campaign_id, lead_id, 6, pause_lead=True)
        page = await client.campaigns.leads.list(campaign_id, lead_category_id=6)
    item = next(i for i in page.items if i.lead.id == lead_id)
    assert (item.lead_category_id, item.status) == (6, LeadStatus.PAUSED)


@on_virtual_clock
async def test_a_deleted_lead_leaves_the_listing_and_answers_not_found_after() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=10)
    async with connected(fake) as client:
        lead_id = await _lead_id(client, campaign_id)
        await client.campaigns.leads.delete(campaign_id, lead_id)
        left = await all_leads(client, campaign_id)
        with pytest.raises(NotFoundError, match="Lead not found"):
            await client.campaigns.leads.pause(campaign_id, lead_id)
    assert len(left) == 9 and lead_id not in {i.lead.id for i in left}


@on_virtual_clock
async def test_an_updated_lead_shows_its_new_details_everywhere() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=5)
    async with connected(fake) as client:
        lead_id = await _lead_id(client, campaign_id)
        await client.campaigns.leads.update(campaign_id, lead_id, LeadInput(
            email="ada@example.com", first_name="Ada", custom_fields={"Title": "CTO"}))
        listed = (await client.campaigns.leads.list(campaign_id)).items[0].lead
        found = await client.leads.get_by_email("ADA@example.com")
    assert (listed.id, listed.first_name, listed.email) == (lead_id, "Ada", "ada@example.com")
    assert (found.id, found.custom_fields) == (lead_id, {"Title": "CTO"})


@on_virtual_clock
async def test_an_unknown_email_answers_not_found() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        with pytest.raises(NotFoundError):
            await client.leads.get_by_email("nobody@example.com")


@on_virtual_clock
async def test_unsubscribing_everywhere_marks_every_campaign_and_blocks_new_adds() -> None:
    fake = strict_fake()
    first, second, third = fake.add_campaign(), fake.add_campaign(), fake.add_campaign()
    async with connected(fake) as client:
        for campaign_id in (first, second):
            await client.campaigns.leads.add(campaign_id, new_leads(1))
        lead = await client.leads.get_by_email("lead0@example.com")
        await client.leads.unsubscribe_everywhere(lead.id or 0)
        listed = [(await client.campaigns.leads.list(c)).items[0] for c in (first, second)]
        refused = await client.campaigns.leads.add(third, new_leads(1))
        forced = await client.campaigns.leads.add(third, new_leads(1),
                                                  ignore_unsubscribe_list=True)
    assert {(i.lead.is_unsubscribed, i.status) for i in listed} == {(True, LeadStatus.STOPPED)}
    assert (refused.unsubscribed_leads, refused.upload_count, forced.upload_count) == (1, 0, 1)


@on_virtual_clock
async def test_leads_on_the_block_list_are_not_added() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        blocked = await client.leads.block(["competitor.com", "spy@example.com"])
        again = await client.leads.block(["competitor.com"])
        result = await client.campaigns.leads.add(campaign_id, [
            LeadInput(email="ceo@competitor.com"), LeadInput(email="spy@example.com"),
            LeadInput(email="friend@example.com"),
        ])
    assert (blocked.upload_count, blocked.total_domain_added, again.total_domain_added) == (
        2, 2, 0)
    assert (result.total_leads, result.upload_count) == (3, 1)


@on_virtual_clock
async def test_categories_are_the_accounts_seven() -> None:
    fake = strict_fake()
    async with connected(fake) as client:
        categories = await client.leads.categories()
    assert [(c.id, c.name) for c in categories][:2] == [(1, "Interested"), (2, "Meeting Request")]
    assert len(categories) == 7


async def _completed_thread(
    client: SmartleadClient, campaign_id: int
) -> tuple[int, MessageHistory]:
    """A lead that got the whole sequence, and its thread."""
    lead_id = await _lead_id(client, campaign_id, status="COMPLETED")
    return lead_id, await client.campaigns.leads.message_history(campaign_id, lead_id)


@on_virtual_clock
async def test_a_reply_from_the_master_inbox_joins_the_leads_thread() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=30)
    async with connected(fake) as client:
        lead_id, thread = await _completed_thread(client, campaign_id)
        last = thread.history[-1]
        answer = await client.campaigns.leads.reply(
            campaign_id, email_stats_id=last.stats_id or "", email_body="<p>Thanks!</p>",
            reply_message_id=last.message_id or "", reply_email_time=last.time or "",
            reply_email_body=last.email_body or "",
        )
        after = await client.campaigns.leads.message_history(campaign_id, lead_id)
    assert [m.type for m in thread.history if m.type == "SENT"] == ["SENT"] * 3  # completed
    assert answer.message == "Email added to the queue, will be sent out soon!"
    assert after.history[:-1] == thread.history
    assert (after.history[-1].type, after.history[-1].email_body) == ("SENT", "<p>Thanks!</p>")
    assert thread.from_email == "sender@fake-smartlead.test" and thread.to_email


@on_virtual_clock
async def test_a_lead_of_a_deleted_campaign_lists_no_campaigns() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=3, status="PAUSED")
    async with connected(fake) as client:
        lead_id = await _lead_id(client, campaign_id)
        before = await client.leads.campaigns(lead_id)
        await client.campaigns.delete(campaign_id)
        after = await client.leads.campaigns(lead_id)
    assert [(c.id, c.status) for c in before] == [(campaign_id, CampaignStatus.PAUSED)]
    assert after == []


@on_virtual_clock
async def test_pausing_a_lead_keeps_its_thread_and_resuming_restores_its_status() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=30)
    async with connected(fake) as client:
        lead_id, before = await _completed_thread(client, campaign_id)
        await client.campaigns.leads.pause(campaign_id, lead_id)
        paused = await client.campaigns.leads.message_history(campaign_id, lead_id)
        await client.campaigns.leads.resume(campaign_id, lead_id)
        completed = await client.campaigns.leads.list(campaign_id, status="COMPLETED")
    assert paused == before
    assert lead_id in {item.lead.id for item in completed.items}
