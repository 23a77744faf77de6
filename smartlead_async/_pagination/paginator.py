"""``AsyncPaginator``: the object every paginated method returns."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Generator, Hashable
from typing import Any, TypeVar

from .._args import int_in_range
from .._constants import DEFAULT_PREFETCH
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from .anchored import AnchoredWalk
from .open_ended import OpenEndedWalk
from .page import ItemsOfPages, Page
from .resume import ResumePoint, start_point
from .source import FetchPage, PageSource, PaginationStyle
from .walk import PageWalk

__all__ = ["AsyncPaginator"]

T = TypeVar("T")


class AsyncPaginator(ItemsOfPages[T]):
    """Pages through a listing on its own.

    ``async for item in paginator`` yields every record once; ``await paginator`` returns the
    first page; ``async for page in paginator.pages()`` walks pages (each holding only records
    not yielded before). A listing with a total is followed by record keys while it changes
    (see the README's Pagination section for the guarantee); one without keeps about
    latency x ``allowed_rate`` requests in flight.

    Args:
        fetch: ``await fetch(offset, limit)`` returns one :class:`Page`.
        style: how the listing ends.
        page_size: the limit of every request.
        start_offset: the offset to start from (default 0); not with ``start_from``.
        start_from: a :class:`ResumePoint` to continue an earlier iteration from.
        key: a record's identity, to drop repeats and follow a moving list.
        prefetch: the most requests in flight at once, 1 to 100.
        description: what is paged, for errors and logs.
        allowed_rate: requests per second the rate limit allows (None: no limit), for
            Little's law.
        network_latency: reads the measured round trip of a request without the wait for
            the rate limiter (seconds, or None while unknown), for Little's law; by default
            the paginator times its own pages.

    Raises:
        InvalidArgumentError: an option is out of range, or both start options are given.
    """

    def __init__(
        self,
        fetch: FetchPage[T],
        *,
        style: PaginationStyle,
        page_size: int,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        key: Callable[[T], Hashable | None] | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        description: str = "paging",
        allowed_rate: float | None = None,
        network_latency: Callable[[], float | None] | None = None,
    ) -> None:
        if allowed_rate is not None:
            if isinstance(allowed_rate, bool) or not isinstance(allowed_rate, int | float):
                raise InvalidArgumentTypeError(
                    f"allowed_rate must be a number, got {type(allowed_rate).__name__}"
                )
            if not allowed_rate > 0:
                raise InvalidArgumentError(f"allowed_rate must be > 0, got {allowed_rate}")
        self._source = PageSource(
            fetch=fetch, style=style,
            page_size=int_in_range("page_size", page_size, minimum=1),
            key=key, prefetch=int_in_range("prefetch", prefetch, minimum=1, maximum=100),
            description=description, allowed_rate=allowed_rate,
            network_latency=network_latency,
        )
        self._start = start_point(start_offset, start_from)
        self._walk: PageWalk[T] | None = None

    def __repr__(self) -> str:
        return f"<AsyncPaginator {self._source.description} from offset {self._start.offset}>"

    @property
    def resume_point(self) -> ResumePoint:
        """Where a new paginator (``start_from=``) continues what this one has yielded."""
        return self._start if self._walk is None else self._walk.resume_point

    @property
    def next_offset(self) -> int:
        """The offset of :attr:`resume_point` (exact unless the list moved)."""
        return self.resume_point.offset

    @property
    def list_changed(self) -> bool:
        """Whether the server reported a different total during the last iteration (records
        were added or removed while paging); nothing was skipped or repeated because of it."""
        return self._walk is not None and self._walk.list_changed

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._source.page(self._start.offset).__await__()

    def pages(self) -> AsyncIterator[Page[T]]:
        """Iterate over pages (each holding only records not yielded before)."""
        walk: PageWalk[T]
        if self._source.style is PaginationStyle.TOTAL:
            walk = AnchoredWalk(self._source, self._start)
        else:
            walk = OpenEndedWalk(self._source, self._start)
        self._walk = walk
        return walk.pages()
