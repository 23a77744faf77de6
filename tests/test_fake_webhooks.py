"""The fake SmartLead delivers webhooks: real POSTs over loopback, in the documented schema,
only for the events each webhook subscribed to, with optional duplicates and reordering."""

from __future__ import annotations

import json
from contextlib import AbstractAsyncContextManager
from typing import Any

import anyio
import pytest

from smartlead_async import EmailStatus, SmartleadClient
from smartlead_async.testing import FakeSmartlead, WebhookFaults
from smartlead_async.webhooks import (
    EmailBounceEvent,
    EmailLinkClickEvent,
    EmailOpenEvent,
    EmailReplyEvent,
    EmailSentEvent,
    FirstEmailSentEvent,
    LeadCategoryUpdatedEvent,
    LeadUnsubscribedEvent,
)

from ._behaviour import connected
from ._webhook_inbox import Inbox, webhook_inbox

ALL_EVENTS = ["EMAIL_SENT", "FIRST_EMAIL_SENT", "EMAIL_OPEN", "EMAIL_LINK_CLICK", "EMAIL_REPLY",
              "EMAIL_BOUNCE", "LEAD_UNSUBSCRIBED", "LEAD_CATEGORY_UPDATED"]
SECRET = "whsec-fake-test"


def inbox_url() -> AbstractAsyncContextManager[tuple[Inbox, str]]:
    return webhook_inbox(secret=SECRET)


def new_fake(**kwargs: Any) -> FakeSmartlead:
    return FakeSmartlead(rate_limit=None, webhook_secret=SECRET, **kwargs)


async def subscribe(client: SmartleadClient, campaign_id: int, url: str, events: list[str],
                    **kwargs: Any) -> int:
    hook = await client.campaigns.webhooks.upsert(
        campaign_id, name="test hook", webhook_url=url, event_types=events, **kwargs)
    assert hook.id is not None
    return hook.id


async def lead_ids(client: SmartleadClient, campaign_id: int) -> list[tuple[int, int, str]]:
    """(lead id, campaign_lead_map_id, email) of each lead."""
    return [(int(item.lead.id or 0), item.campaign_lead_map_id or 0, item.lead.email or "")
            async for item in client.campaigns.leads.list(campaign_id)]


# -- state changes ----------------------------------------------------------------------------


async def test_an_unsubscribe_through_the_api_posts_lead_unsubscribed_to_the_webhook() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=3)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        hook_id = await subscribe(client, campaign_id, url, ["LEAD_UNSUBSCRIBED"])
        lead_id, map_id, email = (await lead_ids(client, campaign_id))[1]
        await client.campaigns.leads.unsubscribe(campaign_id, lead_id)
        assert inbox.bodies == [] and fake.webhooks.pending == 1  # queued, not sent yet
        sent = await fake.webhooks.drain()
    assert [(d.event_type, d.status, d.duplicate) for d in sent] == [
        ("LEAD_UNSUBSCRIBED", 200, False)]
    (event,) = inbox.events()
    assert isinstance(event, LeadUnsubscribedEvent)
    assert (event.to_email, event.campaign_id, event.webhook_id) == (email, campaign_id, hook_id)
    assert event.webhook_url == url and event.secret_key == SECRET
    assert event.extra == {} and event.event_timestamp is not None
    assert event.app_url is not None and event.app_url.endswith(f"leadMap={map_id}")


async def test_an_unsubscribe_everywhere_posts_once_per_campaign_of_the_lead() -> None:
    fake = new_fake()
    first, second = fake.add_campaign(lead_count=2), fake.add_campaign(lead_count=0)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        for campaign_id in (first, second):
            await subscribe(client, campaign_id, url, ["LEAD_UNSUBSCRIBED"])
        _, _, email = (await lead_ids(client, first))[0]
        await client.campaigns.leads.add(second, [{"email": email}])
        lead = await client.leads.get_by_email(email)
        assert lead is not None and lead.id is not None
        await client.leads.unsubscribe_everywhere(int(lead.id))
        await fake.webhooks.drain()
    assert sorted(e.campaign_id for e in inbox.events()) == sorted([first, second])
    assert {e.to_email for e in inbox.events()} == {email}


