"""``client.leads``: ``/leads/...``, leads across every campaign of the account."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import compact, optional, positive_id, text, text_list
from .._decoding import Ack, ListOf, One
from .._options import RequestOptions
from ..models import Lead
from ..models.common import OkResponse
from ..models.leads import BlockListResult, LeadCampaign, LeadCategory
from ._base import OK, Resource


class Leads(Resource):
    """Lead endpoints that are not tied to one campaign."""

    async def get_by_email(self, email: str, **options: Unpack[RequestOptions]) -> Lead:
        """Find a lead by email address (``GET /leads/?email=...``).

        Args:
            email: the lead's address.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no lead has this address (also on a 200 with an empty body).
        """
        email = text("email", email).strip()
        return await self._request(
            "GET", "/leads/", One(Lead, f"lead {email!r}"), params={"email": email},
            options=options,
        )

    async def categories(
        self, *, client_id: int | None = None, **options: Unpack[RequestOptions]
    ) -> builtins.list[LeadCategory]:
        """Every lead category of the account (``GET /leads/fetch-categories``).

        Args:
            client_id: the categories of this client (agency accounts).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(client_id=optional(positive_id, "client_id", client_id))
        return await self._request(
            "GET", "/leads/fetch-categories", ListOf(LeadCategory), params=params,
            options=options,
        )

    async def campaigns(
        self, lead_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[LeadCampaign]:
        """The campaigns a lead belongs to (``GET /leads/{lead_id}/campaigns``).

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", _path(lead_id, "/campaigns"), ListOf(LeadCampaign), options=options
        )

    async def unsubscribe_everywhere(
        self, lead_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Unsubscribe a lead from every campaign, now and in the future.

        ``POST /leads/{lead_id}/unsubscribe``. See ``client.campaigns.leads.unsubscribe`` for
        one campaign.

        Args:
            lead_id: the lead.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("POST", _path(lead_id, "/unsubscribe"), OK, options=options)

    async def block(
        self, domain_block_list: Iterable[str], *, client_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> BlockListResult:
        """Add emails or domains to the global block list (``POST /leads/add-domain-block-list``).

        Args:
            domain_block_list: emails (``"a@b.com"``) and/or domains (``"b.com"``).
            client_id: block them for this client only.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            domain_block_list=text_list("domain_block_list", domain_block_list),
            client_id=optional(positive_id, "client_id", client_id),
        )
        return await self._request(
            "POST", "/leads/add-domain-block-list", Ack(BlockListResult), body=body,
            options=options,
        )


def _path(lead_id: int, suffix: str) -> str:
    return f"/leads/{positive_id('lead_id', lead_id)}{suffix}"
