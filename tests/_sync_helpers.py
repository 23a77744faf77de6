"""Helpers of the sync client tests (this module holds no tests).

- :class:`Hooked`: a transport into the fake whose hook may answer a request itself (a
  failure), wait, or call back into the client; it counts responses whose body is still open.
- :func:`new_threads`: the threads started while a block ran.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager

import httpx

from smartlead_async.testing import FakeSmartlead

Hook = Callable[[httpx.Request], Awaitable[httpx.Response | None]]


async def _forward(request: httpx.Request) -> None:
    return None


class Hooked(httpx.AsyncBaseTransport):
    """Forwards to the fake unless ``hook(request)`` answers; counts streamed response bodies
    not closed yet."""

    def __init__(self, fake: FakeSmartlead, hook: Hook = _forward) -> None:
        self._inner = fake.transport()
        self._hook = hook
        self.requests = 0
        self.open_bodies = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        answer = await self._hook(request)
        response = answer or await self._inner.handle_async_request(request)
        if not response.is_closed:  # a streamed body (one given whole is read and closed)
            assert isinstance(response.stream, httpx.AsyncByteStream)
            self.open_bodies += 1
            response.stream = _Counted(response.stream, self)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class _Counted(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, owner: Hooked) -> None:
        self._inner = inner
        self._owner = owner
        self._open = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        if self._open:
            self._open = False
            self._owner.open_bodies -= 1
        await self._inner.aclose()


@contextmanager
def new_threads() -> Iterator[list[threading.Thread]]:
    """Yields a list that, once the block ends, holds the threads started during it."""
    before = set(threading.enumerate())
    started: list[threading.Thread] = []
    try:
        yield started
    finally:
        started += [thread for thread in threading.enumerate() if thread not in before]
