"""``client.campaigns``: ``/campaigns`` and ``/campaigns/{id}/...``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import time
from typing import Unpack

from .._args import (
    DateLike,
    calendar_date,
    compact,
    date_span,
    enum_list,
    enum_value,
    flag,
    hh_mm,
    int_in_range,
    int_text,
    iso_datetime,
    optional,
    positive_id,
    query_flag,
    renamed,
    require_any,
    text,
    timezone_name,
    wall_time,
    weekdays,
)
from .._base_client import APIClient
from .._constants import DEFAULT_PREFETCH
from .._decoding import Ack, ListOf, One, PageOf, Report
from .._enums import (
    CampaignStatusAction,
    CampaignStatusActionValue,
    StatisticsEmailStatus,
    StatisticsEmailStatusValue,
    StopLeadSetting,
    StopLeadSettingValue,
    TrackSetting,
    TrackSettingValue,
)
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models import Campaign
from ..models.analytics import AnalyticsReport, LeadStatistic, MailboxStatistic
from ..models.campaigns import (
    CampaignAnalytics,
    CampaignAnalyticsByDate,
    CampaignCreated,
    CampaignStatistic,
)
from ..models.common import OkResponse
from ..models.inputs import OutOfOfficeSettingsInput, input_json
from ._base import OK, Resource, without_retries
from .campaigns_activities import CampaignActivities
from .campaigns_email_accounts import CampaignEmailAccounts
from .campaigns_leads import CampaignLeads
from .campaigns_sequences import CampaignSequences
from .campaigns_webhooks import CampaignWebhooks

#: What ``track_settings`` takes: one setting, or several.
TrackSettings = Iterable[TrackSetting | TrackSettingValue] | TrackSetting | TrackSettingValue

#: The longest range ``GET /campaigns/{id}/analytics-by-date`` accepts, in days.
ANALYTICS_MAX_DAYS = 30
#: Page size limit of ``GET /campaigns/{id}/statistics`` (undocumented; leads use 100).
STATISTICS_PAGE_SIZE_MAX = 100
#: Page size limit of ``GET /campaigns/{id}/leads-statistics`` per the docs (voriq uses 20).
LEADS_STATISTICS_PAGE_SIZE_MAX = 100
#: Page size limit of ``GET /campaigns/{id}/mailbox-statistics`` (documented).
MAILBOX_STATISTICS_PAGE_SIZE_MAX = 20
_SETTINGS = (
    "track_settings", "stop_lead_settings", "unsubscribe_text", "send_as_plain_text",
    "follow_up_percentage", "client_id", "enable_ai_esp_matching", "name", "force_plain_text",
    "auto_pause_domain_leads_on_reply", "ignore_ss_mailbox_sending_limit",
    "bounce_autopause_threshold", "domain_level_rate_limit", "out_of_office_detection_settings",
)


class Campaigns(Resource):
    """Campaign endpoints.

    Sub-resources: ``leads``, ``activities``, ``sequences``, ``email_accounts``, ``webhooks``.
    """

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.leads = CampaignLeads(api)
        self.activities = CampaignActivities(api)
        self.sequences = CampaignSequences(api)
        self.email_accounts = CampaignEmailAccounts(api)
        self.webhooks = CampaignWebhooks(api)

    async def list(
        self, *, client_id: int | None = None, include_tags: bool = False,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[Campaign]:
        """List every campaign of the account, newest first (``GET /campaigns``).

        Args:
            client_id: only campaigns of this client (agency accounts).
            include_tags: also return each campaign's tags.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(
            client_id=optional(positive_id, "client_id", client_id),
            include_tags=query_flag("include_tags", include_tags),
        )
        return await self._request(
            "GET", "/campaigns", ListOf(Campaign), params=params, options=options
        )

    async def get(
        self, campaign_id: int, *, include_tags: bool = False, **options: Unpack[RequestOptions]
    ) -> Campaign:
        """Fetch one campaign (``GET /campaigns/{campaign_id}``).

        Args:
            campaign_id: the campaign.
            include_tags: also return the campaign's tags.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such campaign (also when the API answers 200 with no body).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        params = compact(include_tags=query_flag("include_tags", include_tags))
        return await self._request(
            "GET", _path(campaign_id), One(Campaign, f"campaign {campaign_id}"), params=params,
            options=options,
        )

    async def create(
        self, name: str, *, client_id: int | None = None, **options: Unpack[RequestOptions]
    ) -> CampaignCreated:
        """Create a campaign, in the DRAFTED state (``POST /campaigns/create``).

        Args:
            name: the campaign's name.
            client_id: attach the campaign to this client (agency accounts).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            name=text("name", name), client_id=optional(positive_id, "client_id", client_id)
        )
        return await self._request(
            "POST", "/campaigns/create", Ack(CampaignCreated), body=body, options=options
        )

    async def create_subsequence(
        self, parent_campaign_id: int, *, subsequence_name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CampaignCreated:
        """Create a subsequence: a child campaign leads move to on a condition.

        ``POST /campaigns/create-subsequence``. The conditions (``condition_events``) are an
        array whose items no source describes: pass them as
        ``extra_body={"condition_events": [...]}``. Not retried once the request may have
        reached the server (it creates a campaign).

        Args:
            parent_campaign_id: the campaign the subsequence hangs off.
            subsequence_name: the new campaign's name.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            parent_campaign_id=positive_id("parent_campaign_id", parent_campaign_id),
            subsequence_name=optional(text, "subsequence_name", subsequence_name),
        )
        return await self._request(
            "POST", "/campaigns/create-subsequence", Ack(CampaignCreated), body=body,
            options=options,
        )

    async def duplicate(
        self, campaign_id: int, *, duplicate_sub_sequence: bool | None = None,
        duplicate_client_label: bool | None = None, **options: Unpack[RequestOptions],
    ) -> CampaignCreated:
        """Copy a campaign with its sequence and settings (``POST /campaigns/{id}/duplicate``).

        The copy starts as DRAFTED, without leads. No source records the answer: it is read
        like ``create``'s (``{ok, id, name, created_at}``, also inside ``data``).

        Args:
            campaign_id: the campaign to copy.
            duplicate_sub_sequence: also copy its subsequences (SmartLead's default: no).
            duplicate_client_label: keep the copy assigned to the same client (default: no).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            duplicate_sub_sequence=optional(
                flag, "duplicate_sub_sequence", duplicate_sub_sequence
            ),
            duplicate_client_label=optional(
                flag, "duplicate_client_label", duplicate_client_label
            ),
        )
        return await self._request(
            "POST", _path(campaign_id, "/duplicate"), Ack(CampaignCreated), body=body,
            options=options,
        )

    async def send_test_email(
        self,
        campaign_id: int,
        *,
        lead_id: int,
        sequence_number: int,
        selected_email_account_id: int | None = None,
        custom_email_address: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Send a test email of one sequence step. **This sends a real email.**

        ``POST /campaigns/{id}/send-test-email`` (camelCase body). Never retried
        automatically: a retry could send the email twice (pass ``max_retries=`` to allow
        retries anyway).

        Args:
            campaign_id: the campaign.
            lead_id: the lead whose fields fill the step's variables (``leadId``).
            sequence_number: the step to send, from 1 (``sequenceNumber``).
            selected_email_account_id: the account to send from
                (``selectedEmailAccountId``); by default one of the campaign's.
            custom_email_address: send to this address instead of the lead's
                (``customEmailAddress``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            leadId=positive_id("lead_id", lead_id),
            sequenceNumber=int_in_range("sequence_number", sequence_number, minimum=1),
            selectedEmailAccountId=optional(
                positive_id, "selected_email_account_id", selected_email_account_id
            ),
            customEmailAddress=optional(text, "custom_email_address", custom_email_address),
        )
        return await self._request(
            "POST", _path(campaign_id, "/send-test-email"), OK, body=body,
            options=without_retries(options),
        )

    async def set_team_member(
        self, campaign_id: int, team_member_id: int | None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Assign the team member who owns a campaign (``POST /campaigns/{id}/team-member``).

        Args:
            campaign_id: the campaign.
            team_member_id: the team member (``teamMemberId``); ``None`` unassigns (sent as
                ``null``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"teamMemberId": optional(positive_id, "team_member_id", team_member_id)}
        return await self._request(
            "POST", _path(campaign_id, "/team-member"), OK, body=body, options=options
        )

    async def delete(self, campaign_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Delete a campaign (``DELETE /campaigns/{campaign_id}``).

        Args:
            campaign_id: the campaign.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("DELETE", _path(campaign_id), OK, options=options)

    async def update_schedule(
        self,
        campaign_id: int,
        *,
        timezone: str,
        days_of_the_week: Iterable[int],
        start_hour: str | time,
        end_hour: str | time,
        min_time_btw_emails: int | None = None,
        max_new_leads_per_day: int | None = None,
        schedule_start_time: DateLike | None = None,
        min_time_btwn_emails: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Set when a campaign sends (``POST /campaigns/{id}/schedule``).

        Args:
            campaign_id: the campaign.
            timezone: an IANA zone name, e.g. ``"America/Los_Angeles"``.
            days_of_the_week: days to send on, 0 (Sunday) to 6.
            start_hour: start of the sending window, ``"HH:MM"`` (24 h) or a ``time``.
            end_hour: end of the sending window, after ``start_hour``.
            min_time_btw_emails: minutes between two emails, at least 1 (the key the live
                API reads; the 2023 reference spelled it ``min_time_btwn_emails``).
            max_new_leads_per_day: new leads contacted per day, at least 1.
            schedule_start_time: when the campaign may start sending.
            min_time_btwn_emails: deprecated spelling of ``min_time_btw_emails``; sent as
                ``min_time_btw_emails``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: an unknown time zone, a malformed hour, a window that ends
                before it starts or a day outside 0..6 (before any request).
        """
        min_time_gap = renamed("min_time_btwn_emails", min_time_btwn_emails,
                               "min_time_btw_emails", min_time_btw_emails)
        start = hh_mm("start_hour", start_hour)
        end = hh_mm("end_hour", end_hour)
        if start >= end:
            raise InvalidArgumentError(
                f"start_hour ({start}) must be before end_hour ({end})"
            )
        body = compact(
            timezone=timezone_name("timezone", timezone),
            days_of_the_week=weekdays("days_of_the_week", days_of_the_week),
            start_hour=start,
            end_hour=end,
            min_time_btw_emails=optional(
                int_in_range, "min_time_btw_emails", min_time_gap, minimum=1
            ),
            max_new_leads_per_day=optional(
                int_in_range, "max_new_leads_per_day", max_new_leads_per_day, minimum=1
            ),
            schedule_start_time=optional(iso_datetime, "schedule_start_time", schedule_start_time),
        )
        return await self._request(
            "POST", _path(campaign_id, "/schedule"), OK, body=body, options=options
        )

    async def update_settings(
        self,
        campaign_id: int,
        *,
        track_settings: TrackSettings | None = None,
        stop_lead_settings: StopLeadSetting | StopLeadSettingValue | None = None,
        unsubscribe_text: str | None = None,
        send_as_plain_text: bool | None = None,
        follow_up_percentage: int | None = None,
        client_id: int | None = None,
        enable_ai_esp_matching: bool | None = None,
        name: str | None = None,
        force_plain_text: bool | None = None,
        auto_pause_domain_leads_on_reply: bool | None = None,
        ignore_ss_mailbox_sending_limit: bool | None = None,
        bounce_autopause_threshold: int | None = None,
        domain_level_rate_limit: bool | None = None,
        out_of_office_detection_settings: OutOfOfficeSettingsInput | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Change a campaign's general settings (``POST /campaigns/{id}/settings``).

        Only the settings given are sent.

        Args:
            campaign_id: the campaign.
            track_settings: what not to track: :class:`TrackSetting` values (``[]`` tracks
                everything).
            stop_lead_settings: when to stop emailing a lead: CLICK_ON_A_LINK or
                REPLY_TO_AN_EMAIL.
            unsubscribe_text: the unsubscribe link's text (``""`` for none).
            send_as_plain_text: send the campaign's emails as plain text.
            follow_up_percentage: share of sending capacity for follow-ups, 0 to 100.
            client_id: attach the campaign to this client.
            enable_ai_esp_matching: match leads with accounts of the same email provider.
            name: rename the campaign.
            force_plain_text: convert every email to plain text.
            auto_pause_domain_leads_on_reply: when a lead replies, pause the other leads of
                its domain.
            ignore_ss_mailbox_sending_limit: ignore the sending limit of Smart Senders
                mailboxes.
            bounce_autopause_threshold: bounces after which the campaign pauses itself, at
                least 1 (sent as a string, as the docs type it).
            domain_level_rate_limit: rate-limit sending per recipient domain.
            out_of_office_detection_settings: how out-of-office replies are handled.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            track_settings=optional(
                enum_list, "track_settings", track_settings, TrackSetting, allow_empty_list=True
            ),
            stop_lead_settings=optional(
                enum_value, "stop_lead_settings", stop_lead_settings, StopLeadSetting
            ),
            unsubscribe_text=optional(text, "unsubscribe_text", unsubscribe_text, allow_empty=True),
            send_as_plain_text=optional(flag, "send_as_plain_text", send_as_plain_text),
            follow_up_percentage=optional(
                int_in_range, "follow_up_percentage", follow_up_percentage, minimum=0, maximum=100
            ),
            client_id=optional(positive_id, "client_id", client_id),
            enable_ai_esp_matching=optional(flag, "enable_ai_esp_matching", enable_ai_esp_matching),
            name=optional(text, "name", name),
            force_plain_text=optional(flag, "force_plain_text", force_plain_text),
            auto_pause_domain_leads_on_reply=optional(
                flag, "auto_pause_domain_leads_on_reply", auto_pause_domain_leads_on_reply
            ),
            ignore_ss_mailbox_sending_limit=optional(
                flag, "ignore_ss_mailbox_sending_limit", ignore_ss_mailbox_sending_limit
            ),
            bounce_autopause_threshold=optional(
                int_text, "bounce_autopause_threshold", bounce_autopause_threshold, minimum=1
            ),
            domain_level_rate_limit=optional(
                flag, "domain_level_rate_limit", domain_level_rate_limit
            ),
            out_of_office_detection_settings=optional(
                input_json, "out_of_office_detection_settings", out_of_office_detection_settings,
                OutOfOfficeSettingsInput
            ),
        )
        require_any("update_settings", body, _SETTINGS)
        return await self._request(
            "POST", _path(campaign_id, "/settings"), OK, body=body, options=options
        )

    async def set_status(
        self, campaign_id: int, status: CampaignStatusAction | CampaignStatusActionValue,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Start, pause or stop a campaign (``POST /campaigns/{id}/status``).

        Args:
            campaign_id: the campaign.
            status: START, PAUSED or STOPPED (a :class:`CampaignStatusAction` or its string).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"status": enum_value("status", status, CampaignStatusAction)}
        return await self._request(
            "POST", _path(campaign_id, "/status"), OK, body=body, options=options
        )

    async def analytics(
        self, campaign_id: int, *, client_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> CampaignAnalytics:
        """A campaign's top-level analytics (``GET /campaigns/{id}/analytics``).

        Counts the API sends as strings are decoded as ints.

        Args:
            campaign_id: the campaign.
            client_id: the client the campaign belongs to (agency accounts).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such campaign (also on a 200 with an empty body).
        """
        return await self._request(
            "GET", _path(campaign_id, "/analytics"),
            One(CampaignAnalytics, f"analytics of campaign {campaign_id}"),
            params=compact(client_id=optional(positive_id, "client_id", client_id)),
            options=options,
        )

    async def analytics_by_date(
        self,
        campaign_id: int,
        *,
        start_date: DateLike,
        end_date: DateLike,
        time_zone: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CampaignAnalyticsByDate:
        """A campaign's counters over a date range (``GET /campaigns/{id}/analytics-by-date``).

        Args:
            campaign_id: the campaign.
            start_date: first day (a ``date``, ``datetime`` or ISO string).
            end_date: last day, at most 30 days after ``start_date``.
            time_zone: the IANA zone the days are counted in, e.g. ``"Europe/Paris"``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: ``end_date`` before ``start_date`` or more than 30 days
                after it (before any request).
        """
        start = calendar_date("start_date", start_date)
        end = calendar_date("end_date", end_date)
        if end < start:
            raise InvalidArgumentError(
                f"end_date ({end}) must not be before start_date ({start})"
            )
        if (end - start).days > ANALYTICS_MAX_DAYS:
            raise InvalidArgumentError(
                f"start_date to end_date may span at most {ANALYTICS_MAX_DAYS} days, "
                f"got {(end - start).days} ({start} to {end})"
            )
        return await self._request(
            "GET", _path(campaign_id, "/analytics-by-date"),
            One(CampaignAnalyticsByDate, f"analytics of campaign {campaign_id}"),
            params=compact(
                start_date=start.isoformat(), end_date=end.isoformat(),
                time_zone=optional(timezone_name, "time_zone", time_zone),
            ),
            options=options,
        )

    def statistics(
        self,
        campaign_id: int,
        *,
        email_sequence_number: int | None = None,
        email_status: StatisticsEmailStatus | StatisticsEmailStatusValue | None = None,
        sent_time_start_date: DateLike | None = None,
        sent_time_end_date: DateLike | None = None,
        page_size: int = STATISTICS_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[CampaignStatistic]:
        """Every email of a campaign with its engagement, paging on its own.

        ``GET /campaigns/{id}/statistics``, offset/limit paging ended by ``total_stats``.
        ``async for stat in ...`` yields every row; ``await ...`` returns the first page.

        Args:
            campaign_id: the campaign.
            email_sequence_number: only emails of this sequence step (1, 2, ...).
            email_status: only emails that were opened, clicked, replied or unsubscribed.
            sent_time_start_date: only emails sent after this instant.
            sent_time_end_date: only emails sent before this instant.
            page_size: rows per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: how many pages may be requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _path(campaign_id, "/statistics")
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=STATISTICS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        filters = compact(
            email_sequence_number=optional(
                int_in_range, "email_sequence_number", email_sequence_number, minimum=1
            ),
            email_status=optional(enum_value, "email_status", email_status, StatisticsEmailStatus),
            sent_time_start_date=optional(
                iso_datetime, "sent_time_start_date", sent_time_start_date
            ),
            sent_time_end_date=optional(iso_datetime, "sent_time_end_date", sent_time_end_date),
        )

        return self._paginate(
            path, PageOf(CampaignStatistic, total=("total_stats",)), style=PaginationStyle.TOTAL,
            description=f"paging statistics of campaign {campaign_id}",
            filters=filters, page_size=page_size, start_offset=start_offset, prefetch=prefetch,
            options=options,
        )

    async def top_level_analytics_by_date(
        self, campaign_id: int, *, start_date: DateLike, end_date: DateLike,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """A campaign's top-level analytics over a date range
        (``GET /campaigns/{id}/top-level-analytics-by-date``).

        The answer's shape is not recorded: it is kept whole (``report.data``).

        Args:
            campaign_id: the campaign.
            start_date: first day (a ``date``, ``datetime`` or ISO string), sent
                ``YYYY-MM-DD``.
            end_date: last day, not before ``start_date``.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such campaign (also on a 200 with an empty body).
        """
        start, end = date_span("start_date", start_date, "end_date", end_date)
        return await self._request(
            "GET", _path(campaign_id, "/top-level-analytics-by-date"),
            Report(AnalyticsReport, what=f"analytics of campaign {campaign_id}"),
            params={"start_date": start.isoformat(), "end_date": end.isoformat()},
            options=options,
        )

    async def sequence_analytics(
        self,
        campaign_id: int,
        *,
        start_date: DateLike,
        end_date: DateLike,
        time_zone: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """Each sequence step's figures over a date range
        (``GET /campaigns/{id}/sequence-analytics``).

        Client-only: SmartLead's official CLI calls this route, its API reference does not
        list it. The answer's shape is not recorded: it is kept whole (``report.data``).

        Args:
            campaign_id: the campaign.
            start_date: a ``date`` (sent ``YYYY-MM-DD``), a ``datetime`` (sent
                ``YYYY-MM-DD HH:MM:SS``, an aware one in ``time_zone``, else UTC) or a string
                of either form.
            end_date: the end, in the same forms, not on a day before ``start_date``.
            time_zone: the IANA zone the dates are read in (the API's default: UTC).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such campaign (also on a 200 with an empty body).
        """
        zone = optional(timezone_name, "time_zone", time_zone)
        start = wall_time("start_date", start_date, zone)
        end = wall_time("end_date", end_date, zone)
        if end[:10] < start[:10]:
            raise InvalidArgumentError(
                f"end_date ({end}) must not be on a day before start_date ({start})"
            )
        return await self._request(
            "GET", _path(campaign_id, "/sequence-analytics"),
            Report(AnalyticsReport, what=f"sequence analytics of campaign {campaign_id}"),
            params=compact(start_date=start, end_date=end, time_zone=zone), options=options,
        )

    def leads_statistics(
        self,
        campaign_id: int,
        *,
        event_time_gt: DateLike | None = None,
        page_size: int = LEADS_STATISTICS_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LeadStatistic]:
        """Each lead of a campaign with its statistics, paging on its own by ``hasMore``
        (``GET /campaigns/{id}/leads-statistics``).

        The page size is disputed: the docs allow 1 to 100, voriq caps it at 20. Paging by
        ``hasMore`` continues from the rows a page actually held, so a server that gives
        fewer rows than asked loses none. The rows' fields are not recorded: each
        :class:`LeadStatistic` keeps its row whole (``row.raw``).

        Args:
            campaign_id: the campaign.
            event_time_gt: only leads whose last event (an email sent, a reply) is later than
                this date or instant.
            page_size: leads per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _path(campaign_id, "/leads-statistics")
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=LEADS_STATISTICS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        filters = compact(event_time_gt=optional(iso_datetime, "event_time_gt", event_time_gt))
        return self._paginate(
            path, PageOf(LeadStatistic), style=PaginationStyle.HAS_MORE,
            description=f"paging lead statistics of campaign {campaign_id}", filters=filters,
            page_size=page_size, start_offset=start_offset, prefetch=prefetch, options=options,
        )

    def mailbox_statistics(
        self,
        campaign_id: int,
        *,
        client_id: int | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        time_zone: str | None = None,
        page_size: int = MAILBOX_STATISTICS_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[MailboxStatistic]:
        """Each mailbox of a campaign with its figures, paging on its own
        (``GET /campaigns/{id}/mailbox-statistics``; a page shorter than ``page_size`` is
        the last).

        The rows' fields are not recorded: each :class:`MailboxStatistic` keeps its row whole
        (``row.raw``). The route's ``private_api_key`` parameter is not offered: a key in the
        query string would travel unmasked.

        Args:
            campaign_id: the campaign.
            client_id: the client the campaign belongs to (agency accounts).
            start_date: first day (a ``date``, ``datetime`` or ISO string), sent
                ``YYYY-MM-DD``; give both dates or neither (then: the whole campaign).
            end_date: last day, not before ``start_date``.
            time_zone: the IANA zone the days are counted in (the API's default: UTC).
            page_size: mailboxes per request, 1 to 20.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _path(campaign_id, "/mailbox-statistics")
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=MAILBOX_STATISTICS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        if (start_date is None) != (end_date is None):
            raise InvalidArgumentError(
                "start_date and end_date go together: give both or neither"
            )
        span = None if start_date is None else date_span(
            "start_date", start_date, "end_date", end_date
        )
        filters = compact(
            client_id=optional(positive_id, "client_id", client_id),
            start_date=None if span is None else span[0].isoformat(),
            end_date=None if span is None else span[1].isoformat(),
            time_zone=optional(timezone_name, "time_zone", time_zone),
        )
        return self._paginate(
            path, PageOf(MailboxStatistic), style=PaginationStyle.SHORT_PAGE,
            description=f"paging mailbox statistics of campaign {campaign_id}",
            filters=filters, page_size=page_size, start_offset=start_offset,
            prefetch=prefetch, options=options,
        )


def _path(campaign_id: int, suffix: str = "") -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}{suffix}"

