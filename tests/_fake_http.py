"""Plain httpx clients on the fake, in-process or over a real loopback socket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from smartlead_async.testing import FakeSmartlead

#: The two ways to reach the fake, for ``@pytest.mark.parametrize("mode", MODES)``.
MODES = ["in_process", "socket"]


@asynccontextmanager
async def connect(
    fake: FakeSmartlead, mode: str = "in_process"
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the fake, in-process or over a real loopback socket."""
    if mode == "in_process":
        async with fake.http_client() as client:
            yield client
    else:
        async with fake.serve() as url, httpx.AsyncClient(base_url=url) as client:
            yield client