async def test_a_category_change_posts_the_old_and_new_category_and_the_thread() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=20)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, ["LEAD_CATEGORY_UPDATED"])
        items = [item async for item in client.campaigns.leads.list(campaign_id)]
        item = next(i for i in items if i.lead_category_id is None and i.status != "STARTED")
        lead_id = int(item.lead.id or 0)
        await client.campaigns.leads.set_category(campaign_id, lead_id, category_id=1)
        await client.campaigns.leads.set_category(campaign_id, lead_id, category_id=1)  # same
        await client.campaigns.leads.set_category(campaign_id, lead_id, category_id=3)
        await fake.webhooks.drain()
    first, second = inbox.events()
    assert isinstance(first, LeadCategoryUpdatedEvent)
    assert isinstance(second, LeadCategoryUpdatedEvent)
    assert first.lead_category is not None and second.lead_category is not None
    assert (first.lead_category.old_id, first.lead_category.new_name) == (None, "Interested")
    assert (second.lead_category.old_name, second.lead_category.new_id) == ("Interested", 3)
    assert first.lead_id == lead_id and first.to_email == item.lead.email
    assert first.lead_data is not None and first.lead_data.email == item.lead.email
    assert first.history and all(m.stats_id for m in first.history)
    assert first.extra == {}


async def test_a_webhook_with_categories_only_hears_of_those_categories() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=5)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, ["LEAD_CATEGORY_UPDATED"],
                        categories=["Interested"])
        ids = [lead_id for lead_id, _, _ in await lead_ids(client, campaign_id)]
        for lead_id, category in zip(ids, (2, 1, 3, 1), strict=False):
            await client.campaigns.leads.set_category(campaign_id, lead_id, category_id=category)
        await fake.webhooks.drain()
    assert [e.lead_category.new_name for e in inbox.events()] == ["Interested", "Interested"]


async def test_only_the_subscribed_webhooks_of_the_campaign_get_an_event() -> None:
    fake = new_fake()
    campaign_id, other = fake.add_campaign(lead_count=2), fake.add_campaign(lead_count=2)
    async with inbox_url() as (replies, replies_url), inbox_url() as (rest, rest_url), \
            connected(fake) as client:
        await subscribe(client, campaign_id, replies_url, ["EMAIL_REPLY"])
        await subscribe(client, campaign_id, rest_url, ["LEAD_UNSUBSCRIBED", "EMAIL_OPEN"])
        await subscribe(client, other, rest_url, ALL_EVENTS)
        lead_id, map_id, _ = (await lead_ids(client, campaign_id))[0]
        assert fake.emit("EMAIL_REPLY", campaign_id, map_id) == 1
        assert fake.emit("EMAIL_LINK_CLICK", campaign_id, map_id) == 0
        await client.campaigns.leads.unsubscribe(campaign_id, lead_id)
        await fake.webhooks.drain()
    assert (replies.types(), rest.types()) == (["EMAIL_REPLY"], ["LEAD_UNSUBSCRIBED"])


# -- emitted mail events ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "cls"),
    [
        ("EMAIL_SENT", EmailSentEvent),
        ("EMAIL_OPEN", EmailOpenEvent),
        ("EMAIL_LINK_CLICK", EmailLinkClickEvent),
        ("EMAIL_REPLY", EmailReplyEvent),
        ("EMAIL_BOUNCE", EmailBounceEvent),
    ],
)
async def test_an_emitted_mail_event_is_posted_in_the_documented_schema(
    event_type: str, cls: type[Any]
) -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=3)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, [event_type])
        _, map_id, email = (await lead_ids(client, campaign_id))[2]
        fake.emit(event_type, campaign_id, map_id, sequence_number=2,
                  link="https://example.com/demo", reply_text="Let's talk")
        await fake.webhooks.drain()
    (event,) = inbox.events()
    assert type(event) is cls and event.extra == {}
    assert (event.sl_email_lead_map_id, event.to_email, event.sequence_number) == (
        map_id, email, 2)
    assert event.stats_id and event.sent_message is not None and event.sent_message.html
    if isinstance(event, EmailLinkClickEvent):
        assert event.link_details == ["https://example.com/demo"]
    if isinstance(event, EmailReplyEvent):
        assert event.reply_message is not None and event.reply_message.text == "Let's talk"
    if isinstance(event, EmailBounceEvent):
        assert event.is_bounced and event.bounce_message is not None


