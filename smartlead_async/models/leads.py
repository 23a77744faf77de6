"""Response models of the lead endpoints (``/campaigns/{id}/leads/...`` and ``/leads/...``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar

import attrs

from .._enums import CampaignStatus, LeadStatus
from ._base import Aliases, Identity, Model, model
from .common import OkResponse

__all__ = [
    "ADD_LEADS_COUNTS",
    "AccountLead",
    "AddLeadsResponse",
    "AddLeadsResult",
    "BlockListEntry",
    "BlockListResult",
    "CampaignLead",
    "EmailActivity",
    "Lead",
    "LeadActivity",
    "LeadCampaign",
    "LeadCampaignOverview",
    "LeadCategory",
    "LeadMessage",
    "LeadSequenceDetails",
    "LeadSequenceStep",
    "MessageHistory",
    "ReplyDetails",
]

#: The counters of ``<add_leads_response>``, summed over every request of one ``add``.
ADD_LEADS_COUNTS = (
    "upload_count",
    "total_leads",
    "already_added_to_campaign",
    "duplicate_count",
    "invalid_email_count",
    "unsubscribed_leads",
)


@model
class AddLeadsResponse(OkResponse):
    """The answer to one ``POST /campaigns/{id}/leads`` request (at most 100 leads)."""

    upload_count: int | None = None
    total_leads: int | None = None
    already_added_to_campaign: int | None = None
    duplicate_count: int | None = None
    invalid_email_count: int | None = None
    unsubscribed_leads: int | None = None


@attrs.frozen(kw_only=True)
class AddLeadsResult:
    """What adding any number of leads did, summed over the requests it took.

    Attributes:
        upload_count: leads added.
        total_leads: leads sent.
        already_added_to_campaign: leads that were in the campaign already.
        duplicate_count: duplicate emails.
        invalid_email_count: badly formatted emails.
        unsubscribed_leads: leads that unsubscribed from your outreach before.
        requests: how many requests were sent (one per 100 leads).
        responses: each request's own answer, in order.
    """

    upload_count: int = 0
    total_leads: int = 0
    already_added_to_campaign: int = 0
    duplicate_count: int = 0
    invalid_email_count: int = 0
    unsubscribed_leads: int = 0
    requests: int = 0
    responses: tuple[AddLeadsResponse, ...] = ()

    @classmethod
    def combine(cls, responses: Sequence[AddLeadsResponse]) -> AddLeadsResult:
        """Sum the counters of every response."""
        totals: dict[str, Any] = {
            name: sum(getattr(response, name) or 0 for response in responses)
            for name in ADD_LEADS_COUNTS
        }
        return attrs.evolve(
            cls(requests=len(responses), responses=tuple(responses)), **totals
        )


@model
class LeadMessage(Model):
    """One message of a lead's thread (``type`` is ``SENT`` or ``REPLY``).

    The newer docs send ``direction`` and ``sent_at`` (read into ``direction`` and ``time``).
    """

    aliases: ClassVar[Aliases] = {"time": ("time", "sent_at")}

    type: str | None = None
    direction: str | None = None
    message_id: str | None = None
    stats_id: str | None = None
    time: datetime | None = None
    subject: str | None = None
    email_body: str | None = None


@model
class MessageHistory(Model):
    """A lead's message thread in one campaign (the master inbox view)."""

    #: ``{history, from, to}`` (help-center) or ``{messages}`` (newer docs).
    aliases: ClassVar[Aliases] = {
        "history": ("history", "messages"), "from_email": ("from",), "to_email": ("to",),
    }

    history: list[LeadMessage] = attrs.field(factory=list)
    from_email: str | None = None
    to_email: str | None = None


@model
class LeadCategory(Model):
    """A lead category (``Interested``, ``Out Of Office``, ...)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("categories",)

    id: int
    created_at: datetime | None = None
    name: str | None = None


@model
class LeadCampaign(Model):
    """A campaign a lead belongs to (``GET /leads/{lead_id}/campaigns``)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("campaigns",)

    id: int
    status: CampaignStatus | None = None
    name: str | None = None


