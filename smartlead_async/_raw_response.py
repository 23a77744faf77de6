"""The HTTP responses behind a call: ``client.with_raw_response.<resource>.<method>(...)``.

``raw = await client.with_raw_response.campaigns.get(42)`` gives the parsed :class:`Campaign`
as ``raw.parsed`` with the response it came from (``raw.headers["x-ratelimit-remaining"]``).
:func:`with_raw_response` does the same for any method, fully typed:
``raw = await with_raw_response(client.campaigns.get, 42)``.

The responses are copies whose request URL has the API key masked, so printing one (or its
``.url``) never shows the key.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, Generic, ParamSpec, TypeVar

import attrs
import httpx

from ._exceptions import InvalidArgumentTypeError
from ._redact import redact

__all__ = ["RawResponse", "RawResponseView", "with_raw_response"]

P = ParamSpec("P")
R = TypeVar("R")

#: Headers that describe the body on the wire, not the decoded copy kept here.
_WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")

_captured: ContextVar[list[httpx.Response] | None] = ContextVar("smartlead_raw", default=None)


@attrs.frozen
class RawResponse(Generic[R]):
    """A call's parsed result with the HTTP responses it was parsed from.

    Attributes:
        parsed: what the method returns.
        http_responses: every successful response of the call, in order (``leads.add``
            sends one request per 100 leads); retried attempts are not included.
    """

    parsed: R
    http_responses: tuple[httpx.Response, ...]

    @property
    def http_response(self) -> httpx.Response:
        """The last response of the call."""
        return self.http_responses[-1]

    @property
    def status_code(self) -> int:
        """The last response's HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The last response's headers (``x-ratelimit-*``, request ids ...)."""
        return self.http_response.headers


def record_response(response: httpx.Response, content: bytes | bytearray) -> None:
    """Keep a masked copy of a successful response, when a raw call is collecting them."""
    collected = _captured.get()
    if collected is None:
        return
    headers = [(k, v) for k, v in response.headers.multi_items() if k not in _WIRE_HEADERS]
    request = httpx.Request(response.request.method, redact(str(response.request.url)))
    collected.append(
        httpx.Response(response.status_code, headers=headers, content=bytes(content),
                       request=request)
    )


async def with_raw_response(
    method: Callable[P, Awaitable[R]], /, *args: P.args, **kwargs: P.kwargs
) -> RawResponse[R]:
    """Call an endpoint method and return its result with its HTTP responses.

    ``raw = await with_raw_response(client.campaigns.get, 42)``; ``raw.parsed`` is the
    :class:`Campaign`, ``raw.headers`` the response's headers.

    Raises:
        InvalidArgumentTypeError: ``method`` returns no awaitable (a paginator, say: use
            ``await paginator`` for its first page through this function instead).
    """
    collected: list[httpx.Response] = []
    token = _captured.set(collected)
    try:
        pending = method(*args, **kwargs)
        if not isinstance(pending, Awaitable):
            raise InvalidArgumentTypeError(
                f"{getattr(method, '__qualname__', method)!s} does not send a request when "
                "called; with_raw_response takes a method that returns an awaitable"
            )
        parsed = await pending
    finally:
        _captured.reset(token)
    return RawResponse(parsed=parsed, http_responses=tuple(collected))


class RawResponseView:
    """``client.with_raw_response``: the client's resources, whose methods return
    :class:`RawResponse` instead of the parsed result."""

    __slots__ = ("_target",)

    def __init__(self, target: object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if callable(value):
            return self._raw(value)
        return type(self)(value)

    def _raw(self, method: Callable[..., Any]) -> Callable[..., Any]:
        """``method`` returning its :class:`RawResponse` (the sync view's differs)."""
        return functools.partial(with_raw_response, method)

    def __repr__(self) -> str:
        return f"<RawResponseView of {type(self._target).__name__}>"
