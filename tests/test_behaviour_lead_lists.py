"""Lead lists, every lead of the account and the block list, through the SDK against the fake:
writes change what the listings then show."""

from __future__ import annotations

import pytest

from smartlead_async import (
    LeadInput,
    LeadStatus,
    LeadType,
    NotFoundError,
    PushAction,
    SmartleadClient,
    UnprocessableEntityError,
)
from smartlead_async.testing import FakeSmartlead

from ._behaviour import all_leads, connected, new_leads, requests_to, strict_fake


def _fake() -> FakeSmartlead:
    return strict_fake(strict=True)


async def _lead_ids(client: SmartleadClient, campaign_id: int) -> list[int]:
    return [int(item.lead.id or 0) for item in await all_leads(client, campaign_id)]


async def _list_lead_ids(client: SmartleadClient, list_id: int) -> list[int]:
    return [lead.id async for lead in client.leads.all(list_id=list_id)]


async def _import(client: SmartleadClient, list_id: int, count: int, start: int = 0) -> None:
    await client.lead_lists.import_leads(list_id, new_leads(count, start=start),
                                         file_name="leads.csv")


# -- lists ------------------------------------------------------------------------------------


async def test_created_lists_are_listed_newest_first_across_pages_and_deleted_ones_go() -> None:
    fake = _fake()
    async with connected(fake) as client:
        created = [await client.lead_lists.create(f"List {n}") for n in range(7)]
        listed = [item async for item in client.lead_lists.list(page_size=3)]
        await client.lead_lists.delete(created[2].id)
        after = [item.id async for item in client.lead_lists.list(page_size=3)]
        with pytest.raises(NotFoundError):
            await client.lead_lists.get(created[2].id)
    assert [item.id for item in listed] == [item.id for item in reversed(created)]
    assert [item.name for item in listed][:2] == ["List 6", "List 5"]
    assert after == [item.id for item in reversed(created) if item is not created[2]]
    assert requests_to(fake, "GET", "/lead-list/") == 3 + 3  # 7 lists at 3 a page, twice


async def test_a_renamed_list_shows_its_new_name_and_the_name_filter_finds_it() -> None:
    fake = _fake()
    async with connected(fake) as client:
        target = await client.lead_lists.create("Cold Q3")
        await client.lead_lists.create("Warm Q3")
        await client.lead_lists.rename(target.id, "Archive 2024")
        renamed = await client.lead_lists.get(target.id)
        found = [item.id async for item in client.lead_lists.list(name="archive")]
    assert renamed.name == "Archive 2024"
    assert found == [target.id]


async def test_tags_assigned_and_removed_show_on_the_lists_and_filter_the_listing() -> None:
    fake = _fake()
    async with connected(fake) as client:
        first, second, third = [await client.lead_lists.create(f"L{n}") for n in range(3)]
        await client.lead_lists.assign_tags([first.id, second.id], [4, 9])
        await client.lead_lists.assign_tags([second.id], [], remove_tag_ids=[9])
        tagged_9 = [item.id async for item in client.lead_lists.list(tag_ids=[9])]
        tagged = [item.id async for item in client.lead_lists.list(tag_ids=[4, 9])]
        second_now = await client.lead_lists.get(second.id)
    assert tagged_9 == [first.id]
    assert sorted(tagged) == sorted([first.id, second.id]) and third.id not in tagged
    assert second_now.tag_ids == [4]


async def test_the_undocumented_name_field_of_another_client_is_refused_by_the_strict_fake(
) -> None:
    fake = _fake()
    async with connected(fake) as client:
        with pytest.raises(UnprocessableEntityError, match='"name" is not allowed'):
            await client.lead_lists.create("Q3", extra_body={"name": "Q3", "client_id": 3})


# -- import -----------------------------------------------------------------------------------


async def test_imported_leads_are_in_the_list_as_new_leads_of_the_account() -> None:
    fake = _fake()
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("Imports")
        leads = [*new_leads(5), LeadInput(email="lead0@example.com"), LeadInput(email="nope")]
        result = await client.lead_lists.import_leads(lead_list.id, leads, file_name="a.csv")
        listed = [lead async for lead in client.leads.all(list_id=lead_list.id)]
        counted = await client.lead_lists.get(lead_list.id)
        unused = [lead.id async for lead in client.leads.all(lead_type=LeadType.YET_TO_USE)]
        again = await client.lead_lists.import_leads(lead_list.id, new_leads(6),
                                                     file_name="b.csv")
        one = await client.leads.get(listed[0].id)
    assert (result.extra["upload_count"], result.extra["duplicate_count"],
            result.extra["invalid_email_count"]) == (5, 1, 1)
    assert sorted(lead.email or "" for lead in listed) == [f"lead{n}@example.com"
                                                           for n in range(5)]
    assert counted.lead_count == 5
    assert sorted(unused) == sorted(lead.id for lead in listed)
    assert (again.extra["upload_count"], again.extra["already_added_to_list"]) == (1, 5)
    assert one == listed[0]


