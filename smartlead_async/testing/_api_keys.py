"""Client API keys of the fake (``/client/api-key``): live keys, generated from the seed.

A key is a UUID derived from the seed, the key's id and how many times it was reset, so a
reset always gives a new key and two fakes with the same seed give the same keys.
"""

from __future__ import annotations

import uuid
from typing import Any

from ._accounts import Ids
from ._data import Clock, Hasher, iso_ms, mix64

__all__ = ["ApiKeys"]


class ApiKeys:
    """The client API keys of the account, by id."""

    def __init__(self, hasher: Hasher, ids: Ids, clock: Clock) -> None:
        self._hash = hasher
        self._ids = ids
        self._clock = clock
        self.rows: dict[int, dict[str, Any]] = {}
        self._resets: dict[int, int] = {}

    def create(self, client_id: int, key_name: str) -> dict[str, Any]:
        """A new active key for a client."""
        key_id = self._ids.next("api_key")
        row = {
            "id": key_id, "client_id": client_id, "key_name": key_name,
            "api_key": self._key(key_id, 0), "status": "active",
            "created_at": iso_ms(self._clock.tick()),
        }  # fmt: skip
        self.rows[key_id] = row
        return row

    def reset(self, row: dict[str, Any]) -> dict[str, Any]:
        """Replace a key's secret with a new one (the old one no longer matches)."""
        generation = self._resets[row["id"]] = self._resets.get(row["id"], 0) + 1
        row["api_key"] = self._key(row["id"], generation)
        return row

    def _key(self, key_id: int, generation: int) -> str:
        h = self._hash(9, key_id, generation)
        return str(uuid.UUID(int=(h << 64) | mix64(h), version=4))
