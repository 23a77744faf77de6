"""Helpers for the reliability tests (this module holds no tests).

- :func:`unique_key`: a fresh API key, so the process-wide limiter of one test never carries a
  429 pause into the next.
- :class:`SdkLog`: captures the SDK's DEBUG records (retries are counted from them).
- :func:`watch_loop`: fails a test on asyncio's "Task was destroyed but it is pending",
  "Task exception was never retrieved" and tasks left running.
- :class:`InsertingTransport`, :class:`SlowFirst`: faults the fake does not inject on its own
  (leads inserted between two page requests, a first answer slower than the client timeout).
- :class:`Misbehaving`: a hostile server's answer (slow headers, a trickled or endless body, a
  Content-Length it never honours, nonsense headers) that records how far it got.
- :func:`open_server_connections`, :func:`pool_connections`: connections held open on the
  server side of a loopback socket and in a client's pool.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import time
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
)
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx

from smartlead_async import SmartleadClient
from smartlead_async.testing import FakeSmartlead

Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Message]],
     Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]

_keys = itertools.count(1)


def unique_key(prefix: str = "sk-reliability") -> str:
    """An API key no other test uses (limiters are shared per key, server and setting)."""
    return f"{prefix}-{next(_keys)}"


class SdkLog(logging.Handler):
    """Collects every record of the ``smartlead_async`` logger (and optionally others)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        """Every captured message, formatted."""
        return [record.getMessage() for record in self.records]

    @property
    def retries(self) -> int:
        """How many retries the transport scheduled (one DEBUG line each)."""
        return sum(": retry " in message for message in self.messages)


@contextmanager
def sdk_log(*names: str) -> Iterator[SdkLog]:
    """Capture DEBUG records of ``smartlead_async`` (and of ``names``, e.g. httpx, httpcore)."""
    handler = SdkLog()
    loggers = [logging.getLogger(name) for name in ("smartlead_async", *names)]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(level=logging.ERROR)
        self._into = into

    def emit(self, record: logging.LogRecord) -> None:
        self._into.append(f"asyncio logged: {record.getMessage()}")


async def settle(turns: int = 5) -> None:
    """Let finalizers and callbacks scheduled by garbage collection run."""
    for _ in range(turns):
        await asyncio.sleep(0)
    gc.collect()
    for _ in range(turns):
        await asyncio.sleep(0)


