"""The fake SendKit's data: campaigns and their leads, generated from the seed.

A lead is one int (its serial) until a page asks for its JSON. Ids are MongoDB-style
ObjectIds (24 hex digits: a timestamp, fixed bytes, a counter) that grow with the serial,
so a campaign's leads, served newest first, are in descending ``_id`` order: a cursor (the
``_id`` of the last lead received) selects the leads with a smaller ``_id``.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._data import COMPANIES, FIRST_NAMES, LAST_NAMES, Hasher, iso_ms, pick

__all__ = ["STATUSES", "SendkitCampaign", "SendkitState", "is_object_id", "pages_of"]

STATUSES = (
    "pending", "active", "paused", "completed", "bounced", "unsubscribed", "replied", "removed",
)  # fmt: skip
# Status from a hash byte: mostly active and pending, a few of each other.
_STATUS_BY_BYTE = tuple(
    STATUSES[sum(b >= t for t in (70, 150, 170, 200, 215, 225, 245))] for b in range(256)
)
_TAGS = ("vip", "enterprise", "warm", "eu")
_AI_TAGS = ("interested", "not_interested", "out_of_office")
_LEAD_EPOCH_S = 1_749_974_400  # 2025-06-15T08:00:00Z: lead n joins about n minutes later
_CAMPAIGN_EPOCH_S = 1_748_736_000
_DAY_MS = 86_400_000
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def is_object_id(text: str) -> bool:
    """Whether ``text`` is 24 hex digits."""
    return len(text) == 24 and set(text) <= _HEX_DIGITS


def _object_id(seconds: int, middle: int, counter: int) -> int:
    return (seconds << 64) | ((middle & 0xFF_FFFF_FFFF) << 24) | (counter & 0xFF_FFFF)


def _hex(object_id: int) -> str:
    return f"{object_id:024x}"


@dataclass
class SendkitCampaign:
    """One campaign: its id and its leads' serials, oldest first (served newest first)."""

    id: str
    name: str
    serials: array[int] = field(default_factory=lambda: array("q"))
    #: Leads added at the head / removed anywhere before each listing request.
    churn_insert: int = 0
    churn_delete: int = 0


