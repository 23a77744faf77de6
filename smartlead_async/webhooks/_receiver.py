"""``WebhookReceiver``: an ASGI app (and a route helper) that turns deliveries into handler calls.

No web framework is needed: the receiver is a raw ASGI 3 app that Starlette or FastAPI can
mount, and :meth:`WebhookReceiver.process` serves a route that already has the body.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterable, Awaitable, Callable
from typing import Any, ClassVar

import anyio
import attrs

from .._args import int_in_range, text
from .._asgi import (
    BodyTooLargeError,
    Receive,
    Scope,
    Send,
    join_chunks,
    read_body,
    serve_lifespan,
)
from .._exceptions import (
    InvalidArgumentTypeError,
    WebhookAuthenticationError,
    WebhookPayloadError,
)
from ._dedupe import DedupeStore, InMemoryDedupeStore
from ._events import WebhookEvent
from ._parse import parse_event

__all__ = ["WebhookHandler", "WebhookReceiver", "WebhookResponse"]

log = logging.getLogger("smartlead_async.webhooks")

WebhookHandler = Callable[[WebhookEvent], Awaitable[object]]

#: Bodies SmartLead sends are a few KB (a category update carries the thread); 1 MiB is ample.
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
_JSON = (b"content-type", b"application/json")


@attrs.frozen(kw_only=True)
class WebhookResponse:
    """What the receiver answers to one delivery.

    Attributes:
        status_code: 200 (handled, or a repeat dropped), 400 (not an event), 401 (wrong or
            missing secret), 405 (not a POST), 413 (body too large), 500 (the handler or the
            dedupe store failed: SmartLead will deliver it again).
        body: the JSON body to send.
        event: the parsed event (None when the body was refused).
        duplicate: the event was handled before, so the handler was not called.
    """

    status_code: int
    body: bytes
    event: WebhookEvent | None = None
    duplicate: bool = False

    media_type: ClassVar[str] = "application/json"


def _response(status: int, event: WebhookEvent | None = None, *, error: str | None = None,
              duplicate: bool = False) -> WebhookResponse:
    content: dict[str, Any] = {"ok": error is None}
    if error is not None:
        content["error"] = error
    if duplicate:
        content["duplicate"] = True
    body = json.dumps(content).encode()
    return WebhookResponse(status_code=status, body=body, event=event, duplicate=duplicate)


class WebhookReceiver:
    """Receives SmartLead webhooks: verifies, parses, drops repeats, calls ``handler`` once.

    It is an ASGI app: route to it in Starlette (``Route("/hooks/smartlead", receiver,
    methods=["POST"])``; a ``Mount`` answers its bare path with a redirect, which webhook
    senders may not follow, so register the URL with the trailing slash), or call
    :meth:`process` from a FastAPI route.

    The handler runs *before* the answer is sent, and a delivery is acknowledged (200) only
    once the handler returned. SmartLead retries a delivery that failed, so a handler error,
    a crash or a restart mid-way costs a retry, never an event: acknowledging first would need
    a durable queue to be safe, and an in-process background task is not one. It also gives
    backpressure: a slow handler slows the deliveries instead of piling up tasks. Keep the
    handler quick (hand long work to your own job queue) so that the answer stays fast.

    Repeats are found by :attr:`~WebhookEventBase.idempotency_key` in ``dedupe``: a key is
    claimed before the handler runs (so a repeat arriving meanwhile is dropped) and released
    if the handler fails (so SmartLead's retry is handled).

    Args:
        handler: ``async def handler(event: WebhookEvent) -> None``.
        secret: the webhook's secret: payloads whose ``secret_key`` differs get a 401 and the
            handler is not called. ``None`` accepts any payload (not recommended).
        dedupe: where handled keys are remembered; an :class:`InMemoryDedupeStore` (one per
            receiver) by default. Pass a shared store when several processes receive.
        max_body_bytes: longer bodies get a 413 without being read whole.
    """

    def __init__(
        self,
        handler: WebhookHandler,
        *,
        secret: str | None = None,
        dedupe: DedupeStore | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        if not callable(handler):
            raise InvalidArgumentTypeError(
                f"handler must be an async function, got {type(handler).__name__}"
            )
        if dedupe is not None and not isinstance(dedupe, DedupeStore):
            raise InvalidArgumentTypeError(
                f"dedupe must be a DedupeStore (async claim and release), "
                f"got {type(dedupe).__name__}"
            )
        self._handler = handler
        self._secret = None if secret is None else text("secret", secret)
        self.dedupe: DedupeStore = InMemoryDedupeStore() if dedupe is None else dedupe
        self.max_body_bytes = int_in_range("max_body_bytes", max_body_bytes, minimum=1)

    def __repr__(self) -> str:
        verified = "set" if self._secret is not None else "none"
        return f"WebhookReceiver(secret={verified}, dedupe={self.dedupe!r})"

    async def process(self, body: bytes | str | AsyncIterable[bytes]) -> WebhookResponse:
        """Handle one delivery whose body a route already has (or streams).

        In FastAPI::

            @app.post("/hooks/smartlead")
            async def smartlead_hook(request: Request) -> Response:
                result = await receiver.process(request.stream())
                return Response(result.body, result.status_code, media_type=result.media_type)

        Args:
            body: the request body, or its chunks (read up to ``max_body_bytes``).
        """
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogatepass")
        try:
            if isinstance(body, bytes | bytearray):
                self._check_length(len(body))
            else:
                body = await join_chunks(body, limit=self.max_body_bytes)
        except BodyTooLargeError:
            return self._too_large()
        return await self._handle(bytes(body))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI 3 application: POST deliveries; lifespan scopes are answered."""
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"WebhookReceiver serves http scopes, not {scope['type']!r}")
        if scope["method"] != "POST":
            result = _response(405, error="webhooks are delivered with POST")
            await _send(send, result, extra=[(b"allow", b"POST")])
            return
        try:
            self._check_length(_content_length(scope))  # refused before reading, if declared
            body = await read_body(receive, limit=self.max_body_bytes)
        except BodyTooLargeError:
            result = self._too_large()
        else:
            result = await self._handle(body)
        await _send(send, result)

    def _check_length(self, length: int) -> None:
        if length > self.max_body_bytes:
            raise BodyTooLargeError(f"body longer than {self.max_body_bytes} bytes")

    def _too_large(self) -> WebhookResponse:
        log.warning("webhook refused: body larger than %d bytes", self.max_body_bytes)
        return _response(413, error=f"body larger than {self.max_body_bytes} bytes")

    async def _handle(self, body: bytes) -> WebhookResponse:
        try:
            event = parse_event(body, secret=self._secret)
        except WebhookAuthenticationError as exc:
            log.warning("webhook refused (401): %s", exc)
            return _response(401, error=str(exc))
        except WebhookPayloadError as exc:
            log.warning("webhook refused (400): %s", exc)
            return _response(400, error=str(exc))
        key = event.idempotency_key
        try:
            first = await self.dedupe.claim(key)
        except Exception:
            log.exception("webhook %s not handled: the dedupe store failed", key)
            return _response(500, event, error="dedupe store failed")
        if not first:
            log.debug("webhook %s dropped: already handled", key)
            return _response(200, event, duplicate=True)
        try:
            await self._handler(event)
        except BaseException as exc:
            with anyio.CancelScope(shield=True):
                await self._release(key)
            if not isinstance(exc, Exception):
                raise  # cancelled: the server is going away, SmartLead will retry
            log.exception("webhook %s: the handler failed", key)
            return _response(500, event, error="handler failed")
        log.debug("webhook %s handled", key)
        return _response(200, event)

    async def _release(self, key: str) -> None:
        try:
            await self.dedupe.release(key)
        except Exception:
            log.exception("webhook %s: the dedupe store could not release it", key)


def _content_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


async def _send(
    send: Send, result: WebhookResponse, *, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    headers = [_JSON, (b"content-length", str(len(result.body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": result.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": result.body})
