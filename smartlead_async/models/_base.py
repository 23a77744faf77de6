"""The base every response model shares: frozen, slotted, keyword-only, lenient.

Each decoded model keeps the JSON object it came from in ``raw`` (not in repr or equality), so
fields the SDK does not know yet stay reachable through ``extra``.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform

import attrs

__all__ = ["Model", "model"]

_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class Model:
    """Base of all response models."""

    #: JSON key for each field whose name differs from it (field name -> JSON key).
    json_names: ClassVar[dict[str, str]] = {}

    raw: dict[str, Any] = attrs.field(factory=dict, repr=False, eq=False)

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the server sent that this model does not declare."""
        known = _known_json_keys(type(self))
        return {key: value for key, value in self.raw.items() if key not in known}


_KNOWN: dict[type[Model], frozenset[str]] = {}


def _known_json_keys(cls: type[Model]) -> frozenset[str]:
    keys = _KNOWN.get(cls)
    if keys is None:
        keys = _KNOWN[cls] = frozenset(
            cls.json_names.get(f.name, f.name) for f in attrs.fields(cls) if f.name != "raw"
        )
    return keys


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(attrs.field,))
def model(cls: type[_T]) -> type[_T]:
    """Decorate a response model class: frozen, slotted, keyword-only attrs class.

    ``dataclass_transform`` lets type checkers see the fields, so users can build models
    (``Lead(email="a@b.c")``) in their own tests.
    """
    return attrs.frozen(kw_only=True)(cls)
