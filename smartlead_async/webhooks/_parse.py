"""``parse_event``: a webhook body -> a typed event, or a clear error that never shows secrets."""

from __future__ import annotations

import hmac
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from .._args import text
from .._converter import converter
from .._exceptions import WebhookAuthenticationError, WebhookPayloadError
from ..models._base import Model, json_keys
from ._events import EVENT_CLASSES, UnknownWebhookEvent, WebhookEvent
from ._normalize import canonical_event_type, event_type_of, normalize

__all__ = ["check_secret", "decode_body", "parse_event"]


def parse_event(
    body: bytes | str | Mapping[str, Any], *, secret: str | None = None
) -> WebhookEvent:
    """Decode one webhook delivery into its event class.

    Decoding is as lenient as the API models: unknown fields are kept (``event.extra``),
    numbers sent as strings become ints, timestamps become aware datetimes, deprecated aliases
    fill the current fields, and the second ``{event, timestamp, lead}`` schema is accepted.
    An event type this SDK does not know becomes :class:`UnknownWebhookEvent`.

    Args:
        body: the request body (bytes or text of a JSON object), or the decoded object.
        secret: the webhook's secret; when given, the payload's ``secret_key`` must equal it
            (compared in constant time) or :class:`WebhookAuthenticationError` is raised.

    Raises:
        WebhookPayloadError: the body is not JSON, not an object, has no event type, or has an
            object or list where another type belongs.
        WebhookAuthenticationError: ``secret`` is given and ``secret_key`` is missing or
            differs.
        InvalidArgumentError: ``secret`` is an empty string (``InvalidArgumentTypeError``: not
            a string).
    """
    if secret is not None:
        text("secret", secret)
    payload = decode_body(body)
    if secret is not None:
        check_secret(payload, secret)
    try:
        name = event_type_of(payload)
    except TypeError as exc:
        raise WebhookPayloadError(f"webhook payload: {exc}") from None
    if name is None:
        raise WebhookPayloadError("webhook payload has no event type (event_type or event)")
    event_type = canonical_event_type(name)
    cls = EVENT_CLASSES.get(event_type, UnknownWebhookEvent)
    data = normalize(payload, event_type)
    _check_shape(cls, data, event_type.value)
    try:
        event = converter.structure(data, cls)
    except (TypeError, ValueError, AttributeError, RecursionError) as exc:  # pragma: no cover
        # _check_shape is meant to catch every shape the converter refuses; this keeps the
        # promise (only WebhookPayloadError) if a payload gets past it.
        raise WebhookPayloadError(f"{event_type.value} payload could not be decoded") from exc
    # ``raw`` is the payload as received, not the normalized copy the converter was given.
    as_received: dict[str, Any] = {"raw": payload}
    return typing.cast(WebhookEvent, attrs.evolve(event, **as_received))


def decode_body(body: bytes | str | Mapping[str, Any]) -> dict[str, Any]:
    """The JSON object a body holds, as a new dict."""
    if isinstance(body, Mapping):
        return dict(body)
    if isinstance(body, bytes | bytearray | memoryview):
        body = bytes(body)
    elif not isinstance(body, str):
        raise WebhookPayloadError(
            f"webhook body must be bytes, str or a mapping, got {type(body).__name__}"
        )
    if not body.strip():
        raise WebhookPayloadError("webhook body is empty")
    try:
        payload = json.loads(body)
    except RecursionError:
        raise WebhookPayloadError("webhook body is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise WebhookPayloadError(f"webhook body is not JSON: {_reason(exc)}") from None
    if not isinstance(payload, dict):
        raise WebhookPayloadError(
            f"webhook body must be a JSON object, got {_json_kind(payload)}"
        )
    return payload


def check_secret(payload: Mapping[str, Any], secret: str) -> None:
    """Compare ``secret_key`` with ``secret`` in constant time; the message shows neither."""
    sent = payload.get("secret_key")
    if not isinstance(sent, str) or not sent:
        raise WebhookAuthenticationError("webhook payload has no secret_key")
    if not hmac.compare_digest(sent.encode("utf-8", "surrogatepass"),
                               secret.encode("utf-8", "surrogatepass")):
        raise WebhookAuthenticationError("webhook secret_key does not match the secret")


def _reason(exc: ValueError) -> str:
    """Where the JSON broke, without quoting any of it."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at character {exc.pos}"
    if isinstance(exc, UnicodeDecodeError):
        return f"invalid {exc.encoding} at byte {exc.start}"
    return type(exc).__name__


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


# -- shapes -----------------------------------------------------------------------------------


def _check_shape(cls: type[Model], data: Mapping[str, Any], where: str) -> None:
    """Raise a ``WebhookPayloadError`` naming the first object or list of the wrong type.

    Scalars are never wrong (the converter reads what it can and leaves the rest None); an
    object where a string belongs, or a string where an object belongs, is.
    """
    for key, (kind, inner) in _nested_fields(cls).items():
        value = data.get(key)
        if value is None:
            continue
        path = f"{where}.{key}"
        if kind == "object":
            _check_object(inner, value, path)
        elif not isinstance(value, list):
            raise WebhookPayloadError(f"{path} must be a JSON array, got {_json_kind(value)}")
        else:
            for index, item in enumerate(value):
                _check_object(inner, item, f"{path}[{index}]")


def _check_object(cls: type[Model], value: Any, path: str) -> None:
    if not isinstance(value, dict):
        kind = type(value).__name__ if isinstance(value, Mapping) else _json_kind(value)
        raise WebhookPayloadError(f"{path} must be a JSON object, got {kind}")
    _check_shape(cls, value, path)


_NESTED: dict[type[Model], dict[str, tuple[str, type[Model]]]] = {}


def _nested_fields(cls: type[Model]) -> dict[str, tuple[str, type[Model]]]:
    """JSON key -> ("object" | "list", model class) for each field holding models."""
    found = _NESTED.get(cls)
    if found is not None:
        return found
    attrs.resolve_types(cls)
    found = _NESTED[cls] = {}
    for field in attrs.fields(cls):
        union = isinstance(field.type, types.UnionType)
        for key in json_keys(cls, field.name):
            for arg in typing.get_args(field.type) if union else (field.type,):
                if _is_model(arg):
                    found[key] = ("object", arg)
                elif typing.get_origin(arg) is list and _is_model(typing.get_args(arg)[0]):
                    found[key] = ("list", typing.get_args(arg)[0])
    return found


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)

