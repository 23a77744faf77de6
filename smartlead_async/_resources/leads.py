"""``client.leads``: ``/leads/...``, leads across every campaign of the account."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import compact, enum_value, int_in_range, optional, positive_id, text, text_list
from .._constants import ACCOUNT_LEADS_PAGE_SIZE_MAX, BLOCK_LIST_PAGE_SIZE_MAX, DEFAULT_PREFETCH
from .._decoding import Ack, ListOf, One, PageOf
from .._enums import (
    LEAD_STATUS_FILTERS,
    EmailStatus,
    EmailStatusValue,
    LeadStatus,
    LeadStatusValue,
    LeadType,
    LeadTypeValue,
)
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._pagination.cursor import CursorPaginator
from ..models import Lead
from ..models.common import OkResponse
from ..models.leads import (
    AccountLead,
    BlockListEntry,
    BlockListResult,
    LeadCampaign,
    LeadCampaignOverview,
    LeadCategory,
    LeadSequenceDetails,
)
from ._base import OK, Resource, identity_of_type


class Leads(Resource):
    """Lead endpoints that are not tied to one campaign."""

    async def get_by_email(self, email: str, **options: Unpack[RequestOptions]) -> Lead:
        """Find a lead by email address (``GET /leads/?email=...``).

        Args:
            email: the lead's address.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no lead has this address (also on a 200 with an empty body).
        """
        email = text("email", email).strip()
        return await self._request(
            "GET", "/leads/", One(Lead, f"lead {email!r}"), params={"email": email},
            options=options,
        )

    async def categories(
        self, *, client_id: int | None = None, **options: Unpack[RequestOptions]
    ) -> builtins.list[LeadCategory]:
        """Every lead category of the account (``GET /leads/fetch-categories``).

        Args:
            client_id: the categories of this client (agency accounts).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(client_id=optional(positive_id, "client_id", client_id))
        return await self._request(
            "GET", "/leads/fetch-categories", ListOf(LeadCategory), params=params,
            options=options,
        )

    async def campaigns(
        self, lead_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[LeadCampaign]:
        """The campaigns a lead belongs to (``GET /leads/{lead_id}/campaigns``).

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", _path(lead_id, "/campaigns"), ListOf(LeadCampaign), options=options
        )

    async def unsubscribe_everywhere(
        self, lead_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Unsubscribe a lead from every campaign, now and in the future.

        ``POST /leads/{lead_id}/unsubscribe``. See ``client.campaigns.leads.unsubscribe`` for
        one campaign.

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("POST", _path(lead_id, "/unsubscribe"), OK, options=options)

    async def block(
        self, domain_block_list: Iterable[str], *, client_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> BlockListResult:
        """Add emails or domains to the global block list (``POST /leads/add-domain-block-list``).

        Args:
            domain_block_list: emails (``"a@b.com"``) and/or domains (``"b.com"``).
            client_id: block them for this client only.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            domain_block_list=text_list("domain_block_list", domain_block_list),
            client_id=optional(positive_id, "client_id", client_id),
        )
        return await self._request(
            "POST", "/leads/add-domain-block-list", Ack(BlockListResult), body=body,
            options=options,
        )

    async def get(self, lead_id: int, **options: Unpack[RequestOptions]) -> AccountLead:
        """A lead by id (``GET /leads/{lead_id}``; the API wraps it in a one-item array).

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such lead (also on a 200 with an empty body).
        """
        return await self._request(
            "GET", _path(lead_id, ""), One(AccountLead, f"lead {lead_id}"), options=options
        )

    def all(
        self,
        *,
        campaign_id: int | None = None,
        status: LeadStatus | LeadStatusValue | None = None,
        email_status: EmailStatus | EmailStatusValue | None = None,
        lead_type: LeadType | LeadTypeValue | None = None,
        list_id: int | None = None,
        client_id: int | None = None,
        lead_email: str | None = None,
        page_size: int = ACCOUNT_LEADS_PAGE_SIZE_MAX,
        start_after: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> CursorPaginator[AccountLead, int]:
        """Every lead of the account, paging on its own by cursor (``GET /leads/all``).

        Each page is asked for after the id of the last lead received (``lastSeenLeadId``);
        ``async for lead in ...`` yields each lead once, ``await ...`` returns the first page.
        Seen only in SmartLead's official CLI, not in its docs; its answer is read as
        ``{"ok": true, "data": {"leads": [...]}}`` or as a bare array.

        Args:
            campaign_id: only leads of this campaign (``campaignId``).
            status: only leads with this status (STARTED, INPROGRESS, COMPLETED, PAUSED,
                STOPPED).
            email_status: engagement filter (``emailStatus``), e.g. ``EmailStatus.IS_OPENED``.
            lead_type: ``active``, ``yet_to_use``, ``previously_active`` or ``archived``
                (``leadType``, :class:`LeadType`).
            list_id: only leads of this lead list (``listId``).
            client_id: only leads of this client (``clientId``).
            lead_email: only the lead with this address (``leadEmail``).
            page_size: leads per request, 1 to 1000.
            start_after: start after this lead id (``paginator.next_cursor``, or the
                ``start_after`` an error names, to resume).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=ACCOUNT_LEADS_PAGE_SIZE_MAX
        )
        filters = compact(
            campaignId=optional(positive_id, "campaign_id", campaign_id),
            status=optional(enum_value, "status", status, LEAD_STATUS_FILTERS),
            emailStatus=optional(enum_value, "email_status", email_status, EmailStatus),
            leadType=optional(enum_value, "lead_type", lead_type, LeadType),
            listId=optional(positive_id, "list_id", list_id),
            clientId=optional(positive_id, "client_id", client_id),
            leadEmail=optional(text, "lead_email", lead_email),
        )
        return self._paginate_by_cursor(
            "/leads/all", ListOf(AccountLead), cursor_param="lastSeenLeadId",
            cursor_of=identity_of_type(int),
            description="paging every lead of the account", filters=filters,
            page_size=page_size,
            start_after=optional(positive_id, "start_after", start_after),
            options=options,
        )

    async def campaign_overview(
        self, lead_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[LeadCampaignOverview]:
        """A lead's standing in each of its campaigns (``GET /leads/{lead_id}/campaign-overview``).

        Seen only in SmartLead's official CLI; its answer is not documented (an array, or
        one under ``data`` or ``campaigns``).

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", _path(lead_id, "/campaign-overview"), ListOf(LeadCampaignOverview),
            options=options,
        )

    async def sequence_details(
        self, lead_map_id: int, *, campaign_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> LeadSequenceDetails:
        """A lead's progress through a campaign's sequence
        (``GET /leads/{lead_map_id}/sequence-details``).

        Seen only in SmartLead's official CLI; its answer is not documented (an object, or a
        bare array of steps).

        Args:
            lead_map_id: the lead's ``campaign_lead_map_id`` (not its lead id).
            campaign_id: the campaign (``campaignId``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        map_id = positive_id("lead_map_id", lead_map_id)
        params = compact(campaignId=optional(positive_id, "campaign_id", campaign_id))
        decode = One(LeadSequenceDetails, f"sequence of lead map {map_id}", bare_array="steps")
        return await self._request(
            "GET", f"/leads/{map_id}/sequence-details", decode, params=params, options=options
        )

    def block_list(
        self,
        *,
        client_id: int | None = None,
        email_or_domain: str | None = None,
        email_with_domain: str | None = None,
        page_size: int = BLOCK_LIST_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[BlockListEntry]:
        """Every entry of the global block list, paging on its own
        (``GET /leads/get-domain-block-list``; a short page is the last).

        Args:
            client_id: only entries of this client (``filter_client_id``).
            email_or_domain: only entries containing this text (``filter_email_or_domain``).
            email_with_domain: only entries of this domain: the domain and the addresses at
                it (``filter_email_with_domain``).
            page_size: entries per request, 1 to 1000.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=BLOCK_LIST_PAGE_SIZE_MAX
        )
        filters = compact(
            filter_client_id=optional(positive_id, "client_id", client_id),
            filter_email_or_domain=optional(text, "email_or_domain", email_or_domain),
            filter_email_with_domain=optional(text, "email_with_domain", email_with_domain),
        )
        return self._paginate(
            "/leads/get-domain-block-list", PageOf(BlockListEntry),
            style=PaginationStyle.SHORT_PAGE, description="paging the global block list",
            filters=filters, page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch, options=options,
        )

    async def unblock(self, entry_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Remove one entry from the global block list
        (``DELETE /leads/delete-domain-block-list?id=...``).

        Args:
            entry_id: the entry (``BlockListEntry.id``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = {"id": positive_id("entry_id", entry_id)}
        return await self._request(
            "DELETE", "/leads/delete-domain-block-list", OK, params=params, options=options
        )


def _path(lead_id: int, suffix: str) -> str:
    return f"/leads/{positive_id('lead_id', lead_id)}{suffix}"
