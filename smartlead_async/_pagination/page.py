"""A page of a listing, and the item iteration every paginator shares."""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Sequence
from typing import Generic, Protocol, TypeVar

import attrs

__all__ = ["ItemsOfPages", "Page"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class _Paged(Protocol[T_co]):
    """A page of any paginator: it has items."""

    @property
    def items(self) -> Sequence[T_co]: ...


class ItemsOfPages(abc.ABC, Generic[T]):
    """A paginator's ``async for item in paginator``: every item of every page of
    :meth:`pages`, lazily."""

    @abc.abstractmethod
    def pages(self) -> AsyncIterator[_Paged[T]]:
        """The pages, each holding only records not yielded before."""

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a paginated listing.

    Attributes:
        items: the records on this page.
        offset: the offset the page was requested at.
        total: the total the server reported (``total_leads``...), when it reports one.
        has_more: the server's ``hasMore`` flag, when it sends one.
    """

    items: list[T]
    offset: int
    total: int | None = None
    has_more: bool | None = None

    @property
    def next_offset(self) -> int:
        """The offset of the page after this one."""
        return self.offset + len(self.items)
