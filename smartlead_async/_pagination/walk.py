"""``PageWalk``: what one iteration of a paginator does whatever the listing's style.

It fetches pages (one, or a batch inside a task group that is closed before anything is
yielded, so breaking out of a loop or cancelling it never leaves a request running), drops
records yielded before, measures round trips, and turns a failure into an error that says
where to resume.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Generic, TypeVar

import anyio

from .._exceptions import (
    APIError,
    InconsistentListingError,
    InvalidTotal,
    ResumableError,
    SmartleadError,
)
from .in_flight import RoundTrips, littles_law
from .page import Page
from .recent import RecentKeys, Sighting
from .resume import ResumePoint
from .source import PageSource

__all__ = ["PageWalk"]

log = logging.getLogger("smartlead_async")

T = TypeVar("T")


class PageWalk(ABC, Generic[T]):
    """The state of one iteration over a :class:`PageSource`, from a :class:`ResumePoint`.

    Subclasses implement :meth:`pages` (one pagination algorithm) and :attr:`resume_point`.
    """

    def __init__(
        self, source: PageSource[T], start: ResumePoint, *, memory: int,
        recent: RecentKeys | None = None,
    ) -> None:
        self.source = source
        self.size = source.page_size
        self.start = start
        self.recent = recent if recent is not None else RecentKeys(memory, start.keys)
        self.round_trips = RoundTrips()
        self.sent = 0  # requests sent by this walk
        self.yielded = 0  # records yielded by this walk
        self.list_changed = False

    @abstractmethod
    def pages(self) -> AsyncIterator[Page[T]]:
        """Pages of records not yielded before, in list order."""

    @property
    @abstractmethod
    def resume_point(self) -> ResumePoint:
        """Where a new iteration continues this one, as far as it has yielded."""

    @property
    def knows_all(self) -> bool:
        """Whether every record yielded so far (this walk and the ones it resumes) is known."""
        return self.start.all_keys and not self.recent.forgot

    def contradiction(self, page: Page[T]) -> str | None:
        """What is wrong with a page on its own, if anything (it is then fetched again)."""
        return None

    def in_flight(self) -> int:
        """Requests to keep in flight at the latency measured so far (Little's law): the
        client's network round trip when its limiter measures one, else the fastest page."""
        measured = self.source.network_latency
        latency = measured() if measured is not None else None
        if latency is None:
            latency = self.round_trips.latency
        return littles_law(latency, self.source.allowed_rate, self.source.prefetch)

    # -- fetching ------------------------------------------------------------------------------

    async def fetch(self, offset: int) -> Page[T]:
        """Fetch one page, timing its round trip."""
        self.sent += 1
        started = anyio.current_time()
        page = await self.source.page(offset)
        self.round_trips.add(anyio.current_time() - started)
        return page

    async def fetch_checked(self, offset: int) -> Page[T]:
        """Fetch one page; one that contradicts itself is fetched once more, then it raises.

        Raises:
            InconsistentListingError: the page was contradictory twice in a row.
        """
        problem = ""
        for _ in range(2):
            try:
                page = await self.fetch(offset)
            except InvalidTotal as error:
                problem = error.message
                continue
            problem = self.contradiction(page) or ""
            if not problem:
                return page
            log.debug("%s: %s; fetching it again", self.source.description, problem)
        raise InconsistentListingError(
            f"the server answered twice with {problem}", context=self.source.description
        )

    async def fetch_batch(
        self, offsets: Sequence[int], *, last: Callable[[Page[T]], bool] | None = None
    ) -> tuple[list[Page[T] | None], SmartleadError | None]:
        """Fetch pages concurrently; return them by position in ``offsets``, and a failure.

        A failure cancels the other requests (their places stay None). When ``last`` says a
        page ends the listing, the requests for later offsets are cancelled: past the end.
        """
        results: list[Page[T] | None] = [None] * len(offsets)
        errors: list[SmartleadError] = []
        scopes = [anyio.CancelScope() for _ in offsets]

        async def one(index: int) -> None:
            with scopes[index]:
                try:
                    page = await self.fetch_checked(offsets[index])
                except SmartleadError as error:
                    errors.append(error)
                    group.cancel_scope.cancel()
                    return
                results[index] = page
                if last is not None and last(page):
                    for later in scopes[index + 1 :]:
                        later.cancel()

        async with anyio.create_task_group() as group:
            for index in range(len(offsets)):
                group.start_soon(one, index)
        return results, errors[0] if errors else None

    # -- records -------------------------------------------------------------------------------

    def fresh(self, page: Page[T], start: int = 0, clock: float | None = None) -> Page[T]:
        """The page's records from ``start`` on that were not yielded before; remember them
        (with where they were, when ``clock`` says when the page was served)."""
        key = self.source.key
        items = page.items[start:] if start else page.items
        if key is not None:
            kept = []
            for index, item in enumerate(items, start):
                k = key(item)
                if k is None:
                    kept.append(item)
                elif k not in self.recent:
                    seen = None
                    if clock is not None and page.total is not None:
                        seen = Sighting(page.offset + index, page.total, clock)
                    self.recent.add(k, seen)
                    kept.append(item)
            items = kept
        self.yielded += len(items)
        return Page(items=items, offset=page.offset, total=page.total, has_more=page.has_more)

    # -- stopping ------------------------------------------------------------------------------

    def inconsistent(self, why: str) -> InconsistentListingError:
        """Stop: going on could miss records."""
        return InconsistentListingError(why, context=self.source.description)

    def stopped(self, error: SmartleadError) -> SmartleadError:
        """``error``, told what was being paged and where to resume."""
        if isinstance(error, APIError):
            error.add_context(self.source.description)
        if isinstance(error, ResumableError):
            error.resume_point = self.resume_point
        return error
