"""``client.campaigns.leads``: ``/campaigns/{id}/leads`` and ``/campaigns/{id}/leads/{lead_id}``."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncGenerator, Iterable, Mapping
from typing import Any, Unpack

import anyio

from .._args import (
    DateLike,
    compact,
    email_addresses,
    enum_value,
    flag,
    int_in_range,
    iso_datetime,
    items_of,
    optional,
    positive_id,
    positive_seconds,
    query_flag,
    text,
)
from .._constants import DEFAULT_PREFETCH, LEADS_PAGE_SIZE_MAX
from .._decoding import Ack, One, PageOf
from .._enums import (
    LEAD_STATUS_FILTERS,
    EmailStatus,
    EmailStatusValue,
    LeadStatus,
    LeadStatusValue,
)
from .._exceptions import APIError
from .._fan_in import FanIn, OnError
from .._options import RequestOptions, checked_options
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from ..models import CampaignLead
from ..models.common import OkResponse
from ..models.inbox import ForwardEmailResult
from ..models.inputs import LeadInput, ReplyAttachmentInput, input_list, lead_json
from ..models.leads import AddLeadsResponse, AddLeadsResult, MessageHistory
from ._base import OK, Resource
from ._csv_stream import RecordSplitter, csv_rows, is_blank

log = logging.getLogger("smartlead_async")

#: The most leads ``POST /campaigns/{id}/leads`` takes in one request.
ADD_LEADS_BATCH_MAX = 100
#: Bytes gathered before each write of :meth:`CampaignLeads.export_csv_to`.
_WRITE_BUFFER = 64 * 1024


class LeadFilters(RequestOptions, total=False):
    """The filters, paging and request options of :meth:`CampaignLeads.list`, for
    :meth:`list_many`."""

    status: LeadStatus | LeadStatusValue | None
    lead_category_id: int | None
    email_status: EmailStatus | EmailStatusValue | None
    created_at_gt: DateLike | None
    last_sent_time_gt: DateLike | None
    event_time_gt: DateLike | None
    page_size: int
    prefetch: int


#: A page of ``GET /campaigns/{id}/leads``: ``{"total_leads": "150", "data": [...]}`` (the
#: help-center reference) or ``{"total": 150, "leads": [...]}`` (the newer docs).
_LEADS_PAGE = PageOf(CampaignLead, total=("total_leads", "total"))


class CampaignLeads(Resource):
    """Leads of a campaign."""

    def list(
        self,
        campaign_id: int,
        *,
        status: LeadStatus | LeadStatusValue | None = None,
        lead_category_id: int | None = None,
        email_status: EmailStatus | EmailStatusValue | None = None,
        created_at_gt: DateLike | None = None,
        last_sent_time_gt: DateLike | None = None,
        event_time_gt: DateLike | None = None,
        page_size: int = LEADS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
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
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: an argument is out of range (before any request).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        page_size = int_in_range("page_size", page_size, minimum=1, maximum=LEADS_PAGE_SIZE_MAX)
        filters = compact(
            status=optional(enum_value, "status", status, LEAD_STATUS_FILTERS),
            lead_category_id=optional(positive_id, "lead_category_id", lead_category_id),
            emailStatus=optional(enum_value, "email_status", email_status, EmailStatus),
            created_at_gt=optional(iso_datetime, "created_at_gt", created_at_gt),
            last_sent_time_gt=optional(iso_datetime, "last_sent_time_gt", last_sent_time_gt),
            event_time_gt=optional(iso_datetime, "event_time_gt", event_time_gt),
        )
        return self._paginate(
            f"/campaigns/{campaign_id}/leads", _LEADS_PAGE, style=PaginationStyle.TOTAL,
            description=f"paging leads of campaign {campaign_id}", filters=filters,
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
            options=options,
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


    async def add(
        self,
        campaign_id: int,
        leads: Iterable[LeadInput | Mapping[str, Any]],
        *,
        ignore_global_block_list: bool | None = None,
        ignore_unsubscribe_list: bool | None = None,
        ignore_duplicate_leads_in_other_campaign: bool | None = None,
        ignore_community_bounce_list: bool | None = None,
        return_lead_ids: bool | None = None,
        **options: Unpack[RequestOptions],
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
            ignore_community_bounce_list: add leads even if SmartLead's community bounce list
                has them.
            return_lead_ids: ask for the added leads' ids; SmartLead answers them in an
                ``emailToLeadIdMap`` object, kept in each of ``result.responses`` (``.extra``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            APIError: a batch failed; the error's ``context`` tells how many leads were
                added by the batches before it (those are not rolled back).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        lead_list = [
            lead_json(f"leads[{index}]", lead)
            for index, lead in enumerate(items_of("leads", leads, "LeadInput or dict"))
        ]
        settings = compact(
            ignore_global_block_list=optional(
                flag, "ignore_global_block_list", ignore_global_block_list
            ),
            ignore_unsubscribe_list=optional(
                flag, "ignore_unsubscribe_list", ignore_unsubscribe_list
            ),
            ignore_duplicate_leads_in_other_campaign=optional(
                flag, "ignore_duplicate_leads_in_other_campaign",
                ignore_duplicate_leads_in_other_campaign
            ),
            ignore_community_bounce_list=optional(
                flag, "ignore_community_bounce_list", ignore_community_bounce_list
            ),
            return_lead_ids=optional(flag, "return_lead_ids", return_lead_ids),
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
                    await self._request(
                        "POST", path, Ack(AddLeadsResponse), body=body, options=options
                    )
                )
            except APIError as error:
                error.add_context(
                    f"adding leads to campaign {campaign_id}: leads[0:{start}] were sent by "
                    f"earlier requests; leads[{start}:] were not added"
                )
                raise
        return AddLeadsResult.combine(responses)

    async def resume(
        self, campaign_id: int, lead_id: int, *, resume_lead_with_delay_days: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Resume a paused lead (``POST /campaigns/{id}/leads/{lead_id}/resume``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            resume_lead_with_delay_days: wait this many days before the next email
                (``None``: the campaign's own schedule).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        delay = optional(
            int_in_range, "resume_lead_with_delay_days", resume_lead_with_delay_days, minimum=0
        )
        return await self._request(
            "POST", _lead_path(campaign_id, lead_id, "/resume"), OK,
            body={"resume_lead_with_delay_days": delay},
            options=options,
        )

    async def pause(
        self, campaign_id: int, lead_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Pause a lead in a campaign (``POST /campaigns/{id}/leads/{lead_id}/pause``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "POST", _lead_path(campaign_id, lead_id, "/pause"), OK, options=options
        )

    async def delete(
        self, campaign_id: int, lead_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Remove a lead from a campaign (``DELETE /campaigns/{id}/leads/{lead_id}``).

        The API may answer the plain text ``success``; that is accepted as ``ok``.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("DELETE", _lead_path(campaign_id, lead_id), OK, options=options)

    async def unsubscribe(
        self, campaign_id: int, lead_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Unsubscribe a lead from this campaign only (``POST .../leads/{lead_id}/unsubscribe``).

        See ``client.leads.unsubscribe_everywhere`` for every campaign.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "POST", _lead_path(campaign_id, lead_id, "/unsubscribe"), OK, options=options
        )

    async def update(
        self, campaign_id: int, lead_id: int, lead: LeadInput | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Update a lead's details (``POST /campaigns/{id}/leads/{lead_id}``).

        Args:
            campaign_id: the campaign the lead is in.
            lead_id: the lead.
            lead: the new details, a :class:`LeadInput` or a dict with at least ``email``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _lead_path(campaign_id, lead_id)
        return await self._request("POST", path, OK, body=lead_json("lead", lead), options=options)

    async def set_category(
        self,
        campaign_id: int,
        lead_id: int,
        category_id: int | None,
        *,
        pause_lead: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Set a lead's category in a campaign (``POST .../leads/{lead_id}/category``).

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            category_id: a category id from ``client.leads.categories()``; ``None`` clears
                the lead's category (sent as ``null``).
            pause_lead: also pause the lead (the API's default is ``False``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _lead_path(campaign_id, lead_id, "/category")
        body = {"category_id": optional(positive_id, "category_id", category_id),
                **compact(pause_lead=optional(flag, "pause_lead", pause_lead))}
        return await self._request("POST", path, OK, body=body, options=options)

    async def message_history(
        self,
        campaign_id: int,
        lead_id: int,
        *,
        event_time_gt: DateLike | None = None,
        show_plain_text_response: bool = False,
        **options: Unpack[RequestOptions],
    ) -> MessageHistory:
        """A lead's message thread in a campaign, as in the master inbox.

        ``GET /campaigns/{id}/leads/{lead_id}/message-history``.

        Args:
            campaign_id: the campaign.
            lead_id: the lead.
            event_time_gt: only messages after this instant.
            show_plain_text_response: also return each message as plain text.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such lead or campaign (also on a 200 with an empty body).
        """
        path = _lead_path(campaign_id, lead_id, "/message-history")
        params = compact(
            event_time_gt=optional(iso_datetime, "event_time_gt", event_time_gt),
            show_plain_text_response=query_flag(
                "show_plain_text_response", show_plain_text_response
            ),
        )
        what = f"message history of lead {lead_id}"
        # Documented as a bare "JSON Array" too: that array is the history.
        history = One(MessageHistory, what, bare_array="history")
        return await self._request("GET", path, history, params=params, options=options)

    async def reply(
        self,
        campaign_id: int,
        *,
        email_stats_id: str,
        email_body: str,
        reply_message_id: str | None = None,
        reply_email_time: DateLike | None = None,
        reply_email_body: str | None = None,
        cc: str | None = None,
        bcc: str | None = None,
        add_signature: bool | None = None,
        to_email: str | None = None,
        to_first_name: str | None = None,
        to_last_name: str | None = None,
        scheduled_time: DateLike | None = None,
        schedule_condition: str | None = None,
        seq_type: str | None = None,
        attachments: Iterable[ReplyAttachmentInput] | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Reply to a lead from the master inbox (``POST /campaigns/{id}/reply-email-thread``).

        Sends real email, to the lead (or ``to_email``). The email is queued; the API answers
        as soon as it is. Like every POST it is never sent again once it may have reached the
        server (only a 429, or a connection that never opened, is retried). Only
        ``email_stats_id`` and ``email_body`` are required.

        Args:
            campaign_id: the campaign.
            email_stats_id: the thread's stats id (``LeadMessage.stats_id``).
            email_body: the reply's body (HTML).
            reply_message_id: the ``message_id`` of the message replied to.
            reply_email_time: when the message replied to was sent.
            reply_email_body: the body of the message replied to.
            cc: addresses to copy (comma-separated).
            bcc: addresses to blind-copy (comma-separated).
            add_signature: append the sending account's signature.
            to_email: send to this address instead of the lead's.
            to_first_name: the recipient's first name.
            to_last_name: the recipient's last name.
            scheduled_time: send the reply at this instant instead of now.
            schedule_condition: the condition of a scheduled reply, as SmartLead names it.
            seq_type: the sequence type of the reply, as SmartLead names it.
            attachments: files to attach, each a :class:`ReplyAttachmentInput`.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        body = compact(
            email_stats_id=text("email_stats_id", email_stats_id),
            email_body=text("email_body", email_body),
            reply_message_id=optional(text, "reply_message_id", reply_message_id),
            reply_email_time=optional(iso_datetime, "reply_email_time", reply_email_time),
            reply_email_body=optional(text, "reply_email_body", reply_email_body, allow_empty=True),
            cc=optional(text, "cc", cc, allow_empty=True),
            bcc=optional(text, "bcc", bcc, allow_empty=True),
            add_signature=optional(flag, "add_signature", add_signature),
            to_email=optional(text, "to_email", to_email, allow_empty=True),
            to_first_name=optional(text, "to_first_name", to_first_name, allow_empty=True),
            to_last_name=optional(text, "to_last_name", to_last_name, allow_empty=True),
            scheduled_time=optional(iso_datetime, "scheduled_time", scheduled_time),
            schedule_condition=optional(
                text, "schedule_condition", schedule_condition, allow_empty=True
            ),
            seq_type=optional(text, "seq_type", seq_type, allow_empty=True),
            attachments=optional(input_list, "attachments", attachments, ReplyAttachmentInput),
        )
        return await self._request(
            "POST", f"/campaigns/{campaign_id}/reply-email-thread", OK, body=body,
            options=options,
        )

    async def forward(
        self,
        campaign_id: int,
        *,
        message_id: str,
        stats_id: str,
        to_emails: str | Iterable[str],
        cc_emails: str | Iterable[str] | None = None,
        bcc_emails: str | Iterable[str] | None = None,
        forward_email_subject: str | None = None,
        forward_email_body: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ForwardEmailResult:
        """Forward an email of a lead's thread (``POST /campaigns/{id}/forward-email``).

        Sends real email, to the addresses given. Like every POST it is never sent again
        once it may have reached the server (only a 429, or a connection that never opened,
        is retried). The route catalogue records no request schema for this route; the body
        is the one SmartLead's API reference shows (``message_id``, ``stats_id``,
        ``to_emails`` required). ``result.message_id`` can be checked with
        ``client.inbox.reply_status``.

        Args:
            campaign_id: the campaign.
            message_id: the ``message_id`` of the email to forward (``LeadMessage.message_id``).
            stats_id: its thread's stats id (``LeadMessage.stats_id``).
            to_emails: the recipients, a list or a comma-separated string.
            cc_emails: addresses to copy, a list or a comma-separated string.
            bcc_emails: addresses to blind-copy, a list or a comma-separated string.
            forward_email_subject: the subject (SmartLead's own when not given).
            forward_email_body: text or HTML put above the forwarded message.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        body = compact(
            message_id=text("message_id", message_id),
            stats_id=text("stats_id", stats_id),
            to_emails=email_addresses("to_emails", to_emails),
            cc_emails=optional(email_addresses, "cc_emails", cc_emails),
            bcc_emails=optional(email_addresses, "bcc_emails", bcc_emails),
            forward_email_subject=optional(
                text, "forward_email_subject", forward_email_subject, allow_empty=True
            ),
            forward_email_body=optional(
                text, "forward_email_body", forward_email_body, allow_empty=True
            ),
        )
        return await self._request(
            "POST", f"/campaigns/{campaign_id}/forward-email", Ack(ForwardEmailResult),
            body=body, options=options,
        )

    def export_csv(
        self, campaign_id: int, *, idle_timeout: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncGenerator[dict[str, str], None]:
        """Stream a campaign's lead export (``GET /campaigns/{id}/leads-export``) row by row.

        ``async for row in client.campaigns.leads.export_csv(42): row["email"]``. Rows are
        dicts keyed by the CSV header (values are the CSV's strings) and arrive while the
        body downloads; memory stays bounded whatever the export's size. To stop early
        without leaving the download open, wrap it in ``contextlib.aclosing(...)``.

        Timeouts: the client's ``timeout`` is the deadline for the response headers (each
        retry gets its own); the body then may take as long as it needs, as long as no wait
        for the next chunk exceeds ``idle_timeout``.

        Args:
            campaign_id: the campaign.
            idle_timeout: the longest wait, in seconds, for the next chunk of the body
                (default: the client's ``timeout``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            APITimeoutError: no headers within the deadline (after retries), or the body
                stalled for ``idle_timeout`` (not retried: rows were already yielded).
            APIConnectionError: the connection broke mid-body (an export is not resumed).
        """
        idle = optional(positive_seconds, "idle_timeout", idle_timeout)
        return self._export_rows(_export_path(campaign_id), idle, checked_options(options))

    async def _export_rows(
        self, path: str, idle_timeout: float | None, options: RequestOptions
    ) -> AsyncGenerator[dict[str, str], None]:
        async with self._stream("GET", path, idle_timeout=idle_timeout, options=options) as chunks:
            async for row in csv_rows(chunks):
                yield row

    async def export_csv_to(
        self,
        campaign_id: int,
        path: str | os.PathLike[str],
        *,
        idle_timeout: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> int:
        """Download a campaign's lead export into a CSV file, streaming; returns its row count.

        The bytes are written as they arrive (never held in memory whole) to ``path +
        ".part"``, which replaces ``path`` only once the download is complete; on failure
        it is removed and ``path`` is left untouched. Timeouts are those of
        :meth:`export_csv`.

        Args:
            campaign_id: the campaign.
            path: the file to write.
            idle_timeout: the longest wait, in seconds, for the next chunk of the body
                (default: the client's ``timeout``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        source = _export_path(campaign_id)
        idle_timeout = optional(positive_seconds, "idle_timeout", idle_timeout)
        options = checked_options(options)
        target = anyio.Path(os.fspath(path))
        partial = target.with_name(target.name + ".part")
        splitter = RecordSplitter()
        records = 0
        try:
            async with self._stream(
                "GET", source, idle_timeout=idle_timeout, options=options
            ) as chunks, await anyio.open_file(partial, "wb") as file:
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

    async def manual_complete(
        self, campaign_id: int, lead_map_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Mark a lead complete in a campaign: no more emails of its sequence go out
        (``POST /campaigns/{id}/leads/{lead_map_id}/manual-complete``).

        Args:
            campaign_id: the campaign.
            lead_map_id: the lead's ``campaign_lead_map_id`` in it (not its lead id).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        map_id = positive_id("lead_map_id", lead_map_id)
        return await self._request(
            "POST", f"/campaigns/{campaign_id}/leads/{map_id}/manual-complete", OK,
            options=options,
        )

    async def update_email_account(
        self,
        campaign_id: int,
        lead_id: int,
        email_account_id: int,
        *,
        override_lead_email_account: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Pin a lead of a campaign to one sending mailbox
        (``POST /campaigns/update-lead-email-account``).

        Disputed: SmartLead documents ``email_account_id``, ``email_campaign_id``,
        ``email_lead_id`` and ``override_lead_email_account``; bcharleson/smartlead-cli sends
        ``campaign_id``, ``lead_id`` and ``email_account_id`` instead. The documented form is
        sent.

        Args:
            campaign_id: the campaign (``email_campaign_id``).
            lead_id: the lead (``email_lead_id``).
            email_account_id: the mailbox that sends to this lead from now on.
            override_lead_email_account: replace a mailbox the lead is already pinned to.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            email_account_id=positive_id("email_account_id", email_account_id),
            email_campaign_id=positive_id("campaign_id", campaign_id),
            email_lead_id=positive_id("lead_id", lead_id),
            override_lead_email_account=optional(
                flag, "override_lead_email_account", override_lead_email_account
            ),
        )
        return await self._request(
            "POST", "/campaigns/update-lead-email-account", OK, body=body, options=options
        )


def _lead_path(campaign_id: int, lead_id: int, suffix: str = "") -> str:
    campaign_id = positive_id("campaign_id", campaign_id)
    lead_id = positive_id("lead_id", lead_id)
    return f"/campaigns/{campaign_id}/leads/{lead_id}{suffix}"


def _export_path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/leads-export"


def _count_records(records: list[str]) -> int:
    return sum(1 for record in records if not is_blank(record))

