"""Type-checked by tests/test_sync_typing.py (never run): lines ending ``# rejected`` must be
mypy errors, every other line must check, and ``assert_type`` pins the sync return types."""

from __future__ import annotations

from collections.abc import Generator
from typing import assert_type

from smartlead_async import (
    Campaign,
    CampaignLead,
    CursorPage,
    OkResponse,
    Page,
    RawResponse,
    SmartleadSyncClient,
    SyncCursorPaginator,
    SyncPaginator,
    with_raw_response_sync,
)
from smartlead_async.models.leads import AccountLead


def use(client: SmartleadSyncClient) -> None:
    assert_type(client.campaigns.get(42), Campaign)
    assert_type(client.campaigns.get(42, timeout=5, extra_query={"x": 1}), Campaign)
    assert_type(client.campaigns.leads.list(42), SyncPaginator[CampaignLead])
    assert_type(client.campaigns.leads.list(42).first_page(), Page[CampaignLead])
    for lead in client.campaigns.leads.list(42, status="STARTED"):
        assert_type(lead, CampaignLead)
    assert_type(client.leads.all(), SyncCursorPaginator[AccountLead, int])
    assert_type(client.leads.all().first_page(), CursorPage[AccountLead, int])
    assert_type(
        client.campaigns.leads.export_csv(42), Generator[dict[str, str], None, None]
    )
    assert_type(client.campaigns.leads.pause(42, 7), OkResponse)
    assert_type(with_raw_response_sync(client.campaigns.get, 42), RawResponse[Campaign])
    assert_type(client.with_options(max_retries=0), SmartleadSyncClient)
    with client.campaigns.leads.list_many([1, 2]) as stream:
        for campaign_id, pair_lead in stream:
            assert_type((campaign_id, pair_lead), tuple[int, CampaignLead])
    client.campaigns.lsit()  # rejected
    client.campaigns.get(42, tiemout=5)  # rejected
    client.campaigns.get("42")  # rejected
    client.campaigns.leads.list(42, page_sise=10)  # rejected
    client.with_options(max_retires=0)  # rejected
    SmartleadSyncClient(api_key="k", time_out=5)  # rejected
    client.aclose()  # rejected
