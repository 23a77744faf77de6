"""Type-checked by ``tests/test_typing.py`` (never run): enum parameters take the member or one
of its values; a line marked ``# rejected`` holds a misspelt value that mypy must refuse."""

from smartlead_async import (
    CampaignStatusAction,
    EmailStatus,
    LeadStatus,
    SmartleadClient,
    StatisticsEmailStatus,
    StopLeadSetting,
    TrackSetting,
    WebhookEventType,
)
from smartlead_async.sendkit import SendkitClient, SendkitLeadStatus


async def calls(client: SmartleadClient) -> None:
    leads = client.campaigns.leads
    leads.list(1, status=LeadStatus.INPROGRESS, email_status=EmailStatus.IS_OPENED)
    leads.list(1, status="INPROGRESS", email_status="is_opened")
    leads.list(1, status="IN_PROGRESS")  # rejected
    leads.list(1, email_status="opened")  # rejected
    leads.list_many([1, 2], status="PAUSED")
    leads.list_many([1, 2], status="paused")  # rejected

    await client.campaigns.set_status(1, CampaignStatusAction.START)
    await client.campaigns.set_status(1, "PAUSED")
    await client.campaigns.set_status(1, "STARTED")  # rejected

    await client.campaigns.update_settings(
        1, track_settings=[TrackSetting.DONT_TRACK_EMAIL_OPEN, "DONT_TRACK_LINK_CLICK"],
        stop_lead_settings=StopLeadSetting.REPLY_TO_AN_EMAIL,
    )
    await client.campaigns.update_settings(1, track_settings="DONT_TRACK_EMAIL_OPEN")
    await client.campaigns.update_settings(1, track_settings=["DONT_TRACK_OPEN"])  # rejected
    await client.campaigns.update_settings(1, stop_lead_settings="REPLY")  # rejected

    client.campaigns.statistics(1, email_status=StatisticsEmailStatus.OPENED)
    client.campaigns.statistics(1, email_status="opened")
    client.campaigns.statistics(1, email_status="is_opened")  # rejected

    hook = {"name": "replies", "webhook_url": "https://example.com/hook"}
    await client.campaigns.webhooks.upsert(
        1, name=hook["name"], webhook_url=hook["webhook_url"],
        event_types=[WebhookEventType.EMAIL_REPLY, "EMAIL_OPEN"],
    )
    await client.campaigns.webhooks.upsert(
        1, name=hook["name"], webhook_url=hook["webhook_url"],
        event_types=["EMAIL_OPENED"],  # rejected
    )


def sendkit_calls(client: SendkitClient) -> None:
    leads = client.campaigns.leads
    leads.list("666a1b2c3d4e5f6a7b8c9d00", status=SendkitLeadStatus.ACTIVE)
    leads.list("666a1b2c3d4e5f6a7b8c9d00", status="active", pagination="cursor")
    leads.list("666a1b2c3d4e5f6a7b8c9d00", status="ACTIVE")  # rejected
