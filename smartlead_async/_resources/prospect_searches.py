"""``client.prospect.searches``: saved, recent and fetched SmartProspect searches
(``/search-filters/...``).

SmartLead's docs record neither the listings' parameters nor their answers; the SDK sends
``limit``/``offset`` and reads ``{savedSearches|recentSearches|fetchedLeads: [...],
totalCount}``, as SmartLead's official CLI and the public clients do. A listing pages on its
own (a short page is the last).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, Unpack

from .._args import compact, int_in_range, optional, positive_id, short_text
from .._constants import DEFAULT_PREFETCH
from .._decoding import Ack, PageOf
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models._base import Model
from ..models.common import OkResponse
from ..models.inputs import input_json
from ..models.prospect import (
    FetchedSearch,
    ProspectFilters,
    RecentSearch,
    SavedSearch,
    SearchSaved,
)
from ._base import OK, Resource

M = TypeVar("M", bound=Model)

#: Searches per request (SmartLead's own default is 10 and it documents no maximum; the SDK
#: asks for at most 1000).
SEARCHES_PAGE_SIZE = 100
SEARCHES_PAGE_SIZE_MAX = 1000
#: The longest name (``search_string``) a search takes, and the most contacts it keeps.
SEARCH_STRING_MAX = 255
SAVED_LIMIT_MAX = 10_000


class ProspectSearches(Resource):
    """SmartProspect searches: those saved, those run lately, those whose contacts were bought."""

    def saved(
        self,
        *,
        page_size: int = SEARCHES_PAGE_SIZE,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[SavedSearch]:
        """Saved searches (``GET /search-filters/saved-searches``); each ``id`` is a filter id.

        Args:
            page_size: searches per request, 1 to 1000.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._list("/search-filters/saved-searches", SavedSearch, "saved searches",
                          page_size, start_offset, prefetch, options)

    def recent(
        self,
        *,
        page_size: int = SEARCHES_PAGE_SIZE,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[RecentSearch]:
        """Searches run lately, newest first (``GET /search-filters/recent-searches``).

        Args:
            page_size: searches per request, 1 to 1000.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._list("/search-filters/recent-searches", RecentSearch, "recent searches",
                          page_size, start_offset, prefetch, options)

    def fetched(
        self,
        *,
        page_size: int = SEARCHES_PAGE_SIZE,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FetchedSearch]:
        """Searches whose contacts were bought (``GET /search-filters/fetched-searches``):
        read those contacts again, free, with ``client.prospect.fetched_contacts(id)``.

        Args:
            page_size: searches per request, 1 to 1000.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._list("/search-filters/fetched-searches", FetchedSearch,
                          "fetched searches", page_size, start_offset, prefetch, options)

    async def save(
        self,
        search_string: str,
        filters: ProspectFilters | None = None,
        *,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> SearchSaved:
        """Save a search under a name (``POST /search-filters/save-search``). It does not run
        the search and spends no credits.

        Args:
            search_string: the search's name, 1 to 255 characters.
            filters: who it looks for (a :class:`ProspectFilters`).
            limit: how many contacts it keeps, 1 to 10,000.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "search_string": _name(search_string),
            **compact(limit=optional(int_in_range, "limit", limit, minimum=1,
                                     maximum=SAVED_LIMIT_MAX)),
            **({} if filters is None else input_json("filters", filters, ProspectFilters)),
        }
        return await self._request(
            "POST", "/search-filters/save-search", Ack(SearchSaved), body=body, options=options
        )

    async def update_saved(
        self, search_id: int, search_string: str, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Rename a saved search (``PUT /search-filters/save-search/{id}``).

        Args:
            search_id: the saved search.
            search_string: its new name, 1 to 255 characters.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._rename("/search-filters/save-search", search_id, search_string,
                                  options)

    async def update_fetched(
        self, search_id: int, search_string: str, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Rename a fetched search (``PUT /search-filters/fetched-searches/{id}``).

        Args:
            search_id: the fetched search (its filter id).
            search_string: its new name, 1 to 255 characters.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._rename("/search-filters/fetched-searches", search_id,
                                  search_string, options)

    def _list(
        self,
        path: str,
        cls: type[M],
        what: str,
        page_size: int,
        start_offset: int,
        prefetch: int,
        options: Mapping[str, Any],
    ) -> AsyncPaginator[M]:
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=SEARCHES_PAGE_SIZE_MAX
        )
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        return self._paginate(
            path, PageOf(cls, total=("totalCount", "total_count")),
            style=PaginationStyle.SHORT_PAGE, description=f"paging SmartProspect {what}",
            page_size=page_size, start_offset=start_offset, prefetch=prefetch,
            options=options,
        )

    async def _rename(
        self, path: str, search_id: int, search_string: str, options: Mapping[str, Any]
    ) -> OkResponse:
        path = f"{path}/{positive_id('search_id', search_id)}"
        body = {"search_string": _name(search_string)}
        return await self._request("PUT", path, OK, body=body, options=options)


def _name(search_string: object) -> str:
    return short_text("search_string", search_string, maximum=SEARCH_STRING_MAX)
