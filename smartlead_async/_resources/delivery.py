"""``client.delivery``: Smart Delivery, SmartLead's inbox-placement tests, on its own host.

Requests go to ``delivery_base_url`` (``https://smartdelivery.smartlead.ai/api/v1``) with the
same key. Creating a test **sends test mail** from your mailboxes (at once, or on a schedule),
so the two create calls are never retried automatically. The tests' reports are under
``client.delivery.reports``, their folders under ``client.delivery.folders``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from .._args import (
    DateLike,
    calendar_date,
    compact,
    enum_value,
    id_list,
    int_in_range,
    iso_datetime,
    items_of,
    non_empty,
    optional,
    positive_id,
    timezone_name,
)
from .._base_client import APIClient
from .._constants import DEFAULT_PREFETCH
from .._decoding import Ack, One, PageOf, Report
from .._enums import SpamTestType, SpamTestTypeValue
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models.common import OkResponse
from ..models.delivery import DeliveryReport, SpamTest, SpamTestCreated, SpamTestInput
from ..models.inputs import input_json
from ._base import OK, Resource, without_retries
from .delivery_folders import DeliveryFolders
from .delivery_reports import DeliveryReports

#: Tests per request of :meth:`Delivery.tests`. SmartLead documents no maximum (its clients
#: ask for 10); the SDK asks for at most 100.
TESTS_PAGE_SIZE = 20
TESTS_PAGE_SIZE_MAX = 100

_CREATED = Ack(SpamTestCreated)


class Delivery(Resource):
    """Smart Delivery: inbox-placement (spam) tests of your campaigns' emails.

    Attributes:
        folders: the folders tests are filed in.
        reports: what each test found (placement per provider, authentication, blacklists).
    """

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.folders = DeliveryFolders(api)
        self.reports = DeliveryReports(api)

    async def providers(self, **options: Unpack[RequestOptions]) -> DeliveryReport:
        """The seed providers a test can send to, by region (``GET
        /spam-test/seed/providers``): their ids go in ``SpamTestInput.provider_ids``.

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/spam-test/seed/providers", Report(DeliveryReport), options=options
        )

    async def create_manual_test(
        self, test: SpamTestInput, **options: Unpack[RequestOptions]
    ) -> SpamTestCreated:
        """Create and run a placement test now (``POST /spam-test/manual``).

        **This sends test mail** from ``test.sender_accounts`` to the seed mailboxes; it is
        never retried automatically (a retry could run the test twice; pass ``max_retries=``
        to allow it).

        Args:
            test: what to send and how (:class:`SpamTestInput`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = input_json("test", test, SpamTestInput)
        return await self._request(
            "POST", "/spam-test/manual", _CREATED, body=body, options=without_retries(options)
        )

    async def create_automated_test(
        self,
        test: SpamTestInput,
        *,
        schedule_start_time: DateLike,
        every_days: int,
        days: Iterable[int],
        test_end_date: DateLike | None = None,
        timezone: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SpamTestCreated:
        """Create a placement test that runs on a schedule (``POST /spam-test/schedule``).

        **This sends test mail** on every run until the test ends or is stopped
        (:meth:`stop_test`); it is never retried automatically (pass ``max_retries=`` to
        allow it).

        Args:
            test: what to send and how (:class:`SpamTestInput`).
            schedule_start_time: when the first run starts (a ``datetime``, ``date`` or ISO
                string).
            every_days: run every this many days, from 1.
            days: the weekdays it runs on, 1 (Monday) to 7 (Sunday).
            test_end_date: the last day it runs (sent ``YYYY-MM-DD``).
            timezone: the IANA zone of the schedule (``tz``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            **input_json("test", test, SpamTestInput),
            "schedule_start_time": iso_datetime("schedule_start_time", schedule_start_time),
            "every_days": int_in_range("every_days", every_days, minimum=1),
            "days": _iso_weekdays("days", days),
            **compact(
                test_end_date=None if test_end_date is None
                else calendar_date("test_end_date", test_end_date).isoformat(),
                tz=optional(timezone_name, "timezone", timezone),
            ),
        }
        return await self._request(
            "POST", "/spam-test/schedule", _CREATED, body=body, options=without_retries(options)
        )

    def tests(
        self,
        *,
        test_type: SpamTestType | SpamTestTypeValue | None = None,
        page_size: int = TESTS_PAGE_SIZE,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[SpamTest]:
        """Every placement test, paging on its own (``POST /spam-test/report``: the listing
        is a read-only POST, ``limit`` and ``offset`` in its body; a short page is the last).

        Args:
            test_type: only ``manual`` or only ``auto`` tests (``testType``, a
                :class:`SpamTestType`).
            page_size: tests per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``); filters SmartLead does
                not document go in ``extra_body``.
        """
        page_size = int_in_range("page_size", page_size, minimum=1, maximum=TESTS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        query = compact(testType=optional(enum_value, "test_type", test_type, SpamTestType))
        return self._paginate(
            "/spam-test/report", PageOf(SpamTest), style=PaginationStyle.SHORT_PAGE,
            description="paging Smart Delivery tests", filters=query, body={},
            page_size=page_size, start_offset=start_offset, prefetch=prefetch, options=options,
        )

    async def get_test(self, test_id: int, **options: Unpack[RequestOptions]) -> SpamTest:
        """One placement test (``GET /spam-test/{spamTestId}``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such test (also on a 200 with an empty body).
        """
        path = f"/spam-test/{positive_id('test_id', test_id)}"
        return await self._request(
            "GET", path, One(SpamTest, f"spam test {test_id}"), options=options
        )

    async def delete_tests(
        self, test_ids: Iterable[int], **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Delete placement tests (``POST /spam-test/delete``, body ``{"spamTestIds": [...]}``).

        Args:
            test_ids: the tests.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"spamTestIds": id_list("test_ids", test_ids)}
        return await self._request("POST", "/spam-test/delete", OK, body=body, options=options)

    async def stop_test(self, test_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Stop a scheduled test; its results stay (``PUT /spam-test/{spamTestId}/stop``).

        Args:
            test_id: the automated test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = f"/spam-test/{positive_id('test_id', test_id)}/stop"
        return await self._request("PUT", path, OK, options=options)


def _iso_weekdays(name: str, values: object) -> list[int]:
    """Days of the week as ints 1 (Monday) to 7 (Sunday), without repeats, sorted."""
    items = non_empty(name, items_of(name, values, "ints 1..7"), "day")
    return sorted({int_in_range(f"{name}[{index}]", day, minimum=1, maximum=7)
                   for index, day in enumerate(items)})
