"""An in-memory fake SmartLead server: state, deterministic data, request handling (ASGI).

Layout of this module, top to bottom:

1. deterministic data generation (hashing, timestamps, lead/campaign/activity JSON);
2. ``_State``: campaigns, leads and activities held compactly (one int per lead);
3. HTTP primitives (``Request``, ``Response``, outcomes) and strict query validation;
4. the route table: one small handler function per endpoint, registered with ``@route``;
5. the request pipeline: stats -> auth -> rate window -> faults -> router, each a wrapper;
6. ``FakeSmartlead``: the public facade and the ASGI application.

Adding an endpoint (e.g. a write path) is one function::

    @route("POST", r"/campaigns/(?P<campaign_id>[^/]+)/leads/(?P<lead_id>[^/]+)/pause/?")
    def _pause_lead(state: _State, request: Request, params: dict[str, str]) -> Response:
        campaign = state.campaign(_campaign_id(params))
        ...
        return json_response(200, {"ok": True, "data": "success"})

Numbers that arrive as strings, on purpose, as the real API does in places:

* ``total_leads`` in the campaign-leads page is always a string (documented);
* ``lead.id`` is a string on about 1 lead in 16 (those whose name hash has a zero top nibble);
* a campaign's ``max_leads_per_day`` is a string on about 1 campaign in 3;
* in activity records, ``current_seq_num`` is a string on about 1 record in 8, and an
  activity's ``open_count`` / ``click_count`` are strings on about 1 record in 8.

``campaign_lead_map_id`` and ``email_lead_map_id`` are always ints (they are the dedupe keys).
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from array import array
from collections import Counter
from collections.abc import (
    Awaitable,
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
)
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import parse_qs

import anyio
import httpx

from ._faults import (
    ConnectionAbort,
    FaultInjector,
    FaultKind,
    Faults,
    Latency,
    SlidingWindow,
)
from ._server import FakeTransport, serve_app

if TYPE_CHECKING:
    from smartlead_async import SmartleadClient  # type: ignore[attr-defined, unused-ignore]

__all__ = ["CampaignInfo", "FakeSmartlead", "FakeStats", "LogEntry", "Request", "Response"]

log = logging.getLogger("smartlead_async.testing")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

API_PREFIX = "/api/v1"
IN_PROCESS_ORIGIN = "http://fake-smartlead.test"

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
LEADS_PAGE_MAX = 100
ACTIVITIES_PAGE_MAX = 1000
DEFAULT_ACTIVITY_START = datetime(2025, 11, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------------------------
# 1. Deterministic data generation
# ---------------------------------------------------------------------------------------------

_MASK64 = (1 << 64) - 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LEAD_EPOCH_MS = 1_748_736_000_000  # 2025-06-01T00:00:00Z; lead n is created about n minutes later
_CAMPAIGN_EPOCH_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z
_MAP_ID_BASE = 2_433_000_000  # campaign_lead_map_id = base + lead serial
_LEAD_ID_BASE = 2_995_000_000  # lead.id = base + 3 * serial
_ACTIVITY_MAP_ID_BASE = 3_100_000_000  # email_lead_map_id of activity records
_ACTIVITY_LEAD_ID_BASE = 3_500_000_000
_PLACEHOLDER_CAMPAIGN = (2_700_001, "Archived outreach", "COMPLETED")
_HOUR_MS = 3_600_000
_DAY_MS = 24 * _HOUR_MS

# Lead status from the low byte of the lead hash: ~20% / 40% / 25% / 8% / 7%.
_STATUS_BY_BYTE = tuple(LEAD_STATUSES[sum(b >= t for t in (51, 154, 218, 238))] for b in range(256))

# Engagement flags (bits of _LeadTraits.flags), used by the emailStatus filter.
_SENT, _OPENED, _CLICKED, _REPLIED = 1, 2, 4, 8
_BOUNCED, _UNSUBSCRIBED, _SPAM, _ACCEPTED, _SENDER_BOUNCED = 16, 32, 64, 128, 256
_EMAIL_STATUS_TEST: dict[str, Callable[[int], bool]] = {
    "is_opened": lambda f: bool(f & _OPENED),
    "is_clicked": lambda f: bool(f & _CLICKED),
    "is_replied": lambda f: bool(f & _REPLIED),
    "is_bounced": lambda f: bool(f & _BOUNCED),
    "is_unsubscribed": lambda f: bool(f & _UNSUBSCRIBED),
    "is_spam": lambda f: bool(f & _SPAM),
    "is_accepted": lambda f: bool(f & _ACCEPTED),
    "not_replied": lambda f: bool(f & _SENT) and not f & _REPLIED,
    "is_sender_bounced": lambda f: bool(f & _SENDER_BOUNCED),
}

_FIRST_NAMES = (
    "John", "Maria", "Wei", "Aisha", "Lucas", "Sofia", "Arjun", "Emma", "Mateo", "Yuki",
    "Olivia", "Noah", "Fatima", "Liam", "Chloe", "Diego", "Hannah", "Omar", "Zoe", "Ivan",
)  # fmt: skip
_LAST_NAMES = (
    "Doe", "Garcia", "Chen", "Khan", "Silva", "Rossi", "Patel", "Muller", "Lopez", "Tanaka",
    "Smith", "Nguyen", "Haddad", "Brown", "Martin", "Novak", "Kim", "Okafor", "Dubois", "Petrov",
)  # fmt: skip
_COMPANIES = (
    ("Acme Corp", "acme.com"), ("Globex", "globex.io"), ("Initech", "initech.net"),
    ("Umbrella Labs", "umbrella-labs.com"), ("Hooli", "hooli.xyz"), ("Stark Analytics", "stark.ai"),
    ("Wayne Logistics", "waynelog.com"), ("Soylent Foods", "soylent.co"),
    ("Vandelay Imports", "vandelay.com"), ("Pied Piper", "piedpiper.com"),
)  # fmt: skip
_LOCATIONS = (
    "San Francisco, CA", "New York, NY", "London, UK", "Berlin, DE", "Bangalore, IN",
    "Toronto, CA", "Sydney, AU", "Austin, TX",
)  # fmt: skip
_JOB_TITLES = ("CEO", "CTO", "Head of Sales", "VP Marketing", "Founder", "Ops Manager")
_INDUSTRIES = ("Technology", "Logistics", "Healthcare", "Finance", "Retail", "Education")
_CAMPAIGN_PREFIXES = ("Cold Outreach", "Q4 Outreach", "Webinar Follow-up", "Partner Intro")
_CAMPAIGN_AUDIENCES = ("SaaS Founders", "Agency Owners", "CTOs", "E-commerce Leads")
_TIMEZONES = ("America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata")
_TAGS = (("Q1", "#FF5733"), ("Enterprise", "#33A1FF"), ("Warm", "#F0C080"), ("EU", "#7D3CFF"))
_SUBJECTS = (
    "Quick question about your workflow",
    "Following up",
    "Idea for {company}",
    "Worth a chat?",
)


def _mix64(x: int) -> int:
    """SplitMix64 finaliser: a fast, well-spread 64-bit hash of an int."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _iso_ms(ms: int) -> str:
    """Format epoch milliseconds as ``2025-11-25T12:54:54.000Z``."""
    seconds, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def _to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)  # exact, no float rounding


