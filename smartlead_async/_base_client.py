"""The request pipeline of every resource: auth, rate limit, deadlines, retries, decoding."""

from __future__ import annotations

import inspect
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import aclosing, asynccontextmanager
from typing import Any, TypeVar, overload

import anyio
import attrs
import httpx

from ._args import positive_seconds
from ._auth import Auth
from ._constants import ERROR_BODY_MAX_BYTES
from ._decoding import Decoder, Where
from ._error_body import decode_error_body, error_message, retry_after_from_body
from ._event_loop import LoopBinding
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    InvalidTotal,
    make_status_error,
)
from ._ratelimit import Admission, RateLimiter, SlidingWindowLimiter, route_of
from ._ratelimit._reset import with_sane_reset
from ._raw_response import record_response
from ._redact import mask_secret_fields, redact, redact_deep, redact_headers
from ._response_body import body_chunks, declared_length, read_at_most
from ._retry import (
    backoff_delay,
    is_idempotent,
    parse_retry_after,
    sane_retry_after,
    should_retry_status,
    should_retry_transport_error,
)

log = logging.getLogger("smartlead_async")

QueryParams = Mapping[str, str | int]
T = TypeVar("T")

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@attrs.frozen
class _Failure:
    """An attempt that failed: the error, whether to try again, and a wait the server asked for."""

    error: APIError
    retryable: bool
    wait: float | None = None
    #: Whether it would be worth another attempt for a request declared idempotent (a
    #: read-only POST); only a non-idempotent method makes this differ from ``retryable``.
    retryable_if_idempotent: bool | None = None

    @classmethod
    def by_policy(
        cls, error: APIError, method: str, policy: Callable[[str], bool],
        wait: float | None = None,
    ) -> _Failure:
        """A failure whose retry depends on the method: ``policy(method)`` decides."""
        return cls(error, policy(method), wait, policy("GET"))

    def worth_retrying(self, idempotent: bool | None) -> bool:
        """Whether to try again, for a request declared ``idempotent`` or not (None: by method)."""
        if idempotent and self.retryable_if_idempotent is not None:
            return self.retryable_if_idempotent
        return self.retryable


@attrs.frozen
class _Reply:
    """A 2xx answer: its response (still open when streamed) and its body (unless streamed)."""

    response: httpx.Response
    content: bytearray = attrs.field(factory=bytearray)


