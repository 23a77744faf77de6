"""The in-process httpx transport: requests go straight into the fake, no socket, no ASGI.

Faults look as they would on a socket: a dropped request raises ``httpx.RemoteProtocolError``
from the send; a truncated one returns its status and headers, then raises
``httpx.RemoteProtocolError`` while the body is read. Streamed bodies (the CSV export) are
produced chunk by chunk while the client reads them, so they never sit whole in memory. The
client's read timeout covers the fake's latency (``httpx.ReadTimeout``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from urllib.parse import parse_qs

import anyio
import anyio.lowlevel
import httpx

from ._http import Drop, Outcome, Request, Response, Truncate

__all__ = ["FakeTransport"]

Responder = Callable[[Request], Awaitable[Outcome]]


class _Chunks(httpx.AsyncByteStream):
    """A body produced chunk by chunk; optionally cut short like a connection that closed."""

    def __init__(self, chunks: Iterator[bytes], *, expected: int | None, cut: bool) -> None:
        self._chunks = chunks
        self._expected = expected
        self._cut = cut

    async def __aiter__(self) -> AsyncIterator[bytes]:
        received = 0
        for chunk in self._chunks:
            received += len(chunk)
            yield chunk
            await anyio.lowlevel.checkpoint()  # let other tasks run between chunks
        if self._cut:
            expected = "more" if self._expected is None else str(self._expected)
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body: "
                f"received {received} bytes, expected {expected}"
            )

    async def aclose(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


class FakeTransport(httpx.AsyncBaseTransport):
    """An httpx transport into the fake's request handling, in-process."""

    def __init__(self, respond: Responder) -> None:
        self._respond = respond

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Run the request through the fake; map faults to what a socket would show."""
        body = await request.aread()
        trace = request.extensions.get("trace")
        if trace is not None:  # the moments a socket would send the request
            await trace("http11.send_request_headers.started", {"request": request})
            await trace("http11.send_request_body.complete", {"request": request})
        incoming = Request(
            method=request.method,
            path=request.url.path,
            query=parse_qs(request.url.query.decode("latin-1"), keep_blank_values=True),
            headers=[(k.lower(), v) for k, v in request.headers.raw],
            body=body,
            arrived=anyio.current_time(),
        )
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        try:
            with anyio.fail_after(timeouts.get("read")):
                outcome = await self._respond(incoming)
        except TimeoutError:
            raise httpx.ReadTimeout("timed out waiting for the fake", request=request) from None
        if isinstance(outcome, Drop):
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        if isinstance(outcome, Truncate):
            return self._response(outcome.response, request, outcome.partial(), cut=True)
        if outcome.stream is None:
            return httpx.Response(
                outcome.status, headers=outcome.headers, content=outcome.body, request=request
            )
        return self._response(outcome, request, outcome.chunks(), cut=False)

    @staticmethod
    def _response(
        response: Response, request: httpx.Request, chunks: Iterator[bytes], *, cut: bool
    ) -> httpx.Response:
        stream = _Chunks(chunks, expected=response.length, cut=cut)
        return httpx.Response(
            response.status, headers=response.headers, stream=stream, request=request
        )
