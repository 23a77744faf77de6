"""Turning a decoded response body into the typed result a method promises.

Every endpoint names the shape it expects with one of six decoders, which the request path
runs inside each attempt (so a GET whose body lacks a required field is retried like a body
cut short):

* :class:`One`: one object (``GET /campaigns/{id}``);
* :class:`ListOf`: a listing (``GET /campaigns``);
* :class:`Ack`: the acknowledgement of a write (``{"ok": true, ...}``, ``success``, empty);
* :class:`PageOf`: one page of a paginated listing;
* :class:`CursorBatchOf`: one page of a cursor-paged listing, with the next cursor if named;
* :class:`Report`: a report kept whole, envelope and payload (``/analytics/*``).

SmartLead wraps the same data several ways depending on the route and the docs' vintage. Every
decoder first takes off the envelopes in one place (:func:`unwrap`): ``{"success"|"ok": true,
"data": X}``, ``{"data": X}``, ``{"message": ..., "data": X}`` and, for single objects, a
one-element array. A 2xx body that says ``"ok": false`` or ``"success": false`` is a failure
the status did not report and raises :class:`APIStatusError`. A body of any other shape raises
:class:`APIResponseError`: nothing is ever decoded into a model with its identity missing.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from ._converter import MissingFieldError, converter, to_bool, to_int, to_str
from ._error_body import error_message
from ._exceptions import APIResponseError, InvalidTotal, NotFoundError, make_status_error
from ._pagination.cursor import CursorBatch
from ._pagination.page import Page
from ._redact import mask_secret_fields, redact_deep
from .models._base import Model

__all__ = [
    "Ack", "CursorBatchOf", "Decoder", "ListOf", "One", "PageOf", "Report", "Where", "unwrap",
]

T_co = TypeVar("T_co", covariant=True)
M = TypeVar("M", bound=Model)

#: Keys an envelope may carry beside ``data``; an object with any other key is not an envelope.
#: (``pagination``: the newer routes' common wrapper is ``{success, message, data, pagination}``.)
_ENVELOPE_KEYS = frozenset({"ok", "success", "data", "message", "status", "pagination"})
#: ``{message, data}``, the envelope of ``/client/api-key`` (no ``ok`` or ``success`` flag).
_MESSAGE_DATA = frozenset({"message", "data"})
#: Envelopes nest at most this deep (``/master-inbox/untracked-replies`` has three).
_MAX_ENVELOPES = 4


class Where:
    """The request a body came from, for error messages (method and key-free path), and the
    ``secret`` (the API key) to mask in what a body says."""

    __slots__ = ("method", "path", "secret")

    def __init__(self, method: str, path: str, *, secret: str = "") -> None:
        self.method = method
        self.path = path
        self.secret = secret

    def bad_shape(self, expected: str, body: Any) -> APIResponseError:
        """The error for a body that is not the shape the endpoint answers with."""
        return APIResponseError(
            f"Unexpected response shape: expected {expected}, got {_describe(body)}",
            method=self.method, path=self.path,
        )

    def missing(self, error: MissingFieldError) -> APIResponseError:
        """The error for a body that lacks a field its model requires."""
        return APIResponseError(
            f"Incomplete response: {error}", method=self.method, path=self.path
        )


class Decoder(Protocol[T_co]):
    """Turns the decoded JSON of a 2xx answer into an endpoint's result."""

    def __call__(self, body: Any, where: Where) -> T_co: ...


def unwrap(body: Any, where: Where) -> Any:
    """Take off ``{"ok"|"success": true, "data": X}`` and ``{"data": X}`` envelopes.

    Raises:
        APIStatusError: the body says ``"ok": false`` or ``"success": false``.
    """
    for _ in range(_MAX_ENVELOPES):
        _raise_if_failed(body, where)
        if not _is_envelope(body):
            return body
        body = body["data"]
    return body


class One(Generic[M]):
    """One object of type ``cls``.

    The API sometimes answers a missing object with 200 and ``{}`` or an empty body (that
    raises :class:`NotFoundError`, naming ``what``), and sometimes wraps the object in a
    one-element array (unwrapped). Where a route documents its object's one list field as a
    bare array instead, ``bare_array`` names that field.
    """

    def __init__(self, cls: type[M], what: str, *, bare_array: str | None = None) -> None:
        self.cls = cls
        self.what = what
        self.bare_array = bare_array

    def __call__(self, body: Any, where: Where) -> M:
        body = unwrap(body, where)
        if self.bare_array is not None and isinstance(body, list):
            body = {self.bare_array: body}
        elif isinstance(body, list) and len(body) == 1:
            body = unwrap(body[0], where)
        if body is None or body == {} or body == [] or body == "":
            raise NotFoundError(
                f"{self.what} not found (the API answered with an empty body)",
                status_code=404, body=body, method=where.method, path=where.path,
            )
        if not isinstance(body, dict):
            raise where.bad_shape(f"a {self.cls.__name__} object", body)
        return decode_model(body, self.cls, where)


