"""Pure policy: pull a human message out of whatever an error body looks like."""

from __future__ import annotations

import json
import re
from typing import Any

# ``[^<>]`` keeps every match attempt from running past the next ``<``: linear time on any page.
_TAGS = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"\s+")
_MAX_TEXT = 300
#: How much of a text/HTML error page is read for its message (titles sit near the top).
_MAX_SCAN = 64 * 1024
#: Error bodies nested deeper than this are kept as text: no real error body is, and walking
#: one (to redact it, to render a message) must not hit the recursion limit.
_MAX_DEPTH = 32
#: The entries of an ``errors`` list a message quotes.
_MAX_ERRORS = 5


def decode_error_body(content: bytes) -> Any:
    """Decode an error body as JSON, falling back to its (lossy-decoded) text.

    Never raises: JSON nested too deep to decode, or deeper than ``_MAX_DEPTH``, is text.
    """
    text = content.decode("utf-8", errors="replace")
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        return text
    return text if _deeper_than(body, _MAX_DEPTH) else body


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether decoded JSON nests containers more than ``limit`` levels (iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def error_message(body: Any, *, default: str) -> str:
    """Return the message an error body carries, or ``default``.

    Handles ``{"error": "..."}``, ``{"message": "..."}``, ``{"error": {"message": ...}}``,
    ``{"ok": false, "message", "errorCode"}``, ``{"statusCode", "error", "message",
    "validation"}``, SendKit's ``{"error": "Forbidden", "message", "code"}``, an ``errors``
    list (``[{"field", "message"}]``) and HTML or plain-text pages.
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
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        listed = "; ".join(filter(None, map(_error_item, errors[:_MAX_ERRORS])))
        parts.append(f"({listed})" if any(parts) else listed)
    return " ".join(part for part in parts if part)


def _error_item(item: Any) -> str:
    """One entry of an ``errors`` list: ``"field: message"``, the message, or the text."""
    if not isinstance(item, dict):
        return _text(item)
    message = _text(item.get("message")) or _text(item.get("msg"))
    field = next((item[k] for k in ("field", "param", "path") if item.get(k)), None)
    return f"{field}: {message}" if field is not None and message else message


def _text(value: Any) -> str:
    """Render a message-ish value: lists are joined, empty values become ``""``."""
    if value is None or value == "" or value == [] or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _message_from_text(text: str) -> str:
    head = text[:_MAX_SCAN]
    title = _title(head)
    source = title if title is not None else _TAGS.sub(" ", head)
    cleaned = _SPACES.sub(" ", source).strip()
    return cleaned[:_MAX_TEXT]


def _title(html: str) -> str | None:
    """The text of the first ``<title>...</title>``, found in linear time (no regex)."""
    lowered = html.lower()
    start = lowered.find("<title>")
    if start < 0:
        return None
    end = lowered.find("</title>", start)
    return html[start + len("<title>"):end] if end >= 0 else None


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
        except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond float
            continue
    return None
