"""Smart Delivery's state in the fake: placement tests, folders and what each test found.

A manual test completes as it is created; an automated one stays ``active`` (three runs so
far) until it is stopped. Each test emails every seed provider from every sender account;
where each email landed, and every report built on that, is a pure function of the seed and
the test, so a report reads the same every time. Nothing here knows HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._data import DAY_MS, Clock, Hasher, iso_ms, pick

__all__ = ["PROVIDERS", "Delivery", "provider_ids"]

#: The seed providers, by region: ``(region, ((id, name), ...))``.
PROVIDERS = (
    ("North America", ((1, "Gmail"), (2, "Outlook"), (3, "Yahoo"), (4, "AOL"))),
    ("Europe", ((5, "GMX"), (6, "Web.de"), (7, "Orange"))),
    ("Asia", ((8, "QQ Mail"), (9, "Naver"))),
)
_PLACEMENTS = ("inbox", "inbox", "inbox", "inbox", "spam", "promotions", "not_received")
_BLACKLISTS = ("Spamhaus ZEN", "Barracuda", "SpamCop", "SORBS", "UCEPROTECT")
_RUNS = 3


def provider_ids() -> dict[int, tuple[str, str]]:
    """Provider id -> (its name, its region)."""
    return {pid: (name, region) for region, providers in PROVIDERS for pid, name in providers}


class Delivery:
    """The account's Smart Delivery."""

    def __init__(self, hasher: Hasher, clock: Clock) -> None:
        self._hash = hasher
        self._clock = clock
        self.tests: dict[int, dict[str, Any]] = {}
        self.folders: dict[int, dict[str, Any]] = {}
        self._next_test = 51_200 + hasher(61) % 50
        self._next_folder = 900 + hasher(62) % 50

    def create_test(self, fields: Mapping[str, Any], test_type: str) -> dict[str, Any]:
        """A new test from a create request's fields."""
        self._next_test += 1
        row = {
            "id": self._next_test, **fields, "test_type": test_type,
            "status": "completed" if test_type == "manual" else "active",
            "created_at": iso_ms(self._clock.tick()),
        }  # fmt: skip
        self.tests[self._next_test] = row
        return row

    def create_folder(self, name: str) -> dict[str, Any]:
        """A new, empty folder."""
        self._next_folder += 1
        row = {"id": self._next_folder, "name": name, "created_at": iso_ms(self._clock.tick())}
        self.folders[self._next_folder] = row
        return row

    def folder_json(self, folder: Mapping[str, Any]) -> dict[str, Any]:
        """A folder with the ids of the tests filed in it."""
        tests = [tid for tid, test in self.tests.items() if test.get("folder_id") == folder["id"]]
        return {**folder, "test_count": len(tests), "test_ids": tests}

    # -- what a test found ------------------------------------------------------------------

    def emails(self, test: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every email of the test: one per sender account and seed provider."""
        names = provider_ids()
        rows = []
        for s, sender in enumerate(test["sender_accounts"]):
            for pid in test["provider_ids"]:
                h = self._hash(63, test["id"], s, pid)
                name, region = names[pid]
                rows.append({
                    "reply_id": test["id"] * 1000 + s * 20 + pid, "sender_account": sender,
                    "provider_id": pid, "provider_name": name, "region": region,
                    "placement": pick(_PLACEMENTS, h), "ip": f"203.0.113.{h % 250 + 1}",
                })  # fmt: skip
        return rows

    def report(self, test: Mapping[str, Any], name: str) -> Any:
        """The payload of report ``name`` (the path segment after the test id)."""
        emails = self.emails(test)
        senders = list(test["sender_accounts"])
        h = self._hash(64, test["id"])
        if name == "providerwise":
            return _tally(emails, "provider_name")
        if name == "groupwise":
            return _tally(emails, "region")
        if name == "sender-account-wise":
            return [{**row, "emails": [e for e in emails
                                       if e["sender_account"] == row["sender_account"]]}
                    for row in _tally(emails, "sender_account")]
        if name == "sender-accounts":
            return [{"email": sender} for sender in senders]
        if name == "spam-filter-details":
            return [{"sender_account": sender, "spam_filter": spam_filter,
                     "score": round((self._hash(65, test["id"], i, j) % 50) / 10, 1)}
                    for i, sender in enumerate(senders)
                    for j, spam_filter in enumerate(test["spam_filters"])]
        if name in ("dkim-details", "spf-details", "rdns-details"):
            check = name.split("-")[0]
            return [{"sender_account": sender,
                     check: "fail" if self._hash(66, test["id"], i, len(check)) % 9 == 0
                     else "pass"}
                    for i, sender in enumerate(senders)]
        if name == "blacklist":
            return [{"ip": ip, "blacklists": _listed(self._hash(67, test["id"], n))}
                    for n, ip in enumerate(sorted({e["ip"] for e in emails}))]
        if name == "domain-blacklist":
            domains = sorted({sender.rpartition("@")[2] for sender in senders})
            return [{"domain": domain, "blacklists": _listed(self._hash(68, test["id"], n))}
                    for n, domain in enumerate(domains)]
        if name == "ip-analytics":
            listed = self.report(test, "blacklist")
            return {"total_blacklist_count": sum(len(row["blacklists"]) for row in listed),
                    "ips": listed}
        if name == "email-content":
            return {"campaign_id": test["campaign_id"],
                    "sequence_mapping_id": test["sequence_mapping_id"],
                    "subject": f"Placement test {test['id']}",
                    "body_html": "<p>Hi {{first_name}}</p>", "raw": "Hi {{first_name}}"}
        if name == "schedule-history":
            if test["test_type"] != "auto":
                return []
            start = h % DAY_MS
            return [{"run": run + 1, "ran_at": iso_ms(1_764_000_000_000 + start + run * DAY_MS),
                     **_summary(emails)} for run in range(_RUNS)]
        raise KeyError(name)

    def mailbox_rows(self) -> list[dict[str, Any]]:
        """Every sender account of every test, with its placement over all of them."""
        emails = [e for test in self.tests.values() for e in self.emails(test)]
        return _tally(emails, "sender_account")


def _summary(emails: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"inbox": 0, "spam": 0, "promotions": 0, "not_received": 0}
    for email in emails:
        counts[email["placement"]] += 1
    return {**counts, "total": len(emails)}


def _tally(emails: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Placement counts of ``emails`` grouped by ``key``, in first-seen order."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for email in emails:
        groups.setdefault(email[key], []).append(email)
    return [{key: value, **_summary(rows)} for value, rows in groups.items()]


def _listed(h: int) -> list[str]:
    """The blacklists an IP or domain is on: none, mostly."""
    return [] if h % 5 else [pick(_BLACKLISTS, h >> 8)]
