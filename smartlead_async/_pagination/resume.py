"""``ResumePoint``: where an interrupted iteration can continue, in a form that outlives it."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeGuard

import attrs

from .._args import int_in_range
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = ["Key", "ResumePoint", "start_point"]

#: A record key a resume point can carry (``campaign_lead_map_id``, ``email_lead_map_id``...).
Key = int | str


def _is_key(value: object) -> TypeGuard[Key]:
    return isinstance(value, int | str) and not isinstance(value, bool)


def _check_offset(_: Any, __: Any, value: int) -> None:
    int_in_range("ResumePoint.offset", value, minimum=0)


def _check_total(_: Any, __: Any, value: int | None) -> None:
    if value is not None:
        int_in_range("ResumePoint.total", value, minimum=0)


def _to_keys(value: Iterable[Key]) -> tuple[Key, ...]:
    return tuple(value)


def _check_keys(_: Any, __: Any, value: tuple[Key, ...]) -> None:
    for key in value:
        if not _is_key(key):
            raise InvalidArgumentTypeError(
                f"ResumePoint.keys must hold ints or strs, got {type(key).__name__}"
            )


@attrs.frozen(kw_only=True, repr=False)
class ResumePoint:
    """Where a paginated listing stopped, so a new paginator (in any process) can continue it.

    Get one from ``error.resume_point`` (any error that stopped an iteration) or from
    ``paginator.resume_point``, store it with :meth:`to_dict` / :meth:`to_str`, and pass it
    back as ``start_from=``: the new iteration yields every record the old one did not, none
    twice, even if the list changed meanwhile. Treat the fields as opaque.

    Attributes:
        offset: an offset in the server's numbering at the time ``total`` was reported, at or
            before the first record not yet yielded (early by the overlap the paginator kept).
        total: the listing's total at that time; ``None`` for listings without a total.
        keys: the keys of the last records yielded, oldest first, to recognise and drop the
            overlap.
        all_keys: whether ``keys`` holds every record yielded so far (none was forgotten).
    """

    VERSION: ClassVar[int] = 1

    offset: int = attrs.field(default=0, validator=_check_offset)
    total: int | None = attrs.field(default=None, validator=_check_total)
    keys: tuple[Key, ...] = attrs.field(default=(), converter=_to_keys, validator=_check_keys)
    all_keys: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    @classmethod
    def after(
        cls, offset: int, total: int | None, keys: Sequence[Hashable], *, all_keys: bool
    ) -> ResumePoint:
        """A resume point from a paginator's state; keys that cannot be stored are left out
        (and then ``keys`` is not all of them)."""
        kept = [key for key in keys if _is_key(key)]
        return cls(offset=max(0, offset), total=total, keys=kept,
                   all_keys=all_keys and len(kept) == len(keys))

    def __repr__(self) -> str:
        return f"ResumePoint(offset={self.offset}, total={self.total}, keys=<{len(self.keys)}>)"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (``{"version": 1, "offset": ..., "total": ..., "keys": [...]}``)."""
        return {
            "version": self.VERSION, "offset": self.offset, "total": self.total,
            "keys": list(self.keys), "all_keys": self.all_keys,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ResumePoint:
        """Read what :meth:`to_dict` wrote.

        Args:
            data: the dict.

        Raises:
            InvalidArgumentError: not a resume point of this version, or a field is invalid.
        """
        if not isinstance(data, Mapping):
            raise InvalidArgumentTypeError(
                f"a resume point must be a dict, got {type(data).__name__}"
            )
        if data.get("version") != cls.VERSION:
            raise InvalidArgumentError(
                f"not a version-{cls.VERSION} resume point (version {data.get('version')!r})"
            )
        keys = data.get("keys", [])
        if not isinstance(keys, list):
            raise InvalidArgumentTypeError(
                f"ResumePoint.keys must be a list, got {type(keys).__name__}"
            )
        offset = int_in_range("ResumePoint.offset", data.get("offset"), minimum=0)
        total = data.get("total")
        if total is not None:
            total = int_in_range("ResumePoint.total", total, minimum=0)
        all_keys = data.get("all_keys", not keys)
        if not isinstance(all_keys, bool):
            raise InvalidArgumentTypeError(
                f"ResumePoint.all_keys must be a bool, got {type(all_keys).__name__}"
            )
        return cls(offset=offset, total=total, keys=keys, all_keys=all_keys)

    def to_str(self) -> str:
        """A compact JSON string of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_str(cls, text: str) -> ResumePoint:
        """Read what :meth:`to_str` wrote.

        Args:
            text: the string.

        Raises:
            InvalidArgumentError: not a resume point of this version.
        """
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            raise InvalidArgumentError(
                "a resume point string must be the JSON of ResumePoint.to_str()"
            ) from None
        return cls.from_dict(data)


def start_point(start_offset: int | None, start_from: ResumePoint | None) -> ResumePoint:
    """Where an iteration starts: ``start_from``, or ``start_offset`` (default 0), not both.

    Raises:
        InvalidArgumentError: both were given, or ``start_offset`` is negative.
        InvalidArgumentTypeError: ``start_from`` is not a :class:`ResumePoint`.
    """
    if start_from is None:
        offset = 0 if start_offset is None else start_offset
        return ResumePoint(offset=int_in_range("start_offset", offset, minimum=0))
    if start_offset is not None:
        raise InvalidArgumentError("pass start_offset or start_from, not both")
    if not isinstance(start_from, ResumePoint):
        raise InvalidArgumentTypeError(
            f"start_from must be a ResumePoint, got {type(start_from).__name__}"
        )
    return start_from
