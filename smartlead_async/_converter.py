"""The one cattrs converter, with lenient hooks for what SmartLead actually sends.

Built once at import; per-class structure functions are generated once and cached by cattrs.
Leniency: numbers sent as strings become ints (or floats, for float fields: ``"12.5%"`` is
12.5, a percentage as the analytics routes send rates), ``Z`` timestamps become aware datetimes,
booleans sent as ``"true"``/``"false"``/``0``/``1`` are read as such (never ``bool("false")``),
unknown enum values are kept, unknown fields are ignored by the structure function and stay in
``Model.raw``.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs

from .models._base import Model, json_keys

__all__ = ["MissingFieldError", "converter"]

T = TypeVar("T")

converter = cattrs.Converter(detailed_validation=False, forbid_extra_keys=False)


def to_int(value: Any, _: Any = None) -> int | None:
    """Read an int from an int, a numeric string (``"42"``, ``" 42 "``, ``"40%"``) or a float."""
    if type(value) is int:
        return value
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip().rstrip("%")
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return None
            return int(number) if number.is_integer() else None
    return None


def to_float(value: Any, _: Any = None) -> float | None:
    """Read a finite float from a number or a numeric string; a trailing ``%`` is dropped
    (``"12.5%"`` is 12.5: rates stay percentages). Anything else is ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().rstrip("%").strip()
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def to_str(value: Any, _: Any = None) -> str | None:
    """Keep strings; render anything else (``phone_number`` often arrives as a number) as text."""
    if value is None or type(value) is str:
        return value
    return str(value)


_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})


def to_bool(value: Any, _: Any = None) -> bool | None:
    """Read a bool without ever turning ``"false"`` into ``True``; unknown text is ``None``."""
    if value is None or type(value) is bool:
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return None


def to_datetime(value: Any, _: Any = None) -> datetime | None:
    """Read ISO 8601 (``Z`` or offset; naive means UTC) or epoch seconds/milliseconds."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            seconds = value / 1000 if value > 100_000_000_000 else value
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):  # NaN, or beyond year 1..9999
            return None
    return None


def to_date(value: Any, _: Any = None) -> date | None:
    """Read a calendar date from ``YYYY-MM-DD`` or a full ISO timestamp."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    parsed = to_datetime(value)
    return parsed.date() if parsed is not None else None


