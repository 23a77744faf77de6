"""``client.campaigns.activities``: ``/campaigns/all-leads-activities``."""

from __future__ import annotations

from typing import Unpack

from .._args import DateLike, compact, int_in_range, iso_datetime, optional, parse_date_like
from .._constants import ACTIVITIES_PAGE_SIZE_MAX, DEFAULT_PREFETCH
from .._decoding import PageOf
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from ..models import LeadActivity
from ._base import Resource


class CampaignActivities(Resource):
    """Lead activity across every campaign of the account."""

    def list(
        self,
        *,
        event_time_from: DateLike | None = None,
        event_time_to: DateLike | None = None,
        page_size: int = ACTIVITIES_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LeadActivity]:
        """Every lead's activity timeline, paging on its own by ``hasMore``.

        ``GET /campaigns/all-leads-activities``. Pages are requested one at a time at first,
        then in growing concurrent batches (up to ``prefetch``) while the server says more
        remain.

        Args:
            event_time_from: only activity from this date or instant.
            event_time_to: only activity until this date or instant; needs ``event_time_from``
                and must not be before it.
            page_size: records per request, 1 to 1000.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=ACTIVITIES_PAGE_SIZE_MAX
        )
        if event_time_to is not None and event_time_from is None:
            raise InvalidArgumentError("event_time_to requires event_time_from")
        time_from = optional(parse_date_like, "event_time_from", event_time_from)
        time_to = optional(parse_date_like, "event_time_to", event_time_to)
        if time_from is not None and time_to is not None and time_to < time_from:
            raise InvalidArgumentError(
                f"event_time_to ({event_time_to}) must not be before "
                f"event_time_from ({event_time_from})"
            )
        filters = compact(
            event_time_from=optional(iso_datetime, "event_time_from", event_time_from),
            event_time_to=optional(iso_datetime, "event_time_to", event_time_to),
        )
        return self._paginate(
            "/campaigns/all-leads-activities", PageOf(LeadActivity),
            style=PaginationStyle.HAS_MORE, description="paging all-leads activities",
            filters=filters,
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
            options=options,
        )
