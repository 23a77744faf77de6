"""Building query strings: drop unset parameters, send values the way the API reads them."""

from __future__ import annotations

from typing import Any


def query(**params: Any) -> dict[str, str | int]:
    """The query parameters that are set (already validated and converted to wire form)."""
    return {name: value for name, value in params.items() if value is not None}
