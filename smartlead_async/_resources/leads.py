"""``client.campaigns.leads``: ``/campaigns/{id}/leads`` and ``/campaigns/{id}/leads/{lead_id}``."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncGenerator, Iterable, Mapping
from typing import Any, TypedDict, Unpack

import anyio

from .._constants import DEFAULT_PREFETCH, LEADS_PAGE_SIZE_MAX
from .._enums import EmailStatus, LeadStatus
from .._exceptions import APIError, InvalidArgumentTypeError
from .._fan_in import FanIn, OnError
from .._inputs import LeadInput, to_wire
from .._models import CampaignLead
from .._models_common import OkResponse
from .._models_leads import AddLeadsResponse, AddLeadsResult, MessageHistory
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._query import query
from .._responses import decode_model, expect_object
from .._validate import DateLike, enum_value, int_in_range, iso_datetime, positive_id
from ._args import compact, items_of, opt_bool, opt_int, opt_text, text
from ._base import Resource
from ._csv_stream import RecordSplitter, csv_rows, is_blank

log = logging.getLogger("smartlead_async")

#: The most leads ``POST /campaigns/{id}/leads`` takes in one request.
ADD_LEADS_BATCH_MAX = 100
#: Bytes gathered before each write of :meth:`CampaignLeads.export_csv_to`.
_WRITE_BUFFER = 64 * 1024

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
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
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
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: how many pages may be requested at once, 1 to 100.

        Raises:
            InvalidArgumentError: an argument is out of range (before any request).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        page_size = int_in_range("page_size", page_size, minimum=1, maximum=LEADS_PAGE_SIZE_MAX)
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
        return self._paginate(
            f"/campaigns/{campaign_id}/leads", CampaignLead, style=PaginationStyle.TOTAL,
            total_key="total_leads", key=_lead_key,
            description=f"paging leads of campaign {campaign_id}", filters=filters,
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
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
                naming each failed campaign and its resume point; ``"raise"`` stops at the
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


    async def add(
        self,
        campaign_id: int,
        leads: Iterable[LeadInput | Mapping[str, Any]],
        *,
        ignore_global_block_list: bool | None = None,
        ignore_unsubscribe_list: bool | None = None,
        ignore_duplicate_leads_in_other_campaign: bool | None = None,
    ) -> AddLeadsResult:
        """Add any number of leads to a campaign (``POST /campaigns/{id}/leads``).

        The API takes at most 100 leads per request: the leads are sent in batches of 100, one
        after another (the client's rate limiter paces them), and the counts of every answer
        are summed into one result. Every lead is checked before the first request.

        Args:
            campaign_id: the campaign.
            leads: :class:`LeadInput` objects or dicts with at least an ``email``.
            ignore_global_block_list: add leads even if they are on the global block list.
            ignore_unsubscribe_list: add leads even if they unsubscribed before.
            ignore_duplicate_leads_in_other_campaign: ``False`` lets leads that are in other
                campaigns be added to this one too.

        Raises:
            APIError: a batch failed; the error's ``context`` tells how many leads were
                added by the batches before it (those are not rolled back).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        lead_list = [
            lead_body(f"leads[{index}]", lead)
            for index, lead in enumerate(items_of("leads", leads, "LeadInput or dict"))
        ]
        settings = compact(
            ignore_global_block_list=opt_bool(
                "ignore_global_block_list", ignore_global_block_list),
            ignore_unsubscribe_list=opt_bool("ignore_unsubscribe_list", ignore_unsubscribe_list),
            ignore_duplicate_leads_in_other_campaign=opt_bool(
                "ignore_duplicate_leads_in_other_campaign",
                ignore_duplicate_leads_in_other_campaign),
        )
        path = f"/campaigns/{campaign_id}/leads"
        responses: list[AddLeadsResponse] = []
        for start in range(0, len(lead_list), ADD_LEADS_BATCH_MAX):
            batch = lead_list[start:start + ADD_LEADS_BATCH_MAX]
            log.debug("adding leads[%d:%d] of %d to campaign %d", start, start + len(batch),
                      len(lead_list), campaign_id)
            body = compact(lead_list=batch, settings=settings or None)
            try:
                responses.append(
                    await self._write("POST", path, AddLeadsResponse, json_body=body)
                )
            except APIError as error:
                error.context = error.context or (
                    f"adding leads to campaign {campaign_id}: leads[0:{start}] were sent by "
                    f"earlier requests; leads[{start}:] were not added"
                )
                raise
        return AddLeadsResult.combine(responses)

    async def resume(
        self, campaign_id: int, lead_id: int, *, resume_lead_with_delay_days: int | None = None
    ) -> OkResponse:
        """Resume a paused lead (``POST /campaigns/{id}/leads/{lead_id}/resume``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            resume_lead_with_delay_days: wait this many days before the next email
                (``None``: the campaign's own schedule).
        """
        delay = opt_int("resume_lead_with_delay_days", resume_lead_with_delay_days, minimum=0)
        return await self._ok("POST", _lead_path(campaign_id, lead_id, "/resume"),
                              json_body={"resume_lead_with_delay_days": delay})

    async def pause(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Pause a lead in a campaign (``POST /campaigns/{id}/leads/{lead_id}/pause``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
        """
        return await self._ok("POST", _lead_path(campaign_id, lead_id, "/pause"))

    async def delete(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Remove a lead from a campaign (``DELETE /campaigns/{id}/leads/{lead_id}``).

        The API may answer the plain text ``success``; that is accepted as ``ok``.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
        """
        return await self._ok("DELETE", _lead_path(campaign_id, lead_id))

    async def unsubscribe(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Unsubscribe a lead from this campaign only (``POST .../leads/{lead_id}/unsubscribe``).

        See ``client.leads.unsubscribe_everywhere`` for every campaign.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
        """
        return await self._ok("POST", _lead_path(campaign_id, lead_id, "/unsubscribe"))

    async def update(
        self, campaign_id: int, lead_id: int, lead: LeadInput | Mapping[str, Any]
    ) -> OkResponse:
        """Update a lead's details (``POST /campaigns/{id}/leads/{lead_id}``).

        Args:
            campaign_id: the campaign the lead is in.
            lead_id: the lead.
            lead: the new details, a :class:`LeadInput` or a dict with at least ``email``.
        """
        path = _lead_path(campaign_id, lead_id)
        return await self._ok("POST", path, json_body=lead_body("lead", lead))

    async def set_category(
        self,
        campaign_id: int,
        lead_id: int,
        category_id: int,
        *,
        pause_lead: bool | None = None,
    ) -> OkResponse:
        """Set a lead's category in a campaign (``POST .../leads/{lead_id}/category``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            category_id: a category id from ``client.leads.categories()``.
            pause_lead: also pause the lead (the API's default is ``False``).
        """
        path = _lead_path(campaign_id, lead_id, "/category")
        body = compact(category_id=positive_id("category_id", category_id),
                       pause_lead=opt_bool("pause_lead", pause_lead))
        return await self._ok("POST", path, json_body=body)

    async def message_history(self, campaign_id: int, lead_id: int) -> MessageHistory:
        """A lead's message thread in a campaign, as in the master inbox.

        ``GET /campaigns/{id}/leads/{lead_id}/message-history``.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.

        Raises:
            NotFoundError: no such lead or campaign (also on a 200 with an empty body).
        """
        path = _lead_path(campaign_id, lead_id, "/message-history")
        body, where = await self._get(path)
        if isinstance(body, list):  # documented as "JSON Array": the bare history
            body = {"history": body}
        data = expect_object(body, f"message history of lead {lead_id}", where)
        return decode_model(data, MessageHistory, where)

    async def reply(
        self,
        campaign_id: int,
        *,
        email_stats_id: str,
        email_body: str,
        reply_message_id: str,
        reply_email_time: DateLike,
        reply_email_body: str,
        cc: str | None = None,
        bcc: str | None = None,
        add_signature: bool | None = None,
    ) -> OkResponse:
        """Reply to a lead from the master inbox (``POST /campaigns/{id}/reply-email-thread``).

        The email is queued; the API answers as soon as it is.

        Args:
            campaign_id: the campaign.
            email_stats_id: the thread's stats id (``LeadMessage.stats_id``).
            email_body: the reply's body (HTML).
            reply_message_id: the ``message_id`` of the message replied to.
            reply_email_time: when the message replied to was sent.
            reply_email_body: the body of the message replied to.
            cc: addresses to copy.
            bcc: addresses to blind-copy.
            add_signature: append the sending account's signature.
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        body = compact(
            email_stats_id=text("email_stats_id", email_stats_id),
            email_body=text("email_body", email_body),
            reply_message_id=text("reply_message_id", reply_message_id),
            reply_email_time=iso_datetime("reply_email_time", reply_email_time),
            reply_email_body=text("reply_email_body", reply_email_body, allow_empty=True),
            cc=opt_text("cc", cc),
            bcc=opt_text("bcc", bcc),
            add_signature=opt_bool("add_signature", add_signature),
        )
        return await self._ok("POST", f"/campaigns/{campaign_id}/reply-email-thread",
                              json_body=body)

    def export_csv(self, campaign_id: int) -> AsyncGenerator[dict[str, str], None]:
        """Stream a campaign's lead export (``GET /campaigns/{id}/leads-export``) row by row.

        ``async for row in client.campaigns.leads.export_csv(42): row["email"]``. Rows are
        dicts keyed by the CSV header (values are the CSV's strings) and arrive while the
        body downloads; memory stays bounded whatever the export's size. To stop early
        without leaving the download open, wrap it in ``contextlib.aclosing(...)``.

        Args:
            campaign_id: the campaign.

        Raises:
            APIConnectionError: the connection broke mid-body (an export is not resumed).
        """
        return self._export_rows(_export_path(campaign_id))

    async def _export_rows(self, path: str) -> AsyncGenerator[dict[str, str], None]:
        async with self._transport.stream("GET", path) as chunks:
            async for row in csv_rows(chunks):
                yield row

    async def export_csv_to(self, campaign_id: int, path: str | os.PathLike[str]) -> int:
        """Download a campaign's lead export into a CSV file, streaming; returns its row count.

        The bytes are written as they arrive (never held in memory whole) to ``path +
        ".part"``, which replaces ``path`` only once the download is complete; on failure
        it is removed and ``path`` is left untouched.

        Args:
            campaign_id: the campaign.
            path: the file to write.
        """
        source = _export_path(campaign_id)
        target = anyio.Path(os.fspath(path))
        partial = target.with_name(target.name + ".part")
        splitter = RecordSplitter()
        records = 0
        try:
            async with self._transport.stream("GET", source) as chunks, \
                    await anyio.open_file(partial, "wb") as file:
                pending = bytearray()
                async for chunk in chunks:
                    pending += chunk
                    records += _count_records(splitter.feed(chunk))
                    if len(pending) >= _WRITE_BUFFER:
                        await file.write(bytes(pending))
                        pending.clear()
                await file.write(bytes(pending))
                records += _count_records(splitter.finish())
            await partial.replace(target)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await partial.unlink(missing_ok=True)
            raise
        return max(records - 1, 0)  # the header is not a row


def lead_body(name: str, lead: object) -> dict[str, Any]:
    """The JSON of one lead: a :class:`LeadInput`, or a dict that has an ``email``."""
    if isinstance(lead, LeadInput):
        return lead.to_json()
    if isinstance(lead, Mapping):
        text(f"{name}['email']", lead.get("email"))
        for key in lead:
            if not isinstance(key, str):
                raise InvalidArgumentTypeError(f"{name} keys must be str, got {key!r}")
        return {key: to_wire(value) for key, value in lead.items() if value is not None}
    raise InvalidArgumentTypeError(
        f"{name} must be a LeadInput or a dict, got {type(lead).__name__}"
    )


def _lead_path(campaign_id: int, lead_id: int, suffix: str = "") -> str:
    campaign_id = positive_id("campaign_id", campaign_id)
    lead_id = positive_id("lead_id", lead_id)
    return f"/campaigns/{campaign_id}/leads/{lead_id}{suffix}"


def _export_path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/leads-export"


def _count_records(records: list[str]) -> int:
    return sum(1 for record in records if not is_blank(record))


def _date(name: str, value: DateLike | None) -> str | None:
    return iso_datetime(name, value) if value is not None else None
