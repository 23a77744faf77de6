"""Analytics through the SDK against the fake: every figure checked against the emails the
fake's campaign statistics list, and writes (accounts attached, leads recategorised) seen."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from smartlead_async import (
    AnalyticsRange,
    CampaignStatistic,
    InvalidArgumentError,
    NotFoundError,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead

from ._behaviour import all_leads, connected, requests_to, strict_fake

#: A range holding every email the fake's seeded campaigns have sent (May to June 2025).
WHOLE = AnalyticsRange(start_date="2025-01-01", end_date="2025-12-31")


async def emails(client: SmartleadClient, campaign_id: int) -> list[CampaignStatistic]:
    """Every email a campaign sent (one statistics row each), paged by the SDK."""
    return [row async for row in client.campaigns.statistics(campaign_id)]


def on_day(rows: list[CampaignStatistic], moment: str, day: date) -> int:
    """How many rows have their ``moment`` (``sent_time``, ``reply_time``...) on ``day`` (UTC)."""
    return sum(1 for row in rows if (t := getattr(row, moment)) is not None and t.date() == day)


def busiest_day(rows: list[CampaignStatistic]) -> date:
    """The day (UTC) most of these emails were sent on."""
    days = Counter(row.sent_time.date() for row in rows if row.sent_time is not None)
    return days.most_common(1)[0][0]


def message_of(response: httpx.Response) -> str:
    """The message of one of the fake's error bodies (``message``, else ``error``)."""
    body = response.json()
    return str(body.get("message") or body["error"])


def seeded(campaigns: int = 2, leads: int = 40, **kwargs: Any) -> FakeSmartlead:
    fake = strict_fake(**kwargs)
    for n in range(campaigns):
        fake.add_campaign(name=f"Campaign {n}", lead_count=leads + 7 * n)
    return fake


# -- per campaign ---------------------------------------------------------------------------


async def test_campaign_overall_stats_count_each_campaigns_emails_on_every_page() -> None:
    fake = seeded(campaigns=7, leads=5)
    async with connected(fake) as client:
        rows = [row async for row in client.analytics.campaign_overall_stats(WHOLE, page_size=3)]
        sent = {campaign_id: await emails(client, campaign_id) for campaign_id in fake.campaigns}
    assert [row.id for row in rows] == sorted(fake.campaigns)
    assert requests_to(fake, "GET", "/analytics/campaign/overall-stats") == 3
    for row in rows:
        mails = sent[row.id]
        opened = sum(mail.open_time is not None for mail in mails)
        replied = sum(mail.reply_time is not None for mail in mails)
        assert (row.sent, row.opened, row.replied) == (len(mails), opened, replied)
        assert row.open_rate == (round(100 * opened / len(mails), 2) if mails else 0)
        assert row.reply_rate == (round(100 * replied / len(mails), 2) if mails else 0)


async def test_a_one_day_range_counts_only_that_days_events() -> None:
    fake = seeded(campaigns=1, leads=60)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        mails = await emails(client, campaign_id)
        day = busiest_day(mails)
        [row] = [row async for row in client.analytics.campaign_overall_stats(
            AnalyticsRange(start_date=day, end_date=day))]
    assert row.sent == on_day(mails, "sent_time", day)
    assert row.opened == on_day(mails, "open_time", day)
    assert row.replied == on_day(mails, "reply_time", day)


async def test_client_and_campaign_filters_narrow_the_campaigns_reported() -> None:
    fake = strict_fake()
    client_id = fake.add_client(name="Acme")
    ours = [fake.add_campaign(lead_count=3, client_id=client_id) for _ in range(2)]
    other = fake.add_campaign(lead_count=3)
    async with connected(fake) as client:
        by_client = [row.id async for row in client.analytics.campaign_overall_stats(
            AnalyticsRange(start_date="2025-01-01", end_date="2025-12-31",
                           client_ids=[client_id]))]
        by_campaign = [row.id async for row in client.analytics.campaign_overall_stats(
            AnalyticsRange(start_date="2025-01-01", end_date="2025-12-31",
                           campaign_ids=[other, ours[0]]))]
    assert by_client == ours
    assert by_campaign == sorted([other, ours[0]])


