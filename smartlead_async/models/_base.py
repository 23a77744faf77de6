"""The base every response model shares: frozen, slotted, keyword-only; lenient, except on identity.

What a model may receive is declared on it, as data:

* ``aliases``: the JSON keys a field is read from, in order of preference, where they are not
  just the field's name (SmartLead's two sets of docs name some fields differently);
* ``identity``: the fields that identify a record, which paginators and exports de-duplicate
  on (:func:`record_key`). A field declared without a default is required, identities first:
  a response that lacks it raises instead of giving a model with ``None`` in a field typed
  ``int``.
* ``collection_keys``: the keys a listing of this model may be wrapped in, besides ``data``;
  ``any_collection_key``: or any key, when it holds the object's only array (for routes
  whose shape no source records).

Each decoded model keeps the JSON object it came from in ``raw`` (not in repr or equality), so
fields the SDK does not know yet stay reachable through ``extra``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, ClassVar, TypeVar, dataclass_transform

import attrs

__all__ = ["Aliases", "Identity", "Model", "json_keys", "model", "record_key"]

_T = TypeVar("_T")

#: Field name -> the JSON keys it is read from, in order of preference.
Aliases = Mapping[str, tuple[str, ...]]
#: Names of fields (or JSON keys), in order.
Identity = tuple[str, ...]


@attrs.frozen(kw_only=True)
class Model:
    """Base of all response models."""

    #: JSON keys each field is read from, first match wins (field name -> keys). A field that
    #: is not listed is read from its own name.
    aliases: ClassVar[Aliases] = {}
    #: The fields that identify one record (empty when records have no identity).
    identity: ClassVar[Identity] = ()
    #: Keys a listing of this model may be wrapped in besides ``data`` (``{"campaigns": [...]}``).
    collection_keys: ClassVar[tuple[str, ...]] = ()
    #: A listing of this model may also sit under any other key, if it is the only array.
    any_collection_key: ClassVar[bool] = False

    raw: dict[str, Any] = attrs.field(factory=dict, repr=False, eq=False)

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the server sent that this model does not declare."""
        known = _known_json_keys(type(self))
        return {key: value for key, value in self.raw.items() if key not in known}


def json_keys(cls: type[Model], field: str) -> tuple[str, ...]:
    """The JSON keys ``cls.field`` is read from, in order of preference."""
    return cls.aliases.get(field, (field,))


def record_key(item: Model) -> Hashable | None:
    """The identity of ``item`` (one value, or a tuple for a composite identity).

    ``None`` when the model declares no identity or the record lacks part of it.
    """
    values = tuple(getattr(item, name) for name in type(item).identity)
    if not values or None in values:
        return None
    return values[0] if len(values) == 1 else values


_KNOWN: dict[type[Model], frozenset[str]] = {}


def _known_json_keys(cls: type[Model]) -> frozenset[str]:
    keys = _KNOWN.get(cls)
    if keys is None:
        keys = _KNOWN[cls] = frozenset(
            key for f in attrs.fields(cls) if f.name != "raw" for key in json_keys(cls, f.name)
        )
    return keys


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(attrs.field,))
def model(cls: type[_T]) -> type[_T]:
    """Decorate a response model class: frozen, slotted, keyword-only attrs class.

    ``dataclass_transform`` lets type checkers see the fields, so users can build models
    (``Lead(email="a@b.c")``) in their own tests.
    """
    return attrs.frozen(kw_only=True)(cls)
