"""``client.clients``: ``/client/...``, the clients of an agency account."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import compact, flag, int_in_range, optional, text, text_list
from .._base_client import APIClient
from .._decoding import Ack, ListOf
from .._options import RequestOptions
from ..models.accounts import Client, ClientCreated
from ._base import Resource
from .clients_api_keys import ClientApiKeys


class Clients(Resource):
    """Agency clients (whitelabel or not).

    Sub-resource: ``api_keys`` (the clients' own API keys).
    """

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.api_keys = ClientApiKeys(api)

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[Client]:
        """Every client of the account (``GET /client/``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("GET", "/client/", ListOf(Client), options=options)

    async def create(
        self,
        *,
        name: str,
        email: str,
        password: str | None = None,
        permission: Iterable[str] | None = None,
        logo: str | None = None,
        logo_url: str | None = None,
        is_credit_assigned: bool | None = None,
        email_credits: int | None = None,
        lead_credits: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> ClientCreated:
        """Add a client (``POST /client/save``).

        Args:
            name: the client's name.
            email: the client's login email.
            password: the client's password (never shown in a ``repr``).
            permission: what the client may do, e.g. ``["reply_master_inbox"]`` or
                ``["full_access"]``.
            logo: a brand name shown instead of a logo.
            logo_url: a logo image URL.
            is_credit_assigned: give the client its own email and lead credits.
            email_credits: the client's email credits (with ``is_credit_assigned``).
            lead_credits: the client's lead credits (with ``is_credit_assigned``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            name=text("name", name),
            email=text("email", email),
            permission=optional(text_list, "permission", permission),
            logo=optional(text, "logo", logo, allow_empty=True),
            logo_url=optional(text, "logo_url", logo_url, allow_empty=True),
            password=optional(text, "password", password),
            is_credit_assigned=optional(flag, "is_credit_assigned", is_credit_assigned),
            email_credits=optional(int_in_range, "email_credits", email_credits, minimum=0),
            lead_credits=optional(int_in_range, "lead_credits", lead_credits, minimum=0),
        )
        return await self._request(
            "POST", "/client/save", Ack(ClientCreated), body=body, options=options
        )
