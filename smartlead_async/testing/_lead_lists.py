"""Lead lists of the fake account: named, tagged sets of people (leads), kept outside campaigns.

A list holds people (person serials of the lead book) in the order they joined it. People
imported into a list who are new to the account get a person of their own that belongs to no
campaign (:data:`NO_CAMPAIGN`), so they are leads of the account (``GET /leads/all``,
``GET /leads/{id}``) until a push puts them in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ._data import Clock, Hasher, iso_ms

__all__ = ["NO_CAMPAIGN", "LeadList", "LeadLists"]

#: The campaign id of people created by a list import: no campaign has it.
NO_CAMPAIGN = 0


@dataclass(slots=True, eq=False)
class LeadList:
    """One list: its fields, tags and people (person serials, in the order they joined)."""

    id: int
    name: str
    client_id: int | None
    created_ms: int
    updated_ms: int
    tag_ids: set[int] = field(default_factory=set)
    people: dict[int, None] = field(default_factory=dict)

    def add(self, people: Iterable[int]) -> int:
        """Put people in the list (those already in it stay where they are); how many were new."""
        before = len(self.people)
        self.people.update(dict.fromkeys(people))
        return len(self.people) - before

    def remove(self, people: Iterable[int]) -> None:
        """Take people out of the list."""
        for person in people:
            self.people.pop(person, None)


class LeadLists:
    """Every list, by id; ids are handed out in order from a seeded start."""

    def __init__(self, hasher: Hasher, clock: Clock, user_id: int) -> None:
        self._clock = clock
        self._user_id = user_id
        self.rows: dict[int, LeadList] = {}
        self._next_id = 3_300 + hasher(12) % 50

    def create(self, name: str, client_id: int | None = None) -> LeadList:
        """A new, empty list."""
        now = self._clock.tick()
        lead_list = LeadList(self._next_id, name, client_id, now, now)
        self.rows[lead_list.id] = lead_list
        self._next_id += 1
        return lead_list

    def touch(self, lead_list: LeadList) -> None:
        """Record a change to a list now."""
        lead_list.updated_ms = self._clock.tick()

    def newest_first(self) -> Iterator[LeadList]:
        """Every list, the newest first."""
        return reversed(self.rows.values())

    def holding(self, person: int) -> Iterator[LeadList]:
        """The lists ``person`` is in."""
        return (lead_list for lead_list in self.rows.values() if person in lead_list.people)

    def json(self, lead_list: LeadList) -> dict[str, Any]:
        """A list as the lead-list routes answer it."""
        return {
            "id": lead_list.id,
            "list_name": lead_list.name,
            "user_id": self._user_id,
            "client_id": lead_list.client_id,
            "lead_count": len(lead_list.people),
            "tag_ids": sorted(lead_list.tag_ids),
            "created_at": iso_ms(lead_list.created_ms),
            "updated_at": iso_ms(lead_list.updated_ms),
        }
