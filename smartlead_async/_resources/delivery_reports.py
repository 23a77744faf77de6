"""``client.delivery.reports``: what Smart Delivery's placement tests found
(``/spam-test/report/...``).

No source records these answers: each is a :class:`DeliveryReport`, kept whole (``.data`` is
the payload as sent). Two are read with a POST (``groupwise``, ``providerwise``); they change
nothing, so they are retried like a GET.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import positive_id
from .._decoding import Report
from .._options import RequestOptions
from ..models.delivery import DeliveryReport
from ._base import Resource

_REPORT = Report(DeliveryReport)


class DeliveryReports(Resource):
    """Reports of placement tests, and counts over every mailbox tested."""

    async def mailboxes_count(self, **options: Unpack[RequestOptions]) -> DeliveryReport:
        """How many mailboxes were tested (``GET /spam-test/report/mailboxes-count``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/spam-test/report/mailboxes-count", _REPORT, options=options
        )

    async def mailboxes_summary(self, **options: Unpack[RequestOptions]) -> DeliveryReport:
        """How each tested mailbox did over every test (``GET
        /spam-test/report/mailboxes-summary``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/spam-test/report/mailboxes-summary", _REPORT, options=options
        )

    async def providerwise(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Placement per mailbox provider (``POST /spam-test/report/{id}/providerwise``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("POST", test_id, "/providerwise", options)

    async def groupwise(self, test_id: int, **options: Unpack[RequestOptions]) -> DeliveryReport:
        """Placement per region and country (``POST /spam-test/report/{id}/groupwise``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("POST", test_id, "/groupwise", options)

    async def sender_account_wise(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Placement per sending mailbox, with each email received (``GET
        /spam-test/report/{id}/sender-account-wise``): the reply ids ``email_headers``
        takes.

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/sender-account-wise", options)

    async def email_headers(
        self, test_id: int, reply_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """The headers of one test email as a seed mailbox received it (``GET
        /spam-test/report/{id}/sender-account-wise/{replyId}/email-headers``).

        Args:
            test_id: the test.
            reply_id: the email received (from :meth:`sender_account_wise`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        suffix = f"/sender-account-wise/{positive_id('reply_id', reply_id)}/email-headers"
        return await self._of_test("GET", test_id, suffix, options)

    async def sender_accounts(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """The mailboxes the test sent from (``GET /spam-test/report/{id}/sender-accounts``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/sender-accounts", options)

    async def spam_filter_details(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Each spam filter's score and why (``GET
        /spam-test/report/{id}/spam-filter-details``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/spam-filter-details", options)

    async def dkim_details(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Whether DKIM passed, per mailbox (``GET /spam-test/report/{id}/dkim-details``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/dkim-details", options)

    async def spf_details(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Whether SPF passed (``GET /spam-test/report/{id}/spf-details``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/spf-details", options)

    async def rdns_details(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Whether each sending IP's reverse DNS was right (``GET
        /spam-test/report/{id}/rdns-details``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/rdns-details", options)

    async def blacklist(self, test_id: int, **options: Unpack[RequestOptions]) -> DeliveryReport:
        """The IP blacklists each email's sending IP is on (``GET
        /spam-test/report/{id}/blacklist``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/blacklist", options)

    async def domain_blacklist(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """The blacklists the sending domains are on (``GET
        /spam-test/report/{id}/domain-blacklist``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/domain-blacklist", options)

    async def ip_analytics(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """The sending IPs and how many blacklists list them (``GET
        /spam-test/report/{id}/ip-analytics``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/ip-analytics", options)

    async def email_content(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """The test email (raw and HTML) with its campaign and sequence step (``GET
        /spam-test/report/{id}/email-content``).

        Args:
            test_id: the test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/email-content", options)

    async def schedule_history(
        self, test_id: int, **options: Unpack[RequestOptions]
    ) -> DeliveryReport:
        """Each run of a scheduled test (``GET /spam-test/report/{id}/schedule-history``).

        Args:
            test_id: the automated test.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._of_test("GET", test_id, "/schedule-history", options)

    async def _of_test(
        self, method: str, test_id: int, suffix: str, options: Mapping[str, Any]
    ) -> DeliveryReport:
        """A report of one test; an empty answer means the test does not exist."""
        path = f"/spam-test/report/{positive_id('test_id', test_id)}{suffix}"
        return await self._request(
            method, path, Report(DeliveryReport, what=f"spam test {test_id}"), options=options,
            idempotent=True,
        )
