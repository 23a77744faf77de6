"""SmartProspect's state in the fake: searches and their scrolls, bought contacts, saved
searches and the credit balance. Nothing here knows HTTP.

A search (no ``scroll_id``) gets a new filter id and is remembered as a recent search; its
matches are fixed when it runs. Each page hands out a new scroll token that stands for the
position after it, so asking for the same token twice gives the same page. Buying (fetching)
a contact costs one credit the first time, nothing after; finding an email costs one credit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._data import Clock, Hasher, iso_ms
from ._prospect_db import Contact, ProspectDatabase

__all__ = ["FILTER_KEYS", "FLAG_KEYS", "Prospect", "Search"]

#: The documented filter lists of ``search-contacts`` and ``save-search``.
FILTER_KEYS = (
    "name", "firstName", "lastName", "title", "excludeTitle", "includeTitle", "excludeCompany",
    "excludeCompanyDomain", "includeCompany", "includeCompanyDomain", "department", "level",
    "companyName", "companyDomain", "companyKeyword", "companyHeadCount", "companyRevenue",
    "companyIndustry", "companySubIndustry", "city", "state", "country",
)  # fmt: skip
FLAG_KEYS = (
    "dontDisplayOwnedContact", "titleExactMatch", "companyExactMatch", "companyDomainExactMatch",
)  # fmt: skip
#: Credits a new fake account starts with, and the most contacts one fetch may buy.
START_CREDITS = 1000
MAX_SINGLE_FETCH = 10_000
MAX_DAILY_FETCH = 5000

# filter -> (the contact's value, whether it is a substring match unless an exact-match flag
# says otherwise, that flag, whether the filter excludes)
_Rule = tuple[Callable[[Contact], str], bool, str | None, bool]
_RULES: dict[str, _Rule] = {
    "name": (lambda c: c.full_name, True, None, False),
    "firstName": (lambda c: c.first_name, False, None, False),
    "lastName": (lambda c: c.last_name, False, None, False),
    "title": (lambda c: c.title, True, "titleExactMatch", False),
    "includeTitle": (lambda c: c.title, True, "titleExactMatch", False),
    "excludeTitle": (lambda c: c.title, True, "titleExactMatch", True),
    "companyName": (lambda c: c.company, True, "companyExactMatch", False),
    "includeCompany": (lambda c: c.company, True, "companyExactMatch", False),
    "excludeCompany": (lambda c: c.company, True, "companyExactMatch", True),
    "companyDomain": (lambda c: c.domain, True, "companyDomainExactMatch", False),
    "includeCompanyDomain": (lambda c: c.domain, True, "companyDomainExactMatch", False),
    "excludeCompanyDomain": (lambda c: c.domain, True, "companyDomainExactMatch", True),
    "department": (lambda c: c.department, False, None, False),
    "level": (lambda c: c.level, False, None, False),
    "companyKeyword": (lambda c: " ".join(c.keywords), True, None, False),
    "companyHeadCount": (lambda c: c.head_count, False, None, False),
    "companyRevenue": (lambda c: c.revenue, False, None, False),
    "companyIndustry": (lambda c: c.industry, False, None, False),
    "companySubIndustry": (lambda c: c.sub_industry, False, None, False),
    "city": (lambda c: c.city, False, None, False),
    "state": (lambda c: c.state, False, None, False),
    "country": (lambda c: c.country, False, None, False),
}


@dataclass
class Search:
    """One run search: its filters and its matches (database indices, in order)."""

    filter_id: int
    filters: dict[str, Any]
    matches: list[int]
    created_ms: int


@dataclass
class Fetched:
    """The contacts bought for one search, in the order they were bought."""

    name: str
    contacts: list[int] = field(default_factory=list)
    created_ms: int = 0


class Prospect:
    """The account's SmartProspect."""

    def __init__(self, hasher: Hasher, clock: Clock) -> None:
        self._hash = hasher
        self._clock = clock
        self.credits_total = START_CREDITS
        self.credits_used = 0
        self.searches: dict[int, Search] = {}
        self.scrolls: dict[str, tuple[int, int]] = {}  # token -> (filter id, position)
        self.saved: dict[int, dict[str, Any]] = {}
        self.fetched: dict[int, Fetched] = {}
        self.owned: set[int] = set()  # contacts bought under any search
        self.found_emails = 0
        self._next_filter = 327_100 + hasher(51) % 50

    @functools.cached_property
    def db(self) -> ProspectDatabase:
        """The generated database (built on first use: most fakes never search)."""
        return ProspectDatabase(self._hash)

    @property
    def credits_available(self) -> int:
        """Credits left."""
        return self.credits_total - self.credits_used

    def next_filter_id(self) -> int:
        """A new filter id (searches and saved searches share the numbering)."""
        self._next_filter += 1
        return self._next_filter

    # -- searching ----------------------------------------------------------------------------

    def run(self, filters: Mapping[str, Any]) -> Search:
        """Run a new search; it is remembered (a recent search) under a new filter id."""
        matches = [c.serial for c in self.db.contacts if self._matches(c, filters)]
        search = Search(self.next_filter_id(), dict(filters), matches, self._clock.tick())
        self.searches[search.filter_id] = search
        return search

    def page(self, search: Search, position: int, limit: int) -> tuple[list[Contact], str | None]:
        """``limit`` matches from ``position`` and the token of the position after them
        (``None`` when none remain)."""
        indices = search.matches[position : position + limit]
        after = position + len(indices)
        token = None
        if after < len(search.matches):
            token = f"{self._hash(53, search.filter_id, after):016x}"
            self.scrolls[token] = (search.filter_id, after)
        return [self.db.contacts[i] for i in indices], token

    def _matches(self, contact: Contact, filters: Mapping[str, Any]) -> bool:
        if filters.get("dontDisplayOwnedContact") and contact.serial in self.owned:
            return False
        for key, values in filters.items():
            rule = _RULES.get(key)
            if rule is None or not values:
                continue
            value_of, substring, exact_flag, excludes = rule
            exact = not substring or (exact_flag is not None and bool(filters.get(exact_flag)))
            value = value_of(contact).lower()
            hit = any(
                value == wanted.lower() if exact else wanted.lower() in value
                for wanted in values
            )
            if hit == excludes:
                return False
        return True

    # -- buying -------------------------------------------------------------------------------

    def buy(self, filter_id: int, name: str, indices: Sequence[int]) -> int:
        """Record contacts bought under ``filter_id``; returns the credits it cost (the
        caller checked the balance with :meth:`cost`)."""
        cost = self.cost(indices)
        fetched = self.fetched.setdefault(filter_id, Fetched(name, created_ms=self._clock.tick()))
        known = set(fetched.contacts)
        fetched.contacts.extend(i for i in indices if i not in known)
        self.owned.update(indices)
        self.credits_used += cost
        return cost

    def cost(self, indices: Sequence[int]) -> int:
        """Credits buying ``indices`` would take: one per contact not owned yet."""
        return len({i for i in indices if i not in self.owned})

    def name_of(self, filter_id: int) -> str:
        """What a fetched search is called: its saved name, or one made up."""
        saved = self.saved.get(filter_id)
        return str(saved["search_string"]) if saved else f"Search {filter_id}"

    # -- saved searches ----------------------------------------------------------------------

    def save(self, name: str, filters: Mapping[str, Any], limit: int | None) -> dict[str, Any]:
        """Save a search (not run) under a new filter id."""
        filter_id = self.next_filter_id()
        row = {
            "id": filter_id, "search_string": name, "filter_details": dict(filters),
            "limit": limit, "created_at": iso_ms(self._clock.tick()),
        }  # fmt: skip
        self.saved[filter_id] = row
        return row

    def recent_rows(self) -> list[dict[str, Any]]:
        """Searches run, newest first."""
        return [
            {"id": s.filter_id, "filter_details": s.filters, "total_count": len(s.matches),
             "created_at": iso_ms(s.created_ms)}
            for s in sorted(self.searches.values(), key=lambda s: -s.created_ms)
        ]

    def fetched_rows(self) -> list[dict[str, Any]]:
        """Searches whose contacts were bought, newest first."""
        return [
            {"id": filter_id, "search_string": f.name, "total_contacts": len(f.contacts),
             "created_at": iso_ms(f.created_ms)}
            for filter_id, f in sorted(self.fetched.items(), key=lambda kv: -kv[1].created_ms)
        ]
