"""Analytics: the date range ``/analytics/*`` routes share, and what those routes answer.

Only shapes a source records are typed (campaign performance rows, day-wise totals); the other
routes answer :class:`AnalyticsReport` (or rows of :class:`AnalyticsRecord`), which keep
everything the server sent instead of guessing field names. Rates arrive as strings such as
``"50%"`` and decode to percentages (``50.0``); counts arrive as numbers or strings and decode
to ints.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

import attrs

from .._args import DateLike, calendar_date, id_list, optional, timezone_name
from .._exceptions import InvalidArgumentError
from ._base import Aliases, Identity, Model, model

__all__ = [
    "AnalyticsRange",
    "AnalyticsRecord",
    "AnalyticsReport",
    "CampaignPerformance",
    "ClientPerformance",
    "DayStats",
    "DayWiseStats",
    "DomainHealth",
    "EngagementMetrics",
    "LeadStatistic",
    "MailboxHealth",
    "MailboxStatistic",
]


def _start_date(value: DateLike) -> date:
    return calendar_date("AnalyticsRange.start_date", value)


def _end_date(value: DateLike) -> date:
    return calendar_date("AnalyticsRange.end_date", value)


def _timezone(value: str | None) -> str | None:
    return optional(timezone_name, "AnalyticsRange.timezone", value)


def _client_ids(values: Iterable[int] | None) -> tuple[int, ...] | None:
    return None if values is None else tuple(id_list("AnalyticsRange.client_ids", values))


def _campaign_ids(values: Iterable[int] | None) -> tuple[int, ...] | None:
    return None if values is None else tuple(id_list("AnalyticsRange.campaign_ids", values))


@attrs.frozen(kw_only=True)
class AnalyticsRange:
    """The date range and filters shared by the ``/analytics/*`` routes, checked when built.

    ``AnalyticsRange(start_date="2025-11-01", end_date="2025-11-30", campaign_ids=[42])``.
    A bad value raises :class:`InvalidArgumentError` (or ``InvalidArgumentTypeError``) naming
    ``AnalyticsRange.<field>`` before any request.

    Attributes:
        start_date: the first day: a ``date``, a ``datetime`` (its own day) or an ISO string;
            sent as ``YYYY-MM-DD``.
        end_date: the last day (included), not before ``start_date``.
        timezone: the IANA zone days are counted in (the API counts in UTC without one);
            the ``..._by_sent_time`` routes require it.
        client_ids: only the campaigns of these agency clients (sent comma-separated).
        campaign_ids: only these campaigns (sent comma-separated).
    """

    start_date: date = attrs.field(converter=_start_date)
    end_date: date = attrs.field(converter=_end_date)
    timezone: str | None = attrs.field(default=None, converter=_timezone)
    client_ids: tuple[int, ...] | None = attrs.field(default=None, converter=_client_ids)
    campaign_ids: tuple[int, ...] | None = attrs.field(default=None, converter=_campaign_ids)

    def __attrs_post_init__(self) -> None:
        if self.end_date < self.start_date:
            raise InvalidArgumentError(
                f"AnalyticsRange.end_date ({self.end_date}) must not be before "
                f"AnalyticsRange.start_date ({self.start_date})"
            )

    def query(self) -> dict[str, str]:
        """The query parameters, in their wire form."""
        params = {"start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat()}
        if self.timezone is not None:
            params["timezone"] = self.timezone
        for name, ids in (("client_ids", self.client_ids), ("campaign_ids", self.campaign_ids)):
            if ids is not None:
                params[name] = ",".join(map(str, ids))
        return params


@model
class AnalyticsReport(Model):
    """An analytics answer kept whole: no source records its fields, so none is guessed.

    ``report.data`` is the payload under the ``{ok|success, message, data}`` envelope as the
    server sent it (an object or an array, counts possibly as strings); an object payload's
    members are also in ``report.extra``.

    Attributes:
        message: the envelope's message, when it has one.
        data: the payload, as sent.
    """

    message: str | None = None
    data: Any = None


@model
class AnalyticsRecord(Model):
    """One row of a listing whose fields no source records: everything is kept in ``raw``
    (and ``extra``), as sent. The rows may sit under any key of the page object."""

    any_collection_key: ClassVar[bool] = True


@model
class ClientPerformance(AnalyticsRecord):
    """One agency client's figures (``GET /analytics/client/overall-stats``), kept as sent."""


@model
class DomainHealth(AnalyticsRecord):
    """One sending domain's health (``GET /analytics/mailbox/domain-wise-health-metrics``),
    kept as sent."""

    collection_keys: ClassVar[tuple[str, ...]] = ("domain_health_metrics",)


@model
class MailboxHealth(AnalyticsRecord):
    """One mailbox's health (``GET /analytics/mailbox/name-wise-health-metrics``), kept as
    sent."""

    collection_keys: ClassVar[tuple[str, ...]] = ("email_health_metrics",)


@model
class LeadStatistic(AnalyticsRecord):
    """One lead of ``GET /campaigns/{id}/leads-statistics``, kept as sent."""


@model
class MailboxStatistic(AnalyticsRecord):
    """One mailbox of ``GET /campaigns/{id}/mailbox-statistics``, kept as sent."""


@model
class CampaignPerformance(Model):
    """One campaign's figures over a date range (``GET /analytics/campaign/overall-stats``).

    The route catalogue records ``id``, ``campaign_name``, ``sent``, ``opened``, ``replied``,
    ``bounced`` and ``open_rate``; the other fields are those public clients read from the
    live API (one reads the id as ``campaign_id`` too). Rates are percentages (``"12.5%"`` is
    ``12.5``); other fields are in ``extra``.
    """

    aliases: ClassVar[Aliases] = {"id": ("id", "campaign_id")}
    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("campaign_wise_performance",)

    id: int
    campaign_name: str | None = None
    sent: int | None = None
    opened: int | None = None
    replied: int | None = None
    bounced: int | None = None
    positive_replied: int | None = None
    unique_lead_count: int | None = None
    open_rate: float | None = None
    reply_rate: float | None = None
    bounce_rate: float | None = None
    positive_reply_rate: float | None = None


@model
class EngagementMetrics(Model):
    """One day's email counts in :class:`DayWiseStats`."""

    sent: int | None = None
    opened: int | None = None
    replied: int | None = None
    bounced: int | None = None
    unsubscribed: int | None = None


@model
class DayStats(Model):
    """One day of :class:`DayWiseStats`.

    Attributes:
        date: the day as the API writes it (``"20 Apr"``: no year).
        day_name: its weekday (``"Sunday"``).
        metrics: its counts (``email_engagement_metrics``).
    """

    aliases: ClassVar[Aliases] = {"metrics": ("email_engagement_metrics",)}

    date: str | None = None
    day_name: str | None = None
    metrics: EngagementMetrics | None = None


@model
class DayWiseStats(AnalyticsReport):
    """Daily totals (``GET /analytics/day-wise-overall-stats``): the catalogue records the
    ``{success, message, data}`` envelope, SmartLead's documented example the
    ``data.day_wise_stats`` rows.

    Attributes:
        days: one entry per day of the range (``day_wise_stats``).
    """

    aliases: ClassVar[Aliases] = {"days": ("day_wise_stats",)}

    days: list[DayStats] = attrs.field(factory=list)
