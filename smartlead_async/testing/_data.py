"""Deterministic generated values: hashing, timestamps, name tables and lead traits.

Nothing here holds state or knows HTTP. Every generated value is a pure function of the fake's
seed and a record's serial number, so a 200,000-lead campaign costs one machine int per lead
and its JSON is built only when a page asks for it.

Numbers that arrive as strings, on purpose, as the real API does in places:

* ``total_leads`` in the campaign-leads page is always a string (documented);
* ``lead.id`` is a string on about 1 lead in 16 (those whose name hash has a zero top nibble);
* a campaign's ``max_leads_per_day`` is a string on about 1 campaign in 3;
* in activity records, ``current_seq_num`` is a string on about 1 record in 8, and an
  activity's ``open_count`` / ``click_count`` are strings on about 1 record in 8;
* analytics counters are always strings (documented).

``campaign_lead_map_id`` and ``email_lead_map_id`` are always ints (they are the dedupe keys).
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple, TypeVar

T = TypeVar("T")

MASK64 = (1 << 64) - 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LEAD_EPOCH_MS = 1_748_736_000_000  # 2025-06-01T00:00:00Z; lead n is created about n minutes later
CAMPAIGN_EPOCH_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z
CLOCK_START_MS = 1_764_579_600_000  # 2025-12-01T09:00:00Z: the virtual "now" of writes
MAP_ID_BASE = 2_433_000_000  # campaign_lead_map_id = base + membership serial
LEAD_ID_BASE = 2_995_000_000  # lead.id = base + 3 * person serial
ACTIVITY_MAP_ID_BASE = 3_100_000_000  # email_lead_map_id of activity records
ACTIVITY_LEAD_ID_BASE = 3_500_000_000
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS

LEAD_STATUSES = ("STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED")
EMAIL_STATUSES = (
    "is_opened",
    "is_clicked",
    "is_replied",
    "is_bounced",
    "is_unsubscribed",
    "is_spam",
    "is_accepted",
    "not_replied",
    "is_sender_bounced",
)

# Lead status from the low byte of the lead hash: ~20% / 40% / 25% / 8% / 7%.
STATUS_BY_BYTE = tuple(LEAD_STATUSES[sum(b >= t for t in (51, 154, 218, 238))] for b in range(256))

# Engagement flags (bits of LeadTraits.flags), used by the emailStatus filter.
SENT, OPENED, CLICKED, REPLIED = 1, 2, 4, 8
BOUNCED, UNSUBSCRIBED, SPAM, ACCEPTED, SENDER_BOUNCED = 16, 32, 64, 128, 256
FINISHED = 512  # got every step of the sequence (generated COMPLETED leads); kept when paused
_EMAIL_STATUS_TEST: dict[str, Callable[[int], bool]] = {
    "is_opened": lambda f: bool(f & OPENED),
    "is_clicked": lambda f: bool(f & CLICKED),
    "is_replied": lambda f: bool(f & REPLIED),
    "is_bounced": lambda f: bool(f & BOUNCED),
    "is_unsubscribed": lambda f: bool(f & UNSUBSCRIBED),
    "is_spam": lambda f: bool(f & SPAM),
    "is_accepted": lambda f: bool(f & ACCEPTED),
    "not_replied": lambda f: bool(f & SENT) and not f & REPLIED,
    "is_sender_bounced": lambda f: bool(f & SENDER_BOUNCED),
}

FIRST_NAMES = (
    "John", "Maria", "Wei", "Aisha", "Lucas", "Sofia", "Arjun", "Emma", "Mateo", "Yuki",
    "Olivia", "Noah", "Fatima", "Liam", "Chloe", "Diego", "Hannah", "Omar", "Zoe", "Ivan",
)  # fmt: skip
LAST_NAMES = (
    "Doe", "Garcia", "Chen", "Khan", "Silva", "Rossi", "Patel", "Muller", "Lopez", "Tanaka",
    "Smith", "Nguyen", "Haddad", "Brown", "Martin", "Novak", "Kim", "Okafor", "Dubois", "Petrov",
)  # fmt: skip
COMPANIES = (
    ("Acme Corp", "acme.com"), ("Globex", "globex.io"), ("Initech", "initech.net"),
    ("Umbrella Labs", "umbrella-labs.com"), ("Hooli", "hooli.xyz"), ("Stark Analytics", "stark.ai"),
    ("Wayne Logistics", "waynelog.com"), ("Soylent Foods", "soylent.co"),
    ("Vandelay Imports", "vandelay.com"), ("Pied Piper", "piedpiper.com"),
)  # fmt: skip
LOCATIONS = (
    "San Francisco, CA", "New York, NY", "London, UK", "Berlin, DE", "Bangalore, IN",
    "Toronto, CA", "Sydney, AU", "Austin, TX",
)  # fmt: skip
JOB_TITLES = ("CEO", "CTO", "Head of Sales", "VP Marketing", "Founder", "Ops Manager")
INDUSTRIES = ("Technology", "Logistics", "Healthcare", "Finance", "Retail", "Education")
CAMPAIGN_PREFIXES = ("Cold Outreach", "Q4 Outreach", "Webinar Follow-up", "Partner Intro")
CAMPAIGN_AUDIENCES = ("SaaS Founders", "Agency Owners", "CTOs", "E-commerce Leads")
TIMEZONES = ("America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata")
TAGS = (("Q1", "#FF5733"), ("Enterprise", "#33A1FF"), ("Warm", "#F0C080"), ("EU", "#7D3CFF"))
SUBJECTS = (
    "Quick question about your workflow",
    "Following up",
    "Idea for {company}",
    "Worth a chat?",
)
#: The account's lead categories (``GET /leads/fetch-categories``); ids 1..7 as generated.
CATEGORIES = (
    "Interested", "Meeting Request", "Not Interested", "Do Not Contact", "Information Request",
    "Out Of Office", "Wrong Person",
)  # fmt: skip


def mix64(x: int) -> int:
    """SplitMix64 finaliser: a fast, well-spread 64-bit hash of an int."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