# -- day by day -----------------------------------------------------------------------------


async def test_day_wise_stats_list_every_day_and_add_up_to_the_overall_figures() -> None:
    fake = seeded()
    span = AnalyticsRange(start_date="2025-05-25", end_date="2025-06-10")
    async with connected(fake) as client:
        stats = await client.analytics.day_wise_overall_stats(span)
        rows = [row async for row in client.analytics.campaign_overall_stats(span)]
    days = [date(2025, 5, 25) + timedelta(days=n) for n in range(17)]
    assert [day.date for day in stats.days] == [d.strftime("%d %b") for d in days]
    assert [day.day_name for day in stats.days] == [d.strftime("%A") for d in days]
    for metric in ("sent", "opened", "replied", "bounced"):
        daily = sum(getattr(day.metrics, metric) for day in stats.days if day.metrics)
        assert daily == sum(getattr(row, metric) or 0 for row in rows), metric


async def test_a_timezone_moves_events_between_days_but_keeps_the_totals() -> None:
    fake = seeded()
    utc = AnalyticsRange(start_date="2025-05-01", end_date="2025-07-31")
    east = AnalyticsRange(start_date="2025-05-01", end_date="2025-07-31",
                          timezone="Pacific/Pago_Pago")  # UTC-11
    async with connected(fake) as client:
        in_utc = await client.analytics.day_wise_overall_stats(utc)
        in_east = await client.analytics.day_wise_overall_stats(east)

    def sent(stats: Any) -> list[int]:
        return [day.metrics.sent for day in stats.days]

    assert sent(in_utc) != sent(in_east)
    assert sum(sent(in_utc)) == sum(sent(in_east)) > 0


async def test_the_by_sent_time_view_credits_replies_to_the_day_their_email_went_out() -> None:
    fake = seeded(campaigns=1, leads=80)
    campaign_id = next(iter(fake.campaigns))
    span = AnalyticsRange(start_date="2025-05-20", end_date="2025-06-10", timezone="UTC")
    async with connected(fake) as client:
        report = await client.analytics.day_wise_overall_stats_by_sent_time(span)
        mails = await emails(client, campaign_id)
    replied_by_send_day = Counter(
        mail.sent_time.date().strftime("%d %b") for mail in mails
        if mail.reply_time is not None and mail.sent_time is not None
    )
    got = {day["date"]: day["email_engagement_metrics"]["replied"]
           for day in report.data["day_wise_stats"]}
    assert {day: n for day, n in got.items() if n} == dict(replied_by_send_day)


async def test_the_fake_refuses_a_by_sent_time_request_without_a_timezone() -> None:
    fake = seeded(campaigns=1, leads=1)
    async with connected(fake) as client:
        with pytest.raises(InvalidArgumentError):
            await client.analytics.day_wise_positive_reply_stats_by_sent_time(WHOLE)
    assert fake.stats.requests == 0  # the SDK refused it; a raw client reaches the fake:
    async with fake.http_client() as http:
        response = await http.get("/analytics/day-wise-positive-reply-stats-by-sent-time", params={
            "api_key": fake.api_key, "start_date": "2025-05-01", "end_date": "2025-05-02"})
    assert (response.status_code, message_of(response)) == (422, '"timezone" is required')


@pytest.mark.parametrize(
    ("path", "query", "status", "text"),
    [
        ("lead/overall-stats", {"client_ids": "7,x"}, 422,
         '"client_ids" must be a comma-separated list of ids'),
        ("lead/overall-stats", {"start_date": "2025/05/01"}, 400, "Invalid start_date"),
        ("lead/overall-stats", {"end_date": "2025-04-30"}, 422, '"end_date" must be greater'),
        ("lead/overall-stats", {"end_date": None}, 422, '"end_date" is required'),
        ("lead/overall-stats", {"timezone": "Mars/Olympus"}, 400, "Invalid timezone"),
        ("campaign/overall-stats", {"limit": "101"}, 422, '"limit" must be less than or equal'),
        ("overall-stats-v2", {"is_agency": "yes"}, 422, '"is_agency" must be a boolean'),
    ],
)
async def test_the_fake_refuses_bad_analytics_parameters_like_the_api(
    path: str, query: dict[str, str | None], status: int, text: str
) -> None:
    fake = seeded(campaigns=1, leads=1)
    params = {"api_key": fake.api_key, "start_date": "2025-05-01", "end_date": "2025-05-02",
              **query}
    async with fake.http_client() as http:
        response = await http.get(f"/analytics/{path}", params={
            name: value for name, value in params.items() if value is not None})
    assert response.status_code == status and text in message_of(response)


