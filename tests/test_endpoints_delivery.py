"""``client.delivery`` over respx: each Smart Delivery route's exact request on its own host
(method, host, path, query, body) and its decoded answer."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIStatusError,
    DeliveryReport,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    SmartleadClient,
    SpamTestInput,
    SpamTestType,
    TimeUnit,
)

from ._endpoints import KEY, endpoint_fixtures, open_client
from ._hosts import DELIVERY_URL, all_sent_to, sent_to

api, client = endpoint_fixtures(DELIVERY_URL)

HOST = "smartdelivery.smartlead.ai"
TEST_ROW = {"id": 51247, "test_name": "Q3 copy", "test_type": "manual", "status": "completed",
            "campaign_id": 42, "folder_id": None, "created_at": "2025-12-01T09:00:03.000Z",
            "spam_filters": ["spam_assassin"]}


def envelope(data: Any, message: str = "ok") -> dict[str, Any]:
    return {"success": True, "message": message, "data": data}


def spam_test(**changes: Any) -> SpamTestInput:
    fields: dict[str, Any] = {
        "test_name": "Q3 copy", "campaign_id": 42, "sequence_mapping_id": 8401,
        "provider_ids": [1, 2], "sender_accounts": ["ada@acme.com"],
        "spam_filters": ["spam_assassin"], "link_checker": True, "is_warmup": False,
        "all_email_sent_without_time_gap": False, "min_time_btwn_emails": 10,
        "min_time_unit": TimeUnit.MINUTES, **changes,
    }
    return SpamTestInput(**fields)


TEST_BODY = {
    "test_name": "Q3 copy", "campaign_id": 42, "sequence_mapping_id": 8401,
    "provider_ids": [1, 2], "sender_accounts": ["ada@acme.com"],
    "spam_filters": ["spam_assassin"], "link_checker": True, "is_warmup": False,
    "all_email_sent_without_time_gap": False, "min_time_btwn_emails": 10,
    "min_time_unit": "minutes",
}


async def test_create_manual_test_posts_every_field(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/spam-test/manual").respond(json=envelope({"id": 51247}, "created"))
    created = await client.delivery.create_manual_test(
        spam_test(description="copy check", folder_id=901))
    assert sent_to(route, DELIVERY_URL) == ("POST", HOST, "/spam-test/manual", KEY, {
        **TEST_BODY, "description": "copy check", "folder_id": 901})
    assert (created.id, created.message) == (51247, "created")


async def test_create_automated_test_adds_the_schedule(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/spam-test/schedule").respond(json=envelope({"spamTestId": 51248}))
    created = await client.delivery.create_automated_test(
        spam_test(), schedule_start_time="2025-12-02T08:00:00Z", every_days=7, days=[5, 1, 1],
        test_end_date="2026-01-31", timezone="Europe/Paris")
    assert sent_to(route, DELIVERY_URL) == ("POST", HOST, "/spam-test/schedule", KEY, {
        **TEST_BODY, "schedule_start_time": "2025-12-02T08:00:00Z", "every_days": 7,
        "days": [1, 5], "test_end_date": "2026-01-31", "tz": "Europe/Paris"})
    assert created.id == 51248


@pytest.mark.parametrize("answer", [
    httpx.Response(503, json={"message": "busy"}),
    httpx.Response(429, json={"message": "slow down"}),
])
async def test_creating_a_test_is_never_retried_automatically(
    api: respx.MockRouter, answer: httpx.Response
) -> None:
    manual = api.post("/spam-test/manual").mock(return_value=answer)
    automated = api.post("/spam-test/schedule").mock(return_value=answer)
    async with open_client(max_retries=3) as retrying:
        with pytest.raises(APIStatusError):
            await retrying.delivery.create_manual_test(spam_test())
        with pytest.raises(APIStatusError):
            await retrying.delivery.create_automated_test(
                spam_test(), schedule_start_time="2025-12-02", every_days=1, days=[1])
    assert (manual.call_count, automated.call_count) == (1, 1)


@pytest.mark.parametrize(("changes", "error"), [
    ({"provider_ids": []}, InvalidArgumentError),
    ({"provider_ids": [0]}, InvalidArgumentError),
    ({"sender_accounts": []}, InvalidArgumentError),
    ({"sender_accounts": ["not-an-address"]}, InvalidArgumentError),
    ({"sender_accounts": "ada@acme.com"}, InvalidArgumentTypeError),
    ({"link_checker": "true"}, InvalidArgumentTypeError),
    ({"min_time_unit": "weeks"}, InvalidArgumentError),
    ({"min_time_btwn_emails": -1}, InvalidArgumentError),
    ({"campaign_id": 0}, InvalidArgumentError),
    ({"test_name": " "}, InvalidArgumentError),
])
def test_a_bad_test_input_raises_naming_the_field(
    changes: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error, match="SpamTestInput"):
        spam_test(**changes)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"days": [0]}, "days"),
    ({"days": [8]}, "days"),
    ({"days": []}, "days"),
    ({"every_days": 0}, "every_days"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"schedule_start_time": "soon"}, "schedule_start_time"),
])
async def test_bad_schedule_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], match: str
) -> None:
    arguments: dict[str, Any] = {"schedule_start_time": "2025-12-02", "every_days": 1,
                                 "days": [1], **kwargs}
    with pytest.raises(InvalidArgumentError, match=match):
        await client.delivery.create_automated_test(spam_test(), **arguments)
    assert not api.calls


async def test_tests_are_listed_by_a_post_with_the_window_in_its_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        window = json.loads(request.content)
        rows = [{**TEST_ROW, "id": n} for n in range(window["offset"],
                                                      min(window["offset"] + 20, 45))]
        return httpx.Response(200, json=envelope(rows))

    route = api.post("/spam-test/report").mock(side_effect=answer)
    ids = [t.id async for t in client.delivery.tests(test_type=SpamTestType.MANUAL, prefetch=1)]
    assert ids == list(range(45))
    assert all_sent_to(route, DELIVERY_URL) == [
        ("POST", HOST, "/spam-test/report", {"testType": "manual", **KEY},
         {"offset": offset, "limit": 20}) for offset in (0, 20, 40)
    ]


async def test_a_failed_listing_page_is_retried_like_a_get(api: respx.MockRouter) -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json=envelope([TEST_ROW]))])
    route = api.post("/spam-test/report").mock(side_effect=lambda request: next(answers))
    async with open_client(max_retries=2) as retrying:
        (test,) = (await retrying.delivery.tests()).items
    assert (route.call_count, test.name, test.test_type) == (2, "Q3 copy", SpamTestType.MANUAL)


async def test_get_test_reads_one_test(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.get("/spam-test/51247").respond(json=envelope(TEST_ROW))
    test = await client.delivery.get_test(51247)
    assert sent_to(route, DELIVERY_URL) == ("GET", HOST, "/spam-test/51247", KEY, None)
    assert (test.id, test.status, test.campaign_id) == (51247, "completed", 42)
    assert test.extra == {"spam_filters": ["spam_assassin"]}
    api.get("/spam-test/9").respond(json={})
    with pytest.raises(NotFoundError, match="spam test 9"):
        await client.delivery.get_test(9)


async def test_delete_tests_posts_their_ids(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/spam-test/delete").respond(json={"success": True, "message": "deleted"})
    await client.delivery.delete_tests([51247, 51248])
    assert sent_to(route, DELIVERY_URL) == ("POST", HOST, "/spam-test/delete", KEY, {
        "spamTestIds": [51247, 51248]})
    with pytest.raises(InvalidArgumentError):
        await client.delivery.delete_tests([])


async def test_stop_test_puts_to_its_stop_route(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.put("/spam-test/51248/stop").respond(json={"success": True, "message": "stopped"})
    assert (await client.delivery.stop_test(51248)).message == "stopped"
    assert sent_to(route, DELIVERY_URL) == ("PUT", HOST, "/spam-test/51248/stop", KEY, None)


async def test_providers_are_kept_whole(api: respx.MockRouter, client: SmartleadClient) -> None:
    regions = [{"region": "Europe", "providers": [{"id": 5, "name": "GMX"}]}]
    route = api.get("/spam-test/seed/providers").respond(json=envelope(regions))
    report = await client.delivery.providers()
    assert sent_to(route, DELIVERY_URL) == ("GET", HOST, "/spam-test/seed/providers", KEY, None)
    assert isinstance(report, DeliveryReport)
    assert report.data == regions


# -- folders ----------------------------------------------------------------------------------


async def test_folders(api: respx.MockRouter, client: SmartleadClient) -> None:
    listing = api.get("/spam-test/folder").respond(json=envelope([
        {"id": 901, "name": "Q3", "test_count": 2}]))
    create = api.post("/spam-test/folder").respond(json=envelope({"id": 902, "name": "Q4"}))
    one = api.get("/spam-test/folder/901").respond(json=envelope({"id": 901, "folderName": "Q3"}))
    delete = api.delete("/spam-test/folder/901").respond(json={"success": True})
    (folder,) = await client.delivery.folders.list()
    created = await client.delivery.folders.create("Q4")
    got = await client.delivery.folders.get(901)
    await client.delivery.folders.delete(901)
    assert sent_to(listing, DELIVERY_URL) == ("GET", HOST, "/spam-test/folder", KEY, None)
    assert sent_to(create, DELIVERY_URL) == ("POST", HOST, "/spam-test/folder", KEY,
                                             {"folderName": "Q4"})
    assert sent_to(one, DELIVERY_URL) == ("GET", HOST, "/spam-test/folder/901", KEY, None)
    assert sent_to(delete, DELIVERY_URL) == ("DELETE", HOST, "/spam-test/folder/901", KEY, None)
    assert (folder.id, folder.name, folder.extra) == (901, "Q3", {"test_count": 2})
    assert (created.id, created.name) == (902, "Q4")
    assert (got.id, got.name) == (901, "Q3")
    with pytest.raises(InvalidArgumentError):
        await client.delivery.folders.create(" ")
    with pytest.raises(InvalidArgumentError):
        await client.delivery.folders.get(0)


# -- reports ----------------------------------------------------------------------------------

REPORTS = [
    ("mailboxes_count", (), "GET", "/spam-test/report/mailboxes-count"),
    ("mailboxes_summary", (), "GET", "/spam-test/report/mailboxes-summary"),
    ("providerwise", (7,), "POST", "/spam-test/report/7/providerwise"),
    ("groupwise", (7,), "POST", "/spam-test/report/7/groupwise"),
    ("sender_account_wise", (7,), "GET", "/spam-test/report/7/sender-account-wise"),
    ("email_headers", (7, 7001), "GET",
     "/spam-test/report/7/sender-account-wise/7001/email-headers"),
    ("sender_accounts", (7,), "GET", "/spam-test/report/7/sender-accounts"),
    ("spam_filter_details", (7,), "GET", "/spam-test/report/7/spam-filter-details"),
    ("dkim_details", (7,), "GET", "/spam-test/report/7/dkim-details"),
    ("spf_details", (7,), "GET", "/spam-test/report/7/spf-details"),
    ("rdns_details", (7,), "GET", "/spam-test/report/7/rdns-details"),
    ("blacklist", (7,), "GET", "/spam-test/report/7/blacklist"),
    ("domain_blacklist", (7,), "GET", "/spam-test/report/7/domain-blacklist"),
    ("ip_analytics", (7,), "GET", "/spam-test/report/7/ip-analytics"),
    ("email_content", (7,), "GET", "/spam-test/report/7/email-content"),
    ("schedule_history", (7,), "GET", "/spam-test/report/7/schedule-history"),
]


@pytest.mark.parametrize(("method", "args", "verb", "path"), REPORTS)
async def test_each_report_reads_its_route_and_keeps_the_answer_whole(
    api: respx.MockRouter, client: SmartleadClient, method: str, args: tuple[int, ...],
    verb: str, path: str,
) -> None:
    payload = {"rows": [{"provider_name": "Gmail", "inbox": 3}], "total": 3}
    route = api.route(method=verb, path=path.removeprefix("/")).respond(json=envelope(payload))
    report = await getattr(client.delivery.reports, method)(*args)
    assert sent_to(route, DELIVERY_URL) == (verb, HOST, path, KEY, None)
    assert report.data == payload
    assert report.extra["rows"] == payload["rows"]  # an object payload's members too


async def test_a_report_of_a_missing_test_raises_not_found_even_on_an_empty_200(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/spam-test/report/9/dkim-details").respond(200, content=b"")
    with pytest.raises(NotFoundError, match="spam test 9"):
        await client.delivery.reports.dkim_details(9)


async def test_the_report_posts_are_retried_like_gets(api: respx.MockRouter) -> None:
    answers = iter([httpx.Response(502), httpx.Response(200, json=envelope([]))])
    route = api.post("/spam-test/report/7/providerwise").mock(
        side_effect=lambda request: next(answers))
    async with open_client(max_retries=1) as retrying:
        await retrying.delivery.reports.providerwise(7)
    assert route.call_count == 2


async def test_bad_report_ids_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="test_id"):
        await client.delivery.reports.spf_details(0)
    with pytest.raises(InvalidArgumentError, match="reply_id"):
        await client.delivery.reports.email_headers(7, -3)
    with pytest.raises(InvalidArgumentError, match="test_type"):
        client.delivery.tests(test_type="weekly")
    assert not api.calls
