"""``client.campaigns.email_accounts``: ``/campaigns/{id}/email-accounts``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import compact, flag, id_list, optional, positive_id, query_flag
from .._decoding import Ack, ListOf
from .._options import RequestOptions
from ..models.accounts import EmailAccount
from ..models.campaigns import CampaignEmailAccountsAdded, CampaignEmailAccountsRemoved
from ._base import Resource


class CampaignEmailAccounts(Resource):
    """The email accounts a campaign sends from."""

    async def list(
        self, campaign_id: int, *, include_tags: bool = False,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[EmailAccount]:
        """The email accounts of a campaign (``GET /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            include_tags: also return each account's tags (``account.tags``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(include_tags=query_flag("include_tags", include_tags))
        return await self._request(
            "GET", _path(campaign_id), ListOf(EmailAccount), params=params, options=options
        )

    async def add(
        self,
        campaign_id: int,
        email_account_ids: Iterable[int],
        *,
        auto_adjust_warmup: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> CampaignEmailAccountsAdded:
        """Attach email accounts to a campaign (``POST /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            email_account_ids: ids of the accounts to attach (at least one).
            auto_adjust_warmup: let SmartLead adjust the accounts' warmup to the campaign.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            email_account_ids=id_list("email_account_ids", email_account_ids),
            auto_adjust_warmup=optional(flag, "auto_adjust_warmup", auto_adjust_warmup),
        )
        return await self._request(
            "POST", _path(campaign_id), Ack(CampaignEmailAccountsAdded), body=body,
            options=options,
        )

    async def remove(
        self, campaign_id: int, email_account_ids: Iterable[int],
        **options: Unpack[RequestOptions],
    ) -> CampaignEmailAccountsRemoved:
        """Detach email accounts from a campaign (``DELETE /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            email_account_ids: ids of the accounts to detach (at least one).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"email_account_ids": id_list("email_account_ids", email_account_ids)}
        return await self._request(
            "DELETE", _path(campaign_id), Ack(CampaignEmailAccountsRemoved), body=body,
            options=options,
        )


def _path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/email-accounts"
