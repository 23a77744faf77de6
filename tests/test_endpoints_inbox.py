"""``client.inbox`` (the master inbox) and ``client.campaigns.leads.forward``, over respx:
the exact request of every route, its decoded answer, and the arguments refused before it."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    ForwardEmailResult,
    InboxBlockSource,
    InboxEmailStatus,
    InboxFilters,
    InboxLead,
    InboxLeadCategories,
    InboxSortBy,
    InboxView,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    LeadStatus,
    NotFoundError,
    OkResponse,
    ServerError,
    SmartleadClient,
    TaskPriority,
)

from ._endpoints import KEY, endpoint_fixtures, open_client, sent, sent_requests

api, client = endpoint_fixtures()

#: One thread as the route catalogue and SmartLead's older reference show it.
THREAD = {
    "email_lead_map_id": 2433664091, "email_lead_id": "2995000756",
    "lead_first_name": "Sarah", "lead_last_name": "Johnson", "lead_email": "sarah@startup.io",
    "lead_status": "INPROGRESS", "lead_category_id": 1,
    "last_sent_time": "2025-01-15T10:00:00.000Z", "last_reply_time": "2025-01-20T14:30:00Z",
    "has_new_unread_email": True, "email_account_id": 789, "revenue": "1500.50",
    "email_campaign_id": 12345, "email_campaign_name": "Q1 Outreach", "is_important": False,
    "is_archived": False, "is_snoozed": False, "team_member_id": 456,
    "is_ooo_automated_push_lead": False,
}  # fmt: skip
#: The named view methods and the path each posts to.
NAMED_VIEWS = [
    ("replies", "inbox-replies"), ("unread_replies", "unread-replies"), ("sent", "sent"),
    ("archived", "archived"), ("important", "important"), ("snoozed", "snoozed"),
    ("reminders", "reminders"), ("scheduled", "scheduled"),
    ("assigned_to_me", "assigned-me"), ("custom_view", "views"),
]  # fmt: skip


def _view(client: SmartleadClient, method: str, **params: Any) -> Any:
    return getattr(client.inbox, method)(**params)


# -- views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), NAMED_VIEWS)
async def test_each_view_posts_offset_and_limit_in_its_body_and_decodes_threads(
    api: respx.MockRouter, client: SmartleadClient, method: str, path: str
) -> None:
    route = api.post(f"/master-inbox/{path}").respond(
        json={"ok": True, "data": [THREAD], "offset": 0, "limit": 20}
    )
    threads = [thread async for thread in _view(client, method)]
    assert sent(route) == ("POST", f"/master-inbox/{path}", KEY, {"offset": 0, "limit": 20})
    assert threads == [threads[0]] and threads[0].email_lead_map_id == 2433664091


async def test_a_thread_decodes_ids_times_status_and_revenue_to_their_types(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/master-inbox/inbox-replies").respond(json={"ok": True, "data": [THREAD]})
    page = await client.inbox.replies()
    thread = page.items[0]
    assert isinstance(thread, InboxLead)
    assert thread.email_lead_id == 2995000756
    assert thread.lead_status is LeadStatus.INPROGRESS
    assert thread.last_sent_time == datetime(2025, 1, 15, 10, tzinfo=UTC)
    assert thread.last_reply_time == datetime(2025, 1, 20, 14, 30, tzinfo=UTC)
    assert thread.revenue == Decimal("1500.50")
    assert thread.has_new_unread_email is True
    assert thread.extra == {"is_ooo_automated_push_lead": False}


async def test_every_filter_is_sent_in_the_apis_camel_case(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/master-inbox/unread-replies").respond(json={"ok": True, "data": []})
    filters = InboxFilters(
        search="pricing",
        lead_categories=InboxLeadCategories(
            is_assigned=True, category_ids_in=[1, 2], category_ids_not_in=(3,)
        ),
        email_status=[InboxEmailStatus.REPLIED, "Not Replied"],
        campaign_id=[12345, 12346], email_account_id=789, campaign_team_member_id=[456],
        campaign_tag_id=5, campaign_client_id=100,
        reply_time_between=(datetime(2025, 1, 1, tzinfo=UTC), date(2025, 1, 31)),
    )
    await client.inbox.unread_replies(
        filters=filters, sort_by=InboxSortBy.SENT_TIME_DESC, fetch_message_history=True,
        page_size=5,
    )
    assert sent(route) == ("POST", "/master-inbox/unread-replies",
                           {**KEY, "fetch_message_history": "true"}, {
        "offset": 0, "limit": 5, "sortBy": "SENT_TIME_DESC",
        "filters": {
            "search": "pricing",
            "leadCategories": {"isAssigned": True, "categoryIdsIn": [1, 2],
                               "categoryIdsNotIn": [3]},
            "emailStatus": ["Replied", "Not Replied"],
            "campaignId": [12345, 12346], "emailAccountId": 789,
            "campaignTeamMemberId": [456], "campaignTagId": 5, "campaignClientId": 100,
            "replyTimeBetween": ["2025-01-01T00:00:00.000Z", "2025-01-31"],
        },
    })  # fmt: skip


async def test_the_custom_view_sends_the_subsequence_filter(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/master-inbox/views").respond(json={"ok": True, "data": []})
    await client.inbox.custom_view(filters=InboxFilters(sub_sequence_id=77, campaign_id=9))
    assert sent(route)[3] == {"offset": 0, "limit": 20,
                              "filters": {"campaignId": 9, "subSequenceId": 77}}


async def test_threads_takes_the_view_as_an_enum_or_its_path(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/master-inbox/reminders").respond(json={"ok": True, "data": []})
    await client.inbox.threads(InboxView.REMINDERS, sort_by="REMINDER_TIME_DESC")
    await client.inbox.threads("reminders")
    assert [body for *_, body in sent_requests(route)] == [
        {"offset": 0, "limit": 20, "sortBy": "REMINDER_TIME_DESC"}, {"offset": 0, "limit": 20},
    ]


async def test_a_view_of_45_threads_is_paged_20_at_a_time_and_ends_at_the_short_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    threads = [{**THREAD, "email_lead_map_id": n} for n in range(1, 46)]

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        window = threads[body["offset"]:][: body["limit"]]
        return httpx.Response(200, json={"ok": True, "data": window, **body})

    route = api.post("/master-inbox/sent").mock(side_effect=answer)
    got = [thread.email_lead_map_id async for thread in client.inbox.sent(prefetch=1)]
    assert got == list(range(1, 46))
    assert [body["offset"] for *_, body in sent_requests(route)] == [0, 20, 40]


async def test_the_newer_docs_nested_shape_is_read_by_its_campaign_lead_map_id(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/master-inbox/inbox-replies").respond(json={
        "messages": [{"id": "msg_xyz789", "campaign_lead_map_id": "2433664091",
                      "lead": {"email": "sarah@startup.io"}, "is_read": False}],
        "total_count": 1, "offset": 0, "limit": 20,
    })  # fmt: skip
    page = await client.inbox.replies()
    assert page.total == 1
    assert page.items[0].email_lead_map_id == 2433664091
    assert page.items[0].extra["lead"] == {"email": "sarah@startup.io"}


async def test_a_view_is_retried_like_a_get_after_a_server_error(
    api: respx.MockRouter,
) -> None:
    route = api.post("/master-inbox/important").mock(side_effect=[
        httpx.Response(503), httpx.Response(200, json={"ok": True, "data": [THREAD]}),
    ])
    async with open_client(max_retries=1) as retrying:
        page = await retrying.inbox.important()
    assert route.call_count == 2 and len(page.items) == 1


async def test_the_disputed_assigned_me_server_error_raises_server_error(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/master-inbox/assigned-me").respond(
        500, json={"message": 'column "undefined" does not exist'}
    )
    with pytest.raises(ServerError, match='column "undefined" does not exist'):
        await client.inbox.assigned_to_me()


#: (call, error, message) of view arguments refused before any request.
VIEW_ARGUMENT_ERRORS: list[tuple[Callable[[SmartleadClient], Any], type[Exception], str]] = [
    (lambda c: c.inbox.replies(page_size=21), InvalidArgumentError,
     "page_size must be between 1 and 20, got 21"),
    (lambda c: c.inbox.replies(page_size=0), InvalidArgumentError,
     "page_size must be between 1 and 20"),
    (lambda c: c.inbox.replies(start_offset=-1), InvalidArgumentError, "start_offset"),
    (lambda c: c.inbox.replies(sort_by="REMINDER_TIME_ASC"), InvalidArgumentError,
     "sort_by must be one of REPLY_TIME_DESC, SENT_TIME_DESC"),
    (lambda c: c.inbox.scheduled(sort_by="REPLY_TIME_DESC"), InvalidArgumentError,
     "sort_by must be one of SCHEDULED_TIME_ASC, SCHEDULED_TIME_DESC"),
    (lambda c: c.inbox.sent(fetch_message_history=True), InvalidArgumentError,
     "the sent view does not take fetch_message_history"),
    (lambda c: c.inbox.replies(fetch_message_history="yes"), InvalidArgumentTypeError,
     "fetch_message_history must be True or False"),
    (lambda c: c.inbox.replies(filters=InboxFilters(sub_sequence_id=3)),
     InvalidArgumentError, "filters.sub_sequence_id is taken by the custom view only"),
    (lambda c: c.inbox.assigned_to_me(filters=InboxFilters(campaign_id=[1, 2])),
     InvalidArgumentError,
     "the assigned-me view takes one id per filter: filters.campaign_id is a list"),
    (lambda c: c.inbox.custom_view(filters=InboxFilters(campaign_tag_id=[5])),
     InvalidArgumentError, "filters.campaign_tag_id is a list"),
    (lambda c: c.inbox.replies(filters={"campaignId": 1}), InvalidArgumentTypeError,
     "filters must be a InboxFilters, got dict"),
    (lambda c: c.inbox.threads("inbox"), InvalidArgumentError,
     "view must be one of inbox-replies, unread-replies"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: InboxFilters(search="x" * 31), InvalidArgumentError,
         "InboxFilters.search must be at most 30 characters"),
        (lambda: InboxFilters(campaign_id=0), InvalidArgumentError,
         "InboxFilters.campaign_id must be >= 1"),
        (lambda: InboxFilters(campaign_id=[]), InvalidArgumentError,
         "InboxFilters.campaign_id must contain at least one id"),
        (lambda: InboxFilters(email_account_id="789"), InvalidArgumentTypeError,
         "InboxFilters.email_account_id must be an int"),
        (lambda: InboxFilters(email_status="Read"), InvalidArgumentError,
         "InboxFilters.email_status must be one of Opened, Clicked, Replied"),
        (lambda: InboxFilters(email_status=["Opened", "opened"]), InvalidArgumentError,
         "InboxFilters.email_status[1] must be one of"),
        (lambda: InboxFilters(reply_time_between=("2025-02-01", "2025-01-01")),
         InvalidArgumentError, "InboxFilters.reply_time_between starts after it ends"),
        (lambda: InboxFilters(reply_time_between=("2025-01-01",)), InvalidArgumentTypeError,
         "must be a (start, end) pair"),
        (lambda: InboxFilters(reply_time_between=("2025-01-01", "soon")), InvalidArgumentError,
         "InboxFilters.reply_time_between[1] must be an ISO 8601 date"),
        (lambda: InboxFilters(lead_categories={"isAssigned": True}), InvalidArgumentTypeError,
         "InboxFilters.lead_categories must be an InboxLeadCategories"),
        (lambda: InboxLeadCategories(category_ids_in=range(1, 12)), InvalidArgumentError,
         "InboxLeadCategories.category_ids_in takes at most 10 ids"),
        (lambda: InboxLeadCategories(is_assigned="true"), InvalidArgumentTypeError,
         "InboxLeadCategories.is_assigned must be True or False"),
    ],
)
def test_filters_are_checked_when_built(
    build: Callable[[], Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        build()
    assert message in str(caught.value)


def test_filters_keep_a_generator_of_ids_whole() -> None:
    filters = InboxFilters(campaign_id=(n for n in (3, 4)))
    assert filters.to_json() == {"campaignId": [3, 4]}


# -- actions --------------------------------------------------------------------------------------

#: (call, method, path, query, body) of each action keyed by a thread.
ACTIONS: list[tuple[Callable[[SmartleadClient], Awaitable[Any]], str, str, dict[str, str],
                    dict[str, Any] | None]] = [
    (lambda c: c.inbox.set_read_status(42, True), "PATCH",
     "/master-inbox/change-read-status", KEY, {"email_lead_map_id": 42, "read_status": True}),
    (lambda c: c.inbox.set_category(42, 3), "PATCH", "/master-inbox/update-category", KEY,
     {"email_lead_map_id": 42, "category_id": 3}),
    (lambda c: c.inbox.set_category(42, None), "PATCH", "/master-inbox/update-category", KEY,
     {"email_lead_map_id": 42, "category_id": None}),
    (lambda c: c.inbox.set_revenue(42, Decimal("1500.50")), "PATCH",
     "/master-inbox/update-revenue", KEY, {"email_lead_map_id": 42, "revenue": 1500.5}),
    (lambda c: c.inbox.set_team_member(42, 456), "POST", "/master-inbox/update-team-member",
     KEY, {"email_lead_map_id": 42, "team_member_id": 456}),
    (lambda c: c.inbox.create_note(42, "Asked for pricing"), "POST",
     "/master-inbox/create-note", KEY,
     {"email_lead_map_id": 42, "note_message": "Asked for pricing"}),
    (lambda c: c.inbox.create_task(
        42, name="Call back", description="", priority=TaskPriority.HIGH,
        due_date=datetime(2025, 2, 1, 9, tzinfo=UTC)),
     "POST", "/master-inbox/create-task", KEY,
     {"email_lead_map_id": 42, "name": "Call back", "description": "", "priority": "HIGH",
      "due_date": "2025-02-01T09:00:00.000Z"}),
    (lambda c: c.inbox.create_task(42, name="Call back"), "POST",
     "/master-inbox/create-task", KEY, {"email_lead_map_id": 42, "name": "Call back"}),
    (lambda c: c.inbox.set_reminder(
        42, email_stats_id="a739fed0", message="Follow up", reminder_time="2025-02-01"),
     "POST", "/master-inbox/set-reminder", KEY,
     {"email_lead_map_id": 42, "email_stats_id": "a739fed0", "message": "Follow up",
      "reminder_time": "2025-02-01"}),
    (lambda c: c.inbox.resume_lead(42, campaign_id=7, resume_delay_days=0), "PATCH",
     "/master-inbox/resume-lead", KEY,
     {"email_lead_map_id": 42, "campaign_id": 7, "resume_delay_days": 0}),
    (lambda c: c.inbox.push_to_subsequence(
        42, sub_sequence_id=9, sub_sequence_delay_time=3600,
        stop_lead_on_parent_campaign_reply=True),
     "POST", "/master-inbox/push-to-subsequence", KEY,
     {"email_lead_map_id": 42, "sub_sequence_id": 9, "sub_sequence_delay_time": 3600,
      "stop_lead_on_parent_campaign_reply": True}),
    (lambda c: c.inbox.block_domains(["spam.com", "bounces.net"], source="bounce"), "POST",
     "/master-inbox/block-domains", KEY,
     {"domains": ["spam.com", "bounces.net"], "source": "bounce"}),
    (lambda c: c.inbox.block_domains(("spam.com",), source=InboxBlockSource.MANUAL), "POST",
     "/master-inbox/block-domains", KEY, {"domains": ["spam.com"], "source": "manual"}),
]  # fmt: skip


@pytest.mark.parametrize(("call", "method", "path", "query", "body"), ACTIONS)
async def test_each_action_sends_its_exact_request_and_returns_the_acknowledgement(
    api: respx.MockRouter, client: SmartleadClient,
    call: Callable[[SmartleadClient], Awaitable[Any]], method: str, path: str,
    query: dict[str, str], body: dict[str, Any] | None,
) -> None:
    route = api.route(method=method, path=path).respond(
        json={"ok": True, "message": "done"}
    )
    result = await call(client)
    assert sent(route) == (method, path, query, body)
    assert isinstance(result, OkResponse) and (result.ok, result.message) == (True, "done")


async def test_an_action_that_answers_ok_false_raises(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.patch("/master-inbox/update-revenue").respond(
        json={"ok": False, "message": "Lead not found"}
    )
    with pytest.raises(Exception, match="Lead not found"):
        await client.inbox.set_revenue(42, 10)


async def test_an_action_is_not_sent_again_after_a_server_error(
    api: respx.MockRouter,
) -> None:
    route = api.post("/master-inbox/create-note").respond(503)
    async with open_client(max_retries=2) as retrying:
        with pytest.raises(ServerError):
            await retrying.inbox.create_note(42, "once")
    assert route.call_count == 1


#: (call, error, message) of action arguments refused before any request.
ACTION_ARGUMENT_ERRORS: list[tuple[Callable[[SmartleadClient], Any], type[Exception], str]] = [
    (lambda c: c.inbox.set_read_status(0, True), InvalidArgumentError,
     "email_lead_map_id must be >= 1"),
    (lambda c: c.inbox.set_read_status("42", True), InvalidArgumentTypeError,
     "email_lead_map_id must be an int"),
    (lambda c: c.inbox.set_read_status(42, "true"), InvalidArgumentTypeError,
     "read_status must be True or False"),
    (lambda c: c.inbox.set_category(42, 0), InvalidArgumentError, "category_id"),
    (lambda c: c.inbox.set_revenue(42, -1), InvalidArgumentError,
     "revenue must be a finite number >= 0"),
    (lambda c: c.inbox.set_revenue(42, float("nan")), InvalidArgumentError, "revenue"),
    (lambda c: c.inbox.set_revenue(42, "10"), InvalidArgumentTypeError,
     "revenue must be a number"),
    (lambda c: c.inbox.set_team_member(42, True), InvalidArgumentTypeError,
     "team_member_id must be an int"),
    (lambda c: c.inbox.create_note(42, " "), InvalidArgumentError,
     "note_message must be a non-empty string"),
    (lambda c: c.inbox.create_task(42, name="x", priority="URGENT"), InvalidArgumentError,
     "priority must be one of LOW, MEDIUM, HIGH"),
    (lambda c: c.inbox.create_task(42, name="x", due_date="tomorrow"),
     InvalidArgumentError, "due_date must be an ISO 8601 date"),
    (lambda c: c.inbox.set_reminder(42, email_stats_id="s", message="m",
                                    reminder_time=None), InvalidArgumentTypeError,
     "reminder_time must be a datetime"),
    (lambda c: c.inbox.resume_lead(42, campaign_id=7, resume_delay_days=-1),
     InvalidArgumentError, "resume_delay_days must be >= 0"),
    (lambda c: c.inbox.push_to_subsequence(42, sub_sequence_id=0), InvalidArgumentError,
     "sub_sequence_id must be >= 1"),
    (lambda c: c.inbox.block_domains([]), InvalidArgumentError,
     "domains must contain at least one string"),
    (lambda c: c.inbox.block_domains("spam.com"), InvalidArgumentTypeError,
     "domains must be a list"),
    (lambda c: c.inbox.block_domains(["spam.com"], source="spam"), InvalidArgumentError,
     "source must be one of manual, bounce, complaint, invalid"),
    (lambda c: c.inbox.get(-5), InvalidArgumentError, "email_lead_map_id must be >= 1"),
    (lambda c: c.inbox.reply_status(""), InvalidArgumentError,
     "message_id must be a non-empty string"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), VIEW_ARGUMENT_ERRORS + ACTION_ARGUMENT_ERRORS
)
async def test_arguments_are_checked_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Callable[[SmartleadClient], Any],
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error) as caught:
        await call(client)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


# -- one thread, reply status ---------------------------------------------------------------------


async def test_get_unwraps_the_thread_from_ok_and_data(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/master-inbox/2433664091").respond(json={"ok": True, "data": THREAD})
    thread = await client.inbox.get(2433664091)
    assert sent(route) == ("GET", "/master-inbox/2433664091", KEY, None)
    assert (thread.email_lead_map_id, thread.lead_email) == (2433664091, "sarah@startup.io")


async def test_get_of_an_empty_answer_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/master-inbox/7").respond(json={"ok": True, "data": {}})
    with pytest.raises(NotFoundError, match="inbox thread 7 not found"):
        await client.inbox.get(7)


async def test_reply_status_sends_the_message_id_and_decodes_the_status(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    message_id = "<4d9ff292-b7a4-45a1-80aa-e1ac2c925404-133jc7w@dealversego.co>"
    route = api.get("/master-inbox/reply-status").respond(json={"ok": True, "data": {
        "message_id": message_id, "status": "COMPLETED",
        "status_message": "Email sent successfully!", "event_time": "2026-03-12T11:29:05.173Z",
        "scheduled_time": None, "email_stats_id": "4d9ff292-b7a4-45a1-80aa-e1ac2c925404",
    }})  # fmt: skip
    status = await client.inbox.reply_status(message_id)
    assert sent(route) == ("GET", "/master-inbox/reply-status",
                           {**KEY, "message_id": message_id}, None)
    assert status.status == "COMPLETED"
    assert status.event_time == datetime(2026, 3, 12, 11, 29, 5, 173000, tzinfo=UTC)
    assert status.scheduled_time is None


# -- untracked replies ----------------------------------------------------------------------------


def _untracked(count: int) -> list[dict[str, Any]]:
    return [{"id": f"u{n}", "from_email": f"p{n}@x.io", "to_email": "sales@me.io",
             "subject": "Re: hi", "received_at": "2025-01-20T10:30:00Z"} for n in range(count)]


async def test_untracked_replies_are_read_through_three_envelopes_and_paged_by_short_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    replies = _untracked(130)

    def answer(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return httpx.Response(200, json={"ok": True, "data": {
            "success": True, "message": "ok",
            "data": {"replies": replies[offset : offset + limit]},
        }})  # fmt: skip

    route = api.get("/master-inbox/untracked-replies").mock(side_effect=answer)
    got = [reply async for reply in client.inbox.untracked_replies(
        from_email="p1@x.io", to_email="sales@me.io", subject_line="Re:", fetch_body=True,
        fetch_attachments=False, prefetch=1,
    )]  # fmt: skip
    assert [reply.id for reply in got] == [f"u{n}" for n in range(130)]
    assert got[0].received_at == datetime(2025, 1, 20, 10, 30, tzinfo=UTC)
    assert [query for _, _, query, _ in sent_requests(route)] == [
        {**KEY, "from_email": "p1@x.io", "to_email": "sales@me.io", "subject_line": "Re:",
         "fetchBody": "true", "fetchAttachments": "false", "offset": str(offset),
         "limit": "100"} for offset in (0, 100)
    ]  # fmt: skip


async def test_untracked_replies_accept_the_newer_docs_listing_key(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/master-inbox/untracked-replies").respond(
        json={"untracked_replies": _untracked(2), "total_count": 2}
    )
    page = await client.inbox.untracked_replies(page_size=5)
    assert [reply.id for reply in page.items] == ["u0", "u1"] and page.total == 2


@pytest.mark.parametrize("page_size", [0, 101])
async def test_untracked_replies_take_1_to_100_per_page(
    api: respx.MockRouter, client: SmartleadClient, page_size: int
) -> None:
    with pytest.raises(InvalidArgumentError, match="page_size must be between 1 and 100"):
        client.inbox.untracked_replies(page_size=page_size)
    assert api.calls.call_count == 0


# -- forward --------------------------------------------------------------------------------------


async def test_forward_posts_the_email_and_the_recipients_as_comma_separated_strings(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/12345/forward-email").respond(json={
        "ok": True, "messageId": "<generated-message-id@smartlead.ai>", "status": "success",
    })
    result = await client.campaigns.leads.forward(
        12345, message_id="msg-abc-123", stats_id="stats-abc-123",
        to_emails=["manager@company.com", "sales@company.com"],
        cc_emails="teamlead@company.com", forward_email_subject="FYI",
        forward_email_body="<p>Sharing this thread.</p>",
    )
    assert sent(route) == ("POST", "/campaigns/12345/forward-email", KEY, {
        "message_id": "msg-abc-123", "stats_id": "stats-abc-123",
        "to_emails": "manager@company.com,sales@company.com",
        "cc_emails": "teamlead@company.com", "forward_email_subject": "FYI",
        "forward_email_body": "<p>Sharing this thread.</p>",
    })  # fmt: skip
    assert isinstance(result, ForwardEmailResult)
    assert (result.ok, result.message_id, result.status) == (
        True, "<generated-message-id@smartlead.ai>", "success")


async def test_forward_is_never_sent_twice_after_a_timeout_or_server_error(
    api: respx.MockRouter,
) -> None:
    route = api.post("/campaigns/1/forward-email").respond(502)
    async with open_client(max_retries=3) as retrying:
        with pytest.raises(ServerError):
            await retrying.campaigns.leads.forward(1, message_id="m", stats_id="s",
                                                   to_emails="a@b.co")
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("to_emails", "error", "message"),
    [
        ("", InvalidArgumentError, "to_emails[0] must be a non-empty string"),
        (["manager"], InvalidArgumentError, "to_emails[0] must be an email address"),
        ("a@b.co, not-an-address", InvalidArgumentError, "to_emails[1] must be an email"),
        ([], InvalidArgumentError, "to_emails must contain at least one address"),
        (None, InvalidArgumentTypeError, "to_emails must be a list of email addresses"),
    ],
)
async def test_forward_checks_the_recipients_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, to_emails: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        await client.campaigns.leads.forward(1, message_id="m", stats_id="s",
                                             to_emails=to_emails)
    assert message in str(caught.value)
    assert api.calls.call_count == 0
