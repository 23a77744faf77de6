"""A small HTTP/1.1 server on asyncio streams that serves the fake's ASGI app on loopback.

It honours :class:`~._faults.ConnectionAbort`, which the app raises to mean "close the
connection now": with nothing sent (a drop) or after the headers and part of the body
(a truncation). The client then sees what a real socket would produce:
``httpx.RemoteProtocolError``. A body sent in several parts without a Content-Length (the
CSV export) goes out with ``Transfer-Encoding: chunked`` as it is produced.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote

from .._asgi import ASGIApp, Message
from ._faults import ConnectionAbort

__all__ = ["serve_app"]

log = logging.getLogger("smartlead_async.testing")

_MAX_HEAD = 64 * 1024

# ---------------------------------------------------------------------------------------------
# Real socket: a small HTTP/1.1 server on asyncio streams
# ---------------------------------------------------------------------------------------------


class _BadRequest(Exception):
    """The bytes received are not an HTTP/1.x request we can serve."""


class _Parsed:
    __slots__ = ("body", "headers", "keep_alive", "method", "target", "version")

    def __init__(
        self,
        method: str,
        target: str,
        version: str,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        connection = _header(headers, b"connection").lower()
        if version == "HTTP/1.0":
            self.keep_alive = b"keep-alive" in connection
        else:
            self.keep_alive = b"close" not in connection


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes:
    for key, value in headers:
        if key == name:
            return value
    return b""


async def _read_request(reader: asyncio.StreamReader) -> _Parsed | None:
    """Read one request; None on a clean EOF between requests."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial.strip():
            return None
        raise _BadRequest("incomplete request head") from None
    except asyncio.LimitOverrunError:
        raise _BadRequest("request head too large") from None
    lines = head.decode("latin-1").lstrip("\r\n").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[2] not in ("HTTP/1.0", "HTTP/1.1") or not parts[0].isalpha():
        raise _BadRequest(f"bad request line {lines[0]!r}")
    method, target, version = parts
    headers: list[tuple[bytes, bytes]] = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise _BadRequest(f"bad header line {line!r}")
        headers.append((name.lower().encode("latin-1"), value.strip().encode("latin-1")))
    transfer_encoding = _header(headers, b"transfer-encoding").lower()
    content_length = _header(headers, b"content-length")
    if transfer_encoding:
        if transfer_encoding != b"chunked":
            raise _BadRequest("unsupported transfer-encoding")
        body = await _read_chunked(reader)
    elif content_length:
        if not content_length.isdigit():
            raise _BadRequest("bad content-length")
        body = await reader.readexactly(int(content_length))
    else:
        body = b""
    return _Parsed(method, target, version, headers, body)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while True:
        size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip(), 16)
        except ValueError:
            raise _BadRequest("bad chunk size") from None
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                pass
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        if await reader.readexactly(2) != b"\r\n":
            raise _BadRequest("bad chunk terminator")


