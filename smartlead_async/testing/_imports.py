"""Adding leads to a campaign (``POST /campaigns/{id}/leads``), counted as the API counts.

Each lead of the request ends in exactly one place, checked in this order:

1. ``invalid_email_count``: no email, or not shaped like ``name@domain.tld``;
2. ``duplicate_count``: the same email (case-insensitive) earlier in the same request;
3. skipped, uncounted: the email or its domain is on the global block list (unless
   ``ignore_global_block_list``);
4. ``unsubscribed_leads``: the lead unsubscribed before (unless ``ignore_unsubscribe_list``);
5. ``already_added_to_campaign``: the lead is in this campaign already;
6. ``duplicate_count`` too: the lead is in another campaign and
   ``ignore_duplicate_leads_in_other_campaign`` is true;
7. ``upload_count``: added, at the head of the campaign's list (the last of the request first).

``total_leads`` is the number of leads sent. With ``return_lead_ids`` the answer also has
``emailToLeadIdMap`` (the shape public clients read; SmartLead's docs do not show it):
``newlyAddedLeads`` (added, new to the account), ``existingLeadsInOtherCampaigns`` (added,
already in another campaign) and ``existingLeads`` (already in this campaign), each mapping
an email to its lead id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from ._campaigns import Campaign
from ._state import State

__all__ = ["ImportSettings", "import_leads", "is_email"]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class ImportSettings(NamedTuple):
    """The ``settings`` object of the request."""

    ignore_global_block_list: bool = False
    ignore_unsubscribe_list: bool = False
    ignore_duplicate_leads_in_other_campaign: bool = False
    ignore_community_bounce_list: bool = False  # the fake has no community bounce list
    return_lead_ids: bool = False


def is_email(text: str) -> bool:
    """Whether ``text`` is shaped like ``name@domain.tld``."""
    return _EMAIL.fullmatch(text) is not None


def _place(
    state: State, campaign: Campaign, email: str, settings: ImportSettings
) -> tuple[str | None, int | None]:
    """Where one (valid, first-seen) lead goes: ``(counter, person)``; counter None = add."""
    if not settings.ignore_global_block_list and state.is_blocked(email):
        return "blocked", None
    person = state.leads.find_email(email)
    if person is None:
        return None, None
    if not settings.ignore_unsubscribe_list and state.leads.is_unsubscribed(person):
        return "unsubscribed_leads", person
    campaigns = {c.id for _, c in state.live_memberships(person)}
    if campaign.id in campaigns:
        return "already_added_to_campaign", person
    if campaigns and settings.ignore_duplicate_leads_in_other_campaign:
        return "duplicate_count", person
    return None, person


def import_leads(
    state: State,
    campaign: Campaign,
    leads: Sequence[Mapping[str, Any]],
    settings: ImportSettings,
) -> dict[str, Any]:
    """Add what can be added; return the ``<add_leads_response>``."""
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    accepted: list[tuple[Mapping[str, Any], int | None]] = []
    ids: dict[str, dict[str, int]] = {
        "newlyAddedLeads": {}, "existingLeads": {}, "existingLeadsInOtherCampaigns": {},
    }  # fmt: skip
    for lead in leads:
        email = str(lead.get("email") or "").strip()
        if not is_email(email):
            counts["invalid_email_count"] += 1
            continue
        if email.lower() in seen:
            counts["duplicate_count"] += 1
            continue
        seen.add(email.lower())
        counter, person = _place(state, campaign, email, settings)
        if counter == "already_added_to_campaign" and person is not None:
            ids["existingLeads"][email] = state.leads.lead_id(person)
        if counter is not None:
            counts[counter] += 1
            continue
        accepted.append(({**lead, "email": email}, person))
    serials = state.leads.allocate(campaign.id, len(accepted))
    for serial, (lead, person) in zip(serials, accepted, strict=True):
        state.leads.add(serial, lead, person)
        kind = "newlyAddedLeads" if person is None else "existingLeadsInOtherCampaigns"
        ids[kind][lead["email"]] = state.leads.lead_id(state.leads.person_of(serial))
    state.insert(campaign, serials)
    answer: dict[str, Any] = {
        "ok": True,
        "upload_count": len(accepted),
        "total_leads": len(leads),
        "already_added_to_campaign": counts["already_added_to_campaign"],
        "duplicate_count": counts["duplicate_count"],
        "invalid_email_count": counts["invalid_email_count"],
        "unsubscribed_leads": counts["unsubscribed_leads"],
    }
    if settings.return_lead_ids:
        answer["emailToLeadIdMap"] = ids
    return answer
