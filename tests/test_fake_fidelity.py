"""The fake accepts what the live API accepts; ``strict=True`` refuses what the API does not
document. Driven with plain httpx, as other SmartLead clients would drive it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import httpx
import pytest

from smartlead_async.testing import FakeSmartlead

from ._fake_http import MODES, connect

KEY = "test-key"


async def call(
    client: httpx.AsyncClient, method: str, path: str, *, params: dict[str, Any] | None = None,
    json: Any = None,
) -> httpx.Response:
    return await client.request(method, path, params={"api_key": KEY, **(params or {})},
                                json=json)


class Account(NamedTuple):
    """A fake seeded with one of everything, and the ids the request shapes need."""

    fake: FakeSmartlead
    campaign_id: int
    lead_id: int
    email_account_id: int
    webhook_id: int
    stats_id: str


async def seeded(*, strict: bool = False) -> Account:
    fake = FakeSmartlead(rate_limit=None, strict=strict)
    client_id = fake.add_client()
    campaign_id = fake.add_campaign(lead_count=200, client_id=client_id)
    account_id = fake.add_email_account(client_id=client_id)
    async with fake.http_client() as client:
        await call(client, "POST", f"/campaigns/{campaign_id}/email-accounts",
                   json={"email_account_ids": [account_id]})
        hook = await call(client, "POST", f"/campaigns/{campaign_id}/webhooks", json={
            "name": "replies", "webhook_url": "https://example.com/hook",
            "event_types": ["EMAIL_REPLY"],
        })
        page = (await call(client, "GET", f"/campaigns/{campaign_id}/leads")).json()["data"]
        for item in page:  # a lead that was emailed, so it has a thread to reply in
            lead_id = int(item["lead"]["id"])
            history = await call(
                client, "GET", f"/campaigns/{campaign_id}/leads/{lead_id}/message-history")
            if history.json()["history"]:
                break
    fake.stats.reset()
    return Account(fake, campaign_id, lead_id, account_id, hook.json()["id"],
                   history.json()["history"][0]["stats_id"])


class Shape(NamedTuple):
    """One request as another SmartLead client sends it."""

    method: str
    path: str
    params: dict[str, Any]
    body: Any


#: The request shapes of issue 18: real clients send them, live SmartLead answers them.
SHAPES: dict[str, Callable[[Account], Shape]] = {
    "email accounts filtered by client and username": lambda a: Shape(
        "GET", "/email-accounts/", {"client_id": 7, "username": "ada"}, None),
    "an email account with its campaigns and tags": lambda a: Shape(
        "GET", f"/email-accounts/{a.email_account_id}/",
        {"fetch_campaigns": "true", "fetch_tags": "true"}, None),
    "a campaign with its tags": lambda a: Shape(
        "GET", f"/campaigns/{a.campaign_id}", {"include_tags": "true"}, None),
    "analytics by date in a time zone": lambda a: Shape(
        "GET", f"/campaigns/{a.campaign_id}/analytics-by-date",
        {"start_date": "2025-06-01", "end_date": "2025-06-20", "time_zone": "Europe/Paris"},
        None),
    "leads imported with the newer settings": lambda a: Shape(
        "POST", f"/campaigns/{a.campaign_id}/leads", {}, {
            "lead_list": [{"email": "new.lead@example.com"}],
            "settings": {"ignore_community_bounce_list": True, "return_lead_ids": True},
        }),
    "warmup with auto adjustment": lambda a: Shape(
        "POST", f"/email-accounts/{a.email_account_id}/warmup", {},
        {"warmup_enabled": True, "auto_adjust_warmup": True}),
    "a schedule spelled min_time_btw_emails": lambda a: Shape(
        "POST", f"/campaigns/{a.campaign_id}/schedule", {}, {
            "timezone": "Europe/Paris", "days_of_the_week": [1, 2, 3], "start_hour": "09:00",
            "end_hour": "17:00", "min_time_btw_emails": 12, "max_new_leads_per_day": 30,
        }),
    "a webhook deleted with a JSON body": lambda a: Shape(
        "DELETE", f"/campaigns/{a.campaign_id}/webhooks", {}, {"id": a.webhook_id}),
    "a webhook deleted by path": lambda a: Shape(
        "DELETE", f"/campaigns/{a.campaign_id}/webhooks/{a.webhook_id}", {}, None),
    "a webhook deleted with ?id=": lambda a: Shape(
        "DELETE", f"/campaigns/{a.campaign_id}/webhooks", {"id": a.webhook_id}, None),
    "a master-inbox reply with only the required fields": lambda a: Shape(
        "POST", f"/campaigns/{a.campaign_id}/reply-email-thread", {},
        {"email_stats_id": a.stats_id, "email_body": "<p>Thanks!</p>"}),
}


def with_typo(shape: Shape) -> tuple[Shape, str]:
    """The shape plus a key no SmartLead route documents, where the shape carries its data."""
    if isinstance(shape.body, dict):
        return shape._replace(body={**shape.body, "reply_to_al": True}), "reply_to_al"
    return shape._replace(params={**shape.params, "fetch_campaing": "true"}), "fetch_campaing"


async def send(client: httpx.AsyncClient, shape: Shape) -> httpx.Response:
    return await call(client, shape.method, shape.path, params=shape.params, json=shape.body)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("name", list(SHAPES))
async def test_requests_real_clients_send_are_answered_2xx(
    name: str, strict: bool, mode: str
) -> None:
    account = await seeded(strict=strict)
    async with connect(account.fake, mode) as client:
        response = await send(client, SHAPES[name](account))
    assert 200 <= response.status_code < 300, response.text


@pytest.mark.parametrize("name", list(SHAPES))
async def test_an_undocumented_key_is_ignored_by_default_and_refused_in_strict_mode(
    name: str,
) -> None:
    answers = {}
    for strict in (False, True):
        account = await seeded(strict=strict)
        shape, typo = with_typo(SHAPES[name](account))
        async with account.fake.http_client() as client:
            answers[strict] = await send(client, shape)
    assert 200 <= answers[False].status_code < 300, answers[False].text
    refused = answers[True]
    assert refused.status_code == 422
    assert refused.json()["message"] == f'"{typo}" is not allowed'
    assert refused.json()["validation"]["keys"] == [typo]


@pytest.mark.parametrize(
    ("path", "body", "key"),
    [
        ("/campaigns/create", {"name": "A", "nme": "typo"}, "nme"),
        ("/campaigns/{cid}/leads", {"lead_list": [{"email": "a@b.co", "firstname": "A"}]},
         "lead_list[0].firstname"),
        ("/campaigns/{cid}/leads", {"lead_list": [{"email": "a@b.co"}],
                                    "settings": {"ignore_everything": True}},
         "settings.ignore_everything"),
        ("/campaigns/{cid}/settings", {"out_of_office_detection_settings": {"autoOOO": True}},
         "out_of_office_detection_settings.autoOOO"),
    ],
)
async def test_nested_unknown_fields_follow_the_mode_too(
    path: str, body: dict[str, Any], key: str
) -> None:
    statuses = {}
    for strict in (False, True):
        fake = FakeSmartlead(rate_limit=None, strict=strict)
        cid = fake.add_campaign()
        async with fake.http_client() as client:
            response = await call(client, "POST", path.format(cid=cid), json=body)
        statuses[strict] = response.status_code
        if strict:
            assert response.json()["validation"] == {"source": "body", "keys": [key]}
    assert statuses == {False: 200, True: 422}


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize(
    ("method", "path", "params", "body", "status", "key"),
    [
        ("GET", "/campaigns/{cid}/leads", {"limit": "101"}, None, 422, "limit"),
        ("GET", "/campaigns/{cid}", {"include_tags": "yes"}, None, 422, "include_tags"),
        ("GET", "/email-accounts/", {"esp": "YAHOO"}, None, 422, "esp"),
        ("GET", "/email-accounts/", {"isInUse": "1"}, None, 422, "isInUse"),
        ("GET", "/campaigns/{cid}/statistics", {"sent_time_start_date": "June"}, None, 422,
         "sent_time_start_date"),
        ("POST", "/campaigns/{cid}/schedule", {}, {
            "timezone": "UTC", "days_of_the_week": [1], "start_hour": "09:00",
            "end_hour": "17:00", "min_time_btw_emails": 0}, 422, "min_time_btw_emails"),
        ("POST", "/campaigns/{cid}/settings", {}, {"bounce_autopause_threshold": "high"}, 422,
         "bounce_autopause_threshold"),
        ("POST", "/campaigns/{cid}/email-accounts", {},
         {"email_account_ids": [1], "auto_adjust_warmup": "yes"}, 422, "auto_adjust_warmup"),
        ("POST", "/campaigns/{cid}/leads", {}, {"lead_list": [{"email": "a@b.co"}],
                                               "settings": {"return_lead_ids": 1}}, 422,
         "settings.return_lead_ids"),
    ],
)
async def test_a_known_key_with_a_bad_value_is_refused_in_both_modes(
    strict: bool, method: str, path: str, params: dict[str, str], body: Any, status: int,
    key: str,
) -> None:
    fake = FakeSmartlead(rate_limit=None, strict=strict)
    cid = fake.add_campaign(lead_count=3)
    async with fake.http_client() as client:
        response = await call(client, method, path.format(cid=cid), params=params, json=body)
    assert response.status_code == status
    assert response.json()["validation"]["keys"] == [key]


async def test_the_time_zone_of_analytics_by_date_must_exist() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=3)
    async with fake.http_client() as client:
        response = await call(client, "GET", f"/campaigns/{cid}/analytics-by-date", params={
            "start_date": "2025-06-01", "end_date": "2025-06-02", "time_zone": "Mars/Base"})
    assert (response.status_code, response.json()) == (400, {
        "error": "Invalid time_zone - Mars/Base"})


async def test_a_repeated_known_parameter_is_refused_and_a_repeated_unknown_one_ignored() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=3)
    async with fake.http_client() as client:
        repeated = await client.get(f"/campaigns/{cid}/leads?api_key={KEY}&limit=5&limit=6")
        unknown = await client.get(f"/campaigns/{cid}/leads?api_key={KEY}&x=1&x=2")
    assert repeated.status_code == 422 and repeated.json()["validation"]["keys"] == ["limit"]
    assert unknown.status_code == 200


# -- webhook deletion: three forms ---------------------------------------------------------------


@pytest.mark.parametrize("form", ["query", "body", "path"])
async def test_a_webhook_is_deleted_in_any_of_the_three_forms(form: str) -> None:
    account = await seeded()
    cid, hook = account.campaign_id, account.webhook_id
    request = {
        "query": Shape("DELETE", f"/campaigns/{cid}/webhooks", {"id": hook}, None),
        "body": Shape("DELETE", f"/campaigns/{cid}/webhooks", {}, {"id": hook}),
        "path": Shape("DELETE", f"/campaigns/{cid}/webhooks/{hook}", {}, None),
    }[form]
    async with account.fake.http_client() as client:
        deleted = await send(client, request)
        again = await send(client, request)
        listed = await call(client, "GET", f"/campaigns/{cid}/webhooks")
    assert (deleted.status_code, deleted.json()) == (200, {"ok": True})
    assert again.status_code == 404 and listed.json() == []


async def test_a_webhook_id_given_twice_must_agree_and_must_be_given() -> None:
    account = await seeded()
    path = f"/campaigns/{account.campaign_id}/webhooks"
    hook = account.webhook_id
    async with account.fake.http_client() as client:
        conflict = await call(client, "DELETE", path, params={"id": hook}, json={"id": hook + 1})
        agreeing = await call(client, "DELETE", path, params={"id": hook}, json={"id": hook})
        missing = await call(client, "DELETE", path)
    assert conflict.status_code == 400
    assert agreeing.status_code == 200
    assert missing.status_code == 422 and missing.json()["validation"]["keys"] == ["id"]


# -- the master-inbox reply ----------------------------------------------------------------------


async def test_a_reply_needs_only_the_stats_id_and_the_body_and_lands_in_the_thread() -> None:
    account = await seeded()
    cid, lead = account.campaign_id, account.lead_id
    async with account.fake.http_client() as client:
        answer = await call(client, "POST", f"/campaigns/{cid}/reply-email-thread", json={
            "email_stats_id": account.stats_id, "email_body": "<p>Booked!</p>",
            "to_email": "ada@example.com", "scheduled_time": "2025-12-02T10:00:00Z",
            "attachments": [{"file_url": "https://example.com/a.pdf", "file_size": 12}],
        })
        history = await call(client, "GET", f"/campaigns/{cid}/leads/{lead}/message-history")
    assert answer.status_code == 200
    assert history.json()["history"][-1]["email_body"] == "<p>Booked!</p>"


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ({"scheduled_time": "tomorrow"}, "scheduled_time"),
        ({"reply_email_time": "yesterday"}, "reply_email_time"),
        ({"attachments": [{"file_type": "application/pdf"}]}, "attachments[0].file_url"),
        ({"attachments": [{"file_url": "https://x.io/a", "file_size": -1}]},
         "attachments[0].file_size"),
    ],
)
async def test_reply_fields_that_are_given_are_checked(extra: dict[str, Any], key: str) -> None:
    account = await seeded()
    async with account.fake.http_client() as client:
        response = await call(
            client, "POST", f"/campaigns/{account.campaign_id}/reply-email-thread",
            json={"email_stats_id": account.stats_id, "email_body": "<p>Hi</p>", **extra})
    assert response.status_code == 422 and response.json()["validation"]["keys"] == [key]


# -- what the newer parameters do ----------------------------------------------------------------


async def test_the_email_account_listing_filters_as_documented() -> None:
    fake = FakeSmartlead(rate_limit=None)
    client_id = fake.add_client()
    mine = fake.add_email_account(client_id=client_id, from_email="ada.lovelace@gmail.com")
    other = fake.add_email_account(from_email="grace@outlook.com")
    idle = fake.add_email_account(from_email="idle@outlook.com")
    cid = fake.add_campaign()
    async with fake.http_client() as client:
        await call(client, "POST", f"/campaigns/{cid}/email-accounts",
                   json={"email_account_ids": [mine, other]})

        async def ids(**params: Any) -> list[int]:
            listed = await call(client, "GET", "/email-accounts/", params=params)
            assert listed.status_code == 200, listed.text
            return [row["id"] for row in listed.json()]

        by_client = await ids(client_id=client_id)
        by_username = await ids(username="LOVELACE")
        in_use = await ids(isInUse="true")
        unused = await ids(isInUse="false")
        warming = await ids(emailWarmupStatus="ACTIVE")
        with_campaigns = (await call(client, "GET", "/email-accounts/",
                                     params={"fetch_campaigns": "true"})).json()
    assert by_client == [mine] and by_username == [mine]
    assert in_use == [mine, other] and unused == [idle] and warming == []
    assert {row["id"]: row["campaign_ids"] for row in with_campaigns} == {
        mine: [cid], other: [cid], idle: []}


async def test_fetch_flags_add_campaigns_and_tags_to_an_account() -> None:
    account = await seeded()
    path = f"/email-accounts/{account.email_account_id}/"
    async with account.fake.http_client() as client:
        plain = (await call(client, "GET", path)).json()
        full = (await call(client, "GET", path, params={"fetch_campaigns": "true",
                                                        "fetch_tags": "true"})).json()
    assert "campaign_ids" not in plain and "tags" not in plain
    assert full["campaign_ids"] == [account.campaign_id] and full["tags"] == []


async def test_include_tags_adds_tags_to_a_campaign_and_its_accounts() -> None:
    account = await seeded()
    cid = account.campaign_id
    async with account.fake.http_client() as client:
        plain = (await call(client, "GET", f"/campaigns/{cid}")).json()
        tagged = (await call(client, "GET", f"/campaigns/{cid}",
                             params={"include_tags": "true"})).json()
        accounts = (await call(client, "GET", f"/campaigns/{cid}/email-accounts",
                               params={"include_tags": "true"})).json()
    assert "tags" not in plain and isinstance(tagged["tags"], list)
    assert [row["tags"] for row in accounts] == [[]]


@pytest.mark.parametrize("spelling", ["min_time_btw_emails", "min_time_btwn_emails"])
async def test_both_spellings_of_the_schedule_gap_are_saved(spelling: str) -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign()
    async with fake.http_client() as client:
        await call(client, "POST", f"/campaigns/{cid}/schedule", json={
            "timezone": "UTC", "days_of_the_week": [1], "start_hour": "09:00",
            "end_hour": "17:00", spelling: 42})
        campaign = (await call(client, "GET", f"/campaigns/{cid}")).json()
    assert campaign["min_time_btwn_emails"] == 42  # as the campaign reads it back


async def test_the_newer_campaign_settings_are_saved() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(name="Old name")
    async with fake.http_client() as client:
        answer = await call(client, "POST", f"/campaigns/{cid}/settings", json={
            "name": "New name", "force_plain_text": True, "domain_level_rate_limit": True,
            "bounce_autopause_threshold": "5",
            "out_of_office_detection_settings": {"autoReactivateOOO": True,
                                                 "reactivateOOOwithDelay": 3},
            "ai_categorisation_options": ["Interested"],
        })
        campaign = (await call(client, "GET", f"/campaigns/{cid}")).json()
    assert answer.status_code == 200
    assert campaign["name"] == "New name" and fake.campaigns[cid].name == "New name"
    assert campaign["force_plain_text"] is True
    assert campaign["out_of_office_detection_settings"] == {
        "autoReactivateOOO": True, "reactivateOOOwithDelay": 3}


async def test_return_lead_ids_maps_each_email_to_its_lead_id() -> None:
    fake = FakeSmartlead(rate_limit=None)
    first, second = fake.add_campaign(), fake.add_campaign()
    async with fake.http_client() as client:
        await call(client, "POST", f"/campaigns/{first}/leads",
                   json={"lead_list": [{"email": "known@example.com"}]})
        answer = (await call(client, "POST", f"/campaigns/{second}/leads", json={
            "lead_list": [{"email": "known@example.com"}, {"email": "fresh@example.com"}],
            "settings": {"return_lead_ids": True},
        })).json()
        again = (await call(client, "POST", f"/campaigns/{second}/leads", json={
            "lead_list": [{"email": "fresh@example.com"}],
            "settings": {"return_lead_ids": True}})).json()
        without = (await call(client, "POST", f"/campaigns/{first}/leads",
                              json={"lead_list": [{"email": "other@example.com"}]})).json()
        page = (await call(client, "GET", f"/campaigns/{second}/leads")).json()["data"]
    lead_ids = {item["lead"]["email"]: int(item["lead"]["id"]) for item in page}
    assert answer["emailToLeadIdMap"] == {
        "newlyAddedLeads": {"fresh@example.com": lead_ids["fresh@example.com"]},
        "existingLeadsInOtherCampaigns": {"known@example.com": lead_ids["known@example.com"]},
        "existingLeads": {},
    }
    assert again["emailToLeadIdMap"]["existingLeads"] == {
        "fresh@example.com": lead_ids["fresh@example.com"]}
    assert "emailToLeadIdMap" not in without


async def test_a_null_category_clears_it() -> None:
    account = await seeded()
    cid, lead = account.campaign_id, account.lead_id
    path = f"/campaigns/{cid}/leads/{lead}/category"
    async with account.fake.http_client() as client:
        await call(client, "POST", path, json={"category_id": 2})
        cleared = await call(client, "POST", path, json={"category_id": None})
        absent = await call(client, "POST", path, json={})
        page = (await call(client, "GET", f"/campaigns/{cid}/leads")).json()["data"]
    assert cleared.status_code == 200
    assert absent.status_code == 422
    assert next(i for i in page if int(i["lead"]["id"]) == lead)["lead_category_id"] is None


async def test_statistics_filter_by_sent_time() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign(lead_count=60)
    path = f"/campaigns/{cid}/statistics"
    async with fake.http_client() as client:
        rows = (await call(client, "GET", path)).json()["data"]
        times = sorted(row["sent_time"] for row in rows)
        middle = times[len(times) // 2]
        later = (await call(client, "GET", path, params={"sent_time_start_date": middle}))
        earlier = (await call(client, "GET", path, params={"sent_time_end_date": middle}))
    assert {row["sent_time"] > middle for row in later.json()["data"]} == {True}
    assert {row["sent_time"] < middle for row in earlier.json()["data"]} == {True}
    assert int(later.json()["total_stats"]) + int(earlier.json()["total_stats"]) == len(rows) - 1


async def test_message_history_after_a_time() -> None:
    account = await seeded()
    path = f"/campaigns/{account.campaign_id}/leads/{account.lead_id}/message-history"
    async with account.fake.http_client() as client:
        every = (await call(client, "GET", path)).json()["history"]
        cutoff = every[0]["time"]
        later = (await call(client, "GET", path, params={
            "event_time_gt": cutoff, "show_plain_text_response": "true"})).json()["history"]
    assert later == [message for message in every if message["time"] > cutoff]


async def test_a_client_is_created_from_its_name_and_email_alone() -> None:
    fake = FakeSmartlead(rate_limit=None)
    async with fake.http_client() as client:
        created = await call(client, "POST", "/client/save", json={
            "name": "Acme", "email": "ops@acme.io", "is_credit_assigned": True,
            "email_credits": 1000, "lead_credits": 0})
        listed = (await call(client, "GET", "/client/")).json()
    assert created.status_code == 200 and "password" not in created.json()
    assert listed[0]["client_permission"]["permission"] == ["reply_master_inbox"]


async def test_a_variant_keeps_its_distribution_percentage() -> None:
    fake = FakeSmartlead(rate_limit=None)
    cid = fake.add_campaign()
    variants = [{"subject": "A", "email_body": "<p>A</p>", "variant_label": "A",
                 "variant_distribution_percentage": 70},
                {"subject": "B", "email_body": "<p>B</p>", "variant_label": "B",
                 "variant_distribution_percentage": 30}]
    async with fake.http_client() as client:
        await call(client, "POST", f"/campaigns/{cid}/sequences",
                   json={"sequences": [{"seq_number": 1, "seq_variants": variants}]})
        steps = (await call(client, "GET", f"/campaigns/{cid}/sequences")).json()
    assert [v["variant_distribution_percentage"] for v in steps[0]["sequence_variants"]] == [
        70, 30]
