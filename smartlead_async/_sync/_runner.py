"""The event loop a :class:`SmartleadSyncClient` runs its async client on.

A :class:`Runner` owns an anyio blocking portal: an asyncio event loop in a daemon thread of
its own. Every call from the client's thread (or any other thread) is handed to that loop and
waited for, so the async client only ever runs in the one loop its connections belong to.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, Generic, ParamSpec, TypeVar

import anyio
from anyio.from_thread import BlockingPortal, start_blocking_portal

from .._exceptions import ClientClosedError, WrongEventLoopError

__all__ = ["Runner", "awaited", "sync_stream"]

log = logging.getLogger("smartlead_async")

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

Closer = Callable[[], Awaitable[object]]


class Runner:
    """An event loop in a daemon thread, and the calls into it.

    :meth:`close` runs the registered closers (the async client's ``aclose``) in the loop,
    then stops it and joins its thread. A runner nobody references any more is closed the
    same way (also at interpreter exit), so a forgotten sync client leaks no thread.
    """

    def __init__(self) -> None:
        manager = start_blocking_portal()
        self._portal = manager.__enter__()
        self._loop_thread = self._portal.call(threading.get_ident)
        self._closers: list[Closer] = []
        self._pending: set[asyncio.Future[object]] = set()
        self._finalizer = weakref.finalize(
            self, _shut_down, manager, self._portal, self._loop_thread, self._pending,
            self._closers,
        )

    @property
    def closed(self) -> bool:
        """Whether the loop was stopped."""
        return not self._finalizer.alive

    def on_close(self, closer: Closer) -> None:
        """Await ``closer()`` in the loop when the runner closes, before the loop stops."""
        self._closers.append(closer)

    def close(self) -> None:
        """Run the closers, stop the loop and join its thread. Safe to call twice."""
        self._finalizer()

    def run(self, function: Callable[P, Awaitable[R]], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Await ``function(*args, **kwargs)`` in the loop and return its result.

        Raises what it raises. An interrupt (Ctrl-C) while waiting cancels the call.
        """
        portal = self._usable_portal()
        call = _Call(functools.partial(function, *args, **kwargs))
        try:
            return portal.start_task_soon(call.run).result()
        except RuntimeError:
            if self.closed:  # closed by another thread since the check
                raise _closed() from None
            raise
        except BaseException:
            # Interrupted while waiting (Ctrl-C), perhaps before the future was even handed
            # back: cancel the call in the loop rather than leave it running.
            if not call.finished:
                with contextlib.suppress(RuntimeError):  # the loop stopped meanwhile
                    portal.start_task_soon(call.cancel)
            raise

    def call(self, function: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Call the plain function ``function(*args, **kwargs)`` in the loop's thread.

        Its result is returned as it is, even when awaitable (a paginator is).
        """

        async def invoke() -> R:
            return function(*args, **kwargs)

        return self.run(invoke)

    def close_soon(self, closer: Closer) -> None:
        """Await ``closer()`` in the loop (unless it stopped): at once, or, when called from
        inside the loop (a generator collected there), as soon as the loop can."""
        if self.closed:
            return
        if threading.get_ident() != self._loop_thread:
            self.run(closer)
            return
        task = asyncio.ensure_future(closer())
        self._pending.add(task)
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Future[object]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.debug("closing a stream collected in the event loop failed: %r",
                      task.exception())

    def wrap_async_context_manager(
        self, manager: AbstractAsyncContextManager[T]
    ) -> AbstractContextManager[T]:
        """``manager`` as a blocking context manager, entered and exited in one task of the
        loop (so a task group it opens is closed where it was opened)."""
        return self._usable_portal().wrap_async_context_manager(manager)

    def _usable_portal(self) -> BlockingPortal:
        if self.closed:
            raise _closed()
        if threading.get_ident() == self._loop_thread:
            raise WrongEventLoopError(
                "a SmartleadSyncClient was called from inside its own event loop (from a "
                "transport, hook or rate limiter it runs), where the call would wait for "
                "itself; use the async client there (await ...)"
            )
        return self._portal


class _Call(Generic[R]):
    """One call handed to the loop, which the calling thread can cancel at any moment."""

    def __init__(self, function: Callable[[], Awaitable[R]]) -> None:
        self._function = function
        self._scope: anyio.CancelScope | None = None
        self._cancelled = False
        #: Set in the loop before the call's future resolves.
        self.finished = False

    async def run(self) -> R:
        try:
            with anyio.CancelScope() as self._scope:
                if self._cancelled:
                    self._scope.cancel()
                return await self._function()
            raise anyio.get_cancelled_exc_class()  # cancelled: nobody waits for the result
        finally:
            self.finished = True

    def cancel(self) -> None:
        """Cancel the call (it runs in the loop, as :meth:`run` does, so they cannot race)."""
        self._cancelled = True
        if self._scope is not None:
            self._scope.cancel()


def sync_stream(runner: Runner, source: AsyncIterator[T]) -> Generator[T, None, None]:
    """The items of an async iterator, each fetched through ``runner``.

    Closing the generator (``break`` out of a ``for`` loop, ``close()``, or letting it go)
    closes ``source`` in the loop, so a stream stopped early leaves no response open.
    """
    finished = False
    try:
        while True:
            try:
                item = runner.run(_next, source)
            except StopAsyncIteration:
                finished = True
                return
            yield item
    finally:
        aclose = getattr(source, "aclose", None)
        if not finished and aclose is not None:
            runner.close_soon(aclose)


async def _next(source: AsyncIterator[T]) -> T:
    return await anext(source)


async def awaited(awaitable: Awaitable[T]) -> T:
    """What ``awaitable`` gives (to await one from another thread)."""
    return await awaitable


async def _settle(pending: set[asyncio.Future[object]]) -> None:
    while pending:
        await asyncio.wait(list(pending))


def _closed() -> ClientClosedError:
    return ClientClosedError("this SmartleadSyncClient is closed; create a new one")


def _shut_down(
    manager: AbstractContextManager[Any],
    portal: BlockingPortal,
    loop_thread: int,
    pending: set[asyncio.Future[object]],
    closers: list[Closer],
) -> None:
    """Let pending closes finish, await every closer in the loop, then stop it (from another
    thread when collected inside the loop, which cannot join its own thread)."""
    if threading.get_ident() == loop_thread:
        threading.Thread(
            target=_shut_down, args=(manager, portal, -1, pending, closers), daemon=True
        ).start()
        return
    try:
        portal.call(_settle, pending)
        for closer in closers:
            portal.call(closer)
    finally:
        manager.__exit__(None, None, None)