def to_decimal(value: Any, _: Any = None) -> Decimal | None:
    """Read an amount of money exactly from a number or a numeric string (``"1500.00"``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | str):
        try:
            number = Decimal(str(value).strip() if isinstance(value, str) else repr(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _to_dict(value: Any, _: Any = None) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _to_list(value: Any, _: Any = None) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _passthrough(value: Any, _: Any = None) -> Any:
    return value


def _register_exact(tp: Any, hook: Any) -> None:
    """Register ``hook`` for exactly ``tp`` (works for generics and unions alike)."""
    converter.register_structure_hook_func(lambda candidate: candidate == tp, hook)


for _type, _hook in (
    (int, to_int),
    (int | None, to_int),
    (float, to_float),
    (float | None, to_float),
    (str, to_str),
    (str | None, to_str),
    (bool, to_bool),
    (bool | None, to_bool),
    (datetime, to_datetime),
    (datetime | None, to_datetime),
    (date, to_date),
    (date | None, to_date),
    (Decimal | None, to_decimal),
    (dict[str, Any], _to_dict),
    (list[Any], _to_list),
    (Any, _passthrough),
):
    _register_exact(_type, _hook)


def _to_str_list(value: Any, _: Any = None) -> list[str]:
    """``track_settings`` is documented both as an array and as one string."""
    return [str(item) for item in _to_list(value) if item is not None]


def _to_int_list(value: Any, _: Any = None) -> list[int]:
    return [n for n in (to_int(item) for item in _to_list(value)) if n is not None]


_register_exact(list[str], _to_str_list)
_register_exact(list[int], _to_int_list)

# cattrs dispatches the bare primitive classes before any predicate hook: without these, a
# required ``id: int`` went through ``int(value)`` (``int("")`` raised and failed the page)
# and a required ``bool`` through ``bool(value)`` (``"false"`` became True).
for _cls, _hook in ((int, to_int), (float, to_float), (str, to_str), (bool, to_bool)):
    converter.register_structure_hook(_cls, _hook)


def _is_open_enum(cls: Any) -> bool:
    from ._enums import _OpenEnum

    return isinstance(cls, type) and issubclass(cls, _OpenEnum)


def _open_enum(value: Any, cls: Any) -> Any:
    """A member for a known value, a pseudo-member keeping an unknown one, ``None`` if blank.

    Registered by class (cattrs would otherwise route these ``str`` subclasses to its own
    string handling before any hook factory, rejecting non-string values).
    """
    if value is None or value == "":
        return None
    member = cls._value2member_map_.get(value) if isinstance(value, str) else None
    return member if member is not None else cls(str(value))


def _register_open_enums() -> None:
    from ._enums import _OpenEnum

    converter.register_structure_hook(_OpenEnum, _open_enum)


_register_open_enums()


def _optional_of_model_or_enum(tp: Any) -> bool:
    args = getattr(tp, "__args__", ())
    return (
        len(args) == 2
        and type(None) in args
        and any(_is_open_enum(a) or (attrs.has(a) and issubclass(a, Model)) for a in args)
    )


def _optional_hook_factory(tp: Any) -> Any:
    inner = next(a for a in tp.__args__ if a is not type(None))
    inner_hook = converter.get_structure_hook(inner)

    def hook(value: Any, _: Any = None) -> Any:
        return None if value is None else inner_hook(value, inner)

    return hook


converter.register_structure_hook_factory(_optional_of_model_or_enum, _optional_hook_factory)


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and issubclass(cls, Model)


class MissingFieldError(TypeError):
    """A response lacks a field its model requires (its identity, or a non-optional field).

    Raised while structuring; the request path turns it into :class:`APIResponseError`
    naming the route, the model and the field.
    """

    def __init__(self, cls: type[Model], field: str) -> None:
        keys = json_keys(cls, field)
        spelled = " or ".join(repr(key) for key in keys)
        super().__init__(f"{cls.__name__}.{field} is required but the response has no {spelled}")
        self.model = cls
        self.field = field


def _model_hook_factory(cls: type[Model]) -> Any:
    """Compile one structure function per model class: a single constructor call.

    For each field the JSON value is read once (from the first of its keys that is present)
    and passed through untouched when it already has the declared type (the common case),
    else through the field's converter hook. A field declared without a default is required:
    absent, null or unreadable, it raises :class:`MissingFieldError`. This is several times
    faster than a generic per-field dispatch, which matters when an export decodes millions
    of records.
    """
    attrs.resolve_types(cls)
    namespace: dict[str, Any] = {"__cl": cls, "__dict": dict}
    arguments: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        if field.name == "raw":
            continue
        read = _reader(cls, field.name, namespace, index)
        hook = f"__h{index}"
        namespace[hook] = converter.get_structure_hook(field.type)
        namespace[f"__type{index}"] = field.type
        call = f"{hook}(v, __type{index})"
        fast = _FAST_PATH_TYPES.get(field.type)
        if fast is not None:
            namespace[f"__t{index}"] = fast
            expr = f"v if (v := {read}) is None or v.__class__ is __t{index} else {call}"
        else:
            namespace[f"__missing{index}"] = _missing_value(field)
            expr = f"{call} if (v := {read}) is not None else __missing{index}()"
        if field.default is attrs.NOTHING:
            namespace[f"__required{index}"] = _required(cls, field.name)
            expr = f"__required{index}({expr})"
        arguments.append(f"{field.name}=({expr})")
    source = (
        "def structure(o, _=None):\n"
        "    if o.__class__ is not __dict:\n"
        "        __bad(o)\n"
        f"    return __cl({', '.join([*arguments, 'raw=o'])})\n"
    )

    def bad(value: Any) -> None:
        kind = type(value).__name__
        raise TypeError(f"expected a JSON object for {cls.__name__}, got {kind}")

    namespace["__bad"] = bad
    exec(compile(source, f"<structure {cls.__qualname__}>", "exec"), namespace)
    return namespace["structure"]


def _reader(cls: type[Model], field: str, namespace: dict[str, Any], index: int) -> str:
    """The expression reading ``field``'s JSON value from the object ``o``."""
    keys = json_keys(cls, field)
    if len(keys) == 1:
        return f"o.get({keys[0]!r})"

    def first(o: dict[str, Any]) -> Any:
        for key in keys:
            value = o.get(key)
            if value is not None:
                return value
        return None

    namespace[f"__first{index}"] = first
    return f"__first{index}(o)"


def _required(cls: type[Model], field: str) -> Any:
    def check(value: Any) -> Any:
        if value is None:
            raise MissingFieldError(cls, field)
        return value

    return check


def _missing_value(field: attrs.Attribute[Any]) -> Any:
    """A zero-argument callable giving the value of a field that is absent or null."""
    default = field.default
    factory = getattr(default, "factory", None)  # attrs.Factory(...)
    if callable(factory):
        return factory
    value = None if default is attrs.NOTHING else default
    return lambda: value


#: Field types whose JSON value is used as is when it already has this Python type.
_FAST_PATH_TYPES: dict[Any, type] = {
    str | None: str, str: str, int | None: int, int: int, float | None: float, float: float,
    bool | None: bool, bool: bool, dict[str, Any]: dict,
}


converter.register_structure_hook_factory(_is_model, _model_hook_factory)