class ListOf(Generic[M]):
    """A listing of ``cls``: a bare array, or an array under ``data`` or one of the model's
    ``collection_keys``; ``null`` and ``{}`` are empty.

    With ``lone_object=True`` (routes whose docs show a one-item listing as the bare object)
    an object of the model's shape is a one-item listing.
    """

    def __init__(self, cls: type[M], *, lone_object: bool = False) -> None:
        self.cls = cls
        self.lone_object = lone_object

    def __call__(self, body: Any, where: Where) -> list[M]:
        body = unwrap(body, where)
        if body is None or body == {}:
            return []
        items = items_of(body, self.cls)
        if items is None:
            if not (self.lone_object and isinstance(body, dict)):
                raise where.bad_shape(f"an array of {self.cls.__name__}", body)
            items = [body]
        return decode_models(items, self.cls, where)


class Ack(Generic[M]):
    """The acknowledgement of a write, decoded into ``cls`` (an ``OkResponse`` subclass).

    An empty body or plain text (``success``, ``Email added to the queue``) counts as
    ``{"ok": true}`` with the text as ``message``. The members of an object under ``data``
    (``{"ok": true, "data": {"id": 7}}``) are read as if they were at the top.
    """

    def __init__(self, cls: type[M]) -> None:
        self.cls = cls

    def __call__(self, body: Any, where: Where) -> M:
        if body is None:
            body = {"ok": True}
        elif isinstance(body, str):
            body = {"ok": True, "message": body}
        elif isinstance(body, list) and len(body) == 1 and isinstance(body[0], dict):
            body = body[0]
        if not isinstance(body, dict):
            raise where.bad_shape("a JSON object", body)
        _raise_if_failed(body, where)
        inner = unwrap(body.get("data"), where)
        if isinstance(inner, dict):
            body = {**body, **inner}
        return decode_model(body, self.cls, where)


class Report(Generic[M]):
    """A report decoded into ``cls`` with nothing lost: the envelope's members (``message``)
    and the members of the object under the envelopes, read side by side, with ``data`` set to
    that payload whatever it is (an object, an array, a value). A bare array is the payload.

    With ``what`` (a report about one resource, e.g. a campaign), an empty body or ``{}``
    raises :class:`NotFoundError` naming it, as a missing resource can answer 200 empty;
    without it, an empty body is not a report (:class:`APIResponseError`).
    """

    def __init__(self, cls: type[M], *, what: str | None = None) -> None:
        self.cls = cls
        self.what = what

    def __call__(self, body: Any, where: Where) -> M:
        if self.what is not None and (body is None or body == {} or body == ""):
            raise NotFoundError(
                f"{self.what} not found (the API answered with an empty body)",
                status_code=404, body=body, method=where.method, path=where.path,
            )
        if isinstance(body, list):
            body = {"data": body}
        if not isinstance(body, dict):
            raise where.bad_shape("a JSON object", body)
        payload = unwrap(body, where)
        members = {**body, **payload} if isinstance(payload, dict) else dict(body)
        members["data"] = payload
        return decode_model(members, self.cls, where)


class PageOf(Generic[M]):
    """One page of a listing of ``cls``.

    The records are a bare array, or an array under ``data`` or one of the model's
    ``collection_keys``; the page may itself sit in an envelope. ``total`` names the keys of
    the listing's total (``total_leads``, ...), read as an int from the page or from its
    ``pagination`` object (``{"data": [...], "pagination": {"total": 2500}}``); ``hasMore`` is
    read from the page or from ``pagination.has_more``.
    """

    def __init__(self, cls: type[M], *, total: tuple[str, ...] = ()) -> None:
        self.cls = cls
        self.total_keys = total

    def at(self, offset: int) -> Decoder[Page[M]]:
        """The decoder of the page requested at ``offset``."""

        def decode(body: Any, where: Where) -> Page[M]:
            return self.decode(body, where, offset=offset)

        return decode

    def decode(self, body: Any, where: Where, *, offset: int) -> Page[M]:
        """Decode ``body`` as the page requested at ``offset``."""
        _raise_if_failed(body, where)
        if isinstance(body, dict) and items_of(body, self.cls) is None:
            body = unwrap(body, where)  # the page object sits inside an envelope
        if body is None or body == {}:
            return Page(items=[], offset=offset)
        items = items_of(body, self.cls)
        if items is None:
            raise where.bad_shape(f"a page of {self.cls.__name__}", body)
        records = decode_models(items, self.cls, where)
        if not isinstance(body, dict):
            return Page(items=records, offset=offset)
        found = _first(body, self.total_keys)
        total = None if found is None else _count(*found, where)
        return Page(items=records, offset=offset, total=total, has_more=_has_more(body))


