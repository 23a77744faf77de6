"""Argument checks and wire forms: every check runs before a request is sent.

Each check takes the parameter's name first and raises :class:`InvalidArgumentError` (a
``ValueError``) or :class:`InvalidArgumentTypeError` (a ``TypeError``) naming the parameter
and what it accepts. An optional argument is written one way, ``optional(check, name, value,
...)``, which gives ``None`` for ``None``; :func:`compact` then drops the unset entries of a
query or a JSON body.
"""

from __future__ import annotations

import functools
import math
import re
import warnings
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlsplit

from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError

P = ParamSpec("P")
R = TypeVar("R")

DateLike = datetime | date | str

_HH_MM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"[^@\s,]+@[^@\s,]+\.[^@\s,.]+")


def optional(
    check: Callable[Concatenate[str, Any, P], R],
    name: str,
    value: object,
    *args: P.args,
    **kwargs: P.kwargs,
) -> R | None:
    """``check(name, value, ...)``, or ``None`` when the argument was not given."""
    return None if value is None else check(name, value, *args, **kwargs)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def int_in_range(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int:
    """Return ``value`` if it is an int within ``[minimum, maximum]``."""
    if not _is_int(value):
        raise InvalidArgumentTypeError(f"{name} must be an int, got {type(value).__name__}")
    assert isinstance(value, int)
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f">= {minimum}" if maximum is None else f"between {minimum} and {maximum}"
        raise InvalidArgumentError(f"{name} must be {bounds}, got {value}")
    return value


def positive_seconds(name: str, value: object) -> float:
    """Return ``value`` if it is a finite int or float above 0 (e.g. seconds)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentTypeError(
            f"{name} must be a number of seconds > 0, got {type(value).__name__}"
        )
    if not 0 < value < math.inf:
        raise InvalidArgumentError(f"{name} must be a number of seconds above 0, got {value!r}")
    return float(value)


def amount(name: str, value: object) -> int | float:
    """A finite number >= 0 (an int, float or ``Decimal``), as a JSON number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidArgumentTypeError(
            f"{name} must be a number (int, float or Decimal), got {type(value).__name__}"
        )
    number: int | float = value if not isinstance(value, Decimal) else (
        int(value) if value.is_finite() and value == value.to_integral_value()
        else float(value)
    )
    if (isinstance(number, float) and not math.isfinite(number)) or number < 0:
        raise InvalidArgumentError(f"{name} must be a finite number >= 0, got {value!r}")
    return number


def int_text(name: str, value: object, *, minimum: int, maximum: int | None = None) -> str:
    """An int within bounds, sent as its decimal text (for fields the API types as strings)."""
    return str(int_in_range(name, value, minimum=minimum, maximum=maximum))


def positive_id(name: str, value: object) -> int:
    """Return ``value`` if it is a positive int id."""
    return int_in_range(name, value, minimum=1)


def enum_value(name: str, value: object, allowed: Iterable[Enum]) -> str:
    """Return the wire string of ``value`` (an enum member or its string) if it is allowed."""
    choices = [str(member.value) for member in allowed]
    raw = value.value if isinstance(value, Enum) else value
    if not isinstance(raw, str):
        raise InvalidArgumentTypeError(
            f"{name} must be one of {', '.join(choices)}; got {type(value).__name__}"
        )
    if raw not in choices:
        raise InvalidArgumentError(f"{name} must be one of {', '.join(choices)}; got {raw!r}")
    return raw


def iso_datetime(name: str, value: object) -> str:
    """Return the wire form of a date parameter given as ``datetime``, ``date`` or ISO string.

    Datetimes are sent in UTC as ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (naive ones are taken as UTC),
    dates as ``YYYY-MM-DD``; strings must parse as ISO 8601 and are sent unchanged.
    """
    return format_datetime(parse_date_like(name, value), value)


def parse_date_like(name: str, value: object) -> datetime:
    """Read a ``datetime``, ``date`` or ISO 8601 string as an aware datetime (UTC if naive)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidArgumentError(
                f"{name} must be an ISO 8601 date or datetime such as '2025-11-01' or "
                f"'2025-11-01T00:00:00Z', got {value!r}"
            ) from None
    else:
        raise InvalidArgumentTypeError(
            f"{name} must be a datetime, date or ISO 8601 string, got {type(value).__name__}"
        )
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def format_datetime(parsed: datetime, original: object) -> str:
    """The wire string for a date parameter already parsed by :func:`parse_date_like`."""
    if isinstance(original, str):
        return original.strip()
    if isinstance(original, date) and not isinstance(original, datetime):
        return original.isoformat()
    utc = parsed.astimezone(UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def query_bool(name: str, value: object) -> str:
    """Return ``"true"``/``"false"`` for a real bool (a string like ``"false"`` is refused)."""
    if not isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be True or False, got {value!r}")
    return "true" if value else "false"


def compact(**fields: Any) -> dict[str, Any]:
    """A query or JSON body of the entries that are set (``None`` means "not given")."""
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


def id_list(name: str, values: object, *, allow_empty_list: bool = False) -> list[int]:
    """A list of positive int ids (non-empty unless ``allow_empty_list``)."""
    items = items_of(name, values, "int ids")
    if not allow_empty_list:
        non_empty(name, items, "id")
    return [positive_id(f"{name}[{index}]", value) for index, value in enumerate(items)]


def text(name: str, value: object, *, allow_empty: bool = False) -> str:
    """A string (non-blank unless ``allow_empty``)."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{name} must be a str, got {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string")
    return value


