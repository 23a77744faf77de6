"""One page of a paginated listing (kept apart so the paginator and the decoders share it)."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

__all__ = ["Page"]

T = TypeVar("T")


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
