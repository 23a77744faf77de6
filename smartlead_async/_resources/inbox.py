"""``client.inbox``: the master inbox (``/master-inbox/...``), its views and its actions.

The ten views are one listing each (a read-only POST paged by offset/limit in its JSON body,
20 threads at most per request). They differ only in their path and in a few rules (which
orders they take, whether they take ``fetch_message_history``, one id per filter or several):
those rules are data (``_RULES``), applied by :meth:`Inbox.threads`, which every named view
method calls. Actions on a thread are keyed by its ``email_lead_map_id``.

Replying and forwarding live on ``client.campaigns.leads`` (``reply``, ``forward``): their
paths are campaign-scoped and both send real email.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple, Unpack

from .._args import (
    DateLike,
    amount,
    compact,
    enum_value,
    flag,
    int_in_range,
    iso_datetime,
    optional,
    positive_id,
    query_bool,
    text,
    text_list,
)
from .._constants import DEFAULT_PREFETCH, INBOX_PAGE_SIZE_MAX, UNTRACKED_REPLIES_PAGE_SIZE_MAX
from .._decoding import One, PageOf
from .._enums import (
    InboxBlockSource,
    InboxBlockSourceValue,
    InboxSortBy,
    InboxSortByValue,
    InboxView,
    InboxViewValue,
    TaskPriority,
    TaskPriorityValue,
)
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models.common import OkResponse
from ..models.inbox import InboxFilters, InboxLead, InboxReplyStatus, UntrackedReply
from ..models.inputs import input_json
from ._base import OK, Resource

__all__ = ["Inbox", "InboxViewOptions"]


class InboxViewOptions(RequestOptions, total=False):
    """The filters, order, paging and request options every master-inbox view takes."""

    filters: InboxFilters | None
    sort_by: InboxSortBy | InboxSortByValue | None
    fetch_message_history: bool | None
    page_size: int
    start_offset: int
    prefetch: int


class _ViewRules(NamedTuple):
    """What sets one view apart from the others."""

    sorts: tuple[InboxSortBy, ...]
    message_history: bool = True  # takes ?fetch_message_history
    one_id_per_filter: bool = False  # each *_id filter is one id, not a list
    sub_sequence: bool = False  # takes filters.subSequenceId


_BY_TIME = (InboxSortBy.REPLY_TIME_DESC, InboxSortBy.SENT_TIME_DESC)
_RULES: dict[InboxView, _ViewRules] = {
    InboxView.REPLIES: _ViewRules(_BY_TIME),
    InboxView.UNREAD_REPLIES: _ViewRules(_BY_TIME),
    InboxView.SENT: _ViewRules(_BY_TIME, message_history=False),
    InboxView.ARCHIVED: _ViewRules(_BY_TIME),
    InboxView.IMPORTANT: _ViewRules(_BY_TIME),
    InboxView.SNOOZED: _ViewRules(_BY_TIME),
    InboxView.REMINDERS: _ViewRules(
        (InboxSortBy.REMINDER_TIME_ASC, InboxSortBy.REMINDER_TIME_DESC)
    ),
    InboxView.SCHEDULED: _ViewRules(
        (InboxSortBy.SCHEDULED_TIME_ASC, InboxSortBy.SCHEDULED_TIME_DESC)
    ),
    InboxView.ASSIGNED_TO_ME: _ViewRules(_BY_TIME, one_id_per_filter=True),
    InboxView.CUSTOM: _ViewRules(_BY_TIME, one_id_per_filter=True, sub_sequence=True),
}

#: A page of a view: ``{"ok": true, "data": [...], "offset", "limit"}`` (the route catalogue)
#: or ``{"messages": [...], "total_count": 1}`` (the newer docs' example).
_VIEW_PAGE = PageOf(InboxLead, total=("total_count",))
#: A page of untracked replies, in three envelopes: ``{ok, data: {success, message, data:
#: {replies: [...]}}}``; the newer docs show ``{"untracked_replies": [...]}``.
_UNTRACKED_PAGE = PageOf(UntrackedReply, total=("total_count",))


class Inbox(Resource):
    """The master inbox: every lead's thread across campaigns, and what to do with one."""

    # -- views -----------------------------------------------------------------------------------

    def threads(
        self,
        view: InboxView | InboxViewValue,
        *,
        filters: InboxFilters | None = None,
        sort_by: InboxSortBy | InboxSortByValue | None = None,
        fetch_message_history: bool | None = None,
        page_size: int = INBOX_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[InboxLead]:
        """Every thread of one master-inbox view, paging on its own.

        ``POST /master-inbox/{view}`` with ``{"offset", "limit", "filters", "sortBy"}`` as
        its JSON body; the listing ends at a page shorter than ``page_size``. A view is
        read-only: its requests are retried like GETs. The named methods (:meth:`replies`,
        :meth:`unread_replies`, ...) call this one; use it when the view is chosen at run time.

        A view lists threads as they are at each request: threads that leave the view while
        it is paged (say, :meth:`set_read_status` on each unread reply) shift the ones after
        them to earlier offsets, which the next page has passed. Collect the threads first
        (``[t async for t in ...]``), then act on them.

        Args:
            view: the view, an :class:`InboxView` or its path (``"unread-replies"``).
            filters: which threads, an :class:`InboxFilters`.
            sort_by: the order: ``REPLY_TIME_DESC`` (the API's default) or
                ``SENT_TIME_DESC``; ``REMINDER_TIME_ASC``/``_DESC`` for the reminders view,
                ``SCHEDULED_TIME_ASC``/``_DESC`` for the scheduled view.
            fetch_message_history: also return each thread's messages
                (``InboxLead.email_history``); not taken by the sent view.
            page_size: threads per request, 1 to 20.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: how many pages may be requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: an argument is out of range or not taken by this view
                (before any request).
        """
        name = InboxView(enum_value("view", view, InboxView))
        rules = _RULES[name]
        page_size = int_in_range("page_size", page_size, minimum=1, maximum=INBOX_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        body = compact(
            filters=optional(_view_filters, "filters", filters, name, rules),
            sortBy=optional(enum_value, "sort_by", sort_by, rules.sorts),
        )
        if fetch_message_history is not None and not rules.message_history:
            raise InvalidArgumentError(f"the {name} view does not take fetch_message_history")
        params = compact(fetch_message_history=optional(
            query_bool, "fetch_message_history", fetch_message_history
        ))
        return self._paginate(
            f"/master-inbox/{name.value}", _VIEW_PAGE, style=PaginationStyle.SHORT_PAGE,
            description=f"paging the {name} inbox view", page_size=page_size,
            start_offset=start_offset, prefetch=prefetch, filters=params, body=body,
            options=options,
        )

    def replies(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads whose lead replied (``POST /master-inbox/inbox-replies``).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.REPLIES, **options)

    def unread_replies(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads whose latest reply is unread (``POST /master-inbox/unread-replies``).

        Marking them read while paging this view shrinks it under the paginator: collect
        the threads first, then mark them (see :meth:`threads`).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.UNREAD_REPLIES, **options)

    def sent(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads that were emailed (``POST /master-inbox/sent``).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`
                (not ``fetch_message_history``).
        """
        return self.threads(InboxView.SENT, **options)

    def archived(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Archived threads (``POST /master-inbox/archived``).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.ARCHIVED, **options)

    def important(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads marked important (``POST /master-inbox/important``).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.IMPORTANT, **options)

    def snoozed(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Snoozed threads (``POST /master-inbox/snoozed``).

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.SNOOZED, **options)

    def reminders(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads with a reminder (``POST /master-inbox/reminders``), see :meth:`set_reminder`.

        Args:
            **options: the filters, order (``REMINDER_TIME_ASC``/``_DESC``), paging and
                request options of :meth:`threads`.
        """
        return self.threads(InboxView.REMINDERS, **options)

    def scheduled(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads with a reply scheduled to go out later (``POST /master-inbox/scheduled``).

        Args:
            **options: the filters, order (``SCHEDULED_TIME_ASC``/``_DESC``), paging and
                request options of :meth:`threads`.
        """
        return self.threads(InboxView.SCHEDULED, **options)

    def assigned_to_me(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads assigned to the key's user (``POST /master-inbox/assigned-me``).

        Disputed route: it is documented, but the live API has answered it with a server
        error (``column "undefined" does not exist``), which raises :class:`ServerError`.
        Each ``*_id`` filter takes one id here, not a list.

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.ASSIGNED_TO_ME, **options)

    def custom_view(self, **options: Unpack[InboxViewOptions]) -> AsyncPaginator[InboxLead]:
        """Threads of a custom view (``POST /master-inbox/views``).

        The only view that takes ``InboxFilters.sub_sequence_id``; each ``*_id`` filter takes
        one id here, not a list.

        Args:
            **options: the filters, order, paging and request options of :meth:`threads`.
        """
        return self.threads(InboxView.CUSTOM, **options)

    def untracked_replies(
        self,
        *,
        from_email: str | None = None,
        to_email: str | None = None,
        subject_line: str | None = None,
        fetch_body: bool | None = None,
        fetch_attachments: bool | None = None,
        page_size: int = UNTRACKED_REPLIES_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[UntrackedReply]:
        """Replies your mailboxes received that no campaign tracks, paging on its own.

        ``GET /master-inbox/untracked-replies``; the listing ends at a short page.

        Args:
            from_email: only replies from this address.
            to_email: only replies to this address (one of your mailboxes).
            subject_line: only replies whose subject contains this text.
            fetch_body: also return each reply's body (``fetchBody``).
            fetch_attachments: also return each reply's attachments (``fetchAttachments``).
            page_size: replies per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: how many pages may be requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=UNTRACKED_REPLIES_PAGE_SIZE_MAX
        )
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        params = compact(
            from_email=optional(text, "from_email", from_email),
            to_email=optional(text, "to_email", to_email),
            subject_line=optional(text, "subject_line", subject_line),
            fetchBody=optional(query_bool, "fetch_body", fetch_body),
            fetchAttachments=optional(query_bool, "fetch_attachments", fetch_attachments),
        )
        return self._paginate(
            "/master-inbox/untracked-replies", _UNTRACKED_PAGE, style=PaginationStyle.SHORT_PAGE,
            description="paging untracked replies", page_size=page_size,
            start_offset=start_offset, prefetch=prefetch, filters=params, options=options,
        )

    # -- one thread ------------------------------------------------------------------------------

    async def get(
        self, email_lead_map_id: int, **options: Unpack[RequestOptions]
    ) -> InboxLead:
        """One thread of the master inbox (``GET /master-inbox/{email_lead_map_id}``).

        Args:
            email_lead_map_id: the thread.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such thread (also on a 200 with an empty body).
        """
        thread = positive_id("email_lead_map_id", email_lead_map_id)
        return await self._request(
            "GET", f"/master-inbox/{thread}", One(InboxLead, f"inbox thread {thread}"),
            options=options,
        )

    async def set_read_status(
        self, email_lead_map_id: int, read_status: bool, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Mark a thread read or unread (``PATCH /master-inbox/change-read-status``).

        Args:
            email_lead_map_id: the thread.
            read_status: ``True`` marks it read, ``False`` unread.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"read_status": flag("read_status", read_status)}
        return await self._act("PATCH", "change-read-status", email_lead_map_id, body, options)

    async def set_category(
        self, email_lead_map_id: int, category_id: int | None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Set the lead's category in the thread's campaign (``PATCH .../update-category``).

        The same change as ``client.campaigns.leads.set_category``, keyed by the thread.

        Args:
            email_lead_map_id: the thread.
            category_id: a category id from ``client.leads.categories()``; ``None`` clears
                the category (sent as ``null``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"category_id": optional(positive_id, "category_id", category_id)}
        return await self._act("PATCH", "update-category", email_lead_map_id, body, options)

    async def set_revenue(
        self, email_lead_map_id: int, revenue: int | float | Decimal,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Record the revenue a thread brought (``PATCH /master-inbox/update-revenue``).

        Args:
            email_lead_map_id: the thread.
            revenue: an amount >= 0, in the account's currency (a ``Decimal`` is sent as a
                JSON number).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"revenue": amount("revenue", revenue)}
        return await self._act("PATCH", "update-revenue", email_lead_map_id, body, options)

    async def set_team_member(
        self, email_lead_map_id: int, team_member_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Assign a thread to a team member (``POST /master-inbox/update-team-member``).

        Args:
            email_lead_map_id: the thread.
            team_member_id: the team member.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"team_member_id": positive_id("team_member_id", team_member_id)}
        return await self._act("POST", "update-team-member", email_lead_map_id, body, options)

    async def create_note(
        self, email_lead_map_id: int, note_message: str, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Add a note to a thread, for the team (``POST /master-inbox/create-note``).

        Args:
            email_lead_map_id: the thread.
            note_message: the note.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"note_message": text("note_message", note_message)}
        return await self._act("POST", "create-note", email_lead_map_id, body, options)

    async def create_task(
        self,
        email_lead_map_id: int,
        *,
        name: str,
        description: str | None = None,
        priority: TaskPriority | TaskPriorityValue | None = None,
        due_date: DateLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Add a follow-up task to a thread (``POST /master-inbox/create-task``).

        Args:
            email_lead_map_id: the thread.
            name: the task's title.
            description: more about it.
            priority: ``LOW``, ``MEDIUM`` or ``HIGH``.
            due_date: when it is due.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            name=text("name", name),
            description=optional(text, "description", description, allow_empty=True),
            priority=optional(enum_value, "priority", priority, TaskPriority),
            due_date=optional(iso_datetime, "due_date", due_date),
        )
        return await self._act("POST", "create-task", email_lead_map_id, body, options)

    async def set_reminder(
        self,
        email_lead_map_id: int,
        *,
        email_stats_id: str,
        message: str,
        reminder_time: DateLike,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Set a reminder on a thread (``POST /master-inbox/set-reminder``).

        The thread then shows in :meth:`reminders`.

        Args:
            email_lead_map_id: the thread.
            email_stats_id: the email the reminder is about (``LeadMessage.stats_id``).
            message: what to be reminded of.
            reminder_time: when.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "email_stats_id": text("email_stats_id", email_stats_id),
            "message": text("message", message),
            "reminder_time": iso_datetime("reminder_time", reminder_time),
        }
        return await self._act("POST", "set-reminder", email_lead_map_id, body, options)

    async def resume_lead(
        self,
        email_lead_map_id: int,
        *,
        campaign_id: int,
        resume_delay_days: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Resume a paused lead from its thread (``PATCH /master-inbox/resume-lead``).

        Emailing then goes on: the lead gets the campaign's next steps.

        Args:
            email_lead_map_id: the thread.
            campaign_id: the thread's campaign.
            resume_delay_days: wait this many days before the next email.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            campaign_id=positive_id("campaign_id", campaign_id),
            resume_delay_days=optional(
                int_in_range, "resume_delay_days", resume_delay_days, minimum=0
            ),
        )
        return await self._act("PATCH", "resume-lead", email_lead_map_id, body, options)

    async def push_to_subsequence(
        self,
        email_lead_map_id: int,
        *,
        sub_sequence_id: int,
        sub_sequence_delay_time: int | None = None,
        stop_lead_on_parent_campaign_reply: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Move a thread's lead into a subsequence (``POST /master-inbox/push-to-subsequence``).

        The subsequence (a child campaign) then emails the lead.

        Args:
            email_lead_map_id: the thread.
            sub_sequence_id: the subsequence's campaign id.
            sub_sequence_delay_time: wait this long before its first email (the docs give
                seconds).
            stop_lead_on_parent_campaign_reply: stop the subsequence if the lead replies to
                the parent campaign.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            sub_sequence_id=positive_id("sub_sequence_id", sub_sequence_id),
            sub_sequence_delay_time=optional(
                int_in_range, "sub_sequence_delay_time", sub_sequence_delay_time, minimum=0
            ),
            stop_lead_on_parent_campaign_reply=optional(
                flag, "stop_lead_on_parent_campaign_reply", stop_lead_on_parent_campaign_reply
            ),
        )
        return await self._act("POST", "push-to-subsequence", email_lead_map_id, body, options)

    # -- account-wide ----------------------------------------------------------------------------

    async def block_domains(
        self,
        domains: Iterable[str],
        *,
        source: InboxBlockSource | InboxBlockSourceValue | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Block domains from the master inbox (``POST /master-inbox/block-domains``).

        Args:
            domains: the domains, e.g. ``["spam.com"]`` (at least one).
            source: why: ``manual``, ``bounce``, ``complaint`` or ``invalid``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            domains=text_list("domains", domains),
            source=optional(enum_value, "source", source, InboxBlockSource),
        )
        return await self._request(
            "POST", "/master-inbox/block-domains", OK, body=body, options=options
        )

    async def reply_status(
        self, message_id: str, **options: Unpack[RequestOptions]
    ) -> InboxReplyStatus:
        """Whether a reply sent from the inbox went out (``GET /master-inbox/reply-status``).

        Args:
            message_id: the reply's Message-ID, e.g. ``"<uuid@domain.com>"`` (from the lead's
                message history, or ``ForwardEmailResult.message_id``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no reply has this Message-ID.
        """
        params = {"message_id": text("message_id", message_id)}
        return await self._request(
            "GET", "/master-inbox/reply-status", One(InboxReplyStatus, f"reply {message_id}"),
            params=params, options=options,
        )

    async def _act(
        self, method: str, action: str, email_lead_map_id: int, fields: dict[str, Any],
        options: RequestOptions,
    ) -> OkResponse:
        """``{method} /master-inbox/{action}`` with the thread's id and ``fields`` as body."""
        body = {"email_lead_map_id": positive_id("email_lead_map_id", email_lead_map_id),
                **fields}
        return await self._request(
            method, f"/master-inbox/{action}", OK, body=body, options=options
        )


def _view_filters(
    name: str, filters: object, view: InboxView, rules: _ViewRules
) -> dict[str, Any]:
    """The JSON of ``filters``, refusing what ``view`` does not take."""
    body = input_json(name, filters, InboxFilters)
    assert isinstance(filters, InboxFilters)
    if filters.sub_sequence_id is not None and not rules.sub_sequence:
        raise InvalidArgumentError(
            f"{name}.sub_sequence_id is taken by the custom view only, not by {view}"
        )
    listed = filters.ids_given_as_lists() if rules.one_id_per_filter else []
    if listed:
        raise InvalidArgumentError(
            f"the {view} view takes one id per filter: {name}.{listed[0]} is a list"
        )
    return body
