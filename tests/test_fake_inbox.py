"""The fake's master inbox driven with plain httpx, as other SmartLead clients drive it: the
documented request shapes are answered, out-of-range ones refused as the API documents."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from smartlead_async.testing import FakeSmartlead

from ._fake_http import MODES, connect

KEY = {"api_key": "test-key"}
#: The body of SmartLead's own example for ``POST /master-inbox/inbox-replies``.
DOCS_EXAMPLE = {
    "offset": 0, "limit": 20,
    "filters": {"emailStatus": "Replied", "campaignId": [12345, 12346],
                "leadCategories": {"categoryIdsIn": [1]}},
    "sortBy": "REPLY_TIME_DESC",
}  # fmt: skip


def _fake(*, strict: bool = False) -> FakeSmartlead:
    fake = FakeSmartlead(rate_limit=None, strict=strict)
    fake.add_campaign(lead_count=200)
    return fake


async def _post(client: httpx.AsyncClient, path: str, body: Any) -> httpx.Response:
    return await client.post(path, params=KEY, json=body)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
async def test_the_docs_example_view_request_is_answered_with_ok_data_offset_limit(
    strict: bool, mode: str
) -> None:
    async with connect(_fake(strict=strict), mode) as client:
        response = await client.post("/master-inbox/inbox-replies",
                                     params={**KEY, "fetch_message_history": "false"},
                                     json=DOCS_EXAMPLE)
    assert response.status_code == 200, response.text
    assert response.json() == {"ok": True, "data": [], "offset": 0, "limit": 20}


@pytest.mark.parametrize(
    ("path", "body", "key", "message"),
    [
        ("/master-inbox/inbox-replies", {"limit": 21}, "limit",
         '"limit" must be less than or equal to 20'),
        ("/master-inbox/unread-replies", {"filters": {"campaignId": [1, 2, 3, 4, 5, 6]}},
         "filters.campaignId", '"filters.campaignId" must contain less than or equal to 5'),
        ("/master-inbox/assigned-me", {"filters": {"campaignId": [1]}}, "filters.campaignId",
         '"filters.campaignId" must be a number'),
        ("/master-inbox/sent", {"sortBy": "REMINDER_TIME_ASC"}, "sortBy",
         '"sortBy" must be one of [REPLY_TIME_DESC, SENT_TIME_DESC]'),
        ("/master-inbox/archived", {"filters": {"emailStatus": ["Replied", "Read"]}},
         "filters.emailStatus[1]", '"filters.emailStatus[1]" must be one of'),
        ("/master-inbox/important", {"filters": {"search": "x" * 31}}, "filters.search",
         "must be less than or equal to 30 characters"),
        ("/master-inbox/snoozed", {"filters": {"replyTimeBetween": ["2025-01-01"]}},
         "filters.replyTimeBetween", "must contain 2 items"),
        ("/master-inbox/views",
         {"filters": {"leadCategories": {"categoryIdsIn": list(range(1, 12))}}},
         "filters.leadCategories.categoryIdsIn", "must contain less than or equal to 10"),
    ],
)
async def test_view_bodies_out_of_the_documented_ranges_are_refused_with_a_422(
    path: str, body: dict[str, Any], key: str, message: str
) -> None:
    async with connect(_fake()) as client:
        response = await _post(client, path, body)
    assert response.status_code == 422
    assert response.json()["validation"]["keys"] == [key]
    assert message in response.json()["message"]


async def test_the_subsequence_filter_is_known_to_the_custom_view_only() -> None:
    body = {"filters": {"subSequenceId": 3}}
    async with connect(_fake(strict=True)) as client:
        custom = await _post(client, "/master-inbox/views", body)
        replies = await _post(client, "/master-inbox/inbox-replies", body)
    assert custom.status_code == 200
    assert replies.status_code == 422
    assert replies.json()["validation"]["keys"] == ["filters.subSequenceId"]


async def test_untracked_replies_come_in_three_envelopes() -> None:
    fake = _fake()
    fake.add_untracked_replies(3)
    async with connect(fake) as client:
        response = await client.get("/master-inbox/untracked-replies", params=KEY)
    body = response.json()
    assert (body["ok"], body["data"]["success"]) == (True, True)
    assert len(body["data"]["data"]["replies"]) == 3


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("PATCH", "/master-inbox/change-read-status", {"email_lead_map_id": 1,
                                                       "read_status": True}, 404),
        ("PATCH", "/master-inbox/change-read-status", {"read_status": True}, 422),
        ("PATCH", "/master-inbox/update-revenue", {"email_lead_map_id": 1, "revenue": "10"}, 422),
        ("POST", "/master-inbox/create-note", {"email_lead_map_id": 1, "note_message": ""}, 422),
        ("POST", "/master-inbox/block-domains", {"domains": ["not a domain"]}, 422),
        ("POST", "/master-inbox/block-domains", {"domains": []}, 422),
        ("GET", "/master-inbox/reply-status", None, 422),
        ("GET", "/master-inbox/abc", None, 400),
        ("PUT", "/master-inbox/update-revenue", {}, 405),
    ],
)
async def test_bad_action_requests_are_refused(
    method: str, path: str, body: Any, status: int
) -> None:
    async with connect(_fake()) as client:
        response = await client.request(method, path, params=KEY, json=body)
    assert response.status_code == status, response.text


async def test_a_forward_must_name_an_email_of_the_thread() -> None:
    fake = _fake()
    async with connect(fake) as client:
        campaign_id = next(iter(fake.campaigns))
        page = await _post(client, "/master-inbox/sent", {"limit": 1})
        thread_id = page.json()["data"][0]["email_lead_map_id"]
        thread = (await client.get(f"/master-inbox/{thread_id}", params=KEY)).json()["data"]
        email = thread["email_history"][0]
        forward = {"stats_id": email["stats_id"], "to_emails": "a@b.co"}
        wrong = await _post(client, f"/campaigns/{campaign_id}/forward-email",
                            {**forward, "message_id": "<other@x.io>"})
        right = await _post(client, f"/campaigns/{campaign_id}/forward-email",
                            {**forward, "message_id": email["message_id"]})
        bad_to = await _post(client, f"/campaigns/{campaign_id}/forward-email",
                             {**forward, "message_id": email["message_id"], "to_emails": "me"})
    assert wrong.status_code == 400
    assert right.status_code == 200 and right.json()["status"] == "success"
    assert bad_to.status_code == 422
