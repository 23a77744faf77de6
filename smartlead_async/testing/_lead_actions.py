"""Changes to one lead of a campaign that two families of routes make: the campaign-lead
routes (``/campaigns/{id}/leads/{lead_id}/...``) and the master inbox (keyed by the thread).
"""

from __future__ import annotations

from typing import Any

from ._campaigns import Campaign
from ._data import CATEGORIES, FINISHED, SENT
from ._http import error
from ._params import Fields
from ._state import State
from ._webhook_events import publish_category_change

__all__ = ["categorise", "resume"]


def categorise(
    state: State, campaign: Campaign, serial: int, body: Fields, *, pause: bool = False
) -> None:
    """Set the lead's category to the body's ``category_id`` (``null`` clears it).

    A new category (not a cleared one) notifies the campaign's webhooks.
    """
    if not body.has("category_id"):
        raise body.fail("category_id", "is required")
    category = body.integer("category_id", minimum=1)
    if category is not None and category > len(CATEGORIES):
        raise error(400, f"Invalid category_id - {category}")
    changes: dict[str, Any] = {"category": category}
    if pause:
        changes["status"] = "PAUSED"
    old = state.leads.traits(serial).category
    state.change_lead(serial, **changes)
    if category is not None and old != category:
        publish_category_change(state, campaign, serial, old, category)


def resume(state: State, serial: int) -> None:
    """A paused lead goes back to where its emails left it (a lead not paused is unchanged)."""
    traits = state.leads.traits(serial)
    if traits.status == "PAUSED":
        flags = traits.flags
        resumed = "COMPLETED" if flags & FINISHED else "INPROGRESS" if flags & SENT else "STARTED"
        state.change_lead(serial, status=resumed)
