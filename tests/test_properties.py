"""Property-based tests of :class:`AsyncPaginator` against model servers.

The guarantee, as the README states it: every record present from the start to the end of an
iteration is yielded exactly once; records added or removed meanwhile may or may not appear,
never twice. It must hold when the list changes between every two requests and while they are
in flight (insertions at the head, deletions at the head or anywhere), when concurrent pages
are served in any order, for any prefetch and page sizes from 10, as long as the list moves
by at most half a page per request (50 records at page size 100) -- and across a resume from
the error's resume point, in a new paginator. With keys that follow the list (ids given out
in order, as ``campaign_lead_map_id``) it always completes; with keys in no order it never
repeats or skips a record, completes under insertions and deletions anywhere, and may stop
with InconsistentListingError when the head of the list is deleted faster than it is paged.

A hostile server (lying totals, short pages, false ``hasMore``, failures) must never make the
paginator loop, repeat a record or send an invalid request.
"""

from __future__ import annotations

import asyncio
import random
from collections import deque
from dataclasses import dataclass, field

import anyio
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smartlead_async import (
    AsyncPaginator,
    InconsistentListingError,
    Page,
    PaginationStyle,
    ResumePoint,
    ServerError,
    SmartleadError,
)

#: Bounded so the whole module runs in well under a minute.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# -- a list that moves while it is paged ------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    """How the list changes around every request (after the first one).

    The amounts are per request, split between the request's arrival and the moment it is
    served (other requests may be served in between), each drawn from 0 to the maximum when
    ``steady`` is False.
    """

    insert: int = 0  # new records at the head
    delete_head: int = 0  # records removed from the head
    delete_anywhere: int = 0  # records removed at random places
    steady: bool = True  # the same amounts every time, or random amounts up to them
    shuffle: int = 0  # event-loop turns a request may wait before it is served

    @property
    def per_request(self) -> int:
        return self.insert + self.delete_head + self.delete_anywhere


class MovingList:
    """A newest-first list of record ids that changes around every request.

    Ids grow with insertion, so they fall along the list (as ``campaign_lead_map_id`` does),
    unless ``ordered_keys`` is False: then they are random.
    """

    def __init__(
        self, count: int, drift: Drift, rng: random.Random, *, fail: set[int],
        ordered_keys: bool = True,
    ) -> None:
        self.ordered_keys = ordered_keys
        self.records = list(range(count, 0, -1)) if ordered_keys else self.random_ids(rng, count)
        self.next_id = count + 1
        self.drift = drift
        self.rng = rng
        self.fail = fail  # request numbers (1-based) answered with a 500
        self.requests: list[tuple[int, int]] = []
        self.removed: set[int] = set()
        self.ever: set[int] = set(self.records)
        self.at_start: set[int] | None = None  # the list when the first page was served

    @staticmethod
    def random_ids(rng: random.Random, count: int) -> list[int]:
        return [rng.randrange(2**62) for _ in range(count)]

    def new_ids(self, count: int) -> list[int]:
        """Ids for ``count`` records inserted at the head, newest first."""
        if not self.ordered_keys:
            return self.random_ids(self.rng, count)
        ids = list(range(self.next_id + count - 1, self.next_id - 1, -1))
        self.next_id += count
        return ids

    def survivors(self) -> set[int]:
        """Records present from the first page served to now."""
        assert self.at_start is not None
        return self.at_start - self.removed

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.requests.append((offset, limit))
        number = len(self.requests)
        assert offset >= 0 and limit >= 1, f"invalid request {offset=} {limit=}"
        assert number <= 2_000, "the paginator does not terminate"
        moving = self.at_start is not None
        if moving:
            self.change(first_half=True)
        for _ in range(self.rng.randint(0, self.drift.shuffle)):
            await asyncio.sleep(0)  # other requests are served meanwhile
        if moving:
            self.change(first_half=False)
        if number in self.fail:
            raise ServerError("down", status_code=500, body=None, method="GET", path="/m")
        if self.at_start is None:
            self.at_start = set(self.records)
        items = self.records[offset:offset + limit]
        return Page(items=items, offset=offset, total=len(self.records))

    def change(self, *, first_half: bool) -> None:
        drift = self.drift

        def amount(most: int) -> int:
            half = most // 2 if first_half else most - most // 2
            return half if drift.steady else self.rng.randint(0, half)

        inserted = self.new_ids(amount(drift.insert))
        self.records[:0] = inserted
        self.ever.update(inserted)
        for _ in range(min(amount(drift.delete_head), len(self.records))):
            self.removed.add(self.records.pop(0))
        for _ in range(min(amount(drift.delete_anywhere), len(self.records))):
            self.removed.add(self.records.pop(self.rng.randrange(len(self.records))))


@st.composite
def drifts(draw: st.DrawFn, page_size: int) -> Drift:
    """A drift of at most half a page per request, in any mix."""
    budget = draw(st.integers(0, page_size // 2))
    insert = draw(st.integers(0, budget))
    delete_head = draw(st.integers(0, budget - insert))
    delete_anywhere = draw(st.integers(0, budget - insert - delete_head))
    return Drift(insert, delete_head, delete_anywhere, steady=draw(st.booleans()),
                 shuffle=draw(st.integers(0, 6)))


@dataclass
class Outcome:
    """What one or more paginators yielded from a moving list."""

    server: MovingList
    yielded: list[int] = field(default_factory=list)
    errors: list[SmartleadError] = field(default_factory=list)


def page_through(
    server: MovingList, *, page_size: int, prefetch: int, allowed_rate: float | None,
    resume_through: str | None = None, may_give_up: bool = False,
) -> Outcome:
    """Iterate to the end; after a server error, continue from its resume point in a new
    paginator (passed through ``to_str``/``from_str`` when ``resume_through`` is "str").
    With ``may_give_up``, an InconsistentListingError ends it (recorded in ``errors``)."""
    outcome = Outcome(server)

    async def run() -> None:
        start: ResumePoint | None = None
        while True:
            paginator = AsyncPaginator(
                server.fetch, style=PaginationStyle.TOTAL, page_size=page_size,
                key=lambda record: record, prefetch=prefetch, allowed_rate=allowed_rate,
                start_from=start, description="a moving list",
            )
            try:
                async for record in paginator:
                    outcome.yielded.append(record)
                return
            except InconsistentListingError as error:
                if not may_give_up:
                    raise
                assert error.resume_point == paginator.resume_point
                outcome.errors.append(error)
                return
            except ServerError as error:
                outcome.errors.append(error)
                assert error.resume_point is not None and resume_through is not None
                start = error.resume_point
                if resume_through == "str":
                    start = ResumePoint.from_str(start.to_str())

    async def bounded() -> None:
        with anyio.fail_after(60):
            await run()

    asyncio.run(bounded())
    return outcome


def assert_exactly_once(outcome: Outcome) -> None:
    yielded = outcome.yielded
    assert len(yielded) == len(set(yielded)), "a record was yielded twice"
    missing = outcome.server.survivors() - set(yielded)
    assert not missing, f"{len(missing)} records present throughout were not yielded"
    assert set(yielded) <= outcome.server.ever


page_sizes = st.sampled_from([10, 25, 50, 100])
prefetches = st.integers(1, 20)
#: None: no rate limit (prefetch decides); else requests per second (Little's law, latency ~0).
allowed_rates = st.sampled_from([None, 5.0])


@PROPERTY_SETTINGS
@given(data=st.data(), page_size=page_sizes, prefetch=prefetches, rate=allowed_rates,
       count=st.integers(0, 800), seed=st.integers(0, 2**32))
def test_a_list_moving_by_up_to_half_a_page_per_request_is_paged_exactly_once(
    data: st.DataObject, page_size: int, prefetch: int, rate: float | None, count: int,
    seed: int,
) -> None:
    drift = data.draw(drifts(page_size))
    server = MovingList(count, drift, random.Random(seed), fail=set())
    assert_exactly_once(page_through(server, page_size=page_size, prefetch=prefetch,
                                     allowed_rate=rate))


@PROPERTY_SETTINGS
@given(data=st.data(), page_size=page_sizes, prefetch=prefetches, rate=allowed_rates,
       count=st.integers(0, 800), seed=st.integers(0, 2**32),
       fail=st.sets(st.integers(1, 30), max_size=4), through=st.sampled_from(["object", "str"]))
def test_resuming_from_each_errors_resume_point_pages_a_moving_list_exactly_once(
    data: st.DataObject, page_size: int, prefetch: int, rate: float | None, count: int,
    seed: int, fail: set[int], through: str,
) -> None:
    drift = data.draw(drifts(page_size))
    server = MovingList(count, drift, random.Random(seed), fail=fail)
    outcome = page_through(server, page_size=page_size, prefetch=prefetch, allowed_rate=rate,
                           resume_through=through)
    assert_exactly_once(outcome)


def test_a_resumed_iteration_whose_yielded_records_are_all_gone_goes_on_from_the_head() -> None:
    # Found by a random run: after a resume, every record yielded had been deleted, and the
    # head page held a record inserted since, then the records past the ones yielded.
    drift = Drift(insert=1, delete_head=2, delete_anywhere=2, steady=False, shuffle=2)
    server = MovingList(442, drift, random.Random(10951385), fail={2, 4})
    assert_exactly_once(page_through(server, page_size=10, prefetch=10, allowed_rate=5.0,
                                     resume_through="object"))


@PROPERTY_SETTINGS
@given(data=st.data(), page_size=page_sizes, prefetch=prefetches, rate=allowed_rates,
       count=st.integers(0, 800), seed=st.integers(0, 2**32),
       fail=st.sets(st.integers(1, 30), max_size=3))
def test_keys_in_no_order_never_repeat_or_skip_a_record_and_give_up_only_with_an_error(
    data: st.DataObject, page_size: int, prefetch: int, rate: float | None, count: int,
    seed: int, fail: set[int],
) -> None:
    # Without keys that follow the list, a page at the head cannot tell whether the records
    # yielded before are all gone: a list losing its head faster than it is paged may stop
    # with InconsistentListingError (and a resume point), never with a wrong result.
    drift = data.draw(drifts(page_size))
    server = MovingList(count, drift, random.Random(seed), fail=fail, ordered_keys=False)
    outcome = page_through(server, page_size=page_size, prefetch=prefetch, allowed_rate=rate,
                           resume_through="str", may_give_up=True)
    yielded = outcome.yielded
    assert len(yielded) == len(set(yielded)), "a record was yielded twice"
    if not any(isinstance(e, InconsistentListingError) for e in outcome.errors):
        assert_exactly_once(outcome)


@PROPERTY_SETTINGS
@given(page_size=page_sizes, prefetch=prefetches, rate=allowed_rates, count=st.integers(0, 800),
       seed=st.integers(0, 2**32), data=st.data())
def test_keys_in_no_order_under_insertions_and_deletions_anywhere_are_paged_exactly_once(
    page_size: int, prefetch: int, rate: float | None, count: int, seed: int,
    data: st.DataObject,
) -> None:
    drift = data.draw(drifts(page_size))
    drift = Drift(drift.insert, 0, drift.delete_head + drift.delete_anywhere,
                  steady=drift.steady, shuffle=drift.shuffle)
    server = MovingList(count, drift, random.Random(seed), fail=set(), ordered_keys=False)
    assert_exactly_once(page_through(server, page_size=page_size, prefetch=prefetch,
                                     allowed_rate=rate))


def test_a_list_gaining_fifty_records_per_request_at_page_size_100_is_paged_exactly_once() -> None:
    for prefetch in (1, 10, 20):
        server = MovingList(3000, Drift(insert=50, shuffle=4), random.Random(prefetch), fail=set())
        assert_exactly_once(page_through(server, page_size=100, prefetch=prefetch,
                                         allowed_rate=None))


def test_a_list_losing_fifty_records_anywhere_per_request_is_paged_exactly_once() -> None:
    for prefetch in (1, 10, 20):
        drift = Drift(delete_anywhere=50, shuffle=4)
        server = MovingList(5000, drift, random.Random(prefetch), fail=set())
        assert_exactly_once(page_through(server, page_size=100, prefetch=prefetch,
                                         allowed_rate=None))


class GrowingAtTheTail(MovingList):
    """An oldest-first list: new records are appended; the total grows, nothing shifts."""

    def change(self, *, first_half: bool) -> None:
        if first_half:
            self.records.extend(range(self.next_id, self.next_id + self.drift.insert))
            self.ever.update(range(self.next_id, self.next_id + self.drift.insert))
            self.next_id += self.drift.insert


@PROPERTY_SETTINGS
@given(count=st.integers(0, 800), appended=st.integers(0, 50), prefetch=prefetches,
       seed=st.integers(0, 2**32))
@example(count=754, appended=50, prefetch=12, seed=1452323249)  # found by a random run
def test_an_oldest_first_list_growing_at_its_tail_is_paged_exactly_once_too(
    count: int, appended: int, prefetch: int, seed: int
) -> None:
    server = GrowingAtTheTail(count, Drift(insert=appended, shuffle=3), random.Random(seed),
                              fail=set())
    assert_exactly_once(page_through(server, page_size=100, prefetch=prefetch,
                                     allowed_rate=None))


# -- a hostile server ----------------------------------------------------------------------------


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


HONEST = Step()


class ScriptedServer:
    """A newest-first list of record ids served page by page, following a script."""

    def __init__(
        self, count: int, script: list[Step], *, style: PaginationStyle, page_size: int
    ) -> None:
        self.records = list(range(count, 0, -1))
        self.next_id = count + 1
        self.script = deque(script)
        self.style = style
        self.page_size = page_size
        self.requests: list[tuple[int, int]] = []

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.requests.append((offset, limit))
        assert offset >= 0, f"negative offset requested: {offset}"
        assert 1 <= limit <= self.page_size, f"limit {limit} outside 1..{self.page_size}"
        assert len(self.requests) <= 500, "the paginator does not terminate"
        step = self.script.popleft() if self.script else HONEST
        if step.insert:
            self.records[:0] = range(self.next_id + step.insert - 1, self.next_id - 1, -1)
            self.next_id += step.insert
        del self.records[:step.remove]
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
            return Page(items=items, offset=offset, total=len(self.records) + step.total_delta)
        return Page(items=items, offset=offset, has_more=has_more)


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


@PROPERTY_SETTINGS
@given(count=st.integers(0, 60), script=st.lists(hostile_steps(), max_size=12),
       style=st.sampled_from(list(PaginationStyle)), page_size=st.integers(1, 10),
       prefetch=st.integers(1, 5), start_offset=st.integers(0, 20))
def test_any_server_behaviour_terminates_without_duplicates_or_invalid_requests(
    count: int, script: list[Step], style: PaginationStyle, page_size: int, prefetch: int,
    start_offset: int,
) -> None:
    server = ScriptedServer(count, script, style=style, page_size=page_size)
    paginator = AsyncPaginator(
        server.fetch, style=style, page_size=page_size, start_offset=start_offset,
        key=lambda record: record, prefetch=prefetch, description="scripted listing",
    )
    yielded: list[int] = []

    async def iterate() -> None:
        with anyio.fail_after(10):
            try:
                async for record in paginator:
                    yielded.append(record)
            except (ServerError, InconsistentListingError) as error:
                assert error.resume_point == paginator.resume_point

    asyncio.run(iterate())
    assert len(yielded) == len(set(yielded))
    assert paginator.resume_point.offset >= 0


@PROPERTY_SETTINGS
@given(count=st.integers(0, 60), page_size=st.integers(1, 10), prefetch=st.integers(1, 5),
       style=st.sampled_from(list(PaginationStyle)), fail_at=st.integers(0, 15),
       yields=st.lists(st.integers(0, 3), max_size=16))
def test_a_failure_anywhere_in_a_still_list_resumes_to_exactly_the_list(
    count: int, page_size: int, prefetch: int, style: PaginationStyle, fail_at: int,
    yields: list[int],
) -> None:
    script = [Step(yields=n) for n in yields] + [HONEST] * 16
    script[fail_at] = Step(fail=True)
    server = ScriptedServer(count, script, style=style, page_size=page_size)
    got: list[int] = []

    async def run() -> None:
        start: ResumePoint | None = None
        while True:
            paginator = AsyncPaginator(
                server.fetch, style=style, page_size=page_size, key=lambda r: r,
                prefetch=prefetch, start_from=start,
            )
            try:
                async for record in paginator:
                    got.append(record)
                return
            except ServerError as error:
                start = error.resume_point

    asyncio.run(run())
    assert got == list(range(count, 0, -1))


@PROPERTY_SETTINGS
@given(page_size=st.integers(2, 10), prefetch=st.integers(1, 5),
       style=st.sampled_from(list(PaginationStyle)), total=st.integers(0, 10**6))
def test_a_server_that_ignores_the_offset_ends_iteration_and_never_silently(
    page_size: int, prefetch: int, style: PaginationStyle, total: int
) -> None:
    requests = 0

    async def same_page(offset: int, limit: int) -> Page[int]:
        nonlocal requests
        requests += 1
        assert requests <= 300, "the paginator does not terminate"
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
    assert set(yielded) <= set(range(page_size))
    # A total below one page contradicts the page; a total far beyond what 8 batches of
    # pages without a new record can cover must end in an error. In between, a page that
    # repeats the last records may be a list that moved (insertions at its head, deletions
    # after), and the page that reaches the total ends it.
    if style is not PaginationStyle.TOTAL or total < page_size or total > 1000 * page_size:
        assert stopped
    if style is PaginationStyle.TOTAL and total == page_size:
        assert not stopped
        assert sorted(yielded) == list(range(page_size))
