"""``client.campaigns.leads`` of the SendKit client: ``GET /campaigns/{id}/leads``."""

from __future__ import annotations

from typing import Literal, Unpack, overload

from ..._args import compact, enum_value, int_in_range, object_id, one_of, optional
from ..._decoding import CursorBatchOf, PageOf
from ..._exceptions import InvalidArgumentError
from ..._options import RequestOptions
from ..._pagination.cursor import CursorPaginator
from ..._pagination.page_number import PageNumberPaginator
from ..._resources._base import Resource, identity_of_type
from .._constants import SENDKIT_PAGE_SIZE_MAX
from .._enums import SendkitLeadStatus, SendkitLeadStatusValue
from .._models import SendkitCampaignLead

#: How to page: by page number (``page`` + ``limit``) or by cursor (``cursor`` + ``limit``).
Pagination = Literal["page", "cursor"]

_PAGE = PageOf(SendkitCampaignLead, total=("total",))
#: Where an answer may name the next cursor; without one, it is the last record's ``_id``.
_CURSOR_PAGE = CursorBatchOf(SendkitCampaignLead, cursor=("nextCursor", "next_cursor"))


class CampaignLeads(Resource):
    """The leads of a SendKit campaign."""

    @overload
    def list(
        self,
        campaign_id: str,
        *,
        status: SendkitLeadStatus | SendkitLeadStatusValue | None = None,
        page_size: int = SENDKIT_PAGE_SIZE_MAX,
        pagination: Literal["page"] = "page",
        **options: Unpack[RequestOptions],
    ) -> PageNumberPaginator[SendkitCampaignLead]: ...

    @overload
    def list(
        self,
        campaign_id: str,
        *,
        status: SendkitLeadStatus | SendkitLeadStatusValue | None = None,
        page_size: int = SENDKIT_PAGE_SIZE_MAX,
        pagination: Literal["cursor"],
        start_after: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CursorPaginator[SendkitCampaignLead, str]: ...

    def list(
        self,
        campaign_id: str,
        *,
        status: SendkitLeadStatus | SendkitLeadStatusValue | None = None,
        page_size: int = SENDKIT_PAGE_SIZE_MAX,
        pagination: Pagination = "page",
        start_after: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PageNumberPaginator[SendkitCampaignLead] | CursorPaginator[SendkitCampaignLead, str]:
        """Every lead of a campaign, paging on its own (``GET /campaigns/{id}/leads``).

        ``async for lead in ...`` yields each lead once; ``await ...`` returns the first page.
        By page number, pages overlap so that leads added or removed while paging neither
        repeat nor go missing (see :class:`PageNumberPaginator`); by cursor, each page is
        asked for after the ``_id`` of the last lead received (or the cursor the answer
        names), which a changing list cannot shift.

        Args:
            campaign_id: the campaign's id (24 hexadecimal characters).
            status: only leads with this status (:class:`SendkitLeadStatus`: pending,
                active, paused, completed, bounced, unsubscribed, replied, removed).
            page_size: leads per request, 1 to 100.
            pagination: ``"page"`` (``page`` + ``limit``) or ``"cursor"`` (``cursor`` +
                ``limit``, SendKit's advice for large lists).
            start_after: with ``pagination="cursor"``, start after this lead ``_id``
                (``paginator.next_cursor``, or the ``start_after`` an error names, to resume).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: an argument is not one SendKit accepts (before any request).
        """
        campaign_id = object_id("campaign_id", campaign_id)
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=SENDKIT_PAGE_SIZE_MAX
        )
        style = one_of("pagination", pagination, ("page", "cursor"))
        start = optional(object_id, "start_after", start_after)
        filters = compact(status=optional(enum_value, "status", status, SendkitLeadStatus))
        path = f"/campaigns/{campaign_id}/leads"
        description = f"paging leads of SendKit campaign {campaign_id}"
        if style == "cursor":
            return self._paginate_by_cursor(
                path, _CURSOR_PAGE, cursor_param="cursor", cursor_of=identity_of_type(str),
                description=description, page_size=page_size, start_after=start,
                filters=filters, options=options,
            )
        if start is not None:
            raise InvalidArgumentError("start_after needs pagination='cursor'")
        return self._paginate_by_page_number(
            path, _PAGE, description=description, page_size=page_size,
            max_limit=SENDKIT_PAGE_SIZE_MAX, filters=filters, options=options,
        )
