"""The master inbox of the fake: threads derived from the campaigns' leads, and what the
inbox actions store about them. Nothing here knows HTTP.

A *thread* is a membership (one lead in one campaign) that was emailed; its
``email_lead_map_id`` is the membership's ``campaign_lead_map_id``. What a thread shows comes
from the lead's traits (status, category, engagement, reply time) and the campaign; what the
inbox actions change is kept per thread in :class:`ThreadState` (only for threads an action
touched; every other thread's state derives from its hash):

* read: a thread is unread while its lead's latest reply is later than ``read_ms``; a reply
  arriving later (``FakeSmartlead.emit("EMAIL_REPLY", ...)``) makes it unread again;
* important, archived, snoozed: generated for a few replied threads (no route sets them);
* revenue, team member, subsequence, notes, tasks, reminder: set by the actions.

Which threads each view lists:

* ``inbox-replies`` and ``views`` (the custom view): replied, not archived;
* ``unread-replies``: replied, unread, not archived;
* ``important`` / ``snoozed``: replied, marked so, not archived; ``archived``: archived;
* ``sent``: every emailed thread;
* ``reminders``: threads with a reminder; ``scheduled``: threads with a reply scheduled
  later than the fake's clock; ``assigned-me``: threads assigned to the key's user.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._campaigns import Campaign, campaign_tags
from ._data import (
    ACCEPTED,
    BOUNCED,
    CLICKED,
    MAP_ID_BASE,
    OPENED,
    REPLIED,
    SENT,
    LeadFilter,
    LeadTraits,
    engagement,
    iso_ms,
    pick,
)
from ._inbox_book import InboxBook, ThreadState
from ._messages import message_history
from ._state import State

__all__ = [
    "EMAIL_STATUS_FLAGS",
    "Thread",
    "ThreadFilter",
    "find_thread",
    "thread_json",
    "view_threads",
]

#: ``filters.emailStatus`` values and the engagement flags they test ("Not Replied": emailed
#: and no reply; "Unsubscribed" is tested on the membership, see ``ThreadFilter``).
EMAIL_STATUS_FLAGS = {
    "Opened": OPENED, "Clicked": CLICKED, "Replied": REPLIED, "Bounced": BOUNCED,
    "Accepted": ACCEPTED, "Unsubscribed": 0, "Not Replied": 0,
}  # fmt: skip
_REPLIED_VIEWS = frozenset({"inbox-replies", "unread-replies", "archived", "important",
                            "snoozed", "views"})


class Thread:
    """One thread, with what the view filters and orders read (its state only when asked)."""

    __slots__ = ("_state", "book", "campaign", "serial", "traits")

    def __init__(
        self, serial: int, campaign: Campaign, traits: LeadTraits, book: InboxBook
    ) -> None:
        self.serial = serial
        self.campaign = campaign
        self.traits = traits
        self.book = book
        self._state: ThreadState | None = None

    @property
    def state(self) -> ThreadState:
        if self._state is None:
            self._state = self.book.state(self.serial)
        return self._state

    @property
    def replied(self) -> bool:
        return bool(self.traits.flags & REPLIED)

    @property
    def reply_ms(self) -> int | None:
        return self.traits.event_ms if self.replied else None

    @property
    def unread(self) -> bool:
        reply = self.reply_ms
        return reply is not None and (self.state.read_ms is None or reply > self.state.read_ms)


def find_thread(state: State, email_lead_map_id: int) -> Thread | None:
    """The emailed thread of this id, if its campaign still lists the lead."""
    serial = email_lead_map_id - MAP_ID_BASE
    if not state.leads.exists(serial) or serial in state.removed:
        return None
    campaign = state.campaigns.get(state.leads.campaign_of(serial))
    traits = state.leads.traits(serial)
    if campaign is None or not traits.flags & SENT:
        return None
    return Thread(serial, campaign, traits, state.inbox)


def email_account_of(state: State, thread: Thread) -> int | None:
    """The email account that emails the thread's lead: one of its campaign's, by hash."""
    accounts = sorted(thread.campaign.accounts)
    return pick(accounts, state.hash(13, thread.serial)) if accounts else None


def scheduled_ms(state: State, serial: int) -> int | None:
    """When the thread's next scheduled reply goes out, if one is later than the clock."""
    later = [
        record["scheduled_ms"] for record in state.inbox.outgoing.values()
        if record["serial"] == serial and (record["scheduled_ms"] or 0) > state.clock.now_ms
    ]
    return min(later) if later else None


