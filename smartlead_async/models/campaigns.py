"""Response models of the campaign endpoints: campaigns, analytics, statistics, sequences."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

import attrs

from .._enums import CampaignStatus
from ._base import Aliases, Identity, Model, model
from .common import OkResponse

__all__ = [
    "AnalyticsTag",
    "Campaign",
    "CampaignAnalytics",
    "CampaignAnalyticsByDate",
    "CampaignCreated",
    "CampaignEmailAccountLink",
    "CampaignEmailAccountsAdded",
    "CampaignEmailAccountsRemoved",
    "CampaignLeadStats",
    "CampaignSchedule",
    "CampaignSequence",
    "CampaignStatistic",
    "CampaignTag",
    "EmailCounts",
    "SequenceDelay",
    "SequenceVariant",
    "Webhook",
]


@model
class CampaignTag(Model):
    """A tag on a campaign (``include_tags=True``)."""

    tag_id: int | None = None
    tag_name: str | None = None
    tag_color: str | None = None


@model
class CampaignSchedule(Model):
    """A campaign's sending schedule (``scheduler_cron_value``)."""

    aliases: ClassVar[Aliases] = {
        "start_hour": ("startHour", "start_hour"), "end_hour": ("endHour", "end_hour"),
    }

    tz: str | None = None
    days: list[int] = attrs.field(factory=list)
    start_hour: str | None = None
    end_hour: str | None = None


@model
class Campaign(Model):
    """An email campaign."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("campaigns",)

    id: int
    user_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    status: CampaignStatus | None = None
    name: str | None = None
    track_settings: list[str] = attrs.field(factory=list)
    scheduler_cron_value: CampaignSchedule | None = None
    min_time_btwn_emails: int | None = None
    max_leads_per_day: int | None = None
    stop_lead_settings: str | None = None
    schedule_start_time: datetime | None = None
    enable_ai_esp_matching: bool | None = None
    send_as_plain_text: bool | None = None
    follow_up_percentage: int | None = None
    unsubscribe_text: str | None = None
    parent_campaign_id: int | None = None
    client_id: int | None = None
    tags: list[CampaignTag] = attrs.field(factory=list)


@model
class CampaignCreated(OkResponse):
    """The answer of ``POST /campaigns/create``."""

    identity: ClassVar[Identity] = ("id",)

    id: int
    name: str | None = None
    created_at: datetime | None = None


@model
class EmailCounts(Model):
    """A campaign's email counters (sent as strings by the API, decoded as ints)."""

    id: int | None = None
    user_id: int | None = None
    created_at: datetime | None = None
    status: CampaignStatus | None = None
    name: str | None = None
    sent_count: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    reply_count: int | None = None
    block_count: int | None = None
    total_count: int | None = None
    drafted_count: int | None = None
    bounce_count: int | None = None
    unsubscribed_count: int | None = None


@model
class AnalyticsTag(Model):
    """A tag in campaign analytics."""

    id: int | None = None
    name: str | None = None
    color: str | None = None


@model
class CampaignLeadStats(Model):
    """How a campaign's leads are distributed over statuses."""

    aliases: ClassVar[Aliases] = {"not_started": ("notStarted", "not_started")}

    total: int | None = None
    blocked: int | None = None
    stopped: int | None = None
    completed: int | None = None
    inprogress: int | None = None
    not_started: int | None = None


@model
class CampaignAnalytics(EmailCounts):
    """Top-level analytics of a campaign (``GET /campaigns/{id}/analytics``)."""

    sequence_count: int | None = None
    unique_open_count: int | None = None
    unique_click_count: int | None = None
    unique_sent_count: int | None = None
    tags: list[AnalyticsTag] = attrs.field(factory=list)
    client_id: int | None = None
    client_name: str | None = None
    client_email: str | None = None
    parent_campaign_id: int | None = None
    campaign_lead_stats: CampaignLeadStats | None = None


@model
class CampaignAnalyticsByDate(EmailCounts):
    """Campaign counters over a date range (``GET /campaigns/{id}/analytics-by-date``).

    ``start_date``/``end_date`` are the calendar dates the API echoes.
    """

    start_date: date | None = None
    end_date: date | None = None


@model
class CampaignStatistic(Model):
    """One email to one lead, with its engagement (``GET /campaigns/{id}/statistics``).

    Some docs show this listing as per-sequence totals instead (``sequence_number`` with
    ``sent_count``, ``open_count``, ...): those rows fill the count fields and have no lead.
    """

    identity: ClassVar[Identity] = ("lead_email", "email_campaign_seq_id")

    lead_name: str | None = None
    lead_email: str | None = None
    lead_category: str | None = None
    status: str | None = None
    sequence_number: int | None = None
    email_campaign_seq_id: int | None = None
    seq_variant_id: int | None = None
    email_subject: str | None = None
    email_message: str | None = None
    sent_time: datetime | None = None
    open_time: datetime | None = None
    click_time: datetime | None = None
    reply_time: datetime | None = None
    sent_count: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    reply_count: int | None = None
    bounce_count: int | None = None
    unsubscribe_count: int | None = None
    is_unsubscribed: bool | None = None
    is_bounced: bool | None = None


@model
class SequenceDelay(Model):
    """How long a sequence step waits after the previous one."""

    delay_in_days: int | None = None


@model
class SequenceVariant(Model):
    """An A/B variant of a sequence step."""

    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    is_deleted: bool | None = None
    subject: str | None = None
    email_body: str | None = None
    email_campaign_seq_id: int | None = None
    variant_label: str | None = None


@model
class CampaignSequence(Model):
    """One step of a campaign's email sequence."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("sequences",)

    id: int
    created_at: datetime | None = None
    updated_at: datetime | None = None
    email_campaign_id: int | None = None
    seq_number: int | None = None
    subject: str | None = None
    email_body: str | None = None
    seq_delay_details: SequenceDelay | None = None
    sequence_variants: list[SequenceVariant] = attrs.field(factory=list)


@model
class CampaignEmailAccountLink(Model):
    """An email account attached to a campaign."""

    id: int | None = None
    email_campaign_id: int | None = None
    email_account_id: int | None = None
    updated_at: datetime | None = None


@model
class CampaignEmailAccountsAdded(OkResponse):
    """The answer of ``POST /campaigns/{id}/email-accounts``."""

    result: list[CampaignEmailAccountLink] = attrs.field(factory=list)


@model
class CampaignEmailAccountsRemoved(OkResponse):
    """The answer of ``DELETE /campaigns/{id}/email-accounts``: ``result`` is the count."""

    result: int | None = None


@model
class Webhook(Model):
    """A campaign webhook (``event_types`` are :class:`WebhookEventType` values)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("webhooks",)

    id: int
    name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    webhook_url: str | None = None
    email_campaign_id: int | None = None
    event_types: list[str] = attrs.field(factory=list)
    categories: list[str] = attrs.field(factory=list)
