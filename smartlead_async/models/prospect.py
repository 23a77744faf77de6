"""Models of SmartProspect (``client.prospect``): contacts, searches, filters and analytics.

SmartLead records few of these answers. The names below are those SmartLead's official CLI
and the public clients read (``list``/``scroll_id``/``filter_id``/``total_count`` of a search,
``savedSearches``...); everything else the server sends stays in ``.extra``. A contact's id
(its "adapt id") is a string.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

import attrs

from .._args import non_empty, text
from .._enums import CatchAllStatus, VerificationStatus
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from ._base import Aliases, Identity, Model, model
from .common import OkResponse
from .inputs import InputModel, _as_tuple, _checked, _optional_bool, _required_text

__all__ = [
    "ContactReview",
    "ContactSearch",
    "FetchedContacts",
    "FetchedSearch",
    "FindEmailInput",
    "FoundEmail",
    "LookupValue",
    "ProspectContact",
    "ProspectFilters",
    "RecentSearch",
    "ReplyAnalytics",
    "SavedSearch",
    "SearchAnalytics",
    "SearchSaved",
]

#: The most values one ``ProspectFilters`` list takes (route catalogue 2.17).
FILTER_VALUES_MAX = 2000


@model
class ProspectContact(Model):
    """One person of the SmartProspect database: a search result (no email yet) or a
    fetched contact (with its email and verification).

    Attributes:
        id: the contact's id ("adapt id", a string): what ``fetch_contacts`` and
            ``fetched_contacts_by_id`` take.
    """

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("list", "contacts")
    aliases: ClassVar[Aliases] = {
        "id": ("id", "adapt_id", "adaptId", "contact_id"),
        "first_name": ("first_name", "firstName"),
        "last_name": ("last_name", "lastName"),
        "full_name": ("full_name", "fullName", "name"),
        "title": ("title", "job_title", "jobTitle"),
        "company_name": ("company_name", "companyName"),
        "company_domain": ("company_domain", "companyDomain"),
        "linkedin_url": ("linkedin_url", "linkedinUrl", "linkedin"),
        "verification_status": ("verification_status", "verificationStatus"),
        "catch_all_status": ("catch_all_status", "catchAllStatus"),
    }

    id: str
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    title: str | None = None
    department: str | None = None
    level: str | None = None
    company_name: str | None = None
    company_domain: str | None = None
    industry: str | None = None
    country: str | None = None
    state: str | None = None
    city: str | None = None
    linkedin_url: str | None = None
    email: str | None = None
    verification_status: VerificationStatus | None = None
    catch_all_status: CatchAllStatus | None = None


@model
class ContactSearch(Model):
    """One page of a contact search (``POST /search-contacts``), as its paginator yields it.

    Attributes:
        items: the page's contacts (``list``; through iteration, only those not yielded
            before). Searching reveals no email and spends no credits.
        next_cursor: the ``scroll_id`` of the next page, or ``None`` after the last.
        filter_id: the search's id: what ``fetch_contacts`` buys contacts of.
        total_count: how many contacts match, in all.
        after: the ``scroll_id`` this page was asked for with (``None``: the first page).
    """

    aliases: ClassVar[Aliases] = {
        "items": ("list", "contacts", "data"),
        "next_cursor": ("scroll_id", "scrollId"),
        "filter_id": ("filter_id", "filterId"),
        "total_count": ("total_count", "totalCount"),
        "after": (),
    }

    items: list[ProspectContact] = attrs.field(factory=list)
    next_cursor: str | None = None
    filter_id: int | None = None
    total_count: int | None = None
    after: str | None = None


@model
class FetchedContacts(Model):
    """What ``POST /fetch-contacts`` answers: the contacts bought, with their emails.

    Attributes:
        filter_id: the search the contacts came from.
        contacts: the contacts returned (the ``visual_limit`` first of those fetched).
    """

    aliases: ClassVar[Aliases] = {
        "filter_id": ("filter_id", "filterId"),
        "contacts": ("data", "list", "contacts"),
    }

    filter_id: int | None = None
    contacts: list[ProspectContact] = attrs.field(factory=list)


@model
class FoundEmail(Model):
    """One answer of ``POST /search-contacts/find-emails``: a person and the email found."""

    aliases: ClassVar[Aliases] = {
        "first_name": ("first_name", "firstName"),
        "last_name": ("last_name", "lastName"),
        "company_domain": ("company_domain", "companyDomain"),
        "verification_status": ("verification_status", "verificationStatus"),
    }

    first_name: str | None = None
    last_name: str | None = None
    company_domain: str | None = None
    email: str | None = None
    status: str | None = None
    verification_status: VerificationStatus | None = None


@model
class ContactReview(Model):
    """What ``PATCH /review-contacts/{filter_id}`` answers: the contacts it re-checked."""

    aliases: ClassVar[Aliases] = {
        "filter_id": ("filter_id", "filterId"),
        "records_updated": ("records_updated", "recordsUpdated"),
    }

    filter_id: int | None = None
    records_updated: int | None = None


@model
class LookupValue(Model):
    """One value of a SmartProspect lookup (a country, an industry...): what a
    :class:`ProspectFilters` field takes (its ``name``)."""

    any_collection_key: ClassVar[bool] = True
    aliases: ClassVar[Aliases] = {"name": ("name", "value", "label", "title")}

    id: int | None = None
    name: str | None = None


@model
class SavedSearch(Model):
    """A saved search (``GET /search-filters/saved-searches``); its id is a filter id."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("savedSearches", "saved_searches")
    aliases: ClassVar[Aliases] = {
        "search_string": ("search_string", "searchString", "name"),
        "filters": ("filter_details", "filterDetails", "filters"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int
    search_string: str | None = None
    filters: dict[str, Any] = attrs.field(factory=dict)
    created_at: datetime | None = None


@model
class RecentSearch(Model):
    """A search run lately (``GET /search-filters/recent-searches``)."""

    collection_keys: ClassVar[tuple[str, ...]] = ("recentSearches", "recent_searches")
    aliases: ClassVar[Aliases] = {
        "filters": ("filter_details", "filterDetails", "filters"),
        "total_count": ("total_count", "totalCount"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int | None = None
    filters: dict[str, Any] = attrs.field(factory=dict)
    total_count: int | None = None
    created_at: datetime | None = None


@model
class FetchedSearch(Model):
    """A search whose contacts were fetched (``GET /search-filters/fetched-searches``); read
    its contacts again, without spending credits, with ``client.prospect.fetched_contacts``.
    """

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("fetchedLeads", "fetched_leads")
    aliases: ClassVar[Aliases] = {
        "id": ("id", "filter_id", "filterId"),
        "search_string": ("search_string", "searchString", "name"),
        "total_contacts": ("total_contacts", "totalContacts", "total_count", "totalCount"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int
    search_string: str | None = None
    total_contacts: int | None = None
    created_at: datetime | None = None


@model
class SearchSaved(OkResponse):
    """The answer of ``POST /search-filters/save-search``.

    Attributes:
        id: the saved search's id, when the server sends it.
    """

    aliases: ClassVar[Aliases] = {"id": ("id", "filter_id", "filterId", "saved_search_id")}

    id: int | None = None


@model
class SearchAnalytics(Model):
    """Credits and usage (``GET /search-analytics``). Sources disagree on the shape of
    ``availableCredits`` (an object ``{available, total, used}`` or a number) and of the
    ``leadsFound``/``emailsFetched`` figures: they are kept as sent, and
    :attr:`credits_available` reads the balance from either form.
    """

    aliases: ClassVar[Aliases] = {
        "available_credits": ("availableCredits", "available_credits"),
        "leads_found": ("leadsFound", "leads_found"),
        "emails_fetched": ("emailsFetched", "emails_fetched"),
        "leads_found_today": ("leadsFoundToday", "leads_found_today"),
        "max_daily_fetch_limit": ("maxDailyFetchLimit", "max_daily_fetch_limit"),
        "max_single_fetch_limit": ("maxSingleFetchLimit", "max_single_fetch_limit"),
        "filter_data": ("filterData", "filter_data"),
    }

    available_credits: Any = None
    leads_found: Any = None
    emails_fetched: Any = None
    leads_found_today: int | None = None
    max_daily_fetch_limit: int | None = None
    max_single_fetch_limit: int | None = None
    filter_data: Any = None

    @property
    def credits_available(self) -> int | None:
        """The credits left, from ``availableCredits.available`` or a bare number."""
        from .._converter import to_int  # the converter imports the models

        credits = self.available_credits
        return to_int(credits.get("available") if isinstance(credits, dict) else credits)


@model
class ReplyAnalytics(Model):
    """Replies from prospected contacts, this month against the last (``GET
    /reply-analytics``)."""

    aliases: ClassVar[Aliases] = {
        "current_month": ("currentMonth", "current_month"),
        "previous_month": ("previousMonth", "previous_month"),
        "percentage_change": ("percentage_change", "percentageChange"),
    }

    current_month: int | None = None
    previous_month: int | None = None
    percentage_change: float | None = None
    trend: str | None = None


# -- inputs -----------------------------------------------------------------------------------


def _values(value: str | Iterable[str] | None) -> Any:
    """One value or a list of them, as a tuple (see :func:`_check_values`)."""
    return (value,) if isinstance(value, str) else _as_tuple(value)


def _check_values(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, tuple):
        raise InvalidArgumentTypeError(
            f"{name} must be a string or a list of strings, got {type(value).__name__}"
        )
    non_empty(name, list(value), "value")
    if len(value) > FILTER_VALUES_MAX:
        raise InvalidArgumentError(
            f"{name} takes at most {FILTER_VALUES_MAX} values, got {len(value)}"
        )
    for index, item in enumerate(value):
        text(f"{name}[{index}]", item)


def _filter() -> Any:
    return attrs.field(default=None, converter=_values, validator=_checked(_check_values))


@attrs.frozen(kw_only=True)
class ProspectFilters(InputModel):
    """Who a SmartProspect search looks for (``POST /search-contacts``, ``save-search``).

    Each list filter takes one string or a list of up to 2,000 (values as the lookups
    name them: ``client.prospect.lookups.countries()``...); a contact matches a filter when
    it matches any of its values, and all the filters given. Built with snake_case
    keywords, sent in the API's camelCase; bad values raise before any request.

    Attributes:
        name: full names.
        first_name: first names (``firstName``).
        last_name: last names (``lastName``).
        title: job titles.
        include_title: job titles to include (``includeTitle``).
        exclude_title: job titles to leave out (``excludeTitle``).
        include_company: companies to include (``includeCompany``).
        exclude_company: companies to leave out (``excludeCompany``).
        include_company_domain: company domains to include (``includeCompanyDomain``).
        exclude_company_domain: company domains to leave out (``excludeCompanyDomain``).
        department: departments.
        level: seniority levels.
        company_name: company names (``companyName``).
        company_domain: company domains (``companyDomain``).
        company_keyword: company keywords (``companyKeyword``).
        company_head_count: company size bands (``companyHeadCount``).
        company_revenue: revenue bands (``companyRevenue``).
        company_industry: industries (``companyIndustry``).
        company_sub_industry: sub-industries (``companySubIndustry``).
        city: cities.
        state: states or regions.
        country: countries.
        dont_display_owned_contact: leave out contacts you already own
            (``dontDisplayOwnedContact``).
        title_exact_match: match job titles exactly (``titleExactMatch``).
        company_exact_match: match company names exactly (``companyExactMatch``).
        company_domain_exact_match: match company domains exactly
            (``companyDomainExactMatch``).
    """

    json_names: ClassVar[dict[str, str]] = {
        "first_name": "firstName",
        "last_name": "lastName",
        "include_title": "includeTitle",
        "exclude_title": "excludeTitle",
        "include_company": "includeCompany",
        "exclude_company": "excludeCompany",
        "include_company_domain": "includeCompanyDomain",
        "exclude_company_domain": "excludeCompanyDomain",
        "company_name": "companyName",
        "company_domain": "companyDomain",
        "company_keyword": "companyKeyword",
        "company_head_count": "companyHeadCount",
        "company_revenue": "companyRevenue",
        "company_industry": "companyIndustry",
        "company_sub_industry": "companySubIndustry",
        "dont_display_owned_contact": "dontDisplayOwnedContact",
        "title_exact_match": "titleExactMatch",
        "company_exact_match": "companyExactMatch",
        "company_domain_exact_match": "companyDomainExactMatch",
    }

    name: tuple[str, ...] | None = _filter()
    first_name: tuple[str, ...] | None = _filter()
    last_name: tuple[str, ...] | None = _filter()
    title: tuple[str, ...] | None = _filter()
    include_title: tuple[str, ...] | None = _filter()
    exclude_title: tuple[str, ...] | None = _filter()
    include_company: tuple[str, ...] | None = _filter()
    exclude_company: tuple[str, ...] | None = _filter()
    include_company_domain: tuple[str, ...] | None = _filter()
    exclude_company_domain: tuple[str, ...] | None = _filter()
    department: tuple[str, ...] | None = _filter()
    level: tuple[str, ...] | None = _filter()
    company_name: tuple[str, ...] | None = _filter()
    company_domain: tuple[str, ...] | None = _filter()
    company_keyword: tuple[str, ...] | None = _filter()
    company_head_count: tuple[str, ...] | None = _filter()
    company_revenue: tuple[str, ...] | None = _filter()
    company_industry: tuple[str, ...] | None = _filter()
    company_sub_industry: tuple[str, ...] | None = _filter()
    city: tuple[str, ...] | None = _filter()
    state: tuple[str, ...] | None = _filter()
    country: tuple[str, ...] | None = _filter()
    dont_display_owned_contact: bool | None = attrs.field(
        default=None, validator=_optional_bool
    )
    title_exact_match: bool | None = attrs.field(default=None, validator=_optional_bool)
    company_exact_match: bool | None = attrs.field(default=None, validator=_optional_bool)
    company_domain_exact_match: bool | None = attrs.field(
        default=None, validator=_optional_bool
    )


@attrs.frozen(kw_only=True)
class FindEmailInput(InputModel):
    """A person whose email ``client.prospect.find_emails`` looks for.

    Attributes:
        first_name: their first name (``firstName``).
        last_name: their last name (``lastName``).
        company_domain: their company's domain, e.g. ``acme.com`` (``companyDomain``).
    """

    json_names: ClassVar[dict[str, str]] = {
        "first_name": "firstName",
        "last_name": "lastName",
        "company_domain": "companyDomain",
    }

    first_name: str = attrs.field(validator=_required_text)
    last_name: str = attrs.field(validator=_required_text)
    company_domain: str = attrs.field(validator=_required_text)
