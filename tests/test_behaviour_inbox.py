"""The master inbox through the SDK against the fake: views derived from the campaigns' leads,
paged exactly once, and actions whose changes the views, the lead listings and the fake show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from smartlead_async import (
    EmailStatus,
    InboxFilters,
    InboxLead,
    InboxLeadCategories,
    InboxSortBy,
    InboxView,
    LeadStatus,
    NotFoundError,
    SmartleadClient,
    TaskPriority,
)
from smartlead_async.testing import FakeSmartlead

from ._behaviour import all_leads, connected, requests_to, strict_fake

#: Stands in for a missing time, so that a list of times can be sorted.
NEVER = datetime.min.replace(tzinfo=UTC)


async def _ids(client: SmartleadClient, view: InboxView, **params: object) -> list[int]:
    return [thread.email_lead_map_id async for thread in client.inbox.threads(view, **params)]


async def _replied(client: SmartleadClient, campaign_id: int) -> set[int]:
    """``campaign_lead_map_id`` of the campaign's leads that replied, from the lead listing."""
    return {
        item.campaign_lead_map_id
        async for item in client.campaigns.leads.list(
            campaign_id, email_status=EmailStatus.IS_REPLIED
        )
        if item.campaign_lead_map_id is not None
    }


async def _a_thread(client: SmartleadClient, view: InboxView = InboxView.REPLIES) -> InboxLead:
    page = await client.inbox.threads(view, page_size=1)
    return page.items[0]


async def _stats_id(client: SmartleadClient, thread: InboxLead) -> str:
    """The stats id of the thread's last email (for reminders, replies, forwards)."""
    full = await client.inbox.get(thread.email_lead_map_id)
    stats_id = full.email_history[-1].stats_id
    assert stats_id is not None
    return stats_id


# -- views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefetch", [1, 4])
async def test_a_view_of_more_than_20_threads_yields_every_thread_exactly_once(
    prefetch: int,
) -> None:
    fake = strict_fake()
    campaigns = [fake.add_campaign(lead_count=400), fake.add_campaign(lead_count=150)]
    async with connected(fake) as client:
        archived = set(await _ids(client, InboxView.ARCHIVED))
        expected = set().union(*[await _replied(client, c) for c in campaigns]) - archived
        fake.stats.reset()
        got = await _ids(client, InboxView.REPLIES, prefetch=prefetch)
    assert len(expected) > 60
    assert sorted(got) == sorted(expected)  # each once
    pages = requests_to(fake, "POST", "/master-inbox/inbox-replies")
    assert pages >= len(expected) // 20 + 1
    assert pages <= len(expected) // 20 + prefetch  # pages past the end: one batch at most
    assert fake.stats.rate_limited == 0


async def test_reply_time_orders_the_replies_newest_first_and_sent_time_the_sent_view() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=300)
    async with connected(fake) as client:
        replies = [t async for t in client.inbox.replies()]
        sent = [t async for t in client.inbox.sent(sort_by=InboxSortBy.SENT_TIME_DESC)]
    reply_times = [t.last_reply_time or NEVER for t in replies]
    sent_times = [t.last_sent_time or NEVER for t in sent]
    assert NEVER not in reply_times and reply_times == sorted(reply_times, reverse=True)
    assert NEVER not in sent_times and sent_times == sorted(sent_times, reverse=True)
    assert len(sent) > len(replies)


async def test_filters_narrow_a_view_to_one_campaign_and_an_engagement() -> None:
    fake = strict_fake()
    first = fake.add_campaign(lead_count=200)
    fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        opened = {
            item.campaign_lead_map_id
            async for item in client.campaigns.leads.list(first, email_status=EmailStatus.IS_OPENED)
        }
        expected = (await _replied(client, first)) & opened
        expected -= set(await _ids(client, InboxView.ARCHIVED))
        got = await _ids(client, InboxView.REPLIES,
                         filters=InboxFilters(campaign_id=first, email_status="Opened"))
    assert got and sorted(got) == sorted(expected)


async def test_the_category_filter_picks_categorised_threads() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=300)
    async with connected(fake) as client:
        assigned = [t async for t in client.inbox.sent(
            filters=InboxFilters(lead_categories=InboxLeadCategories(is_assigned=True)))]
        in_two = [t async for t in client.inbox.sent(
            filters=InboxFilters(lead_categories=InboxLeadCategories(category_ids_in=[2])))]
    assert assigned and all(t.lead_category_id is not None for t in assigned)
    assert in_two and {t.lead_category_id for t in in_two} == {2}


