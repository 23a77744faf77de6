"""The global block list of the fake account: emails and domains no campaign adds or emails.

Entries are listed newest first (as the reference's example shows) and have ids, so one can be
deleted; an email is blocked when it, or its domain, is an entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ._data import Clock, Hasher, iso_ms

__all__ = ["BlockEntry", "BlockList"]


@dataclass(frozen=True, slots=True)
class BlockEntry:
    """One entry: a lower-case email or domain, and the client it was blocked for."""

    id: int
    value: str
    client_id: int | None
    created_ms: int
    source: str = "manual"

    def json(self) -> dict[str, object]:
        """The entry as ``GET /leads/get-domain-block-list`` returns it."""
        return {
            "id": self.id, "email_or_domain": self.value, "created_at": iso_ms(self.created_ms),
            "source": self.source, "client_id": self.client_id,
        }  # fmt: skip


class BlockList:
    """The block list: entries by value, ids handed out in order from a seeded start."""

    def __init__(self, hasher: Hasher, clock: Clock) -> None:
        self._clock = clock
        self._entries: dict[str, BlockEntry] = {}  # value -> entry, oldest first
        self._next_id = 10 + hasher(11) % 50

    def add(self, values: Iterable[str], client_id: int | None) -> int:
        """Block emails/domains (already blocked ones are kept as they are); how many were new."""
        added = 0
        for value in values:
            key = value.strip().lower()
            if key not in self._entries:
                self._entries[key] = BlockEntry(self._next_id, key, client_id, self._clock.tick())
                self._next_id += 1
                added += 1
        return added

    def remove(self, entry_id: int) -> bool:
        """Delete the entry with this id; whether there was one."""
        for key, entry in self._entries.items():
            if entry.id == entry_id:
                del self._entries[key]
                return True
        return False

    def blocks(self, email: str) -> bool:
        """Whether an email address, or its domain, is blocked."""
        key = email.strip().lower()
        return key in self._entries or key.rpartition("@")[2] in self._entries

    def entries(
        self,
        *,
        client_id: int | None = None,
        containing: str | None = None,
        of_domain: str | None = None,
    ) -> Iterator[BlockEntry]:
        """Entries newest first: of ``client_id``, whose text contains ``containing``
        (case-insensitive), and equal to domain ``of_domain`` or an address at it."""
        domain = None if of_domain is None else of_domain.strip().lower()
        for entry in reversed(self._entries.values()):
            if client_id is not None and entry.client_id != client_id:
                continue
            if containing is not None and containing.strip().lower() not in entry.value:
                continue
            if domain is not None and entry.value.rpartition("@")[2] != domain:
                continue
            yield entry
