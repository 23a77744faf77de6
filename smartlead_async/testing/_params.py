"""Validation of what a request carries: query parameters and JSON body fields.

Both answer like the API's validation library: a 422 whose message names the key
(``"limit" must be less than or equal to 100``) and whose ``validation.keys`` lists it.
A known key with a bad value (or a repeated known parameter) is always refused. Keys the API
does not document are ignored, as the live API ignores them, unless the request is checked
strictly (``FakeSmartlead(strict=True)``): then they are refused too, so a client that
misspells a name finds out against the fake instead of in production.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, overload

from ._http import Reject, Request, unprocessable

__all__ = ["Fields", "QueryParams", "compact", "known_zone", "parse_iso"]

_INT_RE = re.compile(r"-?\d+")
_NUMBER_RE = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def compact(values: Mapping[str, Any]) -> dict[str, Any]:
    """The entries that are set (``None`` means "not given")."""
    return {name: value for name, value in values.items() if value is not None}


def parse_iso(value: str) -> datetime | None:
    """Parse ISO 8601 (``Z`` allowed, date-only allowed); naive means UTC. None if invalid."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def known_zone(name: str) -> bool:
    """Whether ``name`` is an IANA time zone."""
    if _timezones():
        return name in _timezones()
    try:  # a system without a zone list: whether the zone loads at all
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _bounded(key: str, number: int, minimum: int | None, maximum: int | None, source: str) -> int:
    if minimum is not None and number < minimum:
        raise unprocessable(key, f'"{key}" must be greater than or equal to {minimum}', source)
    if maximum is not None and number > maximum:
        raise unprocessable(key, f'"{key}" must be less than or equal to {maximum}', source)
    return number


