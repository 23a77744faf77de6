"""Lead-activity records of ``GET /campaigns/all-leads-activities``: three ints per record."""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._campaigns import Campaign
from ._data import (
    ACTIVITY_LEAD_ID_BASE,
    ACTIVITY_MAP_ID_BASE,
    COMPANIES,
    DAY_MS,
    FIRST_NAMES,
    HOUR_MS,
    LAST_NAMES,
    SUBJECTS,
    Hasher,
    iso_ms,
    mix64,
    pick,
    to_ms,
)

__all__ = ["ActivityLog"]

_PLACEHOLDER_CAMPAIGN = (2_700_001, "Archived outreach", "COMPLETED")
_CACHE_SIZE = 32


class ActivityLog:
    """Activity records in served order: serial, event time and campaign of each."""

    def __init__(self, hasher: Hasher) -> None:
        self._hash = hasher
        self._next_serial = 1
        self.serials: array[int] = array("q")
        self.times: array[int] = array("q")
        self.campaigns: array[int] = array("q")
        self._cache: dict[tuple[int | None, int | None], array[int]] = {}

    def add(self, count: int, start: datetime, campaign_ids: list[int]) -> None:
        """Append ``count`` records, about one per hour from ``start`` (so spread over days),
        attributed to ``campaign_ids`` (or to an archived placeholder when there are none)."""
        start_ms = to_ms(start)
        for i in range(count):
            serial = self._next_serial
            self._next_serial += 1
            h = self._hash(4, serial)
            self.serials.append(serial)
            self.times.append(start_ms + i * HOUR_MS + h % HOUR_MS)
            self.campaigns.append(pick(campaign_ids, h >> 16) if campaign_ids else 0)
        self._cache.clear()

    def ids(self) -> list[int]:
        """``email_lead_map_id`` of every record, in served order."""
        return [ACTIVITY_MAP_ID_BASE + s for s in self.serials]

    def filtered(self, start_ms: int | None, end_ms: int | None) -> array[int]:
        """Indices of records whose event time is within [start, end], in order."""
        key = (start_ms, end_ms)
        cached = self._cache.get(key)
        if cached is None:
            lo = start_ms if start_ms is not None else -(1 << 62)
            hi = end_ms if end_ms is not None else 1 << 62
            cached = array("q", (i for i, t in enumerate(self.times) if lo <= t <= hi))
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def json(self, index: int, campaigns: Mapping[int, Campaign]) -> dict[str, Any]:
        """Record ``index`` as the API returns it."""
        serial, event_ms = self.serials[index], self.times[index]
        g = mix64(self._hash(4, serial))
        campaign = campaigns.get(self.campaigns[index])
        cid, cname, cstatus = (
            (campaign.id, campaign.name, campaign.status) if campaign else _PLACEHOLDER_CAMPAIGN
        )
        first = pick(FIRST_NAMES, g)
        last = pick(LAST_NAMES, g >> 8)
        company, domain = pick(COMPANIES, g >> 16)
        to_email = f"{first}.{last}.a{serial}@{domain}".lower()
        seq = 1 + (g >> 24) % 3
        replied = (g >> 28) % 5 == 0
        as_strings = (g >> 32) % 8 == 0  # numbers sent as strings on ~1 record in 8
        last_sent_ms = event_ms - 3 * HOUR_MS if replied else event_ms
        activities: list[dict[str, Any]] = []
        for n in range(1, seq + 1):
            opens, clicks = (g >> (36 + n)) % 4, (g >> (40 + n)) % 2
            reply: dict[str, Any] = {}
            if replied and n == seq:
                reply = {
                    "time": iso_ms(event_ms),
                    "reply_email_body": f"Thanks for reaching out, {first} here...",
                    "message_id": f"<reply{serial}@{domain}>",
                }
            activities.append(
                {
                    "stats_id": 10_000_000 + serial * 4 + n,
                    "message_id": f"<{serial:x}.{n}@mail.fake-smartlead.test>",
                    "subject": pick(SUBJECTS, g >> 44).format(company=company),
                    "email_body": f"Hi {first}, I wanted to reach out...",
                    "sent_time": iso_ms(last_sent_ms - (seq - n) * 2 * DAY_MS),
                    "from_email": "sender@fake-smartlead.test",
                    "to_email": to_email,
                    "email_seq_number": n,
                    "open_count": str(opens) if as_strings else opens,
                    "click_count": str(clicks) if as_strings else clicks,
                    "click_details": {},
                    "reply_details": reply,
                    "thread_replies": [],
                }
            )
        return {
            "lead_id": ACTIVITY_LEAD_ID_BASE + serial,
            "email_lead_map_id": ACTIVITY_MAP_ID_BASE + serial,
            "campaign_id": cid,
            "campaign_name": cname,
            "campaign_status": cstatus,
            "status": "COMPLETED" if seq == 3 else "INPROGRESS",
            "current_seq_num": str(seq) if as_strings else seq,
            "created_at": iso_ms(last_sent_ms - (seq - 1) * 2 * DAY_MS - DAY_MS),
            "activities": activities,
        }
