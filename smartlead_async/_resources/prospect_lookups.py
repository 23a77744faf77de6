"""``client.prospect.lookups``: the values SmartProspect's search filters take.

Thirteen free ``GET`` routes, one per filter (``/countries``, ``/industries``...). Each takes
``limit`` (1 to 100), ``offset`` and a ``search`` prefix, and pages on its own (a short page
is the last). A few take a narrowing filter more, known from SmartLead's official CLI and
newer docs: ``states(country=)``, ``cities(state=, country=)``,
``industries(with_sub_industry=)``, ``sub_industries(industry_id=)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Unpack

from .._args import (
    compact,
    int_in_range,
    optional,
    positive_id,
    query_bool,
    short_text,
    text_list,
)
from .._constants import DEFAULT_PREFETCH
from .._decoding import PageOf
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models.prospect import LookupValue
from ._base import Resource

#: Values per request of a lookup (SmartLead's own default is 10).
LOOKUP_PAGE_SIZE_MAX = 100
#: The longest ``search`` a lookup takes.
SEARCH_MAX = 255

Names = str | Iterable[str]


class ProspectLookups(Resource):
    """The values of SmartProspect's search filters (what :class:`ProspectFilters` takes)."""

    def cities(
        self,
        *,
        search: str | None = None,
        state: Names | None = None,
        country: Names | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Cities (``GET /cities``).

        Args:
            search: only values that start with this (1 to 255 characters).
            state: only cities of these states (sent comma-separated).
            country: only cities of these countries; SmartLead documents that it needs
                ``state`` too.
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        filters = compact(state=optional(_names, "state", state),
                          country=optional(_names, "country", country))
        return self._lookup("/cities", "cities", filters, search, page_size, start_offset,
                            prefetch, options)

    def companies(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Companies (``GET /company``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/company", "companies", {}, search, page_size, start_offset,
                            prefetch, options)

    def countries(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Countries (``GET /countries``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/countries", "countries", {}, search, page_size, start_offset,
                            prefetch, options)

    def departments(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Departments (``GET /departments``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/departments", "departments", {}, search, page_size,
                            start_offset, prefetch, options)

    def domains(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Company domains (``GET /domain``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/domain", "company domains", {}, search, page_size, start_offset,
                            prefetch, options)

    def head_counts(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Company size bands (``GET /head-counts``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/head-counts", "company size bands", {}, search, page_size,
                            start_offset, prefetch, options)

    def industries(
        self,
        *,
        search: str | None = None,
        with_sub_industry: bool | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Industries (``GET /industries``).

        Args:
            search: only values that start with this (1 to 255 characters).
            with_sub_industry: list each industry's sub-industries too
                (``withSubIndustry``, sent as ``true``/``false``).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        filters = compact(
            withSubIndustry=optional(query_bool, "with_sub_industry", with_sub_industry)
        )
        return self._lookup("/industries", "industries", filters, search, page_size,
                            start_offset, prefetch, options)

    def job_titles(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Job titles (``GET /job-title``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/job-title", "job titles", {}, search, page_size, start_offset,
                            prefetch, options)

    def keywords(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Company keywords (``GET /keywords``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/keywords", "keywords", {}, search, page_size, start_offset,
                            prefetch, options)

    def levels(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Seniority levels (``GET /levels``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/levels", "seniority levels", {}, search, page_size,
                            start_offset, prefetch, options)

    def revenues(
        self,
        *,
        search: str | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Company revenue bands (``GET /revenue``).

        Args:
            search: only values that start with this (1 to 255 characters).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._lookup("/revenue", "revenue bands", {}, search, page_size, start_offset,
                            prefetch, options)

    def states(
        self,
        *,
        search: str | None = None,
        country: Names | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """States and regions (``GET /states``).

        Args:
            search: only values that start with this (1 to 255 characters).
            country: only states of these countries (sent comma-separated).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        filters = compact(country=optional(_names, "country", country))
        return self._lookup("/states", "states", filters, search, page_size, start_offset,
                            prefetch, options)

    def sub_industries(
        self,
        *,
        search: str | None = None,
        industry_id: int | None = None,
        page_size: int = LOOKUP_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LookupValue]:
        """Sub-industries (``GET /sub-industries``).

        Args:
            search: only values that start with this (1 to 255 characters).
            industry_id: only the sub-industries of this industry (an ``industries()`` id).
            page_size: values per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        filters = compact(industry_id=optional(positive_id, "industry_id", industry_id))
        return self._lookup("/sub-industries", "sub-industries", filters, search, page_size,
                            start_offset, prefetch, options)

    def _lookup(
        self,
        path: str,
        what: str,
        filters: Mapping[str, str | int],
        search: str | None,
        page_size: int,
        start_offset: int,
        prefetch: int,
        options: Mapping[str, Any],
    ) -> AsyncPaginator[LookupValue]:
        """The paginated listing of one lookup, its arguments checked."""
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=LOOKUP_PAGE_SIZE_MAX
        )
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        query = {**filters, **compact(
            search=optional(short_text, "search", search, maximum=SEARCH_MAX)
        )}
        return self._paginate(
            path, PageOf(LookupValue), style=PaginationStyle.SHORT_PAGE,
            description=f"paging SmartProspect {what}", filters=query, page_size=page_size,
            start_offset=start_offset, prefetch=prefetch, options=options,
        )


def _names(name: str, value: object) -> str:
    """One name or a list of names, sent comma-separated."""
    names = [value] if isinstance(value, str) else value
    return ",".join(text_list(name, names))
