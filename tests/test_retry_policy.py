"""The retry policy as tables: what is retried, for how long, and Retry-After parsing."""

from __future__ import annotations

import email.utils

import pytest

from smartlead_async._constants import MAX_RETRY_DELAY
from smartlead_async._retry import (
    backoff_delay,
    parse_retry_after,
    should_retry_status,
    should_retry_transport_error,
)


@pytest.mark.parametrize(
    ("method", "status", "expected"),
    [
        ("GET", 408, True), ("GET", 429, True), ("GET", 500, True), ("GET", 502, True),
        ("GET", 503, True), ("GET", 504, True), ("GET", 400, False), ("GET", 401, False),
        ("GET", 404, False), ("GET", 422, False), ("GET", 501, False),
        ("POST", 429, True), ("POST", 500, False), ("POST", 503, False), ("POST", 408, False),
        ("DELETE", 429, True), ("DELETE", 502, False), ("PATCH", 504, False),
    ],
)
def test_which_statuses_are_retried(method: str, status: int, expected: bool) -> None:
    assert should_retry_status(method, status) is expected


@pytest.mark.parametrize(
    ("method", "sent", "expected"),
    [("GET", True, True), ("GET", False, True), ("POST", False, True), ("POST", True, False),
     ("DELETE", True, False)],
)
def test_transport_errors_are_retried_only_when_safe(
    method: str, sent: bool, expected: bool
) -> None:
    assert should_retry_transport_error(method, request_was_sent=sent) is expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "-1"}, None),
        ({"retry-after": "3600"}, None),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_header_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_retry_after_accepts_an_http_date() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 4, usegmt=True)
    assert parse_retry_after({"retry-after": header}, now=now) == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("attempt", "rand", "expected"),
    [(1, 1.0, 0.5), (1, 0.0, 0.25), (2, 1.0, 1.0), (3, 1.0, 2.0), (4, 1.0, 4.0),
     (5, 1.0, MAX_RETRY_DELAY), (30, 1.0, MAX_RETRY_DELAY), (30, 0.0, MAX_RETRY_DELAY / 2)],
)
def test_backoff_is_exponential_jittered_and_capped(
    attempt: int, rand: float, expected: float
) -> None:
    assert backoff_delay(attempt, rand=rand) == pytest.approx(expected)
