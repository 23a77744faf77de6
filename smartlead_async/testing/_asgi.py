"""The fake as an ASGI 3 application (what ``fake.app`` is and ``fake.serve()`` runs).

Faults end with :class:`~._faults.ConnectionAbort`, which the socket server turns into a
closed connection. A streamed body (the CSV export) goes out chunk by chunk.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

import anyio

from .._asgi import ASGIApp, Receive, Scope, Send, read_body, serve_lifespan
from ._faults import ConnectionAbort
from ._http import Drop, Outcome, Request, Truncate

__all__ = ["ASGIApp", "Receive", "Scope", "Send", "run_asgi"]

Responder = Callable[[Request], Awaitable[Outcome]]


async def run_asgi(respond: Responder, scope: Scope, receive: Receive, send: Send) -> None:
    """Serve one ASGI connection scope with ``respond`` (the fake's request handling)."""
    if scope["type"] == "lifespan":
        await serve_lifespan(receive, send)
        return
    if scope["type"] != "http":
        raise RuntimeError(f"FakeSmartlead does not handle {scope['type']!r} scopes")
    body = await read_body(receive)
    request = Request(
        method=scope["method"].upper(),
        path=scope["path"],
        query=parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True),
        headers=list(scope.get("headers", [])),
        body=body,
        arrived=anyio.current_time(),
    )
    await _deliver(await respond(request), send)


async def _deliver(outcome: Outcome, send: Send) -> None:
    """Send an outcome; faults end with ``ConnectionAbort`` for the adapter."""
    if isinstance(outcome, Drop):
        raise ConnectionAbort()
    response = outcome.response if isinstance(outcome, Truncate) else outcome
    await send(
        {"type": "http.response.start", "status": response.status, "headers": response.headers}
    )
    if isinstance(outcome, Truncate):
        partial = b"".join(outcome.partial())
        await send({"type": "http.response.body", "body": partial, "more_body": True})
        raise ConnectionAbort(
            status=response.status,
            headers=response.headers,
            partial_body=partial,
            expected_length=response.length or 0,
        )
    if response.stream is None:
        await send({"type": "http.response.body", "body": response.body, "more_body": False})
        return
    for chunk in response.chunks():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