class SendkitState:
    """Every campaign of the fake SendKit workspace, and how lead JSON is generated."""

    def __init__(self, seed: int, *, next_cursor_field: bool = False) -> None:
        self.hash = Hasher(seed)
        self.next_cursor_field = next_cursor_field
        self.campaigns: dict[str, SendkitCampaign] = {}
        self._middle = self.hash(1) >> 24  # the "machine" bytes of the ids
        self._next_serial = 0
        self._removals = 0

    # -- ids ------------------------------------------------------------------------------------

    def lead_id(self, serial: int) -> int:
        """The campaign-lead ``_id`` of ``serial`` as an int (it grows with the serial)."""
        return _object_id(_LEAD_EPOCH_S + serial * 60, self._middle, serial)

    # -- changes --------------------------------------------------------------------------------

    def add_campaign(self, name: str | None, campaign_id: str | None = None) -> SendkitCampaign:
        ordinal = len(self.campaigns)
        if campaign_id is None:
            campaign_id = _hex(_object_id(_CAMPAIGN_EPOCH_S + ordinal * 3600,
                                          self._middle ^ 7, ordinal))
        campaign = SendkitCampaign(campaign_id.lower(), name or f"Outbound {ordinal + 1}")
        self.campaigns[campaign.id] = campaign
        return campaign

    def add_leads(self, campaign: SendkitCampaign, count: int) -> None:
        """Add ``count`` new leads at the head (they are the newest)."""
        first = self._next_serial
        self._next_serial += count
        campaign.serials.extend(range(first, first + count))

    def remove_leads(self, campaign: SendkitCampaign, count: int) -> None:
        """Remove ``count`` leads from seeded random places."""
        for _ in range(min(count, len(campaign.serials))):
            self._removals += 1
            del campaign.serials[self.hash(self._removals, 99) % len(campaign.serials)]

    def churn(self, campaign: SendkitCampaign) -> None:
        """Change the campaign as its churn knobs say (before a listing request)."""
        if campaign.churn_insert:
            self.add_leads(campaign, campaign.churn_insert)
        if campaign.churn_delete:
            self.remove_leads(campaign, campaign.churn_delete)

    # -- reads ----------------------------------------------------------------------------------

    def status(self, serial: int) -> str:
        return _STATUS_BY_BYTE[self.hash(serial) & 0xFF]

    def lead_ids(self, campaign: SendkitCampaign) -> list[str]:
        """The ``_id`` of every lead of the campaign, as served (newest first)."""
        return [_hex(self.lead_id(serial)) for serial in reversed(campaign.serials)]

    def newest_first(self, campaign: SendkitCampaign, status: str | None) -> Iterator[int]:
        """The campaign's serials as served: newest first, only ``status`` if given."""
        serials = reversed(campaign.serials)
        if status is None:
            return serials
        return (serial for serial in serials if self.status(serial) == status)

    def page(
        self, campaign: SendkitCampaign, status: str | None, number: int, limit: int
    ) -> tuple[list[int], int]:
        """Page ``number`` of ``limit`` serials, and the total."""
        if status is None:
            serials = campaign.serials
            end = max(len(serials) - (number - 1) * limit, 0)
            return list(reversed(serials[max(end - limit, 0):end])), len(serials)
        matching = list(self.newest_first(campaign, status))
        start = (number - 1) * limit
        return matching[start:start + limit], len(matching)

    def after(
        self, campaign: SendkitCampaign, status: str | None, cursor: str, limit: int
    ) -> list[int]:
        """The first ``limit`` serials (newest first) whose ``_id`` is below ``cursor``."""
        below = bisect_left(campaign.serials, int(cursor, 16), key=self.lead_id)
        found: list[int] = []
        for index in range(below - 1, -1, -1):
            serial = campaign.serials[index]
            if status is None or self.status(serial) == status:
                found.append(serial)
                if len(found) == limit:
                    break
        return found

    def lead_json(self, campaign: SendkitCampaign, serial: int) -> dict[str, Any]:
        """The campaign-lead record of ``serial``, as SendKit sends it."""
        h = self.hash(serial)
        status = self.status(serial)
        first, last = pick(FIRST_NAMES, h >> 8), pick(LAST_NAMES, h >> 16)
        company, domain = pick(COMPANIES, h >> 24)
        added_ms = (_LEAD_EPOCH_S + serial * 60) * 1000
        sent_count = 0 if status == "pending" else 1 + (h >> 32) % 3
        emails = [
            {
                "sequenceStep": step,
                "variant": None if (h >> (40 + step)) & 1 else "B",
                "sentAt": iso_ms(added_ms + (step + 1) * _DAY_MS),
                "opened": bool((h >> (44 + step)) & 1),
                "clicked": bool((h >> (48 + step)) & 1) and bool((h >> (44 + step)) & 1),
                "bounced": status == "bounced" and step == sent_count - 1,
            }
            for step in range(sent_count)
        ]
        replied = status == "replied"
        return {
            "_id": _hex(self.lead_id(serial)),
            "campaignId": campaign.id,
            "leadId": {
                "_id": _hex(_object_id(_LEAD_EPOCH_S - 86_400 + serial * 60, ~self._middle,
                                       serial)),
                "email": f"{first.lower()}.{last.lower()}{serial}@{domain}",
                "firstName": first,
                "lastName": last,
                "companyName": company,
            },
            "status": status,
            "currentSequenceStep": sent_count,
            "emailsSent": emails,
            "replied": replied,
            "repliedAt": iso_ms(added_ms + (sent_count + 1) * _DAY_MS) if replied else None,
            "aiTag": pick(_AI_TAGS, h >> 52) if replied else None,
            "tags": [tag for bit, tag in enumerate(_TAGS) if (h >> (56 + bit)) & 1],
            "addedAt": iso_ms(added_ms),
        }


def pages_of(total: int, limit: int) -> int:
    """How many pages of ``limit`` hold ``total`` records."""
    return math.ceil(total / limit)
