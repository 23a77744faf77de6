"""``client.analytics`` and the campaign statistics routes, over respx: exact requests, decoded
answers, and arguments refused before anything is sent."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    AnalyticsRange,
    AnalyticsReport,
    APIStatusError,
    CampaignPerformance,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()

RANGE = AnalyticsRange(
    start_date=date(2025, 11, 1), end_date="2025-11-30", timezone="Europe/Paris",
    client_ids=[7, 8], campaign_ids=(42, 43),
)
RANGE_QUERY = {
    "start_date": "2025-11-01", "end_date": "2025-11-30", "timezone": "Europe/Paris",
    "client_ids": "7,8", "campaign_ids": "42,43",
}
#: An answer of a route whose shape no source records.
ANSWER = {"success": True, "message": "Stats fetched", "data": {
    "rows": [{"sent": "5", "reply_rate": "12.5%"}], "total": 5,
}}

# (method, keyword arguments besides the range, path below /analytics/, their query)
RANGED_REPORTS = [
    ("campaign_follow_up_reply_rate", {}, "campaign/follow-up-reply-rate", {}),
    ("campaign_lead_to_reply_time", {}, "campaign/lead-to-reply-time", {}),
    ("campaign_leads_take_for_first_reply", {}, "campaign/leads-take-for-first-reply", {}),
    ("campaign_response_stats", {"full_data": True}, "campaign/response-stats",
     {"full_data": "true"}),
    ("day_wise_overall_stats_by_sent_time", {}, "day-wise-overall-stats-by-sent-time", {}),
    ("day_wise_positive_reply_stats", {}, "day-wise-positive-reply-stats", {}),
    ("day_wise_positive_reply_stats_by_sent_time", {},
     "day-wise-positive-reply-stats-by-sent-time", {}),
    ("lead_category_wise_response", {}, "lead/category-wise-response", {}),
    ("lead_overall_stats", {}, "lead/overall-stats", {}),
    ("mailbox_provider_wise_overall_performance", {"full_data": False},
     "mailbox/provider-wise-overall-performance", {"full_data": "false"}),
    ("overall_stats_v2", {"is_agency": True, "full_data": True}, "overall-stats-v2",
     {"is_agency": "true", "full_data": "true"}),
    ("team_board_overall_stats", {"full_data": True}, "team-board/overall-stats",
     {"full_data": "true"}),
]
CLIENT_REPORTS = [
    ("campaign_list", "campaign/list"),
    ("campaign_status_stats", "campaign/status-stats"),
    ("client_list", "client/list"),
    ("client_month_wise_count", "client/month-wise-count"),
    ("mailbox_overall_stats", "mailbox/overall-stats"),
]


# -- reports kept whole ---------------------------------------------------------------------


@pytest.mark.parametrize(("method", "kwargs", "path", "query"), RANGED_REPORTS)
async def test_a_ranged_report_sends_the_range_and_its_flags_and_keeps_the_answer_whole(
    api: respx.MockRouter, client: SmartleadClient, method: str, kwargs: dict[str, Any],
    path: str, query: dict[str, str],
) -> None:
    route = api.get(f"/analytics/{path}").respond(json=ANSWER)
    report = await getattr(client.analytics, method)(RANGE, **kwargs)
    assert sent(route) == ("GET", f"/analytics/{path}", {**RANGE_QUERY, **query, **KEY}, None)
    assert isinstance(report, AnalyticsReport)
    assert report.message == "Stats fetched"
    assert report.data == ANSWER["data"]
    assert report.extra["rows"] == [{"sent": "5", "reply_rate": "12.5%"}]


@pytest.mark.parametrize(("method", "path"), CLIENT_REPORTS)
async def test_a_client_report_sends_the_client_ids_comma_joined(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str
) -> None:
    route = api.get(f"/analytics/{path}").respond(json={"ok": True, "data": [{"id": 3}]})
    report = await getattr(client.analytics, method)(client_ids=[3, 5, 9])
    assert sent(route) == ("GET", f"/analytics/{path}", {"client_ids": "3,5,9", **KEY}, None)
    assert report.data == [{"id": 3}]


@pytest.mark.parametrize(("method", "path"), CLIENT_REPORTS)
async def test_a_client_report_without_client_ids_sends_only_the_key(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str
) -> None:
    route = api.get(f"/analytics/{path}").respond(json={"ok": True, "data": {"total": 2}})
    report = await getattr(client.analytics, method)()
    assert sent(route) == ("GET", f"/analytics/{path}", KEY, None)
    assert report.extra["total"] == 2


async def test_a_range_without_its_optional_parts_sends_only_the_dates(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/analytics/lead/overall-stats").respond(json={"ok": True, "data": {}})
    await client.analytics.lead_overall_stats(
        AnalyticsRange(start_date=datetime(2025, 11, 1, 23, 30), end_date=date(2025, 11, 1))
    )
    assert sent(route)[2] == {"start_date": "2025-11-01", "end_date": "2025-11-01", **KEY}


async def test_overall_stats_v2_keeps_counts_that_mix_numbers_and_strings_as_sent(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/analytics/overall-stats-v2").respond(json={
        "ok": True, "data": {"overall_stats": {"sent": "150", "opened": 62, "open_rate": "41%"}},
    })
    report = await client.analytics.overall_stats_v2(RANGE)
    assert report.data == {"overall_stats": {"sent": "150", "opened": 62, "open_rate": "41%"}}


async def test_a_report_answered_200_with_success_false_raises_its_message(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/analytics/lead/overall-stats").respond(
        json={"success": False, "message": "Analytics are not enabled for this plan"}
    )
    with pytest.raises(APIStatusError, match="not enabled for this plan") as caught:
        await client.analytics.lead_overall_stats(RANGE)
    assert caught.value.status_code == 200


# -- typed answers --------------------------------------------------------------------------

DAY_WISE = {"success": True, "message": "Email engagement stats fetched successfully!", "data": {
    "day_wise_stats": [
        {"date": "20 Apr", "day_name": "Sunday", "email_engagement_metrics": {
            "sent": 2316, "opened": 0, "replied": "25", "bounced": 125, "unsubscribed": 0}},
        {"date": "21 Apr", "day_name": "Monday", "email_engagement_metrics": {
            "sent": 92881, "opened": 0, "replied": 338, "bounced": 12049, "unsubscribed": 0}},
    ],
}}


async def test_day_wise_overall_stats_decodes_each_day_and_its_counts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/analytics/day-wise-overall-stats").respond(json=DAY_WISE)
    stats = await client.analytics.day_wise_overall_stats(RANGE)
    assert sent(route) == ("GET", "/analytics/day-wise-overall-stats",
                           {**RANGE_QUERY, **KEY}, None)
    assert stats.message == "Email engagement stats fetched successfully!"
    assert [(day.date, day.day_name) for day in stats.days] == [
        ("20 Apr", "Sunday"), ("21 Apr", "Monday")]
    metrics = stats.days[0].metrics
    assert metrics is not None
    assert (metrics.sent, metrics.replied, metrics.bounced) == (2316, 25, 125)


def _performance(campaign_id: int) -> dict[str, Any]:
    return {"id": campaign_id, "campaign_name": f"C{campaign_id}", "sent": "40", "opened": 20,
            "replied": 5, "bounced": 1, "open_rate": "50%", "reply_rate": "12.5%",
            "bounce_rate": "2.5%", "unique_lead_count": "30"}


async def test_campaign_overall_stats_pages_until_a_short_page_with_the_range(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        ids = range(offset + 1, min(offset + 2, 3) + 1)
        return httpx.Response(200, json={"ok": True, "data": {
            "campaign_wise_performance": [_performance(i) for i in ids]}})

    route = api.get("/analytics/campaign/overall-stats").mock(side_effect=page)
    rows = [row async for row in client.analytics.campaign_overall_stats(
        RANGE, full_data=True, page_size=2, prefetch=1)]
    query = {**RANGE_QUERY, "full_data": "true", **KEY}
    assert sent_requests(route) == [
        ("GET", "/analytics/campaign/overall-stats", {**query, "offset": "0", "limit": "2"},
         None),
        ("GET", "/analytics/campaign/overall-stats", {**query, "offset": "2", "limit": "2"},
         None),
    ]
    assert [row.id for row in rows] == [1, 2, 3]
    assert rows[0] == CampaignPerformance(
        id=1, campaign_name="C1", sent=40, opened=20, replied=5, bounced=1,
        unique_lead_count=30, open_rate=50.0, reply_rate=12.5, bounce_rate=2.5,
    )


async def test_client_overall_stats_sends_the_filter_and_keeps_each_row_whole(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/analytics/client/overall-stats").respond(json={"ok": True, "data": {
        "client_stats": [{"client_id": 7, "client_name": "Acme", "sent": "12"}]}})
    rows = [row async for row in client.analytics.client_overall_stats(
        AnalyticsRange(start_date="2025-11-01", end_date="2025-11-30", client_ids=[7]),
        filter="acme", full_data=False)]
    assert sent(route)[2] == {
        "start_date": "2025-11-01", "end_date": "2025-11-30", "client_ids": "7",
        "filter": "acme", "full_data": "false", "offset": "0", "limit": "100", **KEY,
    }
    assert [row.raw for row in rows] == [{"client_id": 7, "client_name": "Acme", "sent": "12"}]


@pytest.mark.parametrize(
    ("method", "kwargs", "path", "key", "query"),
    [
        ("mailbox_domain_wise_health_metrics", {}, "mailbox/domain-wise-health-metrics",
         "domain_health_metrics", {}),
        ("mailbox_name_wise_health_metrics", {"is_bounced": True},
         "mailbox/name-wise-health-metrics", "email_health_metrics", {"is_bounced": "true"}),
    ],
)
async def test_mailbox_health_pages_read_their_rows_under_the_known_key(
    api: respx.MockRouter, client: SmartleadClient, method: str, kwargs: dict[str, Any],
    path: str, key: str, query: dict[str, str],
) -> None:
    rows_sent = [{"from_email": "a@x.io", "sent": 3}, {"from_email": "b@x.io", "sent": 4}]
    route = api.get(f"/analytics/{path}").respond(json={
        "ok": True, "data": {key: rows_sent, "top_issues": []}})
    rows = [row async for row in getattr(client.analytics, method)(
        RANGE, page_size=5, **kwargs)]
    assert sent(route) == ("GET", f"/analytics/{path}", {
        **RANGE_QUERY, **query, "offset": "0", "limit": "5", **KEY}, None)
    assert [row.raw for row in rows] == rows_sent


# -- arguments refused before any request ---------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"start_date": "01/11/2025"}, InvalidArgumentError,
         "AnalyticsRange.start_date must be an ISO 8601 date"),
        ({"end_date": "2025-10-31"}, InvalidArgumentError,
         "AnalyticsRange.end_date (2025-10-31) must not be before AnalyticsRange.start_date"),
        ({"end_date": 20251130}, InvalidArgumentTypeError,
         "AnalyticsRange.end_date must be a date, datetime or ISO 8601 string"),
        ({"timezone": "Mars/Olympus"}, InvalidArgumentError,
         "AnalyticsRange.timezone must be an IANA time zone name"),
        ({"client_ids": []}, InvalidArgumentError,
         "AnalyticsRange.client_ids must contain at least one id"),
        ({"campaign_ids": [42, 0]}, InvalidArgumentError,
         "AnalyticsRange.campaign_ids[1] must be >= 1, got 0"),
        ({"campaign_ids": "42,43"}, InvalidArgumentTypeError,
         "AnalyticsRange.campaign_ids must be a list of int ids, got str"),
        ({"client_ids": [True]}, InvalidArgumentTypeError,
         "AnalyticsRange.client_ids[0] must be an int, got bool"),
    ],
)
def test_an_analytics_range_is_checked_when_built(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        AnalyticsRange(**{"start_date": "2025-11-01", "end_date": "2025-11-30", **kwargs})
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "method", ["day_wise_overall_stats_by_sent_time", "day_wise_positive_reply_stats_by_sent_time"]
)
async def test_the_by_sent_time_routes_require_a_timezone_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, method: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"requires AnalyticsRange\.timezone"):
        await getattr(client.analytics, method)(
            AnalyticsRange(start_date="2025-11-01", end_date="2025-11-30")
        )
    assert api.calls.call_count == 0


async def test_client_overall_stats_refuses_a_campaign_filter_it_does_not_take(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"takes no AnalyticsRange\.campaign_ids"):
        client.analytics.client_overall_stats(RANGE)
    assert api.calls.call_count == 0


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: c.analytics.lead_overall_stats({"start_date": "2025-11-01"}),
         InvalidArgumentTypeError, "date_range must be an AnalyticsRange, got dict"),
        (lambda c: c.analytics.campaign_response_stats(RANGE, full_data="true"),
         InvalidArgumentTypeError, "full_data must be True or False"),
        (lambda c: c.analytics.campaign_list(client_ids=[0]),
         InvalidArgumentError, "client_ids[0] must be >= 1, got 0"),
        (lambda c: c.analytics.campaign_overall_stats(RANGE, page_size=101),
         InvalidArgumentError, "page_size must be between 1 and 100, got 101"),
        (lambda c: c.analytics.mailbox_name_wise_health_metrics(RANGE, is_bounced=1),
         InvalidArgumentTypeError, "is_bounced must be True or False"),
    ],
)
async def test_analytics_arguments_are_refused_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        pending = call(client)
        if hasattr(pending, "__await__"):
            await pending
    assert message in str(caught.value)
    assert api.calls.call_count == 0


# -- campaign statistics --------------------------------------------------------------------


async def test_leads_statistics_pages_by_has_more_with_the_event_filter(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        leads = [{"to": f"l{i}@x.io", "sent_count": "2"} for i in range(offset, min(offset + 2, 3))]
        return httpx.Response(200, json={"data": leads, "hasMore": offset + 2 < 3,
                                         "skip": offset, "limit": 2})

    route = api.get("/campaigns/7/leads-statistics").mock(side_effect=page)
    rows = [row async for row in client.campaigns.leads_statistics(
        7, event_time_gt=date(2025, 11, 1), page_size=2, prefetch=1)]
    query = {"event_time_gt": "2025-11-01", **KEY}
    assert sent_requests(route) == [
        ("GET", "/campaigns/7/leads-statistics", {**query, "offset": "0", "limit": "2"}, None),
        ("GET", "/campaigns/7/leads-statistics", {**query, "offset": "2", "limit": "2"}, None),
    ]
    assert [row.raw["to"] for row in rows] == ["l0@x.io", "l1@x.io", "l2@x.io"]


async def test_mailbox_statistics_sends_the_dates_zone_and_client_and_reads_the_rows(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/7/mailbox-statistics").respond(json={"ok": True, "data": [
        {"email_account_id": 2907, "from_email": "a@x.io", "sent_count": "9"}]})
    rows = [row async for row in client.campaigns.mailbox_statistics(
        7, client_id=22, start_date="2025-11-01", end_date=date(2025, 11, 30),
        time_zone="America/Los_Angeles")]
    assert sent(route) == ("GET", "/campaigns/7/mailbox-statistics", {
        "client_id": "22", "start_date": "2025-11-01", "end_date": "2025-11-30",
        "time_zone": "America/Los_Angeles", "offset": "0", "limit": "20", **KEY}, None)
    assert [row.raw["email_account_id"] for row in rows] == [2907]


async def test_top_level_analytics_by_date_sends_the_days_and_keeps_the_answer(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/7/top-level-analytics-by-date").respond(
        json={"id": 7, "sent_count": "4375", "open_count": "745"})
    report = await client.campaigns.top_level_analytics_by_date(
        7, start_date=datetime(2025, 11, 1, 8, 0), end_date="2025-12-31")
    assert sent(route) == ("GET", "/campaigns/7/top-level-analytics-by-date",
                           {"start_date": "2025-11-01", "end_date": "2025-12-31", **KEY}, None)
    assert report.data == {"id": 7, "sent_count": "4375", "open_count": "745"}
    assert report.extra["sent_count"] == "4375"


@pytest.mark.parametrize("body", [{}, None])
async def test_campaign_analytics_answered_with_an_empty_200_raise_not_found(
    api: respx.MockRouter, client: SmartleadClient, body: Any
) -> None:
    response = httpx.Response(200, json=body) if body is not None else httpx.Response(200)
    api.get("/campaigns/404/sequence-analytics").mock(return_value=response)
    with pytest.raises(NotFoundError, match="sequence analytics of campaign 404 not found"):
        await client.campaigns.sequence_analytics(
            404, start_date="2025-11-01", end_date="2025-11-02")


async def test_sequence_analytics_sends_days_or_wall_times_in_the_zone(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/7/sequence-analytics").respond(
        json=[{"seq_number": 1, "sent_count": "3"}])
    report = await client.campaigns.sequence_analytics(
        7, start_date=datetime(2025, 1, 1, 23, 30, tzinfo=UTC),
        end_date="2025-01-31 18:00:00", time_zone="Asia/Kolkata")
    assert sent(route) == ("GET", "/campaigns/7/sequence-analytics", {
        "start_date": "2025-01-02 05:00:00", "end_date": "2025-01-31 18:00:00",
        "time_zone": "Asia/Kolkata", **KEY}, None)
    assert report.data == [{"seq_number": 1, "sent_count": "3"}]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.campaigns.mailbox_statistics(7, start_date="2025-11-01"),
         "start_date and end_date go together"),
        (lambda c: c.campaigns.mailbox_statistics(7, page_size=21),
         "page_size must be between 1 and 20, got 21"),
        (lambda c: c.campaigns.mailbox_statistics(7, time_zone="UTC+2"),
         "time_zone must be an IANA time zone name"),
        (lambda c: c.campaigns.mailbox_statistics(
            7, start_date="2025-11-02", end_date="2025-11-01"),
         "end_date (2025-11-01) must not be before start_date (2025-11-02)"),
        (lambda c: c.campaigns.leads_statistics(7, page_size=101),
         "page_size must be between 1 and 100, got 101"),
        (lambda c: c.campaigns.leads_statistics(0), "campaign_id must be >= 1, got 0"),
        (lambda c: c.campaigns.top_level_analytics_by_date(
            7, start_date="2025-11-02", end_date="2025-11-01"),
         "end_date (2025-11-01) must not be before start_date (2025-11-02)"),
        (lambda c: c.campaigns.sequence_analytics(
            7, start_date="2025/11/01", end_date="2025-11-02"),
         "start_date must be 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', got '2025/11/01'"),
        (lambda c: c.campaigns.sequence_analytics(
            7, start_date="2025-02-30", end_date="2025-03-02"),
         "start_date must be 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'"),
        (lambda c: c.campaigns.sequence_analytics(
            7, start_date="2025-11-02 10:00:00", end_date="2025-11-01"),
         "end_date (2025-11-01) must not be on a day before start_date"),
    ],
)
async def test_campaign_statistics_arguments_are_refused_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        pending = call(client)
        if hasattr(pending, "__await__") and not hasattr(pending, "pages"):
            await pending
    assert message in str(caught.value)
    assert api.calls.call_count == 0
