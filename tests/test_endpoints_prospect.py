"""``client.prospect`` over respx: each SmartProspect route's exact request on its own host
(method, host, path below ``/search-email-leads``, query, body) and its decoded answer."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIStatusError,
    CatchAllStatus,
    ContactSearch,
    FindEmailInput,
    InconsistentListingError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    ProspectFilters,
    ServerError,
    SmartleadClient,
    VerificationStatus,
)

from ._endpoints import KEY, endpoint_fixtures, open_client
from ._hosts import PROSPECT_URL, all_sent_to, sent_to

api, client = endpoint_fixtures(PROSPECT_URL)

HOST = "prospect-api.smartlead.ai"
CONTACT = {"id": "c7b0a05b73", "first_name": "Ada", "last_name": "Lovelace",
           "full_name": "Ada Lovelace", "title": "CTO", "company_name": "Acme",
           "company_domain": "acme.com", "country": "United Kingdom", "seniority": "C-Level"}


def envelope(data: Any) -> dict[str, Any]:
    return {"success": True, "message": "ok", "data": data}


def contacts(first: int, count: int) -> list[dict[str, Any]]:
    return [{**CONTACT, "id": f"c{n:04d}"} for n in range(first, first + count)]


# -- lookups ----------------------------------------------------------------------------------

LOOKUPS = [
    ("cities", "/cities"), ("companies", "/company"), ("countries", "/countries"),
    ("departments", "/departments"), ("domains", "/domain"), ("head_counts", "/head-counts"),
    ("industries", "/industries"), ("job_titles", "/job-title"), ("keywords", "/keywords"),
    ("levels", "/levels"), ("revenues", "/revenue"), ("states", "/states"),
    ("sub_industries", "/sub-industries"),
]


@pytest.mark.parametrize(("method", "path"), LOOKUPS)
async def test_each_lookup_gets_its_route_with_limit_offset_and_search(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str
) -> None:
    route = api.get(path).respond(json=envelope([{"id": 1, "name": "Alpha"}]))
    page = await getattr(client.prospect.lookups, method)(search="Al", page_size=25)
    assert sent_to(route, PROSPECT_URL) == (
        "GET", HOST, path, {"search": "Al", "offset": "0", "limit": "25", **KEY}, None)
    assert [(v.id, v.name) for v in page.items] == [(1, "Alpha")]


async def test_a_lookup_pages_until_a_short_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        names = [f"Title {n}" for n in range(offset, min(offset + 10, 25))]
        return httpx.Response(200, json=envelope([{"id": i, "name": n}
                                                  for i, n in enumerate(names, offset + 1)]))

    route = api.get("/job-title").mock(side_effect=answer)
    names = [v.name async for v in client.prospect.lookups.job_titles(page_size=10)]
    assert names == [f"Title {n}" for n in range(25)]
    assert [q["offset"] for _, _, _, q, _ in all_sent_to(route, PROSPECT_URL)] == ["0", "10", "20"]


async def test_lookups_take_their_narrowing_filters(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    cities = api.get("/cities").respond(json=envelope([]))
    states = api.get("/states").respond(json=envelope([]))
    industries = api.get("/industries").respond(json=envelope([]))
    subs = api.get("/sub-industries").respond(json=envelope([]))
    await client.prospect.lookups.cities(state=["Texas", "Ohio"], country="United States")
    await client.prospect.lookups.states(country=["Canada"])
    await client.prospect.lookups.industries(with_sub_industry=True)
    await client.prospect.lookups.sub_industries(industry_id=3)
    window = {"offset": "0", "limit": "100", **KEY}
    assert sent_to(cities, PROSPECT_URL)[3] == {
        "state": "Texas,Ohio", "country": "United States", **window}
    assert sent_to(states, PROSPECT_URL)[3] == {"country": "Canada", **window}
    assert sent_to(industries, PROSPECT_URL)[3] == {"withSubIndustry": "true", **window}
    assert sent_to(subs, PROSPECT_URL)[3] == {"industry_id": "3", **window}


async def test_a_lookup_reads_a_bare_array_too(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/countries").respond(json=[{"id": 7, "name": "Canada", "code": "CA"}])
    (value,) = (await client.prospect.lookups.countries()).items
    assert (value.id, value.name, value.extra) == (7, "Canada", {"code": "CA"})


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"search": ""}, InvalidArgumentError),
    ({"search": "x" * 256}, InvalidArgumentError),
    ({"page_size": 101}, InvalidArgumentError),
    ({"page_size": 0}, InvalidArgumentError),
    ({"start_offset": -1}, InvalidArgumentError),
    ({"search": 3}, InvalidArgumentTypeError),
])
async def test_bad_lookup_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        client.prospect.lookups.countries(**kwargs)
    assert not api.calls


# -- contact search ---------------------------------------------------------------------------


def search_page(items: list[dict[str, Any]], scroll: str | None) -> dict[str, Any]:
    return envelope({"list": items, "scroll_id": scroll, "filter_id": 327105,
                     "total_count": 23})


async def test_search_posts_the_filters_in_camel_case_with_the_limit(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/search-contacts").respond(json=search_page(contacts(0, 2), "S1"))
    filters = ProspectFilters(country="United States", title=["CTO", "VP of Sales"],
                              company_head_count="51-200", title_exact_match=True,
                              dont_display_owned_contact=False)
    page = await client.prospect.search_contacts(filters, page_size=2)
    assert sent_to(route, PROSPECT_URL) == ("POST", HOST, "/search-contacts", KEY, {
        "country": ["United States"], "title": ["CTO", "VP of Sales"],
        "companyHeadCount": ["51-200"], "titleExactMatch": True,
        "dontDisplayOwnedContact": False, "limit": 2,
    })
    assert isinstance(page, ContactSearch)
    assert (page.filter_id, page.total_count, page.next_cursor, page.after) == (
        327105, 23, "S1", None)
    assert [c.id for c in page.items] == ["c0000", "c0001"]
    assert page.items[0].full_name == "Ada Lovelace"
    assert page.items[0].extra == {"seniority": "C-Level"}


async def test_search_pages_by_scroll_id_until_a_short_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    pages = {None: (contacts(0, 10), "S1"), "S1": (contacts(10, 10), "S2"),
             "S2": (contacts(20, 3), "S3")}

    def answer(request: httpx.Request) -> httpx.Response:
        items, scroll = pages[httpx_json(request).get("scroll_id")]
        return httpx.Response(200, json=search_page(items, scroll))

    route = api.post("/search-contacts").mock(side_effect=answer)
    ids = [c.id async for c in client.prospect.search_contacts(page_size=10)]
    assert ids == [f"c{n:04d}" for n in range(23)]
    bodies = [body for *_, body in all_sent_to(route, PROSPECT_URL)]
    assert bodies == [{"limit": 10}, {"limit": 10, "scroll_id": "S1"},
                      {"limit": 10, "scroll_id": "S2"}]


async def test_a_scroll_id_that_stays_the_same_is_followed(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    served = iter([contacts(0, 5), contacts(5, 5), contacts(10, 2)])
    api.post("/search-contacts").mock(
        side_effect=lambda request: httpx.Response(200, json=search_page(next(served), "SAME")))
    paginator = client.prospect.search_contacts(page_size=5)
    pages = [(page.after, len(page.items), page.filter_id) async for page in paginator.pages()]
    assert pages == [(None, 5, 327105), ("SAME", 5, 327105), ("SAME", 2, 327105)]


async def test_a_scroll_that_serves_the_same_full_page_again_raises(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/search-contacts").respond(json=search_page(contacts(0, 5), "SAME"))
    got = []
    with pytest.raises(InconsistentListingError, match="not advancing"):
        async for contact in client.prospect.search_contacts(page_size=5):
            got.append(contact.id)
    assert len(got) == 5


async def test_a_search_page_is_not_retried_once_sent_and_names_the_scroll_id_to_resume(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    answers = iter([httpx.Response(200, json=search_page(contacts(0, 5), "S1")),
                    httpx.Response(503, json={"message": "busy"})])
    route = api.post("/search-contacts").mock(side_effect=lambda request: next(answers))
    paginator = client.prospect.search_contacts(page_size=5, max_retries=3)
    with pytest.raises(ServerError) as caught:
        async for _ in paginator:
            pass
    assert route.call_count == 2  # the 503 after the server may have scrolled: no retry
    assert paginator.next_cursor == "S1"
    assert "(resume with scroll_id=S1)" in str(caught.value)


async def test_search_resumes_from_a_scroll_id(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/search-contacts").respond(json=search_page(contacts(0, 1), None))
    await client.prospect.search_contacts(ProspectFilters(level="VP"), scroll_id="S9")
    assert sent_to(route, PROSPECT_URL)[4] == {"level": ["VP"], "limit": 100, "scroll_id": "S9"}


@pytest.mark.parametrize(("build", "error"), [
    (lambda: ProspectFilters(country=""), InvalidArgumentError),
    (lambda: ProspectFilters(country=[]), InvalidArgumentError),
    (lambda: ProspectFilters(country=["x"] * 2001), InvalidArgumentError),
    (lambda: ProspectFilters(country=[3]), InvalidArgumentTypeError),
    (lambda: ProspectFilters(country=3), InvalidArgumentTypeError),
    (lambda: ProspectFilters(title_exact_match="yes"), InvalidArgumentTypeError),
])
def test_bad_filters_raise_naming_the_field(build: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="ProspectFilters"):
        build()


async def test_bad_search_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="page_size"):
        client.prospect.search_contacts(page_size=501)
    with pytest.raises(InvalidArgumentTypeError, match="filters"):
        client.prospect.search_contacts({"country": ["US"]})  # type: ignore[arg-type]
    assert not api.calls


# -- buying and reading contacts ---------------------------------------------------------------


async def test_fetch_contacts_buys_by_limit_and_reads_the_revealed_contacts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    bought = [{**CONTACT, "email": "ada@acme.com", "verification_status": "valid"}]
    route = api.post("/fetch-contacts").respond(
        json=envelope({"filter_id": 327105, "data": bought}))
    result = await client.prospect.fetch_contacts(327105, limit=50, offset=10, visual_limit=20)
    assert sent_to(route, PROSPECT_URL) == ("POST", HOST, "/fetch-contacts", KEY, {
        "filter_id": 327105, "limit": 50, "offset": 10, "visual_limit": 20})
    assert result.filter_id == 327105
    (contact,) = result.contacts
    assert (contact.email, contact.verification_status) == (
        "ada@acme.com", VerificationStatus.VALID)


async def test_fetch_contacts_buys_by_id(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/fetch-contacts").respond(json=envelope({"filter_id": 1, "data": []}))
    await client.prospect.fetch_contacts(1, contact_ids=["c1", "c2"], visual_offset=0)
    assert sent_to(route, PROSPECT_URL)[4] == {"filter_id": 1, "id": ["c1", "c2"],
                                               "visual_offset": 0}


async def test_a_credit_failure_answered_with_200_raises_and_is_not_retried(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/fetch-contacts").respond(
        json={"success": False, "message": "Insufficient credits: 3 available, 50 needed"})
    with pytest.raises(APIStatusError, match="Insufficient credits") as caught:
        await client.prospect.fetch_contacts(1, limit=50)
    assert caught.value.status_code == 200
    assert route.call_count == 1


@pytest.mark.parametrize("answer", [
    httpx.Response(503, json={"message": "busy"}),
    httpx.Response(429, json={"message": "slow down"}),
])
async def test_spending_calls_are_never_retried_automatically(
    api: respx.MockRouter, answer: httpx.Response
) -> None:
    fetch = api.post("/fetch-contacts").mock(return_value=answer)
    find = api.post("/search-contacts/find-emails").mock(return_value=answer)
    async with open_client(max_retries=3) as retrying:
        with pytest.raises(APIStatusError):
            await retrying.prospect.fetch_contacts(1, limit=5)
        with pytest.raises(APIStatusError):
            await retrying.prospect.find_emails([FindEmailInput(
                first_name="Ada", last_name="Lovelace", company_domain="acme.com")])
    assert (fetch.call_count, find.call_count) == (1, 1)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({}, "exactly one of limit and contact_ids"),
    ({"limit": 5, "contact_ids": ["c1"]}, "exactly one"),
    ({"limit": 30_001}, "limit"),
    ({"limit": 0}, "limit"),
    ({"contact_ids": []}, "contact_ids"),
    ({"limit": 5, "visual_limit": 1001}, "visual_limit"),
    ({"limit": 5, "offset": -1}, "offset"),
])
async def test_bad_fetch_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        await client.prospect.fetch_contacts(1, **kwargs)
    assert not api.calls


async def test_fetched_contacts_page_through_the_post_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        offset = httpx_json(request)["offset"]
        items = contacts(offset, min(4, 10 - offset))
        return httpx.Response(200, json=envelope({"list": items, "total_count": 10}))

    route = api.post("/get-contacts").mock(side_effect=answer)
    found = [c.id async for c in client.prospect.fetched_contacts(
        327105, verification_status="valid", catch_all_status=CatchAllStatus.CATCH_ALL_VERIFIED,
        search="Ada", page_size=4, prefetch=1)]
    assert found == [f"c{n:04d}" for n in range(10)]
    first = all_sent_to(route, PROSPECT_URL)[0]
    assert first == ("POST", HOST, "/get-contacts", KEY, {
        "filter_id": 327105, "verification_status": "valid",
        "catch_all_status": "catch_all_verified", "search": "Ada", "offset": 0, "limit": 4})


async def test_fetched_contacts_by_id_posts_the_ids(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/get-contacts").respond(json=envelope({"list": contacts(0, 2)}))
    found = await client.prospect.fetched_contacts_by_id(["c0000", "c0001"])
    assert sent_to(route, PROSPECT_URL)[4] == {"id": ["c0000", "c0001"]}
    assert [c.id for c in found] == ["c0000", "c0001"]
    with pytest.raises(InvalidArgumentError, match="at most 200"):
        await client.prospect.fetched_contacts_by_id([f"c{n}" for n in range(201)])


async def test_find_emails_posts_up_to_ten_people(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/search-contacts/find-emails").respond(json=envelope([
        {"first_name": "Ada", "last_name": "Lovelace", "company_domain": "acme.com",
         "email": "ada@acme.com", "status": "found", "verification_status": "valid"}]))
    (found,) = await client.prospect.find_emails([
        FindEmailInput(first_name="Ada", last_name="Lovelace", company_domain="acme.com")])
    assert sent_to(route, PROSPECT_URL) == ("POST", HOST, "/search-contacts/find-emails", KEY, {
        "contacts": [{"firstName": "Ada", "lastName": "Lovelace",
                      "companyDomain": "acme.com"}]})
    assert (found.email, found.status) == ("ada@acme.com", "found")
    person = FindEmailInput(first_name="A", last_name="B", company_domain="c.io")
    with pytest.raises(InvalidArgumentError, match="at most 10"):
        await client.prospect.find_emails([person] * 11)
    with pytest.raises(InvalidArgumentError, match="at least one"):
        await client.prospect.find_emails([])
    with pytest.raises(InvalidArgumentTypeError):
        await client.prospect.find_emails([{"firstName": "A"}])  # type: ignore[list-item]
    assert route.call_count == 1


async def test_review_contacts_patches_the_filter(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.patch("/review-contacts/327105").respond(
        json=envelope({"filter_id": 327105, "records_updated": 42}))
    review = await client.prospect.review_contacts(327105)
    assert sent_to(route, PROSPECT_URL) == ("PATCH", HOST, "/review-contacts/327105", KEY, None)
    assert (review.filter_id, review.records_updated) == (327105, 42)


# -- analytics --------------------------------------------------------------------------------


@pytest.mark.parametrize(("credits", "available"), [
    ({"available": 500, "total": 1000, "used": 500}, 500),
    (750, 750),
    ("12", 12),
])
async def test_search_analytics_reads_the_credit_balance_in_either_form(
    api: respx.MockRouter, client: SmartleadClient, credits: Any, available: int
) -> None:
    route = api.get("/search-analytics").respond(json=envelope({
        "availableCredits": credits, "leadsFoundToday": 50, "maxDailyFetchLimit": 1000,
        "maxSingleFetchLimit": 500, "filterData": {"leadsFound": 9}}))
    analytics = await client.prospect.search_analytics(filter_id=327105)
    assert sent_to(route, PROSPECT_URL) == ("GET", HOST, "/search-analytics", {
        "filter_id": "327105", **KEY}, None)
    assert analytics.credits_available == available
    assert (analytics.leads_found_today, analytics.max_single_fetch_limit) == (50, 500)
    assert analytics.filter_data == {"leadsFound": 9}


async def test_reply_analytics(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.get("/reply-analytics").respond(json=envelope({
        "currentMonth": 30, "previousMonth": 20, "percentage_change": "50", "trend": "up"}))
    replies = await client.prospect.reply_analytics()
    assert sent_to(route, PROSPECT_URL) == ("GET", HOST, "/reply-analytics", KEY, None)
    assert (replies.current_month, replies.previous_month, replies.percentage_change,
            replies.trend) == (30, 20, 50.0, "up")


# -- searches ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "key", "row"), [
    ("saved", "/search-filters/saved-searches", "savedSearches",
     {"id": 9, "search_string": "CTOs", "filter_details": {"title": ["CTO"]}}),
    ("recent", "/search-filters/recent-searches", "recentSearches",
     {"id": 9, "filter_details": {"title": ["CTO"]}, "total_count": 40}),
    ("fetched", "/search-filters/fetched-searches", "fetchedLeads",
     {"id": 9, "search_string": "CTOs", "total_contacts": 40}),
])
async def test_search_listings_send_limit_and_offset_and_read_their_wrapper(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str, key: str,
    row: dict[str, Any],
) -> None:
    route = api.get(path).respond(json=envelope({key: [row], "totalCount": 1}))
    page = await getattr(client.prospect.searches, method)(page_size=50)
    assert sent_to(route, PROSPECT_URL) == ("GET", HOST, path, {"offset": "0", "limit": "50",
                                                                **KEY}, None)
    assert page.total == 1
    assert page.items[0].id == 9


async def test_save_search_sends_its_name_limit_and_filters(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/search-filters/save-search").respond(
        json={"success": True, "message": "Search saved", "data": {"id": 77}})
    saved = await client.prospect.searches.save(
        "EU CTOs", ProspectFilters(title="CTO", country=["Germany"]), limit=500)
    assert sent_to(route, PROSPECT_URL) == ("POST", HOST, "/search-filters/save-search", KEY, {
        "search_string": "EU CTOs", "limit": 500, "title": ["CTO"], "country": ["Germany"]})
    assert (saved.id, saved.message) == (77, "Search saved")


@pytest.mark.parametrize(("method", "path"), [
    ("update_saved", "/search-filters/save-search/77"),
    ("update_fetched", "/search-filters/fetched-searches/77"),
])
async def test_renames_put_the_new_search_string(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str
) -> None:
    route = api.put(path).respond(json={"success": True, "message": "updated"})
    result = await getattr(client.prospect.searches, method)(77, "Renamed")
    assert sent_to(route, PROSPECT_URL) == ("PUT", HOST, path, KEY, {"search_string": "Renamed"})
    assert result.message == "updated"


@pytest.mark.parametrize("call", [
    lambda c: c.prospect.searches.save("x" * 256),
    lambda c: c.prospect.searches.save(""),
    lambda c: c.prospect.searches.save("ok", limit=10_001),
    lambda c: c.prospect.searches.update_saved(0, "ok"),
    lambda c: c.prospect.searches.update_fetched(7, " "),
    lambda c: c.prospect.review_contacts(0),
    lambda c: c.prospect.search_analytics(filter_id=-1),
])
async def test_bad_search_management_arguments_raise_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any
) -> None:
    with pytest.raises(InvalidArgumentError):
        await call(client)
    assert not api.calls


def httpx_json(request: httpx.Request) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(request.content)
    return body
