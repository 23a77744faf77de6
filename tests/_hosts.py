"""Helpers of the tests of SmartLead's other products: their hosts' base URLs (for
``endpoint_fixtures(base_url)``), and the requests a route got, host included."""

from __future__ import annotations

import json
from typing import Any

import httpx
import respx

PROSPECT_URL = "https://prospect-api.smartlead.ai/api/v1/search-email-leads"
DELIVERY_URL = "https://smartdelivery.smartlead.ai/api/v1"
SENDERS_URL = "https://smart-senders.smartlead.ai/api/v1"

#: (method, host, path below the product's base URL, query parameters, decoded JSON body)
HostSent = tuple[str, str, str, dict[str, str], Any]


def sent_to(route: respx.Route, base_url: str) -> HostSent:
    """The one request the route received, with its host and its path below ``base_url``."""
    assert route.call_count == 1, f"expected one request, got {route.call_count}"
    return all_sent_to(route, base_url)[0]


def all_sent_to(route: respx.Route, base_url: str) -> list[HostSent]:
    """Every request the route received, in order (see :func:`sent_to`)."""
    prefix = httpx.URL(base_url).path
    requests = []
    for call in route.calls:
        request = call.request
        body = json.loads(request.content) if request.content else None
        requests.append((request.method, request.url.host,
                         request.url.path.removeprefix(prefix), dict(request.url.params), body))
    return requests
