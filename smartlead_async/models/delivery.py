"""Models of Smart Delivery (``client.delivery``): placement tests, their folders and reports.

No source records what these routes answer. Tests and folders are typed with the names the
request bodies use (``test_name``, ``folderName``...) and their ids; the reports are kept
whole (:class:`DeliveryReport`), as no field of theirs is known.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from .._args import email_address, enum_value, flag, id_list, items_of, non_empty, text
from .._enums import SpamTestType, TimeUnit, TimeUnitValue
from ._base import Aliases, Identity, Model, model
from .analytics import AnalyticsReport
from .common import OkResponse
from .inputs import InputModel, _as_tuple, _checked, _int, _opt_int, _optional_text

__all__ = [
    "DeliveryReport",
    "FolderCreated",
    "SpamTest",
    "SpamTestCreated",
    "SpamTestFolder",
    "SpamTestInput",
]


@model
class SpamTest(Model):
    """A placement (spam) test: the listing of ``POST /spam-test/report`` and ``GET
    /spam-test/{id}``."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("tests", "spamTests", "spam_tests")
    aliases: ClassVar[Aliases] = {
        "id": ("id", "spam_test_id", "spamTestId", "test_id"),
        "name": ("test_name", "testName", "name"),
        "test_type": ("test_type", "testType", "type"),
        "campaign_id": ("campaign_id", "campaignId"),
        "folder_id": ("folder_id", "folderId"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int
    name: str | None = None
    description: str | None = None
    test_type: SpamTestType | None = None
    status: str | None = None
    campaign_id: int | None = None
    folder_id: int | None = None
    created_at: datetime | None = None


@model
class SpamTestCreated(OkResponse):
    """The answer of ``POST /spam-test/manual`` and ``/spam-test/schedule``.

    Attributes:
        id: the new test's id, when the server sends it.
    """

    aliases: ClassVar[Aliases] = {"id": ("id", "spam_test_id", "spamTestId", "test_id")}

    id: int | None = None


@model
class SpamTestFolder(Model):
    """A folder of placement tests (``/spam-test/folder``)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("folders",)
    aliases: ClassVar[Aliases] = {
        "id": ("id", "folder_id", "folderId"),
        "name": ("folder_name", "folderName", "name"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int
    name: str | None = None
    created_at: datetime | None = None


@model
class FolderCreated(OkResponse):
    """The answer of ``POST /spam-test/folder``.

    Attributes:
        id: the new folder's id, when the server sends it.
        name: its name, when the server sends it.
    """

    aliases: ClassVar[Aliases] = SpamTestFolder.aliases

    id: int | None = None
    name: str | None = None


@model
class DeliveryReport(AnalyticsReport):
    """A Smart Delivery report or count kept whole (no source records its fields):
    ``report.data`` is the payload as sent; an object payload's members are also in
    ``report.extra``."""


def _provider_ids(name: str, value: object) -> None:
    id_list(name, value)


def _sender_accounts(name: str, value: object) -> None:
    addresses = non_empty(name, items_of(name, value, "email addresses"), "address")
    for index, address in enumerate(addresses):
        email_address(f"{name}[{index}]", address)


def _spam_filters(name: str, value: object) -> None:
    for index, item in enumerate(items_of(name, value, "strings")):
        text(f"{name}[{index}]", item)


def _time_unit(name: str, value: object) -> None:
    enum_value(name, value, TimeUnit)


@attrs.frozen(kw_only=True)
class SpamTestInput(InputModel):
    """What a placement test sends and how (``POST /spam-test/manual`` and the same fields
    of ``/spam-test/schedule``). Every field but ``description`` and ``folder_id`` is
    required by SmartLead.

    Attributes:
        test_name: the test's name.
        campaign_id: the campaign whose sequence is sent.
        sequence_mapping_id: the sequence step (or variant) to send.
        provider_ids: the seed providers to send to (``client.delivery.providers()``).
        sender_accounts: the email addresses to send from.
        spam_filters: the spam filters to run, e.g. ``["spam_assassin"]`` (may be empty).
        link_checker: check the links' domains against blacklists.
        is_warmup: answer the test mail with positive intent and move it out of spam.
        all_email_sent_without_time_gap: send every test email at once.
        min_time_btwn_emails: the gap between two emails of one mailbox.
        min_time_unit: that gap's unit, a :class:`TimeUnit`.
        description: a note for later.
        folder_id: the folder to file the test in.
    """

    test_name: str = attrs.field(validator=_checked(text))
    campaign_id: int = attrs.field(validator=_int(1))
    sequence_mapping_id: int = attrs.field(validator=_int(1))
    provider_ids: tuple[int, ...] = attrs.field(
        converter=_as_tuple, validator=_checked(_provider_ids)
    )
    sender_accounts: tuple[str, ...] = attrs.field(
        converter=_as_tuple, validator=_checked(_sender_accounts)
    )
    spam_filters: tuple[str, ...] = attrs.field(
        converter=_as_tuple, validator=_checked(_spam_filters)
    )
    link_checker: bool = attrs.field(validator=_checked(flag))
    is_warmup: bool = attrs.field(validator=_checked(flag))
    all_email_sent_without_time_gap: bool = attrs.field(validator=_checked(flag))
    min_time_btwn_emails: int = attrs.field(validator=_int(0))
    min_time_unit: TimeUnit | TimeUnitValue = attrs.field(validator=_checked(_time_unit))
    description: str | None = attrs.field(default=None, validator=_optional_text)
    folder_id: int | None = attrs.field(default=None, validator=_opt_int(1))
