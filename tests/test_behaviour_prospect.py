"""``client.prospect`` against the fake: searches find what their filters say, buying spends
credits once per contact, a balance too low refuses with ``200 success: false``, and saved
and fetched searches keep what was written."""

from __future__ import annotations

import pytest

from smartlead_async import (
    APIStatusError,
    FindEmailInput,
    NotFoundError,
    ProspectFilters,
    UnprocessableEntityError,
    VerificationStatus,
)
from smartlead_async.testing import FakeSmartlead

from ._behaviour import connected, strict_fake


async def test_a_lookup_pages_through_every_value_and_filters_by_prefix() -> None:
    fake = strict_fake(strict=True)
    async with connected(fake) as client:
        titles = [value.name async for value in client.prospect.lookups.job_titles(page_size=10)]
        heads = [value.name async for value in client.prospect.lookups.job_titles(search="head")]
        cities = [v.name async for v in client.prospect.lookups.cities(state="Texas",
                                                                         country="United States")]
    assert len(titles) == len(set(titles)) == 84
    assert heads and all(name.startswith("Head of") for name in heads)
    assert cities == ["Austin", "Houston", "Dallas"]
    lookups = [e for e in fake.stats.log if e.path.endswith("/job-title")]
    assert len(lookups) >= 9  # 84 values, 10 per page


async def test_the_fake_refuses_a_city_country_without_a_state() -> None:
    async with connected(strict_fake()) as client:
        with pytest.raises(UnprocessableEntityError, match="requires"):
            await client.prospect.lookups.cities(country="Canada")


async def test_a_search_finds_exactly_the_contacts_its_filters_match() -> None:
    async with connected(strict_fake(strict=True)) as client:
        filters = ProspectFilters(country="Germany", level=["VP", "Director"])
        search = client.prospect.search_contacts(filters, page_size=50)
        first = await search
        found = [contact async for contact in search]
    assert len(found) == first.total_count > 50
    assert all(c.country == "Germany" and c.level in ("VP", "Director") for c in found)
    assert all(c.email is None for c in found)  # a search reveals no email


async def test_buying_contacts_reveals_them_spends_credits_once_and_keeps_them() -> None:
    fake = strict_fake(strict=True)
    async with connected(fake) as client:
        search = await client.prospect.search_contacts(ProspectFilters(country="Canada"),
                                                       page_size=5)
        assert search.filter_id is not None
        bought = await client.prospect.fetch_contacts(search.filter_id, limit=30,
                                                      visual_limit=10)
        again = await client.prospect.fetch_contacts(search.filter_id, limit=30)
        analytics = await client.prospect.search_analytics(filter_id=search.filter_id)
        kept = [c async for c in client.prospect.fetched_contacts(search.filter_id,
                                                                  page_size=7)]
        valid = [c async for c in client.prospect.fetched_contacts(
            search.filter_id, verification_status=VerificationStatus.VALID)]
        by_id = await client.prospect.fetched_contacts_by_id([c.id for c in kept[:3]])
        (fetched,) = [s async for s in client.prospect.searches.fetched()]
        review = await client.prospect.review_contacts(search.filter_id)
    assert len(bought.contacts) == 10 and all("@" in (c.email or "") for c in bought.contacts)
    assert bought.contacts[0].id == search.items[0].id
    assert again.raw["fetched_count"] == 30 and again.raw["credits_used"] == 0
    assert fake.prospect_credits == analytics.credits_available == 970
    assert analytics.filter_data == {"leadsFound": search.total_count, "emailsFetched": 30}
    assert len(kept) == 30 and [c.id for c in by_id] == [c.id for c in kept[:3]]
    assert valid and all(c.verification_status is VerificationStatus.VALID for c in valid)
    assert (fetched.id, fetched.total_contacts) == (search.filter_id, 30)
    assert review.records_updated == 30


async def test_too_few_credits_refuse_with_200_and_buy_nothing() -> None:
    fake = strict_fake()
    fake.prospect_credits = 3
    async with connected(fake) as client:
        search = await client.prospect.search_contacts(page_size=5)
        assert search.filter_id is not None
        with pytest.raises(APIStatusError, match="Insufficient credits") as caught:
            await client.prospect.fetch_contacts(search.filter_id, limit=10)
        with pytest.raises(APIStatusError, match="max single fetch limit"):
            await client.prospect.fetch_contacts(search.filter_id, limit=20_000)
        fetched = [s async for s in client.prospect.searches.fetched()]
    assert caught.value.status_code == 200
    assert fetched == [] and fake.prospect_credits == 3
    assert [e.status for e in fake.stats.log].count(200) == 4  # each refusal was one request


