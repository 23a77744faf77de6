"""The route table: ``(method, path pattern) -> handler``, and the router that resolves it.

Each ``_routes_*`` module fills its own :class:`RouteTable`; adding an endpoint is one
function::

    @routes.post(r"/campaigns/(?P<campaign_id>[^/]+)/leads/(?P<lead_id>[^/]+)/pause/?")
    def pause_lead(state: State, request: Request, params: Params) -> Response:
        ...
        return json_response(200, {"ok": True, "data": "success"})
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._http import Reject, Request, Response, json_response

__all__ = ["API_PREFIX", "Handler", "HostRouter", "Params", "Route", "RouteTable", "Router"]

API_PREFIX = "/api/v1"

Params = Mapping[str, str]
#: A route's handler: the fake's state (each fake API has its own), the request, the path's
#: parameters.
Handler = Callable[[Any, Request, Params], Response]


@dataclass(frozen=True, slots=True)
class Route:
    """``method`` + a regex over the path below ``/api/v1`` -> handler."""

    method: str
    pattern: re.Pattern[str]
    handler: Handler

    @property
    def literal(self) -> bool:
        """Whether the pattern has no path parameters (such routes win over parametrised)."""
        return self.pattern.groups == 0


class RouteTable:
    """The routes of one group of endpoints, registered with ``@table.get(pattern)`` etc."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def _register(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, re.compile(pattern), handler))
            return handler

        return register

    def get(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a GET handler."""
        return self._register("GET", pattern)

    def post(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a POST handler."""
        return self._register("POST", pattern)

    def put(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a PUT handler."""
        return self._register("PUT", pattern)

    def delete(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a DELETE handler."""
        return self._register("DELETE", pattern)

    def patch(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a PATCH handler."""
        return self._register("PATCH", pattern)


class Router:
    """Resolves ``(method, path)``: the handler's response, or a 404 / 405.

    Literal paths (``/campaigns/create``) are tried before parametrised ones
    (``/campaigns/{campaign_id}``), whatever the order the tables were given in.
    """

    def __init__(self, tables: Iterable[RouteTable], prefix: str = API_PREFIX) -> None:
        routes = [route for table in tables for route in table.routes]
        self._routes = sorted(routes, key=lambda route: not route.literal)  # stable
        self._prefix = prefix

    def serves(self, path: str) -> bool:
        """Whether ``path`` is under this router's prefix."""
        return path == self._prefix or path.startswith(self._prefix + "/")

    def __call__(self, state: Any, request: Request) -> Response:
        path = request.path
        if self.serves(path):
            sub = path[len(self._prefix) :]
            allowed: list[str] = []
            for route in self._routes:
                match = route.pattern.fullmatch(sub)
                if match is None:
                    continue
                if route.method == request.method:
                    try:
                        return route.handler(state, request, match.groupdict())
                    except Reject as reject:
                        return reject.response
                allowed.append(route.method)
            if allowed:
                return json_response(
                    405,
                    {
                        "ok": False,
                        "message": f"Method {request.method} not allowed on {path}",
                        "errorCode": "METHOD_NOT_ALLOWED",
                    },
                    [(b"allow", ", ".join(sorted(set(allowed))).encode())],
                )
        return json_response(404, {"error": "Not found"})


class HostRouter:
    """Several APIs on one origin, each under its own prefix: the first router that serves
    the path answers, and a path none serves is a 404."""

    def __init__(self, routers: Iterable[Router]) -> None:
        self._routers = tuple(routers)

    def __call__(self, state: Any, request: Request) -> Response:
        for router in self._routers:
            if router.serves(request.path):
                return router(state, request)
        return json_response(404, {"error": "Not found"})
