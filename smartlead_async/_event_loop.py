"""The event loop an async client belongs to: the one it first sent a request in."""

from __future__ import annotations

import asyncio
import weakref

from ._exceptions import WrongEventLoopError

__all__ = ["LoopBinding"]


class LoopBinding:
    """Remembers the first asyncio event loop it was checked in; refuses any other.

    A pooled connection belongs to the loop that opened it, so a client reused in a second
    loop (two ``asyncio.run()`` calls) would fail deep in httpx with ``Event loop is
    closed``. Other backends (trio) are not tracked. The loop is held weakly: a client
    does not keep a finished loop alive.

    Args:
        client: the client's class name, for the error (``SmartleadClient``).
        sync_client: its blocking counterpart, suggested to code that is not async, if any.
    """

    def __init__(self, client: str, sync_client: str | None) -> None:
        self._client = client
        self._sync_client = sync_client
        self._loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    def check(self) -> None:
        """Bind to the running loop on first use; raise :class:`WrongEventLoopError` later
        in any other loop."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not asyncio
            return
        if self._loop is None:
            self._loop = weakref.ref(loop)
        elif self._loop() is not loop:
            sync = (
                "" if self._sync_client is None
                else f"; or, from code that is not async, use {self._sync_client}"
            )
            raise WrongEventLoopError(
                f"this {self._client} was first used in another event loop (an earlier "
                "asyncio.run(), say) and its connections belong to that loop. Create the "
                f"client inside the event loop that uses it: `async with {self._client}() as "
                f"client:` inside the coroutine you pass to asyncio.run(){sync}"
            )
