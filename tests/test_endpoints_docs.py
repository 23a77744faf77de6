"""docs/endpoints.md: every row names an SDK method that exists, none is missing."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

from smartlead_async import SmartleadClient

DOC = Path(__file__).resolve().parent.parent / "docs" / "endpoints.md"
ROW = re.compile(r"^\| (GET|POST|PATCH|PUT|DELETE) \| `([^`]+)` \| (.+?) \|(.*)$", re.MULTILINE)
METHOD = re.compile(r"`client\.([a-z0-9_.]+)`")

#: Endpoints of the API reference (method, path); the table must list each one.
REFERENCE_ENDPOINTS = 43


def _rows(*, reference_only: bool = False) -> list[tuple[str, str, list[str]]]:
    """(method, path, SDK methods) of each row; ``reference_only``: the rows of the reference
    table, the first one (each area's table follows under its own ``###`` heading)."""
    text = DOC.read_text(encoding="utf-8")
    if reference_only:
        text = text.split("\n### ", 1)[0]
    return [(m[1], m[2], METHOD.findall(m[3])) for m in ROW.finditer(text)]


def _resolve(client: SmartleadClient, dotted: str) -> Any:
    target: Any = client
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


def test_the_table_lists_every_reference_endpoint_once() -> None:
    endpoints = [(method, path) for method, path, _ in _rows()]
    assert len(set(endpoints)) == len(endpoints)
    assert len(_rows(reference_only=True)) == REFERENCE_ENDPOINTS


async def test_every_sdk_method_in_the_table_exists_and_is_documented() -> None:
    async with SmartleadClient(api_key="k", rate_limit=None) as client:
        for method, path, names in _rows():
            assert names, f"{method} {path} names no SDK method"
            for name in names:
                function = _resolve(client, name)
                assert callable(function), name
                takes_arguments = bool(inspect.signature(function).parameters)
                documented = "Args:" in (inspect.getdoc(function) or "")
                assert documented or not takes_arguments, f"{name} has no Args: section"
