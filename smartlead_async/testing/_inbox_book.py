"""What the fake's master-inbox actions store: per-thread state, emails sent from the inbox,
untracked replies. Threads themselves derive from the leads (see ``_inbox``).

Only threads an action touched are stored; every other thread's state derives from its hash
(a quarter of the replied threads unread, a few important, archived or snoozed).
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from ._data import (
    CLOCK_START_MS,
    FIRST_NAMES,
    HOUR_MS,
    LAST_NAMES,
    SUBJECTS,
    Hasher,
    iso_ms,
    mix64,
    pick,
)

__all__ = ["InboxBook", "InboxThreadInfo", "ThreadState"]

_UNTRACKED_SENDERS = ("partner", "support", "billing", "info", "hello")
_VIEWS_KEPT = 32


@dataclass(slots=True)
class ThreadState:
    """What the inbox actions changed about one thread."""

    read_ms: int | None
    important: bool = False
    archived: bool = False
    snoozed: bool = False
    revenue: int | float | None = None
    team_member_id: int | None = None
    sub_sequence_id: int | None = None
    notes: list[str] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    reminder: dict[str, Any] | None = None  # as sent
    reminder_ms: int | None = None


@dataclass(frozen=True, slots=True)
class InboxThreadInfo:
    """A snapshot of what the fake stores about an inbox thread that no route reads back.

    Attributes:
        notes: the notes added (``create-note``), oldest first.
        tasks: the tasks added (``create-task``), each as sent.
        reminder: the reminder set (``set-reminder``), as sent, or None.
        forwards: the emails forwarded from the thread (``forward-email``), each as sent.
    """

    notes: tuple[str, ...]
    tasks: tuple[dict[str, Any], ...]
    reminder: dict[str, Any] | None
    forwards: tuple[dict[str, Any], ...]


class InboxBook:
    """Thread states the actions changed, emails sent from the inbox, untracked replies."""

    def __init__(self, hasher: Hasher) -> None:
        self._hash = hasher
        self.threads: dict[int, ThreadState] = {}
        #: Message-ID -> ``{serial, email_stats_id, sent_ms, scheduled_ms}`` of each reply
        #: and forward sent from the inbox (what ``reply-status`` reads).
        self.outgoing: dict[str, dict[str, Any]] = {}
        self.forwards: dict[int, list[dict[str, Any]]] = {}
        self.untracked: list[dict[str, Any]] = []  # newest first
        #: Bumped by every change, so that the views' cache below knows it is stale.
        self.version = 0
        #: ``(view, filter, order)`` -> ``(fingerprint, thread serials)`` (see ``_inbox``).
        self.views: dict[Hashable, tuple[Hashable, array[int]]] = {}

    def state(self, serial: int) -> ThreadState:
        """The thread's current state (generated until an action changes it)."""
        stored = self.threads.get(serial)
        if stored is not None:
            return stored
        h = mix64(self._hash(11, serial))
        return ThreadState(
            read_ms=CLOCK_START_MS if h & 3 else None,  # a quarter of the replies unread
            important=(h >> 2) % 8 == 0,
            archived=(h >> 5) % 10 == 0,
            snoozed=(h >> 9) % 12 == 0,
        )

    def change(self, serial: int) -> ThreadState:
        """The thread's state, stored so that changes to it last."""
        self.version += 1
        stored = self.threads.get(serial)
        if stored is None:
            stored = self.threads[serial] = self.state(serial)
        return stored

    def record_sent(
        self, message_id: str, serial: int, email_stats_id: str, sent_ms: int,
        scheduled_ms: int | None = None,
    ) -> None:
        """Remember an email sent from the inbox (a reply or a forward) for ``reply-status``."""
        self.version += 1
        self.outgoing[message_id] = {
            "serial": serial, "email_stats_id": email_stats_id, "sent_ms": sent_ms,
            "scheduled_ms": scheduled_ms,
        }  # fmt: skip

    def remember_view(self, key: Hashable, fingerprint: Hashable, serials: array[int]) -> None:
        """Keep a view's threads (at most ``_VIEWS_KEPT`` views)."""
        if len(self.views) >= _VIEWS_KEPT:
            self.views.clear()
        self.views[key] = (fingerprint, serials)

    def info(self, serial: int) -> InboxThreadInfo:
        """A snapshot for tests."""
        thread = self.state(serial)
        reminder = None if thread.reminder is None else dict(thread.reminder)
        return InboxThreadInfo(
            tuple(thread.notes), tuple(dict(task) for task in thread.tasks), reminder,
            tuple(dict(forward) for forward in self.forwards.get(serial, ())),
        )

    def add_untracked(self, count: int, to_email: str, now_ms: int) -> None:
        """Generate ``count`` untracked replies to ``to_email``, newer than those before."""
        start = len(self.untracked)
        added = []
        for n in range(start, start + count):
            h = mix64(self._hash(12, n))
            first, last = pick(FIRST_NAMES, h), pick(LAST_NAMES, h >> 8)
            attachments = [
                {"file_name": f"brief-{n}.pdf", "file_type": "application/pdf",
                 "file_size": 10_000 + h % 90_000},
            ] if (h >> 16) % 4 == 0 else []  # fmt: skip
            added.append({
                "id": f"untracked_{n + 1:06x}",
                "from_email": f"{pick(_UNTRACKED_SENDERS, h >> 20)}.{n}@{last.lower()}.example",
                "to_email": to_email,
                "subject": "Re: " + pick(SUBJECTS, h >> 24).format(company="your team"),
                "received_at": iso_ms(now_ms - (start + count - n) * HOUR_MS),
                "has_attachments": bool(attachments),
                "body": f"<p>Hi, {first} here. Following up on our call.</p>",
                "attachments": attachments,
            })  # fmt: skip
        self.untracked[0:0] = reversed(added)
