"""A campaign whose leads change while they are paged: the fake's ``churn_leads`` knob.

Before every ``GET /campaigns/{id}/leads`` of a churning campaign, leads are inserted at the
head of its (newest-first) list and deleted at its head or anywhere; with ``shuffle``, each
such request is held back a random moment before it reaches the server, so concurrent pages
are served (rate window, data) in a shuffled order, as a network may deliver them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ._campaigns import Campaign
from ._http import Request
from ._router import API_PREFIX

__all__ = ["Churner", "LeadChurn", "listed_campaign"]

_LEADS_LISTING = re.compile(re.escape(API_PREFIX) + r"/campaigns/(\d+)/leads/?")


@dataclass(frozen=True, slots=True)
class LeadChurn:
    """How a campaign's lead list changes before each request that lists it.

    Args:
        insert: new leads put at the head of the list.
        delete_head: leads taken off the head of the list.
        delete_anywhere: leads taken off at random places.
        shuffle: each listing request waits a random 0 to ``shuffle`` seconds before it is
            served, so concurrent pages are served in a random order.
        seed: seed of the random places and waits.
    """

    insert: int = 0
    delete_head: int = 0
    delete_anywhere: int = 0
    shuffle: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("insert", "delete_head", "delete_anywhere"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"LeadChurn.{name} must be an int >= 0, got {value!r}")
        if not self.shuffle >= 0:
            raise ValueError(f"LeadChurn.shuffle must be >= 0 seconds, got {self.shuffle!r}")


class Churner:
    """Applies one :class:`LeadChurn` to one campaign, with its own random stream."""

    def __init__(self, churn: LeadChurn) -> None:
        self.churn = churn
        self._rng = random.Random(f"churn:{churn.seed}")

    def delay(self) -> float:
        """How long the next listing request waits before it is served."""
        return self._rng.uniform(0.0, self.churn.shuffle) if self.churn.shuffle else 0.0

    def deletions(self, campaign: Campaign) -> list[int]:
        """The serials to delete now: from the head, then at random places."""
        leads = campaign.leads
        head = min(self.churn.delete_head, len(leads))
        chosen = list(leads[:head])
        rest = len(leads) - head
        picks = self._rng.sample(range(head, len(leads)), min(self.churn.delete_anywhere, rest))
        return chosen + [leads[index] for index in picks]


def listed_campaign(request: Request) -> int | None:
    """The campaign whose leads ``request`` lists, if it does."""
    if request.method != "GET":
        return None
    match = _LEADS_LISTING.fullmatch(request.path)
    return int(match.group(1)) if match else None
