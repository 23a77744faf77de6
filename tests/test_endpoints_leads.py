"""``client.campaigns.leads`` (writes, history, reply, CSV export) and ``client.leads``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import aclosing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx

from smartlead_async import (
    AddLeadsResult,
    APIConnectionError,
    BadRequestError,
    CampaignStatus,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    LeadInput,
    NotFoundError,
    ServerError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, open_client, sent, sent_requests

api, client = endpoint_fixtures()


# -- add ------------------------------------------------------------------------------------


def _added(request: httpx.Request) -> httpx.Response:
    """An add_leads_response for a batch: every count depends on the batch size."""
    n = len(json.loads(request.content)["lead_list"])
    return httpx.Response(200, json={
        "ok": True, "upload_count": n - 4, "total_leads": n, "already_added_to_campaign": "1",
        "duplicate_count": 1, "invalid_email_count": 1, "unsubscribed_leads": 1,
    })


async def test_add_posts_the_leads_and_settings_and_returns_the_counts(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/42/leads").mock(side_effect=_added)
    result = await client.campaigns.leads.add(
        42,
        [LeadInput(email="cristiano@mufc.com", first_name="Cristiano", phone_number="0239392029",
                   custom_fields={"Title": "Regional Manager"}),
         {"email": "leo@psg.fr", "company_name": "PSG", "website": None}],
        ignore_global_block_list=True, ignore_duplicate_leads_in_other_campaign=False,
    )
    assert sent(route) == ("POST", "/campaigns/42/leads", KEY, {
        "lead_list": [
            {"email": "cristiano@mufc.com", "first_name": "Cristiano",
             "phone_number": "0239392029", "custom_fields": {"Title": "Regional Manager"}},
            {"email": "leo@psg.fr", "company_name": "PSG"},
        ],
        "settings": {"ignore_global_block_list": True,
                     "ignore_duplicate_leads_in_other_campaign": False},
    })
    assert (result.upload_count, result.total_leads, result.already_added_to_campaign) == (
        -2, 2, 1)
    assert result.requests == 1


async def test_adding_1050_leads_makes_11_requests_and_sums_every_count(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/42/leads").mock(side_effect=_added)
    leads = [{"email": f"lead{i}@example.com"} for i in range(1050)]
    result = await client.campaigns.leads.add(42, leads)
    batches = [body["lead_list"] for _, _, _, body in sent_requests(route)]
    assert [len(batch) for batch in batches] == [100] * 10 + [50]
    assert [lead["email"] for batch in batches for lead in batch] == [
        lead["email"] for lead in leads
    ]
    assert "settings" not in sent_requests(route)[0][3]
    assert result == AddLeadsResult(
        upload_count=1050 - 4 * 11, total_leads=1050, already_added_to_campaign=11,
        duplicate_count=11, invalid_email_count=11, unsubscribed_leads=11, requests=11,
        responses=result.responses,
    )
    assert len(result.responses) == 11


async def test_adding_no_leads_sends_nothing(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    result = await client.campaigns.leads.add(42, [])
    assert result.requests == 0
    assert api.calls.call_count == 0


@pytest.mark.parametrize(
    ("leads", "error", "message"),
    [
        ([{"email": "ok@x.io"}, {"first_name": "No email"}], InvalidArgumentTypeError,
         "leads[1]['email'] must be a str, got NoneType"),
        ([{"email": "  "}], InvalidArgumentError, "leads[0]['email'] must be a non-empty string"),
        (["a@x.io"], InvalidArgumentTypeError, "leads[0] must be a LeadInput or a dict, got str"),
        ({"email": "a@x.io"}, InvalidArgumentTypeError, "leads must be a list of LeadInput"),
    ],
)
async def test_add_checks_every_lead_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, leads: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        await client.campaigns.leads.add(42, leads)
    assert message in str(caught.value)
    assert api.calls.call_count == 0


async def test_a_failing_batch_says_how_many_leads_earlier_batches_sent(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/campaigns/42/leads").mock(side_effect=[
        _added_response(100), httpx.Response(400, json={"error": "Invalid lead"}),
    ])
    with pytest.raises(BadRequestError) as caught:
        await client.campaigns.leads.add(42, [{"email": f"{i}@x.io"} for i in range(250)])
    assert "leads[0:100] were sent by earlier requests; leads[100:] were not added" in str(
        caught.value)


def _added_response(n: int) -> httpx.Response:
    return httpx.Response(200, json={"ok": True, "upload_count": n, "total_leads": n})


def test_lead_input_requires_an_email() -> None:
    with pytest.raises(InvalidArgumentError, match=r"LeadInput\.email must be a non-empty"):
        LeadInput(email="")


# -- one lead -------------------------------------------------------------------------------


async def test_resume_sends_the_delay(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/campaigns/1/leads/2/resume").respond(json={"ok": True, "data": "success"})
    result = await client.campaigns.leads.resume(1, 2, resume_lead_with_delay_days=10)
    assert sent(route) == ("POST", "/campaigns/1/leads/2/resume", KEY,
                           {"resume_lead_with_delay_days": 10})
    assert result.data == "success"


async def test_resume_without_a_delay_sends_null(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/1/leads/2/resume").respond(json={"ok": True})
    await client.campaigns.leads.resume(1, 2)
    assert sent(route)[3] == {"resume_lead_with_delay_days": None}


async def test_pause_posts_with_no_body(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/campaigns/1/leads/2/pause").respond(json={"ok": True, "data": "success"})
    result = await client.campaigns.leads.pause(1, 2)
    assert sent(route) == ("POST", "/campaigns/1/leads/2/pause", KEY, None)
    assert result.ok is True


@pytest.mark.parametrize(
    "response",
    [httpx.Response(200, json={"ok": True}), httpx.Response(200, text="success"),
     httpx.Response(200)],
)
async def test_delete_accepts_json_plain_text_success_or_an_empty_body(
    api: respx.MockRouter, client: SmartleadClient, response: httpx.Response
) -> None:
    route = api.delete("/campaigns/1/leads/2").mock(return_value=response)
    result = await client.campaigns.leads.delete(1, 2)
    assert sent(route) == ("DELETE", "/campaigns/1/leads/2", KEY, None)
    assert result.ok is True


async def test_delete_keeps_the_plain_text_as_the_message(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.delete("/campaigns/1/leads/2").respond(text="success")
    assert (await client.campaigns.leads.delete(1, 2)).message == "success"


async def test_unsubscribe_from_one_campaign(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/1/leads/2/unsubscribe").respond(json={"ok": True})
    assert (await client.campaigns.leads.unsubscribe(1, 2)).ok is True
    assert sent(route) == ("POST", "/campaigns/1/leads/2/unsubscribe", KEY, None)


async def test_update_posts_the_lead(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/campaigns/1/leads/2").respond(json={"ok": True})
    await client.campaigns.leads.update(
        1, 2, LeadInput(email="cristiano@mufc.com", last_name="Ronaldo", company_url="mufc.com")
    )
    assert sent(route) == ("POST", "/campaigns/1/leads/2", KEY, {
        "email": "cristiano@mufc.com", "last_name": "Ronaldo", "company_url": "mufc.com",
    })


@pytest.mark.parametrize(
    ("kwargs", "body"),
    [({}, {"category_id": 143}), ({"pause_lead": True}, {"category_id": 143, "pause_lead": True})],
)
async def test_set_category_sends_the_category_and_pause_lead_only_when_given(
    api: respx.MockRouter, client: SmartleadClient, kwargs: dict[str, Any],
    body: dict[str, Any],
) -> None:
    route = api.post("/campaigns/1/leads/2/category").respond(json={"ok": True})
    await client.campaigns.leads.set_category(1, 2, 143, **kwargs)
    assert sent(route) == ("POST", "/campaigns/1/leads/2/category", KEY, body)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.campaigns.leads.pause(0, 2), "campaign_id must be >= 1, got 0"),
        (lambda c: c.campaigns.leads.delete(1, -2), "lead_id must be >= 1, got -2"),
        (lambda c: c.campaigns.leads.set_category(1, 2, 0), "category_id must be >= 1, got 0"),
        (lambda c: c.campaigns.leads.resume(1, 2, resume_lead_with_delay_days=-1),
         "resume_lead_with_delay_days must be >= 0, got -1"),
    ],
)
async def test_lead_ids_are_checked_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        await call(client)
    assert api.calls.call_count == 0


HISTORY = {
    "history": [
        {"type": "SENT", "message_id": "<sw-1@mail>", "stats_id": "iuh2o3-edw",
         "time": "2023-03-13T07:44:12.978Z", "email_body": "<div>Hi</div>",
         "subject": "Quick question"},
        {"type": "REPLY", "message_id": "<sw-2@mail>", "stats_id": "iuh2o3-edw",
         "time": "2023-03-15T09:13:29.000Z", "email_body": "<p>Fine</p>"},
    ],
    "from": "j_s@smartlead-outbound.com",
    "to": "ronaldo.christiano@siu.io",
}


async def test_message_history_decodes_the_thread(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/1/leads/2/message-history").respond(json=HISTORY)
    history = await client.campaigns.leads.message_history(1, 2)
    assert sent(route) == ("GET", "/campaigns/1/leads/2/message-history", KEY, None)
    assert history.from_email == "j_s@smartlead-outbound.com"
    assert history.to_email == "ronaldo.christiano@siu.io"
    assert [m.type for m in history.history] == ["SENT", "REPLY"]
    assert history.history[1].time == datetime(2023, 3, 15, 9, 13, 29, tzinfo=UTC)


async def test_message_history_accepts_a_bare_array(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/1/leads/2/message-history").respond(json=HISTORY["history"])
    history = await client.campaigns.leads.message_history(1, 2)
    assert len(history.history) == 2


async def test_reply_posts_the_master_inbox_reply(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/1/reply-email-thread").respond(
        text="Email added to the queue, will be sent out soon!"
    )
    result = await client.campaigns.leads.reply(
        1, email_stats_id="a739fed0", email_body="Hey!", reply_message_id="<CAAf@mail>",
        reply_email_time=datetime(2023, 6, 19, 8, 10, 35, tzinfo=UTC),
        reply_email_body="<p>Hi</p>", cc="m@x.io", add_signature=True,
    )
    assert sent(route) == ("POST", "/campaigns/1/reply-email-thread", KEY, {
        "email_stats_id": "a739fed0", "email_body": "Hey!", "reply_message_id": "<CAAf@mail>",
        "reply_email_time": "2023-06-19T08:10:35.000Z", "reply_email_body": "<p>Hi</p>",
        "cc": "m@x.io", "add_signature": True,
    })
    assert result.ok is True
    assert result.message == "Email added to the queue, will be sent out soon!"


async def test_reply_rejects_an_empty_body_before_any_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    with pytest.raises(InvalidArgumentError, match="email_body must be a non-empty string"):
        await client.campaigns.leads.reply(
            1, email_stats_id="s", email_body=" ", reply_message_id="m",
            reply_email_time="2023-06-19T08:10:35Z", reply_email_body="",
        )
    assert api.calls.call_count == 0


# -- CSV export -----------------------------------------------------------------------------

HEADER = b"id,campaign_lead_map_id,status,email,custom_fields,is_unsubscribed\n"


async def test_export_csv_yields_rows_before_the_body_ends(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    first_row_seen = anyio.Event()

    async def body() -> AsyncIterator[bytes]:
        yield HEADER + b"1,23,INPROGRESS,a@x.io,{},false\n"
        with anyio.fail_after(5):  # the rest only comes once the first row was consumed
            await first_row_seen.wait()
        yield b"2,24,COMPLETED,b@x.io,{},true\n"

    route = api.get("/campaigns/7/leads-export").mock(
        side_effect=lambda request: httpx.Response(200, content=body())
    )
    rows = []
    async with aclosing(client.campaigns.leads.export_csv(7)) as stream:
        async for row in stream:
            rows.append(row)
            first_row_seen.set()
    assert sent(route) == ("GET", "/campaigns/7/leads-export", KEY, None)
    assert [row["email"] for row in rows] == ["a@x.io", "b@x.io"]
    assert rows[1] == {"id": "2", "campaign_lead_map_id": "24", "status": "COMPLETED",
                       "email": "b@x.io", "custom_fields": "{}", "is_unsubscribed": "true"}


class _EndlessBody(httpx.AsyncByteStream):
    """A response body that never ends by itself and records being closed."""

    def __init__(self) -> None:
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield HEADER + b"1,23,INPROGRESS,a@x.io,{},false\n"
        await anyio.sleep_forever()

    async def aclose(self) -> None:
        self.closed = True


async def test_stopping_an_export_early_closes_the_download(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    body = _EndlessBody()
    api.get("/campaigns/7/leads-export").mock(return_value=httpx.Response(200, stream=body))
    with anyio.fail_after(10):  # a hang guard: the body never ends by itself
        async with aclosing(client.campaigns.leads.export_csv(7)) as stream:
            async for _ in stream:
                break
    assert body.closed


async def test_export_csv_reassembles_rows_split_across_chunks_and_quoted_newlines(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    content = (
        "\ufeffid,email,custom_fields\r\n"
        '1,a@x.io,"{""Title"": ""Head of\nSales""}"\r\n'
        "\r\n"
        "2,b@x.io,{}"
    ).encode()

    async def body() -> AsyncIterator[bytes]:
        for i in range(0, len(content), 7):  # cuts through quotes, newlines and the BOM
            yield content[i:i + 7]

    api.get("/campaigns/7/leads-export").mock(
        side_effect=lambda request: httpx.Response(200, content=body())
    )
    rows = [row async for row in client.campaigns.leads.export_csv(7)]
    assert rows == [
        {"id": "1", "email": "a@x.io", "custom_fields": '{"Title": "Head of\nSales"}'},
        {"id": "2", "email": "b@x.io", "custom_fields": "{}"},
    ]


async def test_export_csv_retries_a_server_error_before_the_body_starts(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/7/leads-export").mock(side_effect=[
        httpx.Response(503, text="busy"), httpx.Response(200, content=HEADER),
    ])
    async with open_client(max_retries=2) as client:
        rows = [row async for row in client.campaigns.leads.export_csv(7)]
    assert rows == []
    assert route.call_count == 2


async def test_export_csv_raises_the_mapped_error_after_retries(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/7/leads-export").respond(500, json={"error": "export failed"})
    with pytest.raises(ServerError, match="export failed"):
        async for _ in client.campaigns.leads.export_csv(7):
            pass


async def test_export_csv_to_writes_10000_rows_to_a_file(
    api: respx.MockRouter, client: SmartleadClient, tmp_path: Path
) -> None:
    lines = [HEADER] + [
        f'{i},{i + 100},COMPLETED,lead{i}@x.io,"{{""n"": {i}}}",false\n'.encode()
        for i in range(10_000)
    ]
    content = b"".join(lines)

    async def body() -> AsyncIterator[bytes]:
        for i in range(0, len(content), 16_384):
            yield content[i:i + 16_384]

    api.get("/campaigns/7/leads-export").mock(
        side_effect=lambda request: httpx.Response(200, content=body())
    )
    target = tmp_path / "leads.csv"
    count = await client.campaigns.leads.export_csv_to(7, target)
    assert count == 10_000
    assert await anyio.Path(target).read_bytes() == content
    assert not await anyio.Path(tmp_path / "leads.csv.part").exists()


async def test_export_csv_to_leaves_no_file_when_the_body_breaks(
    api: respx.MockRouter, client: SmartleadClient, tmp_path: Path
) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield HEADER
        raise httpx.ReadError("connection reset")

    api.get("/campaigns/7/leads-export").mock(
        side_effect=lambda request: httpx.Response(200, content=body())
    )
    target = tmp_path / "leads.csv"
    with pytest.raises(APIConnectionError, match="connection reset"):
        await client.campaigns.leads.export_csv_to(7, target)
    assert [path async for path in anyio.Path(tmp_path).iterdir()] == []


# -- client.leads ---------------------------------------------------------------------------

LEAD = {
    "id": "627657", "first_name": "Ramesh", "email": "m.ramesh@example.com",
    "created_at": "2022-08-29T06:15:31.513Z", "phone_number": 9042859097,
    "custom_fields": {}, "is_unsubscribed": "false",
}


async def test_get_by_email_queries_the_address(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/").respond(json=LEAD)
    lead = await client.leads.get_by_email("m.ramesh@example.com")
    assert sent(route) == ("GET", "/leads/", {"email": "m.ramesh@example.com", **KEY}, None)
    assert lead.id == 627657
    assert lead.phone_number == "9042859097"
    assert lead.is_unsubscribed is False
    assert lead.created_at == datetime(2022, 8, 29, 6, 15, 31, 513000, tzinfo=UTC)


async def test_get_by_email_unwraps_a_one_element_array(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/leads/").respond(json=[LEAD])
    assert (await client.leads.get_by_email("m.ramesh@example.com")).id == 627657


@pytest.mark.parametrize("response", [httpx.Response(200, json={}), httpx.Response(200)])
async def test_get_by_email_answered_200_with_nothing_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient, response: httpx.Response
) -> None:
    api.get("/leads/").mock(return_value=response)
    with pytest.raises(NotFoundError, match=r"lead 'nobody@x\.io' not found") as caught:
        await client.leads.get_by_email("nobody@x.io")
    assert caught.value.status_code == 404


async def test_categories_lists_the_lead_categories(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/leads/fetch-categories").respond(json=[
        {"id": 1, "created_at": "2022-08-30T12:32:48.645Z", "name": "Interested"},
        {"id": 6, "created_at": "2022-08-30T12:33:22.323Z", "name": "Out Of Office"},
    ])
    categories = await client.leads.categories()
    assert sent(route) == ("GET", "/leads/fetch-categories", KEY, None)
    assert [(c.id, c.name) for c in categories] == [(1, "Interested"), (6, "Out Of Office")]


async def test_campaigns_of_a_lead(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.get("/leads/627657/campaigns").respond(json=[
        {"id": 2911, "status": "COMPLETED", "name": "SL - High Intent"},
        {"id": 5055, "status": "DRAFTED", "name": ""},
    ])
    campaigns = await client.leads.campaigns(627657)
    assert sent(route) == ("GET", "/leads/627657/campaigns", KEY, None)
    assert [(c.id, c.status) for c in campaigns] == [
        (2911, CampaignStatus.COMPLETED), (5055, CampaignStatus.DRAFTED)
    ]


async def test_unsubscribe_everywhere(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.post("/leads/627657/unsubscribe").respond(json={"ok": True})
    assert (await client.leads.unsubscribe_everywhere(627657)).ok is True
    assert sent(route) == ("POST", "/leads/627657/unsubscribe", KEY, None)


async def test_unsubscribe_everywhere_of_an_unknown_lead_raises_not_found(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/leads/9/unsubscribe").respond(
        404, json={"error": "Lead not found - Invalid lead_id."}
    )
    with pytest.raises(NotFoundError, match="Lead not found"):
        await client.leads.unsubscribe_everywhere(9)


async def test_block_adds_emails_and_domains_to_the_global_block_list(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/leads/add-domain-block-list").respond(
        json={"uploadCount": 2, "totalDomainAdded": 1}
    )
    result = await client.leads.block(["ramesh+1001@five.com.au", "apple.com"], client_id=3)
    assert sent(route) == ("POST", "/leads/add-domain-block-list", KEY, {
        "domain_block_list": ["ramesh+1001@five.com.au", "apple.com"], "client_id": 3,
    })
    assert (result.upload_count, result.total_domain_added) == (2, 1)


@pytest.mark.parametrize(
    ("entries", "error", "message"),
    [
        ("apple.com", InvalidArgumentTypeError, "domain_block_list must be a list"),
        ([], InvalidArgumentError, "domain_block_list must contain at least one string"),
        (["apple.com", ""], InvalidArgumentError, "domain_block_list[1] must be a non-empty"),
    ],
)
async def test_block_rejects_bad_entries_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, entries: Any, error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        await client.leads.block(entries)
    assert message in str(caught.value)
    assert api.calls.call_count == 0