async def test_finding_emails_spends_one_credit_per_person() -> None:
    fake = strict_fake(strict=True)
    people = [FindEmailInput(first_name="Ada", last_name="Lovelace", company_domain="acme.com"),
              FindEmailInput(first_name="Alan", last_name="Turing", company_domain="acme.com")]
    async with connected(fake) as client:
        found = await client.prospect.find_emails(people)
    assert [f.email for f in found] == ["ada.lovelace@acme.com", "alan.turing@acme.com"]
    assert fake.prospect_credits == 998


async def test_owned_contacts_can_be_left_out_of_a_search() -> None:
    async with connected(strict_fake()) as client:
        filters = ProspectFilters(country="Australia")
        search = await client.prospect.search_contacts(filters, page_size=5)
        assert search.filter_id is not None and search.total_count is not None
        await client.prospect.fetch_contacts(search.filter_id, limit=5)
        unowned = await client.prospect.search_contacts(
            ProspectFilters(country="Australia", dont_display_owned_contact=True))
    assert unowned.total_count == search.total_count - 5


async def test_saved_and_recent_searches_keep_what_was_written() -> None:
    async with connected(strict_fake(strict=True)) as client:
        saved = await client.prospect.searches.save(
            "EU CTOs", ProspectFilters(title="Chief", country=["Germany"]), limit=100)
        assert saved.id is not None
        await client.prospect.searches.update_saved(saved.id, "EU CTOs (renamed)")
        (row,) = [s async for s in client.prospect.searches.saved()]
        bought = await client.prospect.fetch_contacts(saved.id, limit=2)
        await client.prospect.searches.update_fetched(saved.id, "Bought CTOs")
        (fetched,) = [s async for s in client.prospect.searches.fetched()]
        await client.prospect.search_contacts(ProspectFilters(city="Austin"), page_size=1)
        await client.prospect.search_contacts(ProspectFilters(city="Berlin"), page_size=1)
        recent = [s async for s in client.prospect.searches.recent(page_size=1)]
        with pytest.raises(NotFoundError):
            await client.prospect.searches.update_saved(saved.id + 1000, "nope")
    assert (row.id, row.search_string, row.filters) == (
        saved.id, "EU CTOs (renamed)", {"title": ["Chief"], "country": ["Germany"]})
    assert len(bought.contacts) == 2
    assert all("Chief" in (c.title or "") and c.country == "Germany" for c in bought.contacts)
    assert (fetched.id, fetched.search_string) == (saved.id, "Bought CTOs")
    assert [r.filters for r in recent][:2] == [{"city": ["Berlin"]}, {"city": ["Austin"]}]


async def test_the_fake_refuses_an_unknown_scroll_id_and_an_unknown_filter_when_strict() -> None:
    fake = FakeSmartlead(rate_limit=None, strict=True)
    async with fake.http_client(base_url=fake.prospect_base_url) as http:
        bad_scroll = await http.post("/search-contacts", params={"api_key": fake.api_key},
                                     json={"limit": 5, "scroll_id": "nope"})
        typo = await http.post("/search-contacts", params={"api_key": fake.api_key},
                               json={"limit": 5, "countries": ["Canada"]})
        on_core = await http.post(fake.base_url + "/search-contacts",
                                  params={"api_key": fake.api_key}, json={"limit": 5})
    assert bad_scroll.status_code == 400
    assert typo.status_code == 422 and "countries" in typo.text
    assert on_core.status_code == 404


async def test_a_scroll_token_asked_twice_gives_the_same_page() -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client(base_url=fake.prospect_base_url) as http:
        key = {"api_key": fake.api_key}
        first = (await http.post("/search-contacts", params=key, json={"limit": 3})).json()
        token = first["data"]["scroll_id"]
        pages = [(await http.post("/search-contacts", params=key,
                                  json={"limit": 3, "scroll_id": token})).json()
                 for _ in range(2)]
    assert pages[0]["data"]["list"] == pages[1]["data"]["list"]
    assert pages[0]["data"]["list"] != first["data"]["list"]
