"""Pure policy: pull a human message out of whatever an error body looks like."""

from __future__ import annotations

import json
import re
from typing import Any

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_MAX_TEXT = 300


def decode_error_body(content: bytes) -> Any:
    """Decode an error body as JSON, falling back to its (lossy-decoded) text."""
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def error_message(body: Any, *, default: str) -> str:
    """Return the message an error body carries, or ``default``.

    Handles ``{"error": "..."}``, ``{"message": "..."}``, ``{"error": {"message": ...}}``,
    ``{"ok": false, "message", "errorCode"}``, ``{"statusCode", "error", "message",
    "validation"}`` and HTML or plain-text pages.
    """
    if isinstance(body, dict):
        return _message_from_dict(body) or default
    if isinstance(body, str):
        return _message_from_text(body) or default
    return default


def _message_from_dict(body: dict[str, Any]) -> str:
    error = body.get("error")
    parts: list[str] = []
    if isinstance(error, dict):
        parts.append(_text(error.get("message")) or _text(error.get("error")))
        if error.get("code"):
            parts.append(f"(code: {error['code']})")
    else:
        parts.append(_text(body.get("message")) or _text(error))
    if body.get("errorCode"):
        parts.append(f"(errorCode: {body['errorCode']})")
    if body.get("validation"):
        details = json.dumps(body["validation"], default=str, sort_keys=True)
        parts.append(f"(validation: {details})")
    return " ".join(part for part in parts if part)


def _text(value: Any) -> str:
    """Render a message-ish value: lists are joined, empty values become ``""``."""
    if value is None or value == "" or value == [] or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _message_from_text(text: str) -> str:
    title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    source = title.group(1) if title else _TAGS.sub(" ", text)
    cleaned = _SPACES.sub(" ", source).strip()
    return cleaned[:_MAX_TEXT]


def retry_after_from_body(body: Any) -> float | None:
    """Return ``retry_after`` (seconds) from a 429 body such as ``{"error": {"retry_after"}}``."""
    if not isinstance(body, dict):
        return None
    candidates = [body.get("retry_after")]
    if isinstance(body.get("error"), dict):
        candidates.append(body["error"].get("retry_after"))
    for value in candidates:
        try:
            if value is not None and not isinstance(value, bool):
                return float(value)
        except (TypeError, ValueError):
            continue
    return None
