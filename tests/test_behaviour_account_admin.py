"""Account administration through the SDK against the strict fake: account webhooks and their
deliveries, email-account tags, suspension and deletion, campaign copies and subsequences,
mail sent and read, and client API keys. Each write shows in what later reads return."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import pytest

from smartlead_async import (
    BadRequestError,
    CampaignStatus,
    EmailAttachmentInput,
    MailboxFetchInput,
    NotFoundError,
    SmartleadClient,
    WebhookAssociation,
)
from smartlead_async.testing import FakeSmartlead

from ._behaviour import all_leads, connected
from ._webhook_inbox import webhook_inbox

WINDOW = {"from_time": "2025-01-01T00:00:00Z", "to_time": "2026-12-31T00:00:00Z"}


@pytest.fixture
def fake() -> FakeSmartlead:
    """A fake that refuses any field the API does not document, with one client, one campaign
    of 20 leads and two email accounts (2907 attached to the campaign)."""
    fake = FakeSmartlead(rate_limit=None, strict=True)
    client_id = fake.add_client(client_id=12)
    fake.add_campaign(name="Q3 outreach", lead_count=20, client_id=client_id)
    fake.add_email_account(account_id=2907, from_email="sales@acme.io")
    fake.add_email_account(account_id=2908, from_email="ops@acme.io")
    return fake


@pytest.fixture
async def client(fake: FakeSmartlead) -> AsyncIterator[SmartleadClient]:
    async with connected(fake, rate_limit=None) as client:
        await client.campaigns.email_accounts.add(campaign_of(fake), [2907])
        yield client


def campaign_of(fake: FakeSmartlead) -> int:
    return next(iter(fake.campaigns))


# -- account-level webhooks -----------------------------------------------------------------


async def test_an_account_webhook_is_read_updated_and_deleted(client: SmartleadClient) -> None:
    saved = await client.webhooks.create(
        webhook_url="https://hooks.example.com/all", association_type="user",
        event_types=["EMAIL_REPLY"], name="All replies",
    )
    assert saved.id is not None
    await client.webhooks.update(saved.id, name="Every reply", event_types=["EMAIL_BOUNCE"])
    webhook = await client.webhooks.get(saved.id)
    assert (webhook.name, webhook.event_types, webhook.association_type) == (
        "Every reply", ["EMAIL_BOUNCE"], WebhookAssociation.USER)
    await client.webhooks.delete(saved.id)
    with pytest.raises(NotFoundError):
        await client.webhooks.get(saved.id)


async def test_a_campaign_scoped_account_webhook_is_listed_with_the_campaign(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    saved = await client.webhooks.create(
        webhook_url="https://hooks.example.com/c", association_type="campaign",
        email_campaign_id=campaign_id, event_types=["LEAD_CATEGORY_UPDATED"], category_ids=[1],
    )
    (listed,) = await client.campaigns.webhooks.list(campaign_id)
    assert (listed.id, listed.categories) == (saved.id, ["Interested"])
    assert saved.id is not None
    await client.webhooks.delete(saved.id)
    assert await client.campaigns.webhooks.list(campaign_id) == []


async def test_a_client_webhook_needs_an_existing_client(client: SmartleadClient) -> None:
    with pytest.raises(NotFoundError, match="Client not found"):
        await client.webhooks.create(webhook_url="https://h.example.com", client_id=99,
                                     association_type="client", event_types=["EMAIL_SENT"])


async def test_a_similar_webhook_needs_force_create(client: SmartleadClient) -> None:
    hook = {"webhook_url": "https://h.example.com", "association_type": "user",
            "event_types": ["EMAIL_SENT"]}
    await client.webhooks.create(**hook)
    with pytest.raises(BadRequestError, match="force_create"):
        await client.webhooks.create(**hook)
    assert (await client.webhooks.create(**hook, force_create=True)).id is not None


async def test_a_user_webhook_takes_priority_over_the_client_and_campaign_ones(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    map_id = fake.lead_ids(campaign_id)[0]
    async with webhook_inbox() as (user_inbox, user_url), \
            webhook_inbox() as (rest_inbox, rest_url):
        await client.campaigns.webhooks.upsert(
            campaign_id, name="campaign", webhook_url=rest_url, event_types=["EMAIL_OPEN"])
        await client.webhooks.create(webhook_url=rest_url, association_type="client",
                                     client_id=12, event_types=["EMAIL_OPEN", "EMAIL_REPLY"])
        fake.emit("EMAIL_OPEN", campaign_id, map_id)
        await fake.webhooks.drain()
        assert rest_inbox.types() == ["EMAIL_OPEN", "EMAIL_OPEN"]  # client and campaign level
        await client.webhooks.create(webhook_url=user_url, association_type="user",
                                     event_types=["EMAIL_OPEN"])
        fake.emit("EMAIL_OPEN", campaign_id, map_id)
        fake.emit("EMAIL_REPLY", campaign_id, map_id)  # no user webhook for replies
        await fake.webhooks.drain()
    assert user_inbox.types() == ["EMAIL_OPEN"]
    assert rest_inbox.types() == ["EMAIL_OPEN", "EMAIL_OPEN", "EMAIL_REPLY"]


async def test_the_delivery_summary_counts_failures_until_they_are_retriggered(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    async with webhook_inbox() as (inbox, url):
        await client.campaigns.webhooks.upsert(
            campaign_id, name="opens", webhook_url=url, event_types=["EMAIL_OPEN"])
        inbox.statuses = [500, 200, 503]
        for map_id in fake.lead_ids(campaign_id)[:3]:
            fake.emit("EMAIL_OPEN", campaign_id, map_id)
        await fake.webhooks.drain()
        before = await client.campaigns.webhooks.summary(campaign_id, **WINDOW)
        earlier = await client.campaigns.webhooks.summary(
            campaign_id, from_time="2024-01-01", to_time="2024-12-31")
        await client.campaigns.webhooks.retrigger_failed(campaign_id, **WINDOW)
        assert fake.webhooks.pending == 2
        await fake.webhooks.drain()
        after = await client.campaigns.webhooks.summary(campaign_id, **WINDOW)
    assert (before.total, before.success, before.failed) == (3, 1, 2)
    assert (earlier.total, earlier.failed) == (0, 0)
    assert (after.total, after.success, after.failed) == (3, 3, 0)
    assert len(inbox.bodies) == 5 and fake.webhooks.failed == []


async def test_a_retrigger_outside_the_failures_window_sends_nothing(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    async with webhook_inbox() as (inbox, url):
        await client.campaigns.webhooks.upsert(
            campaign_id, name="opens", webhook_url=url, event_types=["EMAIL_OPEN"])
        inbox.statuses = [500]
        fake.emit("EMAIL_OPEN", campaign_id, fake.lead_ids(campaign_id)[0])
        await fake.webhooks.drain()
        await client.campaigns.webhooks.retrigger_failed(
            campaign_id, from_time="2024-01-01", to_time="2024-12-31")
    assert fake.webhooks.pending == 0 and len(fake.webhooks.failed) == 1


@pytest.mark.parametrize("id_in", ["query", "body", "path"])
async def test_each_delete_form_deletes_the_campaign_webhook(
    fake: FakeSmartlead, client: SmartleadClient, id_in: Any
) -> None:
    campaign_id = campaign_of(fake)
    hook = await client.campaigns.webhooks.upsert(
        campaign_id, name="x", webhook_url="https://h.example.com", event_types=["EMAIL_SENT"])
    await client.campaigns.webhooks.delete(campaign_id, hook.id, id_in=id_in)
    assert await client.campaigns.webhooks.list(campaign_id) == []


# -- email accounts: tags, suspension, deletion ---------------------------------------------


async def test_tags_are_created_mapped_renamed_and_removed(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    vip = await client.email_accounts.tags.create("VIP", color="#FF5733")
    cold = await client.email_accounts.tags.upsert(name="Cold", color="#33A1FF")
    assert vip.id is not None and cold.id is not None
    await client.email_accounts.tags.add([2907, 2908], [vip.id])
    await client.email_accounts.tags.add([2907], [cold.id])
    await client.email_accounts.tags.upsert(tag_id=vip.id, name="Key account", color="#000000")

    account = await client.email_accounts.get(2907, fetch_tags=True)
    assert [tag.name for tag in account.tags] == ["Key account", "Cold"]
    (in_campaign,) = await client.campaigns.email_accounts.list(campaign_of(fake),
                                                                include_tags=True)
    assert [tag.name for tag in in_campaign.tags] == ["Key account", "Cold"]
    found = await client.email_accounts.tags.by_email(["ops@acme.io", "nobody@x.co", "OPS@acme.io"])
    assert [(f.email_account_id, [t.id for t in f.tags]) for f in found] == [(2908, [vip.id])]

    await client.email_accounts.tags.remove([2907, 2908], [vip.id])
    account = await client.email_accounts.get(2907, fetch_tags=True)
    assert [tag.name for tag in account.tags] == ["Cold"]
    assert {tag.name for tag in await client.email_accounts.tags.list()} == {"Key account",
                                                                              "Cold"}


async def test_tagging_an_unknown_account_or_tag_is_refused(client: SmartleadClient) -> None:
    tag = await client.email_accounts.tags.create("VIP")
    assert tag.color is not None and tag.color.startswith("#")  # picked by the fake
    assert tag.id is not None
    with pytest.raises(BadRequestError, match="Email account id - 4040"):
        await client.email_accounts.tags.add([4040], [tag.id])
    with pytest.raises(BadRequestError, match="Invalid tag id - 4041"):
        await client.email_accounts.tags.add([2907], [4041])
    with pytest.raises(NotFoundError, match="Tag not found"):
        await client.email_accounts.tags.upsert(tag_id=4041, name="x", color="#000000")


async def test_a_suspended_account_shows_as_suspended_and_cannot_send(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    await client.email_accounts.suspend(2908)
    assert (await client.email_accounts.get(2908)).is_suspended is True
    listed = {a.id: a.is_suspended async for a in client.email_accounts.list()}
    assert listed == {2907: False, 2908: True}
    with pytest.raises(BadRequestError, match="suspended"):
        await client.emails.send(to="a@b.co", subject="s", body="b", from_email_id=2908)
    await client.email_accounts.unsuspend(2908)
    await client.emails.send(to="a@b.co", subject="s", body="b", from_email_id=2908)
    assert (await client.email_accounts.get(2908)).is_suspended is False
    assert [email.from_email for email in fake.sent_emails] == ["ops@acme.io"]


async def test_a_deleted_account_leaves_its_campaigns_and_the_listing(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    tag = await client.email_accounts.tags.create("VIP")
    assert tag.id is not None
    await client.email_accounts.tags.add([2907], [tag.id])
    await client.email_accounts.delete(2907)
    assert [a.id async for a in client.email_accounts.list()] == [2908]
    assert await client.campaigns.email_accounts.list(campaign_of(fake)) == []
    assert await client.email_accounts.tags.by_email(["sales@acme.io"]) == []
    with pytest.raises(NotFoundError):
        await client.email_accounts.get(2907)
    with pytest.raises(NotFoundError):
        await client.email_accounts.delete(2907)


# -- campaigns: copies, subsequences, team member -------------------------------------------


async def test_a_duplicated_campaign_is_listed_as_a_draft_with_the_same_sequence(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    source_id = campaign_of(fake)
    copy = await client.campaigns.duplicate(source_id)
    campaigns = {c.id: c for c in await client.campaigns.list()}
    assert set(campaigns) == {source_id, copy.id}
    source, duplicated = campaigns[source_id], campaigns[copy.id]
    assert duplicated.name == "Q3 outreach (copy)" and duplicated.status is CampaignStatus.DRAFTED
    assert duplicated.client_id is None  # the client label only with duplicate_client_label
    assert (duplicated.track_settings, duplicated.scheduler_cron_value) == (
        source.track_settings, source.scheduler_cron_value)
    steps = await client.campaigns.sequences.list(copy.id)
    original = await client.campaigns.sequences.list(source_id)
    assert [(s.seq_number, s.email_body) for s in steps] == [
        (s.seq_number, s.email_body) for s in original]
    assert {s.id for s in steps}.isdisjoint({s.id for s in original})
    assert await all_leads(client, copy.id) == []


async def test_a_duplicate_keeps_the_client_and_subsequences_when_asked(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    source_id = campaign_of(fake)
    child = await client.campaigns.create_subsequence(source_id, subsequence_name="Openers")
    copy = await client.campaigns.duplicate(
        source_id, duplicate_sub_sequence=True, duplicate_client_label=True)
    campaigns = await client.campaigns.list()
    assert (await client.campaigns.get(copy.id)).client_id == 12
    children = {c.name: c.parent_campaign_id for c in campaigns if c.parent_campaign_id}
    assert children == {"Openers": source_id, "Openers (copy)": copy.id}
    assert child.name == "Openers"


async def test_a_subsequence_is_a_draft_child_of_its_parent(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    parent_id = campaign_of(fake)
    child = await client.campaigns.create_subsequence(parent_id)
    created = await client.campaigns.get(child.id)
    assert (created.parent_campaign_id, created.status, created.client_id) == (
        parent_id, CampaignStatus.DRAFTED, 12)
    with pytest.raises(NotFoundError):
        await client.campaigns.create_subsequence(404)


async def test_the_team_member_is_assigned_and_unassigned(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    await client.campaigns.set_team_member(campaign_id, 41)
    assert (await client.campaigns.get(campaign_id)).extra["team_member_id"] == 41
    await client.campaigns.set_team_member(campaign_id, None)
    assert (await client.campaigns.get(campaign_id)).extra["team_member_id"] is None


# -- mail sent and read ---------------------------------------------------------------------


async def test_a_test_email_goes_to_the_lead_from_a_campaign_account(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    lead = (await all_leads(client, campaign_id))[0].lead
    assert lead.id is not None
    await client.campaigns.send_test_email(campaign_id, lead_id=int(lead.id), sequence_number=1)
    await client.campaigns.send_test_email(campaign_id, lead_id=int(lead.id), sequence_number=1,
                                           custom_email_address="me@acme.io",
                                           selected_email_account_id=2908)
    first, second = fake.sent_emails
    assert (first.kind, first.from_email, first.to, first.campaign_id) == (
        "test", "sales@acme.io", lead.email, campaign_id)
    assert (second.from_email, second.to) == ("ops@acme.io", "me@acme.io")
    assert first.subject and lead.first_name and lead.first_name in first.body


async def test_a_test_email_needs_a_lead_of_the_campaign_and_an_existing_step(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    campaign_id = campaign_of(fake)
    lead_id = int((await all_leads(client, campaign_id))[0].lead.id or 0)
    with pytest.raises(NotFoundError, match="Lead not found"):
        await client.campaigns.send_test_email(campaign_id, lead_id=1, sequence_number=1)
    with pytest.raises(BadRequestError, match="no step 9"):
        await client.campaigns.send_test_email(campaign_id, lead_id=lead_id, sequence_number=9)
    assert fake.sent_emails == []


async def test_a_single_email_is_recorded_and_shows_in_the_senders_sent_folder(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    pdf = base64.b64encode(b"%PDF").decode()
    await client.emails.send(
        to="ada@example.com", subject="Your quote", body="<p>Attached.</p>",
        from_email="sales@acme.io",
        attachments=[EmailAttachmentInput(filename="quote.pdf", content=pdf,
                                          mime_type="application/pdf")],
    )
    (email,) = fake.sent_emails
    assert (email.kind, email.to, email.attachments) == ("single", "ada@example.com",
                                                         ("quote.pdf",))
    (sent,) = await client.email_accounts.fetch_messages(2907, folder="Sent", include_body=True)
    assert (sent.to, sent.subject, sent.body) == ("ada@example.com", "Your quote",
                                                  "<p>Attached.</p>")
    with pytest.raises(NotFoundError):
        await client.emails.send(to="a@b.co", subject="s", body="b", from_email="who@x.co")


async def test_fetched_messages_follow_the_limit_window_and_body_options(
    client: SmartleadClient,
) -> None:
    inbox = await client.email_accounts.fetch_messages(2907, include_body=True)
    assert len(inbox) == 12 and all(m.body for m in inbox)
    dates = [m.date.isoformat() for m in inbox if m.date is not None]
    assert len(dates) == 12 and dates == sorted(dates, reverse=True)
    newest = await client.email_accounts.fetch_messages(2907, limit=3)
    assert [m.message_id for m in newest] == [m.message_id for m in inbox[:3]]
    assert all(m.body is None for m in newest)
    middle = inbox[5].date
    assert middle is not None
    since = await client.email_accounts.fetch_messages(2907, from_date=middle)
    assert [m.message_id for m in since] == [m.message_id for m in inbox[:6]]
    assert await client.email_accounts.fetch_messages(2907, folder="Archive") == []


async def test_several_mailboxes_are_read_in_one_request(client: SmartleadClient) -> None:
    results = await client.email_accounts.fetch_messages_many([
        MailboxFetchInput(account_id=2907, limit=2), MailboxFetchInput(account_id=2908, limit=1),
    ])
    assert [(r.email_account_id, len(r.messages)) for r in results] == [(2907, 2), (2908, 1)]
    with pytest.raises(NotFoundError):
        await client.email_accounts.fetch_messages_many([MailboxFetchInput(account_id=4040)])


# -- client API keys ------------------------------------------------------------------------


async def test_api_keys_are_created_reset_and_deleted(
    fake: FakeSmartlead, client: SmartleadClient
) -> None:
    created = await client.clients.api_keys.create(client_id=12, key_name="prod key")
    other = await client.clients.api_keys.create(client_id=12, key_name="staging")
    assert created.api_key and created.api_key != other.api_key
    reset = await client.clients.api_keys.reset(created.id)
    assert reset.id == created.id and reset.api_key not in (None, created.api_key)
    listed = {key.id: key.api_key for key in await client.clients.api_keys.list(client_id=12)}
    assert listed == {created.id: reset.api_key, other.id: other.api_key}
    assert [k.id for k in await client.clients.api_keys.list(key_name="PROD")] == [created.id]
    await client.clients.api_keys.delete(created.id)
    assert [key.id for key in await client.clients.api_keys.list()] == [other.id]
    with pytest.raises(NotFoundError):
        await client.clients.api_keys.reset(created.id)
    logged = repr([(entry.body, entry.response) for entry in fake.stats.log])
    assert all(key not in logged for key in (created.api_key, reset.api_key, other.api_key))


async def test_an_api_key_needs_an_existing_client(client: SmartleadClient) -> None:
    with pytest.raises(NotFoundError, match="Client not found"):
        await client.clients.api_keys.create(client_id=404, key_name="prod")
