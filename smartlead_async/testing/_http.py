"""HTTP primitives of the fake, shared by every layer: requests, responses, outcomes, errors.

Handlers receive a :class:`Request` and return a :class:`Response`, or raise :class:`Reject`
to answer at once (a 400, 404, 422...). The fault layer may turn a response into a
:class:`Drop` or a :class:`Truncate`; together these are an :data:`Outcome`, which the
adapters (in-process transport, ASGI app, loopback socket) put on the wire.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Drop",
    "Outcome",
    "Reject",
    "Request",
    "Response",
    "Truncate",
    "error",
    "html_response",
    "json_response",
    "stream_response",
    "text_response",
    "unprocessable",
]

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class Request:
    """One parsed request as handlers see it."""

    method: str
    path: str  # full path, e.g. "/api/v1/campaigns/5/leads"
    query: dict[str, list[str]]
    headers: Headers
    body: bytes
    arrived: float  # the event loop's clock (anyio.current_time()) at arrival
    #: The fake's strict mode, set by the fake before routing: refuse query parameters and
    #: body fields the API does not document instead of ignoring them as the live API does.
    strict: bool = False

    def json(self) -> Any:
        """Decode the body as JSON; None when there is no body. Bad JSON is a 400."""
        if not self.body.strip():
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            raise error(400, "Invalid JSON body") from None


@dataclass(frozen=True, slots=True)
class Response:
    """A response: status, headers (lower-case bytes) and a body, whole or streamed.

    A streamed response (``stream`` set) has no Content-Length; ``stream()`` yields its body
    in chunks, built while they are sent, so its size never has to fit in memory.
    """

    status: int
    headers: Headers
    body: bytes = b""
    stream: Callable[[], Iterator[bytes]] | None = None

    @property
    def length(self) -> int | None:
        """The body's size, or None for a streamed body."""
        return None if self.stream is not None else len(self.body)

    def chunks(self) -> Iterator[bytes]:
        """The body, in the chunks it is sent in."""
        if self.stream is not None:
            yield from self.stream()
        elif self.body:
            yield self.body


@dataclass(frozen=True, slots=True)
class Drop:
    """Close the connection without any response."""


@dataclass(frozen=True, slots=True)
class Truncate:
    """Send the status and headers, then ``keep`` bytes of the body, then close."""

    response: Response
    keep: int

    def partial(self) -> Iterator[bytes]:
        """The chunks of the body that are sent before the connection closes."""
        left = self.keep
        for chunk in self.response.chunks():
            if left <= 0:
                return
            yield chunk[:left]
            left -= len(chunk)


Outcome = Response | Drop | Truncate


class Reject(Exception):
    """Raised by handlers and validators to answer with ``response`` immediately."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def _sized(status: int, content_type: bytes, body: bytes, headers: Headers | None) -> Response:
    return Response(
        status,
        [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            *(headers or []),
        ],
        body,
    )


def json_response(status: int, payload: Any, headers: Headers | None = None) -> Response:
    """A JSON response with Content-Type and Content-Length set."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return _sized(status, b"application/json; charset=utf-8", body, headers)


def text_response(status: int, text: str) -> Response:
    """A plain-text response (some write endpoints answer ``success`` and the like)."""
    return _sized(status, b"text/plain; charset=utf-8", text.encode(), None)


def html_response(status: int, html: str) -> Response:
    """An HTML response (as proxies and load balancers send)."""
    return _sized(status, b"text/html", html.encode(), None)


def stream_response(
    status: int, content_type: bytes, chunks: Callable[[], Iterator[bytes]], headers: Headers
) -> Response:
    """A response whose body is produced chunk by chunk while it is sent."""
    return Response(status, [(b"content-type", content_type), *headers], stream=chunks)


def error(status: int, message: str) -> Reject:
    """``{"error": message}`` with ``status``: the shape of the reference's documented errors."""
    return Reject(json_response(status, {"error": message}))


def unprocessable(key: str, message: str, source: str = "query") -> Reject:
    """A 422 in the validation-library shape the API uses."""
    return Reject(
        json_response(
            422,
            {
                "statusCode": 422,
                "error": "Unprocessable Entity",
                "message": message,
                "validation": {"source": source, "keys": [key]},
            },
        )
    )
