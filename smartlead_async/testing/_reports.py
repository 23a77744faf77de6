"""Campaign reports computed from the leads: analytics, analytics by date, statistics rows.

Counters are strings where the reference shows strings. Statistics rows are one per email sent
(a lead that got three emails has three rows), in lead-list order, and page like the leads.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ._campaigns import Campaign, campaign_tags
from ._data import BOUNCED, CATEGORIES, DAY_MS, UNSUBSCRIBED, engagement, iso_ms, to_ms
from ._messages import SentEmail, sent_emails
from ._state import State

__all__ = ["STATISTICS_STATUSES", "analytics", "analytics_by_date", "statistics_page"]

#: ``email_status`` values of ``GET /campaigns/{id}/statistics``.
STATISTICS_STATUSES = ("opened", "clicked", "replied", "unsubscribed")
_COUNTERS = (
    "sent_count", "open_count", "click_count", "reply_count", "block_count", "total_count",
    "drafted_count", "bounce_count", "unsubscribed_count",
)  # fmt: skip
_LEAD_STATES = {"BLOCKED": "blocked", "STOPPED": "stopped", "COMPLETED": "completed",
                "INPROGRESS": "inprogress", "STARTED": "notStarted"}


def _tally(
    state: State, serials: Iterable[int], window: tuple[int, int] | None = None
) -> Counter[str]:
    """Email counters over some leads; with a ``[since, until)`` window (epoch ms), only the
    emails of leads last emailed within it count."""
    counts: Counter[str] = Counter()
    for serial in serials:
        counts["total_count"] += 1
        t = state.leads.traits(serial)
        counts[_LEAD_STATES.get(t.status, t.status.lower())] += 1
        if window is not None and not (
            t.last_sent_ms is not None and window[0] <= t.last_sent_ms < window[1]
        ):
            continue
        got = engagement(t, state.hash(serial))
        counts["drafted_count"] += got.emails_sent == 0
        counts["sent_count"] += got.emails_sent
        counts["unique_sent_count"] += got.emails_sent > 0
        counts["open_count"] += got.opens
        counts["unique_open_count"] += got.opens > 0
        counts["click_count"] += got.clicks
        counts["unique_click_count"] += got.clicks > 0
        counts["reply_count"] += got.replies
        counts["bounce_count"] += bool(t.flags & BOUNCED)
        counts["unsubscribed_count"] += bool(t.flags & UNSUBSCRIBED)
    return counts


def _head(state: State, campaign: Campaign) -> dict[str, Any]:
    body = state.campaign_json(campaign)
    return {name: body[name] for name in ("id", "user_id", "created_at", "status", "name")}


def analytics(state: State, campaign: Campaign) -> dict[str, Any]:
    """``GET /campaigns/{id}/analytics``."""
    counts = _tally(state, campaign.leads)
    client = state.clients.rows.get(campaign.client_id or 0)
    return {
        **_head(state, campaign),
        **{name: str(counts[name]) for name in _COUNTERS},
        "sequence_count": str(len(campaign.sequence)),
        "tags": [
            {"id": tag_id, "name": name, "color": color}
            for tag_id, name, color in campaign_tags(state.hash(3, campaign.id))
        ],
        "unique_open_count": str(counts["unique_open_count"]),
        "unique_click_count": str(counts["unique_click_count"]),
        "unique_sent_count": str(counts["unique_sent_count"]),
        "client_id": campaign.client_id,
        "client_name": client["name"] if client else None,
        "client_email": client["email"] if client else None,
        "parent_campaign_id": None,
        "campaign_lead_stats": {
            "total": counts["total_count"],
            **{name: counts[name] for name in _LEAD_STATES.values()},
        },
    }


def analytics_by_date(state: State, campaign: Campaign, start: date, end: date) -> dict[str, Any]:
    """``GET /campaigns/{id}/analytics-by-date``: leads last emailed in [start, end]."""
    window = (_midnight_ms(start), _midnight_ms(end) + DAY_MS)
    counts = _tally(state, campaign.leads, window)
    return {
        **_head(state, campaign),
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        **{name: str(counts[name]) for name in _COUNTERS},
    }


def _midnight_ms(day: date) -> int:
    return to_ms(datetime(day.year, day.month, day.day, tzinfo=UTC))


#: ``(sent after, sent before)`` in epoch ms; None is unbounded.
SentWindow = tuple[int | None, int | None]


def _rows(
    state: State, campaign: Campaign, step: int | None, status: str | None, sent: SentWindow
) -> array[int]:
    """Statistics rows as ``serial * 8 + step``, cached per filter until the leads change."""
    key = (step, status, sent)
    cached = campaign.stats_cache.get(key)
    if cached is not None:
        return cached
    rows: array[int] = array("q")
    for serial in campaign.leads:
        unsubscribed = bool(state.leads.traits(serial).flags & UNSUBSCRIBED)
        for email in sent_emails(state, campaign, serial):
            if step is not None and email.step != step:
                continue
            if not _within(email.sent_ms, sent):
                continue
            if status is not None and not {
                "opened": email.open_ms is not None,
                "clicked": email.click_ms is not None,
                "replied": email.reply_ms is not None,
                "unsubscribed": unsubscribed,
            }[status]:
                continue
            rows.append(serial * 8 + email.step)
    campaign.stats_cache[key] = rows
    return rows


def _within(moment: int, window: SentWindow) -> bool:
    after, before = window
    return (after is None or moment > after) and (before is None or moment < before)


def _email_status(email: SentEmail) -> str:
    """How far an email got: replied, clicked, opened, bounced or sent."""
    for status, moment in (("replied", email.reply_ms), ("clicked", email.click_ms),
                           ("opened", email.open_ms)):
        if moment is not None:
            return status
    return "bounced" if email.bounced else "sent"


def statistics_page(
    state: State, campaign: Campaign, *, step: int | None, status: str | None,
    sent: SentWindow, offset: int, limit: int,
) -> dict[str, Any]:
    """One page of ``GET /campaigns/{id}/statistics`` (``sent``: rows sent in that window)."""
    rows = _rows(state, campaign, step, status, sent)
    data = []
    for row in rows[offset : offset + limit]:
        serial, number = divmod(row, 8)
        t = state.leads.traits(serial)
        details = state.leads.details(state.leads.person_of(serial))
        email = sent_emails(state, campaign, serial)[number - 1]
        data.append({
            "lead_name": f"{details.get('first_name') or ''} {details.get('last_name') or ''}"
                         .strip(),
            "lead_email": details.get("email"),
            "status": _email_status(email),
            "lead_category": CATEGORIES[t.category - 1] if t.category else None,
            "sequence_number": number,
            "email_campaign_seq_id": email.sequence_id,
            "seq_variant_id": email.variant_id,
            "email_subject": email.subject,
            "email_message": email.body,
            "sent_time": iso_ms(email.sent_ms),
            "open_time": iso_ms(email.open_ms) if email.open_ms is not None else None,
            "click_time": iso_ms(email.click_ms) if email.click_ms is not None else None,
            "reply_time": iso_ms(email.reply_ms) if email.reply_ms is not None else None,
            "open_count": int(email.open_ms is not None),
            "click_count": int(email.click_ms is not None),
            "is_unsubscribed": bool(t.flags & UNSUBSCRIBED),
            "is_bounced": email.bounced,
        })  # fmt: skip
    return {"total_stats": str(len(rows)), "data": data, "offset": offset, "limit": limit}
