"""SendKit on the same core: ``SendkitClient`` and its campaign-leads listing.

``async with SendkitClient() as client:``
``async for item in client.campaigns.leads.list(campaign_id): print(item.lead.email)``

The transport, retries, deadlines, errors, per-call options and paginators are those of
:class:`~smartlead_async.SmartleadClient`; only the key (an ``X-Api-Key`` header), the
models and the pagination styles are SendKit's. The fake SendKit for tests is
:class:`smartlead_async.testing.FakeSendkit`.
"""

from .._pagination.page_number import PageNumberPaginator
from ._client import SendkitClient
from ._enums import SendkitLeadStatus, SendkitLeadStatusValue
from ._models import SendkitCampaignLead, SendkitLead, SendkitSentEmail

__all__ = [
    "PageNumberPaginator",
    "SendkitCampaignLead",
    "SendkitClient",
    "SendkitLead",
    "SendkitLeadStatus",
    "SendkitLeadStatusValue",
    "SendkitSentEmail",
]