class _ResponseWriter:
    """The ASGI ``send`` for one request: writes status, headers and body to the stream."""

    def __init__(
        self,
        writer: asyncio.StreamWriter,
        *,
        keep_alive: bool,
        head_only: bool,
        chunked_ok: bool = False,
    ) -> None:
        self._writer = writer
        self._keep_alive = keep_alive
        self._head_only = head_only
        self._chunked_ok = chunked_ok  # HTTP/1.1 clients read Transfer-Encoding: chunked
        self._status = 0
        self._headers: list[tuple[bytes, bytes]] = []
        self._buffer: list[bytes] = []
        self._has_length = False
        self._chunked = False
        self._head_sent = False
        self.started = False
        self.complete = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            if self.started:
                raise RuntimeError("response already started")
            self.started = True
            self._status = int(message["status"])
            self._headers = [(bytes(k).lower(), bytes(v)) for k, v in message.get("headers", [])]
            self._has_length = any(k == b"content-length" for k, _ in self._headers)
            return
        if message["type"] != "http.response.body" or not self.started or self.complete:
            raise RuntimeError(f"unexpected ASGI message {message['type']!r}")
        body: bytes = message.get("body", b"")
        more = bool(message.get("more_body", False))
        if not (self._has_length or self._chunked):
            if more and self._chunked_ok:  # a body in parts: send each part as it comes
                self._headers.append((b"transfer-encoding", b"chunked"))
                self._chunked = True
            else:  # buffer the whole body to compute Content-Length
                self._buffer.append(body)
                if more:
                    return
                body = b"".join(self._buffer)
                self._headers.append((b"content-length", str(len(body)).encode()))
                self._has_length = True
        if not self._head_sent:
            self._writer.write(self._head())
            self._head_sent = True
        if not self._head_only:
            self._write_body(body, last=not more)
        if not more:
            self.complete = True
        await self._writer.drain()

    def _write_body(self, body: bytes, *, last: bool) -> None:
        if not self._chunked:
            if body:
                self._writer.write(body)
            return
        if body:
            self._writer.write(b"%x\r\n%b\r\n" % (len(body), body))
        if last:
            self._writer.write(b"0\r\n\r\n")

    def _head(self) -> bytes:
        try:
            reason = HTTPStatus(self._status).phrase
        except ValueError:
            reason = "Unknown"
        lines = [f"HTTP/1.1 {self._status} {reason}".encode()]
        lines += [k + b": " + v for k, v in self._headers]
        if not self._keep_alive:
            lines.append(b"connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n"


async def _write_error(writer: asyncio.StreamWriter, status: int) -> None:
    body = f'{{"error": "{HTTPStatus(status).phrase}"}}'.encode()
    responder = _ResponseWriter(writer, keep_alive=False, head_only=False)
    await responder.send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await responder.send({"type": "http.response.body", "body": body})


class _LoopbackServer:
    """Accepts connections, serves keep-alive requests through the app, closes all on exit."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

    async def start(self, host: str, port: int) -> int:
        self._server = await asyncio.start_server(
            self._on_connection, host, port, backlog=1024, limit=_MAX_HEAD
        )
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        self._closing = True
        if self._server is not None:
            self._server.close()
        await asyncio.sleep(0)  # let connections accepted just now register, then end them
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _on_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._handle_connection(reader, writer)
        except asyncio.CancelledError:
            # Our own shutdown. End normally: Python 3.11's stream callback calls
            # task.exception() and logs an error for a task that ends cancelled.
            pass
        finally:
            if task is not None:
                self._tasks.discard(task)

    async def _handle_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        try:
            if not self._closing:
                await self._serve_connection(reader, writer)
        except _BadRequest as exc:
            log.debug("fake server: bad request: %s", exc)
            with contextlib.suppress(ConnectionError):
                await _write_error(writer, 400)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client went away
        except Exception:
            log.exception("fake server: connection handler failed")
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        while not self._closing:
            request = await _read_request(reader)
            if request is None or not await self._respond(request, writer):
                return

    async def _respond(self, request: _Parsed, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; return whether the connection stays open."""
        raw_path, _, query = request.target.partition("?")
        peer = writer.get_extra_info("peername")
        sock = writer.get_extra_info("sockname")
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": request.version.removeprefix("HTTP/"),
            "method": request.method,
            "scheme": "http",
            "path": unquote(raw_path),
            "raw_path": raw_path.encode("latin-1"),
            "query_string": query.encode("latin-1"),
            "root_path": "",
            "headers": request.headers,
            "client": tuple(peer[:2]) if peer else None,
            "server": tuple(sock[:2]) if sock else None,
        }
        body_delivered = False

        async def receive() -> Message:
            nonlocal body_delivered
            if body_delivered:
                return {"type": "http.disconnect"}
            body_delivered = True
            return {"type": "http.request", "body": request.body, "more_body": False}

        responder = _ResponseWriter(
            writer,
            keep_alive=request.keep_alive,
            head_only=request.method == "HEAD",
            chunked_ok=request.version == "HTTP/1.1",
        )
        try:
            await self._app(scope, receive, responder.send)
        except ConnectionAbort:
            await writer.drain()  # deliver what was sent, then close: the fault on the wire
            return False
        except ConnectionError:
            raise
        except Exception:
            log.exception("fake server: application failed")
            if not responder.started:
                await _write_error(writer, 500)
            return False
        return responder.complete and request.keep_alive


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@asynccontextmanager
async def serve_app(app: ASGIApp, *, host: str, port: int, path: str = "") -> AsyncIterator[str]:
    """Serve ``app`` on ``host:port`` (0 = any free port); yield ``http://host:port{path}``."""
    server = _LoopbackServer(app)
    bound_port = await server.start(host, port)
    try:
        yield f"http://{_url_host(host)}:{bound_port}{path}"
    finally:
        await server.close()
