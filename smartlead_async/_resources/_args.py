"""Argument checks shared by the endpoint methods, on top of :mod:`smartlead_async._validate`.

Every check names the parameter and what it accepts, and runs before any request is sent.
"""

from __future__ import annotations

import functools
import re
import warnings
import zoneinfo
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from .._validate import boolean, enum_value, int_in_range, iso_datetime, positive_id

if TYPE_CHECKING:
    from .._inputs import InputModel

_HH_MM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


def compact(**fields: Any) -> dict[str, Any]:
    """A JSON body from the fields that are set (``None`` means "not given")."""
    return {name: value for name, value in fields.items() if value is not None}


def items_of(name: str, values: object, what: str) -> list[Any]:
    """The items of a list-like argument; a lone string or mapping is refused, not iterated."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidArgumentTypeError(
            f"{name} must be a list of {what}, got {type(values).__name__}"
        )
    return list(values)


def non_empty(name: str, items: list[Any], what: str) -> list[Any]:
    """``items`` if it has at least one element."""
    if not items:
        raise InvalidArgumentError(f"{name} must contain at least one {what}")
    return items


def id_list(name: str, values: object) -> list[int]:
    """A non-empty list of positive int ids."""
    items = non_empty(name, items_of(name, values, "int ids"), "id")
    return [positive_id(f"{name}[{index}]", value) for index, value in enumerate(items)]


def text(name: str, value: object, *, allow_empty: bool = False) -> str:
    """A string (non-blank unless ``allow_empty``)."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{name} must be a str, got {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string")
    return value


def text_list(name: str, values: object, *, allow_empty_list: bool = False) -> list[str]:
    """A list of non-blank strings (non-empty unless ``allow_empty_list``)."""
    items = items_of(name, values, "non-empty strings")
    if not allow_empty_list:
        non_empty(name, items, "string")
    return [text(f"{name}[{index}]", value) for index, value in enumerate(items)]


def enum_list(
    name: str, values: object, allowed: Iterable[Enum], *, allow_empty_list: bool = False
) -> list[str]:
    """Wire strings of one or more enum values (a single member or string is accepted too)."""
    choices = list(allowed)
    if isinstance(values, str | Enum):
        values = [values]
    items = items_of(name, values, "enum values")
    if not allow_empty_list:
        non_empty(name, items, "value")
    return [enum_value(f"{name}[{index}]", value, choices) for index, value in enumerate(items)]


def opt_enum(name: str, value: object, allowed: Iterable[Enum]) -> str | None:
    """The wire string of an enum value, or ``None`` when not given."""
    return None if value is None else enum_value(name, value, allowed)


def opt_id(name: str, value: object) -> int | None:
    """A positive id, or ``None`` when not given."""
    return None if value is None else positive_id(name, value)