class QueryParams:
    """Query validation: bad values and repeated parameters are 422s; unknown parameters are
    ignored, or 422s when the request is checked strictly."""

    def __init__(self, request: Request, *, allowed: Collection[str]) -> None:
        for name, values in request.query.items():
            if name == "api_key":
                continue
            if name not in allowed:
                if request.strict:
                    raise unprocessable(name, f'"{name}" is not allowed')
                continue
            if len(values) > 1:
                raise unprocessable(name, f'"{name}" must be a single value')
        self._values = {k: v[0] for k, v in request.query.items() if k in allowed}

    def raw(self, name: str) -> str | None:
        """The parameter's string value, or None when absent."""
        return self._values.get(name)

    def optional_integer(
        self,
        name: str,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        positive: bool = False,
    ) -> int | None:
        """An integer parameter within bounds, or None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        if not _INT_RE.fullmatch(value):
            kind = "an integer" if _NUMBER_RE.fullmatch(value) else "a number"
            raise unprocessable(name, f'"{name}" must be {kind}')
        number = int(value)
        if positive and number < 1:
            raise unprocessable(name, f'"{name}" must be a positive number')
        return _bounded(name, number, minimum, maximum, "query")

    def integer(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        """An integer parameter within bounds, or ``default`` when absent."""
        number = self.optional_integer(name, minimum=minimum, maximum=maximum)
        return default if number is None else number

    def required_integer(self, name: str, *, positive: bool = False) -> int:
        """An integer parameter that must be present."""
        number = self.optional_integer(name, positive=positive)
        if number is None:
            raise unprocessable(name, f'"{name}" is required')
        return number

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """One of ``allowed`` (case-sensitive), or None when absent."""
        value = self._values.get(name)
        if value is not None and value not in allowed:
            raise unprocessable(name, f'"{name}" must be one of [{", ".join(allowed)}]')
        return value

    def optional_boolean(self, name: str) -> bool | None:
        """Exactly ``true`` or ``false``; None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise unprocessable(name, f'"{name}" must be a boolean (true or false)')
        return value == "true"

    def boolean(self, name: str, default: bool) -> bool:
        """Exactly ``true`` or ``false``; ``default`` when absent."""
        value = self.optional_boolean(name)
        return default if value is None else value

    def timestamp(self, name: str) -> datetime | None:
        """An ISO 8601 timestamp, or None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        moment = parse_iso(value)
        if moment is None:
            raise unprocessable(name, f'"{name}" must be in ISO 8601 date format')
        return moment


class Fields:
    """The fields of a JSON object (a request body, or an object nested in one), checked.

    Missing required fields and values of the wrong type are 422s naming the field's path
    (``lead_list[3].email``); so are unknown fields when ``strict``, which nested objects
    inherit (otherwise unknown fields are ignored). JSON ``null`` counts as "not given".
    """

    def __init__(
        self, data: object, *, allowed: Collection[str], path: str = "", strict: bool = False
    ) -> None:
        if not isinstance(data, dict):
            label = path or "value"
            raise unprocessable(label, f'"{label}" must be of type object', "body")
        if strict:
            for name in data:
                if name not in allowed:
                    key = self._key_in(path, name)
                    raise unprocessable(key, f'"{key}" is not allowed', "body")
        self._data: Mapping[str, Any] = {k: v for k, v in data.items() if k in allowed}
        self._path = path
        self._strict = strict

    @classmethod
    def of(cls, request: Request, *, allowed: Collection[str]) -> Fields:
        """The request's JSON body (no body at all counts as ``{}``)."""
        body = request.json()
        return cls({} if body is None else body, allowed=allowed, strict=request.strict)

    @staticmethod
    def _key_in(path: str, name: str) -> str:
        return f"{path}.{name}" if path else name

    def key(self, name: str) -> str:
        """The full path of field ``name``, for messages."""
        return self._key_in(self._path, name)

    def fail(self, name: str, must: str) -> Reject:
        """A 422 saying field ``name`` ``must`` (e.g. ``"must be a string"``)."""
        key = self.key(name)
        return unprocessable(key, f'"{key}" {must}', "body")

    def has(self, name: str) -> bool:
        """Whether the field is present, ``null`` included."""
        return name in self._data

    def given(self, name: str) -> bool:
        """Whether the field is present and not null."""
        return self._data.get(name) is not None

    def _value(self, name: str, required: bool) -> Any:
        value = self._data.get(name)
        if value is None and required:
            raise self.fail(name, "is required")
        return value

    @overload
    def text(self, name: str, *, required: Literal[True], allow_empty: bool = ...) -> str: ...
    @overload
    def text(self, name: str, *, required: bool = ..., allow_empty: bool = ...) -> str | None: ...
    def text(self, name: str, *, required: bool = False, allow_empty: bool = True) -> str | None:
        """A string field."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(name, "must be a string")
        if not allow_empty and not value.strip():
            raise self.fail(name, "is not allowed to be empty")
        return value

    @overload
    def timestamp(self, name: str, *, required: Literal[True]) -> datetime: ...
    @overload
    def timestamp(self, name: str, *, required: bool = ...) -> datetime | None: ...
    def timestamp(self, name: str, *, required: bool = False) -> datetime | None:
        """An ISO 8601 string field, parsed (naive means UTC)."""
        value = self.text(name, required=required)
        if value is None:
            return None
        moment = parse_iso(value)
        if moment is None:
            raise self.fail(name, "must be in ISO 8601 date format")
        return moment

    @overload
    def integer(
        self, name: str, *, required: Literal[True], minimum: int | None = ...,
        maximum: int | None = ...,
    ) -> int: ...
    @overload
    def integer(
        self, name: str, *, required: bool = ..., minimum: int | None = ...,
        maximum: int | None = ...,
    ) -> int | None: ...
    def integer(
        self,
        name: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """An integer field within bounds (a JSON number, not a string)."""
        value = self._value(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(name, "must be a number")
        if isinstance(value, float) and not value.is_integer():
            raise self.fail(name, "must be an integer")
        return _bounded(self.key(name), int(value), minimum, maximum, "body")

    def boolean(self, name: str, *, required: bool = False) -> bool | None:
        """A true/false field."""
        value = self._value(name, required)
        if value is not None and not isinstance(value, bool):
            raise self.fail(name, "must be a boolean")
        return value

    @overload
    def choice(self, name: str, allowed: Collection[str], *, required: Literal[True]) -> str: ...
    @overload
    def choice(
        self, name: str, allowed: Collection[str], *, required: bool = ...
    ) -> str | None: ...
    def choice(self, name: str, allowed: Collection[str], *, required: bool = False) -> str | None:
        """A string field that must be one of ``allowed``."""
        value = self.text(name, required=required)
        if value is not None and value not in allowed:
            raise self.fail(name, f"must be one of [{', '.join(allowed)}]")
        return value

    def array(
        self,
        name: str,
        *,
        required: bool = False,
        min_items: int = 0,
        max_items: int | None = None,
    ) -> list[Any] | None:
        """An array field with a bounded number of items."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(name, "must be an array")
        if len(value) < min_items:
            raise self.fail(name, f"must contain at least {min_items} items")
        if max_items is not None and len(value) > max_items:
            raise self.fail(name, f"must contain less than or equal to {max_items} items")
        return value

    @overload
    def texts(self, name: str, *, required: Literal[True], min_items: int = ...) -> list[str]: ...
    @overload
    def texts(
        self, name: str, *, required: bool = ..., min_items: int = ...
    ) -> list[str] | None: ...
    def texts(self, name: str, *, required: bool = False, min_items: int = 0) -> list[str] | None:
        """An array of strings."""
        items = self.array(name, required=required, min_items=min_items)
        if items is None:
            return None
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(f"{name}[{index}]", "must be a string")
        return items

    @overload
    def integers(
        self, name: str, *, required: Literal[True], min_items: int = ..., minimum: int = ...
    ) -> list[int]: ...
    @overload
    def integers(
        self, name: str, *, required: bool = ..., min_items: int = ..., minimum: int = ...
    ) -> list[int] | None: ...
    def integers(
        self, name: str, *, required: bool = False, min_items: int = 0, minimum: int = 1
    ) -> list[int] | None:
        """An array of integers, each at least ``minimum`` (ids, by default)."""
        items = self.array(name, required=required, min_items=min_items)
        if items is None:
            return None
        for index, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, int):
                raise self.fail(f"{name}[{index}]", "must be an integer")
            _bounded(self.key(f"{name}[{index}]"), item, minimum, None, "body")
        return items

    @overload
    def objects(
        self, name: str, *, allowed: Collection[str], required: Literal[True],
        min_items: int = ..., max_items: int | None = ...,
    ) -> list[Fields]: ...
    @overload
    def objects(
        self, name: str, *, allowed: Collection[str], required: bool = ...,
        min_items: int = ..., max_items: int | None = ...,
    ) -> list[Fields] | None: ...
    def objects(
        self, name: str, *, allowed: Collection[str], required: bool = False,
        min_items: int = 0, max_items: int | None = None,
    ) -> list[Fields] | None:
        """An array of objects, each checked with ``allowed`` fields."""
        items = self.array(name, required=required, min_items=min_items, max_items=max_items)
        if items is None:
            return None
        return [
            Fields(item, allowed=allowed, path=f"{self.key(name)}[{index}]", strict=self._strict)
            for index, item in enumerate(items)
        ]

    def object(self, name: str, *, allowed: Collection[str]) -> Fields | None:
        """A nested object field."""
        value = self._data.get(name)
        if value is None:
            return None
        return Fields(value, allowed=allowed, path=self.key(name), strict=self._strict)

    def raw(self, name: str) -> Any:
        """The field's value as sent."""
        return self._data.get(name)
