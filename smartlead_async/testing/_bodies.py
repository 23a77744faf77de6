"""What the request log keeps of a request or response body: decoded, with secrets masked.

A body is kept as its decoded JSON (or its text when it is not JSON), with every value of a
secret field (``SECRET_FIELDS``: passwords, API keys) and every occurrence of the fake's API
key replaced by ``***``. A body larger than the log's limit, or one streamed while it is
sent (the CSV export), is not kept: a short note saying so stands in for it, so that logging
a long export costs a few bytes per request, not the pages themselves.
"""

from __future__ import annotations

import json
from typing import Any

from .._redact import SECRET_FIELDS, mask_secret_fields, redact, redact_deep
from ._http import Response

__all__ = ["logged_body", "logged_response"]


def logged_body(body: bytes, *, limit: int, api_key: str) -> Any:
    """A body as the log keeps it: decoded JSON or text, secrets masked; None when empty."""
    if not body:
        return None
    if len(body) > limit:
        return f"<{len(body):,} bytes, not kept: over the log's limit of {limit:,}>"
    text = body.decode("utf-8", errors="replace")
    try:
        decoded = json.loads(text)
    except ValueError:
        return redact(text, api_key)
    # Walking the decoded body costs far more than decoding it: only walk when the text
    # holds something to mask (the key in any of its encodings, or a secret field).
    if any(f'"{name}"' in text for name in SECRET_FIELDS):
        decoded = mask_secret_fields(decoded)
    if redact(text, api_key, json.dumps(api_key)[1:-1]) != text:
        decoded = redact_deep(decoded, api_key)
    return decoded


def logged_response(response: Response, *, limit: int, api_key: str) -> Any:
    """A response's body as the log keeps it (see :func:`logged_body`)."""
    if response.stream is not None:
        return "<streamed body, not kept>"
    return logged_body(response.body, limit=limit, api_key=api_key)
