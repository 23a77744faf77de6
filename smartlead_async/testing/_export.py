"""``GET /campaigns/{id}/leads-export``: a campaign's leads as CSV, built chunk by chunk.

The export streams: rows are generated while the body is sent, a few hundred at a time, so
its memory stays flat whatever the campaign's size. The lead list is copied (8 bytes a lead)
when the export starts, so writes during the download do not shift it.
"""

from __future__ import annotations

import csv
import json
from array import array
from collections.abc import Iterator
from typing import Any

from ._campaigns import Campaign
from ._data import MAP_ID_BASE, engagement, iso_ms
from ._state import State

__all__ = ["EXPORT_COLUMNS", "export_chunks"]

#: The export's columns, as the reference lists them.
EXPORT_COLUMNS = (
    "id", "campaign_lead_map_id", "status", "created_at", "first_name", "last_name", "email",
    "phone_number", "company_name", "website", "location", "custom_fields", "linkedin_profile",
    "company_url", "is_unsubscribed", "last_email_sequence_sent", "is_interested", "open_count",
    "click_count", "reply_count",
)  # fmt: skip
_ROWS_PER_CHUNK = 100
_INTERESTED = 1  # the "Interested" lead category
_BOOL = {True: "true", False: "false"}


def _row(state: State, serial: int) -> tuple[Any, ...]:
    """One lead's values, in the order of ``EXPORT_COLUMNS`` (None is written empty)."""
    leads = state.leads
    traits = leads.traits(serial)
    person = leads.person_of(serial)
    d = leads.details(person)
    got = engagement(traits, state.hash(serial))
    return (
        leads.lead_id(person), MAP_ID_BASE + serial, traits.status, iso_ms(traits.created_ms),
        d["first_name"], d["last_name"], d["email"], d["phone_number"], d["company_name"],
        d["website"], d["location"], json.dumps(d["custom_fields"], separators=(",", ":")),
        d["linkedin_profile"], d["company_url"],
        _BOOL[leads.member_unsubscribed(serial, traits)], got.emails_sent or None,
        _BOOL[traits.category == _INTERESTED], got.opens, got.clicks, got.replies,
    )  # fmt: skip


class _Parts:
    """A write-only text sink for :mod:`csv` that hands back what was written, then forgets it."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        self._parts.append(text)

    def take(self) -> bytes:
        data = "".join(self._parts).encode()
        self._parts.clear()
        return data


def export_chunks(state: State, campaign: Campaign) -> Iterator[bytes]:
    """The CSV body: the header, then the leads in list order, ``_ROWS_PER_CHUNK`` a chunk."""
    serials = array("q", campaign.leads)
    sink = _Parts()
    writer = csv.writer(sink, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for start in range(0, len(serials), _ROWS_PER_CHUNK):
        writer.writerows(_row(state, serials[i])
                         for i in range(start, min(start + _ROWS_PER_CHUNK, len(serials))))
        yield sink.take()
    if not serials:
        yield sink.take()
