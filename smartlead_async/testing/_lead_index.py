"""Every lead of the account, filtered, in ``lead.id`` order (``GET /leads/all``).

A lead (a person) matches when it passes every filter given:

* ``campaign_id`` / ``client_id``: a campaign that lists it (for ``client_id``: one of the
  client's campaigns, or one of the client's lead lists holding it);
* ``status`` / ``email_status``: one of its memberships in those campaigns (in any campaign
  when neither is given) has that status / engagement;
* ``lead_type``: ``active`` (a campaign still emails it: STARTED, INPROGRESS or PAUSED),
  ``yet_to_use`` (never in a campaign: only imported into lists), ``previously_active`` (was
  in campaigns, none emails it now), ``archived`` (the fake archives nothing: none match);
* ``list_id``: the list holds it; ``email``: its address, case-insensitive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ._campaigns import Campaign
from ._data import LeadFilter
from ._lead_lists import NO_CAMPAIGN
from ._state import State

__all__ = ["LEAD_TYPES", "AccountLeadFilter", "account_leads"]

LEAD_TYPES = ("active", "yet_to_use", "previously_active", "archived")
_ONGOING = frozenset({"STARTED", "INPROGRESS", "PAUSED"})


class AccountLeadFilter(NamedTuple):
    """The filters of ``GET /leads/all``; None means "not filtered"."""

    campaign_id: int | None = None
    status: str | None = None
    email_status: str | None = None
    lead_type: str | None = None
    list_id: int | None = None
    client_id: int | None = None
    email: str | None = None


def account_leads(
    state: State, flt: AccountLeadFilter, *, after_lead_id: int | None = None
) -> Iterator[int]:
    """The people matching ``flt`` whose lead id is above ``after_lead_id``, in id order."""
    listed = None if flt.list_id is None else state.lead_lists.rows.get(flt.list_id)
    if flt.list_id is not None and listed is None:
        return
    traits = LeadFilter(status=flt.status, email_status=flt.email_status)
    for person in state.leads.people(after_lead_id=after_lead_id):
        if listed is not None and person not in listed.people:
            continue
        if flt.email is not None and (
            str(state.leads.details(person).get("email") or "").lower()
            != flt.email.strip().lower()
        ):
            continue
        if _matches(state, person, flt, traits):
            yield person


def _matches(state: State, person: int, flt: AccountLeadFilter, traits: LeadFilter) -> bool:
    memberships = state.live_memberships(person)
    if flt.lead_type is not None and _lead_type(state, person, memberships) != flt.lead_type:
        return False
    scoped = [
        serial for serial, campaign in memberships
        if (flt.campaign_id is None or campaign.id == flt.campaign_id)
        and (flt.client_id is None or campaign.client_id == flt.client_id)
    ]  # fmt: skip
    if flt.client_id is not None and not scoped:
        in_client_list = any(
            lead_list.client_id == flt.client_id for lead_list in state.lead_lists.holding(person)
        )
        return in_client_list and traits == LeadFilter() and flt.campaign_id is None
    if flt.campaign_id is not None and not scoped:
        return False
    if traits == LeadFilter():
        return True
    return any(traits.matches(state.leads.traits(serial)) for serial in scoped)


def _lead_type(state: State, person: int, memberships: list[tuple[int, Campaign]]) -> str:
    if any(state.leads.traits(serial).status in _ONGOING for serial, _ in memberships):
        return "active"
    ever = [s for s in state.leads.memberships(person)
            if state.leads.campaign_of(s) != NO_CAMPAIGN]
    return "previously_active" if ever else "yet_to_use"
