"""Smart Senders' state in the fake: vendors, orders, bought domains and their mailboxes.

An order buys its domains and mailboxes at once (its status is ``processing``); the domains
are then listed, and each mailbox can get one-time passwords. Nothing here knows HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._data import Clock, Hasher, iso_ms

__all__ = ["VENDORS", "Senders"]

#: ``(id, name, price of a domain in USD, price of a mailbox per month)``.
VENDORS = ((1, "Namecheap", 11, 3), (2, "GoDaddy", 14, 4), (3, "Porkbun", 9, 3))
_TLDS = (".com", ".io", ".co", ".net")
_AFFIXES = (("", ""), ("get", ""), ("try", ""), ("", "hq"), ("", "mail"))


class Senders:
    """The account's Smart Senders."""

    def __init__(self, hasher: Hasher, clock: Clock) -> None:
        self._hash = hasher
        self._clock = clock
        self.orders: dict[str, dict[str, Any]] = {}
        self.domains: dict[str, dict[str, Any]] = {}  # domain name -> row
        self.mailboxes: set[str] = set()
        self._otps = 0

    @staticmethod
    def vendor(vendor_id: int) -> tuple[int, str, int, int] | None:
        """The vendor with this id, or None."""
        return next((v for v in VENDORS if v[0] == vendor_id), None)

    def candidates(self, name: str, vendor_id: int) -> list[dict[str, Any]]:
        """Domains like ``name`` and whether each is still on sale."""
        vendor = self.vendor(vendor_id)
        price = 12 if vendor is None else vendor[2]
        stem = name.lower().split(".")[0]
        rows = []
        for n, (prefix, suffix) in enumerate(_AFFIXES):
            for tld in _TLDS:
                domain = f"{prefix}{stem}{suffix}{tld}"
                taken = domain in self.domains or self._hash(71, n, len(tld)) % 7 == 0
                rows.append({"domain_name": domain, "available": not taken, "price": price})
        return rows

    def place(
        self, vendor_id: int, forwarding: str, buyer: dict[str, Any],
        domains: Sequence[dict[str, Any]],
    ) -> dict[str, Any]:
        """Record an order: its domains are bought and their mailboxes created."""
        order_id = f"SS-{self._hash(72, len(self.orders)) % 900_000 + 100_000}"
        now = iso_ms(self._clock.tick())
        order = {
            "order_id": order_id, "status": "processing", "vendor_id": vendor_id,
            "forwarding_domain": forwarding, "user_details": buyer, "domains": list(domains),
            "created_at": now,
        }  # fmt: skip
        self.orders[order_id] = order
        for domain in domains:
            boxes = [box["mailbox"] for box in domain["mailbox_details"]]
            self.domains[domain["domain_name"]] = {
                "id": len(self.domains) + 1, "domain_name": domain["domain_name"],
                "vendor_id": vendor_id, "order_id": order_id, "status": "active",
                "mailbox_count": len(boxes), "created_at": now,
            }  # fmt: skip
            self.mailboxes.update(box.lower() for box in boxes)
        return order

    def otp(self, mailbox: str) -> str:
        """A new six-digit one-time password for a bought mailbox."""
        self._otps += 1
        return f"{self._hash(73, self._otps, len(mailbox)) % 1_000_000:06d}"
