"""``client.clients``: ``/client/...``, the clients of an agency account."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from .._models_accounts import Client, ClientCreated
from ._args import compact, opt_bool, opt_int, opt_text, text, text_list
from ._base import Resource


class Clients(Resource):
    """Agency clients (whitelabel or not)."""

    async def list(self) -> builtins.list[Client]:
        """Every client of the account (``GET /client/``)."""
        return await self._get_list("/client/", Client, "clients")

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
        """
        body = compact(
            name=text("name", name),
            email=text("email", email),
            permission=text_list("permission", permission) if permission is not None else None,
            logo=opt_text("logo", logo),
            logo_url=opt_text("logo_url", logo_url),
            password=text("password", password) if password is not None else None,
            is_credit_assigned=opt_bool("is_credit_assigned", is_credit_assigned),
            email_credits=opt_int("email_credits", email_credits, minimum=0),
            lead_credits=opt_int("lead_credits", lead_credits, minimum=0),
        )
        return await self._write("POST", "/client/save", ClientCreated, json_body=body)
