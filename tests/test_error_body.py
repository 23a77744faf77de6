"""Every error body shape the API sends yields a readable message."""

from __future__ import annotations

from typing import Any

import pytest

from smartlead_async._error_body import decode_error_body, error_message, retry_after_from_body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": "Campaign not found - Invalid campaign_id."},
         "Campaign not found - Invalid campaign_id."),
        ({"message": "Invalid API key"}, "Invalid API key"),
        ({"error": {"code": "rate_limited", "message": "Too many requests", "retry_after": 2}},
         "Too many requests (code: rate_limited)"),
        ({"ok": False, "message": "Bulk reconnect limit", "errorCode": "LIMIT"},
         "Bulk reconnect limit (errorCode: LIMIT)"),
        ({"statusCode": 422, "error": "Unprocessable Entity", "message": "limit too big",
          "validation": {"query": {"keys": ["limit"]}}},
         'limit too big (validation: {"query": {"keys": ["limit"]}})'),
        ({"message": ["offset must be >= 0", "limit must be <= 100"]},
         "offset must be >= 0; limit must be <= 100"),
        ("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
         "502 Bad Gateway"),
        ("<html><body><h1>Service   Unavailable</h1></body></html>", "Service Unavailable"),
        ("Internal Server Error", "Internal Server Error"),
        ({"error": "Forbidden", "message": "You don't have permission to access this resource",
          "code": 403}, "You don't have permission to access this resource"),
        ({"success": False, "error": "Campaign not found"}, "Campaign not found"),
        ({"success": False, "message": "Validation failed",
          "errors": [{"field": "limit", "message": "must be <= 100"}, "page must be >= 1"]},
         "Validation failed (limit: must be <= 100; page must be >= 1)"),
        ({"errors": [{"msg": "Invalid value", "param": "status"}]}, "status: Invalid value"),
        ({}, "fallback"),
        ("", "fallback"),
        (None, "fallback"),
        ([1, 2], "fallback"),
    ],
)
def test_error_message_is_read_from_every_body_shape(body: Any, expected: str) -> None:
    assert error_message(body, default="fallback") == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"error": "x"}', {"error": "x"}),
        (b"not json", "not json"),
        (b"\xff\xfe broken", "\ufffd\ufffd broken"),
        (b"", ""),
    ],
)
def test_decode_error_body_never_raises(content: bytes, expected: Any) -> None:
    assert decode_error_body(content) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": {"retry_after": 1.5}}, 1.5),
        ({"retry_after": "3"}, 3.0),
        ({"error": {"retry_after": "soon"}}, None),
        ({"error": "slow down"}, None),
        ("text", None),
        ({"retry_after": True}, None),
    ],
)
def test_retry_after_is_read_from_the_body(body: Any, expected: float | None) -> None:
    assert retry_after_from_body(body) == expected