def short_text(name: str, value: object, *, maximum: int) -> str:
    """A non-blank string of at most ``maximum`` characters."""
    checked = text(name, value)
    if len(checked) > maximum:
        raise InvalidArgumentError(
            f"{name} must be at most {maximum} characters, got {len(checked)}"
        )
    return checked


def text_list(name: str, values: object, *, allow_empty_list: bool = False) -> list[str]:
    """A list of non-blank strings (non-empty unless ``allow_empty_list``)."""
    items = items_of(name, values, "non-empty strings")
    if not allow_empty_list:
        non_empty(name, items, "string")
    return [text(f"{name}[{index}]", value) for index, value in enumerate(items)]


def email_address(name: str, value: object) -> str:
    """One email address, such as ``ada@example.com``."""
    address = text(name, value).strip()
    if not _EMAIL.fullmatch(address):
        raise InvalidArgumentError(
            f"{name} must be an email address like 'ada@example.com', got {value!r}"
        )
    return address


def email_addresses(name: str, value: object) -> str:
    """Email addresses, from a list or a comma-separated string, as one comma-separated string."""
    if isinstance(value, str):
        items: list[Any] = [part.strip() for part in value.split(",")]
    else:
        items = items_of(name, value, "email addresses")
    addresses = [text(f"{name}[{index}]", item).strip() for index, item in enumerate(items)]
    non_empty(name, addresses, "address")
    for index, address in enumerate(addresses):
        if not _EMAIL.fullmatch(address):
            raise InvalidArgumentError(
                f"{name}[{index}] must be an email address like 'ada@example.com', "
                f"got {address!r}"
            )
    return ",".join(addresses)


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






def flag(name: str, value: object) -> bool:
    """A real ``bool`` for a JSON body (``"false"`` and ``None`` are refused)."""
    if isinstance(value, bool):
        return value
    raise InvalidArgumentTypeError(f"{name} must be True or False, got {value!r}")


def query_flag(name: str, value: object) -> str | None:
    """A query flag that is sent (as ``true``) only when ``True``."""
    return "true" if flag(name, value) else None


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


def date_span(
    start_name: str, start: object, end_name: str, end: object
) -> tuple[date, date]:
    """Two calendar days (see :func:`calendar_date`), the second not before the first."""
    first = calendar_date(start_name, start)
    last = calendar_date(end_name, end)
    if last < first:
        raise InvalidArgumentError(
            f"{end_name} ({last}) must not be before {start_name} ({first})"
        )
    return first, last


_WALL_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$")


def wall_time(name: str, value: object, zone: str | None) -> str:
    """A day (``YYYY-MM-DD``) or a wall-clock instant (``YYYY-MM-DD HH:MM:SS``) in ``zone``.

    A ``date`` is sent as its day; a naive ``datetime`` as its own wall clock; an aware one
    converted to ``zone`` (UTC when none is given) first. Strings must have one of the two
    forms and a valid date.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zoneinfo.ZoneInfo(zone) if zone else UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        if _WALL_TIME.match(text):
            try:
                datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                return text
        raise InvalidArgumentError(
            f"{name} must be 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', got {value!r}"
        )
    raise InvalidArgumentTypeError(
        f"{name} must be a date, datetime or string, got {type(value).__name__}"
    )


def require_any(method: str, body: Mapping[str, Any], names: Iterable[str]) -> None:
    """Refuse an update whose body (unset fields already dropped) would be empty."""
    if not body:
        raise InvalidArgumentError(f"{method} needs at least one of: {', '.join(names)}")


def one_of(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` if it is one of the strings ``choices``."""
    allowed = list(choices)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(repr(choice) for choice in allowed)
        raise InvalidArgumentError(f"{name} must be one of {shown}; got {value!r}")
    return value


def matching(name: str, value: object, pattern: re.Pattern[str], what: str) -> str:
    """A non-blank string that matches ``pattern`` in full (``what`` describes it)."""
    checked = text(name, value)
    if not pattern.fullmatch(checked):
        raise InvalidArgumentError(f"{name} must be {what}, got {value!r}")
    return checked


_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def hex_color(name: str, value: object) -> str:
    """A colour as ``#RRGGBB``."""
    return matching(name, value, _HEX_COLOR, "a hex colour '#RRGGBB' such as '#FF5733'")


_OBJECT_ID = re.compile(r"[0-9a-fA-F]{24}")


def object_id(name: str, value: object) -> str:
    """An id as MongoDB writes it (SendKit's ids): 24 hexadecimal characters."""
    return matching(
        name, value, _OBJECT_ID, "a 24-character hexadecimal id such as '666a1b2c3d4e5f6a7b8c9d01'"
    )


def time_window(
    start_name: str, start: object, end_name: str, end: object
) -> tuple[str, str]:
    """Two instants (``datetime``, ``date`` or ISO string) as wire strings, end not before start."""
    first, last = parse_date_like(start_name, start), parse_date_like(end_name, end)
    if last < first:
        raise InvalidArgumentError(
            f"{end_name} ({last.isoformat()}) must not be before {start_name} "
            f"({first.isoformat()})"
        )
    return format_datetime(first, start), format_datetime(last, end)