async def test_every_view_and_filter_the_sdk_sends_is_one_the_strict_fake_knows() -> None:
    fake = strict_fake(strict=True)
    campaign_id = fake.add_campaign(lead_count=50)
    filters = InboxFilters(
        search="a", lead_categories=InboxLeadCategories(is_assigned=False, category_ids_in=[1],
                                                        category_ids_not_in=[2]),
        email_status=["Replied", "Opened"], campaign_id=campaign_id, email_account_id=1,
        campaign_team_member_id=1, campaign_tag_id=1, campaign_client_id=1,
        reply_time_between=(datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)),
    )
    async with connected(fake) as client:
        for view in InboxView:
            history = None if view is InboxView.SENT else True
            await client.inbox.threads(view, filters=filters, fetch_message_history=history)
    assert fake.stats.status_counts.keys() == {200}


async def test_message_history_comes_with_each_thread_when_asked() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=100)
    async with connected(fake) as client:
        plain = await client.inbox.replies(page_size=3)
        full = await client.inbox.replies(page_size=3, fetch_message_history=True)
    assert all(not t.email_history for t in plain.items)
    assert all(t.email_history and t.email_history[-1].type == "REPLY" for t in full.items)


# -- actions --------------------------------------------------------------------------------------


async def test_marking_a_thread_read_takes_it_out_of_unread_and_unread_brings_it_back() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=300)
    async with connected(fake) as client:
        thread = await _a_thread(client, InboxView.UNREAD_REPLIES)
        assert thread.has_new_unread_email is True
        await client.inbox.set_read_status(thread.email_lead_map_id, True)
        read = await client.inbox.get(thread.email_lead_map_id)
        unread_after_read = await _ids(client, InboxView.UNREAD_REPLIES)
        await client.inbox.set_read_status(thread.email_lead_map_id, False)
        unread_again = await _ids(client, InboxView.UNREAD_REPLIES)
    assert read.has_new_unread_email is False
    assert thread.email_lead_map_id not in unread_after_read
    assert thread.email_lead_map_id in unread_again


async def test_a_new_reply_makes_a_read_thread_unread() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=300)
    async with connected(fake) as client:
        thread = await _a_thread(client)
        await client.inbox.set_read_status(thread.email_lead_map_id, True)
        fake.emit("EMAIL_REPLY", campaign_id, thread.email_lead_map_id, reply_text="One more")
        after = await client.inbox.get(thread.email_lead_map_id)
    assert after.has_new_unread_email is True
    assert after.last_reply_time is not None and thread.last_reply_time is not None
    assert after.last_reply_time > thread.last_reply_time


async def test_collecting_unread_threads_first_then_marking_them_read_empties_the_view() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=600)
    async with connected(fake) as client:
        unread = [t async for t in client.inbox.unread_replies()]  # collect, then act
        for thread in unread:
            await client.inbox.set_read_status(thread.email_lead_map_id, True)
        left = await _ids(client, InboxView.UNREAD_REPLIES)
    assert len(unread) > 20 and left == []


async def test_a_category_set_from_the_inbox_shows_in_the_campaigns_lead_listing() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        thread = await _a_thread(client)
        await client.inbox.set_category(thread.email_lead_map_id, 5)
        in_view = await client.inbox.get(thread.email_lead_map_id)
        listed = {item.campaign_lead_map_id: item.lead_category_id
                  for item in await all_leads(client, campaign_id)}
        await client.inbox.set_category(thread.email_lead_map_id, None)
        cleared = await client.inbox.get(thread.email_lead_map_id)
    assert in_view.lead_category_id == 5
    assert listed[thread.email_lead_map_id] == 5
    assert cleared.lead_category_id is None


async def test_revenue_and_team_member_are_kept_and_assigned_me_lists_the_users_threads() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        first, second = (await client.inbox.replies(page_size=2)).items
        await client.inbox.set_revenue(first.email_lead_map_id, Decimal("1500.50"))
        await client.inbox.set_team_member(first.email_lead_map_id, fake.team_member_id)
        await client.inbox.set_team_member(second.email_lead_map_id, 999)
        updated = await client.inbox.get(first.email_lead_map_id)
        mine = await _ids(client, InboxView.ASSIGNED_TO_ME)
        theirs = await _ids(client, InboxView.SENT,
                            filters=InboxFilters(campaign_team_member_id=999))
    assert updated.revenue == Decimal("1500.5")
    assert updated.team_member_id == fake.team_member_id
    assert mine == [first.email_lead_map_id]
    assert theirs == [second.email_lead_map_id]


