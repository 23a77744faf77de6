"""``client.senders``: Smart Senders, SmartLead's domain and mailbox shop, on its own host.

Requests go to ``senders_base_url`` (``https://smart-senders.smartlead.ai/api/v1``; the route
paths start with ``/smart-senders/``) with the same key; SmartLead opens these routes to an
account on request to its support. :meth:`Senders.place_order` **buys domains and
mailboxes** and is never retried automatically. :meth:`Senders.auth_secret` answers a live
one-time password, which never shows in a repr.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from .._args import compact, email_address, non_empty, optional, positive_id, text
from .._decoding import Ack, ListOf, One, Report
from .._options import RequestOptions
from ..models.inputs import input_json, input_list
from ..models.senders import (
    DomainMailboxesInput,
    DomainOrderInput,
    MailboxOtp,
    OrderContactInput,
    OrderPlaced,
    PurchasedDomain,
    SendersReport,
    SendersVendor,
)
from ._base import Resource, without_retries

_REPORT = Report(SendersReport)


class Senders(Resource):
    """Smart Senders: buy sending domains and mailboxes from SmartLead's vendors."""

    async def vendors(self, **options: Unpack[RequestOptions]) -> list[SendersVendor]:
        """The vendors domains and mailboxes are bought from (``GET
        /smart-senders/get-vendors``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/smart-senders/get-vendors", ListOf(SendersVendor), options=options
        )

    async def search_domain(
        self,
        *,
        domain_name: str | None = None,
        vendor_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> SendersReport:
        """Domains on sale like ``domain_name`` (``GET /smart-senders/search-domain``).

        Args:
            domain_name: the domain (or name) to look for.
            vendor_id: the vendor to ask (from :meth:`vendors`).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(
            domain_name=optional(text, "domain_name", domain_name),
            vendor_id=optional(positive_id, "vendor_id", vendor_id),
        )
        return await self._request(
            "GET", "/smart-senders/search-domain", _REPORT, params=params, options=options
        )

    async def auto_generate_mailboxes(
        self,
        vendor_id: int,
        domains: Iterable[DomainMailboxesInput] | None = None,
        **options: Unpack[RequestOptions],
    ) -> SendersReport:
        """Mailbox addresses the vendor proposes for people on domains (``POST
        /smart-senders/auto-generate-mailboxes``); nothing is bought.

        Args:
            vendor_id: the vendor.
            domains: a :class:`DomainMailboxesInput` per domain, with its people.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            vendor_id=positive_id("vendor_id", vendor_id),
            domains=optional(input_list, "domains", domains, DomainMailboxesInput),
        )
        return await self._request(
            "POST", "/smart-senders/auto-generate-mailboxes", _REPORT, body=body,
            options=options,
        )

    async def place_order(
        self,
        *,
        vendor_id: int,
        forwarding_domain: str,
        user_details: OrderContactInput,
        domains: Iterable[DomainOrderInput],
        **options: Unpack[RequestOptions],
    ) -> OrderPlaced:
        """Buy domains and their mailboxes (``POST /smart-senders/place-order``).

        **This spends money.** It is never retried automatically (a retry could buy twice;
        pass ``max_retries=`` to allow it). Follow the order with :meth:`order_details`.

        Args:
            vendor_id: the vendor.
            forwarding_domain: where the bought domains forward to (e.g. your site).
            user_details: the buyer, an :class:`OrderContactInput`.
            domains: a :class:`DomainOrderInput` per domain, with its mailboxes.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "vendor_id": positive_id("vendor_id", vendor_id),
            "forwarding_domain": text("forwarding_domain", forwarding_domain),
            "user_details": input_json("user_details", user_details, OrderContactInput),
            "domains": non_empty(
                "domains", input_list("domains", domains, DomainOrderInput), "domain"
            ),
        }
        return await self._request(
            "POST", "/smart-senders/place-order", Ack(OrderPlaced), body=body,
            options=without_retries(options),
        )

    async def order_details(
        self, order_id: str | int, **options: Unpack[RequestOptions]
    ) -> SendersReport:
        """An order's status and contents (``GET /smart-senders/order-details``).

        Args:
            order_id: the order (``OrderPlaced.order_id``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        order = positive_id("order_id", order_id) if isinstance(order_id, int) else text(
            "order_id", order_id
        )
        return await self._request(
            "GET", "/smart-senders/order-details", Report(SendersReport, what=f"order {order}"),
            params={"order_id": str(order)}, options=options,
        )

    async def domains(self, **options: Unpack[RequestOptions]) -> list[PurchasedDomain]:
        """The domains bought (``GET /smart-senders/get-domain-list``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/smart-senders/get-domain-list", ListOf(PurchasedDomain), options=options
        )

    async def auth_secret(
        self, email_account: str, **options: Unpack[RequestOptions]
    ) -> MailboxOtp:
        """A one-time password to sign in to a bought admin mailbox (``GET
        /smart-senders/auth-secret``). The password is a live secret: it never shows in the
        result's repr.

        Args:
            email_account: the mailbox's address.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = {"email_account": email_address("email_account", email_account)}
        return await self._request(
            "GET", "/smart-senders/auth-secret", One(MailboxOtp, f"mailbox {email_account}"),
            params=params, options=options,
        )