@dataclass(frozen=True, slots=True)
class ThreadFilter:
    """The ``filters`` of a view request, parsed; empty fields do not filter."""

    search: str | None = None
    is_assigned: bool | None = None
    category_in: frozenset[int] = frozenset()
    category_not_in: frozenset[int] = frozenset()
    email_statuses: tuple[str, ...] = ()
    campaign_ids: frozenset[int] = frozenset()
    email_account_ids: frozenset[int] = frozenset()
    team_member_ids: frozenset[int] = frozenset()
    tag_ids: frozenset[int] = frozenset()
    client_ids: frozenset[int] = frozenset()
    reply_between: tuple[int, int] | None = None
    sub_sequence_id: int | None = None

    def matches(self, state: State, thread: Thread) -> bool:
        """Whether ``thread`` passes every filter given."""
        campaign, traits = thread.campaign, thread.traits
        category = traits.category
        checks = (
            not self.campaign_ids or campaign.id in self.campaign_ids,
            not self.client_ids or campaign.client_id in self.client_ids,
            self.is_assigned is None or (category is not None) == self.is_assigned,
            not self.category_in or category in self.category_in,
            not self.category_not_in or category not in self.category_not_in,
            not self.team_member_ids or thread.state.team_member_id in self.team_member_ids,
            self.sub_sequence_id is None or thread.state.sub_sequence_id == self.sub_sequence_id,
            not self.email_statuses or any(
                self._has_status(state, thread, status) for status in self.email_statuses
            ),
            self.reply_between is None or (
                thread.reply_ms is not None
                and self.reply_between[0] <= thread.reply_ms <= self.reply_between[1]
            ),
            not self.tag_ids or any(
                tag_id in self.tag_ids
                for tag_id, _, _ in campaign_tags(state.hash(3, campaign.id))
            ),
            not self.email_account_ids
            or email_account_of(state, thread) in self.email_account_ids,
        )
        return all(checks) and (self.search is None or self._found(state, thread))

    def _found(self, state: State, thread: Thread) -> bool:
        details = state.leads.details(state.leads.person_of(thread.serial))
        needle = (self.search or "").lower()
        return any(needle in str(details.get(key) or "").lower()
                   for key in ("email", "first_name", "last_name"))

    @staticmethod
    def _has_status(state: State, thread: Thread, status: str) -> bool:
        flags = thread.traits.flags
        if status == "Not Replied":
            return not flags & REPLIED
        if status == "Unsubscribed":
            return state.leads.member_unsubscribed(thread.serial, thread.traits)
        return bool(flags & EMAIL_STATUS_FLAGS[status])


def _candidates(state: State, view: str) -> Iterator[Thread]:
    """The threads ``view`` may list, before its own condition and the filters."""
    if view in ("reminders", "assigned-me", "scheduled"):
        serials: list[int] = sorted(
            {record["serial"] for record in state.inbox.outgoing.values()}
            if view == "scheduled" else state.inbox.threads
        )
        for serial in serials:
            thread = find_thread(state, MAP_ID_BASE + serial)
            if thread is not None:
                yield thread
        return
    statuses = ("is_replied",) if view in _REPLIED_VIEWS else ("is_replied", "not_replied")
    for campaign in state.campaigns.values():
        for status in statuses:
            for serial in state.filtered_leads(campaign, LeadFilter(email_status=status)):
                traits = state.leads.traits(serial)
                if traits.flags & SENT:  # a reply emitted to a lead never emailed: no thread
                    yield Thread(serial, campaign, traits, state.inbox)


