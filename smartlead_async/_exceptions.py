"""The SDK's exceptions, in one tree rooted at :class:`SmartleadError`::

    SmartleadError
    ├── MissingAPIKeyError             no key given, none in the environment
    ├── ClientClosedError              (also a RuntimeError) a client used after aclose()
    ├── WrongEventLoopError            (also a RuntimeError) a client used from another loop
    ├── InvalidArgumentError           (also a ValueError) refused before any request
    ├── InvalidArgumentTypeError       (also a TypeError) refused before any request
    ├── RateLimitStoreError            the shared rate-limit store is unreachable
    ├── WebhookPayloadError            (also a ValueError) a webhook body is not an event
    ├── WebhookAuthenticationError     (also a ValueError) a webhook secret does not match
    ├── FanInError                     some listings of a fan-in failed (``failures``)
    └── ResumableError                 can stop a paginated iteration: ``resume_point``
        ├── InconsistentListingError   pages contradict each other beyond repair
        └── APIError                   talking to the API failed: ``method``, ``path``
            ├── APIConnectionError     no complete response
            │   └── APITimeoutError    the attempt's deadline passed
            ├── APIResponseError       a 2xx body of the wrong shape or size
            │   └── InvalidTotal       a page's total that is not a count
            └── APIStatusError         an error status: ``status_code``, ``body``, ``headers``
                ├── BadRequestError            400
                ├── AuthenticationError        401
                ├── PermissionDeniedError      403
                ├── NotFoundError              404 (or a 200 with an empty body for a get)
                ├── UnprocessableEntityError   422
                ├── RateLimitError             429, after every retry
                └── ServerError                5xx

No exception carries the httpx request or URL: the API key travels in the query string, so
only the method and a redacted path are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ._pagination.resume import ResumePoint

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "FanInError",
    "InconsistentListingError",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "ListingFailure",
    "MissingAPIKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitStoreError",
    "ResumableError",
    "ServerError",
    "SmartleadError",
    "UnprocessableEntityError",
    "WebhookAuthenticationError",
    "WebhookPayloadError",
    "WrongEventLoopError",
    "make_status_error",
    "status_error_class",
]


class SmartleadError(Exception):
    """Base class of every error this SDK raises."""


class MissingAPIKeyError(SmartleadError):
    """No API key was given and ``SMARTLEAD_API_KEY`` is not set."""


class ClientClosedError(SmartleadError, RuntimeError):
    """The client was used after ``aclose()`` or after its ``async with`` block ended."""


class WrongEventLoopError(SmartleadError, RuntimeError):
    """A client was used from an event loop that cannot serve it.

    An async client's connections belong to the event loop it first sent a request in: using
    it in another loop (one client reused across two ``asyncio.run()`` calls, say) raises this
    instead of failing deep in the connection pool. A :class:`SmartleadSyncClient` raises it
    when called from inside its own event loop's thread, where a call would wait for itself.
    """


class ResumableError(SmartleadError):
    """An error that can stop a paginated iteration; it then says where to continue.

    Attributes:
        resume_point: set when this error stopped an iteration: pass it as ``start_from=`` to
            a new paginator (in any process: see :class:`ResumePoint`) to continue with no
            record lost and none repeated.
    """

    resume_point: ResumePoint | None = None

    @property
    def resume_offset(self) -> int | None:
        """The offset of :attr:`resume_point` (``start_offset=`` for a list that did not
        move; on a list that moved, only ``start_from=resume_point`` drops the overlap)."""
        return None if self.resume_point is None else self.resume_point.offset

    def _resume_hint(self) -> str:
        if self.resume_point is None:
            return ""
        return f"; resume with start_from=error.resume_point (offset {self.resume_point.offset})"


class InconsistentListingError(ResumableError):
    """A listing's pages contradicted each other beyond repair, so paging stopped.

    Raised instead of quietly ending an iteration that might have missed records: a page
    contradicted its own total twice in a row, the server kept answering with records already
    yielded (it ignores the offset), or the list moved more between two requests than a page
    can absorb.

    Attributes:
        context: what was being paged.
        resume_point: where to continue (see :class:`ResumableError`).
    """

    def __init__(self, message: str, *, context: str) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def __str__(self) -> str:
        return f"{self.message}; while {self.context}{self._resume_hint()}"


@attrs.frozen
class ListingFailure:
    """One listing that failed: its id, the error, and where to resume it."""

    id: int
    error: SmartleadError

    @property
    def resume_point(self) -> ResumePoint | None:
        """The ``start_from=`` that continues this listing with no record lost or repeated."""
        return self.error.resume_point if isinstance(self.error, ResumableError) else None

    @property
    def resume_offset(self) -> int | None:
        """The offset of :attr:`resume_point`."""
        return None if self.resume_point is None else self.resume_point.offset


class FanInError(SmartleadError):
    """Some listings failed; every other listing was delivered in full before this was raised.

    Attributes:
        failures: one :class:`ListingFailure` per failed listing, with its resume point.
    """

    def __init__(self, failures: list[ListingFailure]) -> None:
        self.failures = failures
        details = "; ".join(f"{f.id}: {f.error}" for f in failures)
        super().__init__(f"{len(failures)} listing(s) failed: {details}")


class RateLimitStoreError(SmartleadError):
    """The shared rate-limit store (a SQLite file, a Redis server) could not be used.

    Raised by default when the store is unreachable; ``RateLimit(store_fallback=0.5)`` falls
    back to an in-process limit instead.

    Attributes:
        store: the store's URL, with any password masked.
    """

    def __init__(self, message: str, *, store: str) -> None:
        super().__init__(message)
        self.store = store


class InvalidArgumentError(SmartleadError, ValueError):
    """An argument has a value the API does not accept; raised before any request is sent."""


class InvalidArgumentTypeError(SmartleadError, TypeError):
    """An argument has a type the method does not accept; raised before any request is sent."""


class APIError(ResumableError):
    """An error that happened while talking to the API.

    Attributes:
        method: HTTP method of the failed request.
        path: request path relative to the base URL (never includes the API key).
        attempts: how many attempts were made before giving up.
        resume_point: set when the error stopped a paginated iteration: pass it as
            ``start_from=`` to continue without losing or repeating records.
        context: what the SDK was doing (e.g. "paging leads of campaign 42"), when known.
    """

    def __init__(self, message: str, *, method: str, path: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.attempts = attempts
        self.context: str | None = None

    def add_context(self, context: str) -> None:
        """Say what the SDK was doing when this error stopped it, as ``add_note`` adds a note.

        The innermost caller knows best: a context already given is kept.
        """
        if self.context is None:
            self.context = context

    def __str__(self) -> str:
        text = f"{self.message} [{self.method} {self.path}]"
        if self.attempts > 1:
            text += f" (after {self.attempts} attempts)"
        if self.context:
            text += f"; while {self.context}"
        return text + self._resume_hint()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class APIConnectionError(APIError):
    """The request could not be sent or no complete response arrived."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIResponseError(APIError):
    """A response arrived but its body could not be decoded as the expected JSON."""


