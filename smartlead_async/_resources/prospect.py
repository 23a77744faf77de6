"""``client.prospect``: SmartProspect, SmartLead's contact database, on its own host.

Requests go to ``prospect_base_url`` (``https://prospect-api.smartlead.ai/api/v1/
search-email-leads``), with the same key. A search is free and shows no email; fetching a
search's contacts or finding emails **spends credits**, and those calls are never retried
automatically. A failure for lack of credits answers HTTP 200 with ``success: false``, which
raises :class:`APIStatusError` (status 200) with the server's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from .._args import (
    compact,
    enum_value,
    int_in_range,
    items_of,
    non_empty,
    optional,
    positive_id,
    text,
)
from .._base_client import APIClient
from .._constants import DEFAULT_PREFETCH
from .._decoding import ListOf, One, PageOf
from .._enums import (
    CatchAllStatus,
    CatchAllStatusValue,
    VerificationStatus,
    VerificationStatusValue,
)
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._pagination.cursor import ScrollPaginator
from ..models.inputs import input_json, input_list
from ..models.prospect import (
    ContactReview,
    ContactSearch,
    FetchedContacts,
    FindEmailInput,
    FoundEmail,
    ProspectContact,
    ProspectFilters,
    ReplyAnalytics,
    SearchAnalytics,
)
from ._base import Resource, without_retries
from .prospect_lookups import ProspectLookups
from .prospect_searches import ProspectSearches

#: Documented limits (route catalogue 2.17): contacts per search page, per ``get-contacts``
#: page, per ``fetch-contacts`` (10,000; some of SmartLead's pages say 30,000, which the SDK
#: lets through for accounts allowed more), ids per ``get-contacts`` and people per
#: ``find-emails``.
SEARCH_PAGE_SIZE_MAX = 500
CONTACTS_PAGE_SIZE_MAX = 1000
FETCH_LIMIT_MAX = 30_000
CONTACT_IDS_MAX = 200
FIND_EMAILS_MAX = 10
#: What the returned page of ``fetch-contacts`` (``visual_limit``) may hold.
VISUAL_LIMIT_MAX = 1000


class Prospect(Resource):
    """SmartProspect: search SmartLead's contact database, buy contacts, find emails.

    Attributes:
        lookups: the values the search filters take (countries, industries...).
        searches: saved, recent and fetched searches.
    """

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.lookups = ProspectLookups(api)
        self.searches = ProspectSearches(api)

    def search_contacts(
        self,
        filters: ProspectFilters | None = None,
        *,
        page_size: int = 100,
        scroll_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ScrollPaginator[ProspectContact, ContactSearch]:
        """The contacts that match ``filters``, paging on its own (``POST /search-contacts``).

        Free: a search shows no email and spends no credits. ``page = await ...`` is the
        first :class:`ContactSearch` page, with the search's ``filter_id`` (what
        :meth:`fetch_contacts` buys from) and ``total_count``; ``async for contact in ...``
        yields every match once. Each page is asked for with the ``scroll_id`` of the page
        before. A page is not retried once sent (the scroll may have moved on); after a
        failure, ``paginator.next_cursor`` is the ``scroll_id`` to resume from, if the server
        still takes it.

        Args:
            filters: who to look for (a :class:`ProspectFilters`); ``None`` matches everyone.
            page_size: contacts per request (``limit``), 1 to 500.
            scroll_id: start from this token (``paginator.next_cursor`` of an earlier
                search, to resume).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=SEARCH_PAGE_SIZE_MAX
        )
        body = {} if filters is None else input_json("filters", filters, ProspectFilters)
        return self._paginate_by_scroll(
            "/search-contacts", One(ContactSearch, "contact search"), cursor_param="scroll_id",
            description="paging a SmartProspect contact search", page_size=page_size,
            start_after=optional(text, "scroll_id", scroll_id), body=body, options=options,
        )

    async def fetch_contacts(
        self,
        filter_id: int,
        *,
        limit: int | None = None,
        contact_ids: Iterable[str] | None = None,
        offset: int | None = None,
        visual_limit: int | None = None,
        visual_offset: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> FetchedContacts:
        """Buy contacts of a search, revealing their emails (``POST /fetch-contacts``).

        **This spends SmartProspect credits**, one per contact; it is never retried
        automatically (a retry could charge twice; pass ``max_retries=`` to allow it). Give
        either how many contacts to take (``limit``) or which (``contact_ids``). Read them
        again later, free, with :meth:`fetched_contacts`. Too few credits raises
        :class:`APIStatusError` (the server answers 200 with ``success: false``).

        Args:
            filter_id: the search (``ContactSearch.filter_id`` or a saved search's id).
            limit: how many of its contacts to buy, 1 to 10,000 (some accounts 30,000).
            contact_ids: the contacts to buy (``id``), from the search's results.
            offset: skip this many of the search's contacts first.
            visual_limit: how many of the bought contacts the answer lists, 1 to 1000.
            visual_offset: where that list starts.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: neither or both of ``limit`` and ``contact_ids`` (before
                any request).
        """
        if (limit is None) == (contact_ids is None):
            raise InvalidArgumentError("give exactly one of limit and contact_ids")
        body = compact(
            filter_id=positive_id("filter_id", filter_id),
            id=optional(_contact_ids, "contact_ids", contact_ids, maximum=None),
            limit=optional(int_in_range, "limit", limit, minimum=1, maximum=FETCH_LIMIT_MAX),
            offset=optional(int_in_range, "offset", offset, minimum=0),
            visual_limit=optional(
                int_in_range, "visual_limit", visual_limit, minimum=1, maximum=VISUAL_LIMIT_MAX
            ),
            visual_offset=optional(int_in_range, "visual_offset", visual_offset, minimum=0),
        )
        return await self._request(
            "POST", "/fetch-contacts", One(FetchedContacts, f"contacts of filter {filter_id}"),
            body=body, options=without_retries(options),
        )

    def fetched_contacts(
        self,
        filter_id: int,
        *,
        verification_status: VerificationStatus | VerificationStatusValue | None = None,
        catch_all_status: CatchAllStatus | CatchAllStatusValue | None = None,
        search: str | None = None,
        page_size: int = CONTACTS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ProspectContact]:
        """The contacts already bought for a search, paging on its own (``POST
        /get-contacts``, offset and limit in the body; a short page is the last). Free.

        Args:
            filter_id: the search.
            verification_status: only contacts whose email has this status
                (:class:`VerificationStatus`).
            catch_all_status: only catch-all contacts with this outcome
                (:class:`CatchAllStatus`).
            search: only contacts whose first, last or full name matches.
            page_size: contacts per request, 1 to 1000.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=CONTACTS_PAGE_SIZE_MAX
        )
        body = compact(
            filter_id=positive_id("filter_id", filter_id),
            verification_status=optional(
                enum_value, "verification_status", verification_status, VerificationStatus
            ),
            catch_all_status=optional(
                enum_value, "catch_all_status", catch_all_status, CatchAllStatus
            ),
            search=optional(text, "search", search),
        )
        return self._paginate(
            "/get-contacts", PageOf(ProspectContact), style=PaginationStyle.SHORT_PAGE,
            description=f"paging the fetched contacts of filter {filter_id}", body=body,
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch, options=options,
        )

    async def fetched_contacts_by_id(
        self, contact_ids: Iterable[str], **options: Unpack[RequestOptions]
    ) -> list[ProspectContact]:
        """Contacts already bought, by id (``POST /get-contacts`` with ``id``). Free.

        Args:
            contact_ids: up to 200 contact ids.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"id": _contact_ids("contact_ids", contact_ids, maximum=CONTACT_IDS_MAX)}
        return await self._request(
            "POST", "/get-contacts", ListOf(ProspectContact), body=body, options=options,
            idempotent=True,
        )

    async def find_emails(
        self, people: Iterable[FindEmailInput], **options: Unpack[RequestOptions]
    ) -> list[FoundEmail]:
        """Find the emails of up to 10 people (``POST /search-contacts/find-emails``).

        **This spends SmartProspect credits**; it is never retried automatically (a retry
        could charge twice; pass ``max_retries=`` to allow it).

        Args:
            people: 1 to 10 :class:`FindEmailInput` (first name, last name, company domain).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        contacts = non_empty("people", input_list("people", people, FindEmailInput), "person")
        if len(contacts) > FIND_EMAILS_MAX:
            raise InvalidArgumentError(
                f"people takes at most {FIND_EMAILS_MAX} per request, got {len(contacts)}"
            )
        return await self._request(
            "POST", "/search-contacts/find-emails", ListOf(FoundEmail),
            body={"contacts": contacts}, options=without_retries(options),
        )

    async def review_contacts(
        self, filter_id: int, **options: Unpack[RequestOptions]
    ) -> ContactReview:
        """Check a search's fetched contacts again: their emails, bounces and verification
        (``PATCH /review-contacts/{filter_id}``). Spends no credits.

        Args:
            filter_id: the search.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = f"/review-contacts/{positive_id('filter_id', filter_id)}"
        return await self._request(
            "PATCH", path, One(ContactReview, f"filter {filter_id}"), options=options
        )

    async def search_analytics(
        self, *, filter_id: int | None = None, **options: Unpack[RequestOptions]
    ) -> SearchAnalytics:
        """Credits left and usage (``GET /search-analytics``): check before spending.

        Args:
            filter_id: also give the figures of this search (``filterData``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(filter_id=optional(positive_id, "filter_id", filter_id))
        return await self._request(
            "GET", "/search-analytics", One(SearchAnalytics, "search analytics"),
            params=params, options=options,
        )

    async def reply_analytics(self, **options: Unpack[RequestOptions]) -> ReplyAnalytics:
        """Replies from prospected contacts, this month and the last (``GET
        /reply-analytics``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/reply-analytics", One(ReplyAnalytics, "reply analytics"), options=options
        )


def _contact_ids(name: str, values: object, *, maximum: int | None) -> list[str]:
    """Contact ids (strings), at least one and at most ``maximum``."""
    ids = non_empty(name, items_of(name, values, "contact ids"), "id")
    if maximum is not None and len(ids) > maximum:
        raise InvalidArgumentError(f"{name} takes at most {maximum} ids, got {len(ids)}")
    return [text(f"{name}[{index}]", value) for index, value in enumerate(ids)]
