"""Enumerations of the API's documented values.

They are *open*: decoding a value the docs do not list yields a pseudo-member that keeps the
string (``LeadStatus("NEW")`` is a ``LeadStatus`` whose ``.value`` is ``"NEW"``), so a new
server-side value never breaks a user's export. Argument validation uses
:func:`is_documented` and stays strict.

A parameter that takes an enum is typed ``LeadStatus | LeadStatusValue``: the member, or one of
its values as a ``Literal``, so a type checker rejects a misspelt string.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "CampaignStatus",
    "CampaignStatusAction",
    "CampaignStatusActionValue",
    "EmailAccountType",
    "EmailStatus",
    "EmailStatusValue",
    "LeadStatus",
    "LeadStatusValue",
    "StatisticsEmailStatus",
    "StatisticsEmailStatusValue",
    "StopLeadSetting",
    "StopLeadSettingValue",
    "TrackSetting",
    "TrackSettingValue",
    "WebhookEventType",
    "WebhookEventTypeValue",
]


class _OpenEnum(StrEnum):
    """A string enum that keeps unknown values instead of rejecting them."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


def is_documented(enum_cls: type[_OpenEnum], value: object) -> bool:
    """Whether ``value`` is one of the enum's declared values (not a decoded pseudo-member)."""
    return isinstance(value, str) and value in enum_cls._value2member_map_ and (
        enum_cls._value2member_map_[value].name in enum_cls.__members__
    )


class LeadStatus(_OpenEnum):
    """Status of a lead within a campaign."""

    STARTED = "STARTED"
    INPROGRESS = "INPROGRESS"
    COMPLETED = "COMPLETED"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"
    BLOCKED = "BLOCKED"


#: The values of :class:`LeadStatus`, as a ``Literal`` for typing parameters.
LeadStatusValue = Literal["STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED", "BLOCKED"]


class EmailStatus(_OpenEnum):
    """Email engagement filter of ``GET /campaigns/{id}/leads`` (``emailStatus``)."""

    IS_OPENED = "is_opened"
    IS_CLICKED = "is_clicked"
    IS_REPLIED = "is_replied"
    IS_BOUNCED = "is_bounced"
    IS_UNSUBSCRIBED = "is_unsubscribed"
    IS_SPAM = "is_spam"
    IS_ACCEPTED = "is_accepted"
    NOT_REPLIED = "not_replied"
    IS_SENDER_BOUNCED = "is_sender_bounced"


#: The values of :class:`EmailStatus`, as a ``Literal`` for typing parameters.
EmailStatusValue = Literal[
    "is_opened",
    "is_clicked",
    "is_replied",
    "is_bounced",
    "is_unsubscribed",
    "is_spam",
    "is_accepted",
    "not_replied",
    "is_sender_bounced",
]


class CampaignStatus(_OpenEnum):
    """Status of a campaign."""

    DRAFTED = "DRAFTED"
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    STOPPED = "STOPPED"
    PAUSED = "PAUSED"


class CampaignStatusAction(_OpenEnum):
    """Values accepted by ``POST /campaigns/{id}/status``."""

    PAUSED = "PAUSED"
    STOPPED = "STOPPED"
    START = "START"


#: The values of :class:`CampaignStatusAction`, as a ``Literal`` for typing parameters.
CampaignStatusActionValue = Literal["PAUSED", "STOPPED", "START"]


class TrackSetting(_OpenEnum):
    """What a campaign does not track (``track_settings`` of ``POST /campaigns/{id}/settings``).

    The reference lists ``DONT_TRACK_EMAIL_OPEN | CLICK_ON_A_LINK | REPLY_TO_AN_EMAIL``;
    SmartLead's current reference spells the last two ``DONT_TRACK_LINK_CLICK`` and
    ``DONT_TRACK_REPLY_TO_AN_EMAIL``. All five are accepted.
    """

    DONT_TRACK_EMAIL_OPEN = "DONT_TRACK_EMAIL_OPEN"
    DONT_TRACK_LINK_CLICK = "DONT_TRACK_LINK_CLICK"
    DONT_TRACK_REPLY_TO_AN_EMAIL = "DONT_TRACK_REPLY_TO_AN_EMAIL"
    CLICK_ON_A_LINK = "CLICK_ON_A_LINK"
    REPLY_TO_AN_EMAIL = "REPLY_TO_AN_EMAIL"


#: The values of :class:`TrackSetting`, as a ``Literal`` for typing parameters.
TrackSettingValue = Literal[
    "DONT_TRACK_EMAIL_OPEN",
    "DONT_TRACK_LINK_CLICK",
    "DONT_TRACK_REPLY_TO_AN_EMAIL",
    "CLICK_ON_A_LINK",
    "REPLY_TO_AN_EMAIL",
]


class StopLeadSetting(_OpenEnum):
    """When a campaign stops emailing a lead (``stop_lead_settings``)."""

    CLICK_ON_A_LINK = "CLICK_ON_A_LINK"
    REPLY_TO_AN_EMAIL = "REPLY_TO_AN_EMAIL"


#: The values of :class:`StopLeadSetting`, as a ``Literal`` for typing parameters.
StopLeadSettingValue = Literal["CLICK_ON_A_LINK", "REPLY_TO_AN_EMAIL"]


class StatisticsEmailStatus(_OpenEnum):
    """The ``email_status`` filter of ``GET /campaigns/{id}/statistics``."""

    OPENED = "opened"
    CLICKED = "clicked"
    REPLIED = "replied"
    UNSUBSCRIBED = "unsubscribed"


#: The values of :class:`StatisticsEmailStatus`, as a ``Literal`` for typing parameters.
StatisticsEmailStatusValue = Literal["opened", "clicked", "replied", "unsubscribed"]


class WebhookEventType(_OpenEnum):
    """Events a campaign webhook can subscribe to."""

    EMAIL_SENT = "EMAIL_SENT"
    EMAIL_OPEN = "EMAIL_OPEN"
    EMAIL_LINK_CLICK = "EMAIL_LINK_CLICK"
    EMAIL_REPLY = "EMAIL_REPLY"
    LEAD_UNSUBSCRIBED = "LEAD_UNSUBSCRIBED"
    LEAD_CATEGORY_UPDATED = "LEAD_CATEGORY_UPDATED"


#: The values of :class:`WebhookEventType`, as a ``Literal`` for typing parameters.
WebhookEventTypeValue = Literal[
    "EMAIL_SENT",
    "EMAIL_OPEN",
    "EMAIL_LINK_CLICK",
    "EMAIL_REPLY",
    "LEAD_UNSUBSCRIBED",
    "LEAD_CATEGORY_UPDATED",
]


class EmailAccountType(_OpenEnum):
    """The provider of an email account."""

    SMTP = "SMTP"
    GMAIL = "GMAIL"
    ZOHO = "ZOHO"
    OUTLOOK = "OUTLOOK"
