"""A webhook receiver for tests: an ASGI app on a loopback port that records every POST."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio

from smartlead_async._asgi import Receive, Scope, Send, read_body
from smartlead_async.testing._server import serve_app
from smartlead_async.webhooks import parse_event


class Inbox:
    """Records each POST body and answers with the next queued status (200 once none is left).

    ``events()`` parses the bodies, checking ``secret`` when one is given.
    """

    def __init__(self, secret: str | None = None) -> None:
        self.secret = secret
        self.bodies: list[bytes] = []
        self.statuses: list[int] = []  # answered in turn; 200 once empty
        self.arrived = anyio.Event()  # set by each POST

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.bodies.append(await read_body(receive))
        self.arrived.set()
        status = self.statuses.pop(0) if self.statuses else 200
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def events(self) -> list[Any]:
        return [parse_event(body, secret=self.secret) for body in self.bodies]

    def types(self) -> list[str]:
        return [json.loads(body)["event_type"] for body in self.bodies]


@asynccontextmanager
async def webhook_inbox(secret: str | None = None) -> AsyncIterator[tuple[Inbox, str]]:
    """A served :class:`Inbox` and the URL to subscribe."""
    inbox = Inbox(secret)
    async with serve_app(inbox, host="127.0.0.1", port=0) as url:
        yield inbox, url + "/hooks/smartlead"