async def test_sending_step_one_also_fires_first_email_sent_and_later_steps_do_not() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=1)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, ["EMAIL_SENT", "FIRST_EMAIL_SENT"])
        (map_id,) = fake.lead_ids(campaign_id)
        assert fake.emit("EMAIL_SENT", campaign_id, map_id, sequence_number=1) == 2
        assert fake.emit("EMAIL_SENT", campaign_id, map_id, sequence_number=2) == 1
        await fake.webhooks.drain()
    events = inbox.events()
    assert [type(e) for e in events] == [EmailSentEvent, FirstEmailSentEvent, EmailSentEvent]
    assert events[0].stats_id == events[1].stats_id != events[2].stats_id


async def test_an_emitted_event_shows_in_the_leads_engagement() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=30)
    async with connected(fake) as client:
        before = {i.campaign_lead_map_id async for i in client.campaigns.leads.list(
            campaign_id, email_status=EmailStatus.IS_REPLIED)}
        map_id = next(m for m in fake.lead_ids(campaign_id) if m not in before)
        fake.emit("EMAIL_REPLY", campaign_id, map_id)
        after = {i.campaign_lead_map_id async for i in client.campaigns.leads.list(
            campaign_id, email_status=EmailStatus.IS_REPLIED)}
    assert after == before | {map_id}


async def test_a_lead_can_be_named_by_email() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=2)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, ["EMAIL_OPEN"])
        _, map_id, email = (await lead_ids(client, campaign_id))[0]
        fake.emit("EMAIL_OPEN", campaign_id, email.upper())
        await fake.webhooks.drain()
    assert [e.sl_email_lead_map_id for e in inbox.events()] == [map_id]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("LEAD_UNSUBSCRIBED", "campaign", 0), ValueError, "event_type must be one of EMAIL_SENT"),
        (("EMAIL_OPEN", "campaign", 1), ValueError, "has no lead 1"),
        (("EMAIL_OPEN", "campaign", "nobody@example.com"), ValueError,
         "has no lead 'nobody@example.com'"),
        (("EMAIL_OPEN", 1, 0), KeyError, "1"),
    ],
)
def test_emit_refuses_other_events_and_unknown_leads(
    args: tuple[Any, ...], error: type[Exception], message: str
) -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=1)
    event_type, campaign, lead = args
    with pytest.raises(error, match=message):
        fake.emit(event_type, campaign_id if campaign == "campaign" else campaign, lead)


# -- delivery faults --------------------------------------------------------------------------


async def emit_many(fake: FakeSmartlead, url: str, count: int) -> None:
    campaign_id = fake.add_campaign(lead_count=count)
    async with connected(fake) as client:
        await subscribe(client, campaign_id, url, ["EMAIL_OPEN"])
    for map_id in fake.lead_ids(campaign_id):
        fake.emit("EMAIL_OPEN", campaign_id, map_id)


async def test_without_faults_each_event_is_posted_once_in_event_order() -> None:
    fake = new_fake()
    async with inbox_url() as (inbox, url):
        await emit_many(fake, url, 20)
        sent = await fake.webhooks.drain()
    keys = [e.idempotency_key for e in inbox.events()]
    assert len(set(keys)) == 20 and not any(d.duplicate for d in sent)
    stamps = [e.event_timestamp for e in inbox.events()]
    assert stamps == sorted(stamps)


