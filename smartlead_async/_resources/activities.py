"""``client.campaigns.activities``: ``/campaigns/all-leads-activities``."""

from __future__ import annotations

from .._constants import ACTIVITIES_PAGE_SIZE_MAX, DEFAULT_PREFETCH
from .._exceptions import InvalidArgumentError
from .._models import LeadActivity
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._query import query
from .._validate import DateLike, format_datetime, int_in_range, parse_date_like
from ._base import Resource


def _activity_key(item: LeadActivity) -> int | None:
    return item.email_lead_map_id


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
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=ACTIVITIES_PAGE_SIZE_MAX
        )
        if event_time_to is not None and event_time_from is None:
            raise InvalidArgumentError("event_time_to requires event_time_from")
        time_from = (
            parse_date_like("event_time_from", event_time_from)
            if event_time_from is not None else None
        )
        time_to = (
            parse_date_like("event_time_to", event_time_to) if event_time_to is not None else None
        )
        if time_from is not None and time_to is not None and time_to < time_from:
            raise InvalidArgumentError(
                f"event_time_to ({event_time_to}) must not be before "
                f"event_time_from ({event_time_from})"
            )
        filters = query(
            event_time_from=format_datetime(time_from, event_time_from) if time_from else None,
            event_time_to=format_datetime(time_to, event_time_to) if time_to else None,
        )
        return self._paginate(
            "/campaigns/all-leads-activities", LeadActivity, style=PaginationStyle.HAS_MORE,
            key=_activity_key, description="paging all-leads activities", filters=filters,
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
        )
