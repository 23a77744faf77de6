"""What a paginator pages: the fetch function and how its pages are read."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .._exceptions import APIError
from .page import Page

__all__ = ["FetchPage", "PageSource", "PaginationStyle"]

T = TypeVar("T")
FetchPage = Callable[[int, int], Awaitable[Page[T]]]


class PaginationStyle(enum.Enum):
    """How a listing tells that it has ended."""

    TOTAL = "total"  # the page carries a total (``total_leads``, ``total_stats``)
    HAS_MORE = "has_more"  # the page carries ``hasMore`` / ``pagination.has_more``
    SHORT_PAGE = "short_page"  # a page shorter than the limit is the last


@dataclass(frozen=True)
class PageSource(Generic[T]):
    """One listing: how to fetch a page, and what the paginator needs to know about it.

    Attributes:
        fetch: ``fetch(offset, limit)`` returns one page.
        style: how the listing ends.
        page_size: the limit of every request.
        key: a record's identity (None when records have none).
        prefetch: the most requests in flight at once.
        description: what is paged, for errors and logs.
        allowed_rate: requests per second the client's rate limit allows (None: no limit).
        network_latency: reads the client's measured round trip, without the wait for the
            rate limiter (None, or returning None: the paginator times its own pages).
    """

    fetch: FetchPage[T]
    style: PaginationStyle
    page_size: int
    key: Callable[[T], Hashable | None] | None
    prefetch: int
    description: str
    allowed_rate: float | None
    network_latency: Callable[[], float | None] | None = None

    async def page(self, offset: int) -> Page[T]:
        """Fetch the page at ``offset``; an API error is told what was being paged."""
        try:
            return await self.fetch(offset, self.page_size)
        except APIError as error:
            error.add_context(self.description)
            raise

    def keys(self, page: Page[T]) -> list[Hashable | None]:
        """The keys of a page's records (all None when records have no key)."""
        key = self.key
        return [None] * len(page.items) if key is None else [key(item) for item in page.items]
