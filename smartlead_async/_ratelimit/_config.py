"""``RateLimit``: how many requests may start per window, and where the window is kept."""

from __future__ import annotations

from typing import Any, Literal

import attrs

from .._constants import (
    DEFAULT_RATE_LIMIT_MARGIN,
    DEFAULT_RATE_LIMIT_REQUESTS,
    DEFAULT_RATE_LIMIT_SECONDS,
)
from .._exceptions import InvalidArgumentError
from ._protocol import RateLimiter
from ._urls import check_store_url, redact_store_url

__all__ = ["RateLimit", "Strategy"]

Strategy = Literal["sliding_window", "leaky_bucket"]


def _positive_int(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"RateLimit.{attribute.name} must be a positive int, got {value!r}"
        )


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float)


def _positive_number(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not _is_number(value) or not value > 0:
        raise InvalidArgumentError(
            f"RateLimit.{attribute.name} must be a number > 0, got {value!r}"
        )


def _non_negative_number(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not _is_number(value) or not value >= 0:
        raise InvalidArgumentError(
            f"RateLimit.{attribute.name} must be a number >= 0, got {value!r}"
        )


def _known_strategy(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("sliding_window", "leaky_bucket"):
        raise InvalidArgumentError(
            f"RateLimit.strategy must be 'sliding_window' or 'leaky_bucket', got {value!r}"
        )


def _store_url(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None:
        check_store_url(value, name="RateLimit.store")


def _fraction(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and (not _is_number(value) or not 0 < value <= 1):
        raise InvalidArgumentError(
            f"RateLimit.store_fallback must be None (raise RateLimitStoreError) or a fraction "
            f"of the rate in (0, 1], got {value!r}"
        )


def _redacted(value: str | None) -> str:
    return repr(value if value is None else redact_store_url(value))


@attrs.frozen
class RateLimit:
    """How many requests may start per window, e.g. ``RateLimit(10, 2.0)`` (SmartLead's figure).

    Attributes:
        requests: requests allowed per window.
        per_seconds: window length in seconds.
        margin: the extra time every start is held beyond the window (default 20 ms). On
            top of it, each start is held for its own lateness: how much slower its round
            trip was than the fastest recent one on its endpoint (network jitter). A 429
            that the limiter's own timing explains widens the margin for a while.
        max_margin: the most extra time any start is held, margin and lateness together;
            ``None`` means the larger of ``margin`` and a quarter of the window.
            ``max_margin=margin`` keeps it fixed at ``margin``.
        strategy: ``"sliding_window"`` (bursts up to ``requests``, the fastest safe schedule)
            or ``"leaky_bucket"`` (even pacing, one request every ``(per_seconds+margin)/requests``
            seconds; asyncio only; in-process only).
        store: where the window is kept, shared by every process that uses the same store:
            ``"sqlite:///path/to/limits.db"`` (one machine; ``"sqlite://"`` for a file in the
            user's cache directory), ``"redis://host:6379/0"`` (many machines; needs the
            ``redis`` extra), or ``"memory://"`` (this process only). ``None`` takes
            ``$SMARTLEAD_RATE_LIMIT_STORE`` when it is set, else this process only.
        store_fallback: when the store cannot be reached: ``None`` raises
            :class:`RateLimitStoreError` (the default); a fraction such as ``0.5`` falls back
            to an in-process limiter at that fraction of the rate until the store is back.
    """

    requests: int = attrs.field(default=DEFAULT_RATE_LIMIT_REQUESTS, validator=_positive_int)
    per_seconds: float = attrs.field(
        default=DEFAULT_RATE_LIMIT_SECONDS, validator=_positive_number
    )
    margin: float = attrs.field(
        default=DEFAULT_RATE_LIMIT_MARGIN, kw_only=True, validator=_non_negative_number
    )
    max_margin: float | None = attrs.field(default=None, kw_only=True)
    strategy: Strategy = attrs.field(
        default="sliding_window", kw_only=True, validator=_known_strategy
    )
    store: str | None = attrs.field(
        default=None, kw_only=True, validator=_store_url, repr=_redacted
    )
    store_fallback: float | None = attrs.field(default=None, kw_only=True, validator=_fraction)

    @max_margin.validator
    def _check_max_margin(
        self, attribute: attrs.Attribute[float | None], value: float | None
    ) -> None:
        if value is None:
            return
        _non_negative_number(self, attribute, value)
        if value < self.margin:
            raise InvalidArgumentError(
                f"RateLimit.max_margin must be >= margin ({self.margin!r}), got {value!r}"
            )

    def __attrs_post_init__(self) -> None:
        if self.strategy == "leaky_bucket" and self.store is not None:
            raise InvalidArgumentError(
                "RateLimit.store works with strategy='sliding_window' only; the leaky bucket "
                "is in-process"
            )

    @property
    def margin_ceiling(self) -> float:
        """The most the learned margin may grow to (``max_margin``, or its default)."""
        if self.max_margin is not None:
            return self.max_margin
        return max(self.margin, self.per_seconds / 4)

    def build(self) -> RateLimiter:
        """Create a new limiter for this configuration.

        In-process limiters built this way are not shared; with a ``store``, every limiter
        built from the same store URL and window shares one window there. Clients share
        limiters per API key on their own (see :class:`SmartleadClient`).
        """
        from ._build import build_limiter  # the builders import this module

        return build_limiter(self, scope="default")

