"""Bad arguments raise before any request, naming the parameter and the allowed values."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import respx

from smartlead_async import (
    EmailStatus,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    LeadStatus,
    MissingAPIKeyError,
    SmartleadClient,
)

from .conftest import BASE_URL


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        mock.route().respond(json={"data": [], "total_leads": "0", "hasMore": False})
        yield mock


@pytest.fixture
async def client() -> Any:
    async with SmartleadClient(api_key="k", rate_limit=None) as c:
        yield c


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"campaign_id": 0}, InvalidArgumentError, "campaign_id must be >= 1, got 0"),
        ({"campaign_id": "12"}, InvalidArgumentTypeError, "campaign_id must be an int, got str"),
        ({"campaign_id": True}, InvalidArgumentTypeError, "campaign_id must be an int"),
        ({"page_size": 101}, InvalidArgumentError, "page_size must be between 1 and 100, got 101"),
        ({"page_size": 0}, InvalidArgumentError, "page_size must be between 1 and 100"),
        ({"start_offset": -1}, InvalidArgumentError, "start_offset must be >= 0"),
        ({"status": "BLOCKED"}, InvalidArgumentError,
         "status must be one of STARTED, INPROGRESS, COMPLETED, PAUSED, STOPPED; got 'BLOCKED'"),
        ({"status": "inprogress"}, InvalidArgumentError, "status must be one of"),
        ({"email_status": "opened"}, InvalidArgumentError,
         "email_status must be one of is_opened, is_clicked"),
        ({"lead_category_id": -3}, InvalidArgumentError, "lead_category_id must be >= 1"),
        ({"created_at_gt": "yesterday"}, InvalidArgumentError,
         "created_at_gt must be an ISO 8601 date or datetime"),
        ({"event_time_gt": 1700000000}, InvalidArgumentTypeError,
         "event_time_gt must be a datetime, date or ISO 8601 string"),
        ({"prefetch": 0}, InvalidArgumentError, "prefetch must be between 1 and 100"),
    ],
)
async def test_leads_list_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    campaign_id = kwargs.pop("campaign_id", 1)
    with pytest.raises(error, match=message.replace("(", r"\(")):
        client.campaigns.leads.list(campaign_id, **kwargs)
    assert api.calls.call_count == 0


async def test_leads_list_sends_filters_in_the_apis_names_and_formats(
    api: respx.MockRouter, client: SmartleadClient,
) -> None:
    await client.campaigns.leads.list(
        7, status=LeadStatus.PAUSED, email_status="is_opened", lead_category_id=3,
        created_at_gt=datetime(2025, 11, 25, 1, 2, 3, tzinfo=UTC),
        last_sent_time_gt=date(2025, 11, 1), event_time_gt="2025-11-20T00:00:00Z",
        page_size=50, start_offset=150,
    )
    params = dict(api.calls.last.request.url.params)
    params.pop("api_key")
    assert params == {
        "status": "PAUSED", "emailStatus": "is_opened", "lead_category_id": "3",
        "created_at_gt": "2025-11-25T01:02:03.000Z", "last_sent_time_gt": "2025-11-01",
        "event_time_gt": "2025-11-20T00:00:00Z", "offset": "150", "limit": "50",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"event_time_to": "2025-11-30"}, "event_time_to requires event_time_from"),
        ({"event_time_from": "2025-11-30", "event_time_to": "2025-11-01"},
         r"event_time_to \(2025-11-01\) must not be before event_time_from \(2025-11-30\)"),
        ({"event_time_from": "30/11/2025"}, "event_time_from must be an ISO 8601"),
        ({"page_size": 1001}, "page_size must be between 1 and 1000"),
    ],
)
async def test_activities_list_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any], message: str,
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        client.campaigns.activities.list(**kwargs)
    assert api.calls.call_count == 0


async def test_activities_list_sends_the_date_range(
    api: respx.MockRouter, client: SmartleadClient,
) -> None:
    await client.campaigns.activities.list(
        event_time_from=date(2025, 11, 1), event_time_to="2025-11-30", page_size=500,
    )
    params = api.calls.last.request.url.params
    assert (params["event_time_from"], params["event_time_to"]) == ("2025-11-01", "2025-11-30")
    assert (params["offset"], params["limit"]) == ("0", "500")


async def test_campaigns_list_refuses_a_string_for_a_bool(client: SmartleadClient) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="include_tags must be True or False"):
        await client.campaigns.list(include_tags="false")  # type: ignore[arg-type]


async def test_enum_members_and_their_strings_are_both_accepted(
    api: respx.MockRouter, client: SmartleadClient,
) -> None:
    await client.campaigns.leads.list(1, email_status=EmailStatus.IS_REPLIED)
    assert api.calls.last.request.url.params["emailStatus"] == "is_replied"


def test_a_missing_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    expected = r"pass api_key=\.\.\. or set the SMARTLEAD_API_KEY"
    with pytest.raises(MissingAPIKeyError, match=expected):
        SmartleadClient()


async def test_the_api_key_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_API_KEY", "from-env")
    async with SmartleadClient(rate_limit=None) as client:
        assert client._api._api_key == "from-env"


def test_max_retries_must_be_a_non_negative_int() -> None:
    with pytest.raises(InvalidArgumentError, match="max_retries must be between 0 and 50"):
        SmartleadClient(api_key="k", max_retries=-1)


def test_rate_limit_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(InvalidArgumentTypeError, match="rate_limit must be a RateLimit"):
        SmartleadClient(api_key="k", rate_limit=10)  # type: ignore[arg-type]
