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
    "LEAD_STATUS_FILTERS",
    "ApiKeyStatus",
    "ApiKeyStatusValue",
    "CampaignStatus",
    "CampaignStatusAction",
    "CampaignStatusActionValue",
    "CampaignStatusValue",
    "CatchAllStatus",
    "CatchAllStatusValue",
    "EmailAccountType",
    "EmailAccountTypeValue",
    "EmailStatus",
    "EmailStatusValue",
    "EmailWarmupStatus",
    "EmailWarmupStatusValue",
    "InboxBlockSource",
    "InboxBlockSourceValue",
    "InboxEmailStatus",
    "InboxEmailStatusValue",
    "InboxSortBy",
    "InboxSortByValue",
    "InboxView",
    "InboxViewValue",
    "LeadStatus",
    "LeadStatusValue",
    "LeadType",
    "LeadTypeValue",
    "PushAction",
    "PushActionValue",
    "SpamTestType",
    "SpamTestTypeValue",
    "StatisticsEmailStatus",
    "StatisticsEmailStatusValue",
    "StopLeadSetting",
    "StopLeadSettingValue",
    "TaskPriority",
    "TaskPriorityValue",
    "TimeUnit",
    "TimeUnitValue",
    "TrackSetting",
    "TrackSettingValue",
    "VerificationStatus",
    "VerificationStatusValue",
    "WebhookAssociation",
    "WebhookAssociationValue",
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

#: The values of :class:`CampaignStatus`, as a ``Literal`` for typing parameters.
CampaignStatusValue = Literal["DRAFTED", "ACTIVE", "COMPLETED", "STOPPED", "PAUSED"]


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
    """Events a webhook can subscribe to, and the ``event_type`` of each delivery.

    The API reference lists the first six; SmartLead's webhook guide adds ``EMAIL_BOUNCE``
    and ``FIRST_EMAIL_SENT`` (see ``smartlead_async.webhooks`` for their payloads).
    """

    EMAIL_SENT = "EMAIL_SENT"
    EMAIL_OPEN = "EMAIL_OPEN"
    EMAIL_LINK_CLICK = "EMAIL_LINK_CLICK"
    EMAIL_REPLY = "EMAIL_REPLY"
    LEAD_UNSUBSCRIBED = "LEAD_UNSUBSCRIBED"
    LEAD_CATEGORY_UPDATED = "LEAD_CATEGORY_UPDATED"
    EMAIL_BOUNCE = "EMAIL_BOUNCE"
    FIRST_EMAIL_SENT = "FIRST_EMAIL_SENT"

#: The values of :class:`WebhookEventType`, as a ``Literal`` for typing parameters.
WebhookEventTypeValue = Literal[
    "EMAIL_SENT",
    "EMAIL_OPEN",
    "EMAIL_LINK_CLICK",
    "EMAIL_REPLY",
    "LEAD_UNSUBSCRIBED",
    "LEAD_CATEGORY_UPDATED",
    "EMAIL_BOUNCE",
    "FIRST_EMAIL_SENT",
]


class EmailAccountType(_OpenEnum):
    """The provider of an email account."""

    SMTP = "SMTP"
    GMAIL = "GMAIL"
    ZOHO = "ZOHO"
    OUTLOOK = "OUTLOOK"

#: The values of :class:`EmailAccountType`, as a ``Literal`` for typing parameters.
EmailAccountTypeValue = Literal["SMTP", "GMAIL", "ZOHO", "OUTLOOK"]


class EmailWarmupStatus(_OpenEnum):
    """Whether an email account's warmup is running (the ``emailWarmupStatus`` filter)."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

#: The values of :class:`EmailWarmupStatus`, as a ``Literal`` for typing parameters.
EmailWarmupStatusValue = Literal["ACTIVE", "INACTIVE"]


class LeadType(_OpenEnum):
    """The ``leadType`` filter of ``GET /leads/all`` (every lead of the account)."""

    ACTIVE = "active"
    YET_TO_USE = "yet_to_use"
    PREVIOUSLY_ACTIVE = "previously_active"
    ARCHIVED = "archived"

#: The values of :class:`LeadType`, as a ``Literal`` for typing parameters.
LeadTypeValue = Literal["active", "yet_to_use", "previously_active", "archived"]


class PushAction(_OpenEnum):
    """What a push does with the leads it takes (``action`` of the lead-list push routes):
    ``copy`` leaves them where they were, ``move`` takes them out."""

    COPY = "copy"
    MOVE = "move"

#: The values of :class:`PushAction`, as a ``Literal`` for typing parameters.
PushActionValue = Literal["copy", "move"]


#: The statuses ``GET /campaigns/{id}/leads`` (and ``/leads/all``) accept as a filter.
LEAD_STATUS_FILTERS = (
    LeadStatus.STARTED,
    LeadStatus.INPROGRESS,
    LeadStatus.COMPLETED,
    LeadStatus.PAUSED,
    LeadStatus.STOPPED,
)
class InboxView(_OpenEnum):
    """The master-inbox views; each value is the view's path under ``/master-inbox/``."""

    REPLIES = "inbox-replies"
    UNREAD_REPLIES = "unread-replies"
    SENT = "sent"
    ARCHIVED = "archived"
    IMPORTANT = "important"
    SNOOZED = "snoozed"
    REMINDERS = "reminders"
    SCHEDULED = "scheduled"
    ASSIGNED_TO_ME = "assigned-me"
    CUSTOM = "views"

