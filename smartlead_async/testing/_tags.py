"""Email-account tags of the fake: the tags themselves and which accounts carry them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._accounts import Ids
from ._data import TAGS, Clock, iso_ms, pick

__all__ = ["Tags"]


class Tags:
    """Tags by id, and the tag ids of each email account."""

    def __init__(self, ids: Ids, clock: Clock) -> None:
        self._ids = ids
        self._clock = clock
        self.rows: dict[int, dict[str, Any]] = {}
        self._of_account: dict[int, set[int]] = {}

    def save(self, name: str, color: str | None, tag_id: int | None = None) -> dict[str, Any]:
        """Create a tag (``tag_id`` None; a colour is picked when none is given) or change one."""
        if tag_id is not None:
            row = self.rows[tag_id]
            row.update(name=name, color=color or row["color"])
            return row
        tag_id = self._ids.next("tag")
        row = {"id": tag_id, "name": name, "color": color or pick(TAGS, tag_id)[1],
               "created_at": iso_ms(self._clock.tick())}
        self.rows[tag_id] = row
        return row

    def of_account(self, account_id: int) -> list[dict[str, Any]]:
        """The tags an account carries, by id."""
        return [self.rows[t] for t in sorted(self._of_account.get(account_id, ()))]

    def attach(self, account_ids: Iterable[int], tag_ids: Iterable[int]) -> None:
        """Give every account every tag."""
        tags = set(tag_ids)
        for account_id in account_ids:
            self._of_account.setdefault(account_id, set()).update(tags)

    def detach(self, account_ids: Iterable[int], tag_ids: Iterable[int]) -> None:
        """Take the tags off the accounts."""
        tags = set(tag_ids)
        for account_id in account_ids:
            self._of_account.get(account_id, set()).difference_update(tags)

    def forget_account(self, account_id: int) -> None:
        """A deleted account carries no tag."""
        self._of_account.pop(account_id, None)
