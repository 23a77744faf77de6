"""The request pipeline: stats -> auth -> rate window -> faults -> router, each a wrapper.

A pipeline is a plain synchronous function ``Request -> Outcome``: admission, state changes
and statistics happen atomically on arrival, whatever adapter carried the request. Every fake
API builds its own from these layers (:func:`build_pipeline`); only where it reads the key
(:data:`KeyOf`), how it refuses it and its routes differ.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ._bodies import logged_body, logged_response
from ._faults import FaultInjector, FaultKind, Faults, SlidingWindow
from ._hosts import host_of
from ._http import Drop, Outcome, Request, Response, Truncate, html_response, json_response

__all__ = [
    "FakeStats",
    "KeyOf",
    "LogEntry",
    "Pipeline",
    "authenticate",
    "build_pipeline",
    "header_key",
    "inject_faults",
    "limit_rate",
    "query_key",
    "record",
]

log = logging.getLogger("smartlead_async.testing")

Pipeline = Callable[[Request], Outcome]
#: Where a fake API reads the key a request presents (``None``: it presents none).
KeyOf = Callable[[Request], "str | None"]

#: Bytes a truncation fault may keep of a streamed body (its size is not known up front).
STREAM_CUT_WINDOW = 64 * 1024


class LogEntry(NamedTuple):
    """One request as the fake saw it. ``status`` 0 means the connection was dropped.

    ``body`` and ``response`` are the request's and the answer's bodies: decoded JSON (or
    text), with passwords and the API key masked as ``***``; None when empty (or, for
    ``response``, when the connection was dropped). A body over ``FakeStats.body_limit``
    bytes, or a streamed one, is replaced by a short note saying it was not kept.
    """

    time: float  # the event loop's clock (anyio.current_time()) at arrival
    method: str
    path: str
    query: dict[str, str]  # first value of each parameter, api_key removed
    status: int
    body: Any = None
    response: Any = None


@dataclass(slots=True)
class FakeStats:
    """Counters the fake keeps about what it received and answered."""

    requests: int = 0
    """Every arrival, whatever the outcome."""
    rate_limited: int = 0
    """How many 429s were sent."""
    status_counts: Counter[int] = field(default_factory=Counter)
    """Responses per status code; 0 counts dropped connections."""
    max_in_window: int = 0
    """Most admitted requests seen in any rate window for one key on one host (0 when
    rate_limit=None)."""
    dropped: int = 0
    """Requests answered by closing the connection (drop faults)."""
    truncated: int = 0
    """Responses cut short (truncate faults)."""
    log: list[LogEntry] = field(default_factory=list)
    """Every request in arrival order."""
    body_limit: int = 16 * 1024
    """The largest body, in bytes, the log keeps (a page of 100 leads is about 56 KiB)."""

    def __repr__(self) -> str:
        counts = dict(sorted(self.status_counts.items()))
        return (
            f"FakeStats(requests={self.requests}, rate_limited={self.rate_limited}, "
            f"status_counts={counts}, max_in_window={self.max_in_window}, "
            f"dropped={self.dropped}, truncated={self.truncated}, log=<{len(self.log)} entries>)"
        )

    def reset(self) -> None:
        """Zero every counter and clear the log (the live rate window is not reset)."""
        self.requests = self.rate_limited = self.max_in_window = 0
        self.dropped = self.truncated = 0
        self.status_counts.clear()
        self.log.clear()


def record(stats: FakeStats, api_key: str, inner: Pipeline) -> Pipeline:
    """Outermost layer: count and log every request (``api_key`` is masked in the logged
    bodies), and turn bugs into plain 500s."""

    def handle(request: Request) -> Outcome:
        stats.requests += 1
        try:
            outcome = inner(request)
        except Exception:
            log.exception("fake SmartLead handler failed for %s %s", request.method, request.path)
            outcome = json_response(500, {"error": "Internal server error"})
        response: Response | None = None
        if isinstance(outcome, Drop):
            stats.dropped += 1
        elif isinstance(outcome, Truncate):
            response = outcome.response
            stats.truncated += 1
        else:
            response = outcome
        status = 0 if response is None else response.status
        stats.status_counts[status] += 1
        if status == 429:
            stats.rate_limited += 1
        query = {k: v[0] for k, v in request.query.items() if k != "api_key"}
        limit = stats.body_limit
        stats.log.append(LogEntry(
            request.arrived, request.method, request.path, query, status,
            logged_body(request.body, limit=limit, api_key=api_key),
            None if response is None else logged_response(response, limit=limit,
                                                          api_key=api_key),
        ))  # fmt: skip
        return outcome

    return handle


def query_key(request: Request) -> str | None:
    """The ``api_key`` query parameter, when it is given once (SmartLead)."""
    values = request.query.get("api_key")
    return values[0] if values is not None and len(values) == 1 else None


def header_key(request: Request) -> str | None:
    """The ``X-Api-Key`` header, else an ``Authorization: Bearer`` token (SendKit takes
    either)."""
    bearer = None
    for name, value in request.headers:
        if name == b"x-api-key":
            return value.decode("latin-1")
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            bearer = value[7:].decode("latin-1").strip()
    return bearer


def authenticate(
    api_key: str, inner: Pipeline, *, key_of: KeyOf = query_key, denied: Response | None = None
) -> Pipeline:
    """``denied`` (a 401) unless the key the request presents is exactly the fake's key."""
    refusal = denied or json_response(401, {"message": "Invalid API key"})

    def handle(request: Request) -> Outcome:
        if key_of(request) != api_key:
            return refusal
        return inner(request)

    return handle


