"""Response models of the mailbox extras: email-account tags and messages read over IMAP.

The routes behind them (``/email-accounts/tag-*``, ``/email-accounts/tags``, ``/tags``,
``.../fetch-messages``) are documented without a response example; the models read the
documented field names and keep every other field in ``extra``.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from ._base import Aliases, Identity, Model, model
from .common import OkResponse

__all__ = [
    "EmailAccountTag",
    "EmailAccountTagList",
    "EmailAccountTagSaved",
    "MailboxMessage",
    "MailboxMessages",
]


@model
class EmailAccountTag(Model):
    """A tag that groups email accounts (``color`` is ``#RRGGBB``)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("tags",)

    id: int
    name: str | None = None
    color: str | None = None
    created_at: datetime | None = None


@model
class EmailAccountTagSaved(OkResponse):
    """The answer of creating or updating a tag (``id`` when the API sends one)."""

    aliases: ClassVar[Aliases] = {"id": ("id", "tag_id", "tagId")}

    id: int | None = None
    name: str | None = None
    color: str | None = None


@model
class EmailAccountTagList(Model):
    """The tags of one email account, as ``POST /email-accounts/tag-list`` answers."""

    identity: ClassVar[Identity] = ("email_account_id",)
    aliases: ClassVar[Aliases] = {
        "email_account_id": ("email_account_id", "id", "emailAccountId"),
        "from_email": ("from_email", "email"),
    }

    email_account_id: int
    from_email: str | None = None
    tags: list[EmailAccountTag] = attrs.field(factory=list)


@model
class MailboxMessage(Model):
    """A message read from a mailbox (``POST /email-accounts/{id}/fetch-messages``).

    ``from_`` is the JSON ``from``. The route is known from SmartLead's official CLI only, which
    records no answer: ``message_id`` identifies a message when the API sends it.
    """

    identity: ClassVar[Identity] = ("message_id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("messages",)
    aliases: ClassVar[Aliases] = {"from_": ("from",)}

    message_id: str | None = None
    uid: int | None = None
    folder: str | None = None
    subject: str | None = None
    from_: str | None = None
    to: str | None = None
    date: datetime | None = None
    body: str | None = None


@model
class MailboxMessages(Model):
    """The messages of one mailbox in ``POST /email-accounts/multi/fetch-messages``."""

    identity: ClassVar[Identity] = ("email_account_id",)
    aliases: ClassVar[Aliases] = {
        "email_account_id": ("email_account_id", "account_id", "emailAccountId"),
    }

    email_account_id: int
    messages: list[MailboxMessage] = attrs.field(factory=list)
