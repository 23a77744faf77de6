"""Pure retry policy: what is retried, how long to wait, and how to read Retry-After."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping

from ._constants import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRYABLE_STATUS_CODES,
)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_idempotent(method: str) -> bool:
    """Whether repeating ``method`` cannot change the server's state twice."""
    return method.upper() in IDEMPOTENT_METHODS


def should_retry_status(method: str, status_code: int) -> bool:
    """Whether a response status is worth another attempt.

    429 means the request was not processed, so every method retries it; other retryable
    statuses (408, 5xx) may come after the server acted, so only idempotent methods retry.
    """
    if status_code == 429:
        return True
    return status_code in RETRYABLE_STATUS_CODES and is_idempotent(method)


def should_retry_transport_error(method: str, *, request_was_sent: bool) -> bool:
    """Whether a connection-level failure is worth another attempt.

    A failure before the request left (connect error, connect timeout, pool timeout) is safe to
    retry for any method; after it left, only idempotent methods retry.
    """
    return not request_was_sent or is_idempotent(method)


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date).

    Returns ``None`` when absent, unparsable, negative or above the sanity cap.
    """
    value: float | None = None
    raw_ms = headers.get("retry-after-ms")
    raw = headers.get("retry-after")
    if raw_ms is not None:
        value = _to_float(raw_ms)
        value = value / 1000 if value is not None else None
    if value is None and raw is not None:
        value = _to_float(raw)
        if value is None:
            parsed = _parse_http_date(raw)
            if parsed is not None:
                value = parsed - (time.time() if now is None else now)
    return sane_retry_after(value)


def sane_retry_after(value: float | None) -> float | None:
    """Return ``value`` when it is a usable wait in seconds, else ``None``."""
    if value is None or value != value or value < 0 or value > MAX_RETRY_AFTER:
        return None
    return value


def backoff_delay(attempt: int, *, rand: float | None = None) -> float:
    """Exponential backoff with jitter for retry number ``attempt`` (1-based), capped.

    The delay is ``min(INITIAL * 2**(attempt-1), MAX)`` scaled by a jitter factor in [0.5, 1].
    """
    base = min(INITIAL_RETRY_DELAY * 2.0 ** max(attempt - 1, 0), MAX_RETRY_DELAY)
    jitter = random.random() if rand is None else rand
    return base * (0.5 + 0.5 * jitter)


def _to_float(raw: str) -> float | None:
    try:
        return float(raw.strip())
    except ValueError:
        return None


def _parse_http_date(raw: str) -> float | None:
    try:
        return float(email.utils.parsedate_to_datetime(raw).timestamp())
    except (TypeError, ValueError, IndexError):
        return None
