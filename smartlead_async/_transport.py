"""The only module that touches httpx: auth, rate limiting, retries, decoding, error mapping."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

import anyio
import attrs
import httpx

from ._error_body import decode_error_body, error_message, retry_after_from_body
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APITimeoutError,
    ClientClosedError,
)
from ._limiter import RateLimiter
from ._redact import redact, redact_deep, redact_headers
from ._retry import (
    backoff_delay,
    is_idempotent,
    parse_retry_after,
    sane_retry_after,
    should_retry_status,
    should_retry_transport_error,
)
from ._status_errors import make_status_error

log = logging.getLogger("smartlead_async")

QueryParams = Mapping[str, str | int]

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@attrs.frozen
class _Failure:
    """An attempt that failed: the error, whether to try again, and a wait the server asked for."""

    error: APIError
    retryable: bool
    wait: float | None = None


class Transport:
    """Sends requests to the SmartLead API on behalf of every resource of one client.

    Args:
        api_key: the SmartLead API key, added as ``api_key`` to every request's query.
        base_url: API root, e.g. ``https://server.smartlead.ai/api/v1``.
        http_client: the pooled ``httpx.AsyncClient`` to send through.
        owns_http_client: whether :meth:`aclose` closes ``http_client``.
        limiter: rate limiter acquired before every attempt, or ``None``.
        max_retries: retries after the first attempt, unless a call overrides it.
        penalty_seconds: how long everyone pauses after a 429 that names no wait.
    """

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        http_client: httpx.AsyncClient,
        owns_http_client: bool,
        limiter: RateLimiter | None,
        max_retries: int,
        penalty_seconds: float,
    ) -> None:
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self._http = http_client
        self._owns_http = owns_http_client
        self.limiter = limiter
        self.max_retries = max_retries
        self._penalty_seconds = penalty_seconds
        self._closed = False

    def derive(self, *, max_retries: int | None = None) -> Transport:
        """A transport sharing this one's pool, key and limiter, with other options."""
        return Transport(
            api_key=self._api_key,
            base_url=self.base_url,
            http_client=self._http,
            owns_http_client=False,
            limiter=self.limiter,
            max_retries=self.max_retries if max_retries is None else max_retries,
            penalty_seconds=self._penalty_seconds,
        )

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` was called."""
        return self._closed

    async def aclose(self) -> None:
        """Stop accepting requests and close the HTTP pool if this transport created it."""
        self._closed = True
        if self._owns_http:
            await self._http.aclose()

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r}, api_key='***')"

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
    ) -> Any:
        """Send a request with retries and return the decoded body.

        Returns the decoded JSON, the text of a non-JSON 2xx body, or ``None`` for an empty one.

        Raises:
            APIStatusError: (a subclass per status) for an error status, after retries.
            APIConnectionError: when no complete response arrived, after retries.
            APIResponseError: when a 2xx JSON body cannot be decoded, after retries.
        """
        where = _describe(path, params)

        async def attempt() -> Any:
            outcome = await self._send(method, path, where, params, json_body, stream=False)
            if isinstance(outcome, _Failure):
                return outcome
            try:
                return _decode_success(outcome, method, where)
            except APIResponseError as error:
                return _Failure(error, retryable=is_idempotent(method))  # body cut short

        return await self._with_retries(method, where, max_retries, attempt)

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        max_retries: int | None = None,
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """Send a request like :meth:`request` and yield its 2xx body as it arrives.

        ``async with transport.stream("GET", path) as chunks: async for chunk in chunks: ...``
        Rate limiting, retries and error mapping are those of :meth:`request`; they apply
        until the response headers arrive. A failure while the body streams raises
        :class:`APIConnectionError` (not retried: part of the body was already consumed).
        The response is closed when the block exits.
        """
        where = _describe(path, params)

        async def attempt() -> httpx.Response | _Failure:
            return await self._send(method, path, where, params, json_body, stream=True)

        response: httpx.Response = await self._with_retries(method, where, max_retries, attempt)
        try:
            yield self._body_chunks(response, method, where)
        finally:
            await response.aclose()

    async def _with_retries(
        self,
        method: str,
        where: str,
        max_retries: int | None,
        attempt: Callable[[], Awaitable[Any]],
    ) -> Any:
        """Run ``attempt`` until it returns something other than a :class:`_Failure`."""
        if self._closed:
            raise ClientClosedError("this SmartleadClient is closed; create a new one")
        retries = self.max_retries if max_retries is None else max_retries
        attempts = 0
        while True:
            attempts += 1
            outcome = await attempt()
            if not isinstance(outcome, _Failure):
                return outcome
            error = outcome.error
            if not outcome.retryable or attempts > retries:
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
        stream: bool,
    ) -> httpx.Response | _Failure:
        """One attempt: the 2xx response (body unread when ``stream``), or a :class:`_Failure`."""
        sent = await self.limiter.acquire() if self.limiter is not None else None
        query = {**(params or {}), "api_key": self._api_key}
        started = time.monotonic()
        try:
            request = self._http.build_request(
                method, self.base_url + path, params=query, json=json_body,
                extensions={"trace": _on_headers_sent(sent)} if sent is not None else None,
            )
            response = await self._http.send(request, stream=stream)
            if stream and not response.is_success:
                try:
                    await response.aread()  # the error body, for the message
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            return self._transport_error(exc, method, where)
        except httpx.DecodingError as exc:  # a body that does not match its Content-Encoding
            return _Failure(self._undecodable(exc, method, where), is_idempotent(method))
        except RuntimeError:  # httpx raises RuntimeError on a closed client
            if self._http.is_closed:
                raise ClientClosedError(
                    "the httpx.AsyncClient given to SmartleadClient is closed"
                ) from None
            raise
        elapsed = time.monotonic() - started
        log.debug("%s %s -> %d in %.3fs", method, where, response.status_code, elapsed)
        if self.limiter is not None:
            self.limiter.update_from_headers(response.headers)
        if response.is_success:
            return response
        return self._status_error(response, method, where)

    async def _body_chunks(
        self, response: httpx.Response, method: str, where: str
    ) -> AsyncIterator[bytes]:
        """The body of a streamed response; a transport failure becomes an SDK error."""
        try:
            async for chunk in response.aiter_bytes():
                yield chunk
        except httpx.TransportError as exc:
            raise self._transport_error(exc, method, where).error from None
        except httpx.DecodingError as exc:
            raise self._undecodable(exc, method, where) from None

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
        return _Failure(error, should_retry_transport_error(method, request_was_sent=sent))

    def _status_error(
        self, response: httpx.Response, method: str, where: str
    ) -> _Failure:
        status = response.status_code
        body = redact_deep(decode_error_body(response.content), self._api_key)
        default = response.reason_phrase or f"HTTP {status}"
        message = redact(error_message(body, default=default), self._api_key)
        error = make_status_error(status, message, body, method=method, path=where,
                                  headers=redact_headers(response.headers, self._api_key))
        wait = parse_retry_after(response.headers)
        if status == 429:
            wait = wait if wait is not None else sane_retry_after(retry_after_from_body(body))
            pause = wait if wait is not None else self._penalty_seconds
            if self.limiter is not None:
                self.limiter.penalize(pause)
                wait = 0.0  # the limiter now holds every task back, this one included
            else:
                wait = pause
        return _Failure(error, should_retry_status(method, status), wait)


def _on_headers_sent(callback: Callable[[], None]) -> Callable[[str, Any], Awaitable[None]]:
    """An httpcore trace hook that calls ``callback`` when the request headers go out.

    That is after any connection set-up (TCP, TLS), the moment the server's rate window
    starts counting this request; the limiter re-dates the request's start to it.
    """

    async def trace(event: str, info: Any) -> None:
        if event.endswith("send_request_headers.started"):
            callback()

    return trace


def _decode_success(response: httpx.Response, method: str, where: str) -> Any:
    content = response.content
    if not content.strip():
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
