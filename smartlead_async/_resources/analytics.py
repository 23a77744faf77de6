"""``client.analytics``: the account-wide ``/analytics/*`` routes, all read-only GETs.

The routes over a date range take one :class:`AnalyticsRange` (days, time zone, client and
campaign filters, checked when it is built); the others take at most ``client_ids``. Each
method names its route and sends through :meth:`Analytics._report` or, for the paged routes,
:meth:`Analytics._listing`, which auto-paginates (a page shorter than ``page_size`` is the
last).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, Unpack

from .._args import compact, id_list, int_in_range, optional, query_bool, text
from .._constants import DEFAULT_PREFETCH
from .._decoding import Decoder, PageOf, Report
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from ..models._base import Model
from ..models.analytics import (
    AnalyticsRange,
    AnalyticsReport,
    CampaignPerformance,
    ClientPerformance,
    DayWiseStats,
    DomainHealth,
    MailboxHealth,
)
from ._base import Resource

__all__ = ["ANALYTICS_PAGE_SIZE_MAX", "Analytics"]

#: The largest ``page_size`` of the paged analytics routes. No source documents the API's
#: cap; public clients page these routes 100 at a time (a larger page than the server gives
#: would end a short-page listing early, so the SDK stays at what is known to work).
ANALYTICS_PAGE_SIZE_MAX = 100

M = TypeVar("M", bound=Model)
R = TypeVar("R")

_REPORT = Report(AnalyticsReport)


def _flags(**flags: bool | None) -> dict[str, str | None]:
    """Boolean query flags, sent as ``true``/``false`` when given."""
    return {name: optional(query_bool, name, value) for name, value in flags.items()}


def _range(
    path: str, date_range: object, *, needs_timezone: bool = False, campaign_ids: bool = True
) -> dict[str, str]:
    """The query of ``date_range``, checked against what the route at ``path`` takes."""
    if not isinstance(date_range, AnalyticsRange):
        raise InvalidArgumentTypeError(
            f"date_range must be an AnalyticsRange, got {type(date_range).__name__}"
        )
    if needs_timezone and date_range.timezone is None:
        raise InvalidArgumentError(
            f"GET /analytics/{path} requires AnalyticsRange.timezone (an IANA zone such as "
            "'America/New_York')"
        )
    if not campaign_ids and date_range.campaign_ids is not None:
        raise InvalidArgumentError(f"GET /analytics/{path} takes no AnalyticsRange.campaign_ids")
    return date_range.query()


class Analytics(Resource):
    """Account-wide analytics (``/analytics/*``).

    Routes whose answer no source records return :class:`AnalyticsReport`, which keeps the
    whole answer (``report.data``) rather than guessing its fields.
    """

    async def _get(
        self, path: str, decode: Decoder[R], params: Mapping[str, Any],
        options: Mapping[str, Any],
    ) -> R:
        return await self._request(
            "GET", f"/analytics/{path}", decode, params=compact(**params), options=options
        )

    async def _ranged_report(
        self, path: str, date_range: AnalyticsRange, options: Mapping[str, Any], *,
        needs_timezone: bool = False, **flags: bool | None,
    ) -> AnalyticsReport:
        """A report over ``date_range`` (and the route's boolean ``flags``), kept whole."""
        params = {**_range(path, date_range, needs_timezone=needs_timezone), **_flags(**flags)}
        return await self._get(path, _REPORT, params, options)

    async def _clients_report(
        self, path: str, client_ids: Iterable[int] | None, options: Mapping[str, Any]
    ) -> AnalyticsReport:
        """A report filtered by ``client_ids`` only, kept whole."""
        params = {} if client_ids is None else {
            "client_ids": ",".join(map(str, id_list("client_ids", client_ids)))
        }
        return await self._get(path, _REPORT, params, options)

    def _listing(
        self,
        path: str,
        model: type[M],
        date_range: AnalyticsRange,
        *,
        campaign_ids: bool = True,
        filters: Mapping[str, Any],
        page_size: int,
        start_offset: int | None,
        start_from: ResumePoint | None,
        prefetch: int,
        options: Mapping[str, Any],
    ) -> AsyncPaginator[M]:
        """A short-page listing over ``date_range`` and the route's other ``filters``."""
        params = {**_range(path, date_range, campaign_ids=campaign_ids), **filters}
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=ANALYTICS_PAGE_SIZE_MAX
        )
        return self._paginate(
            f"/analytics/{path}", PageOf(model), style=PaginationStyle.SHORT_PAGE,
            description=f"paging /analytics/{path}", filters=compact(**params),
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch, options=options,
        )

    # -- campaigns ----------------------------------------------------------------------------

    async def campaign_follow_up_reply_rate(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Reply rate of follow-up steps (``GET /analytics/campaign/follow-up-reply-rate``).

        Disputed: SmartLead's docs list the [range] parameters, ``campaign_ids`` included,
        and the SDK sends them as documented; the live API has answered a campaign filter
        with "campaign_id is not allowed". If yours does, leave ``campaign_ids`` unset. The
        answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("campaign/follow-up-reply-rate", date_range, options)

    async def campaign_lead_to_reply_time(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Time from first email to reply (``GET /analytics/campaign/lead-to-reply-time``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("campaign/lead-to-reply-time", date_range, options)

    async def campaign_leads_take_for_first_reply(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """How many steps leads take before their first reply
        (``GET /analytics/campaign/leads-take-for-first-reply``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("campaign/leads-take-for-first-reply", date_range, options)

    async def campaign_list(
        self, *, client_ids: Iterable[int] | None = None, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """The campaigns analytics can report on (``GET /analytics/campaign/list``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            client_ids: only the campaigns of these agency clients.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._clients_report("campaign/list", client_ids, options)

    def campaign_overall_stats(
        self,
        date_range: AnalyticsRange,
        *,
        full_data: bool | None = None,
        page_size: int = ANALYTICS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[CampaignPerformance]:
        """Each campaign's figures over the range, paging on its own
        (``GET /analytics/campaign/overall-stats``).

        ``async for row in ...`` yields every campaign once; ``await ...`` is the first page.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`); the dates are
                required in practice.
            full_data: the API's ``full_data`` flag ("return the full data set").
            page_size: campaigns per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._listing(
            "campaign/overall-stats", CampaignPerformance, date_range,
            filters=_flags(full_data=full_data), page_size=page_size,
            start_offset=start_offset, start_from=start_from, prefetch=prefetch, options=options,
        )

    async def campaign_response_stats(
        self, date_range: AnalyticsRange, *, full_data: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """Replies per campaign by sentiment (``GET /analytics/campaign/response-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            full_data: the API's ``full_data`` flag ("return the full data set").
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "campaign/response-stats", date_range, options, full_data=full_data
        )

    async def campaign_status_stats(
        self, *, client_ids: Iterable[int] | None = None, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """How many campaigns are in each status (``GET /analytics/campaign/status-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            client_ids: only the campaigns of these agency clients.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._clients_report("campaign/status-stats", client_ids, options)

    # -- clients ------------------------------------------------------------------------------

    async def client_list(
        self, *, client_ids: Iterable[int] | None = None, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """The agency clients analytics can report on (``GET /analytics/client/list``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            client_ids: only these clients.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._clients_report("client/list", client_ids, options)

    async def client_month_wise_count(
        self, *, client_ids: Iterable[int] | None = None, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Agency clients added per month (``GET /analytics/client/month-wise-count``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            client_ids: only these clients.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._clients_report("client/month-wise-count", client_ids, options)

    def client_overall_stats(
        self,
        date_range: AnalyticsRange,
        *,
        filter: str | None = None,
        full_data: bool | None = None,
        page_size: int = ANALYTICS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ClientPerformance]:
        """Each agency client's figures over the range, paging on its own
        (``GET /analytics/client/overall-stats``).

        The rows' fields are not recorded: each :class:`ClientPerformance` keeps its row
        whole (``row.raw``).

        Args:
            date_range: the days, time zone and ``client_ids`` (:class:`AnalyticsRange`);
                this route takes no ``campaign_ids``.
            filter: the API's ``filter`` text for the client results.
            full_data: the API's ``full_data`` flag ("return the full data set").
            page_size: clients per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        filters = {"filter": optional(text, "filter", filter), **_flags(full_data=full_data)}
        return self._listing(
            "client/overall-stats", ClientPerformance, date_range, campaign_ids=False,
            filters=filters, page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch, options=options,
        )

    # -- day by day ---------------------------------------------------------------------------

    async def day_wise_overall_stats(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> DayWiseStats:
        """Daily sent, opened, replied, bounced and unsubscribed counts, on the day each
        event happened (``GET /analytics/day-wise-overall-stats``).

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = "day-wise-overall-stats"
        return await self._get(path, Report(DayWiseStats), _range(path, date_range), options)

    async def day_wise_overall_stats_by_sent_time(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Daily totals credited to the day each email was sent
        (``GET /analytics/day-wise-overall-stats-by-sent-time``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`); its ``timezone`` is
                required here.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "day-wise-overall-stats-by-sent-time", date_range, options, needs_timezone=True
        )

    async def day_wise_positive_reply_stats(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Daily positive replies (``GET /analytics/day-wise-positive-reply-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("day-wise-positive-reply-stats", date_range, options)

    async def day_wise_positive_reply_stats_by_sent_time(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Daily positive replies credited to the day the replied-to email was sent
        (``GET /analytics/day-wise-positive-reply-stats-by-sent-time``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`); its ``timezone`` is
                required here.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "day-wise-positive-reply-stats-by-sent-time", date_range, options, needs_timezone=True
        )

    # -- leads --------------------------------------------------------------------------------

    async def lead_category_wise_response(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Replies per lead category (``GET /analytics/lead/category-wise-response``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("lead/category-wise-response", date_range, options)

    async def lead_overall_stats(
        self, date_range: AnalyticsRange, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Lead totals (``GET /analytics/lead/overall-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report("lead/overall-stats", date_range, options)

    # -- mailboxes ----------------------------------------------------------------------------

    def mailbox_domain_wise_health_metrics(
        self,
        date_range: AnalyticsRange,
        *,
        full_data: bool | None = None,
        page_size: int = ANALYTICS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[DomainHealth]:
        """Sending health per domain, paging on its own
        (``GET /analytics/mailbox/domain-wise-health-metrics``).

        The rows' fields are not recorded: each :class:`DomainHealth` keeps its row whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            full_data: the API's ``full_data`` flag ("return the full data set").
            page_size: domains per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._listing(
            "mailbox/domain-wise-health-metrics", DomainHealth, date_range,
            filters=_flags(full_data=full_data), page_size=page_size,
            start_offset=start_offset, start_from=start_from, prefetch=prefetch, options=options,
        )

    def mailbox_name_wise_health_metrics(
        self,
        date_range: AnalyticsRange,
        *,
        full_data: bool | None = None,
        is_bounced: bool | None = None,
        page_size: int = ANALYTICS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[MailboxHealth]:
        """Sending health per mailbox, paging on its own
        (``GET /analytics/mailbox/name-wise-health-metrics``).

        The rows' fields are not recorded: each :class:`MailboxHealth` keeps its row whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            full_data: the API's ``full_data`` flag ("return the full data set").
            is_bounced: only mailboxes that had bounces (``True``) or none (``False``).
            page_size: mailboxes per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return self._listing(
            "mailbox/name-wise-health-metrics", MailboxHealth, date_range,
            filters=_flags(full_data=full_data, is_bounced=is_bounced), page_size=page_size,
            start_offset=start_offset, start_from=start_from, prefetch=prefetch, options=options,
        )

    async def mailbox_overall_stats(
        self, *, client_ids: Iterable[int] | None = None, **options: Unpack[RequestOptions]
    ) -> AnalyticsReport:
        """Mailbox totals (``GET /analytics/mailbox/overall-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            client_ids: only the mailboxes of these agency clients.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._clients_report("mailbox/overall-stats", client_ids, options)

    async def mailbox_provider_wise_overall_performance(
        self, date_range: AnalyticsRange, *, full_data: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """Performance per email provider
        (``GET /analytics/mailbox/provider-wise-overall-performance``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            full_data: the API's ``full_data`` flag ("return the full data set").
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "mailbox/provider-wise-overall-performance", date_range, options,
            full_data=full_data,
        )

    # -- account ------------------------------------------------------------------------------

    async def overall_stats_v2(
        self, date_range: AnalyticsRange, *, is_agency: bool | None = None,
        full_data: bool | None = None, **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """The account-wide overview (``GET /analytics/overall-stats-v2``).

        The catalogue records an ``{ok, data: {...}}`` answer whose counts mix numbers and
        strings, not its fields: it is kept whole, as sent.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            is_agency: the API's ``is_agency`` flag (agency accounts).
            full_data: the API's ``full_data`` flag ("return the full data set").
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "overall-stats-v2", date_range, options, is_agency=is_agency, full_data=full_data
        )

    async def team_board_overall_stats(
        self, date_range: AnalyticsRange, *, full_data: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """Each team member's figures (``GET /analytics/team-board/overall-stats``).

        The answer's shape is not recorded: it is kept whole.

        Args:
            date_range: the days and filters (:class:`AnalyticsRange`).
            full_data: the API's ``full_data`` flag ("return the full data set").
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._ranged_report(
            "team-board/overall-stats", date_range, options, full_data=full_data
        )