async def test_a_blocked_domain_is_skipped_by_a_list_import() -> None:
    fake = _fake()
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("Imports")
        await client.leads.block(["example.com"])
        result = await client.lead_lists.import_leads(
            lead_list.id, [*new_leads(2), LeadInput(email="ok@allowed.io")], file_name="a.csv"
        )
        emails = [lead.email async for lead in client.leads.all(list_id=lead_list.id)]
    assert result.extra["upload_count"] == 1
    assert emails == ["ok@allowed.io"]


# -- pushes -----------------------------------------------------------------------------------


async def test_push_from_campaign_moves_the_chosen_leads_out_of_the_campaign_into_the_list(
) -> None:
    fake = _fake()
    campaign_id = fake.add_campaign(lead_count=20)
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("From campaign")
        items = await all_leads(client, campaign_id)
        chosen = items[3:8]
        await client.lead_lists.push_from_campaign(
            lead_list.id, campaign_id,
            lead_map_ids=[int(item.campaign_lead_map_id) for item in chosen],
        )
        remaining = await _lead_ids(client, campaign_id)
        in_list = await _list_lead_ids(client, lead_list.id)
    moved = sorted(int(item.lead.id or 0) for item in chosen)
    assert in_list == moved
    assert len(remaining) == 15 and not set(remaining) & set(moved)


async def test_push_between_copies_or_moves_leads_from_one_list_to_another() -> None:
    fake = _fake()
    async with connected(fake) as client:
        source = await client.lead_lists.create("Source")
        copy_target = await client.lead_lists.create("Copies")
        move_target = await client.lead_lists.create("Moved")
        await _import(client, source.id, 6)
        ids = await _list_lead_ids(client, source.id)
        await client.lead_lists.push_between(PushAction.COPY, from_list_id=source.id,
                                             to_list_id=copy_target.id)
        await client.lead_lists.push_between(PushAction.MOVE, from_list_id=source.id,
                                             to_list_id=move_target.id, lead_ids=ids[:2])
        copies = await _list_lead_ids(client, copy_target.id)
        moved = await _list_lead_ids(client, move_target.id)
        left = await _list_lead_ids(client, source.id)
    assert copies == ids
    assert moved == ids[:2]
    assert left == ids[2:]


async def test_push_to_campaign_copies_or_moves_list_leads_into_the_campaign() -> None:
    fake = _fake()
    campaign_id = fake.add_campaign(name="Q3 push", lead_count=10)
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("To push")
        await _import(client, lead_list.id, 4)
        ids = await _list_lead_ids(client, lead_list.id)
        copied = await client.lead_lists.push_to_campaign(lead_list.id, "copy",
                                                          campaign_id=campaign_id,
                                                          lead_ids=ids[:1])
        await client.lead_lists.push_to_campaign(lead_list.id, "move",
                                                 campaign_name="Q3 push", all_leads=True)
        in_campaign = await _lead_ids(client, campaign_id)
        left = await _list_lead_ids(client, lead_list.id)
        statuses = {item.status for item in (await all_leads(client, campaign_id))[:4]}
    assert copied.extra["upload_count"] == 1
    assert len(in_campaign) == 14 and set(ids) <= set(in_campaign)
    assert left == []
    assert statuses == {LeadStatus.STARTED}


async def test_push_leads_with_move_takes_them_out_of_their_campaigns() -> None:
    fake = _fake()
    campaign_id = fake.add_campaign(lead_count=12)
    async with connected(fake) as client:
        parked = await client.lead_lists.create("Parked")
        copied = await client.lead_lists.create("Copied")
        ids = await _lead_ids(client, campaign_id)
        await client.lead_lists.push_leads(copied.id, "copy", lead_ids=ids[:3])
        after_copy = await _lead_ids(client, campaign_id)
        await client.lead_lists.push_leads(parked.id, PushAction.MOVE, lead_ids=ids[:3])
        after_move = await _lead_ids(client, campaign_id)
        overview = await client.leads.campaign_overview(ids[0])
        in_parked = await _list_lead_ids(client, parked.id)
        previously = [lead.id async for lead in client.leads.all(
            lead_type=LeadType.PREVIOUSLY_ACTIVE)]
    assert after_copy == ids
    assert after_move == ids[3:]
    assert overview == []
    assert in_parked == sorted(ids[:3])
    assert set(ids[:3]) <= set(previously)


# -- every lead of the account ----------------------------------------------------------------