def opt_int(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int | None:
    """An int within bounds, or ``None`` when not given."""
    return None if value is None else int_in_range(name, value, minimum=minimum, maximum=maximum)


def opt_bool(name: str, value: object) -> bool | None:
    """A real ``bool`` for a JSON body (``"false"`` is refused), or ``None`` when not given."""
    return None if value is None else flag(name, value)


def flag(name: str, value: object) -> bool:
    """A real ``bool`` for a JSON body (``"false"`` and ``None`` are refused)."""
    if isinstance(value, bool):
        return value
    raise InvalidArgumentTypeError(f"{name} must be True or False, got {value!r}")


def opt_datetime(name: str, value: object) -> str | None:
    """The wire form of a date parameter (see :func:`iso_datetime`), or ``None``."""
    return None if value is None else iso_datetime(name, value)


def query_flag(name: str, value: object) -> str | None:
    """A query flag that is sent (as ``true``) only when ``True``."""
    return "true" if flag(name, value) else None


def opt_query_bool(name: str, value: object) -> str | None:
    """A true/false query filter: ``"true"``/``"false"``, or ``None`` when not given."""
    return None if value is None else boolean(name, value)


def input_json(name: str, value: object, cls: type[InputModel]) -> dict[str, Any]:
    """The JSON of an input model argument, which must be a ``cls``."""
    if not isinstance(value, cls):
        raise InvalidArgumentTypeError(
            f"{name} must be a {cls.__name__}, got {type(value).__name__}"
        )
    return value.to_json()


def opt_input(name: str, value: object, cls: type[InputModel]) -> dict[str, Any] | None:
    """The JSON of an input model argument, or ``None`` when not given."""
    return None if value is None else input_json(name, value, cls)


def input_list(name: str, values: object, cls: type[InputModel]) -> list[dict[str, Any]]:
    """The JSON of a list of input models, each a ``cls`` (an empty list is allowed)."""
    items = items_of(name, values, cls.__name__)
    return [input_json(f"{name}[{index}]", item, cls) for index, item in enumerate(items)]


def renamed(old_name: str, old: object, new_name: str, new: object) -> object:
    """A parameter given by its new name or, with a DeprecationWarning, by its old one."""
    if old is None:
        return new
    # stacklevel 2 names the SDK method: a coroutine's caller is the event loop, not the user.
    warnings.warn(f"{old_name} is deprecated: use {new_name}", DeprecationWarning,
                  stacklevel=2)
    if new is not None and new != old:
        raise InvalidArgumentError(
            f"{old_name}={old!r} and {new_name}={new!r} disagree: give only {new_name}"
        )
    return old


def opt_text(name: str, value: object) -> str | None:
    """A string (empty allowed: it clears the field), or ``None`` when not given."""
    return None if value is None else text(name, value, allow_empty=True)


def http_url(name: str, value: object) -> str:
    """An absolute ``http://`` or ``https://`` URL."""
    url = text(name, value).strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidArgumentError(
            f"{name} must be an absolute http:// or https:// URL, got {value!r}"
        )
    return url


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_name(name: str, value: object) -> str:
    """An IANA time zone name known to :func:`zoneinfo.available_timezones`."""
    tz = text(name, value)
    known = _timezones()
    valid = tz in known if known else _loads_zone(tz)
    if not valid:
        raise InvalidArgumentError(
            f"{name} must be an IANA time zone name such as 'America/Los_Angeles' "
            f"(one of zoneinfo.available_timezones()), got {value!r}"
        )
    return tz


def _loads_zone(tz: str) -> bool:
    """Fallback when the system lists no zones: whether ``tz`` can be loaded at all."""
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def hh_mm(name: str, value: object) -> str:
    """A time of day as ``HH:MM`` (24 h), from such a string or a :class:`datetime.time`."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if not isinstance(value, str) or not _HH_MM.match(value):
        raise InvalidArgumentError(
            f"{name} must be a 24-hour time 'HH:MM' between '00:00' and '23:59', got {value!r}"
        )
    return value


def weekdays(name: str, values: object) -> list[int]:
    """Days of the week as ints 0 (Sunday) to 6, without repeats, sorted."""
    items = non_empty(name, items_of(name, values, "ints 0..6"), "day")
    days = {int_in_range(f"{name}[{index}]", day, minimum=0, maximum=6)
            for index, day in enumerate(items)}
    return sorted(days)


def calendar_date(name: str, value: object) -> date:
    """A calendar day from a ``date``, a ``datetime`` (its own date) or an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
        raise InvalidArgumentError(
            f"{name} must be an ISO 8601 date such as '2025-11-01', got {value!r}"
        )
    raise InvalidArgumentTypeError(
        f"{name} must be a date, datetime or ISO 8601 string, got {type(value).__name__}"
    )


def require_any(method: str, body: Mapping[str, Any], names: Iterable[str]) -> None:
    """Refuse an update whose body (unset fields already dropped) would be empty."""
    if not body:
        raise InvalidArgumentError(f"{method} needs at least one of: {', '.join(names)}")