# -- replies --------------------------------------------------------------------------------


async def test_every_reply_in_the_range_is_counted_once_by_each_reply_breakdown() -> None:
    fake = seeded()
    async with connected(fake) as client:
        replied = sum([
            sum(mail.reply_time is not None for mail in await emails(client, campaign_id))
            for campaign_id in fake.campaigns
        ])
        categories = await client.analytics.lead_category_wise_response(WHOLE)
        first_reply = await client.analytics.campaign_leads_take_for_first_reply(WHOLE)
        responses = await client.analytics.campaign_response_stats(WHOLE)
        timing = await client.analytics.campaign_lead_to_reply_time(WHOLE)
    assert replied > 0
    assert sum(row["count"] for row in categories.data["lead_category_wise_response"]) == replied
    assert sum(row["lead_count"] for row in first_reply.data) == replied
    assert sum(row["total_response"]
               for row in responses.data["campaign_wise_response_stats"]) == replied
    assert timing.data["replies"] == replied and timing.data["average_hours"] > 0


async def test_the_follow_up_reply_rate_counts_the_steps_after_the_first() -> None:
    fake = seeded(campaigns=1, leads=80)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        report = await client.analytics.campaign_follow_up_reply_rate(WHOLE)
        follow_ups = [mail for mail in await emails(client, campaign_id)
                      if (mail.sequence_number or 0) >= 2]
    replied = sum(mail.reply_time is not None for mail in follow_ups)
    assert report.data["follow_up_sent"] == len(follow_ups) > 0
    assert report.data["follow_up_replied"] == replied
    assert report.data["follow_up_reply_rate"] == f"{round(100 * replied / len(follow_ups), 2):g}%"


async def test_a_replied_lead_recategorised_as_interested_becomes_a_positive_reply() -> None:
    fake = seeded(campaigns=1, leads=80)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        replied = {mail.lead_email for mail in await emails(client, campaign_id)
                   if mail.reply_time is not None}
        lead = next(item for item in await all_leads(client, campaign_id)
                    if item.lead.email in replied and item.lead_category_id not in (1, 2, 5))
        [before] = [row async for row in client.analytics.campaign_overall_stats(WHOLE)]
        await client.campaigns.leads.set_category(campaign_id, int(lead.lead.id or 0),
                                                  category_id=1)  # Interested
        [after] = [row async for row in client.analytics.campaign_overall_stats(WHOLE)]
    assert after.positive_replied == (before.positive_replied or 0) + 1
    assert after.replied == before.replied


# -- mailboxes ------------------------------------------------------------------------------


async def test_mailbox_figures_appear_once_email_accounts_are_attached() -> None:
    fake = seeded(campaigns=1, leads=50)
    campaign_id = next(iter(fake.campaigns))
    accounts = [fake.add_email_account(), fake.add_email_account()]
    async with connected(fake) as client:
        assert [row async for row in client.campaigns.mailbox_statistics(campaign_id)] == []
        await client.campaigns.email_accounts.add(campaign_id, accounts)
        per_campaign = [row async for row in client.campaigns.mailbox_statistics(campaign_id)]
        per_mailbox = [row async for row in
                       client.analytics.mailbox_name_wise_health_metrics(WHOLE)]
        per_domain = [row async for row in
                      client.analytics.mailbox_domain_wise_health_metrics(WHOLE)]
        sent = len(await emails(client, campaign_id))
    assert [row.raw["email_account_id"] for row in per_campaign] == accounts
    assert sum(row.raw["sent_count"] for row in per_campaign) == sent
    assert [row.raw["email_account_id"] for row in per_mailbox] == accounts
    assert sum(row.raw["sent"] for row in per_mailbox) == sent
    assert sum(row.raw["sent"] for row in per_domain) == sent


