"""Helpers of the endpoint tests: a client that never sleeps and the requests a route got.

Each ``test_endpoints_*`` module gets its fixtures with one line, ``api, client =
endpoint_fixtures()``: a respx router on SmartLead's base URL and a client over it.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import respx

from smartlead_async import SmartleadClient

from .conftest import BASE_URL

API_KEY = "k"
KEY = {"api_key": API_KEY}
PREFIX = "/api/v1"

#: Building an SSL context takes ~50 ms: the tests' HTTP pools share one.
_SSL = ssl.create_default_context()

#: (method, path below /api/v1, query parameters, decoded JSON body or None)
Sent = tuple[str, str, dict[str, str], Any]


def make_client(**kwargs: Any) -> SmartleadClient:
    """A client with no rate limit and no retries unless asked."""
    kwargs.setdefault("rate_limit", None)
    kwargs.setdefault("max_retries", 0)
    return SmartleadClient(api_key=API_KEY, **kwargs)


@asynccontextmanager
async def open_client(**kwargs: Any) -> AsyncIterator[SmartleadClient]:
    """:func:`make_client` over a pool that reuses one SSL context, closed afterwards."""
    async with httpx.AsyncClient(verify=_SSL) as http, make_client(
        http_client=http, **kwargs
    ) as client:
        yield client


def endpoint_fixtures(base_url: str = BASE_URL) -> tuple[Any, Any]:
    """The ``api`` (respx router on ``base_url``, SmartLead's by default) and ``client`` (a
    client on it) fixtures of a test module."""

    @pytest.fixture
    def api() -> Iterator[respx.MockRouter]:
        with respx.mock(base_url=base_url, assert_all_called=False) as mock:
            yield mock

    @pytest.fixture
    async def client() -> AsyncIterator[SmartleadClient]:
        async with open_client() as c:
            yield c

    return api, client


def sent_requests(route: respx.Route) -> list[Sent]:
    """Every request the route received, in order."""
    requests = []
    for call in route.calls:
        request = call.request
        body = json.loads(request.content) if request.content else None
        path = request.url.path.removeprefix(PREFIX)
        requests.append((request.method, path, dict(request.url.params), body))
    return requests


def sent(route: respx.Route) -> Sent:
    """The one request the route received."""
    requests = sent_requests(route)
    assert len(requests) == 1, f"expected one request, got {len(requests)}"
    return requests[0]
