"""``client.campaigns.email_accounts``: ``/campaigns/{id}/email-accounts``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from .._models_accounts import EmailAccount
from .._models_campaigns import CampaignEmailAccountsAdded, CampaignEmailAccountsRemoved
from .._query import query
from .._validate import positive_id
from ._args import compact, id_list, opt_bool, query_flag
from ._base import Resource


class CampaignEmailAccounts(Resource):
    """The email accounts a campaign sends from."""

    async def list(
        self, campaign_id: int, *, include_tags: bool = False
    ) -> builtins.list[EmailAccount]:
        """The email accounts of a campaign (``GET /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            include_tags: also return each account's tags (in ``account.extra``).
        """
        params = query(include_tags=query_flag("include_tags", include_tags))
        return await self._get_list(_path(campaign_id), EmailAccount, "email_accounts", params)

    async def add(
        self,
        campaign_id: int,
        email_account_ids: Iterable[int],
        *,
        auto_adjust_warmup: bool | None = None,
    ) -> CampaignEmailAccountsAdded:
        """Attach email accounts to a campaign (``POST /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            email_account_ids: ids of the accounts to attach (at least one).
            auto_adjust_warmup: let SmartLead adjust the accounts' warmup to the campaign.
        """
        return await self._write(
            "POST", _path(campaign_id), CampaignEmailAccountsAdded,
            json_body={
                "email_account_ids": id_list("email_account_ids", email_account_ids),
                **compact(auto_adjust_warmup=opt_bool("auto_adjust_warmup", auto_adjust_warmup)),
            },
        )

    async def remove(
        self, campaign_id: int, email_account_ids: Iterable[int]
    ) -> CampaignEmailAccountsRemoved:
        """Detach email accounts from a campaign (``DELETE /campaigns/{id}/email-accounts``).

        Args:
            campaign_id: the campaign.
            email_account_ids: ids of the accounts to detach (at least one).
        """
        return await self._write(
            "DELETE", _path(campaign_id), CampaignEmailAccountsRemoved,
            json_body={"email_account_ids": id_list("email_account_ids", email_account_ids)},
        )


def _path(campaign_id: int) -> str:
    return f"/campaigns/{positive_id('campaign_id', campaign_id)}/email-accounts"