def _optional_ms(moment: datetime | None) -> int | None:
    return None if moment is None else _to_ms(moment)


class _LeadTraits(NamedTuple):
    """Everything the filters need about one lead, derived from its hash."""

    status: str
    category: int | None
    flags: int
    created_ms: int
    last_sent_ms: int | None
    event_ms: int | None


def _lead_category(h: int) -> int | None:
    cat_byte = (h >> 8) & 0xFF
    return None if cat_byte < 150 else 1 + cat_byte % 7


def _lead_traits(h: int, serial: int) -> _LeadTraits:
    status = _STATUS_BY_BYTE[h & 0xFF]
    category = _lead_category(h)
    created_ms = _LEAD_EPOCH_MS + serial * 60_000 + (h >> 44) % 60_000
    if status == "STARTED":
        return _LeadTraits(status, category, 0, created_ms, None, None)
    r = h >> 16
    flags = _SENT
    if (r & 0x3F) < 2:
        flags |= _BOUNCED
    if ((r >> 6) & 0x7F) == 0:
        flags |= _SENDER_BOUNCED
    if not flags & (_BOUNCED | _SENDER_BOUNCED):
        flags |= _ACCEPTED
        if ((r >> 13) & 0xF) < 8:
            flags |= _OPENED
            if ((r >> 17) & 0xF) < 5:
                flags |= _CLICKED
        if ((r >> 21) & 0xF) < 3:
            flags |= _REPLIED
    if ((r >> 25) & 0x3F) < 2:
        flags |= _UNSUBSCRIBED
    if ((r >> 31) & 0x7F) == 0:
        flags |= _SPAM
    last_sent_ms = created_ms + _HOUR_MS + (h >> 40) % (5 * _DAY_MS)
    event_ms = last_sent_ms + (h >> 20) % _DAY_MS if flags & _REPLIED else last_sent_ms
    return _LeadTraits(status, category, flags, created_ms, last_sent_ms, event_ms)


class _LeadFilter(NamedTuple):
    status: str | None = None
    category: int | None = None
    email_status: str | None = None
    created_gt_ms: int | None = None
    last_sent_gt_ms: int | None = None
    event_gt_ms: int | None = None

    def select(self, salt: int, serials: Iterable[int]) -> array[int]:
        """The serials that match, in order; derives only the traits the filter needs."""
        status_bytes = frozenset(
            b for b in range(256) if self.status is None or _STATUS_BY_BYTE[b] == self.status
        )
        full = self._replace(status=None, category=None) != _LeadFilter()
        selected: array[int] = array("q")
        for serial in serials:
            h = _mix64(salt ^ serial)  # == _State.hash(serial)
            if (h & 0xFF) not in status_bytes:
                continue
            if self.category is not None and _lead_category(h) != self.category:
                continue
            if full and not self.matches(_lead_traits(h, serial)):
                continue
            selected.append(serial)
        return selected

    def matches(self, t: _LeadTraits) -> bool:
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


# ---------------------------------------------------------------------------------------------
# 2. State
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    """A snapshot of one fake campaign, for tests: ids, names and how many leads it has."""

    id: int
    name: str
    status: str
    client_id: int | None
    lead_count: int


@dataclass(slots=True, eq=False)
class _Campaign:
    id: int
    name: str
    status: str
    client_id: int | None
    ordinal: int
    # Lead serials, newest first. One machine int per lead; JSON is generated on demand.
    leads: array[int] = field(default_factory=lambda: array("q"))
    filter_cache: dict[_LeadFilter, array[int]] = field(default_factory=dict)

    def info(self) -> CampaignInfo:
        return CampaignInfo(self.id, self.name, self.status, self.client_id, len(self.leads))


