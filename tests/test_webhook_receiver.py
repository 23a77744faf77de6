"""``WebhookReceiver``: verified, parsed, deduplicated deliveries reach the handler once.

The receiver is driven three ways: :meth:`process` (what a FastAPI route calls), as a raw ASGI
app through httpx's ASGI transport, and mounted in a Starlette app.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount, Route

from smartlead_async import InvalidArgumentError, InvalidArgumentTypeError
from smartlead_async.webhooks import (
    EmailReplyEvent,
    InMemoryDedupeStore,
    WebhookEvent,
    WebhookReceiver,
)

PAYLOADS = Path(__file__).parent / "webhook_payloads"
SECRET = "example-secret-123"  # what the documented examples echo
REPLY = (PAYLOADS / "email_reply.json").read_bytes()
OPEN = (PAYLOADS / "email_open.json").read_bytes()


class Recorder:
    """A handler that records the events it got (and can be told to fail or wait)."""

    def __init__(self) -> None:
        self.events: list[WebhookEvent] = []
        self.fail_next = False
        self.gate: anyio.Event | None = None
        self.entered = anyio.Event()

    async def __call__(self, event: WebhookEvent) -> None:
        self.entered.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("database down")
        self.events.append(event)


@pytest.fixture
def handler() -> Recorder:
    return Recorder()


@pytest.fixture
def receiver(handler: Recorder) -> WebhookReceiver:
    return WebhookReceiver(handler, secret=SECRET)


def body_of(result_body: bytes) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(result_body)
    return decoded


# -- process() --------------------------------------------------------------------------------


async def test_an_event_reaches_the_handler_typed_and_is_answered_200(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    result = await receiver.process(REPLY)
    assert (result.status_code, body_of(result.body)) == (200, {"ok": True})
    assert len(handler.events) == 1 and isinstance(handler.events[0], EmailReplyEvent)
    assert result.event == handler.events[0] and not result.duplicate


async def test_a_repeated_delivery_is_answered_200_without_calling_the_handler(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    await receiver.process(REPLY)
    again = await receiver.process(REPLY.replace(b'"webhook_id": 5021', b'"webhook_id": "5021"'))
    assert (again.status_code, again.duplicate) == (200, True)
    assert body_of(again.body) == {"ok": True, "duplicate": True}
    assert len(handler.events) == 1


async def test_different_events_each_reach_the_handler(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    for body in (REPLY, OPEN, REPLY, OPEN):
        await receiver.process(body)
    assert [type(e).__name__ for e in handler.events] == ["EmailReplyEvent", "EmailOpenEvent"]


async def test_a_repeat_arriving_while_the_first_is_handled_is_dropped_at_once(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    handler.gate = anyio.Event()
    results = []

    async def deliver() -> None:
        results.append(await receiver.process(REPLY))

    async with anyio.create_task_group() as tg:
        tg.start_soon(deliver)
        await handler.entered.wait()
        second = await receiver.process(REPLY)  # answered while the first still runs
        assert second.duplicate and not handler.events
        handler.gate.set()
    assert [r.status_code for r in results] == [200] and len(handler.events) == 1


async def test_a_failed_handler_answers_500_and_the_retry_is_handled(
    receiver: WebhookReceiver, handler: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    handler.fail_next = True
    failed = await receiver.process(REPLY)
    assert (failed.status_code, body_of(failed.body)) == (500, {"ok": False,
                                                                "error": "handler failed"})
    assert "the handler failed" in caplog.text
    retried = await receiver.process(REPLY)
    assert (retried.status_code, retried.duplicate) == (200, False)
    assert len(handler.events) == 1


async def test_a_cancelled_handler_releases_the_event_for_the_retry(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    handler.gate = anyio.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(receiver.process, REPLY)
        await handler.entered.wait()
        tg.cancel_scope.cancel()
    handler.gate = None
    retried = await receiver.process(REPLY)
    assert (retried.status_code, retried.duplicate, len(handler.events)) == (200, False, 1)


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"not json", 400, "webhook body is not JSON: Expecting value at character 0"),
        (b"[]", 400, "webhook body must be a JSON object, got an array"),
        (json.dumps({"secret_key": SECRET}).encode(), 400,
         "webhook payload has no event type (event_type or event)"),
        (REPLY.replace(SECRET.encode(), b"guessed-secret"), 401,
         "webhook secret_key does not match the secret"),
        (REPLY.replace(b'"secret_key": "example-secret-123",', b""), 401,
         "webhook payload has no secret_key"),
    ],
)
async def test_a_bad_payload_or_secret_is_refused_without_calling_the_handler(
    receiver: WebhookReceiver, handler: Recorder, body: bytes, status: int, error: str
) -> None:
    result = await receiver.process(body)
    assert (result.status_code, body_of(result.body)) == (status, {"ok": False, "error": error})
    assert result.event is None and handler.events == []


async def test_the_secret_never_appears_in_answers_reprs_or_logs(
    handler: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receiver = WebhookReceiver(handler, secret=SECRET)
    handler.fail_next = True
    answers = [await receiver.process(body) for body in (
        REPLY, REPLY, REPLY, REPLY.replace(SECRET.encode(), b"x" + SECRET.encode()), b"{",
    )]
    shown = " ".join([caplog.text, repr(receiver), *(repr(a) for a in answers),
                      *(a.body.decode() for a in answers)])
    assert [a.status_code for a in answers] == [500, 200, 200, 401, 400]
    assert SECRET not in shown


async def test_a_body_larger_than_the_limit_is_refused_unread(handler: Recorder) -> None:
    receiver = WebhookReceiver(handler, secret=SECRET, max_body_bytes=len(REPLY) - 1)
    chunks_read = 0

    async def stream() -> AsyncIterator[bytes]:
        nonlocal chunks_read
        for start in range(0, len(REPLY) * 10, 100):
            chunks_read += 1
            yield (REPLY * 10)[start : start + 100]

    assert (await receiver.process(REPLY)).status_code == 413
    streamed = await receiver.process(stream())
    assert (streamed.status_code, body_of(streamed.body)["error"]) == (
        413, f"body larger than {len(REPLY) - 1} bytes")
    assert chunks_read == len(REPLY) // 100 + 1 and handler.events == []


async def test_a_streamed_body_within_the_limit_is_handled(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    async def stream() -> AsyncIterator[bytes]:
        for start in range(0, len(REPLY), 7):
            yield REPLY[start : start + 7]

    assert (await receiver.process(stream())).status_code == 200
    assert len(handler.events) == 1


async def test_a_failing_dedupe_store_answers_500_without_calling_the_handler(
    handler: Recorder,
) -> None:
    class BrokenStore:
        async def claim(self, key: str) -> bool:
            raise ConnectionError("store unreachable")

        async def release(self, key: str) -> None:
            raise AssertionError("nothing was claimed")

    result = await WebhookReceiver(handler, dedupe=BrokenStore()).process(REPLY)
    assert (result.status_code, body_of(result.body)["error"]) == (500, "dedupe store failed")
    assert handler.events == []


async def test_any_store_with_async_claim_and_release_can_be_plugged_in(
    handler: Recorder,
) -> None:
    class SetStore:
        def __init__(self) -> None:
            self.keys: set[str] = set()

        async def claim(self, key: str) -> bool:
            fresh = key not in self.keys
            self.keys.add(key)
            return fresh

        async def release(self, key: str) -> None:
            self.keys.discard(key)

    store = SetStore()
    receiver = WebhookReceiver(handler, dedupe=store)
    for body in (REPLY, REPLY, OPEN):
        await receiver.process(body)
    assert len(handler.events) == 2 and len(store.keys) == 2
    assert receiver.dedupe is store


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"handler": "not callable"}, InvalidArgumentTypeError,
         "handler must be an async function, got str"),
        ({"dedupe": {}}, InvalidArgumentTypeError,
         "dedupe must be a DedupeStore (async claim and release), got dict"),
        ({"secret": ""}, InvalidArgumentError, "secret must be a non-empty string"),
        ({"secret": b"x"}, InvalidArgumentTypeError, "secret must be a str, got bytes"),
        ({"max_body_bytes": 0}, InvalidArgumentError, "max_body_bytes must be >= 1, got 0"),
    ],
)
def test_bad_receiver_arguments_are_refused(
    handler: Recorder, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    arguments: dict[str, Any] = {"handler": handler} | kwargs
    with pytest.raises(error) as caught:
        WebhookReceiver(arguments.pop("handler"), **arguments)
    assert str(caught.value) == message


# -- the ASGI app -----------------------------------------------------------------------------


def asgi_client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hooks")


async def test_as_an_asgi_app_it_answers_deliveries(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    async with asgi_client(receiver) as http:
        first = await http.post("/", content=REPLY, headers={"content-type": "application/json"})
        again = await http.post("/", content=REPLY)
        bad = await http.post("/", content=b"{")
    assert (first.status_code, first.json()) == (200, {"ok": True})
    assert first.headers["content-type"] == "application/json"
    assert (again.status_code, again.json()) == (200, {"ok": True, "duplicate": True})
    assert bad.status_code == 400 and len(handler.events) == 1


async def test_as_an_asgi_app_it_answers_405_to_other_methods(receiver: WebhookReceiver) -> None:
    async with asgi_client(receiver) as http:
        response = await http.get("/")
    assert (response.status_code, response.headers["allow"]) == (405, "POST")


async def test_as_an_asgi_app_it_refuses_a_declared_or_streamed_body_over_the_limit(
    handler: Recorder,
) -> None:
    receiver = WebhookReceiver(handler, max_body_bytes=100)

    async def stream() -> AsyncIterator[bytes]:
        yield REPLY[:60]
        yield REPLY[60:]

    async with asgi_client(receiver) as http:
        declared = await http.post("/", content=REPLY)
        streamed = await http.post("/", content=stream())  # chunked: no content-length
    assert (declared.status_code, streamed.status_code) == (413, 413)
    assert handler.events == []


async def test_as_an_asgi_app_it_answers_the_lifespan_protocol(
    receiver: WebhookReceiver,
) -> None:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    await receiver({"type": "lifespan"}, receive, send)
    assert [m["type"] for m in sent] == ["lifespan.startup.complete",
                                         "lifespan.shutdown.complete"]


async def test_routed_or_mounted_in_starlette_it_receives_deliveries(
    receiver: WebhookReceiver, handler: Recorder
) -> None:
    app = Starlette(routes=[
        Route("/hooks/smartlead", receiver, methods=["POST"]),
        Mount("/hooks/mounted", app=receiver),
    ])
    async with asgi_client(app) as http:
        routed = await http.post("/hooks/smartlead", content=OPEN)
        mounted = await http.post("/hooks/mounted/", content=REPLY)
    assert (routed.status_code, mounted.status_code) == (200, 200)
    assert len(handler.events) == 2


# -- the in-memory store ----------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_in_memory_store_forgets_the_oldest_keys_past_its_size() -> None:
    store = InMemoryDedupeStore(max_keys=3)
    assert [await store.claim(k) for k in "abcd"] == [True] * 4
    assert len(store) == 3
    assert [await store.claim(k) for k in "bcd"] == [False] * 3
    assert await store.claim("a")  # forgotten: claimed again


async def test_the_in_memory_store_forgets_keys_after_their_ttl() -> None:
    clock = Clock()
    store = InMemoryDedupeStore(ttl=60, clock=clock)
    assert await store.claim("a")
    clock.now += 30
    assert await store.claim("b") and not await store.claim("a")
    clock.now += 30  # a's 60 s are up, b has 30 s left
    assert await store.claim("a") and not await store.claim("b")
    assert len(store) == 2


async def test_a_released_key_can_be_claimed_again() -> None:
    store = InMemoryDedupeStore()
    await store.claim("a")
    await store.release("a")
    await store.release("never-claimed")
    assert await store.claim("a")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"max_keys": 0}, InvalidArgumentError, "max_keys must be >= 1, got 0"),
        ({"ttl": 0}, InvalidArgumentError, "ttl must be a finite number of seconds > 0, got 0"),
        ({"ttl": float("nan")}, InvalidArgumentError, "ttl must be a finite number"),
        ({"ttl": "60"}, InvalidArgumentTypeError, "ttl must be a number of seconds, got str"),
    ],
)
def test_bad_store_arguments_are_refused(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(")):
        InMemoryDedupeStore(**kwargs)