class Hasher:
    """The seeded hash every generated value derives from: ``hasher(*ints) -> 64-bit int``."""

    __slots__ = ("salt",)

    def __init__(self, seed: int) -> None:
        self.salt = mix64(seed & MASK64)

    def __call__(self, *parts: int) -> int:
        h = self.salt
        for part in parts:
            h = mix64(h ^ (part & MASK64))
        return h


def pick(table: Sequence[T], bits: int) -> T:
    """A table entry chosen by hash bits."""
    return table[bits % len(table)]


def iso_ms(ms: int) -> str:
    """Format epoch milliseconds as ``2025-11-25T12:54:54.000Z``."""
    seconds, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def to_ms(moment: datetime) -> int:
    """Epoch milliseconds of a datetime (naive means UTC), exactly."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def optional_ms(moment: datetime | None) -> int | None:
    """:func:`to_ms`, passing ``None`` through."""
    return None if moment is None else to_ms(moment)


class Clock:
    """The fake's virtual clock: every write happens one second after the previous one."""

    __slots__ = ("now_ms",)

    def __init__(self, start_ms: int = CLOCK_START_MS) -> None:
        self.now_ms = start_ms

    def tick(self) -> int:
        """Advance one second and return the new time (epoch ms)."""
        self.now_ms += 1000
        return self.now_ms


class LeadTraits(NamedTuple):
    """Everything the filters need about one lead in one campaign."""

    status: str
    category: int | None
    flags: int
    created_ms: int
    last_sent_ms: int | None
    event_ms: int | None


def lead_category(h: int) -> int | None:
    """The generated category id (1..7) of a lead hash, or None (about 6 leads in 10)."""
    cat_byte = (h >> 8) & 0xFF
    return None if cat_byte < 150 else 1 + cat_byte % 7


def created_ms(h: int, serial: int) -> int:
    """When membership ``serial`` was created: about one minute after the previous one."""
    return LEAD_EPOCH_MS + serial * 60_000 + (h >> 44) % 60_000