async def test_notes_tasks_and_reminders_are_stored_and_reminders_list_by_reminder_time() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=200)
    soon = datetime(2026, 1, 5, 9, tzinfo=UTC)
    async with connected(fake) as client:
        first, second = (await client.inbox.replies(page_size=2)).items
        await client.inbox.create_note(first.email_lead_map_id, "Asked for pricing")
        await client.inbox.create_task(first.email_lead_map_id, name="Send pricing",
                                       priority=TaskPriority.HIGH, due_date="2026-01-06")
        for thread, when in ((first, soon + timedelta(days=2)), (second, soon)):
            await client.inbox.set_reminder(
                thread.email_lead_map_id, email_stats_id=await _stats_id(client, thread),
                message="Follow up", reminder_time=when,
            )
        earliest_first = await _ids(client, InboxView.REMINDERS)
        latest_first = await _ids(client, InboxView.REMINDERS,
                                  sort_by=InboxSortBy.REMINDER_TIME_DESC)
    stored = fake.inbox_thread(first.email_lead_map_id)
    assert stored.notes == ("Asked for pricing",)
    assert stored.tasks == ({"name": "Send pricing", "description": None, "priority": "HIGH",
                             "due_date": "2026-01-06"},)
    assert stored.reminder is not None and stored.reminder["message"] == "Follow up"
    assert earliest_first == [second.email_lead_map_id, first.email_lead_map_id]
    assert latest_first == earliest_first[::-1]


async def test_resuming_from_the_inbox_resumes_a_paused_lead() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        thread = await _a_thread(client, InboxView.SENT)
        lead_id = thread.email_lead_id
        assert lead_id is not None
        await client.campaigns.leads.pause(campaign_id, lead_id)
        paused = await client.inbox.get(thread.email_lead_map_id)
        await client.inbox.resume_lead(thread.email_lead_map_id, campaign_id=campaign_id,
                                       resume_delay_days=1)
        resumed = await client.inbox.get(thread.email_lead_map_id)
    assert paused.lead_status is LeadStatus.PAUSED
    assert resumed.lead_status in (LeadStatus.INPROGRESS, LeadStatus.COMPLETED)


async def test_a_lead_pushed_to_a_subsequence_joins_it_and_the_custom_view_filters_on_it() -> None:
    fake = strict_fake()
    parent = fake.add_campaign(lead_count=200)
    child = fake.add_campaign(name="Follow-up subsequence")
    async with connected(fake) as client:
        thread = await _a_thread(client, InboxView.REPLIES)
        await client.inbox.push_to_subsequence(thread.email_lead_map_id, sub_sequence_id=child,
                                               stop_lead_on_parent_campaign_reply=True)
        child_leads = await all_leads(client, child)
        in_view = await _ids(client, InboxView.CUSTOM,
                             filters=InboxFilters(campaign_id=parent, sub_sequence_id=child))
    assert [item.lead.email for item in child_leads] == [thread.lead_email]
    assert in_view == [thread.email_lead_map_id]


async def test_a_blocked_domain_keeps_its_leads_out_of_campaigns() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        await client.inbox.block_domains(["spam-domain.com"], source="manual")
        result = await client.campaigns.leads.add(
            campaign_id, [{"email": "bob@spam-domain.com"}, {"email": "ann@fine.com"}]
        )
    assert result.upload_count == 1


async def test_get_of_a_thread_that_does_not_exist_raises_not_found() -> None:
    fake = strict_fake()
    fake.add_campaign(lead_count=5)
    async with connected(fake) as client:
        with pytest.raises(NotFoundError):
            await client.inbox.get(1)


# -- replies, forwards, reply status ---------------------------------------------------------------