async def test_mailbox_statistics_of_a_date_range_count_the_emails_sent_in_it() -> None:
    fake = seeded(campaigns=1, leads=50)
    campaign_id = next(iter(fake.campaigns))
    account = fake.add_email_account()
    async with connected(fake) as client:
        await client.campaigns.email_accounts.add(campaign_id, [account])
        mails = await emails(client, campaign_id)
        day = busiest_day(mails)
        [row] = [row async for row in client.campaigns.mailbox_statistics(
            campaign_id, start_date=day, end_date=day, time_zone="UTC")]
    assert row.raw["sent_count"] == on_day(mails, "sent_time", day)


# -- campaign statistics --------------------------------------------------------------------


async def test_lead_statistics_page_through_every_lead_once_by_has_more() -> None:
    fake = seeded(campaigns=1, leads=23)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        rows = [row async for row in client.campaigns.leads_statistics(campaign_id, page_size=5)]
        cutoff = "2025-06-01T00:30:00Z"
        recent = [row.raw["campaign_lead_map_id"] async for row in
                  client.campaigns.leads_statistics(campaign_id, event_time_gt=cutoff)]
        expected = [item.campaign_lead_map_id async for item in
                    client.campaigns.leads.list(campaign_id, event_time_gt=cutoff)]
    assert [row.raw["campaign_lead_map_id"] for row in rows] == fake.lead_ids(campaign_id)
    assert requests_to(fake, "GET", "/leads-statistics") >= 5
    assert recent == expected and 0 < len(recent) < 23


async def test_sequence_analytics_count_each_steps_emails() -> None:
    fake = seeded(campaigns=1, leads=60)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        report = await client.campaigns.sequence_analytics(
            campaign_id, start_date="2025-01-01", end_date="2025-12-31 23:59:59")
        mails = await emails(client, campaign_id)
    per_step = Counter(mail.sequence_number for mail in mails)
    assert {row["seq_number"]: int(row["sent_count"]) for row in report.data} == {
        step: per_step.get(step, 0) for step in range(1, len(report.data) + 1)}


async def test_top_level_analytics_by_date_agree_with_analytics_by_date_and_span_longer() -> (
    None
):
    fake = seeded(campaigns=1, leads=60)
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        top = await client.campaigns.top_level_analytics_by_date(
            campaign_id, start_date="2025-05-20", end_date="2025-06-19")
        by_date = await client.campaigns.analytics_by_date(
            campaign_id, start_date="2025-05-20", end_date="2025-06-19")
        longer = await client.campaigns.top_level_analytics_by_date(
            campaign_id, start_date="2025-01-01", end_date="2025-12-31")
    assert int(top.data["sent_count"]) == by_date.sent_count
    assert int(top.data["reply_count"]) == by_date.reply_count
    assert int(longer.data["sent_count"]) >= by_date.sent_count


@pytest.mark.parametrize("quirks", [False, True])
async def test_statistics_of_a_missing_campaign_raise_not_found(quirks: bool) -> None:
    fake = strict_fake(quirks=quirks)  # with quirks, the reports answer 200 {} as live
    async with connected(fake) as client:
        with pytest.raises(NotFoundError):
            await client.campaigns.sequence_analytics(
                404, start_date="2025-05-01", end_date="2025-05-02")
        with pytest.raises(NotFoundError):
            await client.campaigns.top_level_analytics_by_date(
                404, start_date="2025-05-01", end_date="2025-05-02")
        with pytest.raises(NotFoundError):
            await client.campaigns.leads_statistics(404)
        with pytest.raises(NotFoundError):
            await client.campaigns.mailbox_statistics(404)


# -- account ------------------------------------------------------------------------------------