def _in_view(state: State, view: str, thread: Thread) -> bool:
    if view == "sent":
        return True
    s = thread.state
    if view == "unread-replies":
        return thread.unread and not s.archived
    if view == "archived":
        return s.archived
    if view in ("important", "snoozed"):
        return (s.important if view == "important" else s.snoozed) and not s.archived
    if view == "reminders":
        return s.reminder is not None
    if view == "scheduled":
        return scheduled_ms(state, thread.serial) is not None
    if view == "assigned-me":
        return s.team_member_id == state.user_id
    return not s.archived  # inbox-replies, views


def _sort_key(state: State, sort_by: str, thread: Thread) -> tuple[int, int]:
    """Ascending key: ``*_DESC`` orders negate the time; threads without one go last."""
    if sort_by.startswith("REMINDER_TIME"):
        moment = thread.state.reminder_ms
    elif sort_by.startswith("SCHEDULED_TIME"):
        moment = scheduled_ms(state, thread.serial)
    elif sort_by == "SENT_TIME_DESC":
        moment = thread.traits.last_sent_ms
    else:
        moment = thread.reply_ms
    if moment is None:
        return (1 << 62, thread.serial)
    return (-moment if sort_by.endswith("_DESC") else moment, thread.serial)


def view_threads(state: State, view: str, flt: ThreadFilter, sort_by: str) -> array[int]:
    """The serials of the threads of ``view`` that pass ``flt``, in ``sort_by`` order.

    Kept until anything they derive from changes (a campaign's leads, accounts or client, an
    inbox action; for the scheduled view, the clock), so that paging a view costs one pass.
    """
    key = (view, flt, sort_by)
    fingerprint = (
        state.inbox.version,
        state.clock.now_ms if view == "scheduled" else None,
        tuple((c.id, c.revision, c.client_id, tuple(c.accounts))
              for c in state.campaigns.values()),
    )
    cached = state.inbox.views.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    threads = [
        thread for thread in _candidates(state, view)
        if _in_view(state, view, thread) and flt.matches(state, thread)
    ]
    threads.sort(key=lambda thread: _sort_key(state, sort_by, thread))
    serials = array("q", (thread.serial for thread in threads))
    state.inbox.remember_view(key, fingerprint, serials)
    return serials


def thread_json(state: State, thread: Thread, *, history: bool) -> dict[str, Any]:
    """One thread as the views (and ``GET /master-inbox/{id}``) return it."""
    traits, s = thread.traits, thread.state
    person = state.leads.person_of(thread.serial)
    details = state.leads.details(person)
    body: dict[str, Any] = {
        "email_lead_map_id": MAP_ID_BASE + thread.serial,
        "email_lead_id": state.leads.lead_id(person),
        "lead_first_name": details.get("first_name"),
        "lead_last_name": details.get("last_name"),
        "lead_email": details.get("email"),
        "lead_status": traits.status,
        "lead_category_id": traits.category,
        "last_sent_time": None if traits.last_sent_ms is None else iso_ms(traits.last_sent_ms),
        "last_reply_time": None if thread.reply_ms is None else iso_ms(thread.reply_ms),
        "has_new_unread_email": thread.unread,
        "email_account_id": email_account_of(state, thread),
        "revenue": s.revenue,
        "current_sequence_number": engagement(traits, state.hash(thread.serial)).emails_sent,
        "lead_next_timestamp_to_send": None,
        "is_important": s.important,
        "is_archived": s.archived,
        "is_snoozed": s.snoozed,
        "team_member_id": s.team_member_id,
        "is_pushed_to_sub_sequence": s.sub_sequence_id is not None,
        "sub_sequence_id": s.sub_sequence_id,
        "email_campaign_id": thread.campaign.id,
        "email_campaign_name": thread.campaign.name,
        "client_id": thread.campaign.client_id,
    }
    if history:
        body["email_history"] = message_history(state, thread.campaign, thread.serial)["history"]
    return body

