"""Building the CLI's client: the real API, the ``--demo`` fake, or a fake injected by tests.

Every request goes through one ``httpx.AsyncClient`` whose event hooks count requests and
response statuses, for the summary (requests made, achieved rate, 429s).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from .._client import SmartleadClient
from .._client_base import USER_AGENT
from .._constants import API_KEY_ENV_VAR, DEFAULT_TIMEOUT
from ._demo import build_demo_fake
from ._errors import CliError, ExitCode
from ._options import Settings, rate_limit_for

if TYPE_CHECKING:
    from ..testing import FakeSmartlead

__all__ = ["Connection", "RequestCounter", "api_key_of", "connect", "use_fake"]

_injected_fake: ContextVar[FakeSmartlead | None] = ContextVar(
    "smartlead_async_cli_fake", default=None
)


@contextmanager
def use_fake(fake: FakeSmartlead) -> Iterator[None]:
    """Test-only: make CLI commands run in this context talk to ``fake`` in-process.

    Unlike ``--demo``, the API key still comes from ``--api-key`` / ``SMARTLEAD_API_KEY`` and
    the fake's own data, limits and faults are used, so tests can drive every outcome.
    """
    token = _injected_fake.set(fake)
    try:
        yield
    finally:
        _injected_fake.reset(token)


def api_key_of(settings: Settings) -> str | None:
    """The API key the options or the environment give (``None`` in demo mode)."""
    if settings.demo:
        return None
    return settings.api_key or os.environ.get(API_KEY_ENV_VAR) or None


@dataclass
class RequestCounter:
    """Requests sent (every attempt, retries included) and the statuses that came back."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)

    async def on_request(self, _: httpx.Request) -> None:
        self.requests += 1

    async def on_response(self, response: httpx.Response) -> None:
        self.statuses[response.status_code] += 1


@dataclass
class Connection:
    """An open client and what is known about the server behind it."""

    client: SmartleadClient
    counter: RequestCounter
    fake: FakeSmartlead | None
    demo: bool

    @property
    def rate_limited(self) -> int:
        """429 answers: the fake's own count when there is one, else the ones seen here."""
        return self.fake.stats.rate_limited if self.fake is not None else self.counter.statuses[429]


@asynccontextmanager
async def connect(settings: Settings) -> AsyncIterator[Connection]:
    """Open the client the settings describe; closes it (and its HTTP pool) on exit."""
    fake = build_demo_fake(settings.rate_limit) if settings.demo else _injected_fake.get()
    if fake is not None:
        key: str | None = fake.api_key if settings.demo else api_key_of(settings)
        base_url: str | None = fake.base_url
        transport: httpx.AsyncBaseTransport | None = fake.transport()
    else:
        key, base_url, transport = api_key_of(settings), settings.base_url, None
    if not key:
        raise CliError(
            f"no API key: pass --api-key KEY or set {API_KEY_ENV_VAR} "
            "(or add --demo to try the tool on a fake account)",
            ExitCode.AUTHENTICATION,
        )
    counter = RequestCounter()
    http = httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(DEFAULT_TIMEOUT),
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [counter.on_request], "response": [counter.on_response]},
    )
    async with http:
        client = SmartleadClient(
            key,
            base_url=base_url,
            max_retries=settings.max_retries,
            rate_limit=rate_limit_for(settings, talks_to_fake=fake is not None),
            http_client=http,
        )
        async with client:
            yield Connection(client, counter, fake, settings.demo)
