"""``client.campaigns`` of the SendKit client: ``/campaigns/...``."""

from __future__ import annotations

from ..._base_client import APIClient
from ..._resources._base import Resource
from .campaigns_leads import CampaignLeads


class Campaigns(Resource):
    """SendKit campaign endpoints; their leads are under :attr:`leads`."""

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.leads = CampaignLeads(api)
