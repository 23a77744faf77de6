"""Fuzzing webhook bodies: ``parse_event`` raises only ``WebhookPayloadError`` or
``WebhookAuthenticationError``, and whatever it returns has a key, a repr and no secret in it.

Bodies are drawn three ways: any bytes; any JSON; and objects built from the documented field
names (current, deprecated and second-schema ones) with any JSON values, so that the
decoding of every field, alias and nested object is reached.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smartlead_async.models._base import json_keys
from smartlead_async.webhooks import (
    WebhookAuthenticationError,
    WebhookEventBase,
    WebhookPayloadError,
    parse_event,
)
from smartlead_async.webhooks._events import EVENT_CLASSES
from smartlead_async.webhooks._normalize import ALIASES, EVENT_NAME_ALIASES

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECRET = "whsec-PLANTED-7d1e"

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["", " 42 ", "1e400", "nan", "true", "2025-03-04T09:00:12Z",
                       "2025-13-45T99:99:99", "9" * 5000, "\ud800"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)


def _field_names() -> list[str]:
    names = {"event_type", "event", "timestamp", "lead", "email", "reply", "lead_id",
             "secret_key", "id", "message_id"}
    for cls in EVENT_CLASSES.values():
        names.update(key for f in attrs.fields(cls) for key in json_keys(cls, f.name))
    for aliases in ALIASES.values():
        for current, older in aliases:
            names.update((current.split(".")[0], older.split(".")[0]))
    return sorted(names)


event_names = st.sampled_from(
    [t.value for t in EVENT_CLASSES] + list(EVENT_NAME_ALIASES) + ["NEW_EVENT", " EMAIL_SENT "]
)
field_values = json_values | st.dictionaries(
    st.sampled_from(["message_id", "id", "html", "text", "time", "old_id", "new_id", "email",
                     "first_name", "category", "body", "subject", "type", "cc_emails"]),
    json_values, max_size=5,
)
payloads = st.builds(
    lambda name, key, fields, secret: {**fields, key: name, "secret_key": secret},
    event_names,
    st.sampled_from(["event_type", "event"]),
    st.dictionaries(st.sampled_from(_field_names()), field_values, max_size=12),
    st.sampled_from([SECRET, "wrong", None, 7]),
)


def _parse_only_raises_webhook_errors(body: Any, secret: str | None) -> None:
    try:
        event = parse_event(body, secret=secret)
    except (WebhookPayloadError, WebhookAuthenticationError) as exc:
        assert SECRET not in str(exc) and SECRET not in repr(exc)
        return
    assert isinstance(event, WebhookEventBase)
    assert event.idempotency_key.startswith(event.event_type.value + ":")
    assert SECRET not in repr(event)


@FUZZ
@given(st.binary(max_size=300))
@example(b'{"event_type": "EMAIL_SENT"' + b"," * 10)
def test_any_bytes_raise_only_webhook_errors(body: bytes) -> None:
    _parse_only_raises_webhook_errors(body, None)


@FUZZ
@given(json_values)
def test_any_json_raises_only_webhook_errors(value: Any) -> None:
    _parse_only_raises_webhook_errors(json.dumps(value), None)


@FUZZ
@given(payloads, st.sampled_from([SECRET, None]))
def test_objects_of_documented_fields_raise_only_webhook_errors(
    payload: dict[str, Any], secret: str | None
) -> None:
    _parse_only_raises_webhook_errors(json.dumps(payload).encode(), secret)
    _parse_only_raises_webhook_errors(payload, secret)