async def test_account_listings_reflect_its_campaigns_clients_and_mailboxes() -> None:
    fake = strict_fake()
    client_id = fake.add_client(name="Acme")
    fake.add_campaign(lead_count=1, client_id=client_id, status="PAUSED")
    fake.add_campaign(lead_count=1)
    fake.add_email_account(client_id=client_id)
    fake.add_email_account(connected=False)
    async with connected(fake) as client:
        campaigns = await client.analytics.campaign_list()
        ours = await client.analytics.campaign_list(client_ids=[client_id])
        statuses = await client.analytics.campaign_status_stats()
        clients = await client.analytics.client_list()
        months = await client.analytics.client_month_wise_count()
        mailboxes = await client.analytics.mailbox_overall_stats()
        our_mailboxes = await client.analytics.mailbox_overall_stats(client_ids=[client_id])
    assert [row["id"] for row in campaigns.data] == sorted(fake.campaigns)
    assert [row["client_id"] for row in ours.data] == [client_id]
    assert {row["status"]: row["count"] for row in statuses.data} == {"ACTIVE": 1, "PAUSED": 1}
    assert [row["id"] for row in clients.data] == [client_id]
    assert sum(row["count"] for row in months.data) == 1
    assert (mailboxes.data["total"], mailboxes.data["inactive"]) == (2, 1)
    assert our_mailboxes.data["total"] == 1


async def test_the_overview_totals_the_account_with_counts_partly_as_strings() -> None:
    fake = seeded()
    async with connected(fake) as client:
        overview = await client.analytics.overall_stats_v2(WHOLE, is_agency=False)
        team = await client.analytics.team_board_overall_stats(WHOLE)
        rows = [row async for row in client.analytics.campaign_overall_stats(WHOLE)]
    stats = overview.data["overall_stats"]
    assert stats["sent"] == str(sum(row.sent or 0 for row in rows))  # a string, as live
    assert stats["opened"] == sum(row.opened or 0 for row in rows)  # a number
    assert team.data["team_board_stats"][0]["sent"] == int(stats["sent"])


async def test_every_analytics_call_is_accepted_by_the_strict_fake() -> None:
    fake = seeded(strict=True)
    campaign_id = next(iter(fake.campaigns))
    client_id = fake.add_client()
    full = AnalyticsRange(start_date="2025-05-01", end_date="2025-06-30", timezone="UTC",
                          client_ids=[client_id], campaign_ids=[campaign_id])
    no_campaigns = AnalyticsRange(start_date="2025-05-01", end_date="2025-06-30",
                                  timezone="UTC", client_ids=[client_id])
    async with connected(fake) as client:
        a = client.analytics
        for report in (
            a.campaign_follow_up_reply_rate(full), a.campaign_lead_to_reply_time(full),
            a.campaign_leads_take_for_first_reply(full), a.campaign_list(client_ids=[client_id]),
            a.campaign_response_stats(full, full_data=True),
            a.campaign_status_stats(client_ids=[client_id]), a.client_list(client_ids=[client_id]),
            a.client_month_wise_count(client_ids=[client_id]), a.day_wise_overall_stats(full),
            a.day_wise_overall_stats_by_sent_time(full), a.day_wise_positive_reply_stats(full),
            a.day_wise_positive_reply_stats_by_sent_time(full),
            a.lead_category_wise_response(full), a.lead_overall_stats(full),
            a.mailbox_overall_stats(client_ids=[client_id]),
            a.mailbox_provider_wise_overall_performance(full, full_data=True),
            a.overall_stats_v2(full, is_agency=True, full_data=True),
            a.team_board_overall_stats(full, full_data=True),
            client.campaigns.top_level_analytics_by_date(
                campaign_id, start_date="2025-05-01", end_date="2025-06-30"),
            client.campaigns.sequence_analytics(
                campaign_id, start_date="2025-05-01", end_date="2025-06-30", time_zone="UTC"),
        ):
            await report
        for listing in (
            a.campaign_overall_stats(full, full_data=True),
            a.client_overall_stats(no_campaigns, filter="a", full_data=True),
            a.mailbox_domain_wise_health_metrics(full, full_data=True),
            a.mailbox_name_wise_health_metrics(full, full_data=True, is_bounced=False),
            client.campaigns.leads_statistics(campaign_id, event_time_gt="2025-05-01"),
            client.campaigns.mailbox_statistics(
                campaign_id, client_id=client_id, start_date="2025-05-01",
                end_date="2025-06-30", time_zone="UTC"),
        ):
            [row async for row in listing]
    assert fake.stats.status_counts.keys() == {200}
    assert fake.stats.requests == 26
