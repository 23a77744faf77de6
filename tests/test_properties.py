"""Property-based tests of :class:`AsyncPaginator` against a scripted, possibly hostile server.

For any sequence of pages the server may send (a total that changes, records inserted or
removed at the head between requests, a short page, an empty page with ``hasMore`` true, a
``hasMore`` flag that lies), iteration terminates, yields no record twice, never asks for a
limit outside ``1..page_size`` nor a negative offset. When the server is honest and the list
only changes at its head, every record that stays in the list arrives.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from unittest import mock

import anyio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import (
    AsyncPaginator,
    InconsistentListingError,
    Page,
    PaginationStyle,
    ServerError,
    SmartleadError,
    _pagination,
)

#: Bounded so the whole module runs in a few seconds.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@dataclass(frozen=True)
class Step:
    """What the server does on one request, before and while answering it."""

    insert: int = 0  # records inserted at the head before this request is served
    remove: int = 0  # records removed from the head before this request is served
    total_delta: int = 0  # the total reported is off by this much (a lying total)
    keep: int | None = None  # serve at most this many records (a short page)
    has_more: bool | None = None  # a hasMore flag overriding the truth
    yields: int = 0  # event-loop turns before answering (reorders concurrent answers)
    fail: bool = False  # answer with a 500 instead

    @property
    def honest(self) -> bool:
        """Whether the answer tells the truth about the list (changes happen at the head)."""
        return (self.total_delta, self.keep, self.has_more, self.fail) == (0, None, None, False)


HONEST = Step()
#: Requests on which the list may change in the "every record arrives" properties.
MAX_CHANGES = 2


class ScriptedServer:
    """A newest-first list of record ids served page by page, following a script."""

    def __init__(
        self, count: int, script: list[Step], *, style: PaginationStyle, page_size: int
    ) -> None:
        self.records = list(range(count, 0, -1))
        self.original = list(self.records)  # the list as the first request saw it
        self.removed: set[int] = set()
        self.next_id = count + 1
        self.script = deque(script)
        self.style = style
        self.page_size = page_size
        self.requests: list[tuple[int, int]] = []
        self.changed_after_first = False
        # No paginator needs more: a page per record, each refetched a few times, plus slack.
        self.budget = 8 * (count + sum(s.insert for s in script) + len(script) + 4)

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.requests.append((offset, limit))
        assert offset >= 0, f"negative offset requested: {offset}"
        assert 1 <= limit <= self.page_size, f"limit {limit} outside 1..{self.page_size}"
        assert len(self.requests) <= self.budget, "the paginator does not terminate"
        step = self.script.popleft() if self.script else HONEST
        self.mutate(step)
        if len(self.requests) == 1:
            self.original = list(self.records)
        for _ in range(step.yields):
            await asyncio.sleep(0)
        if step.fail:
            raise ServerError("scripted failure", status_code=500, body=None, method="GET",
                              path="/scripted")
        items = self.records[offset:offset + limit]
        if step.keep is not None:
            items = items[:step.keep]
        truthful_more = offset + len(items) < len(self.records)
        has_more = truthful_more if step.has_more is None else step.has_more
        if self.style is PaginationStyle.TOTAL:
            return Page(items=items, offset=offset,
                        total=max(len(self.records) + step.total_delta, 0))
        return Page(items=items, offset=offset, has_more=has_more)

    def mutate(self, step: Step) -> None:
        if step.insert or step.remove:
            self.changed_after_first = self.changed_after_first or len(self.requests) > 1
        if step.insert:
            self.records[:0] = range(self.next_id + step.insert - 1, self.next_id - 1, -1)
            self.next_id += step.insert
        if step.remove:
            self.removed.update(self.records[:step.remove])
            del self.records[:step.remove]


def hostile_steps() -> st.SearchStrategy[Step]:
    return st.builds(
        Step,
        insert=st.integers(0, 12),
        remove=st.integers(0, 12),
        total_delta=st.integers(-15, 15),
        keep=st.none() | st.integers(0, 10),
        has_more=st.none() | st.booleans(),
        yields=st.integers(0, 3),
        fail=st.sampled_from([False] * 9 + [True]),  # now and then a 500
    )


@st.composite
def head_changes(draw: st.DrawFn, *, removals: bool = True) -> list[Step]:
    """Honest answers while records are inserted at (or removed from) the head.

    The list changes on at most ``MAX_CHANGES`` requests: no paginator can finish a listing
    that changes on every request, and the SDK's gives up (with a warning) after a few
    refetches that make no progress.
    """
    yields = draw(st.lists(st.integers(0, 3), max_size=12))
    script = [Step(yields=n) for n in yields]
    for index in draw(st.lists(st.integers(0, 11), max_size=MAX_CHANGES, unique=True)):
        while len(script) <= index:
            script.append(HONEST)
        insert = draw(st.integers(0, 12))
        remove = draw(st.integers(0, 12)) if removals else 0
        script[index] = Step(insert=insert, remove=remove, yields=script[index].yields)
    return script


@dataclass
class Run:
    """The outcome of iterating a paginator over a scripted server."""

    server: ScriptedServer
    paginator: AsyncPaginator[int]
    yielded: list[int]
    error: SmartleadError | None = None


def run_paginator(
    count: int,
    script: list[Step],
    *,
    style: PaginationStyle,
    page_size: int,
    prefetch: int,
    start_offset: int = 0,
    min_memory: int = _pagination._MIN_MEMORY,
) -> Run:
    """Iterate a paginator over a scripted server; ``min_memory`` 0 stresses forgetting."""
    server = ScriptedServer(count, script, style=style, page_size=page_size)
    paginator = AsyncPaginator(
        server.fetch, style=style, page_size=page_size, start_offset=start_offset,
        key=lambda record: record, prefetch=prefetch, description="scripted listing",
    )
    run = Run(server, paginator, [])

    async def iterate() -> None:
        with anyio.fail_after(10):
            try:
                async for record in paginator:
                    run.yielded.append(record)
            except (ServerError, InconsistentListingError) as error:
                run.error = error

    with mock.patch.object(_pagination, "_MIN_MEMORY", min_memory):
        asyncio.run(iterate())
    return run


styles = st.sampled_from(list(PaginationStyle))
page_sizes = st.integers(1, 10)
prefetches = st.integers(1, 5)
counts = st.integers(0, 60)


@PROPERTY_SETTINGS
@given(count=counts, script=st.lists(hostile_steps(), max_size=12), style=styles,
       page_size=page_sizes, prefetch=prefetches, start_offset=st.integers(0, 20))
def test_any_server_behaviour_terminates_without_duplicates_or_invalid_requests(
    count: int, script: list[Step], style: PaginationStyle, page_size: int, prefetch: int,
    start_offset: int,
) -> None:
    run = run_paginator(count, script, style=style, page_size=page_size, prefetch=prefetch,
                        start_offset=start_offset)
    assert len(run.yielded) == len(set(run.yielded))
    assert all(offset >= 0 and 1 <= limit <= page_size for offset, limit in run.server.requests)
    assert run.paginator.next_offset >= 0


@PROPERTY_SETTINGS
@given(count=counts, script=head_changes(), page_size=page_sizes,
       prefetch=prefetches)
def test_records_that_stay_in_a_shifting_total_listing_all_arrive_once(
    count: int, script: list[Step], page_size: int, prefetch: int
) -> None:
    run = run_paginator(count, script, style=PaginationStyle.TOTAL, page_size=page_size,
                        prefetch=prefetch, min_memory=0)
    stayed = set(run.server.original) - run.server.removed
    assert len(run.yielded) == len(set(run.yielded))
    assert stayed <= set(run.yielded)
    assert set(run.yielded) <= set(run.server.original) | set(range(count + 1, 10_000))


@PROPERTY_SETTINGS
@given(count=counts, script=head_changes(removals=False), page_size=page_sizes,
       prefetch=prefetches)
def test_insertions_at_the_head_are_reported_as_a_list_change(
    count: int, script: list[Step], page_size: int, prefetch: int
) -> None:
    run = run_paginator(count, script, style=PaginationStyle.TOTAL, page_size=page_size,
                        prefetch=prefetch, min_memory=0)
    assert len(run.yielded) == len(set(run.yielded))
    assert set(run.server.original) <= set(run.yielded)
    if not run.server.changed_after_first:
        assert not run.paginator.list_changed
        assert run.yielded == run.server.original


@PROPERTY_SETTINGS
@given(count=counts, page_size=page_sizes, prefetch=prefetches, style=styles,
       fail_at=st.integers(0, 15), yields=st.lists(st.integers(0, 3), max_size=16))
def test_a_failure_anywhere_gives_a_resume_offset_that_completes_the_listing_exactly_once(
    count: int, page_size: int, prefetch: int, style: PaginationStyle, fail_at: int,
    yields: list[int],
) -> None:
    script = [Step(yields=n) for n in yields] + [HONEST] * 16
    script[fail_at] = Step(fail=True)
    first = run_paginator(count, script, style=style, page_size=page_size, prefetch=prefetch)
    if first.error is None:
        assert first.yielded == first.server.original
        return
    resume = first.error.resume_offset
    assert resume is not None and 0 <= resume <= count
    rest = run_paginator(count, [], style=style, page_size=page_size, prefetch=prefetch,
                         start_offset=resume)
    assert first.yielded + rest.yielded == first.server.original


@PROPERTY_SETTINGS
@given(page_size=page_sizes, prefetch=prefetches, style=styles, total=st.integers(0, 10**6))
def test_a_server_that_ignores_the_offset_ends_iteration_and_never_silently(
    page_size: int, prefetch: int, style: PaginationStyle, total: int
) -> None:
    requests = 0

    async def same_page(offset: int, limit: int) -> Page[int]:
        nonlocal requests
        requests += 1
        assert requests <= 200, "the paginator does not terminate"
        return Page(items=list(range(limit)), offset=offset, total=total, has_more=True)

    paginator = AsyncPaginator(same_page, style=style, page_size=page_size,
                               key=lambda record: record, prefetch=prefetch)

    yielded: list[int] = []
    stopped: list[InconsistentListingError] = []

    async def iterate() -> None:
        with anyio.fail_after(10):
            try:
                async for record in paginator:
                    yielded.append(record)
            except InconsistentListingError as error:
                stopped.append(error)

    asyncio.run(iterate())
    assert sorted(yielded) == list(range(page_size))
    # An error only when the server claimed more; and a server that keeps claiming more for
    # longer than the paginator's patience (3 batches) must get one: never a silent stop.
    claims_more = total > page_size if style is PaginationStyle.TOTAL else True
    patience = page_size * (1 + prefetch * _pagination._MAX_STALLED_BATCHES)
    if stopped:
        assert claims_more
    if style is not PaginationStyle.TOTAL or total > patience:
        assert stopped
