"""Response models of the campaigns, leads and activities endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from ._enums import CampaignStatus, LeadStatus
from ._model_base import Model, model

__all__ = [
    "Campaign",
    "CampaignLead",
    "CampaignSchedule",
    "CampaignTag",
    "EmailActivity",
    "Lead",
    "LeadActivity",
    "Page",
    "ReplyDetails",
]

T = TypeVar("T")


@model
class CampaignTag(Model):
    """A tag on a campaign (``include_tags=True``)."""

    tag_id: int | None = None
    tag_name: str | None = None
    tag_color: str | None = None


@model
class CampaignSchedule(Model):
    """A campaign's sending schedule (``scheduler_cron_value``)."""

    json_names: ClassVar[dict[str, str]] = {"start_hour": "startHour", "end_hour": "endHour"}

    tz: str | None = None
    days: list[int] = attrs.field(factory=list)
    start_hour: str | None = None
    end_hour: str | None = None


@model
class Campaign(Model):
    """An email campaign."""

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
class Lead(Model):
    """A lead (a recipient), as nested in campaign-lead listings."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    custom_fields: dict[str, Any] = attrs.field(factory=dict)
    is_unsubscribed: bool | None = None
    unsubscribed_client_id_map: Any = None
    created_at: datetime | None = None


@model
class CampaignLead(Model):
    """A lead's membership in a campaign (an item of ``GET /campaigns/{id}/leads``)."""

    campaign_lead_map_id: int | None = None
    lead_category_id: int | None = None
    status: LeadStatus | None = None
    created_at: datetime | None = None
    #: The lead itself (an empty ``Lead`` if the server left it out).
    lead: Lead = attrs.field(factory=Lead)


@model
class ReplyDetails(Model):
    """The lead's reply to one email."""

    time: datetime | None = None
    reply_email_body: str | None = None
    message_id: str | None = None


@model
class EmailActivity(Model):
    """One email sent to a lead, with its engagement."""

    stats_id: int | None = None
    message_id: str | None = None
    subject: str | None = None
    email_body: str | None = None
    sent_time: datetime | None = None
    from_email: str | None = None
    to_email: str | None = None
    email_seq_number: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    click_details: dict[str, Any] = attrs.field(factory=dict)
    reply_details: ReplyDetails | None = None
    thread_replies: list[Any] = attrs.field(factory=list)


@model
class LeadActivity(Model):
    """A lead's activity timeline in one campaign (``/campaigns/all-leads-activities``)."""

    lead_id: int | None = None
    email_lead_map_id: int | None = None
    campaign_id: int | None = None
    campaign_name: str | None = None
    campaign_status: CampaignStatus | None = None
    status: LeadStatus | None = None
    current_seq_num: int | None = None
    created_at: datetime | None = None
    activities: list[EmailActivity] = attrs.field(factory=list)


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a paginated listing.

    Attributes:
        items: the records on this page.
        offset: the offset the page was requested at.
        total: the total the server reported (``total_leads``...), when it reports one.
        has_more: the server's ``hasMore`` flag, when it sends one.
    """

    items: list[T]
    offset: int
    total: int | None = None
    has_more: bool | None = None

    @property
    def next_offset(self) -> int:
        """The offset of the page after this one."""
        return self.offset + len(self.items)
