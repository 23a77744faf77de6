"""``client.campaigns.leads``: ``/campaigns/{id}/leads``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict, Unpack

from .._constants import DEFAULT_PREFETCH, LEADS_PAGE_SIZE_MAX
from .._enums import EmailStatus, LeadStatus
from .._fan_in import FanIn, OnError
from .._models import CampaignLead, Page
from .._pagination import AsyncPaginator, PaginationStyle
from .._query import query
from .._responses import page_from_body
from .._validate import DateLike, enum_value, int_in_range, iso_datetime, positive_id
from ._base import Resource

#: The statuses ``GET /campaigns/{id}/leads`` accepts as a filter.
LEAD_STATUS_FILTERS = (
    LeadStatus.STARTED,
    LeadStatus.INPROGRESS,
    LeadStatus.COMPLETED,
    LeadStatus.PAUSED,
    LeadStatus.STOPPED,
)


class LeadFilters(TypedDict, total=False):
    """The filters and paging options of :meth:`CampaignLeads.list`, for :meth:`list_many`."""

    status: LeadStatus | str | None
    lead_category_id: int | None
    email_status: EmailStatus | str | None
    created_at_gt: DateLike | None
    last_sent_time_gt: DateLike | None
    event_time_gt: DateLike | None
    page_size: int
    prefetch: int


def _lead_key(item: CampaignLead) -> int | None:
    return item.campaign_lead_map_id


class CampaignLeads(Resource):
    """Leads of a campaign."""

    def list(
        self,
        campaign_id: int,
        *,
        status: LeadStatus | str | None = None,
        lead_category_id: int | None = None,
        email_status: EmailStatus | str | None = None,
        created_at_gt: DateLike | None = None,
        last_sent_time_gt: DateLike | None = None,
        event_time_gt: DateLike | None = None,
        page_size: int = LEADS_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
    ) -> AsyncPaginator[CampaignLead]:
        """Every lead of a campaign, paging on its own (``GET /campaigns/{id}/leads``).

        ``async for lead in ...`` yields each lead once, fetching up to ``prefetch`` pages
        concurrently once the total is known; ``await ...`` returns the first page.

        Args:
            campaign_id: the campaign.
            status: one of STARTED, INPROGRESS, COMPLETED, PAUSED, STOPPED.
            lead_category_id: only leads in this category.
            email_status: engagement filter (``emailStatus``), e.g. ``EmailStatus.IS_OPENED``.
            created_at_gt: only leads created after this instant.
            last_sent_time_gt: only leads last emailed after this instant.
            event_time_gt: only leads with any activity after this instant.
            page_size: leads per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: how many pages may be requested at once, 1 to 100.

        Raises:
            InvalidArgumentError: an argument is out of range (before any request).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        page_size = int_in_range("page_size", page_size, minimum=1, maximum=LEADS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        filters = query(
            status=(
                enum_value("status", status, LEAD_STATUS_FILTERS) if status is not None else None
            ),
            lead_category_id=(
                positive_id("lead_category_id", lead_category_id)
                if lead_category_id is not None else None
            ),
            emailStatus=(
                enum_value("email_status", email_status, EmailStatus)
                if email_status is not None else None
            ),
            created_at_gt=_date("created_at_gt", created_at_gt),
            last_sent_time_gt=_date("last_sent_time_gt", last_sent_time_gt),
            event_time_gt=_date("event_time_gt", event_time_gt),
        )
        path = f"/campaigns/{campaign_id}/leads"

        async def fetch(offset: int, limit: int) -> Page[CampaignLead]:
            body, where = await self._get(path, {**filters, "offset": offset, "limit": limit})
            return page_from_body(body, CampaignLead, where, offset=offset,
                                  total_key="total_leads")

        return AsyncPaginator(
            fetch, style=PaginationStyle.TOTAL, page_size=page_size, start_offset=start_offset,
            key=_lead_key, prefetch=prefetch, description=f"paging leads of campaign {campaign_id}",
        )

    def list_many(
        self,
        campaign_ids: Iterable[int],
        *,
        on_error: OnError = "defer",
        max_concurrency: int = 20,
        buffer: int = 1000,
        **filters: Unpack[LeadFilters],
    ) -> FanIn[CampaignLead]:
        """Page the leads of many campaigns at once; yields ``(campaign_id, lead)`` pairs.

        ``async with client.campaigns.leads.list_many(ids) as stream:``
        ``async for campaign_id, lead in stream: ...``

        Campaigns are paged concurrently through the client's shared rate limiter (fairly:
        waiting requests are served in arrival order) and memory stays bounded by ``buffer``.

        Args:
            campaign_ids: the campaigns; every id and filter is validated before any request.
            on_error: ``"defer"`` finishes the other campaigns, then raises ``FanInError``
                naming each failed campaign and its resume offset; ``"raise"`` stops at the
                first error; ``"collect"`` only records failures in ``stream.failures``.
            max_concurrency: campaigns paged at the same time.
            buffer: leads that may wait unread before producers pause.
            **filters: the filters of :meth:`list` (``status``, ``email_status``, ...).
                ``prefetch`` defaults to 1 per campaign: the campaigns themselves keep the
                rate limit busy.
        """
        filters.setdefault("prefetch", 1)
        ids = [positive_id("campaign_ids[]", campaign_id) for campaign_id in campaign_ids]
        paginators = [(campaign_id, self.list(campaign_id, **filters)) for campaign_id in ids]
        return FanIn(
            paginators, on_error=on_error, max_concurrency=max_concurrency, buffer=buffer
        )


def _date(name: str, value: DateLike | None) -> str | None:
    return iso_datetime(name, value) if value is not None else None