class _CampaignsView(Mapping[int, CampaignInfo]):
    """Live read-only mapping ``campaign id -> CampaignInfo``."""

    def __init__(self, campaigns: dict[int, _Campaign]) -> None:
        self._campaigns = campaigns

    def __getitem__(self, key: int) -> CampaignInfo:
        return self._campaigns[key].info()

    def __iter__(self) -> Iterator[int]:
        return iter(self._campaigns)

    def __len__(self) -> int:
        return len(self._campaigns)

    def __repr__(self) -> str:
        return f"CampaignsView({list(self.values())!r})"


class _State:
    """All data of one fake account. Handlers read and write it; nothing here knows HTTP."""

    _FILTER_CACHE_SIZE = 32

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.salt = _mix64(seed & _MASK64)
        self.user_id = 100_000 + self.salt % 900_000
        self.campaigns: dict[int, _Campaign] = {}
        self._campaigns_created = 0
        self._next_campaign_id = 2_710_000 + self.salt % 1000
        self._next_lead_serial = 1
        self._next_activity_serial = 1
        self.act_serials: array[int] = array("q")
        self.act_times: array[int] = array("q")
        self.act_campaigns: array[int] = array("q")
        self._act_cache: dict[tuple[int | None, int | None], array[int]] = {}

    def hash(self, *parts: int) -> int:
        h = self.salt
        for part in parts:
            h = _mix64(h ^ (part & _MASK64))
        return h

    # -- campaigns ------------------------------------------------------------------------------

    def add_campaign(self, name: str | None, status: str, client_id: int | None) -> _Campaign:
        self._campaigns_created += 1
        ordinal = self._campaigns_created
        cid = self._next_campaign_id
        self._next_campaign_id += 1 + self.hash(1, ordinal) % 5
        if name is None:
            h = self.hash(2, ordinal)
            prefix = _CAMPAIGN_PREFIXES[h % len(_CAMPAIGN_PREFIXES)]
            audience = _CAMPAIGN_AUDIENCES[(h >> 8) % len(_CAMPAIGN_AUDIENCES)]
            name = f"{prefix} - {audience} #{ordinal}"
        campaign = _Campaign(cid, name, status, client_id, ordinal)
        self.campaigns[cid] = campaign
        return campaign

    def campaign(self, campaign_id: int) -> _Campaign:
        """Return a campaign or raise ``Reject`` with the API's 404."""
        try:
            return self.campaigns[campaign_id]
        except KeyError:
            raise Reject(
                json_response(404, {"error": "Campaign not found - Invalid campaign_id."})
            ) from None

    def campaign_json(self, c: _Campaign, *, include_tags: bool = False) -> dict[str, Any]:
        h = self.hash(3, c.id)
        created_ms = _CAMPAIGN_EPOCH_MS + c.ordinal * _DAY_MS + h % _DAY_MS
        max_per_day: int | str = 50 + (h >> 8) % 10 * 25
        if (h >> 16) % 3 == 0:
            max_per_day = str(max_per_day)  # a number sent as a string, like the real API
        body: dict[str, Any] = {
            "id": c.id,
            "user_id": self.user_id,
            "created_at": _iso_ms(created_ms),
            "updated_at": _iso_ms(created_ms + (h >> 20) % (30 * _DAY_MS)),
            "status": c.status,
            "name": c.name,
            "track_settings": ["DONT_EMAIL_OPEN", "DONT_LINK_CLICK"][: (h >> 24) % 3],
            "scheduler_cron_value": {
                "tz": _TIMEZONES[(h >> 26) % len(_TIMEZONES)],
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
        if include_tags:
            n_tags = (h >> 42) % 3
            first = (h >> 44) % len(_TAGS)
            body["tags"] = [
                {
                    "tag_id": 1 + (first + i) % len(_TAGS),
                    "tag_name": _TAGS[(first + i) % len(_TAGS)][0],
                    "tag_color": _TAGS[(first + i) % len(_TAGS)][1],
                }
                for i in range(n_tags)
            ]
        return body

    # -- leads ----------------------------------------------------------------------------------

    def add_leads(self, campaign: _Campaign, count: int) -> None:
        """Insert ``count`` new leads at the head (the list is newest first)."""
        first = self._next_lead_serial
        self._next_lead_serial += count
        campaign.leads[0:0] = array("q", range(first + count - 1, first - 1, -1))
        campaign.filter_cache.clear()

    def filtered_leads(self, campaign: _Campaign, flt: _LeadFilter) -> array[int]:
        """Lead serials matching ``flt``, in list order (computed once per filter, cached)."""
        if flt == _LeadFilter():
            return campaign.leads
        cached = campaign.filter_cache.get(flt)
        if cached is None:
            if len(campaign.filter_cache) >= self._FILTER_CACHE_SIZE:
                campaign.filter_cache.clear()
            cached = flt.select(self.salt, campaign.leads)
            campaign.filter_cache[flt] = cached
        return cached

    def lead_json(self, serial: int) -> dict[str, Any]:
        h = self.hash(serial)
        t = _lead_traits(h, serial)
        g = _mix64(h)
        first = _FIRST_NAMES[g % len(_FIRST_NAMES)]
        last = _LAST_NAMES[(g >> 8) % len(_LAST_NAMES)]
        company, domain = _COMPANIES[(g >> 16) % len(_COMPANIES)]
        lead_id: int | str = _LEAD_ID_BASE + 3 * serial
        if g >> 60 == 0:
            lead_id = str(lead_id)  # a number sent as a string, like the real API
        custom_fields: dict[str, str] = {
            "job_title": _JOB_TITLES[(g >> 24) % len(_JOB_TITLES)],
            "industry": _INDUSTRIES[(g >> 28) % len(_INDUSTRIES)],
        }
        if (g >> 32) & 1:
            custom_fields["source"] = "csv-import"
        slug = f"{first}-{last}-{serial:x}".lower()
        return {
            "campaign_lead_map_id": _MAP_ID_BASE + serial,
            "lead_category_id": t.category,
            "status": t.status,
            "created_at": _iso_ms(t.created_ms),
            "lead": {
                "id": lead_id,
                "first_name": first,
                "last_name": last,
                "email": f"{first}.{last}.{serial}@{domain}".lower(),
                "phone_number": None
                if (g >> 36) % 8 == 0
                else f"+1{2_000_000_000 + g % 7_999_999_999}",
                "company_name": company,
                "website": f"https://{domain}",
                "location": _LOCATIONS[(g >> 40) % len(_LOCATIONS)],
                "linkedin_profile": f"https://linkedin.com/in/{slug}",
                "company_url": f"https://{domain}",
                "custom_fields": custom_fields,
                "is_unsubscribed": bool(t.flags & _UNSUBSCRIBED),
                "unsubscribed_client_id_map": None,
            },
        }

    # -- activities -----------------------------------------------------------------------------

    def add_activities(self, count: int, start: datetime) -> None:
        """Append ``count`` records, about one per hour from ``start`` (so spread over days)."""
        start_ms = _to_ms(start)
        campaign_ids = sorted(self.campaigns)
        for i in range(count):
            serial = self._next_activity_serial
            self._next_activity_serial += 1
            h = self.hash(4, serial)
            self.act_serials.append(serial)
            self.act_times.append(start_ms + i * _HOUR_MS + h % _HOUR_MS)
            self.act_campaigns.append(
                campaign_ids[(h >> 16) % len(campaign_ids)] if campaign_ids else 0
            )
        self._act_cache.clear()

    def filtered_activities(self, start_ms: int | None, end_ms: int | None) -> array[int]:
        """Indices of activity records whose event time is within [start, end], in order."""
        key = (start_ms, end_ms)
        cached = self._act_cache.get(key)
        if cached is None:
            lo = start_ms if start_ms is not None else -(1 << 62)
            hi = end_ms if end_ms is not None else 1 << 62
            cached = array("q", (i for i, t in enumerate(self.act_times) if lo <= t <= hi))
            if len(self._act_cache) >= self._FILTER_CACHE_SIZE:
                self._act_cache.clear()
            self._act_cache[key] = cached
        return cached

    def activity_json(self, index: int) -> dict[str, Any]:
        serial, event_ms = self.act_serials[index], self.act_times[index]
        h = self.hash(4, serial)
        g = _mix64(h)
        campaign = self.campaigns.get(self.act_campaigns[index])
        cid, cname, cstatus = (
            (campaign.id, campaign.name, campaign.status) if campaign else _PLACEHOLDER_CAMPAIGN
        )
        first = _FIRST_NAMES[g % len(_FIRST_NAMES)]
        last = _LAST_NAMES[(g >> 8) % len(_LAST_NAMES)]
        company, domain = _COMPANIES[(g >> 16) % len(_COMPANIES)]
        to_email = f"{first}.{last}.a{serial}@{domain}".lower()
        seq = 1 + (g >> 24) % 3
        replied = (g >> 28) % 5 == 0
        as_strings = (g >> 32) % 8 == 0  # numbers sent as strings on ~1 record in 8
        last_sent_ms = event_ms - 3 * _HOUR_MS if replied else event_ms
        activities: list[dict[str, Any]] = []
        for n in range(1, seq + 1):
            sent_ms = last_sent_ms - (seq - n) * 2 * _DAY_MS
            opens, clicks = (g >> (36 + n)) % 4, (g >> (40 + n)) % 2
            reply: dict[str, Any] = {}
            if replied and n == seq:
                reply = {
                    "time": _iso_ms(event_ms),
                    "reply_email_body": f"Thanks for reaching out, {first} here...",
                    "message_id": f"<reply{serial}@{domain}>",
                }
            activities.append(
                {
                    "stats_id": 10_000_000 + serial * 4 + n,
                    "message_id": f"<{serial:x}.{n}@mail.fake-smartlead.test>",
                    "subject": _SUBJECTS[(g >> 44) % len(_SUBJECTS)].format(company=company),
                    "email_body": f"Hi {first}, I wanted to reach out...",
                    "sent_time": _iso_ms(sent_ms),
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
            "lead_id": _ACTIVITY_LEAD_ID_BASE + serial,
            "email_lead_map_id": _ACTIVITY_MAP_ID_BASE + serial,
            "campaign_id": cid,
            "campaign_name": cname,
            "campaign_status": cstatus,
            "status": "COMPLETED" if seq == 3 else "INPROGRESS",
            "current_seq_num": str(seq) if as_strings else seq,
            "created_at": _iso_ms(last_sent_ms - (seq - 1) * 2 * _DAY_MS - _DAY_MS),
            "activities": activities,
        }


# ---------------------------------------------------------------------------------------------
# 3. HTTP primitives and validation
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    """One parsed request as handlers see it."""

    method: str
    path: str  # full path, e.g. "/api/v1/campaigns/5/leads"
    query: dict[str, list[str]]
    headers: list[tuple[bytes, bytes]]
    body: bytes
    arrived: float  # time.monotonic() at arrival

    def json(self) -> Any:
        """Decode the body as JSON (raises ``Reject`` with a 400 on bad JSON)."""
        try:
            return json.loads(self.body)
        except ValueError:
            raise Reject(json_response(400, {"error": "Invalid JSON body"})) from None


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response: status, headers (lower-case bytes) and body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass(frozen=True, slots=True)
class _Drop:
    """Close the connection without any response."""


@dataclass(frozen=True, slots=True)
class _Truncate:
    """Send the status and headers, then ``keep`` bytes of the body, then close."""

    response: Response
    keep: int


Outcome = Response | _Drop | _Truncate


class Reject(Exception):
    """Raised by handlers and validators to answer with ``response`` immediately."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def json_response(
    status: int, payload: Any, headers: list[tuple[bytes, bytes]] | None = None
) -> Response:
    """Build a JSON response with Content-Type and Content-Length set."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(
        status,
        [
            (b"content-type", b"application/json; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            *(headers or []),
        ],
        body,
    )


def html_response(status: int, html: str) -> Response:
    """Build an HTML response (as proxies and load balancers send)."""
    body = html.encode()
    return Response(
        status,
        [(b"content-type", b"text/html"), (b"content-length", str(len(body)).encode())],
        body,
    )


def unprocessable(key: str, message: str) -> Reject:
    """A 422 in the validation-library shape the API uses."""
    return Reject(
        json_response(
            422,
            {
                "statusCode": 422,
                "error": "Unprocessable Entity",
                "message": message,
                "validation": {"source": "query", "keys": [key]},
            },
        )
    )


_INT_RE = re.compile(r"-?\d+")
_NUMBER_RE = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_DATE_ONLY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_iso(value: str) -> datetime | None:
    """Parse ISO 8601 (``Z`` allowed, date-only allowed); naive means UTC. None if invalid."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class QueryParams:
    """Strict query validation: unknown or repeated parameters and bad values are 422s."""

    def __init__(self, request: Request, *, allowed: Collection[str]) -> None:
        for name, values in request.query.items():
            if name == "api_key":
                continue
            if name not in allowed:
                raise unprocessable(name, f'"{name}" is not allowed')
            if len(values) > 1:
                raise unprocessable(name, f'"{name}" must be a single value')
        self._values = {k: v[0] for k, v in request.query.items()}

    def raw(self, name: str) -> str | None:
        """The parameter's string value, or None when absent."""
        return self._values.get(name)

    def optional_integer(
        self,
        name: str,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        positive: bool = False,
    ) -> int | None:
        """An integer parameter within bounds, or None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        if not _INT_RE.fullmatch(value):
            kind = "an integer" if _NUMBER_RE.fullmatch(value) else "a number"
            raise unprocessable(name, f'"{name}" must be {kind}')
        number = int(value)
        if positive and number < 1:
            raise unprocessable(name, f'"{name}" must be a positive number')
        if minimum is not None and number < minimum:
            raise unprocessable(name, f'"{name}" must be greater than or equal to {minimum}')
        if maximum is not None and number > maximum:
            raise unprocessable(name, f'"{name}" must be less than or equal to {maximum}')
        return number

    def integer(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        """An integer parameter within bounds, or ``default`` when absent."""
        number = self.optional_integer(name, minimum=minimum, maximum=maximum)
        return default if number is None else number

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """One of ``allowed`` (case-sensitive), or None when absent."""
        value = self._values.get(name)
        if value is not None and value not in allowed:
            raise unprocessable(name, f'"{name}" must be one of [{", ".join(allowed)}]')
        return value

    def boolean(self, name: str, default: bool) -> bool:
        """Exactly ``true`` or ``false``; ``default`` when absent."""
        value = self._values.get(name)
        if value is None:
            return default
        if value not in ("true", "false"):
            raise unprocessable(name, f'"{name}" must be a boolean (true or false)')
        return value == "true"

    def timestamp(self, name: str) -> datetime | None:
        """An ISO 8601 timestamp, or None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        moment = _parse_iso(value)
        if moment is None:
            raise unprocessable(name, f'"{name}" must be in ISO 8601 date format')
        return moment


def _campaign_id(params: Mapping[str, str]) -> int:
    raw = params["campaign_id"]
    if not raw.isascii() or not raw.isdigit():
        raise Reject(json_response(400, {"error": "Invalid campaign id"}))
    return int(raw)


# ---------------------------------------------------------------------------------------------
# 4. Routes: one function per endpoint
# ---------------------------------------------------------------------------------------------

Handler = Callable[[_State, Request, dict[str, str]], Response]


@dataclass(frozen=True, slots=True)
class Route:
    """``method`` + a regex over the path below ``/api/v1`` -> handler."""

    method: str
    pattern: re.Pattern[str]
    handler: Handler


ROUTES: list[Route] = []


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler. Routes match in registration order, so literal paths go first."""

    def register(handler: Handler) -> Handler:
        ROUTES.append(Route(method.upper(), re.compile(pattern), handler))
        return handler

    return register


@route("GET", r"/campaigns/?")
def _list_campaigns(state: _State, request: Request, params: dict[str, str]) -> Response:
    q = QueryParams(request, allowed={"client_id", "include_tags"})
    client_id = q.optional_integer("client_id", positive=True)
    include_tags = q.boolean("include_tags", default=False)
    campaigns = sorted(state.campaigns.values(), key=lambda c: c.id, reverse=True)
    return json_response(
        200,
        [
            state.campaign_json(c, include_tags=include_tags)
            for c in campaigns
            if client_id is None or c.client_id == client_id
        ],
    )


@route("GET", r"/campaigns/all-leads-activities/?")
def _all_leads_activities(state: _State, request: Request, params: dict[str, str]) -> Response:
    q = QueryParams(request, allowed={"offset", "limit", "event_time_from", "event_time_to"})
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", 100, minimum=1, maximum=ACTIVITIES_PAGE_MAX)
    start = _activity_time(q, "event_time_from", end_of_day=False)
    end = _activity_time(q, "event_time_to", end_of_day=True)
    if end is not None and start is None:
        raise unprocessable("event_time_to", '"event_time_to" must be used with "event_time_from"')
    if start is not None and end is not None and end < start:
        raise unprocessable(
            "event_time_to", '"event_time_to" must be greater than or equal to "event_time_from"'
        )
    indices = state.filtered_activities(start, end)
    page = indices[offset : offset + limit]
    return json_response(
        200,
        {
            "data": [state.activity_json(i) for i in page],
            "hasMore": offset + len(page) < len(indices),
        },
    )


def _activity_time(q: QueryParams, name: str, *, end_of_day: bool) -> int | None:
    """ISO 8601 or YYYY-MM-DD in epoch ms; a bare date as ``to`` means the end of that day."""
    value = q.raw(name)
    if value is None:
        return None
    moment = _parse_iso(value)
    if moment is None:
        raise Reject(json_response(400, {"error": f"Invalid date format for {name}"}))
    ms = _to_ms(moment)
    if end_of_day and _DATE_ONLY_RE.fullmatch(value):
        ms += _DAY_MS - 1
    return ms


@route("GET", r"/campaigns/(?P<campaign_id>[^/]+)/?")
def _get_campaign(state: _State, request: Request, params: dict[str, str]) -> Response:
    campaign_id = _campaign_id(params)
    QueryParams(request, allowed=())
    return json_response(200, state.campaign_json(state.campaign(campaign_id)))


_LEADS_PARAMS = frozenset(
    {
        "offset",
        "limit",
        "status",
        "lead_category_id",
        "emailStatus",
        "created_at_gt",
        "last_sent_time_gt",
        "event_time_gt",
    }
)


@route("GET", r"/campaigns/(?P<campaign_id>[^/]+)/leads/?")
def _campaign_leads(state: _State, request: Request, params: dict[str, str]) -> Response:
    campaign_id = _campaign_id(params)
    q = QueryParams(request, allowed=_LEADS_PARAMS)
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", LEADS_PAGE_MAX, minimum=1, maximum=LEADS_PAGE_MAX)
    flt = _LeadFilter(
        status=q.choice("status", LEAD_STATUSES),
        category=q.optional_integer("lead_category_id", positive=True),
        email_status=q.choice("emailStatus", EMAIL_STATUSES),
        created_gt_ms=_optional_ms(q.timestamp("created_at_gt")),
        last_sent_gt_ms=_optional_ms(q.timestamp("last_sent_time_gt")),
        event_gt_ms=_optional_ms(q.timestamp("event_time_gt")),
    )
    campaign = state.campaign(campaign_id)
    serials = state.filtered_leads(campaign, flt)
    page = serials[offset : offset + limit]
    return json_response(
        200,
        {
            "total_leads": str(len(serials)),
            "offset": offset,
            "limit": limit,
            "data": [state.lead_json(s) for s in page],
        },
    )


class Router:
    """Resolves ``(method, path)`` against the route table: handler, 404 or 405."""

    def __init__(self, routes: list[Route], prefix: str = API_PREFIX) -> None:
        self._routes = routes
        self._prefix = prefix

    def __call__(self, state: _State, request: Request) -> Response:
        path = request.path
        if path == self._prefix or path.startswith(self._prefix + "/"):
            sub = path[len(self._prefix) :]
            allowed: list[str] = []
            for r in self._routes:
                match = r.pattern.fullmatch(sub)
                if match is None:
                    continue
                if r.method == request.method:
                    try:
                        return r.handler(state, request, match.groupdict())
                    except Reject as reject:
                        return reject.response
                allowed.append(r.method)
            if allowed:
                return json_response(
                    405,
                    {
                        "ok": False,
                        "message": f"Method {request.method} not allowed on {path}",
                        "errorCode": "METHOD_NOT_ALLOWED",
                    },
                    [(b"allow", ", ".join(sorted(set(allowed))).encode())],
                )
        return json_response(404, {"error": "Not found"})


# ---------------------------------------------------------------------------------------------
# 5. The request pipeline: wrappers around the router
# ---------------------------------------------------------------------------------------------


class LogEntry(NamedTuple):
    """One request as the fake saw it. ``status`` 0 means the connection was dropped."""

    time: float  # time.monotonic() at arrival
    method: str
    path: str
    query: dict[str, str]  # first value of each parameter, api_key removed
    status: int


@dataclass(slots=True)
class FakeStats:
    """Counters the fake keeps about what it received and answered."""

    requests: int = 0
    """Every arrival, whatever the outcome."""
    rate_limited: int = 0
    """How many 429s were sent."""
    status_counts: Counter[int] = field(default_factory=Counter)
    """Responses per status code; 0 counts dropped connections."""
    max_in_window: int = 0
    """Most admitted requests seen in any rate window for one key (0 when rate_limit=None)."""
    dropped: int = 0
    """Requests answered by closing the connection (drop faults)."""
    truncated: int = 0
    """Responses cut short (truncate faults)."""
    log: list[LogEntry] = field(default_factory=list)
    """Every request in arrival order."""

    def reset(self) -> None:
        """Zero every counter and clear the log (the live rate window is not reset)."""
        self.requests = self.rate_limited = self.max_in_window = 0
        self.dropped = self.truncated = 0
        self.status_counts.clear()
        self.log.clear()


Pipeline = Callable[[Request], Outcome]


def _record(stats: FakeStats, inner: Pipeline) -> Pipeline:
    """Outermost layer: count and log every request, and turn bugs into plain 500s."""

    def handle(request: Request) -> Outcome:
        stats.requests += 1
        try:
            outcome = inner(request)
        except Exception:
            log.exception("fake SmartLead handler failed for %s %s", request.method, request.path)
            outcome = json_response(500, {"error": "Internal server error"})
        if isinstance(outcome, _Drop):
            status = 0
            stats.dropped += 1
        elif isinstance(outcome, _Truncate):
            status = outcome.response.status
            stats.truncated += 1
        else:
            status = outcome.status
        stats.status_counts[status] += 1
        if status == 429:
            stats.rate_limited += 1
        query = {k: v[0] for k, v in request.query.items() if k != "api_key"}
        stats.log.append(LogEntry(request.arrived, request.method, request.path, query, status))
        return outcome

    return handle


def _authenticate(api_key: str, inner: Pipeline) -> Pipeline:
    """401 unless the ``api_key`` query parameter is exactly the fake's key."""
    denied = json_response(401, {"message": "Invalid API key"})

    def handle(request: Request) -> Outcome:
        if request.query.get("api_key") != [api_key]:
            return denied
        return inner(request)

    return handle


def _rate_limit(
    window: SlidingWindow, stats: FakeStats, retry_after_header: bool, inner: Pipeline
) -> Pipeline:
    """429 when the key already has N admitted requests in the last W seconds."""

    def handle(request: Request) -> Outcome:
        key = request.query["api_key"][0]
        admission = window.admit(key, request.arrived)
        if not admission.admitted:
            retry_after = admission.retry_after
            headers = []
            if retry_after_header:
                headers.append((b"retry-after", window.retry_after_header(retry_after).encode()))
            return json_response(
                429,
                {
                    "error": {
                        "code": "rate_limited",
                        "message": (
                            f"Rate limit exceeded: {window.limit} requests per "
                            f"{window.period:g} seconds"
                        ),
                        "retry_after": math.ceil(retry_after * 1000) / 1000,  # never early
                    }
                },
                headers,
            )
        stats.max_in_window = max(stats.max_in_window, admission.in_window)
        return inner(request)

    return handle


_ERROR_JSON: dict[int, dict[str, Any]] = {
    500: {"statusCode": 500, "error": "Internal Server Error", "message": "Something went wrong"},
    502: {"message": "Bad Gateway"},
    503: {"ok": False, "message": "Service temporarily unavailable", "errorCode": "UNAVAILABLE"},
}
_ERROR_HTML = (
    "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
}


def _inject_faults(injector: FaultInjector, inner: Pipeline) -> Pipeline:
    """Errors replace the handler; drops and truncations lose the response after it ran."""

    def handle(request: Request) -> Outcome:
        kind = injector.decide()
        if kind is FaultKind.ERROR:
            status, html = injector.error_status()
            if html:
                return html_response(
                    status, _ERROR_HTML.format(code=status, reason=_REASONS[status])
                )
            return json_response(status, _ERROR_JSON[status])
        outcome = inner(request)
        if kind is FaultKind.DROP:
            return _Drop()
        if kind is FaultKind.TRUNCATE and isinstance(outcome, Response):
            return _Truncate(outcome, injector.cut(len(outcome.body)))
        return outcome

    return handle


async def _deliver(outcome: Outcome, send: Send) -> None:
    """Send an outcome over ASGI; faults end with ``ConnectionAbort`` for the adapter."""
    if isinstance(outcome, _Drop):
        raise ConnectionAbort()
    response = outcome.response if isinstance(outcome, _Truncate) else outcome
    await send(
        {"type": "http.response.start", "status": response.status, "headers": response.headers}
    )
    if isinstance(outcome, _Truncate):
        partial = response.body[: outcome.keep]
        await send({"type": "http.response.body", "body": partial, "more_body": True})
        raise ConnectionAbort(
            status=response.status,
            headers=response.headers,
            partial_body=partial,
            expected_length=len(response.body),
        )
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# ---------------------------------------------------------------------------------------------
# 6. Public facade
# ---------------------------------------------------------------------------------------------


class FakeSmartlead:
    """An in-memory SmartLead API for tests: deterministic data, a strict rate window, faults.

    Use it in-process through :meth:`http_client` / :meth:`client`, or over a real loopback
    socket with :meth:`serve`. Both share the same state and statistics.

    Args:
        api_key: the only accepted ``api_key`` query parameter; anything else is a 401.
        seed: seed of every generated value (names, statuses, latency draws).
        rate_limit: ``(N, W)``: at most N admitted requests per key in any W seconds, else 429.
            ``None`` disables the limit.
        retry_after_header: send ``Retry-After`` on 429s (the JSON body always has
            ``retry_after``).
        latency: seconds to wait before each response, or a ``(low, high)`` uniform range.
            Admission (the rate window, the log time) happens on arrival, before the wait.
        faults: error, drop and truncation rates (see :class:`Faults`).
    """

    base_url = IN_PROCESS_ORIGIN + API_PREFIX

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        seed: int = 0,
        rate_limit: tuple[int, float] | None = (10, 2.0),
        retry_after_header: bool = True,
        latency: float | tuple[float, float] = 0.0,
        faults: Faults | None = None,
    ) -> None:
        self.api_key = api_key
        self.seed = seed
        self.rate_limit = rate_limit
        self.faults = faults
        self.stats = FakeStats()
        self._state = _State(seed)
        self._latency = Latency(latency, seed)
        self._router = Router(ROUTES)
        pipeline: Pipeline = self._route
        if faults is not None:
            pipeline = _inject_faults(FaultInjector(faults), pipeline)
        if rate_limit is not None:
            window = SlidingWindow(*rate_limit)
            pipeline = _rate_limit(window, self.stats, retry_after_header, pipeline)
        self._pipeline = _record(self.stats, _authenticate(api_key, pipeline))

    def __repr__(self) -> str:
        return (
            f"FakeSmartlead(campaigns={len(self._state.campaigns)}, seed={self.seed}, "
            f"rate_limit={self.rate_limit!r})"
        )

    # -- data -----------------------------------------------------------------------------------

    def add_campaign(
        self,
        *,
        name: str | None = None,
        lead_count: int = 0,
        status: str = "ACTIVE",
        client_id: int | None = None,
    ) -> int:
        """Create a campaign with ``lead_count`` generated leads and return its id.

        Args:
            name: campaign name; generated from the seed when None.
            lead_count: number of leads to generate (cheap: one int per lead).
            status: campaign status, e.g. ACTIVE, PAUSED, DRAFTED, COMPLETED, STOPPED.
            client_id: the agency client the campaign belongs to, or None.
        """
        _check_count("lead_count", lead_count)
        campaign = self._state.add_campaign(name, status, client_id)
        self._state.add_leads(campaign, lead_count)
        return campaign.id

    def add_leads(self, campaign_id: int, count: int) -> None:
        """Insert ``count`` new leads at the head of a campaign's (newest-first) lead list.

        Every later offset shifts by ``count`` and ``total_leads`` grows by ``count``.

        Raises:
            KeyError: the campaign does not exist.
        """
        _check_count("count", count)
        self._state.add_leads(self._state.campaigns[campaign_id], count)

    def add_activities(self, count: int, *, start: datetime | None = None) -> None:
        """Append ``count`` lead-activity records for ``/campaigns/all-leads-activities``.

        Event times start at ``start`` (default 2025-11-01T00:00Z; naive means UTC) and advance
        about one hour per record, so they spread over days. Records are attributed to the
        existing campaigns (or to an archived placeholder campaign when there are none).
        """
        _check_count("count", count)
        self._state.add_activities(count, DEFAULT_ACTIVITY_START if start is None else start)

    @property
    def campaigns(self) -> Mapping[int, CampaignInfo]:
        """Live read-only view: campaign id -> :class:`CampaignInfo` (with ``lead_count``)."""
        return _CampaignsView(self._state.campaigns)

    def lead_ids(self, campaign_id: int) -> list[int]:
        """``campaign_lead_map_id`` of every lead of a campaign, in current (served) order."""
        return [_MAP_ID_BASE + s for s in self._state.campaigns[campaign_id].leads]

    def activity_ids(self) -> list[int]:
        """``email_lead_map_id`` of every activity record, in served order."""
        return [_ACTIVITY_MAP_ID_BASE + s for s in self._state.act_serials]

    # -- serving --------------------------------------------------------------------------------

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI 3 application."""
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"FakeSmartlead does not handle {scope['type']!r} scopes")
        body = await _read_body(receive)
        request = Request(
            method=scope["method"].upper(),
            path=scope["path"],
            query=parse_qs(
                scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True
            ),
            headers=list(scope.get("headers", [])),
            body=body,
            arrived=time.monotonic(),
        )
        outcome = self._pipeline(request)  # synchronous: admission and state are atomic
        delay = self._latency.sample()
        if delay > 0:
            await anyio.sleep(delay)
        await _deliver(outcome, send)

    def _route(self, request: Request) -> Outcome:
        return self._router(self._state, request)

    def http_client(self, **httpx_kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` wired to this fake in-process (``base_url`` preset).

        Drop and truncation faults raise ``httpx.RemoteProtocolError`` as a real socket would.
        Pass any ``httpx.AsyncClient`` keyword except ``transport``.
        """
        if "transport" in httpx_kwargs:
            raise TypeError("http_client() sets its own transport")
        httpx_kwargs.setdefault("base_url", self.base_url)
        return httpx.AsyncClient(transport=self.transport(), **httpx_kwargs)

    def transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport into this fake, in-process (for ``httpx.AsyncClient(transport=)``
        or ``SmartleadClient(transport=)``)."""
        return FakeTransport(self.app)

    def client(self, **kwargs: Any) -> SmartleadClient:
        """A ``SmartleadClient`` talking to this fake in-process (keywords are passed on).

        The client owns its connection pool: ``async with fake.client() as client: ...``.
        """
        from smartlead_async import SmartleadClient  # type: ignore[attr-defined, unused-ignore]

        return SmartleadClient(  # type: ignore[no-any-return, unused-ignore]
            api_key=self.api_key,
            base_url=self.base_url,
            transport=self.transport(),
            **kwargs,
        )

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractAsyncContextManager[str]:
        """Serve over a real loopback socket (asyncio); yields ``http://HOST:PORT/api/v1``.

        All connections are closed on exit.
        """
        return serve_app(self.app, host=host, port=port, path=API_PREFIX)


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be an int >= 0, got {value!r}")