#: The values of :class:`InboxView`, as a ``Literal`` for typing parameters.
InboxViewValue = Literal[
    "inbox-replies",
    "unread-replies",
    "sent",
    "archived",
    "important",
    "snoozed",
    "reminders",
    "scheduled",
    "assigned-me",
    "views",
]


class InboxEmailStatus(_OpenEnum):
    """The engagement filter of the master-inbox views (``filters.emailStatus``)."""

    OPENED = "Opened"
    CLICKED = "Clicked"
    REPLIED = "Replied"
    UNSUBSCRIBED = "Unsubscribed"
    BOUNCED = "Bounced"
    ACCEPTED = "Accepted"
    NOT_REPLIED = "Not Replied"

#: The values of :class:`InboxEmailStatus`, as a ``Literal`` for typing parameters.
InboxEmailStatusValue = Literal[
    "Opened",
    "Clicked",
    "Replied",
    "Unsubscribed",
    "Bounced",
    "Accepted",
    "Not Replied",
]


class InboxSortBy(_OpenEnum):
    """The order of a master-inbox view (``sortBy``).

    Most views sort by reply or sent time; the reminders view by reminder time and the
    scheduled view by scheduled time.
    """

    REPLY_TIME_DESC = "REPLY_TIME_DESC"
    SENT_TIME_DESC = "SENT_TIME_DESC"
    REMINDER_TIME_ASC = "REMINDER_TIME_ASC"
    REMINDER_TIME_DESC = "REMINDER_TIME_DESC"
    SCHEDULED_TIME_ASC = "SCHEDULED_TIME_ASC"
    SCHEDULED_TIME_DESC = "SCHEDULED_TIME_DESC"

#: The values of :class:`InboxSortBy`, as a ``Literal`` for typing parameters.
InboxSortByValue = Literal[
    "REPLY_TIME_DESC",
    "SENT_TIME_DESC",
    "REMINDER_TIME_ASC",
    "REMINDER_TIME_DESC",
    "SCHEDULED_TIME_ASC",
    "SCHEDULED_TIME_DESC",
]


class TaskPriority(_OpenEnum):
    """The priority of a task created from the master inbox."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"

#: The values of :class:`TaskPriority`, as a ``Literal`` for typing parameters.
TaskPriorityValue = Literal["LOW", "MEDIUM", "HIGH"]


class InboxBlockSource(_OpenEnum):
    """Why domains are blocked from the master inbox (``source`` of ``block-domains``)."""

    MANUAL = "manual"
    BOUNCE = "bounce"
    COMPLAINT = "complaint"
    INVALID = "invalid"
class WebhookAssociation(_OpenEnum):
    """What an account-level webhook covers (``association_type`` of ``POST /webhook/create``).

    A ``user`` webhook takes priority over client and campaign webhooks for the same event.
    """

    USER = "user"
    CLIENT = "client"
    CAMPAIGN = "campaign"

#: The values of :class:`WebhookAssociation`, as a ``Literal`` for typing parameters.
WebhookAssociationValue = Literal["user", "client", "campaign"]

#: The values of :class:`InboxBlockSource`, as a ``Literal`` for typing parameters.
InboxBlockSourceValue = Literal["manual", "bounce", "complaint", "invalid"]


class ApiKeyStatus(_OpenEnum):
    """Whether a client API key works (the ``status`` filter of ``GET /client/api-key``)."""

    ACTIVE = "active"
    INACTIVE = "inactive"

#: The values of :class:`ApiKeyStatus`, as a ``Literal`` for typing parameters.
ApiKeyStatusValue = Literal["active", "inactive"]


class VerificationStatus(_OpenEnum):
    """A fetched SmartProspect contact's email verification (``verification_status``)."""

    VALID = "valid"
    CATCH_ALL = "catch_all"
    INVALID = "invalid"

#: The values of :class:`VerificationStatus`, as a ``Literal`` for typing parameters.
VerificationStatusValue = Literal["valid", "catch_all", "invalid"]


class CatchAllStatus(_OpenEnum):
    """What sending to a catch-all SmartProspect contact gave (``catch_all_status``)."""

    CATCH_ALL_VERIFIED = "catch_all_verified"
    CATCH_ALL_SOFT_BOUNCED = "catch_all_soft_bounced"
    CATCH_ALL_HARD_BOUNCED = "catch_all_hard_bounced"
    CATCH_ALL_UNKNOWN = "catch_all_unknown"
    CATCH_ALL_BOUNCED = "catch_all_bounced"

#: The values of :class:`CatchAllStatus`, as a ``Literal`` for typing parameters.
CatchAllStatusValue = Literal[
    "catch_all_verified",
    "catch_all_soft_bounced",
    "catch_all_hard_bounced",
    "catch_all_unknown",
    "catch_all_bounced",
]


class SpamTestType(_OpenEnum):
    """A Smart Delivery placement test: run once by hand, or on a schedule (``testType``)."""

    MANUAL = "manual"
    AUTO = "auto"

#: The values of :class:`SpamTestType`, as a ``Literal`` for typing parameters.
SpamTestTypeValue = Literal["manual", "auto"]


class TimeUnit(_OpenEnum):
    """The unit of a Smart Delivery test's gap between emails (``min_time_unit``)."""

    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"


#: The values of :class:`TimeUnit`, as a ``Literal`` for typing parameters.
TimeUnitValue = Literal["minutes", "hours", "days"]
