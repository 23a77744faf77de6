"""``client.campaigns``: ``/campaigns`` and ``/campaigns/{id}``."""

from __future__ import annotations

import builtins

from .._models import Campaign
from .._query import query
from .._responses import decode_model, decode_models, expect_list, expect_object
from .._transport import Transport
from .._validate import boolean, positive_id
from ._base import Resource
from .activities import CampaignActivities
from .leads import CampaignLeads


class Campaigns(Resource):
    """Campaign endpoints. Sub-resources: ``leads``, ``activities``."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.leads = CampaignLeads(transport)
        self.activities = CampaignActivities(transport)

    async def list(
        self, *, client_id: int | None = None, include_tags: bool = False
    ) -> builtins.list[Campaign]:
        """List every campaign of the account, newest first (``GET /campaigns``).

        Args:
            client_id: only campaigns of this client (agency accounts).
            include_tags: also return each campaign's tags.
        """
        params = query(
            client_id=positive_id("client_id", client_id) if client_id is not None else None,
            include_tags=boolean("include_tags", include_tags) if include_tags else None,
        )
        body, where = await self._get("/campaigns", params)
        return decode_models(expect_list(body, "campaigns", where), Campaign, where)

    async def get(self, campaign_id: int) -> Campaign:
        """Fetch one campaign (``GET /campaigns/{campaign_id}``).

        Raises:
            NotFoundError: no such campaign (also when the API answers 200 with no body).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        body, where = await self._get(f"/campaigns/{campaign_id}")
        return decode_model(expect_object(body, f"campaign {campaign_id}", where), Campaign, where)
