"""``x-ratelimit-*`` response headers: how long a quota reported used up holds requests back."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["quota_pause"]


def quota_pause(headers: Mapping[str, str]) -> float | None:
    """Seconds to hold every request back when the headers say the quota is used up, else None.

    The request pipeline has already made ``x-ratelimit-reset`` sane (:func:`with_sane_reset`
    in :mod:`._reset`): seconds from now, at most the client's ``max_rate_limit_pause``, and
    absent when the server's was nonsense.
    """
    remaining = _header_number(headers, "x-ratelimit-remaining")
    reset = _header_number(headers, "x-ratelimit-reset")
    if remaining is not None and remaining <= 0 and reset is not None:
        return reset  # a quota used up on time, not a refusal
    return None


def _header_number(headers: Mapping[str, str], name: str) -> float | None:
    raw = headers.get(name)
    try:
        return float(raw) if raw is not None else None
    except ValueError:
        return None