@asynccontextmanager
async def watch_loop() -> AsyncIterator[list[str]]:
    """Fail on loop-level problems during the block and on tasks it leaves running.

    Collects whatever reaches the loop's exception handler or the ``asyncio`` logger
    ("Task was destroyed but it is pending!", "Task exception was never retrieved", unclosed
    transports) and asserts, after a garbage collection, that none did.
    """
    loop = asyncio.get_running_loop()
    problems: list[str] = []
    previous = loop.get_exception_handler()

    def on_problem(_: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        problems.append(f"{context.get('message')}: {context.get('exception')!r}")

    collector = _Collect(problems)
    asyncio_logger = logging.getLogger("asyncio")
    loop.set_exception_handler(on_problem)
    asyncio_logger.addHandler(collector)
    before = asyncio.all_tasks()
    try:
        yield problems
        await settle()
        current = asyncio.current_task()
        stray = [t for t in asyncio.all_tasks() - before if t is not current and not t.done()]
    finally:
        loop.set_exception_handler(previous)
        asyncio_logger.removeHandler(collector)
    assert not problems, f"asyncio reported problems: {problems}"
    assert not stray, f"tasks left running: {stray}"


def sdk_tasks() -> set[asyncio.Task[Any]]:
    """Running tasks, except the fake server's own connection handlers (same event loop)."""
    return {
        task for task in asyncio.all_tasks()
        if "_LoopbackServer" not in getattr(task.get_coro(), "__qualname__", "")
    }


def max_in_any_window(times: list[float], period: float) -> int:
    """The most timestamps that fall in any half-open window ``(t - period, t]``."""
    ordered = sorted(times)
    best = 0
    low = 0
    for high, moment in enumerate(ordered):
        while ordered[low] <= moment - period:
            low += 1
        best = max(best, high - low + 1)
    return best


class InsertingTransport(httpx.AsyncBaseTransport):
    """Forwards to ``inner``; before every ``every``-th lead-page request, adds leads at the head.

    The insertion happens between two requests of the same export (often between two
    concurrent requests of one prefetch batch), as when leads are uploaded during an export.
    """

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        fake: FakeSmartlead,
        campaign_id: int,
        *,
        every: int,
        count: int,
        times: int,
    ) -> None:
        self._inner = inner
        self._fake = fake
        self._campaign_id = campaign_id
        self._every = every
        self._count = count
        self._times = times
        self.page_requests = 0
        self.inserted = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Insert when due, then forward the request."""
        if request.url.path.endswith(f"/campaigns/{self._campaign_id}/leads"):
            self.page_requests += 1
            due = self.page_requests > 1 and self.page_requests % self._every == 0
            if due and self.inserted < self._count * self._times:
                self._fake.add_leads(self._campaign_id, self._count)
                self.inserted += self._count
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self._inner.aclose()


class SlowFirst:
    """An ASGI app whose first ``slow`` HTTP requests wait ``delay`` seconds, then go to ``app``.

    ``calls`` counts the HTTP requests that reached it (a timed-out request may never reach
    the wrapped app: the server drops it when the client hangs up).
    """

    def __init__(self, app: ASGIApp, *, slow: int, delay: float) -> None:
        self._app = app
        self._slow = slow
        self._delay = delay
        self.calls = 0

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        """Count, wait if among the first ``slow``, then serve."""
        if scope["type"] == "http":
            self.calls += 1
            if self.calls <= self._slow:
                await anyio.sleep(self._delay)
        await self._app(scope, receive, send)


class Misbehaving:
    """An ASGI app that answers every request the way a hostile server or proxy might.

    Each answer waits ``head_delay`` seconds, sends ``status`` and ``headers``, then the parts
    of ``body()`` with ``gap`` seconds before each (no Content-Length unless ``headers`` has
    one: the parts go out chunked). It records what happened on its side of the socket.

    Attributes:
        requests: requests received.
        bytes_sent: body bytes the socket accepted, over all requests.
        hung_up: set once the client closed the connection before the body was complete.
    """

    def __init__(
        self,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        body: Callable[[], Iterable[bytes]] = lambda: [b"{}"],
        head_delay: float = 0.0,
        gap: float = 0.0,
    ) -> None:
        self._status = status
        self._headers = [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
        self._body = body
        self._head_delay = head_delay
        self._gap = gap
        self.requests = 0
        self.bytes_sent = 0
        self.hung_up = anyio.Event()

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        """Answer badly; note a client that hung up mid-answer."""
        if scope["type"] != "http":
            return
        self.requests += 1
        await anyio.sleep(self._head_delay)
        try:
            await send({"type": "http.response.start", "status": self._status,
                        "headers": self._headers})
            for part in self._body():
                await anyio.sleep(self._gap)
                await send({"type": "http.response.body", "body": part, "more_body": True})
                self.bytes_sent += len(part)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except ConnectionError:
            self.hung_up.set()
            raise

    async def wait_hung_up(self) -> None:
        """Until the client has hung up (a test that waits longer than 10 s fails)."""
        with anyio.fail_after(10):
            await self.hung_up.wait()


def repeat(part: bytes, total: int) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes sent as copies of ``part`` (no memory held for ``total``)."""

    def parts() -> Iterator[bytes]:
        left = total
        while left > 0:
            yield part[:left]
            left -= len(part)

    return parts


_PROC_TCP = Path("/proc/net/tcp")
_ESTABLISHED, _CLOSE_WAIT = "01", "08"


def open_server_connections(port: int) -> int | None:
    """Server-side loopback sockets on ``port`` still open (None where /proc is missing).

    Counts IPv4 sockets whose local port is ``port`` in state ESTABLISHED or CLOSE_WAIT
    (the peer closed, the server has not yet): connections the server still holds.
    """
    if not _PROC_TCP.exists():
        return None
    count = 0
    for line in _PROC_TCP.read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] in (_ESTABLISHED, _CLOSE_WAIT):
            count += 1
    return count


async def wait_for_server_connections(port: int, expected: int, within: float = 2.0) -> int:
    """Poll :func:`open_server_connections` until it is at most ``expected``; return it.

    The kernel does not run on the event loop's clock, which a test may have made virtual
    (where two seconds of polling would pass in a few real milliseconds), so the deadline is
    ``within`` real seconds; each poll lets the loop run, so the server can close its side.
    """
    deadline = time.monotonic() + within
    # Polling the kernel's table: there is no event to wait on.
    while (count := open_server_connections(port)) is not None and count > expected:
        if time.monotonic() > deadline:
            break
        await anyio.sleep(0.01)
    return open_server_connections(port) or 0


def port_of(base_url: str) -> int:
    """The port of ``http://host:port/...``."""
    port = httpx.URL(base_url).port
    assert port is not None
    return port


def pool_connections(client: SmartleadClient) -> int:
    """Connections currently held in the client's httpx pool (open or being opened)."""
    transport = client._api.http_client._transport
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    return len(transport._pool.connections)


def busy_connections(client: SmartleadClient) -> int:
    """Pooled connections that are neither idle nor closed: a response still being read."""
    transport = client._api.http_client._transport
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    return sum(
        not (connection.is_idle() or connection.is_closed())
        for connection in transport._pool.connections
    )


def socket_client(
    fake: FakeSmartlead, base_url: str, **kwargs: Any
) -> SmartleadClient:
    """A client for ``fake`` served at ``base_url`` (a real loopback socket)."""
    return SmartleadClient(api_key=fake.api_key, base_url=base_url, **kwargs)
