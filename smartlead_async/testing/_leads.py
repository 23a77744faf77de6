"""Every lead of the fake account: people, and their memberships in campaigns.

A *membership* is one person in one campaign; its serial number gives its
``campaign_lead_map_id``, status and engagement. A *person* is identified by the serial of
their first membership; it gives the ``lead.id`` and the details (name, email, company...).
Generated leads are a person and a membership at once, and everything about them derives
from the serial's hash; only what writes change is stored:

* ``overrides``: the traits of memberships that writes changed (paused, categorised...) or that
  were added through the API;
* stored details of people added or updated through the API;
* memberships of an existing person in another campaign (the same email added again).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

from ._data import (
    COMPANIES,
    FIRST_NAMES,
    INDUSTRIES,
    JOB_TITLES,
    LAST_NAMES,
    LEAD_ID_BASE,
    LOCATIONS,
    MAP_ID_BASE,
    UNSUBSCRIBED,
    Hasher,
    LeadTraits,
    created_ms,
    iso_ms,
    lead_traits,
    mix64,
    pick,
)

__all__ = ["LEAD_FIELDS", "LeadBook"]

#: The fields of ``<lead_input>`` the fake stores, in the order the API returns them.
LEAD_FIELDS = (
    "first_name", "last_name", "email", "phone_number", "company_name", "website", "location",
    "linkedin_profile", "company_url", "custom_fields",
)  # fmt: skip
_GENERATED_EMAIL = re.compile(r"[a-z]+\.[a-z]+\.(\d+)@[a-z0-9.-]+")


class LeadBook:
    """People and memberships; campaigns keep their own (ordered) lists of membership serials."""

    def __init__(self, hasher: Hasher) -> None:
        self._hash = hasher
        self._next_serial = 1
        self._range_starts: array[int] = array("q")  # first serial of each allocation
        self._range_campaigns: list[int] = []  # ... and the campaign it was made for
        self.overrides: dict[int, LeadTraits] = {}
        self._details: dict[int, dict[str, Any]] = {}  # person -> stored details
        self._by_email: dict[str, int] = {}  # lower-case email -> person with stored details
        self._person_of: dict[int, int] = {}  # membership -> person, where not itself
        self._joined: dict[int, list[int]] = {}  # person -> memberships besides its own
        self.unsubscribed: set[int] = set()  # people unsubscribed from every campaign
        self.messages: dict[int, list[dict[str, Any]]] = {}  # membership -> replies sent

    # -- serials ------------------------------------------------------------------------------

    def allocate(self, campaign_id: int, count: int) -> range:
        """New membership serials for ``campaign_id``, oldest first."""
        first = self._next_serial
        self._next_serial += count
        if count:
            self._range_starts.append(first)
            self._range_campaigns.append(campaign_id)
        return range(first, first + count)

    def exists(self, serial: int) -> bool:
        """Whether ``serial`` was ever allocated."""
        return 1 <= serial < self._next_serial

    def campaign_of(self, serial: int) -> int:
        """The campaign membership ``serial`` was created in."""
        return self._range_campaigns[bisect_right(self._range_starts, serial) - 1]

    def person_of(self, serial: int) -> int:
        """The person of membership ``serial``."""
        return self._person_of.get(serial, serial)

    def memberships(self, person: int) -> list[int]:
        """Every membership ``person`` ever had (callers check the campaign still lists it)."""
        return [person, *self._joined.get(person, ())]

    def person_by_lead_id(self, lead_id: int) -> int | None:
        """The person whose ``lead.id`` is ``lead_id``, if any."""
        person, rest = divmod(lead_id - LEAD_ID_BASE, 3)
        is_person = self.exists(person) and person not in self._person_of
        return person if rest == 0 and is_person else None

    def lead_id(self, person: int) -> int:
        """The ``lead.id`` of a person."""
        return LEAD_ID_BASE + 3 * person

    def people(self, *, after_lead_id: int | None = None) -> Iterator[int]:
        """Every person, in ``lead.id`` order, from the first above ``after_lead_id``."""
        start = 1 if after_lead_id is None else max((after_lead_id - LEAD_ID_BASE) // 3 + 1, 1)
        for serial in range(start, self._next_serial):
            if serial not in self._person_of:
                yield serial

    # -- traits -------------------------------------------------------------------------------

    def traits(self, serial: int) -> LeadTraits:
        """The current traits of a membership."""
        override = self.overrides.get(serial)
        return override if override is not None else lead_traits(self._hash(serial), serial)

    def change(self, serial: int, **changes: Any) -> None:
        """Change some traits of a membership (``status="PAUSED"``, ``category=3``...)."""
        self.overrides[serial] = self.traits(serial)._replace(**changes)

    def unsubscribe(self, serial: int, status: str) -> None:
        """Mark a membership unsubscribed, with ``status``."""
        traits = self.traits(serial)
        self.overrides[serial] = traits._replace(status=status, flags=traits.flags | UNSUBSCRIBED)

    # -- people -------------------------------------------------------------------------------

    def _generated(self, person: int, g: int) -> dict[str, Any]:
        first = pick(FIRST_NAMES, g)
        last = pick(LAST_NAMES, g >> 8)
        company, domain = pick(COMPANIES, g >> 16)
        custom_fields: dict[str, str] = {
            "job_title": pick(JOB_TITLES, g >> 24),
            "industry": pick(INDUSTRIES, g >> 28),
        }
        if (g >> 32) & 1:
            custom_fields["source"] = "csv-import"
        slug = f"{first}-{last}-{person:x}".lower()
        return {
            "first_name": first,
            "last_name": last,
            "email": f"{first}.{last}.{person}@{domain}".lower(),
            "phone_number": (
                None if (g >> 36) % 8 == 0 else f"+1{2_000_000_000 + g % 7_999_999_999}"
            ),
            "company_name": company,
            "website": f"https://{domain}",
            "location": pick(LOCATIONS, g >> 40),
            "linkedin_profile": f"https://linkedin.com/in/{slug}",
            "company_url": f"https://{domain}",
            "custom_fields": custom_fields,
        }

    def details(self, person: int) -> dict[str, Any]:
        """A person's details (first_name ... custom_fields)."""
        stored = self._details.get(person)
        return stored if stored is not None else self._generated(person, mix64(self._hash(person)))

    def find_email(self, email: str) -> int | None:
        """The person with this email address (case-insensitive), if any."""
        key = email.strip().lower()
        person = self._by_email.get(key)
        if person is not None:
            return person
        match = _GENERATED_EMAIL.fullmatch(key)
        if match is None:
            return None
        person = int(match.group(1))
        if self.person_by_lead_id(self.lead_id(person)) is None or person in self._details:
            return None
        return person if self.details(person)["email"] == key else None

    def member_unsubscribed(self, serial: int, traits: LeadTraits) -> bool:
        """Whether membership ``serial`` (with ``traits``) shows ``is_unsubscribed``."""
        return bool(traits.flags & UNSUBSCRIBED) or self.person_of(serial) in self.unsubscribed

    def is_unsubscribed(self, person: int) -> bool:
        """Whether a person unsubscribed (everywhere, or in their first campaign)."""
        return person in self.unsubscribed or bool(self.traits(person).flags & UNSUBSCRIBED)

    def add(self, serial: int, details: Mapping[str, Any], person: int | None) -> None:
        """Record membership ``serial`` added through the API: a new person or ``person``."""
        h = self._hash(serial)
        self.overrides[serial] = LeadTraits("STARTED", None, 0, created_ms(h, serial), None, None)
        if person is None:
            self._store(serial, {name: details.get(name) for name in LEAD_FIELDS})
        else:
            self._person_of[serial] = person
            self._joined.setdefault(person, []).append(serial)

    def update(self, person: int, changes: Mapping[str, Any]) -> None:
        """Change a person's details (the fields given; others are kept)."""
        current = self.details(person)
        old_email = str(current.get("email") or "").lower()
        if self._by_email.get(old_email) == person:
            del self._by_email[old_email]
        self._store(person, {**current, **changes})

    def _store(self, person: int, details: dict[str, Any]) -> None:
        details["custom_fields"] = dict(details.get("custom_fields") or {})
        self._details[person] = details
        email = str(details.get("email") or "").lower()
        if email:
            self._by_email[email] = person

    # -- JSON ---------------------------------------------------------------------------------

    def _lead_id_json(self, person: int) -> int | str:
        lead_id = self.lead_id(person)
        if person not in self._details and mix64(self._hash(person)) >> 60 == 0:
            return str(lead_id)  # a number sent as a string, like the real API
        return lead_id

    def item_json(self, serial: int) -> dict[str, Any]:
        """One item of ``GET /campaigns/{id}/leads``."""
        t = self.traits(serial)
        person = self.person_of(serial)
        return {
            "campaign_lead_map_id": MAP_ID_BASE + serial,
            "lead_category_id": t.category,
            "status": t.status,
            "created_at": iso_ms(t.created_ms),
            "lead": {
                "id": self._lead_id_json(person),
                **self.details(person),
                "is_unsubscribed": self.member_unsubscribed(serial, t),
                "unsubscribed_client_id_map": None,
            },
        }

    def person_json(self, person: int) -> dict[str, Any]:
        """A lead as ``GET /leads/?email=`` returns it (its id is a string, as documented)."""
        details = self.details(person)
        return {
            "id": str(self.lead_id(person)),
            "first_name": details["first_name"],
            "last_name": details["last_name"],
            "email": details["email"],
            "created_at": iso_ms(self.traits(person).created_ms),
            **{name: details[name] for name in LEAD_FIELDS[3:]},
            "is_unsubscribed": self.is_unsubscribed(person),
        }
