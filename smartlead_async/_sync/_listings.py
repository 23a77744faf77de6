"""Blocking counterparts of the paginators and of ``list_many``'s stream.

A :class:`SyncPaginator` is a plain iterator over every record of a listing (each page is
fetched once, when the iteration reaches it) that also has :meth:`~SyncPaginator.first_page`
and :meth:`~SyncPaginator.pages`; it pages through the async paginator it wraps, so de-duplication,
prefetching and resume offsets are that paginator's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Hashable, Iterator
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from .._exceptions import ListingFailure
from .._fan_in import FanIn
from .._pagination import AsyncPaginator, ResumePoint
from .._pagination.cursor import CursorPage, CursorPaginator, PageLike, ScrollPaginator
from .._pagination.page import Page
from ._runner import Runner, awaited, sync_stream

__all__ = ["SyncCursorPaginator", "SyncFanIn", "SyncPaginator", "SyncScrollPaginator"]

T = TypeVar("T")
C = TypeVar("C", bound=Hashable)
PageT = TypeVar("PageT", bound="_Page")
PageT_co = TypeVar("PageT_co", bound="_Page", covariant=True)
ScrollPageT = TypeVar("ScrollPageT", bound=PageLike)


class _Page(Protocol):
    @property
    def items(self) -> list[Any]: ...


class _AsyncListing(Protocol[PageT_co]):
    def __await__(self) -> Generator[Any, None, PageT_co]: ...

    def pages(self) -> AsyncIterator[PageT_co]: ...


class _SyncListing(Iterator[T], Generic[T, PageT]):
    """Iterates over every record of an async listing; pages on demand."""

    def __init__(self, runner: Runner, listing: _AsyncListing[PageT]) -> None:
        self._runner = runner
        self._async = listing
        self._items: Iterator[T] | None = None

    def __next__(self) -> T:
        if self._items is None:  # (no reference back to self: dropping it closes the walk)
            self._items = _every_item(self.pages())
        return next(self._items)

    def first_page(self) -> PageT:
        """The first page alone (one request): what ``await`` gives on the async paginator."""
        return self._runner.run(awaited, self._async)

    def pages(self) -> Generator[PageT, None, None]:
        """Iterate over pages, each holding only records not yielded before."""
        return sync_stream(self._runner, self._async.pages())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._async!r}>"


class SyncPaginator(_SyncListing[T, Page[T]]):
    """Every record of an offset-paged listing: ``for lead in client.campaigns.leads.list(42)``.

    ``.first_page()`` returns the first :class:`Page`; ``.pages()`` walks pages.

    Attributes:
        next_offset: the offset of the first record not yet yielded.
        resume_point: where the iteration stands (``start_from=`` to continue it).
        list_changed: True once the server reported a different total mid-iteration.
    """

    _async: AsyncPaginator[T]

    def __init__(self, runner: Runner, paginator: AsyncPaginator[T]) -> None:
        super().__init__(runner, paginator)

    @property
    def next_offset(self) -> int:
        """The offset of the first record not yet yielded (resume with ``start_offset=``)."""
        return self._async.next_offset

    @property
    def list_changed(self) -> bool:
        """Whether the server reported a different total while paging."""
        return self._async.list_changed

    @property
    def resume_point(self) -> ResumePoint:
        """Where this iteration stands: pass it as ``start_from=`` to continue it later, in
        any process, with no record lost and none repeated."""
        return self._async.resume_point


class SyncCursorPaginator(_SyncListing[T, CursorPage[T, C]]):
    """Every record of a cursor-paged listing (``client.leads.all()``).

    ``SyncCursorPaginator[T, C]``: records of type ``T`` behind cursors of type ``C``.
    ``.first_page()`` returns the first :class:`CursorPage`; ``.pages()`` walks pages.

    Attributes:
        next_cursor: the cursor after the last page yielded; pass it as ``start_after`` to
            resume after an error.
    """

    _async: CursorPaginator[T, C]

    def __init__(self, runner: Runner, paginator: CursorPaginator[T, C]) -> None:
        super().__init__(runner, paginator)

    @property
    def next_cursor(self) -> C | None:
        """The cursor after the last page yielded (resume with ``start_after=``)."""
        return self._async.next_cursor


class SyncScrollPaginator(_SyncListing[T, ScrollPageT]):
    """Every record of a listing paged by a token the server issues (a SmartProspect search).

    ``.first_page()`` returns the first page; ``.pages()`` walks pages.

    Attributes:
        next_cursor: the token after the last page yielded; pass it as ``scroll_id`` to
            resume after an error.
    """

    _async: ScrollPaginator[T, ScrollPageT]

    def __init__(self, runner: Runner, paginator: ScrollPaginator[T, ScrollPageT]) -> None:
        super().__init__(runner, paginator)

    @property
    def next_cursor(self) -> str | None:
        """The token after the last page yielded (resume with ``scroll_id=``)."""
        return self._async.next_cursor


class SyncFanIn(Generic[T]):
    """``with`` it to get ``(id, item)`` pairs from many listings as they arrive.

    ``with client.campaigns.leads.list_many(ids) as stream: for campaign_id, lead in stream:``
    The listings run concurrently in the client's event loop while the block runs; leaving
    the block stops them. Errors follow the ``on_error`` the stream was made with.

    Attributes:
        failures: one :class:`ListingFailure` per listing that failed.
    """

    def __init__(self, runner: Runner, fan_in: FanIn[T]) -> None:
        self._runner = runner
        self._async = fan_in
        self._context: AbstractContextManager[FanIn[T]] | None = None
        self._items: Iterator[tuple[int, T]] | None = None

    @property
    def failures(self) -> list[ListingFailure]:
        """The listings that failed so far."""
        return self._async.failures

    def __enter__(self) -> SyncFanIn[T]:
        self._context = self._runner.wrap_async_context_manager(self._async)
        self._context.__enter__()
        self._items = sync_stream(self._runner, aiter(self._async))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        if self._context is None:
            raise RuntimeError("the stream was not entered")
        return self._context.__exit__(exc_type, exc, tb)

    def __iter__(self) -> Iterator[tuple[int, T]]:
        if self._items is None:
            raise RuntimeError("use 'with' before iterating")
        return self._items


def _every_item(pages: Iterator[_Page]) -> Generator[Any, None, None]:
    for page in pages:
        yield from page.items


