"""``client.clients``: ``/client/...``, the clients of an agency account."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from .._args import compact, optional, text, text_list
from .._decoding import Ack, ListOf
from ..models.accounts import Client, ClientCreated
from ._base import Resource


class Clients(Resource):
    """Agency clients (whitelabel or not)."""

    async def list(self) -> builtins.list[Client]:
        """Every client of the account (``GET /client/``)."""
        return await self._request("GET", "/client/", ListOf(Client))

    async def create(
        self,
        *,
        name: str,
        email: str,
        password: str,
        permission: Iterable[str],
        logo: str | None = None,
        logo_url: str | None = None,
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
        """
        body = compact(
            name=text("name", name),
            email=text("email", email),
            permission=text_list("permission", permission),
            logo=optional(text, "logo", logo, allow_empty=True),
            logo_url=optional(text, "logo_url", logo_url, allow_empty=True),
            password=text("password", password),
        )
        return await self._request("POST", "/client/save", Ack(ClientCreated), body=body)