async def test_a_reply_can_be_tracked_with_reply_status_once_it_is_in_the_thread() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        thread = await _a_thread(client)
        await client.campaigns.leads.reply(campaign_id, email_stats_id=await _stats_id(
            client, thread), email_body="<p>Sure, here it is.</p>")
        history = (await client.inbox.get(thread.email_lead_map_id)).email_history
        message_id = history[-1].message_id
        assert message_id is not None
        status = await client.inbox.reply_status(message_id)
        with pytest.raises(NotFoundError):
            await client.inbox.reply_status("<nobody@nowhere.test>")
    assert history[-1].email_body == "<p>Sure, here it is.</p>"
    assert status.status == "COMPLETED" and status.message_id == message_id


async def test_a_scheduled_reply_puts_the_thread_in_the_scheduled_view() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    later = datetime(2030, 1, 1, 9, tzinfo=UTC)
    async with connected(fake) as client:
        thread = await _a_thread(client)
        await client.campaigns.leads.reply(
            campaign_id, email_stats_id=await _stats_id(client, thread), email_body="<p>Hi</p>",
            scheduled_time=later,
        )
        scheduled = await _ids(client, InboxView.SCHEDULED)
        message_id = (await client.inbox.get(thread.email_lead_map_id)).email_history[-1].message_id
        assert message_id is not None
        status = await client.inbox.reply_status(message_id)
    assert scheduled == [thread.email_lead_map_id]
    assert status.status == "SCHEDULED" and status.scheduled_time == later


async def test_a_forwarded_email_is_recorded_and_its_message_id_has_a_status() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        thread = await _a_thread(client)
        email = (await client.inbox.get(thread.email_lead_map_id)).email_history[0]
        assert email.message_id is not None and email.stats_id is not None
        result = await client.campaigns.leads.forward(
            campaign_id, message_id=email.message_id, stats_id=email.stats_id,
            to_emails=["manager@company.com"], forward_email_subject="FYI",
        )
        assert result.message_id is not None
        status = await client.inbox.reply_status(result.message_id)
    forwards = fake.inbox_thread(thread.email_lead_map_id).forwards
    assert [f["to_emails"] for f in forwards] == [["manager@company.com"]]
    assert status.status == "COMPLETED"


# -- untracked replies ----------------------------------------------------------------------------


async def test_untracked_replies_are_paged_100_at_a_time_each_once_newest_first() -> None:
    fake = strict_fake()
    fake.add_untracked_replies(130, to_email="sales@me.io")
    async with connected(fake) as client:
        replies = [reply async for reply in client.inbox.untracked_replies(prefetch=1)]
    assert len({reply.id for reply in replies}) == len(replies) == 130
    times = [reply.received_at or NEVER for reply in replies]
    assert NEVER not in times and times == sorted(times, reverse=True)
    assert requests_to(fake, "GET", "/master-inbox/untracked-replies") == 2


async def test_untracked_replies_filter_by_sender_and_send_bodies_only_when_asked() -> None:
    fake = FakeSmartlead(rate_limit=None)
    fake.add_untracked_replies(10)
    async with fake.client() as client:
        plain = await client.inbox.untracked_replies()
        sender = plain.items[3].from_email
        assert sender is not None
        found = await client.inbox.untracked_replies(from_email=sender.upper(), fetch_body=True)
    assert all(reply.body is None for reply in plain.items)
    assert [reply.id for reply in found.items] == [plain.items[3].id]
    assert found.items[0].body


async def test_a_view_follows_lead_writes_made_between_two_requests() -> None:
    fake = strict_fake()
    campaign_id = fake.add_campaign(lead_count=200)
    async with connected(fake) as client:
        before = await _ids(client, InboxView.SENT)
        gone = await client.inbox.get(before[0])
        renamed = await client.inbox.get(before[1])
        assert gone.email_lead_id is not None and renamed.email_lead_id is not None
        await client.campaigns.leads.delete(campaign_id, gone.email_lead_id)
        await client.campaigns.leads.update(campaign_id, renamed.email_lead_id,
                                            {"email": "zelda.quux@example.com"})
        added = await client.campaigns.leads.add(campaign_id, [{"email": "new@example.com"}])
        assert added.upload_count == 1
        fake.emit("EMAIL_SENT", campaign_id, "new@example.com")
        after = await _ids(client, InboxView.SENT)
        found = await _ids(client, InboxView.SENT, filters=InboxFilters(search="zelda.quux"))
    assert gone.email_lead_map_id not in after
    assert len(after) == len(before)  # one thread gone, one new
    assert found == [renamed.email_lead_map_id]
