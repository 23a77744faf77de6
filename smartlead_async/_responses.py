"""Turning decoded response bodies into models, absorbing the API's inconsistent shapes."""

from __future__ import annotations

from typing import Any, TypeVar

from ._converter import converter, to_bool, to_int
from ._exceptions import APIResponseError, NotFoundError
from ._models import Page

T = TypeVar("T")


class Where:
    """The request a body came from, for error messages (method and key-free path)."""

    __slots__ = ("method", "path")

    def __init__(self, method: str, path: str) -> None:
        self.method = method
        self.path = path

    def bad_shape(self, expected: str, body: Any) -> APIResponseError:
        got = type(body).__name__
        return APIResponseError(
            f"Unexpected response shape: expected {expected}, got {got}",
            method=self.method, path=self.path,
        )


def decode_model(data: Any, cls: type[T], where: Where) -> T:
    """Structure ``data`` into ``cls``; a body of the wrong shape raises APIResponseError."""
    try:
        return converter.structure(data, cls)
    except Exception as exc:  # cattrs raises many types; all mean "not the documented shape"
        raise where.bad_shape(f"a {cls.__name__} object", data) from exc


def decode_models(data: Any, cls: type[T], where: Where) -> list[T]:
    """Structure a JSON array into ``list[cls]``, with the hook fetched once."""
    if not isinstance(data, list):
        raise where.bad_shape(f"an array of {cls.__name__}", data)
    hook = converter.get_structure_hook(cls)
    try:
        return [hook(item, cls) for item in data]
    except Exception as exc:
        raise where.bad_shape(f"an array of {cls.__name__} objects", data) from exc


def expect_object(body: Any, what: str, where: Where) -> dict[str, Any]:
    """The JSON object of a single-object GET.

    The API sometimes answers a missing object with 200 and ``{}`` or an empty body (raise
    NotFoundError), and sometimes wraps the object in a one-element array (unwrap it).
    """
    if isinstance(body, list) and len(body) == 1:
        body = body[0]
    if body is None or body == {} or body == [] or body == "":
        raise NotFoundError(
            f"{what} not found (the API answered with an empty body)",
            status_code=404, body=body, method=where.method, path=where.path,
        )
    if not isinstance(body, dict):
        raise where.bad_shape("a JSON object", body)
    return body


def expect_list(body: Any, key: str, where: Where) -> list[Any]:
    """A listing that is documented as a bare array but may come wrapped as ``{key: [...]}``."""
    if isinstance(body, dict) and isinstance(body.get(key), list):
        return list(body[key])
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        return list(body["data"])
    if isinstance(body, list):
        return body
    raise where.bad_shape(f"an array (or an object with {key!r})", body)


class InvalidTotal(APIResponseError):
    """A page's total is there but is not a count (negative, or not a number).

    The paginator fetches such a page once more before giving up with
    ``InconsistentListingError``; awaited directly, it is an ``APIResponseError``.
    """


def page_from_body(
    body: Any, cls: type[T], where: Where, *, offset: int, total_key: str | None = None
) -> Page[T]:
    """A page from ``{"data": [...], <total_key>: "N", "hasMore": bool}`` or a bare array.

    Raises:
        InvalidTotal: ``total_key`` holds something other than a count (null counts as absent).
    """
    if isinstance(body, list):
        return Page(items=decode_models(body, cls, where), offset=offset)
    if not isinstance(body, dict):
        raise where.bad_shape("a page object", body)
    items = decode_models(body.get("data") or [], cls, where)
    total = _total(body, total_key, where) if total_key else None
    return Page(items=items, offset=offset, total=total, has_more=_has_more(body))


def _total(body: dict[str, Any], key: str, where: Where) -> int | None:
    raw = body.get(key)
    if raw is None:
        return None
    total = to_int(raw)
    if total is None or total < 0:
        shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:37] + "..."
        raise InvalidTotal(
            f"Unexpected response: {key} is {shown}, not a count of records",
            method=where.method, path=where.path,
        )
    return total


def _has_more(body: dict[str, Any]) -> bool | None:
    if "hasMore" in body:
        return to_bool(body["hasMore"])
    pagination = body.get("pagination")
    if isinstance(pagination, dict):
        for name in ("has_more", "hasMore"):
            if name in pagination:
                return to_bool(pagination[name])
    return None
