"""The newer parameters the route catalogue documents, as the SDK's methods send them (respx),
and as the strict fake accepts them."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

import pytest
import respx

from smartlead_async import (
    EmailAccountInput,
    EmailAccountType,
    EmailWarmupStatus,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    OutOfOfficeSettingsInput,
    ReplyAttachmentInput,
    SequenceInput,
    SequenceVariantInput,
    SmartleadClient,
)

from ._behaviour import connected, strict_fake
from ._endpoints import KEY, endpoint_fixtures, sent

api, client = endpoint_fixtures()

Call = Callable[[SmartleadClient], Awaitable[Any]]
ACCOUNT = {"id": 2907, "from_email": "ada@example.com"}
STATS_ID = "d4fa7b3c-5c3e-4f9b-0001-000000000001"


class Wire(NamedTuple):
    """A call and the request it must send."""

    method: str
    path: str
    answer: Any
    call: Call
    query: dict[str, str]
    body: Any


async def _page(paginator: Any) -> Any:
    return await paginator  # the first page


WIRES: dict[str, Wire] = {
    "campaign with tags": Wire(
        "GET", "/campaigns/5", {"id": 5}, lambda c: c.campaigns.get(5, include_tags=True),
        {"include_tags": "true"}, None),
    "schedule gap": Wire(
        "POST", "/campaigns/5/schedule", {"ok": True}, lambda c: c.campaigns.update_schedule(
            5, timezone="UTC", days_of_the_week=[1], start_hour="09:00", end_hour="17:00",
            min_time_btw_emails=12),
        {}, {"timezone": "UTC", "days_of_the_week": [1], "start_hour": "09:00",
             "end_hour": "17:00", "min_time_btw_emails": 12}),
    "newer settings": Wire(
        "POST", "/campaigns/5/settings", {"ok": True}, lambda c: c.campaigns.update_settings(
            5, name="Renamed", force_plain_text=True, auto_pause_domain_leads_on_reply=False,
            ignore_ss_mailbox_sending_limit=True, bounce_autopause_threshold=5,
            domain_level_rate_limit=True,
            out_of_office_detection_settings=OutOfOfficeSettingsInput(
                auto_reactivate=True, reactivate_with_delay_days=2)),
        {}, {"name": "Renamed", "force_plain_text": True,
             "auto_pause_domain_leads_on_reply": False, "ignore_ss_mailbox_sending_limit": True,
             "bounce_autopause_threshold": "5", "domain_level_rate_limit": True,
             "out_of_office_detection_settings": {"autoReactivateOOO": True,
                                                  "reactivateOOOwithDelay": 2}}),
    "analytics of a client": Wire(
        "GET", "/campaigns/5/analytics", {"id": 5}, lambda c: c.campaigns.analytics(
            5, client_id=9), {"client_id": "9"}, None),
    "analytics in a time zone": Wire(
        "GET", "/campaigns/5/analytics-by-date", {"id": 5},
        lambda c: c.campaigns.analytics_by_date(
            5, start_date=date(2025, 6, 1), end_date=date(2025, 6, 2), time_zone="Asia/Tokyo"),
        {"start_date": "2025-06-01", "end_date": "2025-06-02", "time_zone": "Asia/Tokyo"}, None),
    "statistics sent between": Wire(
        "GET", "/campaigns/5/statistics", {"total_stats": "0", "data": []},
        lambda c: _page(c.campaigns.statistics(
            5, sent_time_start_date=datetime(2025, 6, 1, tzinfo=UTC),
            sent_time_end_date="2025-06-30T00:00:00Z")),
        {"sent_time_start_date": "2025-06-01T00:00:00.000Z",
         "sent_time_end_date": "2025-06-30T00:00:00Z", "offset": "0", "limit": "100"}, None),
    "leads with the newer settings": Wire(
        "POST", "/campaigns/5/leads", {"ok": True, "upload_count": 1},
        lambda c: c.campaigns.leads.add(5, [{"email": "a@b.co"}],
                                        ignore_community_bounce_list=True, return_lead_ids=True),
        {}, {"lead_list": [{"email": "a@b.co"}],
             "settings": {"ignore_community_bounce_list": True, "return_lead_ids": True}}),
    "message history after": Wire(
        "GET", "/campaigns/5/leads/6/message-history", {"history": []},
        lambda c: c.campaigns.leads.message_history(
            5, 6, event_time_gt=date(2025, 6, 1), show_plain_text_response=True),
        {"event_time_gt": "2025-06-01", "show_plain_text_response": "true"}, None),
    "minimal reply": Wire(
        "POST", "/campaigns/5/reply-email-thread", "Email added to the queue",
        lambda c: c.campaigns.leads.reply(5, email_stats_id=STATS_ID, email_body="<p>Hi</p>"),
        {}, {"email_stats_id": STATS_ID, "email_body": "<p>Hi</p>"}),
    "reply with the newer fields": Wire(
        "POST", "/campaigns/5/reply-email-thread", "Email added to the queue",
        lambda c: c.campaigns.leads.reply(
            5, email_stats_id=STATS_ID, email_body="<p>Hi</p>", to_email="b@c.io",
            to_first_name="Bo", to_last_name="Li",
            scheduled_time=datetime(2025, 12, 2, 9, tzinfo=UTC), schedule_condition="x",
            seq_type="y", attachments=[ReplyAttachmentInput(
                file_url="https://x.io/a.pdf", file_type="application/pdf", file_size=10)]),
        {}, {"email_stats_id": STATS_ID, "email_body": "<p>Hi</p>", "to_email": "b@c.io",
             "to_first_name": "Bo", "to_last_name": "Li",
             "scheduled_time": "2025-12-02T09:00:00.000Z", "schedule_condition": "x",
             "seq_type": "y", "attachments": [{"file_url": "https://x.io/a.pdf",
                                               "file_type": "application/pdf",
                                               "file_size": 10}]}),
    "category cleared": Wire(
        "POST", "/campaigns/5/leads/6/category", {"ok": True},
        lambda c: c.campaigns.leads.set_category(5, 6, None), {}, {"category_id": None}),
    "campaign accounts with tags": Wire(
        "GET", "/campaigns/5/email-accounts", [ACCOUNT],
        lambda c: c.campaigns.email_accounts.list(5, include_tags=True),
        {"include_tags": "true"}, None),
    "accounts attached with warmup adjustment": Wire(
        "POST", "/campaigns/5/email-accounts", {"ok": True, "result": []},
        lambda c: c.campaigns.email_accounts.add(5, [2907], auto_adjust_warmup=True),
        {}, {"email_account_ids": [2907], "auto_adjust_warmup": True}),
    "variant distribution": Wire(
        "POST", "/campaigns/5/sequences", {"ok": True}, lambda c: c.campaigns.sequences.save(
            5, [SequenceInput(seq_number=1, seq_variants=[SequenceVariantInput(
                email_body="<p>A</p>", variant_label="A",
                variant_distribution_percentage=60)])]),
        {}, {"sequences": [{"seq_number": 1, "seq_variants": [
            {"subject": "", "email_body": "<p>A</p>", "variant_label": "A",
             "variant_distribution_percentage": 60}], "seq_delay_details": {"delay_in_days": 0}}]}),
    "accounts filtered": Wire(
        "GET", "/email-accounts/", [ACCOUNT], lambda c: _page(c.email_accounts.list(
            client_id=9, username="ada", esp=EmailAccountType.GMAIL, is_in_use=False,
            email_warmup_status="ACTIVE", is_smtp_success=True, is_warmup_blocked=False,
            fetch_campaigns=True)),
        {"client_id": "9", "username": "ada", "esp": "GMAIL", "isInUse": "false",
         "emailWarmupStatus": "ACTIVE", "isSmtpSuccess": "true", "isWarmupBlocked": "false",
         "fetch_campaigns": "true", "offset": "0", "limit": "100"}, None),
    "account with campaigns and tags": Wire(
        "GET", "/email-accounts/2907/", ACCOUNT, lambda c: c.email_accounts.get(
            2907, fetch_campaigns=True, fetch_tags=True),
        {"fetch_campaigns": "true", "fetch_tags": "true"}, None),
    "account renamed and suspended": Wire(
        "POST", "/email-accounts/2907", {"ok": True}, lambda c: c.email_accounts.update(
            2907, from_name="Ada L.", is_suspended=True),
        {}, {"from_name": "Ada L.", "is_suspended": True}),
    "warmup adjusted": Wire(
        "POST", "/email-accounts/2907/warmup", {"ok": True}, lambda c: c.email_accounts.warmup(
            2907, warmup_enabled=True, auto_adjust_warmup=True, is_rampup_enabled=False),
        {}, {"warmup_enabled": True, "auto_adjust_warmup": True, "is_rampup_enabled": False}),
    "account saved with its type": Wire(
        "POST", "/email-accounts/save", {"ok": True}, lambda c: c.email_accounts.save(
            EmailAccountInput(from_name="A", from_email="a@b.co", user_name="a@b.co",
                              password="pw", smtp_host="s.b.co", smtp_port=465,
                              imap_host="i.b.co", imap_port=993, type="SMTP")),
        {}, {"id": None, "from_name": "A", "from_email": "a@b.co", "user_name": "a@b.co",
             "password": "pw", "smtp_host": "s.b.co", "smtp_port": 465, "imap_host": "i.b.co",
             "imap_port": 993, "type": "SMTP"}),
    "categories of a client": Wire(
        "GET", "/leads/fetch-categories", [], lambda c: c.leads.categories(client_id=9),
        {"client_id": "9"}, None),
    "client without a password, with credits": Wire(
        "POST", "/client/save", {"ok": True, "clientId": 3}, lambda c: c.clients.create(
            name="Acme", email="ops@acme.io", is_credit_assigned=True, email_credits=100,
            lead_credits=0),
        {}, {"name": "Acme", "email": "ops@acme.io", "is_credit_assigned": True,
             "email_credits": 100, "lead_credits": 0}),
}


@pytest.mark.parametrize("name", list(WIRES))
async def test_a_newer_parameter_is_sent_as_the_catalogue_documents_it(
    name: str, api: respx.MockRouter, client: SmartleadClient
) -> None:
    wire = WIRES[name]
    answer = {"text": wire.answer} if isinstance(wire.answer, str) else {"json": wire.answer}
    route = api.route(method=wire.method, path=wire.path).respond(**answer)
    await wire.call(client)
    assert sent(route) == (wire.method, wire.path, {**KEY, **wire.query}, wire.body)


async def test_the_old_spelling_of_the_schedule_gap_warns_and_sends_the_new_one(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/5/schedule").respond(json={"ok": True})
    schedule = {"timezone": "UTC", "days_of_the_week": [1], "start_hour": "09:00",
                "end_hour": "17:00"}
    with pytest.warns(DeprecationWarning, match="min_time_btwn_emails is deprecated"):
        await client.campaigns.update_schedule(5, min_time_btwn_emails=7, **schedule)
    assert sent(route)[3] == {**schedule, "min_time_btw_emails": 7}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(InvalidArgumentError, match="disagree: give only min_time_btw"):
            await client.campaigns.update_schedule(
                5, min_time_btwn_emails=7, min_time_btw_emails=8, **schedule)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: c.campaigns.get(5, include_tags="yes"), InvalidArgumentTypeError,
         "include_tags must be True or False"),
        (lambda c: c.campaigns.update_settings(5, bounce_autopause_threshold=0),
         InvalidArgumentError, "bounce_autopause_threshold must be >= 1"),
        (lambda c: c.campaigns.update_settings(5, out_of_office_detection_settings={}),
         InvalidArgumentTypeError,
         "out_of_office_detection_settings must be a OutOfOfficeSettingsInput"),
        (lambda c: c.campaigns.update_settings(5, name=" "), InvalidArgumentError,
         "name must be a non-empty string"),
        (lambda c: c.campaigns.analytics(5, client_id=0), InvalidArgumentError, "client_id"),
        (lambda c: c.campaigns.analytics_by_date(
            5, start_date="2025-06-01", end_date="2025-06-02", time_zone="Mars/Base"),
         InvalidArgumentError, "time_zone must be an IANA time zone name"),
        (lambda c: _page(c.campaigns.statistics(5, sent_time_start_date="June")),
         InvalidArgumentError, "sent_time_start_date must be an ISO 8601 date"),
        (lambda c: c.campaigns.leads.add(5, [{"email": "a@b.co"}], return_lead_ids="yes"),
         InvalidArgumentTypeError, "return_lead_ids must be True or False"),
        (lambda c: c.campaigns.leads.reply(5, email_stats_id=STATS_ID, email_body="x",
                                           attachments=[{"file_url": "https://x.io"}]),
         InvalidArgumentTypeError, "attachments[0] must be a ReplyAttachmentInput"),
        (lambda c: c.campaigns.leads.reply(5, email_stats_id=STATS_ID, email_body="x",
                                           scheduled_time="later"),
         InvalidArgumentError, "scheduled_time must be an ISO 8601 date"),
        (lambda c: c.campaigns.leads.set_category(5, 6, 0), InvalidArgumentError,
         "category_id"),
        (lambda c: _page(c.email_accounts.list(esp="ZOHO")), InvalidArgumentError,
         "esp must be one of GMAIL, OUTLOOK, SMTP"),
        (lambda c: _page(c.email_accounts.list(email_warmup_status="ON")),
         InvalidArgumentError, "email_warmup_status must be one of ACTIVE, INACTIVE"),
        (lambda c: _page(c.email_accounts.list(is_in_use="false")), InvalidArgumentTypeError,
         "is_in_use must be True or False"),
        (lambda c: _page(c.email_accounts.list(username="")), InvalidArgumentError,
         "username must be a non-empty string"),
        (lambda c: c.email_accounts.warmup(2907, warmup_enabled=True, is_rampup_enabled=1),
         InvalidArgumentTypeError, "is_rampup_enabled must be True or False"),
        (lambda c: c.clients.create(name="A", email="a@b.co", email_credits=-1),
         InvalidArgumentError, "email_credits must be >= 0"),
    ],
)
async def test_a_bad_newer_parameter_is_refused_before_any_request(
    call: Call, error: type[Exception], message: str, api: respx.MockRouter,
    client: SmartleadClient,
) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[").replace("(", r"\(")):
        await call(client)
    assert not api.calls


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: OutOfOfficeSettingsInput(reactivate_with_delay_days=-1),
         "OutOfOfficeSettingsInput.reactivate_with_delay_days must be >= 0"),
        (lambda: ReplyAttachmentInput(file_url="ftp://x"),
         "ReplyAttachmentInput.file_url must be an absolute http"),
        (lambda: SequenceVariantInput(email_body="x", variant_label="A",
                                      variant_distribution_percentage=101),
         "SequenceVariantInput.variant_distribution_percentage must be between 0 and 100"),
        (lambda: EmailAccountInput(from_name="A", from_email="a@b.co", user_name="a",
                                   password="p", smtp_host="s", smtp_port=1, imap_host="i",
                                   imap_port=1, type="YAHOO"),
         "EmailAccountInput.type must be one of"),
    ],
)
def test_newer_input_model_fields_are_checked_when_built(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message.replace("(", r"\(")):
        build()


# -- the strict fake knows every newer parameter the SDK sends ----------------------------------


async def test_the_strict_fake_accepts_every_newer_parameter_the_sdk_sends() -> None:
    fake = strict_fake(strict=True)
    client_id = fake.add_client()
    campaign_id = fake.add_campaign(lead_count=50, client_id=client_id)
    account_id = fake.add_email_account(client_id=client_id)
    async with connected(fake) as client:
        await client.campaigns.email_accounts.add(campaign_id, [account_id],
                                                  auto_adjust_warmup=True)
        tagged = await client.campaigns.get(campaign_id, include_tags=True)
        await client.campaigns.update_schedule(
            campaign_id, timezone="UTC", days_of_the_week=[1], start_hour="09:00",
            end_hour="17:00", min_time_btw_emails=9)
        await client.campaigns.update_settings(
            campaign_id, name="Renamed", force_plain_text=True, bounce_autopause_threshold=3,
            out_of_office_detection_settings=OutOfOfficeSettingsInput(auto_categorize=True))
        await client.campaigns.analytics(campaign_id, client_id=client_id)
        await client.campaigns.analytics_by_date(
            campaign_id, start_date="2025-06-01", end_date="2025-06-30", time_zone="UTC")
        stats = [row async for row in client.campaigns.statistics(
            campaign_id, sent_time_start_date="2025-06-01T00:00:00Z")]
        result = await client.campaigns.leads.add(
            campaign_id, [{"email": "new@example.com"}], ignore_community_bounce_list=False,
            return_lead_ids=True)
        lead = await client.leads.get_by_email("new@example.com")
        await client.campaigns.leads.set_category(campaign_id, lead.id, 2)
        await client.campaigns.leads.set_category(campaign_id, lead.id, None)
        await client.campaigns.leads.message_history(
            campaign_id, lead.id, event_time_gt="2025-01-01", show_plain_text_response=True)
        with_tags = await client.campaigns.email_accounts.list(campaign_id, include_tags=True)
        listed = [a async for a in client.email_accounts.list(
            client_id=client_id, esp=EmailAccountType.GMAIL, is_in_use=True,
            email_warmup_status=EmailWarmupStatus.INACTIVE, fetch_campaigns=True)]
        account = await client.email_accounts.get(account_id, fetch_campaigns=True,
                                                  fetch_tags=True)
        await client.email_accounts.update(account_id, from_name="Ada", is_suspended=False)
        await client.email_accounts.warmup(account_id, warmup_enabled=True,
                                           auto_adjust_warmup=True, is_rampup_enabled=True)
        await client.leads.categories(client_id=client_id)
        await client.clients.create(name="Beta", email="beta@example.com", email_credits=5)
        updated = await client.campaigns.get(campaign_id)
    assert set(fake.stats.status_counts) == {200}
    assert tagged.tags is not None and updated.name == "Renamed"
    assert updated.min_time_btwn_emails == 9
    assert stats and result.upload_count == 1
    assert "emailToLeadIdMap" in result.responses[0].extra
    assert [a.tags for a in with_tags] == [[]]
    assert account.campaign_ids == [campaign_id]
    assert all(a.campaign_ids == [campaign_id] for a in listed)
