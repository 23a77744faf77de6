"""Raw ASGI 3 plumbing shared by the fake SmartLead and the webhook receiver.

Neither needs a web framework: both are plain ``async def app(scope, receive, send)``
callables, so Starlette, FastAPI or any ASGI server can mount them.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any

__all__ = [
    "ASGIApp",
    "BodyTooLargeError",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "join_chunks",
    "read_body",
    "serve_lifespan",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLargeError(Exception):
    """The request body is longer than the limit given to :func:`read_body`."""


async def read_body(receive: Receive, *, limit: int | None = None) -> bytes:
    """The whole request body; raises :class:`BodyTooLargeError` past ``limit`` bytes."""
    return await join_chunks(_body_chunks(receive), limit=limit)


async def join_chunks(chunks: AsyncIterable[bytes], *, limit: int | None = None) -> bytes:
    """Join a streamed body; stops reading (:class:`BodyTooLargeError`) past ``limit`` bytes,
    so an oversized body is never held whole."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if limit is not None and size > limit:
            raise BodyTooLargeError(f"body longer than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


async def _body_chunks(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        yield message.get("body", b"")
        if not message.get("more_body", False):
            return


async def serve_lifespan(receive: Receive, send: Send) -> None:
    """Answer an ASGI ``lifespan`` scope: nothing to start or stop."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
