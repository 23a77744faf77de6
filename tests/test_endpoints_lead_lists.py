"""``client.lead_lists``: the exact requests (camelCase bodies) and the decoded answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import respx

from smartlead_async import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    LeadInput,
    LeadList,
    NotFoundError,
    PushAction,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()

LIST = {
    "id": 3301, "list_name": "Q3 prospects", "client_id": None, "lead_count": "42",
    "tag_ids": [4, 9], "created_at": "2025-11-01T09:00:00.000Z", "owner": "ops",
}  # fmt: skip


async def test_list_pages_by_short_page_with_name_and_tag_filters(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    pages = [[{**LIST, "id": n} for n in range(1, 3)], [{**LIST, "id": 3}]]
    route = api.get("/lead-list/").mock(side_effect=[
        respx.MockResponse(json={"ok": True, "data": pages[0]}),
        respx.MockResponse(json=pages[1]),  # a bare array is read the same
    ])
    lists = [item async for item in client.lead_lists.list(
        name="Q3", tag_ids=[4, 9], page_size=2, prefetch=1,
    )]
    assert [item.id for item in lists] == [1, 2, 3]
    filters = {**KEY, "listName": "Q3", "tagIds": "4,9"}
    assert sent_requests(route) == [
        ("GET", "/lead-list/", {**filters, "offset": "0", "limit": "2"}, None),
        ("GET", "/lead-list/", {**filters, "offset": "2", "limit": "2"}, None),
    ]


async def test_list_asks_for_100_lists_per_page_by_default(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/lead-list/").respond(json={"ok": True, "data": [LIST]})
    page = await client.lead_lists.list()
    assert sent(route) == ("GET", "/lead-list/", {**KEY, "offset": "0", "limit": "100"}, None)
    assert page.items[0] == LeadList(
        id=3301, name="Q3 prospects", lead_count=42, tag_ids=[4, 9],
        created_at=datetime(2025, 11, 1, 9, tzinfo=UTC),
    )
    assert page.items[0].extra == {"owner": "ops"}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"page_size": 1001}, InvalidArgumentError, "page_size must be between 1 and 1000"),
        ({"page_size": 0}, InvalidArgumentError, "page_size must be between 1 and 1000"),
        ({"tag_ids": "4,9"}, InvalidArgumentTypeError, "tag_ids must be a list of int ids"),
        ({"tag_ids": [4, 0]}, InvalidArgumentError, "tag_ids[1] must be >= 1"),
        ({"name": ""}, InvalidArgumentError, "name must be a non-empty string"),
    ],
)
def test_list_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error) as caught:
        client.lead_lists.list(**kwargs)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_create_posts_list_name_and_returns_the_list(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/lead-list/").respond(json={"ok": True, "data": LIST})
    created = await client.lead_lists.create("Q3 prospects")
    assert sent(route) == ("POST", "/lead-list/", KEY, {"listName": "Q3 prospects"})
    assert (created.id, created.name) == (3301, "Q3 prospects")


async def test_create_reads_a_list_answered_at_the_top_level_in_camel_case(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/lead-list/").respond(json={"ok": True, "id": "77", "listName": "Q4"})
    created = await client.lead_lists.create("Q4")
    assert (created.id, created.name) == (77, "Q4")


async def test_get_reads_one_list(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.get("/lead-list/3301").respond(json={"ok": True, "data": LIST})
    assert (await client.lead_lists.get(3301)).lead_count == 42
    assert sent(route) == ("GET", "/lead-list/3301", KEY, None)


async def test_get_of_a_missing_list_answered_with_an_empty_object_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/lead-list/5").respond(json={})
    with pytest.raises(NotFoundError, match="lead list 5 not found"):
        await client.lead_lists.get(5)


async def test_rename_puts_the_new_name(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.put("/lead-list/3301").respond(json={"ok": True})
    assert (await client.lead_lists.rename(3301, "Q3 (done)")).ok is True
    assert sent(route) == ("PUT", "/lead-list/3301", KEY, {"listName": "Q3 (done)"})


async def test_delete(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.delete("/lead-list/3301").respond(json={"ok": True, "message": "deleted"})
    assert (await client.lead_lists.delete(3301)).message == "deleted"
    assert sent(route) == ("DELETE", "/lead-list/3301", KEY, None)


async def test_assign_tags_sends_list_ids_tag_ids_and_the_tags_to_remove(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/lead-list/assign-tags").respond(json={"ok": True})
    await client.lead_lists.assign_tags([1, 2], [4], remove_tag_ids=[9])
    assert sent(route) == ("POST", "/lead-list/assign-tags", KEY, {
        "listIds": [1, 2], "tagIds": [4], "removeTagIds": [9],
    })


async def test_assign_tags_may_only_remove(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/lead-list/assign-tags").respond(json={"ok": True})
    await client.lead_lists.assign_tags([1], [], remove_tag_ids=[9])
    assert sent(route)[3] == {"listIds": [1], "tagIds": [], "removeTagIds": [9]}


async def test_assign_tags_needs_tags_to_add_when_none_are_removed(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="tag_ids must contain at least one id"):
        await client.lead_lists.assign_tags([1], [])
    assert api.calls.call_count == 0


async def test_import_sends_the_leads_and_the_file_name(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/lead-list/3301/import").respond(json={"ok": True, "upload_count": 2})
    result = await client.lead_lists.import_leads(
        3301, [LeadInput(email="ada@example.com", first_name="Ada"), {"email": "bo@example.com"}],
        file_name="prospects.csv", extra_body={"csvSettings": {"ignoreGlobalBlockList": True}},
    )
    assert sent(route) == ("POST", "/lead-list/3301/import", KEY, {
        "leadList": [{"email": "ada@example.com", "first_name": "Ada"},
                     {"email": "bo@example.com"}],
        "fileName": "prospects.csv",
        "csvSettings": {"ignoreGlobalBlockList": True},
    })
    assert result.extra == {"upload_count": 2}


@pytest.mark.parametrize(
    ("leads", "file_name", "error", "message"),
    [
        ([], "a.csv", InvalidArgumentError, "leads must contain at least one lead"),
        ([{"first_name": "x"}], "a.csv", InvalidArgumentTypeError, "leads[0]['email'] must be"),
        ([{"email": "a@b.co"}], " ", InvalidArgumentError, "file_name must be a non-empty"),
    ],
)
async def test_import_rejects_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, leads: Any, file_name: str,
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error) as caught:
        await client.lead_lists.import_leads(1, leads, file_name=file_name)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_push_from_campaign_sends_lead_map_ids(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/campaign/push-to-list").respond(json={"ok": True})
    await client.lead_lists.push_from_campaign(3301, 42, lead_map_ids=[7, 8])
    assert sent(route) == ("POST", "/leads/campaign/push-to-list", KEY, {
        "campaignId": 42, "listId": 3301, "leadMapIds": [7, 8],
    })


async def test_push_from_campaign_can_take_all_leads(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/campaign/push-to-list").respond(json={"ok": True})
    await client.lead_lists.push_from_campaign(3301, 42, all_leads=True)
    assert sent(route)[3] == {"campaignId": 42, "listId": 3301, "allLeads": True}


async def test_push_between_uses_the_doubled_path(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/leads/push-between-lists").respond(json={"ok": True})
    await client.lead_lists.push_between(
        PushAction.MOVE, from_list_id=1, to_list_id=2, lead_ids=[11, 12]
    )
    assert sent(route) == ("POST", "/leads/leads/push-between-lists", KEY, {
        "action": "move", "leadIds": [11, 12], "fromListId": 1, "toListId": 2,
    })


async def test_push_to_campaign_sends_the_documented_camel_case_form(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/push-to-campaign").respond(json={"ok": True, "upload_count": 3})
    result = await client.lead_lists.push_to_campaign(3301, "copy", campaign_id=42,
                                                      all_leads=True)
    assert sent(route) == ("POST", "/leads/push-to-campaign", KEY, {
        "campaignId": 42, "action": "copy", "leadList": {"listId": 3301, "allLeads": True},
    })
    assert result.extra == {"upload_count": 3}


async def test_push_to_campaign_by_name_with_some_leads(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/push-to-campaign").respond(json={"ok": True})
    await client.lead_lists.push_to_campaign(3301, "move", campaign_name="Q3", lead_ids=[5])
    assert sent(route)[3] == {
        "campaignName": "Q3", "action": "move", "leadList": {"listId": 3301, "leadIds": [5]},
    }


async def test_push_leads_sends_list_selection_and_action(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/push-to-list").respond(json={"ok": True})
    await client.lead_lists.push_leads(3301, "move", lead_ids=[5, 6])
    assert sent(route) == ("POST", "/leads/push-to-list", KEY, {
        "listId": 3301, "leadIds": [5, 6], "action": "move",
    })


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.lead_lists.push_leads(1, "copy"), "give lead_ids or all_leads=True"),
        (lambda c: c.lead_lists.push_leads(1, "copy", lead_ids=[2], all_leads=True),
         "give lead_ids or all_leads=True, not both"),
        (lambda c: c.lead_lists.push_leads(1, "duplicate", all_leads=True),
         "action must be one of copy, move; got 'duplicate'"),
        (lambda c: c.lead_lists.push_from_campaign(1, 2, lead_map_ids=[]),
         "lead_map_ids must contain at least one id"),
        (lambda c: c.lead_lists.push_between("copy", to_list_id=2),
         "push_between needs lead_ids, from_list_id or both"),
        (lambda c: c.lead_lists.push_to_campaign(1, "copy", all_leads=True),
         "exactly one of campaign_id and campaign_name"),
        (lambda c: c.lead_lists.push_to_campaign(1, "copy", campaign_id=2, campaign_name="x",
                                                 all_leads=True),
         "exactly one of campaign_id and campaign_name"),
        (lambda c: c.lead_lists.push_to_campaign(0, "copy", campaign_id=2, all_leads=True),
         "list_id must be >= 1"),
    ],
)
async def test_pushes_reject_bad_arguments_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await call(client)
    assert message in str(caught.value)
    assert api.calls.call_count == 0
