"""Page-number paging with an in-memory listing that tests change between requests."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Callable
from contextlib import aclosing
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import InconsistentListingError, Page, PageNumberPaginator, ServerError


class Listing:
    """A server-side list, newest first, served by page number (``page`` from 1 + ``limit``)."""

    def __init__(self, count: int) -> None:
        self.records = list(range(count, 0, -1))
        self.next_id = count + 1
        self.requests: list[tuple[int, int]] = []
        self.before_request: Callable[[int], None] = lambda n: None
        self.serve: Callable[[int, int], Page[int]] = self.page
        self.fail_at: set[int] = set()
        self.report_total = True

    def insert_at_head(self, count: int) -> None:
        self.records[:0] = range(self.next_id + count - 1, self.next_id - 1, -1)
        self.next_id += count

    def page(self, number: int, limit: int) -> Page[int]:
        offset = (number - 1) * limit
        total = len(self.records) if self.report_total else None
        return Page(items=self.records[offset:offset + limit], offset=offset, total=total)

    async def fetch(self, number: int, limit: int) -> Page[int]:
        self.before_request(len(self.requests))
        self.requests.append((number, limit))
        await asyncio.sleep(0)
        if len(self.requests) in self.fail_at:
            raise ServerError("down", status_code=500, body=None, method="GET", path="/x")
        return self.serve(number, limit)

    def paginator(self, *, page_size: int = 10, max_limit: int = 100) -> PageNumberPaginator[int]:
        return PageNumberPaginator(
            self.fetch, page_size=page_size, key=lambda record: record, max_limit=max_limit,
            description="paging test records",
        )


async def collect(paginator: PageNumberPaginator[int]) -> list[int]:
    return [item async for item in paginator]


def assert_each_once(got: list[int], present_throughout: set[int]) -> None:
    """Nothing yielded twice; every record present from start to end yielded."""
    assert [r for r, n in Counter(got).items() if n > 1] == []
    assert present_throughout - set(got) == set()


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 99, 100, 101, 250])
async def test_a_still_list_yields_every_record_once_in_order(count: int) -> None:
    listing = Listing(count)
    assert await collect(listing.paginator(page_size=10)) == listing.records


async def test_awaiting_the_paginator_returns_the_first_page_only() -> None:
    listing = Listing(250)
    page = await listing.paginator(page_size=100)
    assert (page.offset, page.total, len(page.items)) == (0, 250, 100)
    assert listing.requests == [(1, 100)]


async def test_each_later_page_overlaps_the_last_record_yielded() -> None:
    listing = Listing(45)
    await collect(listing.paginator(page_size=10))
    windows = [((number - 1) * limit, number * limit) for number, limit in listing.requests]
    assert windows[0] == (0, 10)
    for (_, end), (start, _) in pairwise(windows):
        assert start <= end - 1  # each page holds the position of the one before's last record
    assert all(5 <= limit <= 10 for _, limit in listing.requests)


async def test_pages_hold_only_new_records_with_their_position() -> None:
    listing = Listing(25)
    pages = [page async for page in listing.paginator(page_size=10).pages()]
    assert [record for page in pages for record in page.items] == listing.records
    for page in pages:
        assert listing.records[page.offset:page.offset + len(page.items)] == page.items


async def test_a_page_ending_at_the_total_is_the_last_request() -> None:
    listing = Listing(10)
    assert await collect(listing.paginator(page_size=10)) == listing.records
    assert listing.requests == [(1, 10)]


async def test_a_record_removed_before_the_reader_pulls_the_next_one_back_without_a_loss() -> None:
    listing = Listing(40)
    # After page 1 (records 40..31), one record of page 1 goes: record 30, first of page 2,
    # moves back to page 1. A reader asking for "page 2" would start at record 29.
    listing.before_request = lambda n: listing.records.remove(35) if n == 1 else None
    got = await collect(listing.paginator(page_size=10))
    assert_each_once(got, set(range(1, 41)) - {35})
    assert 30 in got


async def test_records_added_at_the_head_push_pages_on_without_repeats() -> None:
    listing = Listing(40)
    listing.before_request = lambda n: listing.insert_at_head(3) if n >= 1 else None
    got = await collect(listing.paginator(page_size=10))
    assert_each_once(got, set(range(1, 41)))
    assert got[:10] == list(range(40, 30, -1))  # the list order of the records present at start


async def test_a_list_growing_faster_than_a_page_per_request_is_still_followed() -> None:
    listing = Listing(300)
    listing.before_request = lambda n: listing.insert_at_head(150) if n >= 1 else None
    got = await collect(listing.paginator(page_size=100))
    assert_each_once(got, set(range(1, 301)))
    assert len(listing.requests) < 10


@pytest.mark.parametrize("seed", range(8))
async def test_a_list_changing_everywhere_between_every_two_requests_yields_each_record_once(
    seed: int,
) -> None:
    rng = random.Random(seed)
    listing = Listing(500)
    removed: set[int] = set()

    def churn(_: int) -> None:
        listing.insert_at_head(rng.randrange(0, 6))
        for _ in range(rng.randrange(0, 4)):
            removed.add(listing.records.pop(rng.randrange(len(listing.records))))

    listing.before_request = churn
    got = await collect(listing.paginator(page_size=rng.choice([7, 25, 100])))
    assert_each_once(got, set(range(1, 501)) - removed)


async def test_a_bulk_removal_before_the_reader_is_recovered_by_stepping_back() -> None:
    listing = Listing(300)

    def remove_many(n: int) -> None:
        if n == 3:
            del listing.records[:60]  # records already yielded: the rest moves 60 back

    listing.before_request = remove_many
    got = await collect(listing.paginator(page_size=10))
    assert_each_once(got, set(range(1, 241)))


async def test_without_a_total_a_short_page_ends_the_listing() -> None:
    listing = Listing(35)
    listing.report_total = False
    assert await collect(listing.paginator(page_size=10)) == listing.records


async def test_a_server_ignoring_the_page_number_raises_instead_of_ending_short() -> None:
    listing = Listing(300)
    listing.serve = lambda number, limit: listing.page(1, limit)
    got: list[int] = []
    with pytest.raises(InconsistentListingError) as caught:
        async for record in listing.paginator(page_size=10):
            got.append(record)
    assert got == listing.records[:len(got)] and len(got) < 30
    assert caught.value.context == "paging test records"


async def test_a_short_page_before_the_total_is_asked_again_then_raises() -> None:
    listing = Listing(100)
    listing.serve = lambda number, limit: (
        Page(items=listing.records[:3], offset=0, total=100) if number > 1
        else listing.page(number, limit)
    )
    with pytest.raises(InconsistentListingError, match="short page"):
        await collect(listing.paginator(page_size=10))
    assert len(listing.requests) == 3  # page 1, then the bad window twice


async def test_a_page_contradicting_its_total_once_is_simply_asked_again() -> None:
    listing = Listing(30)
    glitched: list[bool] = []

    def serve(number: int, limit: int) -> Page[int]:
        page = listing.page(number, limit)
        if number > 1 and not glitched:
            glitched.append(True)
            return Page(items=page.items[:2], offset=page.offset, total=page.total)
        return page

    listing.serve = serve
    assert await collect(listing.paginator(page_size=10)) == listing.records


async def test_records_past_the_total_are_a_contradiction() -> None:
    listing = Listing(30)
    listing.serve = lambda number, limit: Page(
        items=listing.page(number, limit).items, offset=0, total=5
    )
    with pytest.raises(InconsistentListingError, match="past the total"):
        await collect(listing.paginator(page_size=10))


async def test_a_failed_page_names_what_was_being_paged() -> None:
    listing = Listing(100)
    listing.fail_at = {3}
    got: list[int] = []
    with pytest.raises(ServerError) as caught:
        async for record in listing.paginator(page_size=10):
            got.append(record)
    assert caught.value.context == "paging test records"
    assert got == listing.records[:len(got)] and len(got) >= 10


async def test_breaking_out_sends_no_further_request() -> None:
    listing = Listing(100)
    async with aclosing(listing.paginator().pages()) as pages:
        async for _ in pages:
            break
    assert listing.requests == [(1, 10)]


@pytest.mark.parametrize("page_size", [1, 2, 3])
async def test_a_tiny_page_size_still_overlaps_using_a_limit_up_to_the_maximum(
    page_size: int,
) -> None:
    listing = Listing(60)
    listing.before_request = lambda n: listing.insert_at_head(1) if n % 5 == 4 else None
    got = await collect(listing.paginator(page_size=page_size, max_limit=100))
    assert_each_once(got, set(range(1, 61)))
    assert max(limit for _, limit in listing.requests) <= 100


def test_repr_names_the_listing() -> None:
    assert repr(Listing(1).paginator()) == "<PageNumberPaginator paging test records>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(0, 400),
    page_size=st.sampled_from([1, 2, 3, 7, 10, 25, 100]),
    changes=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=60),
    report_total=st.booleans(),
    seed=st.integers(0, 2**16),
)
async def test_any_changes_between_requests_never_repeat_or_lose_a_record_in_silence(
    count: int, page_size: int, changes: list[tuple[int, int]], report_total: bool,
    seed: int,
) -> None:
    rng = random.Random(seed)
    listing = Listing(count)
    listing.report_total = report_total
    removed: set[int] = set()

    def churn(n: int) -> None:
        inserted, deleted = changes[n] if n < len(changes) else (0, 0)
        listing.insert_at_head(inserted)
        for _ in range(min(deleted, len(listing.records))):
            removed.add(listing.records.pop(rng.randrange(len(listing.records))))

    listing.before_request = churn
    got: list[int] = []
    try:
        async for record in listing.paginator(page_size=page_size):
            got.append(record)
    except InconsistentListingError:
        assert [r for r, n in Counter(got).items() if n > 1] == []  # stopped loudly, no repeat
        return
    assert_each_once(got, set(range(1, count + 1)) - removed)
