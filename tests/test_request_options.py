"""Per-call options on every endpoint method, ``with_options`` and raw responses."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import (
    Campaign,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    RateLimit,
    RawResponse,
    SmartleadClient,
    with_raw_response,
)
from smartlead_async._resources._base import Resource
from smartlead_async.sendkit import SendkitClient

from ._endpoints import API_KEY, endpoint_fixtures, sent, sent_requests

api, client = endpoint_fixtures()

CAMPAIGN = {"id": 42, "name": "Q3"}


def _endpoint_methods() -> list[tuple[str, Any]]:
    """Every public method of every resource a client reaches (``client.a.b.method``)."""
    found: dict[str, Any] = {}
    pending: list[tuple[str, object]] = [
        ("client", SmartleadClient(api_key="k", rate_limit=None)),
        ("sendkit", SendkitClient(api_key="k")),
    ]
    while pending:
        path, owner = pending.pop()
        for name, value in vars(owner).items():
            if isinstance(value, Resource):
                pending.append((f"{path}.{name}", value))
        if isinstance(owner, Resource):
            for name, member in vars(type(owner)).items():
                if not name.startswith("_") and inspect.isfunction(member):
                    found[f"{path}.{name}"] = member
    return sorted(found.items())


@pytest.mark.parametrize(("name", "method"), _endpoint_methods())
def test_every_endpoint_method_takes_the_per_call_options(name: str, method: Any) -> None:
    parameters = inspect.signature(method).parameters.values()
    assert any(p.kind is p.VAR_KEYWORD for p in parameters), name
    assert "**options" in (method.__doc__ or "") or "**filters" in (method.__doc__ or ""), name


async def test_extra_query_extra_headers_and_extra_body_reach_the_wire(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.post("/campaigns/create").respond(json={"ok": True, "id": 7, "name": "x"})
    await client.campaigns.create(
        "x", extra_query={"preview": "1"}, extra_headers={"X-Trace": "t-1"},
        extra_body={"client_id": 3, "tags": ["a"]},
    )
    _, _, query, body = sent(route)
    assert query == {"preview": "1", "api_key": API_KEY}
    assert body == {"name": "x", "client_id": 3, "tags": ["a"]}
    assert route.calls.last.request.headers["x-trace"] == "t-1"


async def test_options_of_a_paginated_listing_apply_to_every_page(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    items = [{"campaign_lead_map_id": n} for n in range(1, 151)]
    route = api.get("/campaigns/42/leads").mock(side_effect=lambda request: httpx.Response(
        200, json={"total_leads": "150",
                   "data": items[int(request.url.params["offset"]):][:100]},
    ))
    got = [item async for item in client.campaigns.leads.list(42, extra_query={"v": "2"})]
    assert len(got) == 150
    assert [query["v"] for _, _, query, _ in sent_requests(route)] == ["2", "2"]


@pytest.mark.parametrize(("options", "error", "named"), [
    ({"timeout": 0}, InvalidArgumentError, "timeout"),
    ({"timeout": "5"}, InvalidArgumentTypeError, "timeout"),
    ({"max_retries": -1}, InvalidArgumentError, "max_retries"),
    ({"extra_query": {"api_key": "other"}}, InvalidArgumentError, "api_key"),
    ({"extra_query": {"flag": True}}, InvalidArgumentTypeError, "extra_query"),
    ({"extra_query": ["a"]}, InvalidArgumentTypeError, "extra_query"),
    ({"extra_headers": {"X-A": 1}}, InvalidArgumentTypeError, "extra_headers"),
    ({"extra_body": {1: "a"}}, InvalidArgumentTypeError, "extra_body"),
    ({"retries": 1}, InvalidArgumentTypeError, "retries"),
])
async def test_a_bad_per_call_option_is_refused_before_anything_is_sent(
    api: respx.MockRouter, client: SmartleadClient, options: dict[str, Any],
    error: type[Exception], named: str,
) -> None:
    route = api.get("/campaigns/42").respond(json=CAMPAIGN)
    with pytest.raises(error, match=named):
        await client.campaigns.get(42, **options)
    assert not route.called


async def test_extra_body_on_a_method_without_a_body_becomes_its_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    route = api.get("/campaigns/42").respond(json=CAMPAIGN)
    await client.campaigns.get(42, extra_body={"a": 1})
    assert sent(route)[3] == {"a": 1}


async def test_a_per_call_max_retries_overrides_the_clients(api: respx.MockRouter) -> None:
    route = api.get("/campaigns/42").mock(side_effect=[
        httpx.Response(503), httpx.Response(503), httpx.Response(200, json=CAMPAIGN),
    ])
    async with SmartleadClient(api_key=API_KEY, rate_limit=None, max_retries=0) as one:
        assert (await one.campaigns.get(42, max_retries=2)).id == 42
    assert route.call_count == 3


async def test_with_options_accepts_every_option_and_checks_each() -> None:
    async with SmartleadClient(api_key=API_KEY, rate_limit=None) as base:
        view = base.with_options(
            timeout=3, max_retries=1, base_url="https://proxy.example/api/v1",
            rate_limit=RateLimit(5, 1.0), max_response_bytes=1024, max_rate_limit_pause=5,
        )
        assert (view.timeout, view.max_retries, view.base_url) == (
            3.0, 1, "https://proxy.example/api/v1",
        )
        assert view.rate_limit == RateLimit(5, 1.0)
        assert base.timeout != 3.0 and base.base_url != view.base_url
        with pytest.raises(InvalidArgumentError, match="max_response_bytes"):
            base.with_options(max_response_bytes=0)
        assert base.with_options(rate_limit=None).rate_limit is None


async def test_a_with_options_client_shares_the_pool_and_closing_it_leaves_the_pool_open(
    api: respx.MockRouter,
) -> None:
    api.get("/campaigns/42").respond(json=CAMPAIGN)
    async with SmartleadClient(api_key=API_KEY, rate_limit=None) as base:
        view = base.with_options(max_retries=0)
        await view.aclose()
        assert (await base.campaigns.get(42)).id == 42
        assert repr(view) == repr(base)


async def test_the_raw_response_carries_the_parsed_result_and_the_headers(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/42").respond(
        json=CAMPAIGN, headers={"x-ratelimit-remaining": "7", "x-request-id": "r-1"}
    )
    raw = await client.with_raw_response.campaigns.get(42)
    assert isinstance(raw, RawResponse)
    assert raw.parsed == Campaign(id=42, name="Q3")
    assert raw.status_code == 200
    assert (raw.headers["x-ratelimit-remaining"], raw.headers["x-request-id"]) == ("7", "r-1")
    assert raw.http_response.json() == CAMPAIGN


async def test_with_raw_response_is_typed_for_any_method_and_collects_every_request(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.post("/campaigns/42/leads").respond(json={"ok": True, "upload_count": 1})
    raw = await with_raw_response(
        client.campaigns.leads.add, 42, [{"email": f"l{n}@x.co"} for n in range(150)]
    )
    assert raw.parsed.requests == 2
    assert len(raw.http_responses) == 2


async def test_a_raw_response_never_shows_the_api_key(api: respx.MockRouter) -> None:
    secret = "sk-raw-SECRET-91"
    api.get("/campaigns/42").respond(json=CAMPAIGN)
    async with SmartleadClient(api_key=secret, rate_limit=None) as keyed:
        raw = await keyed.with_raw_response.campaigns.get(42)
    shown = " ".join([repr(raw), str(raw.http_response.url), repr(raw.http_response.request)])
    assert secret not in shown
    assert "api_key=***" in str(raw.http_response.url)


async def test_the_raw_view_of_a_listing_returns_its_first_page_with_the_response(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    api.get("/campaigns/42/leads").respond(
        json={"total_leads": "1", "data": [{"campaign_lead_map_id": 9}]}
    )
    raw = await client.with_raw_response.campaigns.leads.list(42)
    assert [item.campaign_lead_map_id for item in raw.parsed.items] == [9]
    assert raw.status_code == 200


def test_extra_body_needs_a_json_object_body() -> None:
    from smartlead_async._options import merged_body

    assert merged_body({"a": 1}, {"b": 2}) == {"a": 1, "b": 2}
    with pytest.raises(InvalidArgumentError, match="extra_body"):
        merged_body([1, 2], {"b": 2})