async def test_all_leads_are_paged_by_cursor_each_exactly_once_over_many_pages() -> None:
    fake = _fake()
    first = fake.add_campaign(lead_count=130)
    second = fake.add_campaign(lead_count=70)
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("Extra")
        await _import(client, lead_list.id, 25)
        await client.campaigns.leads.add(second, new_leads(5))  # already leads: no new ids
        expected = set(await _lead_ids(client, first)) | set(await _lead_ids(client, second))
        expected |= set(await _list_lead_ids(client, lead_list.id))
        before = requests_to(fake, "GET", "/leads/all")
        paginator = client.leads.all(page_size=40)
        got = [lead.id async for lead in paginator]
        requests = requests_to(fake, "GET", "/leads/all") - before
    assert len(expected) == 225
    assert got == sorted(expected)  # every lead once, in id order
    assert requests == 6  # 225 leads at 40 a page: 5 full pages and a short one
    assert paginator.next_cursor == got[-1]


async def test_leads_added_while_paging_by_cursor_come_at_the_end_and_none_twice() -> None:
    fake = _fake()
    campaign_id = fake.add_campaign(lead_count=90)
    async with connected(fake) as client:
        got: list[int] = []
        async for page in client.leads.all(page_size=25).pages():
            got += [lead.id for lead in page.items]
            if len(got) == 50:
                await client.campaigns.leads.add(campaign_id, new_leads(10, start=500))
        now = await _lead_ids(client, campaign_id)
    assert len(got) == len(set(got)) == 100
    assert got == sorted(now)


async def test_a_resumed_cursor_listing_continues_after_the_last_lead_seen() -> None:
    fake = _fake()
    fake.add_campaign(lead_count=60)
    async with connected(fake) as client:
        every = [lead.id async for lead in client.leads.all()]
        first = await client.leads.all(page_size=20)
        rest = [lead.id async for lead in client.leads.all(page_size=20,
                                                           start_after=first.next_cursor)]
    assert [lead.id for lead in first.items] + rest == every


async def test_all_leads_filters_by_campaign_status_and_email() -> None:
    fake = _fake()
    first = fake.add_campaign(lead_count=30)
    fake.add_campaign(lead_count=30)
    async with connected(fake) as client:
        ids = await _lead_ids(client, first)
        await client.campaigns.leads.pause(first, ids[0])
        in_first = [lead.id async for lead in client.leads.all(campaign_id=first)]
        paused = [lead.id async for lead in client.leads.all(campaign_id=first,
                                                              status=LeadStatus.PAUSED)]
        email = (await client.leads.get(ids[5])).email
        by_email = [lead.id async for lead in client.leads.all(lead_email=email)]
    assert in_first == sorted(ids)
    assert ids[0] in paused and set(paused) <= set(ids)
    assert by_email == [ids[5]]


async def test_an_unknown_lead_id_is_not_found() -> None:
    fake = _fake()
    fake.add_campaign(lead_count=3)
    async with connected(fake) as client:
        with pytest.raises(NotFoundError):
            await client.leads.get(12)


# -- a lead in its campaigns ------------------------------------------------------------------


async def test_a_pinned_mailbox_and_a_manual_complete_show_in_overview_and_sequence() -> None:
    fake = _fake()
    campaign_id = fake.add_campaign(lead_count=40)
    account_id = fake.add_email_account()
    async with connected(fake) as client:
        item = next(item for item in await all_leads(client, campaign_id)
                    if item.status is LeadStatus.INPROGRESS)
        lead_id, map_id = int(item.lead.id or 0), int(item.campaign_lead_map_id)
        before = await client.leads.sequence_details(map_id, campaign_id=campaign_id)
        await client.campaigns.leads.update_email_account(campaign_id, lead_id, account_id)
        await client.campaigns.leads.manual_complete(campaign_id, map_id)
        [overview] = await client.leads.campaign_overview(lead_id)
        after = await client.leads.sequence_details(map_id)
        completed = [entry.campaign_lead_map_id async for entry in client.campaigns.leads.list(
            campaign_id, status=LeadStatus.COMPLETED)]
    assert (overview.campaign_id, overview.campaign_lead_map_id) == (campaign_id, map_id)
    assert (overview.lead_status, overview.email_account_id) == (LeadStatus.COMPLETED,
                                                                 account_id)
    assert after.email_account_id == account_id
    sent = [step.status for step in before.steps if step.status == "SENT"]
    assert sent and [step.status for step in after.steps][:len(sent)] == sent
    assert {step.status for step in after.steps[len(sent):]} <= {"SKIPPED"}
    assert {step.status for step in before.steps[len(sent):]} <= {"PENDING"}
    assert map_id in completed


