"""Routes: ``/client/api-key``, the API keys of client sub-accounts.

The answers carry the live keys, as SmartLead's do; the request log masks every ``api_key``
field. A reset key gets a new secret; a deleted key is gone.
"""

from __future__ import annotations

import re
from typing import Any

from ._http import Request, Response, error, json_response
from ._lookups import path_id
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

KEY_STATUSES = ("active", "inactive")
_KEY_NAME = re.compile(r"[A-Za-z0-9 _-]+")
_KEY = r"/client/api-key"


def _keyed(message: str, data: Any) -> Response:
    return json_response(200, {"message": message, "data": data})


def _find_key(state: State, params: Params) -> dict[str, Any]:
    row = state.api_keys.rows.get(path_id(params, "key_id", "API key"))
    if row is None:
        raise error(404, "API key not found")
    return row


@routes.get(_KEY + "/?")
def list_keys(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"clientId", "status", "keyName"})
    client_id = q.optional_integer("clientId", positive=True)
    status = q.choice("status", KEY_STATUSES)
    name = (q.raw("keyName") or "").lower()
    rows = [
        row for _, row in sorted(state.api_keys.rows.items())
        if (client_id is None or row["client_id"] == client_id)
        and (status is None or row["status"] == status) and name in row["key_name"].lower()
    ]
    return _keyed("API keys fetched successfully", rows)


@routes.post(_KEY + "/?")
def create_key(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"clientId", "keyName"})
    client_id = body.integer("clientId", required=True, minimum=1)
    name = body.text("keyName", required=True, allow_empty=False)
    if not _KEY_NAME.fullmatch(name):
        raise body.fail("keyName", "may hold letters, numbers, spaces, hyphens and underscores")
    if client_id not in state.clients.rows:
        raise error(404, f"Client not found - {client_id}")
    return _keyed("API key created successfully", state.api_keys.create(client_id, name))


@routes.put(_KEY + r"/reset/(?P<key_id>[^/]+)/?")
def reset_key(state: State, request: Request, params: Params) -> Response:
    row = _find_key(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    return _keyed("API key reset successfully", state.api_keys.reset(row))


@routes.delete(_KEY + r"/(?P<key_id>[^/]+)/?")
def delete_key(state: State, request: Request, params: Params) -> Response:
    row = _find_key(state, params)
    QueryParams(request, allowed=())
    del state.api_keys.rows[row["id"]]
    return json_response(200, {"ok": True, "message": "API key deleted successfully"})
