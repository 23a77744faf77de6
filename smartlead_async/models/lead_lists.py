"""Response models of the lead-list endpoints (``/lead-list/...``).

SmartLead does not document what these routes answer; the names below are read from the
spellings its request bodies and neighbouring routes use (``listName``, ``list_name``...), and
everything else the server sends stays in ``.extra``.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from ._base import Aliases, Identity, Model, model

__all__ = ["LeadList"]


@model
class LeadList(Model):
    """A lead list: a named, taggable set of leads outside any campaign."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("lists", "leadLists", "lead_lists")
    aliases: ClassVar[Aliases] = {
        "name": ("listName", "list_name", "name"),
        "lead_count": ("leadCount", "lead_count", "leadsCount", "leads_count"),
        "client_id": ("client_id", "clientId"),
        "tag_ids": ("tagIds", "tag_ids"),
        "created_at": ("created_at", "createdAt"),
        "updated_at": ("updated_at", "updatedAt"),
    }

    id: int
    name: str | None = None
    lead_count: int | None = None
    client_id: int | None = None
    tag_ids: list[int] = attrs.field(factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
