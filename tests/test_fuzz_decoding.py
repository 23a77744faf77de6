"""Fuzzing what the server sends: only ``SmartleadError`` subclasses ever escape.

Arbitrary bytes, arbitrary JSON and arbitrary statuses/headers go (1) straight into the pure
decoding functions (``_error_body``, ``_converter``, ``_decoding``) and (2) through respx
into real client calls, which must raise nothing but a ``SmartleadError`` subclass: never a
bare ``KeyError``, ``TypeError``, ``ValueError``, ``UnicodeDecodeError``, ``AttributeError``,
``OverflowError`` or ``RecursionError``. The last tests cover two transport bugs found this way (a
body nested too deep to decode, a body that does not match its Content-Encoding).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import typing
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import attrs
import httpx
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import (
    APIResponseError,
    CampaignLead,
    LeadStatus,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async import _converter as converters
from smartlead_async._decoding import Ack, ListOf, One, PageOf, Where, decode_model
from smartlead_async._error_body import decode_error_body, error_message, retry_after_from_body
from smartlead_async.models import Campaign, OkResponse
from smartlead_async.models._base import Model, json_keys

from .conftest import BASE_URL, SECRET_KEY

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
WHERE = Where("GET", "/fuzz")

# -- strategies ---------------------------------------------------------------------------------

tricky_text = st.sampled_from([
    "", " 42 ", "40%", "1e400", "-1e400", "nan", "NaN", "inf", "true", "false", "yes", "0",
    "2025-11-01T10:00:00Z", "2025-13-45T99:99:99", "9999-12-31T23:59:59+14:00", "\x00",
    "\ud800", "<html><title>x</title></html>", "9" * 5000, "api_key=" + SECRET_KEY,
])
json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from([10**400, -(10**30)])
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12) | tricky_text
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


def _all_models() -> list[type[Model]]:
    found: list[type[Model]] = []
    pending = [Model]
    while pending:
        for sub in pending.pop().__subclasses__():
            found.append(sub)
            pending.append(sub)
    return sorted(set(found), key=lambda cls: cls.__name__)


MODELS = _all_models()


def _json_keys(cls: type[Model]) -> list[str]:
    return [key for f in attrs.fields(cls) if f.name != "raw" for key in json_keys(cls, f.name)]


def _expects_an_object(tp: Any) -> bool:
    """Whether a field of type ``tp`` holds a nested model (or a list of them)."""
    return any(
        isinstance(arg, type) and attrs.has(arg) for arg in (tp, *typing.get_args(tp))
        if arg is not type(None)
    ) or any(_expects_an_object(arg) for arg in typing.get_args(tp) if typing.get_args(arg))


def _scalar_safe_keys(cls: type[Model]) -> list[str]:
    """JSON keys of fields that take a scalar (no nested object expected there)."""
    attrs.resolve_types(cls)
    return [
        key for f in attrs.fields(cls)
        if f.name != "raw" and not _expects_an_object(f.type) for key in json_keys(cls, f.name)
    ]


@st.composite
def model_and_object(draw: st.DrawFn) -> tuple[type[Model], dict[str, Any]]:
    """A model class and a JSON object using mostly its own field names."""
    cls = draw(st.sampled_from(MODELS))
    own = _json_keys(cls)  # none for the rows kept whole (AnalyticsRecord)
    keys = st.sampled_from(own) | st.text(max_size=6) if own else st.text(max_size=6)
    return cls, draw(st.dictionaries(keys, json_values, max_size=8))


@st.composite
def model_and_scalars(draw: st.DrawFn) -> tuple[type[Model], dict[str, Any]]:
    """A model class and an object giving any scalar to fields that do not nest objects."""
    cls = draw(st.sampled_from(MODELS))
    safe = _scalar_safe_keys(cls)
    # Hypothesis also draws texts from string constants of the code under test, so a random
    # key can be a field that nests an object ("lead"): those are left out.
    nesting = set(_json_keys(cls)) - set(safe)
    other = st.text(max_size=6).filter(lambda key: key not in nesting)
    keys = st.sampled_from(safe) | other if safe else other
    return cls, draw(st.dictionaries(keys, json_scalars, max_size=8))


def _encode(value: Any) -> bytes:
    return json.dumps(value).encode()


bodies = (
    st.binary(max_size=600)
    | json_values.map(_encode)
    | st.builds(lambda data, total, more: _encode({"data": data, "total_leads": total,
                                                  "total_stats": total, "hasMore": more}),
                st.lists(json_values, max_size=5) | json_values, json_scalars, json_scalars)
    | st.lists(model_and_object().map(lambda pair: pair[1]), max_size=5).map(_encode)
)
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20)
headers = st.fixed_dictionaries(
    {},
    optional={
        "content-type": st.sampled_from([
            "application/json", "application/json; charset=utf-8", "text/html",
            "text/plain; charset=latin-1", "application/octet-stream", "application/json; x",
        ]),
        "retry-after": header_text | st.sampled_from(["1", "-5", "nan", "1e999",
                                                      "Wed, 21 Oct 2015 07:28:00 GMT"]),
        "retry-after-ms": header_text,
        "x-ratelimit-remaining": header_text | st.just("0"),
        "x-ratelimit-reset": header_text | st.sampled_from(["0", "1e999", "nan", "-inf"]),
    },
)
statuses = st.sampled_from([200, 201, 204, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502,
                            503, 504]) | st.integers(200, 599)

# -- the pure functions --------------------------------------------------------------------------


@FUZZ
@given(content=bodies)
def test_decode_error_body_never_raises(content: bytes) -> None:
    decoded = decode_error_body(content)
    assert isinstance(decoded, str | dict | list | int | float | bool) or decoded is None


@FUZZ
@given(body=json_values, default=st.text(max_size=5))
def test_error_message_and_retry_after_never_raise(body: Any, default: str) -> None:
    assert isinstance(error_message(body, default=default), str)
    wait = retry_after_from_body(body)
    assert wait is None or isinstance(wait, float)


@FUZZ
@given(value=json_values)
def test_lenient_converters_never_raise(value: Any) -> None:
    for convert in (converters.to_int, converters.to_str, converters.to_bool,
                    converters.to_datetime, converters.to_date):
        convert(value)


@FUZZ
@given(pair=model_and_object())
def test_decoding_any_object_into_a_model_raises_only_api_response_error(
    pair: tuple[type[Model], dict[str, Any]],
) -> None:
    cls, data = pair
    try:
        decoded = decode_model(data, cls, WHERE)
    except APIResponseError:
        return
    assert isinstance(decoded, cls)
    assert decoded.raw is data


@FUZZ
@given(pair=model_and_scalars())
def test_any_scalar_in_a_scalar_field_decodes_unless_a_required_field_is_unreadable(
    pair: tuple[type[Model], dict[str, Any]],
) -> None:
    cls, data = pair
    try:
        decoded = decode_model(data, cls, WHERE)
    except APIResponseError as error:
        assert "is required" in str(error)
        return
    assert isinstance(decoded, cls)


@FUZZ
@given(body=json_values, total_key=st.sampled_from([None, "total_leads", "total_stats"]),
       offset=st.integers(0, 10**6))
def test_response_shape_helpers_raise_only_smartlead_errors(
    body: Any, total_key: str | None, offset: int
) -> None:
    calls: list[Callable[[], object]] = [
        lambda: PageOf(CampaignLead, total=(total_key,) if total_key else ()).decode(
            body, WHERE, offset=offset
        ),
        lambda: One(Campaign, "thing")(body, WHERE),
        lambda: ListOf(Campaign, lone_object=True)(body, WHERE),
        lambda: Ack(OkResponse)(body, WHERE),
    ]
    for call in calls:
        with contextlib.suppress(SmartleadError):
            call()


# -- real client calls through respx -------------------------------------------------------------

Call = Callable[[SmartleadClient], Awaitable[object]]


async def _take(iterator: Any, limit: int = 300) -> list[Any]:
    items = []
    async for item in iterator:
        items.append(item)
        if len(items) >= limit:
            break
    return items


async def _fan_in(client: SmartleadClient) -> object:
    async with client.campaigns.leads.list_many([1, 2], on_error="collect") as stream:
        return await _take(stream)


CALLS: dict[str, Call] = {
    "campaigns.get": lambda c: c.campaigns.get(1),
    "campaigns.list": lambda c: c.campaigns.list(include_tags=True),
    "await leads.list": lambda c: c.campaigns.leads.list(1, status=LeadStatus.INPROGRESS),
    "iterate leads.list": lambda c: _take(c.campaigns.leads.list(1, prefetch=3)),
    "iterate activities": lambda c: _take(
        c.campaigns.activities.list(event_time_from="2025-11-01", prefetch=3)),
    "iterate statistics": lambda c: _take(c.campaigns.statistics(1, prefetch=3)),
    "email_accounts.get": lambda c: c.email_accounts.get(1),
    "iterate email_accounts": lambda c: _take(c.email_accounts.list(prefetch=3)),
    "clients.list": lambda c: c.clients.list(),
    "leads.pause (POST)": lambda c: c.campaigns.leads.pause(1, 2),
    "list_many": _fan_in,
}


def _run_call(call: Call, status: int, header_map: dict[str, str], content: bytes) -> None:
    """Serve ``status``/``header_map``/``content`` to every request of ``call``."""
    router = respx.Router(base_url=BASE_URL, assert_all_called=False)
    router.route().mock(side_effect=lambda request: httpx.Response(
        status, headers=header_map, stream=httpx.ByteStream(content)))

    async def scenario() -> None:
        client = SmartleadClient(api_key=SECRET_KEY, base_url=BASE_URL, rate_limit=None,
                                 max_retries=0, transport=httpx.MockTransport(
                                     router.async_handler))
        async with client:
            with anyio.fail_after(10), contextlib.suppress(SmartleadError):
                await call(client)

    asyncio.run(scenario())


@FUZZ
@given(name=st.sampled_from(list(CALLS)), status=statuses, header_map=headers, content=bodies)
def test_any_answer_to_any_call_raises_only_smartlead_errors(
    name: str, status: int, header_map: dict[str, str], content: bytes
) -> None:
    _run_call(CALLS[name], status, header_map, content)


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("status", [200, 500])
def test_a_json_body_nested_deeper_than_an_error_body_can_be_raises_only_smartlead_errors(
    name: str, status: int
) -> None:
    # 40 levels: valid, decodable JSON, deeper than error bodies are kept as JSON.
    _run_call(CALLS[name], status, {"content-type": "application/json"},
              b"[" * 40 + b"]" * 40)


def test_a_success_body_nested_too_deep_to_decode_raises_a_smartlead_error() -> None:
    _run_call(CALLS["campaigns.get"], 200, {"content-type": "application/json"},
              b"[" * 100_000)


def test_an_error_body_nested_too_deep_to_decode_raises_a_smartlead_error() -> None:
    _run_call(CALLS["campaigns.get"], 500, {"content-type": "application/json"},
              b"[" * 100_000)


@pytest.mark.parametrize("status", [200, 503])
def test_a_body_that_does_not_match_its_content_encoding_raises_a_smartlead_error(
    status: int,
) -> None:
    _run_call(CALLS["campaigns.get"], status, {"content-encoding": "gzip"}, b"not gzip")
