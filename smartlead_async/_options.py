"""Per-call request options every endpoint method takes, and their checks.

``await client.campaigns.get(42, timeout=5, extra_headers={"X-Trace": "abc"})``: the options
apply to that call only (to every page of a paginated one). They are checked before any
request is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ._args import int_in_range, positive_seconds
from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = ["NOT_GIVEN", "NotGiven", "RequestOptions", "checked_options"]

#: Query parameters the SDK owns: ``extra_query`` may not set them.
_RESERVED_QUERY = frozenset({"api_key"})


class RequestOptions(TypedDict, total=False):
    """Keyword-only overrides every endpoint method accepts.

    Attributes:
        timeout: the deadline of each attempt of this call, in seconds.
        max_retries: retries after a failed attempt, for this call.
        extra_query: query parameters to send besides the method's own (newer parameters
            the SDK does not type yet); they win over the method's on a clash.
        extra_body: JSON body fields to send besides the method's own; they win on a clash.
        extra_headers: HTTP headers to add.
    """

    timeout: float
    max_retries: int
    extra_query: Mapping[str, str | int]
    extra_body: Mapping[str, Any]
    extra_headers: Mapping[str, str]


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "leave this option as it is" (``None`` is a value)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


def checked_options(options: Mapping[str, Any]) -> RequestOptions:
    """Check per-call options (names and values) before anything is sent."""
    checked: RequestOptions = {}
    for name, value in options.items():
        if name == "timeout":
            checked["timeout"] = positive_seconds("timeout", value)
        elif name == "max_retries":
            checked["max_retries"] = int_in_range("max_retries", value, minimum=0, maximum=50)
        elif name == "extra_query":
            query = _string_keyed("extra_query", value)
            for key, item in query.items():
                if key in _RESERVED_QUERY:
                    raise InvalidArgumentError(
                        f"extra_query may not set {key!r}: the client sends it"
                    )
                if isinstance(item, bool) or not isinstance(item, str | int):
                    raise InvalidArgumentTypeError(
                        f"extra_query[{key!r}] must be a str or an int, got {type(item).__name__}"
                    )
            checked["extra_query"] = query
        elif name == "extra_body":
            checked["extra_body"] = _string_keyed("extra_body", value)
        elif name == "extra_headers":
            headers = _string_keyed("extra_headers", value)
            for key, item in headers.items():
                if not isinstance(item, str):
                    raise InvalidArgumentTypeError(
                        f"extra_headers[{key!r}] must be a str, got {type(item).__name__}"
                    )
            checked["extra_headers"] = headers
        else:
            raise InvalidArgumentTypeError(
                f"unexpected keyword argument {name!r}; the per-call options are timeout, "
                "max_retries, extra_query, extra_body and extra_headers"
            )
    return checked


def merged_body(body: Any, extra: Mapping[str, Any] | None) -> Any:
    """The JSON body with ``extra_body`` fields merged in (they win on a clash)."""
    if not extra:
        return body
    if body is None:
        return dict(extra)
    if not isinstance(body, dict):
        raise InvalidArgumentError("extra_body needs a method whose body is a JSON object")
    return {**body, **extra}


def _string_keyed(name: str, value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise InvalidArgumentTypeError(
            f"{name} must be a mapping with str keys, got {type(value).__name__}"
        )
    return dict(value)
