"""Helpers of the tests of SmartLead's other products: respx routers on each product's host,
and the requests a route got, host included."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import respx

from smartlead_async import SmartleadClient

from ._endpoints import open_client

PROSPECT_URL = "https://prospect-api.smartlead.ai/api/v1/search-email-leads"
DELIVERY_URL = "https://smartdelivery.smartlead.ai/api/v1"
SENDERS_URL = "https://smart-senders.smartlead.ai/api/v1"

#: (method, host, path below the product's base URL, query parameters, decoded JSON body)
HostSent = tuple[str, str, str, dict[str, str], Any]


def host_fixtures(base_url: str) -> tuple[Any, Any]:
    """The ``api`` (respx router on ``base_url``) and ``client`` fixtures of a test module."""

    @pytest.fixture
    def api() -> Iterator[respx.MockRouter]:
        with respx.mock(base_url=base_url, assert_all_called=False) as mock:
            yield mock

    @pytest.fixture
    async def client() -> AsyncIterator[SmartleadClient]:
        async with open_client() as c:
            yield c

    return api, client


def sent_to(route: respx.Route, base_url: str) -> HostSent:
    """The one request the route received, with its host and its path below ``base_url``."""
    assert route.call_count == 1, f"expected one request, got {route.call_count}"
    return all_sent_to(route, base_url)[0]


def all_sent_to(route: respx.Route, base_url: str) -> list[HostSent]:
    """Every request the route received, in order (see :func:`sent_to`)."""
    prefix = httpx_path(base_url)
    requests = []
    for call in route.calls:
        request = call.request
        body = json.loads(request.content) if request.content else None
        requests.append((request.method, request.url.host,
                         request.url.path.removeprefix(prefix), dict(request.url.params), body))
    return requests


def httpx_path(base_url: str) -> str:
    """The path part of a base URL."""
    return "/" + base_url.split("://", 1)[1].split("/", 1)[1]
