"""Response models of SendKit's campaign leads (camelCase JSON read through aliases)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import attrs

from .._converter import converter
from ..models._base import Aliases, Identity, Model, model
from ._enums import SendkitLeadStatus

__all__ = ["SendkitCampaignLead", "SendkitLead", "SendkitSentEmail"]


@model
class SendkitLead(Model):
    """The lead itself, as populated in a campaign-lead record (``leadId``)."""

    aliases: ClassVar[Aliases] = {
        "id": ("_id",), "first_name": ("firstName",), "last_name": ("lastName",),
        "company_name": ("companyName",),
    }

    id: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None


@model
class SendkitSentEmail(Model):
    """One email of the sequence sent to a lead (an item of ``emailsSent``)."""

    aliases: ClassVar[Aliases] = {"sequence_step": ("sequenceStep",), "sent_at": ("sentAt",)}

    sequence_step: int | None = None
    variant: str | None = None
    sent_at: datetime | None = None
    opened: bool | None = None
    clicked: bool | None = None
    bounced: bool | None = None


@model
class SendkitCampaignLead(Model):
    """A lead's membership in a SendKit campaign (an item of ``GET /campaigns/{id}/leads``).

    Identified by its ``_id`` (``id``); timestamps are timezone-aware datetimes; fields the
    SDK does not know yet stay in ``extra``.
    """

    identity: ClassVar[Identity] = ("id",)
    aliases: ClassVar[Aliases] = {
        "id": ("_id",), "lead": ("leadId",), "current_sequence_step": ("currentSequenceStep",),
        "emails_sent": ("emailsSent",), "replied_at": ("repliedAt",), "ai_tag": ("aiTag",),
        "added_at": ("addedAt",),
    }

    id: str
    #: The lead (email, name, company); an empty :class:`SendkitLead` if the server left it out.
    lead: SendkitLead = attrs.field(factory=SendkitLead)
    status: SendkitLeadStatus | None = None
    current_sequence_step: int | None = None
    emails_sent: list[SendkitSentEmail] = attrs.field(factory=list)
    replied: bool | None = None
    replied_at: datetime | None = None
    ai_tag: str | None = None
    tags: list[str] = attrs.field(factory=list)
    added_at: datetime | None = None


_structure_lead = converter.get_structure_hook(SendkitLead)


def _lead(value: Any, cls: Any) -> SendkitLead:
    """A populated lead, or (``leadId`` left unpopulated) its bare id."""
    lead: SendkitLead = _structure_lead({"_id": value} if isinstance(value, str) else value, cls)
    return lead


converter.register_structure_hook_func(lambda tp: tp is SendkitLead, _lead)