class CursorBatchOf(Generic[M]):
    """One page of a cursor-paged listing of ``cls`` (records as :class:`PageOf` reads them),
    with the cursor of the next page when the body names one (``cursor`` lists the keys,
    looked up in the page and in its ``pagination`` object) and ``hasMore`` if sent."""

    def __init__(self, cls: type[M], *, cursor: tuple[str, ...]) -> None:
        self.page = PageOf(cls)
        self.cursor_keys = cursor

    def __call__(self, body: Any, where: Where) -> CursorBatch[M, str]:
        page = self.page.decode(body, where, offset=0)
        found = _first(body, self.cursor_keys) if isinstance(body, dict) else None
        cursor = None if found is None else found[1]
        return CursorBatch(items=page.items, next_cursor=to_str(cursor) or None,
                           has_more=page.has_more)


def items_of(body: Any, cls: type[Model]) -> list[Any] | None:
    """The array of records in ``body``, or ``None`` if it holds none.

    For a model declaring ``any_collection_key``, an object that is not an envelope (has no
    ``data``) and has exactly one array member, under whatever key, holds its records there.
    """
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in ("data", *cls.collection_keys):
            value = body.get(key)
            if isinstance(value, list):
                return value
        if cls.any_collection_key and "data" not in body:
            arrays = [value for value in body.values() if isinstance(value, list)]
            if len(arrays) == 1:
                return arrays[0]
    return None


def decode_model(data: Any, cls: type[M], where: Where) -> M:
    """Structure ``data`` into ``cls``; a body of the wrong shape raises APIResponseError."""
    try:
        return converter.structure(data, cls)
    except MissingFieldError as error:
        raise where.missing(error) from None
    except Exception as exc:  # cattrs raises many types; all mean "not the documented shape"
        raise where.bad_shape(f"a {cls.__name__} object", data) from exc


def decode_models(data: list[Any], cls: type[M], where: Where) -> list[M]:
    """Structure a JSON array into ``list[cls]``, with the hook fetched once."""
    hook = converter.get_structure_hook(cls)
    try:
        return [hook(item, cls) for item in data]
    except MissingFieldError as error:
        raise where.missing(error) from None
    except Exception as exc:
        raise where.bad_shape(f"an array of {cls.__name__} objects", data) from exc


def _is_envelope(body: Any) -> bool:
    return (
        isinstance(body, dict) and "data" in body and body.keys() <= _ENVELOPE_KEYS
        and (len(body) == 1 or "ok" in body or "success" in body or body.keys() == _MESSAGE_DATA)
    )


def _raise_if_failed(body: Any, where: Where) -> None:
    """A 2xx object flagged ``ok: false`` or ``success: false`` is a failure (its message and
    body with the key masked, should the server echo it)."""
    if not isinstance(body, dict):
        return
    for flag in ("ok", "success"):
        value = body.get(flag)
        if value is False or (isinstance(value, str) and to_bool(value) is False):
            masked = redact_deep(mask_secret_fields(body), where.secret)
            message = error_message(masked, default=f"the API answered {flag}: false")
            raise make_status_error(200, message, masked, method=where.method, path=where.path)


def _first(body: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    """The first of ``keys`` set in ``body`` or in its ``pagination`` object, with its value."""
    pagination = body.get("pagination")
    for scope in (body, pagination if isinstance(pagination, dict) else {}):
        for key in keys:
            if scope.get(key) is not None:
                return key, scope[key]
    return None


def _count(key: str, raw: Any, where: Where) -> int:
    """A page's total: a count of records, or :class:`InvalidTotal` (the paginator asks for
    such a page once more before giving up)."""
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


def _describe(body: Any) -> str:
    if isinstance(body, dict):
        keys = ", ".join(sorted(map(str, body))[:8])
        return f"an object with keys [{keys}]"
    return type(body).__name__
