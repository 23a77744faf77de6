"""Paginator semantics with an in-memory listing: counts, stop rules, moving lists, resume
points, contradictory pages, requests in flight."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest

from smartlead_async import (
    AsyncPaginator,
    InconsistentListingError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    Page,
    PaginationStyle,
    ResumePoint,
    ServerError,
)
from smartlead_async._pagination import in_flight


class Listing:
    """A server-side list, newest first, that tests can change between requests."""

    def __init__(self, count: int, *, style: PaginationStyle = PaginationStyle.TOTAL) -> None:
        self.records = list(range(count, 0, -1))
        self.next_id = count + 1
        self.style = style
        self.requests: list[tuple[int, int]] = []
        self.before_request: Callable[[int], None] = lambda n: None
        self.fail_at: set[int] = set()  # request numbers (0-based) answered with a 500

    def insert_at_head(self, count: int) -> None:
        self.records[:0] = range(self.next_id + count - 1, self.next_id - 1, -1)
        self.next_id += count

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        number = len(self.requests)
        self.before_request(number)
        self.requests.append((offset, limit))
        await asyncio.sleep(0)
        if number in self.fail_at:
            raise ServerError("down", status_code=500, body=None, method="GET", path="/x")
        items = self.records[offset:offset + limit]
        if self.style is PaginationStyle.TOTAL:
            return Page(items=items, offset=offset, total=len(self.records))
        has_more = offset + len(items) < len(self.records)
        return Page(items=items, offset=offset, has_more=has_more)

    def paginator(self, *, page_size: int = 10, prefetch: int = 4,
                  style: PaginationStyle | None = None, **start: object) -> AsyncPaginator[int]:
        return AsyncPaginator(
            self.fetch, style=style or self.style, page_size=page_size,
            key=lambda record: record, prefetch=prefetch, description="paging test records",
            **start,  # type: ignore[arg-type]
        )


async def collect(paginator: AsyncPaginator[int]) -> list[int]:
    return [item async for item in paginator]


@pytest.mark.parametrize("count", [0, 1, 99, 100, 101, 250])
@pytest.mark.parametrize("style", list(PaginationStyle))
async def test_iteration_yields_exactly_every_record(count: int, style: PaginationStyle) -> None:
    listing = Listing(count, style=style)
    assert await collect(listing.paginator(page_size=100)) == listing.records


async def test_awaiting_the_paginator_returns_the_first_page_only() -> None:
    listing = Listing(250)
    page = await listing.paginator(page_size=100)
    assert (page.offset, page.total, len(page.items)) == (0, 250, 100)
    assert listing.requests == [(0, 100)]


async def test_pages_after_the_first_of_a_batch_overlap_the_page_before_by_one_record() -> None:
    # The shared record is the anchor that proves nothing moved between two pages served
    # in an unknown order; a batch's first page follows pages served before it, exactly.
    listing = Listing(35)
    pages = [page async for page in listing.paginator().pages()]
    assert [page.offset for page in pages] == [0, 10, 19, 28]
    assert [item for page in pages for item in page.items] == listing.records


async def test_a_total_listing_never_asks_past_its_total() -> None:
    listing = Listing(40)
    await collect(listing.paginator())
    assert all(offset < 40 for offset, _ in listing.requests)
    assert len(listing.requests) == 5  # 4 pages of 10, one more for the 3 overlapped records


async def test_a_still_list_paged_one_page_at_a_time_costs_one_request_per_page() -> None:
    listing = Listing(500)
    await collect(listing.paginator(page_size=100, prefetch=1))
    assert listing.requests == [(offset, 100) for offset in range(0, 500, 100)]


async def test_has_more_style_stops_when_the_server_says_no_more() -> None:
    listing = Listing(30, style=PaginationStyle.HAS_MORE)
    assert len(await collect(listing.paginator(prefetch=1))) == 30
    assert listing.requests == [(0, 10), (10, 10), (20, 10)]


async def test_an_empty_page_ends_iteration_even_if_has_more_is_true() -> None:
    async def fetch(offset: int, limit: int) -> Page[int]:
        return Page(items=[1, 2] if offset == 0 else [], offset=offset, has_more=True)

    paginator = AsyncPaginator(fetch, style=PaginationStyle.HAS_MORE, page_size=2)
    assert [x async for x in paginator] == [1, 2]


async def test_short_page_style_stops_on_a_short_page() -> None:
    listing = Listing(25, style=PaginationStyle.SHORT_PAGE)
    assert len(await collect(listing.paginator(prefetch=1))) == 25
    assert listing.requests[-1] == (20, 10)


async def test_records_added_at_the_head_mid_export_are_not_repeated_nor_skip_others() -> None:
    listing = Listing(200)
    original = set(listing.records)
    listing.before_request = lambda n: listing.insert_at_head(7) if n in (2, 5, 9) else None
    paginator = listing.paginator(prefetch=4)
    seen = await collect(paginator)
    assert len(seen) == len(set(seen))
    assert original <= set(seen)
    assert paginator.list_changed


async def test_records_removed_at_the_head_mid_export_do_not_make_others_skipped() -> None:
    listing = Listing(200)

    def remove_head(n: int) -> None:
        if n in (3, 6):
            del listing.records[:5]

    listing.before_request = remove_head
    seen = await collect(listing.paginator(prefetch=3))
    assert len(seen) == len(set(seen))
    assert set(listing.records) <= set(seen)


async def test_a_list_that_gains_records_before_every_request_is_yielded_exactly_once() -> None:
    listing = Listing(1000)
    original = list(listing.records)
    listing.before_request = lambda n: listing.insert_at_head(3)
    seen = await collect(listing.paginator(page_size=100, prefetch=10))
    assert len(seen) == len(set(seen))
    assert set(original) <= set(seen)


async def test_iteration_starts_at_a_start_offset() -> None:
    listing = Listing(50)
    assert await collect(listing.paginator(start_offset=30)) == listing.records[30:]


async def test_a_failure_carries_a_resume_point_that_continues_exactly_once() -> None:
    listing = Listing(100)
    listing.fail_at = {4}
    got: list[int] = []
    with pytest.raises(ServerError) as caught:
        async for record in listing.paginator(prefetch=3):
            got.append(record)
    error = caught.value
    assert error.resume_point is not None
    assert error.resume_offset == error.resume_point.offset
    assert "resume with start_from=error.resume_point" in str(error)
    assert "paging test records" in str(error)
    listing.fail_at = set()
    point = ResumePoint.from_str(error.resume_point.to_str())  # e.g. saved to disk
    got += await collect(listing.paginator(start_from=point))
    assert got == listing.records


async def test_a_resume_point_drops_the_overlap_when_the_list_moved_meanwhile() -> None:
    listing = Listing(300)
    paginator = listing.paginator(prefetch=2)
    got: list[int] = []
    async for page in paginator.pages():
        got += page.items
        if len(got) >= 120:
            break
    point = paginator.resume_point
    original = list(listing.records)
    listing.insert_at_head(25)
    del listing.records[60:65]  # five leads exported already go away
    rest = await collect(listing.paginator(start_from=point))
    assert not set(got) & set(rest)
    assert set(original) & set(listing.records) <= set(got) | set(rest)


async def test_the_paginator_resume_point_is_the_start_before_any_iteration() -> None:
    listing = Listing(10)
    assert listing.paginator(start_offset=4).resume_point == ResumePoint(offset=4)
    assert listing.paginator(start_offset=4).next_offset == 4


def test_start_offset_and_start_from_together_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="start_offset or start_from, not both"):
        Listing(1).paginator(start_offset=3, start_from=ResumePoint(offset=3))


def test_start_from_must_be_a_resume_point() -> None:
    with pytest.raises(InvalidArgumentTypeError, match="start_from must be a ResumePoint"):
        Listing(1).paginator(start_from={"offset": 3})


async def test_requests_never_exceed_the_page_size() -> None:
    listing = Listing(200)
    listing.before_request = lambda n: listing.insert_at_head(13) if n % 3 == 1 else None
    await collect(listing.paginator(page_size=10))
    assert all(1 <= limit <= 10 for _, limit in listing.requests)


async def test_breaking_out_leaves_no_request_running() -> None:
    listing = Listing(500)
    before = len(asyncio.all_tasks())
    async for record in listing.paginator(prefetch=8):
        if record < 450:
            break
    assert len(asyncio.all_tasks()) == before


async def test_a_server_that_never_advances_stops_with_an_error_not_silently() -> None:
    async def fetch(offset: int, limit: int) -> Page[int]:
        return Page(items=[1, 2, 3], offset=offset, total=10_000 + offset)

    paginator = AsyncPaginator(fetch, style=PaginationStyle.TOTAL, page_size=3,
                               key=lambda x: x, description="paging test records")
    got: list[int] = []
    with pytest.raises(InconsistentListingError) as caught:
        async for record in paginator:
            got.append(record)
    assert got == [1, 2, 3]
    assert caught.value.resume_point == paginator.resume_point
    assert "while paging test records" in str(caught.value)


def test_prefetch_outside_its_range_is_refused() -> None:
    with pytest.raises(ValueError, match="prefetch must be between 1 and 100"):
        Listing(1).paginator(prefetch=0)


# -- pages that contradict their own total ------------------------------------------------------


class Contradicting:
    """A 250-record listing whose page at ``bad_offset`` is replaced by ``bad`` ``times``
    times (each fetch of it counts)."""

    def __init__(self, bad_offset: int, bad: Callable[[int], Page[int]], times: int) -> None:
        self.records = list(range(250, 0, -1))
        self.bad_offset = bad_offset
        self.bad = bad
        self.times = times
        self.fetches_of_bad = 0

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        if offset == self.bad_offset and self.fetches_of_bad < self.times:
            self.fetches_of_bad += 1
            return self.bad(offset)
        return Page(items=self.records[offset:offset + limit], offset=offset, total=250)

    def paginator(self) -> AsyncPaginator[int]:
        return AsyncPaginator(self.fetch, style=PaginationStyle.TOTAL, page_size=100,
                              key=lambda record: record, prefetch=1)


CONTRADICTIONS: dict[str, tuple[int, Callable[[int], Page[int]]]] = {
    "an empty first page with a positive total": (
        0, lambda offset: Page(items=[], offset=offset, total=250)
    ),
    "an empty page while the total says more remain": (
        200, lambda offset: Page(items=[], offset=offset, total=250)
    ),
    "a negative total": (100, lambda offset: Page(items=[], offset=offset, total=-5)),
    "no total after pages that had one": (
        100, lambda offset: Page(items=list(range(150, 50, -1)), offset=offset)
    ),
    "records past the total": (
        100, lambda offset: Page(items=list(range(150, 50, -1)), offset=offset, total=120)
    ),
}


@pytest.mark.parametrize("case", list(CONTRADICTIONS))
async def test_a_page_contradicting_its_total_twice_raises_with_a_resume_point(
    case: str,
) -> None:
    offset, bad = CONTRADICTIONS[case]
    listing = Contradicting(offset, bad, times=2)
    paginator = listing.paginator()
    got: list[int] = []
    with pytest.raises(InconsistentListingError, match="answered twice with") as caught:
        async for record in paginator:
            got.append(record)
    assert listing.fetches_of_bad == 2  # fetched once more before giving up
    assert got == listing.records[:offset]  # nothing after the bad page, never a short end
    point = caught.value.resume_point
    assert point is not None and point == paginator.resume_point
    healed = Contradicting(offset, bad, times=0)
    rest = await collect(AsyncPaginator(
        healed.fetch, style=PaginationStyle.TOTAL, page_size=100, key=lambda r: r,
        start_from=point,
    ))
    assert got + rest == listing.records


@pytest.mark.parametrize("case", list(CONTRADICTIONS))
async def test_a_page_contradicting_its_total_once_is_fetched_again_and_paging_goes_on(
    case: str,
) -> None:
    offset, bad = CONTRADICTIONS[case]
    listing = Contradicting(offset, bad, times=1)
    assert await collect(listing.paginator()) == listing.records
    assert listing.fetches_of_bad == 1


# -- resume points ---------------------------------------------------------------------------------


def test_a_resume_point_round_trips_through_json() -> None:
    point = ResumePoint(offset=297, total=5012, keys=(2433000123, 2433000122, "x-1"))
    assert ResumePoint.from_dict(json.loads(json.dumps(point.to_dict()))) == point
    assert ResumePoint.from_str(point.to_str()) == point
    assert point.to_dict()["version"] == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"version": 2, "offset": 0}, "not a version-1 resume point"),
    ({"version": 1, "offset": -1}, "ResumePoint.offset must be >= 0"),
    ({"version": 1, "offset": 0, "total": "many"}, "ResumePoint.total must be an int"),
    ({"version": 1, "offset": 0, "keys": [1.5]}, "ResumePoint.keys must hold ints or strs"),
    ({"version": 1, "offset": 0, "keys": 7}, "ResumePoint.keys must be a list"),
])
def test_a_damaged_resume_point_is_refused_with_the_field_named(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises((InvalidArgumentError, InvalidArgumentTypeError), match=message):
        ResumePoint.from_dict(data)


def test_a_resume_point_string_that_is_not_json_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"JSON of ResumePoint\.to_str"):
        ResumePoint.from_str("offset=3")


def test_a_resume_point_repr_counts_its_keys_instead_of_listing_them() -> None:
    point = ResumePoint(offset=3, total=9, keys=tuple(range(150)))
    assert repr(point) == "ResumePoint(offset=3, total=9, keys=<150>)"


# -- requests in flight for listings without a total ------------------------------------------


def test_littles_law_keeps_latency_times_rate_requests_in_flight() -> None:
    assert in_flight.littles_law(None, 5.0, 10) == 1  # nothing measured yet
    assert in_flight.littles_law(0.002, 5.0, 10) == 1
    assert in_flight.littles_law(0.3, 5.0, 10) == 2
    assert in_flight.littles_law(0.8, 5.0, 10) == 4
    assert in_flight.littles_law(5.0, 5.0, 10) == 10  # at most prefetch
    assert in_flight.littles_law(0.3, None, 10) == 10  # no rate limit: prefetch


def test_the_latency_is_the_fastest_recent_round_trip() -> None:
    trips = in_flight.RoundTrips()
    for seconds in (0.9, 0.31, 0.5, 2.0):  # the slow ones waited for the rate limiter
        trips.add(seconds)
    assert trips.latency == 0.31


@pytest.mark.parametrize(("latency", "most_requests"), [(0.0, 11), (0.3, 12), (0.8, 14)])
async def test_a_has_more_listing_asks_past_its_end_at_most_latency_times_rate(
    monkeypatch: pytest.MonkeyPatch, latency: float, most_requests: int
) -> None:
    # Round trips are measured as ``latency`` (no real waiting); SmartLead's rate 10 / 2.05 s.
    original = in_flight.RoundTrips.add
    monkeypatch.setattr(in_flight.RoundTrips, "add", lambda self, _: original(self, latency))
    listing = Listing(10_000, style=PaginationStyle.HAS_MORE)
    paginator = AsyncPaginator(
        listing.fetch, style=PaginationStyle.HAS_MORE, page_size=1000, key=lambda r: r,
        prefetch=10, allowed_rate=10 / 2.05,
    )
    assert len(await collect(paginator)) == 10_000
    past_the_end = len(listing.requests) - 10
    assert past_the_end <= max(1, in_flight.littles_law(latency, 10 / 2.05, 10))
    assert len(listing.requests) <= most_requests


async def test_the_latency_the_rate_limiter_measures_takes_the_place_of_the_pages_own_timing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every page seems to take 2 s (it waited for a limiter shared with other processes),
    # but the network answers at once: one request in flight, as at 0 ms.
    original = in_flight.RoundTrips.add
    monkeypatch.setattr(in_flight.RoundTrips, "add", lambda self, _: original(self, 2.0))
    listing = Listing(10_000, style=PaginationStyle.HAS_MORE)
    paginator = AsyncPaginator(
        listing.fetch, style=PaginationStyle.HAS_MORE, page_size=1000, key=lambda r: r,
        prefetch=10, allowed_rate=10 / 2.05, network_latency=lambda: 0.0,
    )
    assert len(await collect(paginator)) == 10_000
    assert len(listing.requests) <= 11


def test_the_network_latency_is_read_from_a_limiter_that_measures_it() -> None:
    class Measuring:
        round_trip = 0.25

    assert in_flight.network_latency(Measuring())() == 0.25
    assert in_flight.network_latency(None)() is None
    assert in_flight.network_latency(object())() is None
