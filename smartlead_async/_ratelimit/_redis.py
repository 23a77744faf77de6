"""The distributed store: one Redis shared by every machine (``pip install
'smartlead-async[redis]'``).

One Lua script (``_redis.lua``) runs the window's rules atomically inside Redis, on a sorted
set of starts and a hash of the other fields, with time from Redis ``TIME``: the workers'
clocks never matter. Both keys expire with the window, so a worker killed mid-run leaves
nothing that blocks the others. The asyncio client binds to an event loop, so one is kept per
loop, and closed with the SDK client (it reconnects on next use).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from importlib import resources
from typing import Any

import redis.asyncio
import redis.exceptions

from .._redact import redact
from ._store import StoreUnavailable
from ._urls import StoreURL
from ._window import MAX_PAUSE, Decision, Window

__all__ = ["RedisStore"]

SCRIPT = resources.files(__package__).joinpath("_redis.lua").read_text(encoding="utf-8")
#: Seconds to wait for Redis before calling it unreachable.
TIMEOUT = 2.0


class RedisStore:
    """A window in Redis.

    Args:
        url: ``redis://[[user]:password@]host:port/db`` (or ``rediss://``).
        key: the window's name (a hash of the API key and server, and the limit).
    """

    def __init__(self, url: StoreURL, *, key: str) -> None:
        self._url = url
        prefix = f"smartlead-async:ratelimit:{{{key}}}"  # one hash slot for both keys
        self._keys = [f"{prefix}:starts", f"{prefix}:state"]
        self._clients: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[redis.asyncio.Redis, Any]
        ] = weakref.WeakKeyDictionary()

    @property
    def name(self) -> str:
        return self._url.redacted

    async def admit(self, window: Window, margin: float, pause: float, halve: bool) -> Decision:
        start_id, wait, in_force, allowance = await self._call(
            "admit", window, margin, pause, int(halve)
        )
        return Decision(
            None if int(start_id) < 0 else int(start_id), float(wait), float(in_force),
            int(allowance),
        )

    async def redate(self, start_id: int) -> None:
        await self._call("redate", _NO_WINDOW, start_id)

    async def settle(self, holds: Sequence[tuple[int, float]]) -> None:
        await self._call("settle", _NO_WINDOW, *(part for hold in holds for part in hold))

    async def refuse(
        self, start_id: int, window: Window, pause: float, jitter: float, widened: float | None
    ) -> bool:
        timing = await self._call(
            "refuse", window, start_id, pause, jitter, "" if widened is None else widened
        )
        return bool(int(timing))

    async def aclose(self) -> None:
        """Close this event loop's connection (the next call opens a new one)."""
        entry = self._clients.pop(asyncio.get_running_loop(), None)
        if entry is not None:
            await entry[0].aclose()

    async def _call(self, op: str, window: Window, *args: object) -> Any:
        client, script = self._client()
        argv = [op, window.requests, window.per_seconds, window.ceiling, window.keep,
                window.margin_hold, MAX_PAUSE, *args]
        try:
            try:
                return await script(keys=self._keys, args=argv, client=client)
            except redis.exceptions.ConnectionError:
                # Once more, on a new connection: a pooled one may have been closed by a
                # restart. (If the lost answer was an admission, a phantom start only slows.)
                return await script(keys=self._keys, args=argv, client=client)
        except (redis.exceptions.RedisError, OSError) as error:
            detail = redact(f"{type(error).__name__}: {error}", self._url.password)
            raise StoreUnavailable(detail) from None

    def _client(self) -> tuple[redis.asyncio.Redis, Any]:
        loop = asyncio.get_running_loop()
        entry = self._clients.get(loop)
        if entry is None:
            client = redis.asyncio.Redis.from_url(
                self._url.url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT
            )
            entry = self._clients[loop] = (client, client.register_script(SCRIPT))
        return entry


#: Redate and settle need no limit; the script still takes the common arguments.
_NO_WINDOW = Window(requests=1, per_seconds=1.0, ceiling=0.0)
