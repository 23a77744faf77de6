"""SmartProspect's data in the fake: the lookup tables and a generated contact database.

Everything is a pure function of the seed. The lookups are small fixed tables (countries,
seniority levels...) and a few generated ones long enough to take several pages (companies,
job titles); the contacts are drawn from them, so a search by any lookup value finds people.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

from ._data import FIRST_NAMES, LAST_NAMES, Hasher, pick

__all__ = ["CONTACT_COUNT", "LOOKUP_ROUTES", "Contact", "ProspectDatabase"]

#: People in the generated database.
CONTACT_COUNT = 3000

_PLACES = (
    ("United States", "California", ("San Francisco", "Los Angeles", "San Diego")),
    ("United States", "New York", ("New York City", "Buffalo")),
    ("United States", "Texas", ("Austin", "Houston", "Dallas")),
    ("Canada", "Ontario", ("Toronto", "Ottawa")),
    ("United Kingdom", "England", ("London", "Manchester")),
    ("Germany", "Berlin", ("Berlin",)),
    ("India", "Karnataka", ("Bangalore", "Mysore")),
    ("Australia", "New South Wales", ("Sydney",)),
)
_INDUSTRIES = (
    ("Technology", ("Software", "Hardware", "Cybersecurity")),
    ("Finance", ("Banking", "Insurance", "Fintech")),
    ("Healthcare", ("Hospitals", "Medical Devices")),
    ("Retail", ("E-commerce", "Grocery")),
    ("Logistics", ("Freight", "Warehousing")),
)
DEPARTMENTS = ("Sales", "Marketing", "Engineering", "Finance", "Operations", "Human Resources")
LEVELS = ("C-Level", "VP", "Director", "Manager", "Senior", "Entry")
HEAD_COUNTS = ("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+")
REVENUES = ("$0-1M", "$1M-10M", "$10M-50M", "$50M-100M", "$100M-500M", "$500M+")
_COMPANY_WORDS = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Soylent",
    "Vandelay", "Pied", "Cyberdyne", "Tyrell", "Wonka", "Gringotts", "Oscorp", "Monarch",
)  # fmt: skip
_COMPANY_KINDS = (
    "Labs", "Systems", "Logistics", "Analytics", "Foods", "Capital", "Health", "Retail",
    "Software", "Robotics",
)  # fmt: skip
_FUNCTIONS = (
    "Sales", "Marketing", "Engineering", "Product", "Finance", "Operations", "Growth",
    "Partnerships", "Data", "Security", "Customer Success", "People", "Design", "Legal",
)  # fmt: skip
_TITLE_LEVELS = ("Head of", "VP of", "Director of", "Manager,", "Lead,", "Chief")
_KEYWORDS = (
    "saas", "b2b", "ai", "cloud", "payments", "marketplace", "devtools", "analytics",
    "security", "logistics", "healthtech", "fintech", "ecommerce", "crm", "hr", "edtech",
)  # fmt: skip

#: The lookup routes (below the SmartProspect base URL) and the table each lists.
LOOKUP_ROUTES = (
    "cities", "company", "countries", "departments", "domain", "head-counts", "industries",
    "job-title", "keywords", "levels", "revenue", "states", "sub-industries",
)  # fmt: skip


class Contact(NamedTuple):
    """One generated person (``serial`` is their place in the database)."""

    serial: int
    id: str
    first_name: str
    last_name: str
    title: str
    department: str
    level: str
    company: str
    domain: str
    industry: str
    sub_industry: str
    head_count: str
    revenue: str
    keywords: tuple[str, ...]
    country: str
    state: str
    city: str
    verification: str
    catch_all: str | None

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    @property
    def email(self) -> str:
        """The address a fetch reveals."""
        return f"{self.first_name}.{self.last_name}@{self.domain}".lower()

    def preview(self) -> dict[str, Any]:
        """The contact as a search shows it: no email, no verification."""
        return {
            "id": self.id, "first_name": self.first_name, "last_name": self.last_name,
            "full_name": self.full_name, "title": self.title, "department": self.department,
            "level": self.level, "company_name": self.company, "company_domain": self.domain,
            "industry": self.industry, "country": self.country, "state": self.state,
            "city": self.city,
        }  # fmt: skip

    def revealed(self) -> dict[str, Any]:
        """The contact once fetched: with its email and verification."""
        return {
            **self.preview(), "email": self.email, "verification_status": self.verification,
            "catch_all_status": self.catch_all,
        }  # fmt: skip


class ProspectDatabase:
    """The lookup tables and the contacts of one seed."""

    def __init__(self, hasher: Hasher) -> None:
        self._hash = hasher
        companies = [f"{word} {kind}" for word in _COMPANY_WORDS for kind in _COMPANY_KINDS]
        self.companies = tuple(companies)
        self.contacts = tuple(self._contact(index) for index in range(CONTACT_COUNT))
        self.by_id = {contact.id: contact for contact in self.contacts}

    @functools.cached_property
    def lookups(self) -> dict[str, tuple[dict[str, Any], ...]]:
        """Each lookup route's values, in order, as the API lists them (ids from 1)."""

        def rows(names: Sequence[str], **more: Sequence[Any]) -> tuple[dict[str, Any], ...]:
            return tuple(
                {"id": index + 1, "name": name, **{k: v[index] for k, v in more.items()}}
                for index, name in enumerate(names)
            )

        states = [(country, state) for country, state, _ in _PLACES]
        cities = [(country, state, city) for country, state, towns in _PLACES for city in towns]
        subs = [(industry_id + 1, sub) for industry_id, (_, names) in enumerate(_INDUSTRIES)
                for sub in names]
        return {
            "countries": rows(sorted({country for country, _, _ in _PLACES})),
            "states": rows([s for _, s in states], country=[c for c, _ in states]),
            "cities": rows([c for _, _, c in cities], state=[s for _, s, _ in cities],
                           country=[c for c, _, _ in cities]),
            "departments": rows(DEPARTMENTS),
            "levels": rows(LEVELS),
            "head-counts": rows(HEAD_COUNTS),
            "revenue": rows(REVENUES),
            "industries": rows([name for name, _ in _INDUSTRIES],
                               sub_industries=[list(subs) for _, subs in _INDUSTRIES]),
            "sub-industries": rows([name for _, name in subs],
                                   industry_id=[industry for industry, _ in subs]),
            "company": rows(self.companies),
            "domain": rows([_domain(company) for company in self.companies]),
            "job-title": rows(_titles()),
            "keywords": rows(_KEYWORDS),
        }

    def _contact(self, index: int) -> Contact:
        h = self._hash(41, index)
        company_number = (h >> 8) % len(self.companies)
        company = self.companies[company_number]
        c = self._hash(43, company_number)  # a company's traits are the same for everyone
        industry, subs = pick(_INDUSTRIES, c)
        country, state, cities = pick(_PLACES, h >> 16)
        function = pick(_FUNCTIONS, h >> 24)
        level_word = pick(_TITLE_LEVELS, h >> 28)
        verification = ("valid", "valid", "valid", "valid", "catch_all", "invalid")[(h >> 36) % 6]
        catch_all = None if verification != "catch_all" else pick((
            "catch_all_verified", "catch_all_soft_bounced", "catch_all_hard_bounced",
            "catch_all_unknown", "catch_all_bounced",
        ), h >> 40)  # fmt: skip
        return Contact(
            serial=index, id=f"{self._hash(47, index) & 0xFFFFFFFFFF:010x}",
            first_name=pick(FIRST_NAMES, h), last_name=pick(LAST_NAMES, h >> 4),
            title=f"{level_word} {function}", department=pick(DEPARTMENTS, h >> 32),
            level=pick(LEVELS, h >> 28), company=company, domain=_domain(company),
            industry=industry, sub_industry=pick(subs, c >> 8),
            head_count=pick(HEAD_COUNTS, c >> 16), revenue=pick(REVENUES, c >> 24),
            keywords=(pick(_KEYWORDS, c >> 32), pick(_KEYWORDS, c >> 36)),
            country=country, state=state, city=pick(cities, h >> 44),
            verification=verification, catch_all=catch_all,
        )


def _domain(company: str) -> str:
    return company.lower().replace(" ", "") + ".com"


def _titles() -> list[str]:
    return [f"{level} {function}" for level in _TITLE_LEVELS for function in _FUNCTIONS]