def limit_rate(
    window: SlidingWindow, stats: FakeStats, retry_after_header: bool, inner: Pipeline,
    *, key_of: KeyOf = query_key,
) -> Pipeline:
    """429 when the key already has N admitted requests in the last W seconds on the host.

    Each host keeps its own window: SmartLead publishes no limit for its other products, and
    the SDK counts each host apart.
    """

    def handle(request: Request) -> Outcome:
        key = f"{host_of(request.path)}\n{key_of(request) or ''}"
        admission = window.admit(key, request.arrived)
        if not admission.admitted:
            retry_after = admission.retry_after
            headers = []
            if retry_after_header:
                headers.append((b"retry-after", window.retry_after_header(retry_after).encode()))
            return json_response(
                429,
                {
                    "error": {
                        "code": "rate_limited",
                        "message": (
                            f"Rate limit exceeded: {window.limit} requests per "
                            f"{window.period:g} seconds"
                        ),
                        "retry_after": math.ceil(retry_after * 1000) / 1000,  # never early
                    }
                },
                headers,
            )
        stats.max_in_window = max(stats.max_in_window, admission.in_window)
        return inner(request)

    return handle


_ERROR_JSON: dict[int, dict[str, Any]] = {
    500: {"statusCode": 500, "error": "Internal Server Error", "message": "Something went wrong"},
    502: {"message": "Bad Gateway"},
    503: {"ok": False, "message": "Service temporarily unavailable", "errorCode": "UNAVAILABLE"},
}
_ERROR_HTML = (
    "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
}


def _error_page(injector: FaultInjector) -> Response:
    status, html = injector.error_status()
    if html:
        return html_response(status, _ERROR_HTML.format(code=status, reason=_REASONS[status]))
    return json_response(status, _ERROR_JSON[status])


def inject_faults(injector: FaultInjector, inner: Pipeline) -> Pipeline:
    """Errors replace the handler; drops and truncations lose the response after it ran."""

    def handle(request: Request) -> Outcome:
        kind = injector.decide()
        if kind is FaultKind.ERROR:
            return _error_page(injector)
        outcome = inner(request)
        if kind is FaultKind.DROP:
            return Drop()
        if kind is FaultKind.TRUNCATE and isinstance(outcome, Response):
            length = outcome.length
            return Truncate(outcome, injector.cut(STREAM_CUT_WINDOW if length is None else length))
        return outcome

    return handle


def build_pipeline(
    route: Pipeline,
    *,
    api_key: str,
    stats: FakeStats,
    rate_limit: tuple[int, float] | None,
    retry_after_header: bool,
    faults: Faults | None,
    key_of: KeyOf = query_key,
    denied: Response | None = None,
) -> Pipeline:
    """stats -> auth -> rate window (unless ``rate_limit`` is None) -> faults (if any) ->
    ``route``: the pipeline of a fake API."""
    pipeline = route
    if faults is not None:
        pipeline = inject_faults(FaultInjector(faults), pipeline)
    if rate_limit is not None:
        window = SlidingWindow(*rate_limit)
        pipeline = limit_rate(window, stats, retry_after_header, pipeline, key_of=key_of)
    return record(stats, api_key, authenticate(api_key, pipeline, key_of=key_of, denied=denied))
