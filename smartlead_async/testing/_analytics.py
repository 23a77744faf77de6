"""The figures of the analytics routes, computed from the fake account's own emails.

Every figure counts events of the emails the campaigns' leads received (the same emails the
statistics, message history and exports show, see ``_messages``): an email *sent*, *opened*,
*clicked*, *replied* to (*positive* when the lead's category is positive), *bounced*, and the
lead's *unsubscribe* (dated at its last email). An event counts on the day it happened, in the
request's time zone (UTC by default), or, ``by_sent``, on the day its email was sent.

Emails are attributed to a mailbox (for the mailbox routes) round-robin over the email accounts
attached to the campaign now: a campaign without accounts has none to attribute to.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any, NamedTuple

from ._campaigns import Campaign
from ._data import CATEGORIES
from ._messages import SentEmail, sent_emails
from ._state import State

__all__ = [
    "METRICS",
    "POSITIVE",
    "Figures",
    "Mail",
    "Scope",
    "mailbox_of",
    "mails",
    "percent",
    "tally",
]

#: The event counts every group of figures has.
METRICS = ("sent", "opened", "clicked", "replied", "positive_replied", "bounced", "unsubscribed")
#: Lead categories whose replies count as positive.
POSITIVE = frozenset({"Interested", "Meeting Request", "Information Request"})


class Scope(NamedTuple):
    """What a request reports on: campaigns, the days ``[first, last]`` and their zone."""

    campaigns: list[Campaign]
    first: date
    last: date
    zone: tzinfo

    def day(self, ms: int) -> date:
        """The day of an instant (epoch ms) in the scope's zone."""
        return datetime.fromtimestamp(ms / 1000, self.zone).date()

    def covers(self, ms: int) -> bool:
        """Whether an instant falls on one of the scope's days."""
        return self.first <= self.day(ms) <= self.last

    @staticmethod
    def zone_of(name: str | None) -> tzinfo:
        """The zone called ``name`` (already checked), UTC for None."""
        return UTC if name is None else zoneinfo.ZoneInfo(name)


class Mail(NamedTuple):
    """One email a lead of a campaign received, with what is known about the lead."""

    campaign: Campaign
    serial: int
    email: SentEmail
    category: str | None
    unsubscribed: bool
    last: bool  # the lead's last email so far
    first_sent_ms: int  # when the lead's first email went out

    @property
    def positive(self) -> bool:
        """Whether the lead's category counts its reply as positive."""
        return self.category in POSITIVE

    def events(self) -> Iterator[tuple[str, int]]:
        """``(metric, epoch ms)`` of everything this email counts for."""
        email = self.email
        yield "sent", email.sent_ms
        for metric, moment in (("opened", email.open_ms), ("clicked", email.click_ms),
                               ("replied", email.reply_ms)):
            if moment is not None:
                yield metric, moment
        if email.reply_ms is not None and self.positive:
            yield "positive_replied", email.reply_ms
        if email.bounced:
            yield "bounced", email.sent_ms
        if self.unsubscribed and self.last:
            yield "unsubscribed", email.sent_ms


def mails(state: State, campaigns: Iterable[Campaign]) -> Iterator[Mail]:
    """Every email the leads of ``campaigns`` received, campaign by campaign."""
    for campaign in campaigns:
        for serial in campaign.leads:
            traits = state.leads.traits(serial)
            emails = sent_emails(state, campaign, serial)
            category = CATEGORIES[traits.category - 1] if traits.category else None
            unsubscribed = state.leads.member_unsubscribed(serial, traits)
            for email in emails:
                yield Mail(campaign, serial, email, category, unsubscribed,
                           email.step == len(emails), emails[0].sent_ms)


def mailbox_of(state: State, campaign: Campaign, serial: int) -> dict[str, Any] | None:
    """The email account a lead's emails went out from, or None."""
    rows = [state.mailboxes.rows[i] for i in sorted(campaign.accounts) if i in state.mailboxes.rows]
    return rows[serial % len(rows)] if rows else None


@dataclass
class Figures:
    """The counts of one group (a campaign, a day, a mailbox...)."""

    counts: Counter[str] = field(default_factory=Counter)
    leads: set[int] = field(default_factory=set)  # leads sent an email
    opened_leads: set[int] = field(default_factory=set)

    def json(self) -> dict[str, Any]:
        """The counts and rates as the analytics routes show them."""
        sent = self.counts["sent"]
        return {
            **{metric: self.counts[metric] for metric in METRICS},
            "unique_lead_count": len(self.leads),
            "unique_open_count": len(self.opened_leads),
            "open_rate": percent(self.counts["opened"], sent),
            "reply_rate": percent(self.counts["replied"], sent),
            "bounce_rate": percent(self.counts["bounced"], sent),
            "positive_reply_rate": percent(self.counts["positive_replied"], sent),
        }


def tally(
    state: State,
    scope: Scope,
    group: Callable[[Mail, date], Hashable | None],
    *,
    by_sent: bool = False,
) -> dict[Hashable, Figures]:
    """The figures of every group ``group(mail, day)`` names (None: not counted)."""
    figures: defaultdict[Hashable, Figures] = defaultdict(Figures)
    for mail in mails(state, scope.campaigns):
        for metric, moment in mail.events():
            day = scope.day(mail.email.sent_ms if by_sent else moment)
            if not scope.first <= day <= scope.last:
                continue
            key = group(mail, day)
            if key is None:
                continue
            entry = figures[key]
            entry.counts[metric] += 1
            if metric == "sent":
                entry.leads.add(mail.serial)
            elif metric == "opened":
                entry.opened_leads.add(mail.serial)
    return dict(figures)


def percent(part: int, whole: int) -> str:
    """A rate as the API writes it: ``"12.5%"``, ``"50%"`` (``"0%"`` when nothing was sent)."""
    return f"{round(100 * part / whole, 2) if whole else 0:g}%"
