"""Models of the master inbox (``/master-inbox/...`` and forwarding): threads, filters, replies.

A *thread* is one lead in one campaign, identified by its ``email_lead_map_id`` (the same
number as the ``campaign_lead_map_id`` of the campaign's lead listing). The views filter
threads with one :class:`InboxFilters`, sent in the API's camelCase.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._args import (
    DateLike,
    enum_list,
    enum_value,
    id_list,
    parse_date_like,
    positive_id,
    text,
)
from .._enums import InboxEmailStatus, InboxEmailStatusValue, LeadStatus
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from ._base import Aliases, Identity, Model, model
from .common import OkResponse
from .inputs import InputModel, _checked, _opt_int, _optional_bool
from .leads import LeadMessage

#: An engagement filter value: the member or its string.
_Status = InboxEmailStatus | InboxEmailStatusValue

__all__ = [
    "ForwardEmailResult",
    "InboxFilters",
    "InboxLead",
    "InboxLeadCategories",
    "InboxReplyStatus",
    "UntrackedReply",
]

#: The most category ids ``leadCategories.categoryIdsIn`` / ``categoryIdsNotIn`` take.
CATEGORY_IDS_MAX = 10
#: The longest ``filters.search`` the views take.
SEARCH_MAX = 30


@model
class InboxLead(Model):
    """One thread of the master inbox: a lead in a campaign, as the views list it.

    ``email_lead_map_id`` identifies the thread in every inbox action. The newer docs show
    the views' items nested (``campaign_lead_map_id``, ``lead``, ``campaign``,
    ``last_message``...): the id is read from either key, the nested objects stay in
    :attr:`extra`.

    Attributes:
        email_lead_map_id: the thread (the lead's membership in the campaign).
        email_lead_id: the lead.
        lead_status: the lead's status in the campaign.
        lead_category_id: the lead's category in the campaign, if any.
        has_new_unread_email: the lead's latest reply is unread.
        revenue: the revenue recorded on the thread (``Decimal``, exact).
        email_campaign_id: the campaign.
        team_member_id: the team member the thread is assigned to.
        sub_sequence_id: the subsequence the lead was pushed to, if any.
        email_history: the thread's messages, with ``fetch_message_history=True`` (the docs
            do not name the key: read from ``email_history`` or ``history``).
    """

    identity: ClassVar[Identity] = ("email_lead_map_id",)
    aliases: ClassVar[Aliases] = {
        "email_lead_map_id": ("email_lead_map_id", "campaign_lead_map_id"),
        "email_history": ("email_history", "history"),
    }
    collection_keys: ClassVar[tuple[str, ...]] = ("messages",)

    email_lead_map_id: int
    email_lead_id: int | None = None
    lead_first_name: str | None = None
    lead_last_name: str | None = None
    lead_email: str | None = None
    lead_status: LeadStatus | None = None
    lead_category_id: int | None = None
    last_sent_time: datetime | None = None
    last_reply_time: datetime | None = None
    has_new_unread_email: bool | None = None
    email_account_id: int | None = None
    revenue: Decimal | None = None
    email_campaign_id: int | None = None
    email_campaign_name: str | None = None
    client_id: int | None = None
    current_sequence_number: int | None = None
    lead_next_timestamp_to_send: datetime | None = None
    is_important: bool | None = None
    is_archived: bool | None = None
    is_snoozed: bool | None = None
    team_member_id: int | None = None
    is_pushed_to_sub_sequence: bool | None = None
    sub_sequence_id: int | None = None
    email_history: list[LeadMessage] = attrs.field(factory=list)


@model
class InboxReplyStatus(Model):
    """The delivery status of a reply sent from the master inbox.

    Attributes:
        status: e.g. ``COMPLETED`` once sent (the docs list no other values).
        status_message: the server's words, e.g. ``Email sent successfully!``.
        event_time: when the status was reached.
        scheduled_time: when a scheduled reply goes out.
    """

    message_id: str | None = None
    status: str | None = None
    status_message: str | None = None
    event_time: datetime | None = None
    scheduled_time: datetime | None = None
    email_stats_id: str | None = None


@model
class UntrackedReply(Model):
    """A reply received by a connected mailbox that no campaign tracks.

    ``body`` and ``attachments`` are sent only when asked for (``fetch_body``,
    ``fetch_attachments``).
    """

    identity: ClassVar[Identity] = ("id",)
    aliases: ClassVar[Aliases] = {"received_at": ("received_at", "time")}
    collection_keys: ClassVar[tuple[str, ...]] = ("replies", "untracked_replies")

    id: str
    from_email: str | None = None
    to_email: str | None = None
    subject: str | None = None
    received_at: datetime | None = None
    has_attachments: bool | None = None
    body: str | None = None
    attachments: list[Any] = attrs.field(factory=list)


@model
class ForwardEmailResult(OkResponse):
    """The answer to forwarding an email: ``{"ok": true, "messageId": ..., "status": ...}``.

    Attributes:
        message_id: the forwarded email's Message-ID (for ``client.inbox.reply_status``).
    """

    aliases: ClassVar[Aliases] = {"message_id": ("messageId", "message_id")}

    message_id: str | None = None
    status: str | None = None


# -- filters (a request body) -------------------------------------------------------------------


def _tuple_of(value: object) -> Any:
    """A list or other iterable as a tuple (checked by the field's validator afterwards)."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        return tuple(value)
    return value


def _ids(value: Iterable[int] | None) -> Any:
    return _tuple_of(value)


def _one_or_more_ids(value: int | Iterable[int] | None) -> Any:
    return _tuple_of(value)


def _statuses(value: _Status | Iterable[_Status] | None) -> Any:
    return _tuple_of(value)


def _time_range(value: tuple[DateLike, DateLike] | None) -> Any:
    return _tuple_of(value)


def _category_ids(name: str, value: object) -> None:
    if value is not None and len(id_list(name, value)) > CATEGORY_IDS_MAX:
        raise InvalidArgumentError(f"{name} takes at most {CATEGORY_IDS_MAX} ids")


def _id_or_ids(name: str, value: object) -> None:
    """One positive id, or a non-empty list of them."""
    if isinstance(value, tuple):
        id_list(name, value)
    elif value is not None:
        positive_id(name, value)


def _status_or_statuses(name: str, value: object) -> None:
    if isinstance(value, tuple):
        enum_list(name, value, InboxEmailStatus)
    elif value is not None:
        enum_value(name, value, InboxEmailStatus)


def _search(name: str, value: object) -> None:
    if value is not None and len(text(name, value)) > SEARCH_MAX:
        raise InvalidArgumentError(f"{name} must be at most {SEARCH_MAX} characters")


def _between(name: str, value: object) -> None:
    """``(start, end)``: two dates, datetimes or ISO strings, start not after end."""
    if value is None:
        return
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidArgumentTypeError(
            f"{name} must be a (start, end) pair of datetimes, dates or ISO strings"
        )
    start = parse_date_like(f"{name}[0]", value[0])
    end = parse_date_like(f"{name}[1]", value[1])
    if start > end:
        raise InvalidArgumentError(f"{name} starts after it ends: {value[0]!r} > {value[1]!r}")


@attrs.frozen(kw_only=True)
class InboxLeadCategories(InputModel):
    """The category part of :class:`InboxFilters` (``filters.leadCategories``).

    Attributes:
        is_assigned: ``True``: only leads with a category; ``False``: only leads without.
        category_ids_in: only leads in these categories (at most 10 ids).
        category_ids_not_in: leave out leads in these categories (at most 10 ids).
    """

    json_names: ClassVar[dict[str, str]] = {
        "is_assigned": "isAssigned",
        "category_ids_in": "categoryIdsIn",
        "category_ids_not_in": "categoryIdsNotIn",
    }

    is_assigned: bool | None = attrs.field(default=None, validator=_optional_bool)
    category_ids_in: tuple[int, ...] | None = attrs.field(
        default=None, converter=_ids, validator=_checked(_category_ids)
    )
    category_ids_not_in: tuple[int, ...] | None = attrs.field(
        default=None, converter=_ids, validator=_checked(_category_ids)
    )


def _lead_categories(name: str, value: object) -> None:
    if value is not None and not isinstance(value, InboxLeadCategories):
        raise InvalidArgumentTypeError(
            f"{name} must be an InboxLeadCategories, got {type(value).__name__}"
        )


@attrs.frozen(kw_only=True)
class InboxFilters(InputModel):
    """What a master-inbox view lists (``filters``), for every ``client.inbox`` view.

    Built with snake_case keywords, sent in the API's camelCase. Each ``*_id`` filter takes
    one id or a list of ids. The views cap list sizes differently (the docs give 5 campaigns
    for most views, 15 for ``sent``, and one value only for ``assigned-me`` and the custom
    view, which ``client.inbox`` checks); the server enforces the other caps.

    Attributes:
        search: text matched against the lead's email, name or message (at most 30 chars).
        lead_categories: the category filter, an :class:`InboxLeadCategories`.
        email_status: one :class:`InboxEmailStatus` or a list (``Replied``, ``Opened``...).
        campaign_id: the campaigns.
        email_account_id: the sending email accounts.
        campaign_team_member_id: the team members the threads are assigned to.
        campaign_tag_id: the campaign tags.
        campaign_client_id: the clients the campaigns belong to.
        reply_time_between: ``(start, end)``: only threads whose last reply is in that range.
        sub_sequence_id: only leads in this subsequence (the custom view only).
    """

    json_names: ClassVar[dict[str, str]] = {
        "lead_categories": "leadCategories",
        "email_status": "emailStatus",
        "campaign_id": "campaignId",
        "email_account_id": "emailAccountId",
        "campaign_team_member_id": "campaignTeamMemberId",
        "campaign_tag_id": "campaignTagId",
        "campaign_client_id": "campaignClientId",
        "reply_time_between": "replyTimeBetween",
        "sub_sequence_id": "subSequenceId",
    }

    search: str | None = attrs.field(default=None, validator=_checked(_search))
    lead_categories: InboxLeadCategories | None = attrs.field(
        default=None, validator=_checked(_lead_categories)
    )
    email_status: _Status | tuple[_Status, ...] | None = (
        attrs.field(default=None, converter=_statuses, validator=_checked(_status_or_statuses))
    )
    campaign_id: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_one_or_more_ids, validator=_checked(_id_or_ids)
    )
    email_account_id: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_one_or_more_ids, validator=_checked(_id_or_ids)
    )
    campaign_team_member_id: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_one_or_more_ids, validator=_checked(_id_or_ids)
    )
    campaign_tag_id: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_one_or_more_ids, validator=_checked(_id_or_ids)
    )
    campaign_client_id: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_one_or_more_ids, validator=_checked(_id_or_ids)
    )
    reply_time_between: tuple[DateLike, DateLike] | None = attrs.field(
        default=None, converter=_time_range, validator=_checked(_between)
    )
    sub_sequence_id: int | None = attrs.field(default=None, validator=_opt_int(1))

    def ids_given_as_lists(self) -> list[str]:
        """The names of the ``*_id`` filters given as lists (some views take one id only)."""
        return [
            name for name in (
                "campaign_id", "email_account_id", "campaign_team_member_id",
                "campaign_tag_id", "campaign_client_id",
            )
            if isinstance(getattr(self, name), tuple)
        ]