async def test_manual_complete_of_a_lead_of_another_campaign_is_not_found() -> None:
    fake = _fake()
    first = fake.add_campaign(lead_count=2)
    second = fake.add_campaign(lead_count=2)
    async with connected(fake) as client:
        item = (await all_leads(client, first))[0]
        with pytest.raises(NotFoundError):
            await client.campaigns.leads.manual_complete(second, int(item.campaign_lead_map_id))


# -- block list -------------------------------------------------------------------------------


async def test_blocked_entries_are_listed_newest_first_filtered_and_unblocked() -> None:
    fake = _fake()
    client_id = fake.add_client()
    async with connected(fake) as client:
        await client.leads.block(["test2.com", "ramesh@test1.com", "test1.com"])
        await client.leads.block(["rival.io"], client_id=client_id)
        entries = [entry async for entry in client.leads.block_list(page_size=2)]
        of_domain = [e.email_or_domain async for e in client.leads.block_list(
            email_with_domain="test1.com")]
        containing = [e.email_or_domain async for e in client.leads.block_list(
            email_or_domain="RAMESH")]
        of_client = [e.email_or_domain async for e in client.leads.block_list(
            client_id=client_id)]
        await client.leads.unblock(entries[0].id)
        after = [entry.email_or_domain async for entry in client.leads.block_list()]
        with pytest.raises(NotFoundError):
            await client.leads.unblock(entries[0].id)
    assert [entry.email_or_domain for entry in entries] == [
        "rival.io", "test1.com", "ramesh@test1.com", "test2.com"]
    assert len({entry.id for entry in entries}) == 4
    assert of_domain == ["test1.com", "ramesh@test1.com"]
    assert containing == ["ramesh@test1.com"]
    assert of_client == ["rival.io"]
    assert after == ["test1.com", "ramesh@test1.com", "test2.com"]


async def test_a_blocked_lead_is_skipped_by_adds_until_it_is_unblocked() -> None:
    fake = _fake()
    campaign_id = fake.add_campaign()
    async with connected(fake) as client:
        await client.leads.block(["blocked@example.com"])
        [entry] = [entry async for entry in client.leads.block_list()]
        skipped = await client.campaigns.leads.add(campaign_id,
                                                   [LeadInput(email="blocked@example.com")])
        await client.leads.unblock(entry.id)
        added = await client.campaigns.leads.add(campaign_id,
                                                 [LeadInput(email="blocked@example.com")])
    assert (skipped.upload_count, added.upload_count) == (0, 1)


# -- the fake's own checks (what a client that skips the SDK's validation gets) ---------------


@pytest.mark.parametrize(
    ("method", "path", "query", "body", "status", "message"),
    [
        ("GET", "/leads/all", {"limit": "1001"}, None, 422, "less than or equal to 1000"),
        ("GET", "/leads/all", {"leadType": "dormant"}, None, 422, '"leadType" must be one of'),
        ("GET", "/lead-list/", {"tagIds": "1,x"}, None, 400, "Invalid tagIds"),
        ("POST", "/lead-list/", {}, {"name": "Q3"}, 422, '"listName" is required'),
        ("POST", "/leads/push-to-list", {}, {"listId": 1, "action": "copy"}, 404,
         "Lead list not found"),
        ("DELETE", "/leads/delete-domain-block-list", {}, None, 422, '"id" is required'),
        ("POST", "/campaigns/update-lead-email-account", {},
         {"campaign_id": 1, "lead_id": 2, "email_account_id": 3}, 422,
         '"email_campaign_id" is required'),  # the other client's field names
    ],
)
async def test_the_fake_refuses_bad_requests_with_the_apis_statuses(
    method: str, path: str, query: dict[str, str], body: object, status: int, message: str
) -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client() as http:
        response = await http.request(method, path, params={"api_key": fake.api_key, **query},
                                      json=body)
    answer = response.json()
    assert response.status_code == status
    assert message in answer.get("message", answer.get("error"))


async def test_both_lead_ids_and_all_leads_in_one_push_is_a_bad_request() -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with connected(fake) as client:
        lead_list = await client.lead_lists.create("L")
    async with fake.http_client() as http:
        response = await http.post("/leads/push-to-list", params={"api_key": fake.api_key},
                                   json={"listId": lead_list.id, "action": "copy",
                                         "leadIds": [1], "allLeads": True})
    assert (response.status_code, response.json()) == (
        400, {"error": "Send leadIds or allLeads, not both"})


async def test_with_quirks_a_missing_list_or_lead_answers_an_empty_object_read_as_not_found(
) -> None:
    fake = FakeSmartlead(rate_limit=None, quirks=True)
    async with connected(fake) as client:
        with pytest.raises(NotFoundError, match="lead list 5 not found"):
            await client.lead_lists.get(5)
        with pytest.raises(NotFoundError, match="lead 12 not found"):
            await client.leads.get(12)
    assert {entry.status for entry in fake.stats.log} == {200}