@model
class BlockListResult(Model):
    """The answer of ``POST /leads/add-domain-block-list``."""

    aliases: ClassVar[Aliases] = {
        "upload_count": ("uploadCount", "upload_count"),
        "total_domain_added": ("totalDomainAdded", "total_domain_added"),
    }

    upload_count: int | None = None
    total_domain_added: int | None = None


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


#: A lead's plain contact fields, in the order exports and the database sync lay them out.
CONTACT_FIELDS = (
    "first_name", "last_name", "email", "phone_number", "company_name", "website", "location",
    "linkedin_profile", "company_url",
)


@model
class CampaignLead(Model):
    """A lead's membership in a campaign (an item of ``GET /campaigns/{id}/leads``)."""

    identity: ClassVar[Identity] = ("campaign_lead_map_id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("leads",)

    campaign_lead_map_id: int
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

    identity: ClassVar[Identity] = ("email_lead_map_id",)

    lead_id: int | None = None
    email_lead_map_id: int
    campaign_id: int | None = None
    campaign_name: str | None = None
    campaign_status: CampaignStatus | None = None
    status: LeadStatus | None = None
    current_seq_num: int | None = None
    created_at: datetime | None = None
    activities: list[EmailActivity] = attrs.field(factory=list)


@model
class AccountLead(Lead):
    """A lead of the account (``GET /leads/{id}``, ``GET /leads/all``): its id is required."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("leads",)

    id: int


@model
class LeadCampaignOverview(Model):
    """A lead's standing in one campaign (``GET /leads/{id}/campaign-overview``).

    The route's answer is not documented: the fields are read under the names SmartLead uses
    elsewhere, and anything else stays in ``.extra``.
    """

    collection_keys: ClassVar[tuple[str, ...]] = ("campaigns",)
    aliases: ClassVar[Aliases] = {
        "campaign_id": ("campaign_id", "campaignId", "id"),
        "campaign_name": ("campaign_name", "campaignName", "name"),
        "campaign_status": ("campaign_status", "campaignStatus"),
        "lead_status": ("lead_status", "leadStatus", "status"),
        "campaign_lead_map_id": ("campaign_lead_map_id", "email_lead_map_id", "leadMapId"),
    }

    campaign_id: int | None = None
    campaign_name: str | None = None
    campaign_status: CampaignStatus | None = None
    lead_status: LeadStatus | None = None
    campaign_lead_map_id: int | None = None
    lead_category_id: int | None = None
    email_account_id: int | None = None


@model
class LeadSequenceStep(Model):
    """One step of a campaign's sequence as it stands for one lead."""

    aliases: ClassVar[Aliases] = {
        "seq_number": ("seq_number", "sequence_number", "seqNumber"),
        "sent_time": ("sent_time", "sentTime", "sent_at"),
        "scheduled_time": ("scheduled_time", "scheduledTime"),
    }

    seq_number: int | None = None
    subject: str | None = None
    #: ``SENT`` or ``PENDING`` in the fake; kept as SmartLead sends it.
    status: str | None = None
    sent_time: datetime | None = None
    scheduled_time: datetime | None = None


@model
class LeadSequenceDetails(Model):
    """A lead's progress through a campaign's sequence (``GET /leads/{map_id}/sequence-details``).

    The route's answer is not documented; a bare array is read as the steps.
    """

    aliases: ClassVar[Aliases] = {
        "campaign_id": ("campaign_id", "campaignId"),
        "campaign_lead_map_id": ("campaign_lead_map_id", "email_lead_map_id", "leadMapId"),
        "steps": ("steps", "sequences", "sequence_details"),
    }

    campaign_id: int | None = None
    campaign_lead_map_id: int | None = None
    email_account_id: int | None = None
    steps: list[LeadSequenceStep] = attrs.field(factory=list)


@model
class BlockListEntry(Model):
    """An entry of the global block list (``GET /leads/get-domain-block-list``)."""

    identity: ClassVar[Identity] = ("id",)

    id: int
    email_or_domain: str | None = None
    created_at: datetime | None = None
    #: How it got there (``manual`` ...).
    source: str | None = None
    #: The client it is blocked for; ``None``: the whole account.
    client_id: int | None = None
