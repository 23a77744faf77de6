"""The emails a lead got in a campaign: one source for message history, statistics and exports.

Every email is derived from the membership's traits (how many were sent, when, what the lead
did) and the campaign's sequence (subjects and bodies); replies sent through
``POST /campaigns/{id}/reply-email-thread`` are stored and appended to the thread.

An email's ``stats_id`` is UUID-shaped and names its membership and step, so a reply can find
the thread it answers: ``xxxxxxxx-xxxx-4xxx-<step>-<membership serial>``.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ._campaigns import Campaign
from ._data import BOUNCED, DAY_MS, Engagement, engagement, iso_ms, mix64
from ._state import State

__all__ = [
    "SentEmail",
    "StepContent",
    "message_history",
    "record_reply",
    "sender_of",
    "sent_emails",
    "stats_id",
    "step_content",
    "thread_of",
]

_STATS_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-([0-9a-f]{4})-([0-9a-f]{12})")
_SENDER = "sender@fake-smartlead.test"


class SentEmail(NamedTuple):
    """One email of a campaign's sequence as a lead received it."""

    step: int
    sent_ms: int
    subject: str
    body: str
    message_id: str
    stats_id: str
    sequence_id: int | None
    variant_id: int | None
    open_ms: int | None
    click_ms: int | None
    reply_ms: int | None
    bounced: bool


def stats_id(state: State, serial: int, step: int) -> str:
    """The ``stats_id`` of email ``step`` to membership ``serial``."""
    h = state.hash(9, serial, step)
    return f"{h >> 32:08x}-{(h >> 16) & 0xFFFF:04x}-4{h & 0xFFF:03x}-{step:04x}-{serial:012x}"


def thread_of(state: State, campaign: Campaign, value: str) -> tuple[int, int] | None:
    """``(serial, step)`` of a ``stats_id`` of this campaign's emails, or None."""
    match = _STATS_ID.fullmatch(value.strip().lower())
    if match is None:
        return None
    step, serial = int(match.group(1), 16), int(match.group(2), 16)
    if stats_id(state, serial, step) != value.strip().lower() or serial in state.removed:
        return None
    if not state.leads.exists(serial) or state.leads.campaign_of(serial) != campaign.id:
        return None
    return (serial, step) if 1 <= step <= _engagement(state, serial).emails_sent else None


def _engagement(state: State, serial: int) -> Engagement:
    return engagement(state.leads.traits(serial), state.hash(serial))


def _fill(template: str, details: dict[str, Any]) -> str:
    return (template.replace("{{first_name}}", str(details.get("first_name") or ""))
            .replace("{{company_name}}", str(details.get("company_name") or "")))


class StepContent(NamedTuple):
    """What email ``step`` of a campaign's sequence says to one lead."""

    subject: str
    body: str
    message_id: str
    sequence_id: int | None
    variant_id: int | None


def step_content(state: State, campaign: Campaign, serial: int, step: int) -> StepContent:
    """Email ``step`` to membership ``serial``: its variant, filled in, and its Message-ID."""
    h = mix64(state.hash(9, serial, step))
    details = state.leads.details(state.leads.person_of(serial))
    found = [s for s in campaign.sequence if s["seq_number"] == step]
    variants = found[0]["sequence_variants"] if found else []
    variant = variants[h % len(variants)] if variants else None
    source = variant or (found[0] if found else {"subject": "", "email_body": "<p>Hi</p>"})
    return StepContent(
        subject=_fill(source["subject"], details),
        body=_fill(source["email_body"], details),
        message_id=f"<{serial:x}.{step}.{h >> 40:x}@mail.fake-smartlead.test>",
        sequence_id=found[0]["id"] if found else None,
        variant_id=variant["id"] if variant else None,
    )


def sent_emails(state: State, campaign: Campaign, serial: int) -> list[SentEmail]:
    """The emails membership ``serial`` received, first step first."""
    traits = state.leads.traits(serial)
    got = _engagement(state, serial)
    if not got.emails_sent or traits.last_sent_ms is None:
        return []
    emails = []
    for step in range(1, got.emails_sent + 1):
        h = mix64(state.hash(9, serial, step))
        sent_ms = traits.last_sent_ms - (got.emails_sent - step) * 2 * DAY_MS
        content = step_content(state, campaign, serial, step)
        opened = got.opens > 0 and (step == 1 or bool((h >> 8) & 1))
        emails.append(SentEmail(
            step=step,
            sent_ms=sent_ms,
            subject=content.subject,
            body=content.body,
            message_id=content.message_id,
            stats_id=stats_id(state, serial, step),
            sequence_id=content.sequence_id,
            variant_id=content.variant_id,
            open_ms=sent_ms + (h >> 16) % (6 * 3_600_000) if opened else None,
            click_ms=sent_ms + (h >> 24) % (8 * 3_600_000) if got.clicks and step == 1 else None,
            reply_ms=traits.event_ms if got.replies and step == got.emails_sent else None,
            bounced=bool(traits.flags & BOUNCED) and step == 1,
        ))  # fmt: skip
    return emails


def sender_of(state: State, campaign: Campaign) -> str:
    """The address a campaign sends from: its first email account's."""
    for account_id in campaign.accounts:
        row = state.mailboxes.rows.get(account_id)
        if row is not None:
            return str(row["from_email"])
    return _SENDER


def message_history(
    state: State, campaign: Campaign, serial: int, *, after: int | None = None
) -> dict[str, Any]:
    """``GET /campaigns/{id}/leads/{lead_id}/message-history`` (``after``: only messages
    later than that, epoch ms)."""
    details = state.leads.details(state.leads.person_of(serial))
    history: list[dict[str, Any]] = []
    for email in sent_emails(state, campaign, serial):
        history.append({
            "type": "SENT", "message_id": email.message_id, "stats_id": email.stats_id,
            "time": iso_ms(email.sent_ms), "email_body": email.body, "subject": email.subject,
        })  # fmt: skip
        if email.reply_ms is not None:
            history.append({
                "type": "REPLY", "message_id": f"<reply.{serial:x}@mail.example.com>",
                "stats_id": email.stats_id, "time": iso_ms(email.reply_ms),
                "email_body": f"<p>Thanks for reaching out, {details.get('first_name')} here.</p>",
            })  # fmt: skip
    history += state.leads.messages.get(serial, [])
    if after is not None:
        cutoff = iso_ms(after)  # every time here is iso_ms-formatted: text order is time order
        history = [message for message in history if message["time"] > cutoff]
    return {"history": history, "from": sender_of(state, campaign), "to": details.get("email")}


def record_reply(state: State, serial: int, step: int, body: str) -> dict[str, Any]:
    """Store a reply sent from the master inbox in the lead's thread; returns the message."""
    now = state.clock.tick()
    message = {
        "type": "SENT",
        "message_id": f"<{serial:x}.{step}.r{now:x}@mail.fake-smartlead.test>",
        "stats_id": stats_id(state, serial, step),
        "time": iso_ms(now),
        "email_body": body,
        "subject": "",
    }
    state.leads.messages.setdefault(serial, []).append(message)
    return message
