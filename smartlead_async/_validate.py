"""Argument validation: every check runs before a request is sent and names the parameter."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import Enum
from typing import TypeVar

from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError

E = TypeVar("E", bound=Enum)

DateLike = datetime | date | str


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
        raise InvalidArgumentError(f"{name} must be a number > 0, got {value!r}")
    return float(value)


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


def boolean(name: str, value: object) -> str:
    """Return ``"true"``/``"false"`` for a real bool (a string like ``"false"`` is refused)."""
    if not isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be True or False, got {value!r}")
    return "true" if value else "false"
