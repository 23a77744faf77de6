"""A fake SmartLead server for tests: in-memory, deterministic, rate-limited, fault-injecting.

It serves every route the SDK covers (``docs/endpoints.md``), write paths included (a created
campaign is listed, added leads are paged, a paused lead shows as PAUSED, a deleted campaign
is a 404), SmartProspect, Smart Delivery and Smart Senders included, each under a path that
stands for its host. Point the SDK (or any httpx client) at it in-process, or serve it on a
loopback socket (``SmartleadClient(key, **FakeSmartlead.base_urls(url))``)::

    fake = FakeSmartlead(rate_limit=(10, 2.0))
    campaign_id = fake.add_campaign(lead_count=250)
    async with fake.client() as client:
        leads = [lead async for lead in client.campaigns.leads.list(campaign_id)]
    assert fake.stats.rate_limited == 0

:class:`FakeSendkit` is a fake SendKit API on the same parts (its campaign-leads listing).
"""

from .._public import present_as_public
from ._churn import LeadChurn
from ._fake import CampaignInfo, FakeSmartlead, FakeStats, InboxThreadInfo, LogEntry
from ._faults import Faults
from ._mail import SentEmail
from ._sendkit import FakeSendkit
from ._webhooks import WebhookDelivery, WebhookFaults, WebhookSender

__all__ = [
    "CampaignInfo",
    "FakeSendkit",
    "FakeSmartlead",
    "FakeStats",
    "Faults",
    "InboxThreadInfo",
    "LeadChurn",
    "LogEntry",
    "SentEmail",
    "WebhookDelivery",
    "WebhookFaults",
    "WebhookSender",
]

present_as_public(__name__, globals(), __all__)
