"""Paginator semantics with an in-memory listing: counts, stop rules, shifts, resume, errors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from smartlead_async import (
    AsyncPaginator,
    InconsistentListingError,
    Page,
    PaginationStyle,
    ServerError,
)


class Listing:
    """A server-side list, newest first, that tests can change between requests."""

    def __init__(self, count: int, *, style: PaginationStyle = PaginationStyle.TOTAL) -> None:
        self.records = list(range(count, 0, -1))
        self.next_id = count + 1
        self.style = style
        self.requests: list[tuple[int, int]] = []
        self.before_request: Callable[[int], None] = lambda n: None
        self.fail_at: set[int] = set()

    def insert_at_head(self, count: int) -> None:
        self.records[:0] = range(self.next_id + count - 1, self.next_id - 1, -1)
        self.next_id += count

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.before_request(len(self.requests))
        self.requests.append((offset, limit))
        await asyncio.sleep(0)
        if offset in self.fail_at:
            raise ServerError("down", status_code=500, body=None, method="GET", path="/x")
        items = self.records[offset:offset + limit]
        if self.style is PaginationStyle.TOTAL:
            return Page(items=items, offset=offset, total=len(self.records))
        has_more = offset + len(items) < len(self.records)
        return Page(items=items, offset=offset, has_more=has_more)

    def paginator(self, *, page_size: int = 10, start_offset: int = 0, prefetch: int = 4,
                  style: PaginationStyle | None = None) -> AsyncPaginator[int]:
        return AsyncPaginator(
            self.fetch, style=style or self.style, page_size=page_size,
            start_offset=start_offset, key=lambda record: record, prefetch=prefetch,
            description="paging test records",
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


async def test_pages_walks_pages_in_offset_order() -> None:
    listing = Listing(35)
    offsets = [page.offset async for page in listing.paginator().pages()]
    assert offsets == [0, 10, 20, 30]


async def test_total_style_stops_at_the_total_without_an_extra_request() -> None:
    listing = Listing(40)
    await collect(listing.paginator())
    assert sorted(listing.requests) == [(0, 10), (10, 10), (20, 10), (30, 10)]


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
    removed: set[int] = set()

    def remove_head(n: int) -> None:
        if n in (3, 6):
            removed.update(listing.records[:5])
            del listing.records[:5]

    listing.before_request = remove_head
    seen = await collect(listing.paginator(prefetch=3))
    assert len(seen) == len(set(seen))
    assert set(listing.records) <= set(seen)


async def test_iteration_resumes_from_a_start_offset() -> None:
    listing = Listing(50)
    assert await collect(listing.paginator(start_offset=30)) == listing.records[30:]


async def test_a_failure_names_the_offset_to_resume_from_and_resuming_loses_nothing() -> None:
    listing = Listing(100)
    listing.fail_at = {60}
    got: list[int] = []
    with pytest.raises(ServerError) as caught:
        async for record in listing.paginator(prefetch=3):
            got.append(record)
    error = caught.value
    assert error.resume_offset == len(got)
    assert "resume with start_offset=" in str(error)
    assert "paging test records" in str(error)
    listing.fail_at = set()
    got += await collect(listing.paginator(start_offset=error.resume_offset))
    assert got == listing.records


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
    assert caught.value.resume_offset == paginator.next_offset
    assert "while paging test records" in str(caught.value)


def test_prefetch_outside_its_range_is_refused() -> None:
    with pytest.raises(ValueError, match="prefetch must be between 1 and 100"):
        Listing(1).paginator(prefetch=0)
