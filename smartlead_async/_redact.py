"""Keeping the API key out of every message, repr and log record.

SmartLead authenticates with ``?api_key=`` in the query string, so any printed URL leaks it.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

_API_KEY_IN_TEXT = re.compile(r"(api_key=)[^&\s'\"<>]+", re.IGNORECASE)
REDACTED = "***"
#: JSON fields whose values are credentials (mailbox passwords, client API keys, the
#: one-time passwords of Smart Senders mailboxes).
SECRET_FIELDS = frozenset({"password", "imap_password", "api_key", "apiKey", "otp"})


def redact(text: str, *secrets: str) -> str:
    """Return ``text`` with every ``api_key=...`` value and every given secret masked.

    A secret is also masked in its URL-encoded forms (``%2F``, ``+``...), as a server that
    echoes the request URL shows it.
    """
    text = _API_KEY_IN_TEXT.sub(r"\1" + REDACTED, text)
    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}:
                text = text.replace(form, REDACTED)
    return text


def redact_deep(value: Any, *secrets: str) -> Any:
    """:func:`redact` applied to every string inside decoded JSON (for error bodies)."""
    if isinstance(value, str):
        return redact(value, *secrets)
    if isinstance(value, dict):
        return {key: redact_deep(item, *secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_deep(item, *secrets) for item in value]
    return value


def mask_secret_fields(value: Any) -> Any:
    """Decoded JSON with the value of every :data:`SECRET_FIELDS` field replaced by ``***``."""
    if isinstance(value, dict):
        return {
            key: REDACTED if key in SECRET_FIELDS and item is not None
            else mask_secret_fields(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [mask_secret_fields(item) for item in value]
    return value
def redact_headers(headers: httpx.Headers, *secrets: str) -> httpx.Headers:
    """A copy of response ``headers`` for an exception: :func:`redact` applied to every value
    (a server may echo the request URL, e.g. in ``Location``), and ``Set-Cookie`` hidden."""
    return httpx.Headers([
        (name, REDACTED if name.lower() == "set-cookie" else redact(value, *secrets))
        for name, value in headers.multi_items()
    ])


class RedactingFilter(logging.Filter):
    """A logging filter that masks ``api_key=...`` in records (httpx logs full URLs at INFO)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


def install_httpx_log_redaction() -> None:
    """Attach :class:`RedactingFilter` once to httpx's logger, whose INFO line prints URLs."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
