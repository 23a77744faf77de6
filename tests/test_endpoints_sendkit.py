"""SendKit's ``GET /campaigns/{id}/leads``: exact requests, the documented answer, argument
errors before any request, and SendKit's error bodies on the SDK's exception tree."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    APIResponseError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from smartlead_async.sendkit import SendkitClient, SendkitLeadStatus

SENDKIT_URL = "https://api.sendkit.ai/v1"
KEY = "sk_test_key"
CAMPAIGN = "6650a1b2c3d4e5f6a7b8c9d0"
PATH = f"/campaigns/{CAMPAIGN}/leads"

#: The answer of the docs' example (``sendkit-campaign-leads.txt``), verbatim.
DOCUMENTED_ANSWER: dict[str, Any] = {
    "success": True,
    "data": [
        {
            "_id": "666a1b2c3d4e5f6a7b8c9d01",
            "leadId": {"_id": "665d4e5f6a7b8c9d0e1f2a3b", "email": "john@acme.com",
                       "firstName": "John", "lastName": "Doe", "companyName": "Acme Corp"},
            "status": "active",
            "currentSequenceStep": 1,
            "emailsSent": [{"sequenceStep": 0, "variant": None,
                            "sentAt": "2025-06-16T10:30:00.000Z", "opened": True,
                            "clicked": False, "bounced": False}],
            "replied": False,
            "repliedAt": None,
            "aiTag": None,
            "tags": ["vip"],
            "addedAt": "2025-06-15T09:00:00.000Z",
        },
        {
            "_id": "666a1b2c3d4e5f6a7b8c9d02",
            "leadId": {"_id": "665d4e5f6a7b8c9d0e1f2a3c", "email": "jane@example.com",
                       "firstName": "Jane", "lastName": "Smith", "companyName": "Example Inc"},
            "status": "replied",
            "currentSequenceStep": 0,
            "emailsSent": [{"sequenceStep": 0, "variant": None,
                            "sentAt": "2025-06-16T11:00:00.000Z", "opened": True,
                            "clicked": True, "bounced": False}],
            "replied": True,
            "repliedAt": "2025-06-17T08:30:00.000Z",
            "aiTag": "interested",
            "tags": [],
            "addedAt": "2025-06-15T09:00:00.000Z",
        },
    ],
    "pagination": {"page": 1, "limit": 25, "total": 2, "pages": 1},
}


def lead(number: int, **fields: Any) -> dict[str, Any]:
    """A campaign-lead record whose ``_id`` ends in ``number``."""
    return {"_id": f"{number:024x}", "leadId": {"email": f"l{number}@x.co"}, **fields}


def page_answer(records: list[dict[str, Any]], total: int, **pagination: Any) -> dict[str, Any]:
    return {"success": True, "data": records, "pagination": {"total": total, **pagination}}


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=SENDKIT_URL, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[SendkitClient]:
    async with SendkitClient(api_key=KEY, max_retries=0) as c:
        yield c


def query(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params)


# -- the wire ---------------------------------------------------------------------------------


async def test_the_first_page_asks_for_page_1_with_the_key_in_the_x_api_key_header_only(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).respond(json=DOCUMENTED_ANSWER)
    await client.campaigns.leads.list(CAMPAIGN)
    request = route.calls.last.request
    assert request.method == "GET" and request.url.path == f"/v1{PATH}"
    assert query(request) == {"page": "1", "limit": "100"}
    assert request.headers["x-api-key"] == KEY
    assert KEY not in str(request.url) and "authorization" not in request.headers


async def test_the_documented_answer_decodes_into_campaign_leads(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    api.get(PATH).respond(json=DOCUMENTED_ANSWER)
    page = await client.campaigns.leads.list(CAMPAIGN)
    assert (page.offset, page.total) == (0, 2)
    john, jane = page.items
    assert john.id == "666a1b2c3d4e5f6a7b8c9d01"
    assert (john.lead.id, john.lead.email, john.lead.first_name, john.lead.last_name,
            john.lead.company_name) == (
        "665d4e5f6a7b8c9d0e1f2a3b", "john@acme.com", "John", "Doe", "Acme Corp")
    assert john.status is SendkitLeadStatus.ACTIVE and john.current_sequence_step == 1
    sent = john.emails_sent[0]
    assert (sent.sequence_step, sent.variant, sent.opened, sent.clicked, sent.bounced) == (
        0, None, True, False, False)
    assert sent.sent_at == datetime(2025, 6, 16, 10, 30, tzinfo=UTC)
    assert john.added_at == datetime(2025, 6, 15, 9, tzinfo=UTC)
    assert (john.replied, john.replied_at, john.ai_tag, john.tags) == (False, None, None, ["vip"])
    assert jane.status is SendkitLeadStatus.REPLIED and jane.replied is True
    assert jane.replied_at == datetime(2025, 6, 17, 8, 30, tzinfo=UTC)
    assert jane.replied_at.tzinfo is not None and jane.ai_tag == "interested"


async def test_fields_the_sdk_does_not_know_are_kept(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    record = lead(1, campaignId=CAMPAIGN, score=7, status="snoozed")
    api.get(PATH).respond(json=page_answer([record], 1))
    item = (await client.campaigns.leads.list(CAMPAIGN)).items[0]
    assert item.extra == {"campaignId": CAMPAIGN, "score": 7}
    assert item.status == "snoozed"  # a status SendKit adds later is kept, not refused


async def test_a_lead_left_unpopulated_is_read_as_its_id(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    api.get(PATH).respond(json=page_answer([lead(1, leadId="665d4e5f6a7b8c9d0e1f2a3b")], 1))
    item = (await client.campaigns.leads.list(CAMPAIGN)).items[0]
    assert (item.lead.id, item.lead.email) == ("665d4e5f6a7b8c9d0e1f2a3b", None)


async def test_a_record_without_its_id_is_an_incomplete_response(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    api.get(PATH).respond(json=page_answer([{"status": "active"}], 1))
    with pytest.raises(APIResponseError, match=r"Incomplete response: SendkitCampaignLead\.id"):
        await client.campaigns.leads.list(CAMPAIGN)


async def test_status_and_page_size_go_on_the_wire(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).respond(json=page_answer([], 0))
    await client.campaigns.leads.list(CAMPAIGN, status=SendkitLeadStatus.PAUSED, page_size=42)
    await client.campaigns.leads.list(CAMPAIGN, status="bounced", page_size=1)
    assert [query(call.request) for call in route.calls] == [
        {"status": "paused", "page": "1", "limit": "42"},
        {"status": "bounced", "page": "1", "limit": "1"},
    ]


async def test_paging_by_number_asks_pages_that_overlap_the_last_lead_received(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    records = [lead(n) for n in range(250, 0, -1)]

    def answer(request: httpx.Request) -> httpx.Response:
        number, limit = int(request.url.params["page"]), int(request.url.params["limit"])
        window = records[(number - 1) * limit:number * limit]
        return httpx.Response(200, json=page_answer(window, len(records), page=number))

    route = api.get(PATH).mock(side_effect=answer)
    got = [item.id async for item in client.campaigns.leads.list(CAMPAIGN)]
    assert got == [record["_id"] for record in records]
    windows = [(int(query(c.request)["page"]), int(query(c.request)["limit"]))
               for c in route.calls]
    assert windows[0] == (1, 100)
    assert all((number - 1) * limit < 100 * index for index, (number, limit)
               in enumerate(windows[1:], start=1))


async def test_paging_by_cursor_asks_after_the_last_id_received_and_stops_on_a_short_page(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).mock(side_effect=[
        httpx.Response(200, json=page_answer([lead(5), lead(4)], 5, limit=2)),
        httpx.Response(200, json=page_answer([lead(3), lead(2)], 5, limit=2)),
        httpx.Response(200, json=page_answer([lead(1)], 5, limit=2)),
    ])
    got = [item.id async for item in client.campaigns.leads.list(
        CAMPAIGN, pagination="cursor", page_size=2, status="active")]
    assert got == [f"{n:024x}" for n in (5, 4, 3, 2, 1)]
    assert [query(call.request) for call in route.calls] == [
        {"status": "active", "limit": "2"},
        {"status": "active", "limit": "2", "cursor": f"{4:024x}"},
        {"status": "active", "limit": "2", "cursor": f"{2:024x}"},
    ]


async def test_a_next_cursor_named_in_the_answer_wins_and_has_more_false_ends(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    named = "0000000000000000000000aa"
    route = api.get(PATH).mock(side_effect=[
        httpx.Response(200, json=page_answer([lead(5), lead(4)], 9, nextCursor=named)),
        httpx.Response(200, json=page_answer([lead(3), lead(2)], 9, hasMore=False)),
    ])
    got = [item.id async for item in client.campaigns.leads.list(
        CAMPAIGN, pagination="cursor", page_size=2)]
    assert len(got) == 4 and len(route.calls) == 2
    assert query(route.calls[1].request)["cursor"] == named


async def test_start_after_resumes_cursor_paging_after_that_lead(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).respond(json=page_answer([], 0))
    paginator = client.campaigns.leads.list(CAMPAIGN, pagination="cursor", start_after=f"{7:024x}")
    assert [item async for item in paginator] == []
    assert query(route.calls.last.request) == {"limit": "100", "cursor": f"{7:024x}"}


async def test_a_workspace_id_goes_with_every_request(api: respx.MockRouter) -> None:
    route = api.get(PATH).respond(json=page_answer([], 0))
    async with SendkitClient(api_key=KEY, workspace_id="ws-1") as client:
        await client.campaigns.leads.list(CAMPAIGN)
    headers = route.calls.last.request.headers
    assert (headers["x-workspace-id"], headers["x-api-key"]) == ("ws-1", KEY)


async def test_extra_headers_can_add_headers_but_never_replace_the_key(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).respond(json=page_answer([], 0))
    await client.campaigns.leads.list(
        CAMPAIGN, extra_headers={"x-api-KEY": "someone-else", "X-Trace": "t1"},
        extra_query={"sort": "asc"},
    )
    request = route.calls.last.request
    assert request.headers.get_list("x-api-key") == [KEY]
    assert request.headers["x-trace"] == "t1" and query(request)["sort"] == "asc"


# -- bad arguments: refused before any request ------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"campaign_id": "example_string"}, InvalidArgumentError,
         "campaign_id must be a 24-character hexadecimal id"),
        ({"campaign_id": CAMPAIGN + "0"}, InvalidArgumentError, "campaign_id must be a 24"),
        ({"campaign_id": 42}, InvalidArgumentTypeError, "campaign_id must be a str"),
        ({"status": "sent"}, InvalidArgumentError,
         "status must be one of pending, active, paused, completed, bounced, unsubscribed, "
         "replied, removed; got 'sent'"),
        ({"page_size": 0}, InvalidArgumentError, "page_size must be between 1 and 100, got 0"),
        ({"page_size": 101}, InvalidArgumentError, "page_size must be between 1 and 100"),
        ({"page_size": True}, InvalidArgumentTypeError, "page_size must be an int"),
        ({"pagination": "offset"}, InvalidArgumentError,
         "pagination must be one of 'page', 'cursor'; got 'offset'"),
        ({"pagination": "cursor", "start_after": "42"}, InvalidArgumentError,
         "start_after must be a 24-character hexadecimal id"),
        ({"start_after": f"{7:024x}"}, InvalidArgumentError,
         "start_after needs pagination='cursor'"),
        ({"timeout": 0}, InvalidArgumentError, "timeout must be a number of seconds above 0"),
        ({"retries": 3}, InvalidArgumentTypeError, "unexpected keyword argument 'retries'"),
    ],
)
async def test_bad_arguments_are_refused_before_any_request(
    api: respx.MockRouter, client: SendkitClient,
    arguments: dict[str, Any], error: type[Exception], message: str,
) -> None:
    route = api.get(url__regex=r".*").respond(json=page_answer([], 0))
    call: dict[str, Any] = {"campaign_id": CAMPAIGN, **arguments}
    with pytest.raises(error) as caught:
        client.campaigns.leads.list(**call)
    assert message in str(caught.value)
    assert not route.called


# -- SendKit's error bodies on the SDK's exception tree ---------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "error", "message"),
    [
        (401, {"error": "Unauthorized", "message": "Invalid or missing API key", "code": 401},
         AuthenticationError, "Invalid or missing API key"),
        (403, {"error": "Forbidden", "message": "You don't have permission to access this "
               "resource", "code": 403}, PermissionDeniedError, "You don't have permission"),
        (404, {"error": "Not Found", "message": "Campaign not found", "code": 404},
         NotFoundError, "Campaign not found"),
        (400, {"success": False, "message": "Validation failed",
               "errors": [{"field": "limit", "message": "must be <= 100"}]},
         BadRequestError, "Validation failed (limit: must be <= 100)"),
        (500, {"success": False, "error": "Internal server error"}, ServerError,
         "Internal server error"),
        (200, {"success": False, "error": "Workspace is suspended"}, APIStatusError,
         "Workspace is suspended"),
    ],
)
async def test_sendkit_error_bodies_raise_the_sdk_exception_with_their_message(
    api: respx.MockRouter, client: SendkitClient,
    status: int, body: dict[str, Any], error: type[APIStatusError], message: str,
) -> None:
    api.get(PATH).respond(status, json=body)
    with pytest.raises(error) as caught:
        await client.campaigns.leads.list(CAMPAIGN)
    assert message in str(caught.value)
    assert caught.value.body == body and caught.value.path.startswith(PATH)


async def test_the_request_body_is_empty_for_this_get(
    api: respx.MockRouter, client: SendkitClient
) -> None:
    route = api.get(PATH).respond(json=page_answer([], 0))
    await client.campaigns.leads.list(CAMPAIGN)
    assert route.calls.last.request.content == b""
    assert json.loads(route.calls.last.response.content)["success"] is True