def lead_traits(h: int, serial: int) -> LeadTraits:
    """The generated traits of membership ``serial`` (``h`` is its hash)."""
    status = STATUS_BY_BYTE[h & 0xFF]
    category = lead_category(h)
    created = created_ms(h, serial)
    if status == "STARTED":
        return LeadTraits(status, category, 0, created, None, None)
    r = h >> 16
    flags = SENT | (FINISHED if status == "COMPLETED" else 0)
    if (r & 0x3F) < 2:
        flags |= BOUNCED
    if ((r >> 6) & 0x7F) == 0:
        flags |= SENDER_BOUNCED
    if not flags & (BOUNCED | SENDER_BOUNCED):
        flags |= ACCEPTED
        if ((r >> 13) & 0xF) < 8:
            flags |= OPENED
            if ((r >> 17) & 0xF) < 5:
                flags |= CLICKED
        if ((r >> 21) & 0xF) < 3:
            flags |= REPLIED
    if ((r >> 25) & 0x3F) < 2:
        flags |= UNSUBSCRIBED
    if ((r >> 31) & 0x7F) == 0:
        flags |= SPAM
    last_sent_ms = created + HOUR_MS + (h >> 40) % (5 * DAY_MS)
    event_ms = last_sent_ms + (h >> 20) % DAY_MS if flags & REPLIED else last_sent_ms
    return LeadTraits(status, category, flags, created, last_sent_ms, event_ms)


class Engagement(NamedTuple):
    """How many emails a lead got and what it did with them (exports, statistics, history)."""

    emails_sent: int
    opens: int
    clicks: int
    replies: int


def engagement(t: LeadTraits, h: int) -> Engagement:
    """Derived from the flags (not the status, which writes change): leads that finished the
    sequence got 3 emails, bounced ones only the first, others 1 or 2."""
    if not t.flags & SENT:
        return Engagement(0, 0, 0, 0)
    if t.flags & (BOUNCED | SENDER_BOUNCED):
        sent = 1
    elif t.flags & FINISHED:
        sent = 3
    else:
        sent = 1 + (h >> 50) % 2
    opens = 1 + (h >> 52) % 4 if t.flags & OPENED else 0
    clicks = 1 + (h >> 56) % 2 if t.flags & CLICKED else 0
    return Engagement(sent, opens, clicks, 1 if t.flags & REPLIED else 0)


class LeadFilter(NamedTuple):
    """The filters of ``GET /campaigns/{id}/leads``; None means "not filtered"."""

    status: str | None = None
    category: int | None = None
    email_status: str | None = None
    created_gt_ms: int | None = None
    last_sent_gt_ms: int | None = None
    event_gt_ms: int | None = None

    def select(
        self, salt: int, serials: Iterable[int], overrides: Mapping[int, LeadTraits]
    ) -> array[int]:
        """The serials that match, in order; derives only the traits the filter needs.

        ``overrides`` holds the traits of leads that writes changed (or that were added
        through the API); every other lead's traits come from its hash.
        """
        status_bytes = frozenset(
            b for b in range(256) if self.status is None or STATUS_BY_BYTE[b] == self.status
        )
        full = self._replace(status=None, category=None) != LeadFilter()
        selected: array[int] = array("q")
        for serial in serials:
            if overrides and serial in overrides:
                if self.matches(overrides[serial]):
                    selected.append(serial)
                continue
            h = mix64(salt ^ serial)  # == Hasher(seed)(serial)
            if (h & 0xFF) not in status_bytes:
                continue
            if self.category is not None and lead_category(h) != self.category:
                continue
            if full and not self.matches(lead_traits(h, serial)):
                continue
            selected.append(serial)
        return selected

    def matches(self, t: LeadTraits) -> bool:
        """Whether a lead with traits ``t`` passes every filter."""
        if self.status is not None and t.status != self.status:
            return False
        if self.category is not None and t.category != self.category:
            return False
        if self.email_status is not None and not _EMAIL_STATUS_TEST[self.email_status](t.flags):
            return False
        if self.created_gt_ms is not None and not t.created_ms > self.created_gt_ms:
            return False
        if self.last_sent_gt_ms is not None and not (
            t.last_sent_ms is not None and t.last_sent_ms > self.last_sent_gt_ms
        ):
            return False
        return self.event_gt_ms is None or (
            t.event_ms is not None and t.event_ms > self.event_gt_ms
        )
