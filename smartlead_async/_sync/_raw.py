"""``client.with_raw_response`` for the sync client, and its typed form."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from .._exceptions import InvalidArgumentTypeError
from .._raw_response import RawResponse, RawResponseView, with_raw_response
from ._resource import SyncResource

__all__ = ["SyncRawResponseView", "with_raw_response_sync"]

P = ParamSpec("P")
R = TypeVar("R")


def with_raw_response_sync(
    method: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs
) -> RawResponse[R]:
    """Call a :class:`SmartleadSyncClient` endpoint method; return its result with its HTTP
    responses.

    ``raw = with_raw_response_sync(client.campaigns.get, 42)``; ``raw.parsed`` is the
    :class:`Campaign`, ``raw.headers`` the response's headers.

    Args:
        method: an endpoint method of a sync client's resource that returns its result (not
            a paginator or a stream).
        *args: its positional arguments.
        **kwargs: its keyword arguments.

    Raises:
        InvalidArgumentTypeError: ``method`` is not such a method.
    """
    resource = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    target: Any = getattr(resource, "_async", None)
    twin = getattr(target, name, None)
    if not isinstance(resource, SyncResource) or not inspect.iscoroutinefunction(twin):
        raise InvalidArgumentTypeError(
            f"{getattr(method, '__qualname__', method)!s} is not an endpoint method of a "
            "SmartleadSyncClient that returns its result (a paginator or a stream sends "
            "many requests, not one)"
        )
    call: Callable[[], Awaitable[RawResponse[R]]] = functools.partial(
        with_raw_response, twin, *args, **kwargs
    )
    return resource._runner.run(call)


class SyncRawResponseView(RawResponseView):
    """``sync_client.with_raw_response``: the client's resources, whose methods return
    :class:`RawResponse` instead of the parsed result."""

    __slots__ = ()

    def _raw(self, method: Callable[..., Any]) -> Callable[..., Any]:
        return functools.partial(with_raw_response_sync, method)
