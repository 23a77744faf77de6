"""Response models of the email-account and client endpoints.

SMTP/IMAP and client passwords are never part of a ``repr`` (``attrs.field(repr=False)``);
the raw JSON a model keeps is not part of it either.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import attrs

from .._enums import ApiKeyStatus, EmailAccountType
from ._base import Aliases, Identity, Model, model
from .common import OkResponse
from .mailboxes import EmailAccountTag

#: Alias so a field may be named ``date``.
CalendarDate = date

__all__ = [
    "Client",
    "ClientApiKey",
    "ClientCreated",
    "ClientPermissions",
    "EmailAccount",
    "EmailAccountSaved",
    "WarmupDayStats",
    "WarmupDetails",
    "WarmupStats",
]


@model
class WarmupDetails(Model):
    """An account's warmup state (``warmup_reputation`` ``"100%"`` is decoded as 100)."""

    id: int | None = None
    status: str | None = None
    created_at: datetime | None = None
    reply_rate: int | None = None
    warmup_key_id: str | None = None
    blocked_reason: str | None = None
    total_sent_count: int | None = None
    total_spam_count: int | None = None
    warmup_max_count: int | None = None
    warmup_min_count: int | None = None
    is_warmup_blocked: bool | None = None
    max_email_per_day: int | None = None
    warmup_reputation: int | None = None


@model
class EmailAccount(Model):
    """A sending mailbox. ``password`` and ``imap_password`` are hidden from ``repr``.

    ``campaign_ids`` is filled when the account was fetched with ``fetch_campaigns=True``,
    ``tags`` with ``fetch_tags=True``.
    """

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("email_accounts",)

    id: int
    created_at: datetime | None = None
    updated_at: datetime | None = None
    user_id: int | None = None
    from_name: str | None = None
    from_email: str | None = None
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_port_type: str | None = None
    message_per_day: int | None = None
    different_reply_to_address: str | None = None
    is_different_imap_account: bool | None = None
    imap_username: str | None = None
    imap_password: str | None = attrs.field(default=None, repr=False)
    imap_host: str | None = None
    imap_port: int | None = None
    imap_port_type: str | None = None
    signature: str | None = None
    custom_tracking_domain: str | None = None
    bcc_email: str | None = None
    is_smtp_success: bool | None = None
    is_imap_success: bool | None = None
    smtp_failure_error: str | None = None
    imap_failure_error: str | None = None
    type: EmailAccountType | None = None
    daily_sent_count: int | None = None
    client_id: int | None = None
    warmup_details: WarmupDetails | None = None
    is_suspended: bool | None = None
    campaign_ids: list[int] = attrs.field(factory=list)
    tags: list[EmailAccountTag] = attrs.field(factory=list)


@model
class EmailAccountSaved(OkResponse):
    """The answer of the email-account write endpoints."""

    #: ``{ok, message, emailAccountId}`` (help-center) or ``{ok, message, data: {id}}``.
    aliases: ClassVar[Aliases] = {
        "email_account_id": ("emailAccountId", "email_account_id", "id"),
        "warmup_key": ("warmupKey", "warmup_key"),
    }

    email_account_id: int | None = None
    warmup_key: str | None = None


@model
class WarmupDayStats(Model):
    """Warmup counters of one day (``date`` is the API's ``YYYY-MM-DD``)."""

    aliases: ClassVar[Aliases] = {
        "sent_count": ("sent_count", "sent"),
        "reply_count": ("reply_count", "replied", "replies"),
        "spam_count": ("spam_count", "spam"),
    }

    id: int | None = None
    date: CalendarDate | None = None
    sent_count: int | None = None
    reply_count: int | None = None
    spam_count: int | None = None
    save_from_spam_count: int | None = None


@model
class WarmupStats(Model):
    """Warmup counters of the last 7 days (``GET /email-accounts/{id}/warmup-stats``).

    The newer docs name the counters ``total_sent`` and ``daily_stats``; both spellings are
    read.
    """

    aliases: ClassVar[Aliases] = {
        "sent_count": ("sent_count", "total_sent"),
        "spam_count": ("spam_count", "total_spam"),
        "stats_by_date": ("stats_by_date", "daily_stats"),
    }

    id: int | None = None
    sent_count: int | None = None
    reputation_score: int | None = None
    spam_count: int | None = None
    inbox_count: int | None = None
    warmup_email_received_count: int | None = None
    stats_by_date: list[WarmupDayStats] = attrs.field(factory=list)


@model
class ClientPermissions(Model):
    """What a client may do (``permission``: e.g. ``reply_master_inbox``, ``full_access``)."""

    permission: list[str] = attrs.field(factory=list)
    restricted_category: list[Any] = attrs.field(factory=list)


@model
class Client(Model):
    """An agency client (whitelabel or not)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("clients",)

    id: int
    name: str | None = None
    email: str | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    user_id: int | None = None
    logo: str | None = None
    logo_url: str | None = None
    client_permission: ClientPermissions | None = None


@model
class ClientCreated(OkResponse):
    """The answer of ``POST /client/save``; ``password`` is hidden from ``repr``."""

    #: ``{ok, clientId}`` (help-center), ``{id}`` or ``{data: {id}}`` (newer docs).
    aliases: ClassVar[Aliases] = {"client_id": ("clientId", "client_id", "id")}
    identity: ClassVar[Identity] = ("client_id",)

    client_id: int
    name: str | None = None
    email: str | None = None
    password: str | None = attrs.field(default=None, repr=False)


@model
class ClientApiKey(Model):
    """An API key of a client sub-account (``/client/api-key``).

    ``api_key`` is a live credential: it is never part of a ``repr`` (nor is the raw JSON).
    The docs spell the fields in snake_case, the create route's body in camelCase: both are
    read.
    """

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("api_keys",)
    aliases: ClassVar[Aliases] = {
        "client_id": ("client_id", "clientId"),
        "key_name": ("key_name", "keyName"),
        "api_key": ("api_key", "apiKey"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int
    client_id: int | None = None
    key_name: str | None = None
    api_key: str | None = attrs.field(default=None, repr=False)
    status: ApiKeyStatus | None = None
    created_at: datetime | None = None
