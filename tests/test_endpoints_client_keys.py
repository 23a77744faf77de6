"""``client.clients.api_keys`` over respx; their answers carry live keys, which must never show
in a repr, a log record or an exception."""

from __future__ import annotations

import logging
import traceback
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    ApiKeyStatus,
    APIResponseError,
    APIStatusError,
    InvalidArgumentError,
    SmartleadClient,
)

from ._endpoints import KEY, endpoint_fixtures, open_client, sent

api, client = endpoint_fixtures()

PLANTED = "cak-PLANTED-5e1f0d7c-client-key"
KEY_ROW = {"id": 7707, "client_id": 293, "key_name": "prod key", "api_key": PLANTED,
           "status": "active", "created_at": "2025-11-03T10:00:00.000Z", "last_used_at": None}


def rendered(error: BaseException) -> str:
    """All a user could print about an error: its text, repr, body and traceback."""
    return "\n".join([str(error), repr(error), repr(getattr(error, "body", None)),
                      "".join(traceback.format_exception(error))])


async def test_list_sends_the_camel_case_filters_and_reads_the_message_data_envelope(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/client/api-key").respond(
        json={"message": "API keys fetched", "data": [KEY_ROW]})
    (key,) = await client.clients.api_keys.list(
        client_id=293, status=ApiKeyStatus.ACTIVE, key_name="prod")
    assert sent(route) == ("GET", "/client/api-key", {
        "clientId": "293", "status": "active", "keyName": "prod", **KEY,
    }, None)
    assert (key.id, key.client_id, key.key_name, key.status) == (
        7707, 293, "prod key", ApiKeyStatus.ACTIVE)
    assert key.api_key == PLANTED
    assert key.extra == {"last_used_at": None}


async def test_create_posts_camel_case_and_returns_the_new_key(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/client/api-key").respond(json={"message": "created", "data": KEY_ROW})
    key = await client.clients.api_keys.create(client_id=293, key_name="prod key")
    assert sent(route) == ("POST", "/client/api-key", KEY, {"clientId": 293, "keyName": "prod key"})
    assert (key.id, key.api_key) == (7707, PLANTED)


async def test_create_reads_a_camel_case_answer_too(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/client/api-key").respond(json={"ok": True, "data": {
        "id": 7708, "clientId": 293, "keyName": "ci", "apiKey": PLANTED}})
    key = await client.clients.api_keys.create(client_id=293, key_name="ci")
    assert (key.client_id, key.key_name, key.api_key) == (293, "ci", PLANTED)


async def test_reset_puts_to_the_reset_route_and_returns_the_new_key(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.put("/client/api-key/reset/7707").respond(json={"message": "reset",
                                                                "data": KEY_ROW})
    key = await client.clients.api_keys.reset(7707)
    assert sent(route) == ("PUT", "/client/api-key/reset/7707", KEY, None)
    assert key.api_key == PLANTED


async def test_delete_calls_the_key_route(api: respx.MockRouter, client: SmartleadClient) -> None:
    route = api.delete("/client/api-key/7707").respond(json={"ok": True})
    assert (await client.clients.api_keys.delete(7707)).ok is True
    assert sent(route) == ("DELETE", "/client/api-key/7707", KEY, None)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.clients.api_keys.create(client_id=293, key_name="prod/key!"),
         "key_name must be letters, digits, spaces"),
        (lambda c: c.clients.api_keys.create(client_id=0, key_name="ok"), "client_id must be"),
        (lambda c: c.clients.api_keys.list(status="revoked"),
         "status must be one of active, inactive"),
        (lambda c: c.clients.api_keys.reset(-1), "key_id must be >= 1"),
        (lambda c: c.clients.api_keys.delete(0), "key_id must be >= 1"),
    ],
)
async def test_bad_arguments_are_refused_before_any_request(
    api: respx.MockRouter, client: SmartleadClient, call: Any, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        await call(client)
    assert api.calls.call_count == 0


# -- the planted key never shows ------------------------------------------------------------


async def test_a_planted_key_is_in_no_repr_and_no_log_record(
    api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.get("/client/api-key").respond(json={"message": "ok", "data": [KEY_ROW, KEY_ROW]})
    api.post("/client/api-key").respond(json={"message": "ok", "data": KEY_ROW})
    api.put("/client/api-key/reset/7707").mock(side_effect=[
        httpx.Response(503), httpx.Response(200, json={"message": "ok", "data": KEY_ROW}),
    ])
    async with open_client(max_retries=0) as plain:
        keys = await plain.clients.api_keys.list()
        created = await plain.clients.api_keys.create(client_id=293, key_name="prod")
        raw = await plain.with_raw_response.clients.api_keys.list()
        with pytest.raises(APIStatusError) as failed:  # PUT is not retried on a 503
            await plain.clients.api_keys.reset(7707)
        reset = await plain.clients.api_keys.reset(7707)
    shown = [repr(keys), str(keys), repr(created), str(created), repr(reset),
             repr(raw.parsed), rendered(failed.value), caplog.text,
             "\n".join(record.getMessage() for record in caplog.records)]
    assert all(PLANTED not in text for text in shown)
    assert "prod key" in repr(keys[0])  # the rest of the record is shown


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, {"message": "created", "data": {"api_key": PLANTED, "key_name": "prod"}}),  # no id
        (200, {"ok": False, "message": "limit reached", "data": {"api_key": PLANTED}}),
        (400, {"error": "duplicate key", "existing": {"apiKey": PLANTED}}),
    ],
    ids=["answer without an id", "ok false", "error status"],
)
async def test_a_planted_key_in_a_failed_answer_stays_out_of_the_exception(
    api: respx.MockRouter, client: SmartleadClient, status: int, body: dict[str, Any]
) -> None:
    api.post("/client/api-key").respond(status, json=body)
    with pytest.raises((APIResponseError, APIStatusError)) as raised:
        await client.clients.api_keys.create(client_id=293, key_name="prod")
    assert PLANTED not in rendered(raised.value)