class InvalidTotal(APIResponseError):
    """A page's total is there but is not a count (negative, or not a number).

    The paginator fetches such a page once more before giving up with
    :class:`InconsistentListingError`; awaited directly, it is an :class:`APIResponseError`.
    """


class APIStatusError(APIError):
    """The API answered with a non-success status code.

    Attributes:
        status_code: the HTTP status.
        body: the decoded JSON body (or the text when it was not JSON).
        headers: the response's headers (``x-ratelimit-*``, request ids...), read
            case-insensitively; the API key is masked wherever a server echoed it, and
            cookies the server set are hidden. Empty when the error was not an HTTP error
            status (e.g. a get that answered 200 with an empty body).
    """

    def __init__(
        self, message: str, *, status_code: int, body: Any, method: str, path: str,
        attempts: int = 1, headers: httpx.Headers | None = None,
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        self.status_code = status_code
        self.body = body
        self.headers = headers if headers is not None else httpx.Headers()

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {super().__str__()}"


class BadRequestError(APIStatusError):
    """400 Bad Request."""


class AuthenticationError(APIStatusError):
    """401 Unauthorized: the API key is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""


class NotFoundError(APIStatusError):
    """404 Not Found (also raised when a get answers 200 with an empty body)."""


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity: the API rejected the parameters."""


class RateLimitError(APIStatusError):
    """429 Too Many Requests, after every retry was used."""


class ServerError(APIStatusError):
    """5xx: the API failed."""


class WebhookPayloadError(SmartleadError, ValueError):
    """A webhook body is not a SmartLead event: not JSON, not an object, or no event type.

    The message names what is wrong; it never echoes the body (which carries the secret).
    """


class WebhookAuthenticationError(SmartleadError, ValueError):
    """A webhook payload's ``secret_key`` is missing or does not match the configured secret.

    The message never contains either secret.
    """


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an error status (5xx -> ServerError, others -> APIStatusError)."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)


def make_status_error(
    status_code: int, message: str, body: Any, *, method: str, path: str,
    headers: httpx.Headers | None = None,
) -> APIStatusError:
    """Build the exception for an error response (``headers`` already redacted)."""
    cls = status_error_class(status_code)
    return cls(
        message, status_code=status_code, body=body, method=method, path=path, headers=headers
    )
