"""``client.campaigns``: ``/campaigns`` and ``/campaigns/{id}/...``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import time

from .._constants import DEFAULT_PREFETCH
from .._enums import CampaignStatusAction, StatisticsEmailStatus, StopLeadSetting, TrackSetting
from .._exceptions import InvalidArgumentError
from .._models import Campaign
from .._models_campaigns import (
    CampaignAnalytics,
    CampaignAnalyticsByDate,
    CampaignCreated,
    CampaignStatistic,
)
from .._models_common import OkResponse
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._query import query
from .._responses import decode_model, decode_models, expect_list, expect_object
from .._transport import Transport
from .._validate import DateLike, boolean, enum_value, int_in_range, iso_datetime, positive_id
from ._args import (
    calendar_date,
    compact,
    enum_list,
    hh_mm,
    opt_bool,
    opt_enum,
    opt_id,
    opt_int,
    opt_text,
    require_any,
    text,
    timezone_name,
    weekdays,
)
from ._base import Resource
from .activities import CampaignActivities
from .campaign_email_accounts import CampaignEmailAccounts
from .leads import CampaignLeads
from .sequences import CampaignSequences
from .webhooks import CampaignWebhooks

#: The longest range ``GET /campaigns/{id}/analytics-by-date`` accepts, in days.
ANALYTICS_MAX_DAYS = 30
#: Page size limit of ``GET /campaigns/{id}/statistics`` (undocumented; leads use 100).
STATISTICS_PAGE_SIZE_MAX = 100
_SETTINGS = (
    "track_settings", "stop_lead_settings", "unsubscribe_text", "send_as_plain_text",
    "follow_up_percentage", "client_id", "enable_ai_esp_matching",
)


def _statistic_key(item: CampaignStatistic) -> tuple[str, int] | None:
    if item.lead_email is None or item.email_campaign_seq_id is None:
        return None
    return item.lead_email, item.email_campaign_seq_id


class Campaigns(Resource):
    """Campaign endpoints.

    Sub-resources: ``leads``, ``activities``, ``sequences``, ``email_accounts``, ``webhooks``.
    """

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.leads = CampaignLeads(transport)
        self.activities = CampaignActivities(transport)
        self.sequences = CampaignSequences(transport)
        self.email_accounts = CampaignEmailAccounts(transport)
        self.webhooks = CampaignWebhooks(transport)

    async def list(
        self, *, client_id: int | None = None, include_tags: bool = False
    ) -> builtins.list[Campaign]:
        """List every campaign of the account, newest first (``GET /campaigns``).

        Args:
            client_id: only campaigns of this client (agency accounts).
            include_tags: also return each campaign's tags.
        """
        params = query(
            client_id=positive_id("client_id", client_id) if client_id is not None else None,
            include_tags=boolean("include_tags", include_tags) if include_tags else None,
        )
        body, where = await self._get("/campaigns", params)
        return decode_models(expect_list(body, "campaigns", where), Campaign, where)

    async def get(self, campaign_id: int) -> Campaign:
        """Fetch one campaign (``GET /campaigns/{campaign_id}``).

        Args:
            campaign_id: the campaign.

        Raises:
            NotFoundError: no such campaign (also when the API answers 200 with no body).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        body, where = await self._get(f"/campaigns/{campaign_id}")
        return decode_model(expect_object(body, f"campaign {campaign_id}", where), Campaign, where)

    async def create(self, name: str, *, client_id: int | None = None) -> CampaignCreated:
        """Create a campaign, in the DRAFTED state (``POST /campaigns/create``).

        Args:
            name: the campaign's name.
            client_id: attach the campaign to this client (agency accounts).
        """
        body = compact(name=text("name", name), client_id=opt_id("client_id", client_id))
        return await self._write("POST", "/campaigns/create", CampaignCreated, json_body=body)

    async def delete(self, campaign_id: int) -> OkResponse:
        """Delete a campaign (``DELETE /campaigns/{campaign_id}``).

        Args:
            campaign_id: the campaign.
        """
        return await self._ok("DELETE", _path(campaign_id))

    async def update_schedule(
        self,
        campaign_id: int,
        *,
        timezone: str,
        days_of_the_week: Iterable[int],
        start_hour: str | time,
        end_hour: str | time,
        min_time_btwn_emails: int | None = None,
        max_new_leads_per_day: int | None = None,
        schedule_start_time: DateLike | None = None,
    ) -> OkResponse:
        """Set when a campaign sends (``POST /campaigns/{id}/schedule``).

        Args:
            campaign_id: the campaign.
            timezone: an IANA zone name, e.g. ``"America/Los_Angeles"``.
            days_of_the_week: days to send on, 0 (Sunday) to 6.
            start_hour: start of the sending window, ``"HH:MM"`` (24 h) or a ``time``.
            end_hour: end of the sending window, after ``start_hour``.
            min_time_btwn_emails: minutes between two emails, at least 1.
            max_new_leads_per_day: new leads contacted per day, at least 1.
            schedule_start_time: when the campaign may start sending.

        Raises:
            InvalidArgumentError: an unknown time zone, a malformed hour, a window that ends
                before it starts or a day outside 0..6 (before any request).
        """
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
            min_time_btwn_emails=opt_int("min_time_btwn_emails", min_time_btwn_emails,
                                         minimum=1),
            max_new_leads_per_day=opt_int("max_new_leads_per_day", max_new_leads_per_day,
                                          minimum=1),
            schedule_start_time=(
                iso_datetime("schedule_start_time", schedule_start_time)
                if schedule_start_time is not None else None
            ),
        )
        return await self._ok("POST", _path(campaign_id, "/schedule"), json_body=body)

    async def update_settings(
        self,
        campaign_id: int,
        *,
        track_settings: Iterable[TrackSetting | str] | TrackSetting | str | None = None,
        stop_lead_settings: StopLeadSetting | str | None = None,
        unsubscribe_text: str | None = None,
        send_as_plain_text: bool | None = None,
        follow_up_percentage: int | None = None,
        client_id: int | None = None,
        enable_ai_esp_matching: bool | None = None,
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
        """
        body = compact(
            track_settings=(
                enum_list("track_settings", track_settings, TrackSetting,
                          allow_empty_list=True)
                if track_settings is not None else None
            ),
            stop_lead_settings=opt_enum("stop_lead_settings", stop_lead_settings,
                                        StopLeadSetting),
            unsubscribe_text=opt_text("unsubscribe_text", unsubscribe_text),
            send_as_plain_text=opt_bool("send_as_plain_text", send_as_plain_text),
            follow_up_percentage=opt_int("follow_up_percentage", follow_up_percentage,
                                         minimum=0, maximum=100),
            client_id=opt_id("client_id", client_id),
            enable_ai_esp_matching=opt_bool("enable_ai_esp_matching", enable_ai_esp_matching),
        )
        require_any("update_settings", body, _SETTINGS)
        return await self._ok("POST", _path(campaign_id, "/settings"), json_body=body)

    async def set_status(
        self, campaign_id: int, status: CampaignStatusAction | str
    ) -> OkResponse:
        """Start, pause or stop a campaign (``POST /campaigns/{id}/status``).

        Args:
            campaign_id: the campaign.
            status: START, PAUSED or STOPPED (a :class:`CampaignStatusAction` or its string).
        """
        body = {"status": enum_value("status", status, CampaignStatusAction)}
        return await self._ok("POST", _path(campaign_id, "/status"), json_body=body)

    async def analytics(self, campaign_id: int) -> CampaignAnalytics:
        """A campaign's top-level analytics (``GET /campaigns/{id}/analytics``).

        Counts the API sends as strings are decoded as ints.

        Args:
            campaign_id: the campaign.

        Raises:
            NotFoundError: no such campaign (also on a 200 with an empty body).
        """
        return await self._get_object(
            _path(campaign_id, "/analytics"), CampaignAnalytics,
            f"analytics of campaign {campaign_id}",
        )

    async def analytics_by_date(
        self, campaign_id: int, *, start_date: DateLike, end_date: DateLike
    ) -> CampaignAnalyticsByDate:
        """A campaign's counters over a date range (``GET /campaigns/{id}/analytics-by-date``).

        Args:
            campaign_id: the campaign.
            start_date: first day (a ``date``, ``datetime`` or ISO string).
            end_date: last day, at most 30 days after ``start_date``.

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
        return await self._get_object(
            _path(campaign_id, "/analytics-by-date"), CampaignAnalyticsByDate,
            f"analytics of campaign {campaign_id}",
            params={"start_date": start.isoformat(), "end_date": end.isoformat()},
        )

    def statistics(
        self,
        campaign_id: int,
        *,
        email_sequence_number: int | None = None,
        email_status: StatisticsEmailStatus | str | None = None,
        page_size: int = STATISTICS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
    ) -> AsyncPaginator[CampaignStatistic]:
        """Every email of a campaign with its engagement, paging on its own.

        ``GET /campaigns/{id}/statistics``, offset/limit paging ended by ``total_stats``.
        ``async for stat in ...`` yields every row; ``await ...`` returns the first page.

        Args:
            campaign_id: the campaign.
            email_sequence_number: only emails of this sequence step (1, 2, ...).
            email_status: only emails that were opened, clicked, replied or unsubscribed.
            page_size: rows per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: how many pages may be requested at once, 1 to 100.
        """
        path = _path(campaign_id, "/statistics")
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=STATISTICS_PAGE_SIZE_MAX)
        filters = query(
            email_sequence_number=opt_int("email_sequence_number", email_sequence_number,
                                          minimum=1),
            email_status=opt_enum("email_status", email_status, StatisticsEmailStatus),
        )

        return self._paginate(
            path, CampaignStatistic, style=PaginationStyle.TOTAL, total_key="total_stats",
            key=_statistic_key, description=f"paging statistics of campaign {campaign_id}",
            filters=filters, page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
        )


def _path(campaign_id: int, suffix: str = "") -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}{suffix}"
