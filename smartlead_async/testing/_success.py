"""The ``{success, message, data}`` envelope of SmartLead's newer routes and other products.

A refusal SmartLead reports in the body rather than the status (too few credits, a limit
exceeded) is an HTTP 200 with ``success: false`` (route catalogue 1.7).
"""

from __future__ import annotations

from typing import Any

from ._http import Response, json_response

__all__ = ["refused", "success"]


def success(data: Any, message: str = "Success") -> Response:
    """``200 {"success": true, "message": message, "data": data}``."""
    return json_response(200, {"success": True, "message": message, "data": data})


def refused(message: str) -> Response:
    """``200 {"success": false, "message": message}``."""
    return json_response(200, {"success": False, "message": message})
