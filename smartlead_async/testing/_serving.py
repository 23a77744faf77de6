"""``FakeServer``: what every fake API shares (the fake SmartLead, the fake SendKit).

Its request pipeline (stats -> auth -> rate window -> faults -> routes, see ``_pipeline``),
its latency and jitter, its statistics, and the three ways to reach it: in-process through
an httpx transport, as an ASGI app, or over a loopback socket. A fake API adds its state,
its routes and where it reads the key.
"""

from __future__ import annotations

import dataclasses
from contextlib import AbstractAsyncContextManager
from typing import Any, ClassVar

import anyio
import httpx

from ._asgi import Receive, Scope, Send, run_asgi
from ._faults import Faults, Latency
from ._http import Outcome, Request, Response
from ._httpx_transport import FakeTransport
from ._pipeline import FakeStats, KeyOf, Pipeline, build_pipeline
from ._server import serve_app

__all__ = ["FakeServer", "check_count"]


class FakeServer:
    """The serving side of a fake API. See :class:`FakeSmartlead` for the arguments.

    Attributes:
        stats: what the fake received and answered (counters and the request log).
    """

    #: The path every route lives under (``/api/v1``, ``/v1``).
    prefix: ClassVar[str]
    #: Where an in-process client reaches the fake (:meth:`http_client`).
    base_url: ClassVar[str]

    def __init__(
        self,
        route: Pipeline,
        *,
        api_key: str,
        seed: int,
        rate_limit: tuple[int, float] | None,
        retry_after_header: bool,
        latency: float | tuple[float, float],
        jitter: float,
        faults: Faults | None,
        key_of: KeyOf,
        denied: Response | None = None,
    ) -> None:
        self.api_key = api_key
        self.seed = seed
        self.rate_limit = rate_limit
        self.faults = faults
        self.stats = FakeStats()
        self._latency = Latency(latency, seed)
        self._jitter = Latency((0.0, jitter), seed, stream="jitter")
        self._pipeline = build_pipeline(
            route, api_key=api_key, stats=self.stats, rate_limit=rate_limit,
            retry_after_header=retry_after_header, faults=faults, key_of=key_of, denied=denied,
        )

    def _hold(self, request: Request) -> float:
        """Seconds ``request`` takes to reach the server's window besides the jitter."""
        return 0.0

    async def _respond(self, request: Request) -> Outcome:
        """Wait the jitter (or the request's own hold), run the pipeline (atomically), then
        wait the latency."""
        if (held := max(self._jitter.sample(), self._hold(request))) > 0:
            await anyio.sleep(held)
            request = dataclasses.replace(request, arrived=anyio.current_time())
        outcome = self._pipeline(request)
        delay = self._latency.sample()
        if delay > 0:
            await anyio.sleep(delay)
        return outcome

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI 3 application."""
        await run_asgi(self._respond, scope, receive, send)

    def http_client(self, **httpx_kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` wired to this fake in-process (``base_url`` preset).

        Drop and truncation faults raise ``httpx.RemoteProtocolError`` as a real socket would.
        Pass any ``httpx.AsyncClient`` keyword except ``transport``.
        """
        if "transport" in httpx_kwargs:
            raise TypeError("http_client() sets its own transport")
        httpx_kwargs.setdefault("base_url", self.base_url)
        return httpx.AsyncClient(transport=self.transport(), **httpx_kwargs)

    def transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport into this fake, in-process (for ``httpx.AsyncClient(transport=)``
        or the SDK client's ``transport=``)."""
        return FakeTransport(self._respond)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractAsyncContextManager[str]:
        """Serve over a real loopback socket (asyncio); yields the API root,
        ``http://HOST:PORT`` + :attr:`prefix`. All connections are closed on exit."""
        return serve_app(self.app, host=host, port=port, path=self.prefix)


def check_count(name: str, value: int, *, minimum: int = 0) -> None:
    """Refuse a count (of generated records, say) that is not an int >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
