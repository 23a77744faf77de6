"""Mapping an HTTP status to the exception class that represents it."""

from __future__ import annotations

from typing import Any

import httpx

from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
)

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
