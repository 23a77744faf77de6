"""Mail of the fake: what it sent on request, and the messages its mailboxes hold.

Campaign test emails and single emails (``/send-email/initiate``) are recorded as
:class:`SentEmail` (``fake.sent_emails``) and show in the sending mailbox's ``Sent`` folder.
A mailbox's ``INBOX`` holds a few generated messages, the same for the same seed; any other
folder is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._data import (
    CLOCK_START_MS,
    COMPANIES,
    FIRST_NAMES,
    HOUR_MS,
    LAST_NAMES,
    SUBJECTS,
    Hasher,
    iso_ms,
    pick,
)

__all__ = ["INBOX_SIZE", "SentEmail", "mailbox_messages"]

#: Generated messages in each mailbox's INBOX.
INBOX_SIZE = 12


@dataclass(frozen=True, slots=True)
class SentEmail:
    """An email the fake sent on request.

    Attributes:
        kind: ``"test"`` (``POST /campaigns/{id}/send-test-email``) or ``"single"``
            (``POST /send-email/initiate``).
        from_email: the sending email account's address.
        to: the recipient.
        sent_ms: when it was sent (the fake's clock, epoch ms).
        campaign_id: the campaign of a test email.
        attachments: the attached files' names.
    """

    kind: str
    from_email: str
    to: str
    subject: str
    body: str
    sent_ms: int
    message_id: str
    campaign_id: int | None = None
    attachments: tuple[str, ...] = ()

    def json(self) -> dict[str, Any]:
        """The message as ``fetch-messages`` lists it (in the sender's ``Sent`` folder)."""
        return {"message_id": self.message_id, "folder": "Sent", "subject": self.subject,
                "from": self.from_email, "to": self.to, "date": iso_ms(self.sent_ms),
                "body": self.body}


def mailbox_messages(
    hasher: Hasher, account: dict[str, Any], folder: str, sent: Iterable[SentEmail]
) -> list[dict[str, Any]]:
    """The messages of one folder of a mailbox, newest first, bodies included."""
    address = str(account["from_email"])
    if folder == "Sent":
        mine = [email.json() for email in sent if email.from_email == address]
        return [{**message, "uid": uid} for uid, message in enumerate(mine, start=1)][::-1]
    if folder != "INBOX":
        return []
    return [_received(hasher, account["id"], address, n) for n in range(INBOX_SIZE)]


def _received(hasher: Hasher, account_id: int, address: str, n: int) -> dict[str, Any]:
    """The ``n``-th newest generated INBOX message (one every few hours before "now")."""
    h = hasher(10, account_id, n)
    first, last = pick(FIRST_NAMES, h), pick(LAST_NAMES, h >> 8)
    company, domain = pick(COMPANIES, h >> 16)
    sender = f"{first}.{last}@{domain}".lower()
    subject = "Re: " + pick(SUBJECTS, h >> 24).format(company=company)
    return {
        "message_id": f"<{h:016x}@{domain}>", "uid": INBOX_SIZE - n, "folder": "INBOX",
        "subject": subject, "from": sender, "to": address,
        "date": iso_ms(CLOCK_START_MS - (n * 6 + h % 6) * HOUR_MS),
        "body": f"<p>Thanks for your note. Best, {first}</p>",
    }  # fmt: skip