class APIClient:
    """Sends requests to an API (SmartLead, SendKit) on behalf of every resource of one client.

    Every attempt has a deadline, ``timeout`` seconds, that bounds all of it: connecting,
    sending, waiting for the headers and reading the whole body (for a stream, up to the
    headers; then ``idle_timeout`` bounds each wait for the next chunk). The wait for the
    rate limiter comes before the deadline starts, so a request queued behind others does
    not time out for waiting its turn.

    Args:
        auth: how the API key goes on each request (:class:`QueryAuth` for SmartLead,
            :class:`HeaderAuth` for SendKit); its key is masked in every message.
        base_url: API root, e.g. ``https://server.smartlead.ai/api/v1``.
        http_client: the pooled ``httpx.AsyncClient`` to send through.
        owns_http_client: whether :meth:`aclose` closes ``http_client``.
        limiter: rate limiter acquired before every attempt, or ``None``.
        loop: the event loop binding of the client (shared by its hosts' pipelines, which
            share its pool): every request and :meth:`aclose` check it.
        max_retries: retries after the first attempt, unless a call overrides it.
        penalty_seconds: how long everyone pauses after a 429 that names no wait.
        timeout: the deadline of each attempt in seconds, unless a call overrides it.
        max_response_bytes: the largest body :meth:`request` reads into memory.
        max_rate_limit_pause: the longest pause an ``x-ratelimit-reset`` header may cause.
        phase_timeouts: whether each request sets httpx's per-phase timeouts (connect, read,
            write, pool) to its deadline, so that they follow a per-call ``timeout``; by
            default only for a pool the transport owns (a caller's pool keeps its own).
    """

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str,
        http_client: httpx.AsyncClient,
        owns_http_client: bool,
        limiter: RateLimiter | None,
        loop: LoopBinding,
        max_retries: int,
        penalty_seconds: float,
        timeout: float,
        max_response_bytes: int,
        max_rate_limit_pause: float,
        phase_timeouts: bool | None = None,
    ) -> None:
        self._auth = auth
        self._api_key = auth.secret
        self.base_url = base_url.rstrip("/")
        self.http_client = http_client
        self._owns_http = owns_http_client
        #: Whether httpx's per-phase timeouts follow each call's deadline (in a pool the SDK
        #: built; a caller's own pool keeps its timeouts).
        self.phase_timeouts = owns_http_client if phase_timeouts is None else phase_timeouts
        self.limiter = limiter
        self.max_retries = max_retries
        self._penalty_seconds = penalty_seconds
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        self._max_rate_limit_pause = max_rate_limit_pause
        self._closed = False
        self._loop = loop

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` was called."""
        return self._closed

    async def aclose(self) -> None:
        """Stop accepting requests and close the HTTP pool if this transport created it.

        Raises:
            WrongEventLoopError: called in another event loop than the requests were sent
                in, which the pool's connections belong to (the client is closed all the same).
        """
        self._closed = True
        self._loop.check()
        if isinstance(self.limiter, SlidingWindowLimiter):
            await self.limiter.aclose()  # a store's connection is bound to this event loop
        if self._owns_http:
            await self.http_client.aclose()

    def __repr__(self) -> str:
        return f"APIClient(base_url={self.base_url!r}, api_key='***')"

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
        decode: None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> Any: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
        decode: Decoder[T],
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> T: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
        decode: Decoder[T] | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Send a request with retries and return its body, decoded by ``decode``.

        Without ``decode``: the decoded JSON, the text of a non-JSON 2xx body, or ``None`` for
        an empty one. ``decode`` runs inside each attempt, so a GET whose body is cut short or
        lacks a field its model requires is retried like any other broken answer.
        ``timeout`` overrides the transport's deadline for each attempt of this call;
        ``headers`` are added to the request's. ``idempotent=True`` declares a request safe
        to repeat whatever its method (a read-only POST such as a master-inbox view), so it
        is retried like a GET.

        Raises:
            APIStatusError: (a subclass per status) for an error status, after retries; also
                a 2xx body that says ``ok: false`` (never retried).
            APITimeoutError: when an attempt's deadline passed, after retries.
            APIConnectionError: when no complete response arrived, after retries.
            APIResponseError: when a 2xx body cannot be decoded (after retries), or the body
                is larger than ``max_response_bytes`` (not retried).
        """
        where = _describe(path, params)
        origin = Where(method, path, secret=self._api_key)
        deadline = self._deadline(timeout)

        async def attempt() -> Any:
            outcome = await self._send(
                method, path, where, params, json_body, deadline=deadline, headers=headers
            )
            if isinstance(outcome, _Failure):
                return outcome
            record_response(outcome.response, outcome.content)
            try:
                body = _decode_success(outcome, method, where)
                return body if decode is None else decode(body, origin)
            except InvalidTotal:
                raise  # the paginator asks for the page again, once: not a retry's job
            except APIResponseError as error:
                return _Failure.by_policy(error, method, is_idempotent)  # body cut short

        return await self._with_retries(method, where, max_retries, attempt, idempotent)

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
        timeout: float | None = None,
        idle_timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """Send a request like :meth:`request` and yield its 2xx body as it arrives.

        ``async with transport.stream("GET", path) as chunks: async for chunk in chunks: ...``
        Rate limiting, retries, error mapping and the ``timeout`` deadline are those of
        :meth:`request`; they apply until the response headers arrive. Then each wait for
        the next chunk may last ``idle_timeout`` seconds (default: the deadline), however
        long the whole body takes. A failure while the body streams raises
        :class:`APIConnectionError` (:class:`APITimeoutError` for a stall); it is not
        retried, as part of the body was already consumed. The body is not limited by
        ``max_response_bytes``: it is never held in memory. The response is closed when the
        block exits.
        """
        where = _describe(path, params)
        deadline = self._deadline(timeout)
        idle = deadline if idle_timeout is None else positive_seconds("idle_timeout", idle_timeout)

        async def attempt() -> _Reply | _Failure:
            return await self._send(
                method, path, where, params, json_body, deadline=deadline, idle_timeout=idle,
                headers=headers,
            )

        reply: _Reply = await self._with_retries(method, where, max_retries, attempt)
        try:
            yield self._body_chunks(reply.response, method, where, idle)
        finally:
            await reply.response.aclose()

    def _deadline(self, timeout: float | None) -> float:
        return self.timeout if timeout is None else positive_seconds("timeout", timeout)

    async def _with_retries(
        self,
        method: str,
        where: str,
        max_retries: int | None,
        attempt: Callable[[], Awaitable[Any]],
        idempotent: bool | None = None,
    ) -> Any:
        """Run ``attempt`` until it returns something other than a :class:`_Failure`."""
        if self._closed:
            raise ClientClosedError("this client is closed; create a new one")
        self._loop.check()
        retries = self.max_retries if max_retries is None else max_retries
        attempts = 0
        while True:
            attempts += 1
            outcome = await attempt()
            if not isinstance(outcome, _Failure):
                return outcome
            error = outcome.error
            if not outcome.worth_retrying(idempotent) or attempts > retries:
                error.attempts = attempts
                log.debug("%s %s: giving up after %d attempt(s): %s", method, where, attempts,
                          error.message)
                raise error
            delay = outcome.wait if outcome.wait is not None else backoff_delay(attempts)
            log.debug("%s %s: retry %d/%d in %.2fs: %s", method, where, attempts, retries, delay,
                      error.message)
            await anyio.sleep(delay)

    async def _send(
        self,
        method: str,
        path: str,
        where: str,
        params: QueryParams | None,
        json_body: Any,
        *,
        deadline: float,
        idle_timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> _Reply | _Failure:
        """One attempt: a 2xx :class:`_Reply` or a :class:`_Failure`, within ``deadline`` s.

        The limiter is waited for first, outside the deadline. With ``idle_timeout`` (a
        stream) the attempt ends at the 2xx headers and the reply's response is left open.
        """
        start = await self.limiter.acquire() if self.limiter is not None else None
        wire = _Wire(start)
        query, signed = self._auth.sign(params or {}, headers)
        request = self.http_client.build_request(
            method, self.base_url + path, params=query,
            json=json_body, headers=signed, extensions={"trace": wire.trace},
            timeout=(
                httpx.Timeout(max(deadline, idle_timeout or 0.0)) if self.phase_timeouts
                else httpx.USE_CLIENT_DEFAULT
            ),
        )
        with anyio.move_on_after(deadline) as scope:
            outcome = await self._exchange(
                request, method, where, wire, stream=idle_timeout is not None
            )
        if scope.cancelled_caught:
            return self._deadline_passed(
                method, where, deadline, wire, stream=idle_timeout is not None
            )
        if isinstance(start, Admission) and wire.round_trip is not None:
            await start.answered(
                route_of(method, path), wire.round_trip,
                success=not isinstance(outcome, _Failure),
            )
        if isinstance(outcome, _Failure) and _is_429(outcome) and self.limiter is not None:
            pause = outcome.wait if outcome.wait is not None else self._penalty_seconds
            if isinstance(start, Admission):
                await start.refused(pause)
            else:
                self.limiter.penalize(pause)
            outcome = attrs.evolve(outcome, wait=0.0)  # the limiter holds this task back too
        return outcome

    async def _exchange(
        self, request: httpx.Request, method: str, where: str, wire: _Wire, *, stream: bool
    ) -> _Reply | _Failure:
        """Send ``request`` and read its body, unless it is a 2xx to stream.

        The body is read chunk by chunk and counted: a 2xx body up to ``max_response_bytes``,
        an error body up to ``ERROR_BODY_MAX_BYTES`` (enough for its message). The response is
        closed here unless it is returned open for streaming.
        """
        started = time.monotonic()
        response: httpx.Response | None = None
        try:
            response = await self.http_client.send(request, stream=True)
            wire.response_arrived()
            log.debug("%s %s -> %d, headers in %.3fs", method, where, response.status_code,
                      time.monotonic() - started)
            self._learn_rate_limit(response.headers, method, where)
            if response.is_success and stream:
                reply, response = _Reply(response), None  # left open for the caller
                return reply
            if not response.is_success:
                content, _ = await read_at_most(response, ERROR_BODY_MAX_BYTES)
                return self._status_error(response, content, method, where)
            declared = declared_length(response)
            if declared is not None and declared > self.max_response_bytes:
                return self._too_large(f"Content-Length is {declared} bytes", method, where)
            content, more = await read_at_most(response, self.max_response_bytes)
            if more:
                return self._too_large("the body ran past it", method, where)
            return _Reply(response, content)
        except httpx.TransportError as exc:
            return self._transport_error(exc, method, where)
        except httpx.DecodingError as exc:  # a body that does not match its Content-Encoding
            return _Failure.by_policy(self._undecodable(exc, method, where), method, is_idempotent)
        except RuntimeError:  # httpx raises RuntimeError on a closed client
            if self.http_client.is_closed:
                raise ClientClosedError(
                    "the httpx.AsyncClient given to the client is closed"
                ) from None
            raise
        finally:
            if response is not None:
                with anyio.CancelScope(shield=True):  # also when the deadline cancelled a read
                    await response.aclose()

    def _learn_rate_limit(self, headers: httpx.Headers, method: str, where: str) -> None:
        """Tell the limiter the ``x-ratelimit-*`` headers, the reset made sane first."""
        if self.limiter is None:
            return
        sane, note = with_sane_reset(
            headers, now=time.time(), max_pause=self._max_rate_limit_pause
        )
        if note is not None:
            log.debug("%s %s: %s", method, where, note)
        self.limiter.update_from_headers(sane)

    async def _body_chunks(
        self, response: httpx.Response, method: str, where: str, idle_timeout: float
    ) -> AsyncIterator[bytes]:
        """The body of a streamed response; a stall or transport failure becomes an SDK error."""
        async with aclosing(body_chunks(response)) as chunks:
            while True:
                with anyio.move_on_after(idle_timeout) as idle:
                    try:
                        chunk = await anext(chunks, None)
                    except httpx.TransportError as exc:
                        raise self._transport_error(exc, method, where).error from None
                    except httpx.DecodingError as exc:
                        raise self._undecodable(exc, method, where) from None
                if idle.cancelled_caught:
                    raise APITimeoutError(
                        f"Response body stalled: no data for idle_timeout={idle_timeout:g} s",
                        method=method, path=where,
                    )
                if chunk is None:
                    return
                yield chunk

    def _deadline_passed(
        self, method: str, where: str, deadline: float, wire: _Wire, *, stream: bool
    ) -> _Failure:
        """The deadline passed: retry only if the request cannot have run (or is idempotent)."""
        awaited = "response headers" if stream else "complete response"
        error = APITimeoutError(
            f"Request timed out: no {awaited} within the timeout={deadline:g} s deadline",
            method=method, path=where,
        )
        sent = wire.may_have_been_sent
        return _Failure.by_policy(
            error, method, lambda m: should_retry_transport_error(m, request_was_sent=sent)
        )

    def _too_large(self, why: str, method: str, where: str) -> _Failure:
        """A 2xx body over ``max_response_bytes``: the same request would bring it again."""
        error = APIResponseError(
            f"Response body refused: larger than max_response_bytes={self.max_response_bytes} "
            f"({why})",
            method=method, path=where,
        )
        return _Failure(error, retryable=False)

    def _undecodable(self, exc: httpx.DecodingError, method: str, where: str) -> APIResponseError:
        detail = redact(str(exc) or type(exc).__name__, self._api_key)
        return APIResponseError(
            f"Response body could not be decoded ({detail})", method=method, path=where
        )

    def _transport_error(
        self, exc: httpx.TransportError, method: str, where: str
    ) -> _Failure:
        sent = not isinstance(exc, _NOT_SENT)
        detail = redact(str(exc) or type(exc).__name__, self._api_key)
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        kind = "timed out" if cls is APITimeoutError else "connection failed"
        error = cls(f"Request {kind} ({type(exc).__name__}: {detail})", method=method, path=where)
        return _Failure.by_policy(
            error, method, lambda m: should_retry_transport_error(m, request_was_sent=sent)
        )

    def _status_error(
        self, response: httpx.Response, content: bytearray, method: str, where: str
    ) -> _Failure:
        status = response.status_code
        body = mask_secret_fields(redact_deep(decode_error_body(bytes(content)), self._api_key))
        default = response.reason_phrase or f"HTTP {status}"
        message = redact(error_message(body, default=default), self._api_key)
        error = make_status_error(status, message, body, method=method, path=where,
                                  headers=redact_headers(response.headers, self._api_key))
        wait = parse_retry_after(response.headers)
        if status == 429:
            wait = wait if wait is not None else sane_retry_after(retry_after_from_body(body))
            wait = wait if wait is not None else self._penalty_seconds
        return _Failure.by_policy(error, method, lambda m: should_retry_status(m, status), wait)


class _Wire:
    """What httpcore's trace hook tells about one attempt: did the request leave, and when?

    The request counts as sent once its head starts going out (after any connection set-up:
    TCP, TLS). It is out once its body is written: from then on the server's rate window may
    count it, so the limiter's ``start`` callback is called then, to re-date the start, and
    the round trip runs from then to the response headers. A transport that reports no trace
    events at all (a mock, a custom one) gives no evidence, so its request may have been sent,
    and its round trip runs to the end of the send.
    """

    def __init__(self, start: Callable[[], object] | None) -> None:
        self._start = start
        self._traced = False
        self._head_sent = False
        self._out = time.monotonic()
        self._answered: float | None = None

    async def trace(self, event: str, info: Any) -> None:
        """The httpcore ``trace`` extension."""
        self._traced = True
        if event.endswith("send_request_headers.started"):
            self._head_sent = True
        elif event.endswith("send_request_body.complete"):
            self._out = time.monotonic()
            if self._start is not None:
                result = self._start()
                if inspect.isawaitable(result):
                    await result
        elif event.endswith("receive_response_headers.complete"):
            self._answered = time.monotonic()

    def response_arrived(self) -> None:
        """The response headers are in (for transports that report no trace events)."""
        if self._answered is None:
            self._answered = time.monotonic()

    @property
    def may_have_been_sent(self) -> bool:
        """False only when the connection was seen being set up and the head never left."""
        return self._head_sent or not self._traced

    @property
    def round_trip(self) -> float | None:
        """Seconds from the request leaving to its response headers; None without an answer."""
        return None if self._answered is None else self._answered - self._out


def _is_429(failure: _Failure) -> bool:
    return isinstance(failure.error, APIStatusError) and failure.error.status_code == 429


def _decode_success(reply: _Reply, method: str, where: str) -> Any:
    response, content = reply.response, reply.content
    if not content or content.isspace():  # not .strip(): no copy of a large body
        return None
    content_type = response.headers.get("content-type", "")
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested too deep to decode
        if "json" in content_type:
            raise APIResponseError(
                f"Response body is not valid JSON ({len(content)} bytes, "
                f"status {response.status_code})",
                method=method, path=where,
            ) from None
        return content.decode("utf-8", errors="replace").strip()


def _describe(path: str, params: QueryParams | None) -> str:
    """``path?query`` for messages and logs; the API key is never part of it."""
    if not params:
        return path
    return path + "?" + "&".join(f"{key}={value}" for key, value in params.items())
