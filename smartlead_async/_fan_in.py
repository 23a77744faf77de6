"""Paging many listings at once and merging their items into one bounded stream."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from types import TracebackType
from typing import Generic, Literal, TypeVar

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ._exceptions import (
    FanInError,
    InvalidArgumentError,
    ListingFailure,
    SmartleadError,
)
from ._pagination import AsyncPaginator

__all__ = ["FanIn", "FanInError", "ListingFailure", "OnError"]

log = logging.getLogger("smartlead_async")

T = TypeVar("T")
OnError = Literal["defer", "raise", "collect"]
_ON_ERROR = ("defer", "raise", "collect")


class FanIn(Generic[T]):
    """``async with`` it to get ``(id, item)`` pairs from many paginators as they arrive.

    Listings run concurrently (at most ``max_concurrency`` at a time) and throttle through the
    client's shared rate limiter, which serves waiting requests first come, first served, so
    every listing progresses. Memory is bounded: producers wait while ``buffer`` items are
    unread.

    On a failure, ``on_error`` decides: ``"defer"`` (default) lets the other listings finish
    and then raises :class:`FanInError`; ``"raise"`` cancels the rest and raises the error at
    once (the first one, if several fail together); ``"collect"`` only records it. Every
    failure is recorded in :attr:`failures`, whatever the mode.
    """

    def __init__(
        self,
        paginators: Sequence[tuple[int, AsyncPaginator[T]]],
        *,
        on_error: OnError = "defer",
        max_concurrency: int = 20,
        buffer: int = 1000,
    ) -> None:
        if on_error not in _ON_ERROR:
            raise InvalidArgumentError(
                f"on_error must be one of {', '.join(_ON_ERROR)}; got {on_error!r}"
            )
        self._paginators = paginators
        self._on_error = on_error
        self._slots = anyio.Semaphore(max_concurrency)
        self._buffer = buffer
        self.failures: list[ListingFailure] = []
        self._group: TaskGroup | None = None
        self._receive: MemoryObjectReceiveStream[tuple[int, T]] | None = None

    async def __aenter__(self) -> FanIn[T]:
        send, self._receive = anyio.create_memory_object_stream[tuple[int, T]](self._buffer)
        self._group = anyio.create_task_group()
        await self._group.__aenter__()
        async with send:
            for listing_id, paginator in self._paginators:
                self._group.start_soon(self._produce, listing_id, paginator, send.clone())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        assert self._group is not None and self._receive is not None
        if exc is not None:
            self._group.cancel_scope.cancel()
        self._receive.close()
        try:
            await self._group.__aexit__(exc_type, exc, tb)
        except BaseExceptionGroup as group:
            errors = group.exceptions
            # Several listings can fail in the same instant with on_error="raise": the first
            # is raised (all are in ``failures``), never a bare group of SDK errors.
            if len(errors) == 1 or all(isinstance(e, SmartleadError) for e in errors):
                raise errors[0] from None
            raise
        if exc is None and self.failures and self._on_error == "defer":
            raise FanInError(self.failures)
        return None

    def __aiter__(self) -> AsyncIterator[tuple[int, T]]:
        if self._receive is None:
            raise RuntimeError("use 'async with' before iterating")
        return self._receive.__aiter__()

    async def _produce(
        self, listing_id: int, paginator: AsyncPaginator[T],
        send: MemoryObjectSendStream[tuple[int, T]],
    ) -> None:
        async with send, self._slots:
            try:
                async for item in paginator:
                    await send.send((listing_id, item))
            except SmartleadError as error:
                log.debug("listing %s failed: %s", listing_id, error)
                self.failures.append(ListingFailure(listing_id, error))
                if self._on_error == "raise":
                    raise
            except anyio.BrokenResourceError:  # the reader stopped early: nothing to do
                pass
