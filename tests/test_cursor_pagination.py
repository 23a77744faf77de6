"""Cursor paging with an in-memory listing: each page is asked for after the last id received."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import aclosing

import pytest

from smartlead_async import CursorPage, CursorPaginator, InconsistentListingError, ServerError


class Ids:
    """A server-side listing of ids in ascending order, paged by "ids above the cursor"."""

    def __init__(self, count: int) -> None:
        self.records = list(range(1, count + 1))
        self.requests: list[tuple[int | None, int]] = []
        self.serve: Callable[[int | None, int], list[int]] = self.after
        self.fail_after: set[int | None] = set()

    def after(self, cursor: int | None, limit: int) -> list[int]:
        return [r for r in self.records if cursor is None or r > cursor][:limit]

    async def fetch(self, cursor: int | None, limit: int) -> list[int]:
        self.requests.append((cursor, limit))
        await asyncio.sleep(0)
        if cursor in self.fail_after:
            raise ServerError("down", status_code=500, body=None, method="GET", path="/leads/all")
        return self.serve(cursor, limit)

    def paginator(
        self, *, page_size: int = 10, start_after: int | None = None,
        cursor_of: Callable[[int], int | None] = lambda record: record,
    ) -> CursorPaginator[int, int]:
        return CursorPaginator(
            self.fetch, cursor_of=cursor_of, page_size=page_size, start_after=start_after,
            key=lambda record: record, description="paging test ids",
        )


async def collect(paginator: CursorPaginator[int, int]) -> list[int]:
    return [item async for item in paginator]


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 35])
async def test_iteration_yields_every_record_once_in_order(count: int) -> None:
    ids = Ids(count)
    assert await collect(ids.paginator()) == ids.records


async def test_each_page_is_asked_for_after_the_last_record_of_the_one_before() -> None:
    ids = Ids(35)
    await collect(ids.paginator())
    assert ids.requests == [(None, 10), (10, 10), (20, 10), (30, 10)]


async def test_a_full_last_page_costs_one_more_request_that_comes_back_empty() -> None:
    ids = Ids(20)
    assert await collect(ids.paginator()) == ids.records
    assert ids.requests == [(None, 10), (10, 10), (20, 10)]


async def test_awaiting_the_paginator_returns_the_first_page_only() -> None:
    ids = Ids(35)
    page = await ids.paginator()
    assert page == CursorPage(items=list(range(1, 11)), after=None, next_cursor=10)
    assert ids.requests == [(None, 10)]


async def test_pages_carry_their_cursors() -> None:
    ids = Ids(25)
    pages = [(page.after, page.next_cursor, len(page.items))
             async for page in ids.paginator().pages()]
    assert pages == [(None, 10, 10), (10, 20, 10), (20, 25, 5)]


async def test_start_after_resumes_after_that_cursor() -> None:
    ids = Ids(35)
    assert await collect(ids.paginator(start_after=30)) == [31, 32, 33, 34, 35]
    assert ids.requests[0] == (30, 10)


async def test_records_served_twice_are_yielded_once() -> None:
    ids = Ids(30)  # every page after the first starts again with the record of the cursor
    ids.serve = lambda cursor, limit: (
        [cursor, *ids.after(cursor, limit - 1)] if cursor else ids.after(cursor, limit)
    )
    assert await collect(ids.paginator()) == ids.records


async def test_a_page_of_records_already_yielded_is_not_yielded_again() -> None:
    ids = Ids(30)
    first = ids.after(None, 10)
    ids.serve = lambda cursor, limit: first[:5] if cursor == 10 else ids.after(cursor, limit)
    pages = [page.items async for page in ids.paginator().pages()]
    assert pages == [first]  # the second page was a short page of repeats: nothing new, last


async def test_iteration_stops_when_the_last_record_has_no_cursor() -> None:
    ids = Ids(35)
    paginator = ids.paginator(cursor_of=lambda record: None if record == 20 else record)
    assert await collect(paginator) == list(range(1, 21))
    assert len(ids.requests) == 2


async def test_a_server_ignoring_the_cursor_raises_instead_of_looping() -> None:
    ids = Ids(35)
    ids.serve = lambda cursor, limit: ids.after(None, limit)
    got: list[int] = []
    with pytest.raises(InconsistentListingError, match="already used") as caught:
        async for record in ids.paginator():
            got.append(record)
    assert got == list(range(1, 11))
    assert len(ids.requests) == 2
    assert caught.value.context == "paging test ids"
    assert caught.value.resume_offset is None


async def test_a_cursor_that_comes_back_after_a_detour_raises_too() -> None:
    ids = Ids(40)
    ids.serve = lambda cursor, limit: ids.after(None if cursor == 20 else cursor, limit)
    with pytest.raises(InconsistentListingError):
        await collect(ids.paginator())
    assert [cursor for cursor, _ in ids.requests] == [None, 10, 20]


async def test_a_failed_page_names_the_cursor_to_resume_from() -> None:
    ids = Ids(35)
    ids.fail_after = {20}
    paginator = ids.paginator()
    got: list[int] = []
    with pytest.raises(ServerError) as caught:
        async for record in paginator:
            got.append(record)
    assert got == list(range(1, 21))
    assert paginator.next_cursor == 20
    assert "paging test ids (resume with start_after=20)" in str(caught.value)
    ids.fail_after = set()
    assert await collect(ids.paginator(start_after=paginator.next_cursor)) == list(range(21, 36))


async def test_a_failed_first_page_names_what_was_paged() -> None:
    ids = Ids(5)
    ids.fail_after = {None}
    with pytest.raises(ServerError) as caught:
        await ids.paginator()
    assert caught.value.context == "paging test ids"


async def test_breaking_out_sends_no_further_request() -> None:
    ids = Ids(100)
    async with aclosing(ids.paginator().pages()) as pages:
        async for _ in pages:
            break
    assert ids.requests == [(None, 10)]


def test_repr_names_the_listing_and_its_start() -> None:
    assert repr(Ids(1).paginator(start_after=7)) == "<CursorPaginator paging test ids after 7>"



async def test_a_full_page_of_records_already_yielded_raises_even_on_a_new_cursor() -> None:
    ids = Ids(40)
    repeats = [*range(2, 11), 5]  # ten records seen already, ending on a cursor never used
    ids.serve = lambda cursor, limit: repeats if cursor == 10 else ids.after(cursor, limit)
    with pytest.raises(InconsistentListingError, match="brought no record not seen before"):
        await collect(ids.paginator())
    assert [cursor for cursor, _ in ids.requests] == [None, 10]