async def test_duplicated_deliveries_repeat_the_same_bytes() -> None:
    fake = new_fake(webhook_faults=WebhookFaults(duplicate_rate=0.2, seed=3))
    async with inbox_url() as (inbox, url):
        await emit_many(fake, url, 50)
        sent = await fake.webhooks.drain()
    duplicates = [d for d in sent if d.duplicate]
    assert 0 < len(duplicates) < 50 and len(sent) == 50 + len(duplicates)
    assert len(set(inbox.bodies)) == 50
    for duplicate in duplicates:  # right after its original, byte for byte
        index = sent.index(duplicate)
        assert sent[index - 1].body == duplicate.body and not sent[index - 1].duplicate


async def test_out_of_order_delivery_shuffles_events_and_their_repeats() -> None:
    fake = new_fake(webhook_faults=WebhookFaults(duplicate_rate=0.5, out_of_order=True))
    async with inbox_url() as (inbox, url):
        await emit_many(fake, url, 30)
        sent = await fake.webhooks.drain()
    stamps = [e.event_timestamp for e in inbox.events()]
    assert stamps != sorted(stamps) and len(set(stamps)) == 30
    apart = [i for i, d in enumerate(sent) if d.duplicate and sent[i - 1].body != d.body]
    assert apart  # repeats no longer follow their original


async def test_a_failed_delivery_is_kept_and_sent_again_when_retriggered() -> None:
    fake = new_fake()
    async with inbox_url() as (inbox, url):
        inbox.statuses = [500, 200]
        await emit_many(fake, url, 2)
        first = await fake.webhooks.drain()
        assert [d.status for d in first] == [500, 200] and len(fake.webhooks.failed) == 1
        again = await fake.webhooks.retrigger_failed()
    assert [(d.status, d.body) for d in again] == [(200, first[0].body)]
    assert fake.webhooks.failed == [] and len(fake.webhooks.sent) == 3


async def test_an_unreachable_url_is_a_failed_delivery_not_an_error() -> None:
    fake = new_fake()
    async with inbox_url() as (_, url):
        pass  # the server is gone: its port refuses connections
    await emit_many(fake, url, 1)
    (delivery,) = await fake.webhooks.drain()
    assert (delivery.status, delivery.ok, len(fake.webhooks.failed)) == (0, False, 1)


async def test_in_the_background_a_state_change_is_posted_without_a_drain() -> None:
    fake = new_fake()
    campaign_id = fake.add_campaign(lead_count=2)
    async with inbox_url() as (inbox, url), connected(fake) as client:
        await subscribe(client, campaign_id, url, ["LEAD_UNSUBSCRIBED", "EMAIL_OPEN"])
        lead_id, map_id, _ = (await lead_ids(client, campaign_id))[0]
        async with fake.webhooks.sending():
            await client.campaigns.leads.unsubscribe(campaign_id, lead_id)
            with anyio.fail_after(10):
                await inbox.arrived.wait()
            assert inbox.types() == ["LEAD_UNSUBSCRIBED"]
            fake.emit("EMAIL_OPEN", campaign_id, map_id)  # queued just before the block ends
        assert inbox.types() == ["LEAD_UNSUBSCRIBED", "EMAIL_OPEN"]
        assert fake.webhooks.pending == 0


async def test_background_sending_cannot_run_twice() -> None:
    fake = new_fake()
    async with fake.webhooks.sending():
        with pytest.raises(RuntimeError, match="already running"):
            async with fake.webhooks.sending():
                pass


async def test_draining_nothing_sends_nothing() -> None:
    assert await new_fake().webhooks.drain() == []


@pytest.mark.parametrize("secret", [SECRET, None])
async def test_the_payloads_echo_the_configured_secret_or_null(secret: str | None) -> None:
    fake = FakeSmartlead(rate_limit=None, webhook_secret=secret)
    async with inbox_url() as (inbox, url):
        await emit_many(fake, url, 1)
        await fake.webhooks.drain()
    assert [json.loads(body)["secret_key"] for body in inbox.bodies] == [secret]
    assert SECRET not in repr(fake.webhooks.sent) + repr(fake.webhooks)


def test_webhook_faults_refuse_a_rate_outside_0_to_1() -> None:
    with pytest.raises(ValueError, match=r"duplicate_rate must be between 0 and 1, got 1\.5"):
        WebhookFaults(duplicate_rate=1.5)
