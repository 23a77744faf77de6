"""Campaigns of the fake account: what is stored about each, and their JSON.

A campaign's settings are generated from its hash until the API changes them; the changed
values are kept in :attr:`Campaign.settings` and win over the generated ones.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._data import DAY_MS, TAGS, TIMEZONES, LeadFilter, LeadTraits, iso_ms
from ._params import compact

__all__ = ["Campaign", "CampaignInfo", "CampaignsView", "campaign_json", "campaign_tags"]

_FILTER_CACHE_SIZE = 32


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    """A snapshot of one fake campaign, for tests: ids, names and how many leads it has."""

    id: int
    name: str
    status: str
    client_id: int | None
    lead_count: int


@dataclass(slots=True, eq=False)
class Campaign:
    """One campaign: its fields, its leads (newest first) and what hangs off it."""

    id: int
    name: str
    status: str
    client_id: int | None
    created_ms: int
    updated_ms: int | None = None
    #: JSON fields set through the API (schedule, settings), over the generated ones.
    settings: dict[str, Any] = field(default_factory=dict)
    #: Membership serials, newest first. One machine int per lead; JSON is built on demand.
    leads: array[int] = field(default_factory=lambda: array("q"))
    filter_cache: dict[LeadFilter, array[int]] = field(default_factory=dict)
    #: Rows of ``GET /campaigns/{id}/statistics`` per filter (see ``_reports``).
    stats_cache: dict[tuple[Any, ...], array[int]] = field(default_factory=dict)
    #: Sequence steps as ``GET /campaigns/{id}/sequences`` returns them, by ``seq_number``.
    sequence: list[dict[str, Any]] = field(default_factory=list)
    webhooks: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: Email account id -> the link JSON ``POST /campaigns/{id}/email-accounts`` returns.
    accounts: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: How many times the leads changed (:meth:`changed`): caches kept elsewhere compare it.
    revision: int = 0

    def info(self) -> CampaignInfo:
        """A snapshot for tests."""
        return CampaignInfo(self.id, self.name, self.status, self.client_id, len(self.leads))

    def configure(self, changes: Mapping[str, Any]) -> None:
        """Set JSON fields of the campaign (``None`` values are "not given" and ignored)."""
        self.settings.update(compact(changes))

    def changed(self) -> None:
        """Forget what was derived from the leads (a write changed them)."""
        self.filter_cache.clear()
        self.stats_cache.clear()
        self.revision += 1

    def filtered(
        self, flt: LeadFilter, salt: int, overrides: Mapping[int, LeadTraits]
    ) -> array[int]:
        """Lead serials matching ``flt``, in list order (computed once per filter, cached)."""
        if flt == LeadFilter():
            return self.leads
        cached = self.filter_cache.get(flt)
        if cached is None:
            if len(self.filter_cache) >= _FILTER_CACHE_SIZE:
                self.filter_cache.clear()
            cached = flt.select(salt, self.leads, overrides)
            self.filter_cache[flt] = cached
        return cached


class CampaignsView(Mapping[int, CampaignInfo]):
    """Live read-only mapping ``campaign id -> CampaignInfo``."""

    def __init__(self, campaigns: dict[int, Campaign]) -> None:
        self._campaigns = campaigns

    def __getitem__(self, key: int) -> CampaignInfo:
        return self._campaigns[key].info()

    def __iter__(self) -> Iterator[int]:
        return iter(self._campaigns)

    def __len__(self) -> int:
        return len(self._campaigns)

    def __repr__(self) -> str:
        return f"CampaignsView({list(self.values())!r})"


def campaign_tags(h: int) -> list[tuple[int, str, str]]:
    """``(id, name, color)`` of a campaign's tags (0 to 2), from its hash."""
    first = (h >> 44) % len(TAGS)
    return [
        (1 + (first + i) % len(TAGS), *TAGS[(first + i) % len(TAGS)]) for i in range((h >> 42) % 3)
    ]


def campaign_json(c: Campaign, h: int, user_id: int, *, include_tags: bool) -> dict[str, Any]:
    """A campaign as ``GET /campaigns`` and ``GET /campaigns/{id}`` return it."""
    max_per_day: int | str = 50 + (h >> 8) % 10 * 25
    if (h >> 16) % 3 == 0:
        max_per_day = str(max_per_day)  # a number sent as a string, like the real API
    updated_ms = c.updated_ms or c.created_ms + (h >> 20) % (30 * DAY_MS)
    body: dict[str, Any] = {
        "id": c.id,
        "user_id": user_id,
        "created_at": iso_ms(c.created_ms),
        "updated_at": iso_ms(updated_ms),
        "status": c.status,
        "name": c.name,
        "track_settings": ["DONT_EMAIL_OPEN", "DONT_LINK_CLICK"][: (h >> 24) % 3],
        "scheduler_cron_value": {
            "tz": TIMEZONES[(h >> 26) % len(TIMEZONES)],
            "days": [1, 2, 3, 4, 5],
            "endHour": "19:00",
            "startHour": "09:00",
        },
        "min_time_btwn_emails": 5 + (h >> 30) % 20,
        "max_leads_per_day": max_per_day,
        "stop_lead_settings": "REPLY_TO_AN_EMAIL",
        "schedule_start_time": None,
        "enable_ai_esp_matching": bool((h >> 35) & 1),
        "send_as_plain_text": bool((h >> 36) & 1),
        "follow_up_percentage": (h >> 37) % 5 * 10 + 20,
        "unsubscribe_text": "",
        "parent_campaign_id": None,
        "client_id": c.client_id,
    }
    body.update(c.settings)
    if include_tags:
        body["tags"] = [
            {"tag_id": tag_id, "tag_name": name, "tag_color": color}
            for tag_id, name, color in campaign_tags(h)
        ]
    return body
