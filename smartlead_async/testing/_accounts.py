"""Account-level records of the fake: sending mailboxes (email accounts) and agency clients.

Rows are kept as the API returns them, passwords included: SmartLead's responses carry the
SMTP/IMAP passwords in clear, and so does the fake (the SDK hides them from reprs).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ._data import DAY_MS, FIRST_NAMES, LAST_NAMES, Clock, Hasher, iso_ms, mix64, pick

__all__ = ["Clients", "Ids", "Mailboxes", "provider_of"]

_PROVIDERS = (
    ("GMAIL", "smtp.gmail.com", "imap.gmail.com", "gmail.com"),
    ("OUTLOOK", "smtp.office365.com", "outlook.office365.com", "outlook.com"),
    ("ZOHO", "smtp.zoho.com", "imap.zoho.com", "zohomail.com"),
    ("SMTP", "mail.fake-smartlead.test", "mail.fake-smartlead.test", "fake-smartlead.test"),
)
_WARMUP_WORDS = ("apple", "brass", "cedar", "delta", "ember", "fjord", "grove", "harbor")
_PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789_-"
#: Fields of a full row left out of ``GET /campaigns/{id}/email-accounts`` (as documented).
_CAMPAIGN_HIDDEN = frozenset({"password", "imap_password", "client_id", "warmup_details"})
_WARMUP_SUMMARY = ("id", "status", "total_sent_count", "total_spam_count", "warmup_reputation")


#: Where each kind of id starts (plus a seeded offset below 50).
_ID_STARTS = (
    ("sequence", 8_400), ("variant", 2_500), ("webhook", 40), ("link", 46_400),
    ("account", 2_850), ("warmup", 99_200), ("client", 290), ("tag", 1_200),
    ("api_key", 7_700),
)  # fmt: skip


class Ids:
    """Id counters, one per kind of record, each starting at a seeded value."""

    def __init__(self, hasher: Hasher) -> None:
        self._next = {kind: start + hasher(7, n) % 50 for n, (kind, start) in
                      enumerate(_ID_STARTS)}

    def next(self, kind: str) -> int:
        """A new id of ``kind``."""
        value = self._next[kind]
        self._next[kind] = value + 1
        return value

    def claim(self, kind: str, value: int) -> None:
        """Never hand out ``value`` (chosen by the caller) or anything below it again."""
        self._next[kind] = max(self._next[kind], value + 1)


def provider_of(smtp_host: str) -> str:
    """The account ``type`` SmartLead shows for an SMTP host."""
    host = smtp_host.lower()
    for marker, kind in (("gmail", "GMAIL"), ("outlook", "OUTLOOK"), ("office365", "OUTLOOK"),
                         ("zoho", "ZOHO")):
        if marker in host:
            return kind
    return "SMTP"


def _password(h: int, length: int = 16) -> str:
    alphabet = _PASSWORD_ALPHABET
    return "".join(alphabet[mix64(h + i) % len(alphabet)] for i in range(length))


class _Rows:
    """Records of one kind, by id, with what they are generated and dated from."""

    def __init__(self, hasher: Hasher, ids: Ids, clock: Clock, user_id: int) -> None:
        self._hash = hasher
        self._ids = ids
        self._clock = clock
        self._user_id = user_id
        self.rows: dict[int, dict[str, Any]] = {}


class Mailboxes(_Rows):
    """The account's email accounts, by id."""

    reconnect_calls = 0  # calls of POST /email-accounts/reconnect-failed-email-accounts

    def create(
        self,
        fields: Mapping[str, Any],
        *,
        account_id: int | None = None,
        connected: bool = True,
    ) -> dict[str, Any]:
        """Create an account from ``fields`` (API names); unset fields are generated."""
        if account_id is None:
            account_id = self._ids.next("account")
            while account_id in self.rows:
                account_id = self._ids.next("account")
        else:
            self._ids.claim("account", account_id)
        g = mix64(self._hash(5, account_id))
        kind, smtp_host, imap_host, domain = pick(_PROVIDERS, g)
        first, last = pick(FIRST_NAMES, g >> 8), pick(LAST_NAMES, g >> 16)
        email = fields.get("from_email") or f"{first}.{last}@{domain}".lower()
        smtp_host = fields.get("smtp_host") or smtp_host
        smtp_port = fields.get("smtp_port") or 465
        now = self._clock.tick()
        password = fields.get("password") or _password(g)
        row: dict[str, Any] = {
            "id": account_id,
            "created_at": iso_ms(now),
            "updated_at": iso_ms(now),
            "user_id": self._user_id,
            "from_name": fields.get("from_name") or f"{first} {last}",
            "from_email": email,
            "username": fields.get("user_name") or email,
            "password": password,
            "smtp_host": smtp_host,
            "smtp_port": smtp_port,
            "smtp_port_type": "SSL" if smtp_port == 465 else "TLS",
            "message_per_day": fields.get("max_email_per_day") or 100,
            "different_reply_to_address": "",
            "is_different_imap_account": False,
            "imap_username": fields.get("user_name") or email,
            "imap_password": password if "password" in fields else _password(g >> 7),
            "imap_host": fields.get("imap_host") or imap_host,
            "imap_port": fields.get("imap_port") or 993,
            "imap_port_type": "SSL",
            "signature": fields.get("signature") or "",
            "custom_tracking_domain": fields.get("custom_tracking_url") or "",
            "bcc_email": fields.get("bcc") or "",
            "is_smtp_success": True,
            "is_imap_success": connected,
            "smtp_failure_error": None,
            "imap_failure_error": None if connected else "IMAP authentication failed",
            "type": provider_of(smtp_host) if "smtp_host" in fields else kind,
            "daily_sent_count": (g >> 24) % 40,
            "client_id": fields.get("client_id"),
            "warmup_details": self._warmup(g, now),
            "is_suspended": False,
        }
        self.rows[account_id] = row
        if fields.get("warmup_enabled") is not None:
            self.set_warmup(row, fields)
        return row

    def _warmup(self, g: int, now: int) -> dict[str, Any]:
        return {
            "id": self._ids.next("warmup"),
            "status": "INACTIVE",
            "created_at": iso_ms(now),
            "reply_rate": 20,
            "warmup_key_id": f"{pick(_WARMUP_WORDS, g >> 32)}-{pick(_WARMUP_WORDS, g >> 40)}",
            "blocked_reason": None,
            "total_sent_count": (g >> 44) % 50,
            "total_spam_count": 0,
            "warmup_max_count": 40,
            "warmup_min_count": 3,
            "is_warmup_blocked": False,
            "max_email_per_day": 40,
            "warmup_reputation": "100%",
        }

    def update(self, row: dict[str, Any], fields: Mapping[str, Any]) -> None:
        """Apply ``POST /email-accounts/{id}`` (or a save with an id): API names -> row names."""
        renamed = {
            "max_email_per_day": "message_per_day", "custom_tracking_url": "custom_tracking_domain",
            "bcc": "bcc_email", "user_name": "username",
        }  # fmt: skip
        for name, value in fields.items():
            if name in ("id", "warmup_enabled", "total_warmup_per_day", "daily_rampup",
                        "reply_rate_percentage"):
                continue
            row[renamed.get(name, name)] = value
        if "password" in fields:
            row["imap_password"] = fields["password"]
        if "warmup_enabled" in fields:
            self.set_warmup(row, fields)
        row["updated_at"] = iso_ms(self._clock.tick())

    def set_warmup(self, row: dict[str, Any], fields: Mapping[str, Any]) -> None:
        """Apply ``POST /email-accounts/{id}/warmup`` (the same names in a save)."""
        warmup = row["warmup_details"]
        warmup["status"] = "ACTIVE" if fields.get("warmup_enabled") else "INACTIVE"
        if fields.get("total_warmup_per_day") is not None:
            warmup["max_email_per_day"] = fields["total_warmup_per_day"]
        if fields.get("reply_rate_percentage") is not None:
            warmup["reply_rate"] = fields["reply_rate_percentage"]
        if fields.get("warmup_key_id") is not None:
            warmup["warmup_key_id"] = fields["warmup_key_id"]

    def find_email(self, email: str) -> dict[str, Any] | None:
        """The account sending from ``email`` (case-insensitive), if any."""
        key = email.lower()
        return next((r for r in self.rows.values() if r["from_email"].lower() == key), None)

    @staticmethod
    def listing_json(row: Mapping[str, Any]) -> dict[str, Any]:
        """A row as ``GET /email-accounts/`` lists it (a summary of the warmup details)."""
        warmup = row["warmup_details"]
        return {**row, "warmup_details": {name: warmup[name] for name in _WARMUP_SUMMARY}}

    @staticmethod
    def campaign_json(row: Mapping[str, Any]) -> dict[str, Any]:
        """A row as ``GET /campaigns/{id}/email-accounts`` lists it (no passwords)."""
        return {name: value for name, value in row.items() if name not in _CAMPAIGN_HIDDEN}

    def warmup_stats(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """``GET /email-accounts/{id}/warmup-stats``: the 7 days up to the fake's "now"."""
        active = row["warmup_details"]["status"] == "ACTIVE"
        today = self._clock.now_ms - self._clock.now_ms % DAY_MS
        days: list[dict[str, Any]] = []
        for n in range(7):
            h = mix64(self._hash(6, row["id"], n)) if active else 0
            day = datetime.fromtimestamp((today - (6 - n) * DAY_MS) / 1000, UTC).date()
            days.append({
                "id": n + 1, "date": day.isoformat(), "sent_count": h % 40,
                "reply_count": (h >> 8) % 10, "save_from_spam_count": (h >> 16) % 3,
            })  # fmt: skip
        sent = sum(int(day["sent_count"]) for day in days)
        spam = sum(int(day["save_from_spam_count"]) for day in days)
        replies = sum(int(day["reply_count"]) for day in days)
        return {
            "id": row["id"],
            "sent_count": str(sent),
            "spam_count": str(spam),
            "inbox_count": str(sent - spam),
            "warmup_email_received_count": str(replies),
            "stats_by_date": days,
        }


class Clients(_Rows):
    """The agency clients of the account, by id."""

    def create(self, fields: Mapping[str, Any], *, client_id: int | None = None) -> dict[str, Any]:
        """Create a client from ``POST /client/save`` fields; return its row."""
        if client_id is None:
            client_id = self._ids.next("client")
        else:
            self._ids.claim("client", client_id)
        h = self._hash(8, client_id)
        row = {
            "id": client_id,
            "name": fields["name"],
            "email": fields["email"],
            "uuid": str(uuid.UUID(int=(h << 64) | mix64(h), version=4)),
            "created_at": iso_ms(self._clock.tick()),
            "user_id": self._user_id,
            "logo": fields.get("logo"),
            "logo_url": fields.get("logo_url"),
            "client_permission": {
                "permission": list(fields.get("permission") or ["reply_master_inbox"]),
                "restricted_category": [],
            },
        }
        self.rows[client_id] = row
        return row

    def find_email(self, email: str) -> dict[str, Any] | None:
        """The client with this login email (case-insensitive), if any."""
        key = email.lower()
        return next((r for r in self.rows.values() if str(r["email"]).lower() == key), None)
