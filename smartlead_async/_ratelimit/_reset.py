"""Pure policy: reading ``x-ratelimit-reset`` so that no header can stall every task for long.

Servers and proxies send the reset as seconds from now, as epoch seconds or as epoch
milliseconds, and sometimes as nonsense (``inf``, ``nan``, ``-5``, ``garbage``). The pause a
used-up quota causes is shared by every task on the key, so a reset that cannot be read is
ignored and one beyond the allowed maximum is clamped to it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

RESET = "x-ratelimit-reset"

#: From here on a reset is an instant, not a delay: 1e9 s is 2001-09-09 as epoch seconds,
#: and 31 years as a delay, which no quota means.
EPOCH_SECONDS_FROM = 1e9
#: From here on an instant is in milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973.
EPOCH_MILLISECONDS_FROM = 1e11


@attrs.frozen
class ResetReading:
    """A reset header, read.

    Attributes:
        seconds: seconds from now until the quota resets, at most the maximum pause; ``None``
            when the header is absent or was ignored.
        note: why the header was clamped or ignored, for a DEBUG log line; ``None`` when it
            was usable as sent.
    """

    seconds: float | None
    note: str | None = None


def read_reset(raw: str | None, *, now: float, max_pause: float) -> ResetReading:
    """Read an ``x-ratelimit-reset`` value as seconds from now, defensively.

    A number below 1e9 is a delay in seconds; from 1e9 an epoch instant in seconds, from 1e11
    in milliseconds, compared with ``now``. Not a finite number, negative, or an instant
    already past: ignored. More than ``max_pause`` seconds away: clamped to ``max_pause``.

    Args:
        raw: the header's value, or ``None`` when absent.
        now: the current epoch time in seconds (``time.time()``).
        max_pause: the longest wait a reset may ask for, in seconds.
    """
    if raw is None:
        return ResetReading(None)
    value = _number(raw)
    if value is None or not math.isfinite(value):
        return ResetReading(None, f"ignored {RESET}={_shown(raw)}: not a finite number")
    if value < 0:
        return ResetReading(None, f"ignored {RESET}={_shown(raw)}: negative")
    seconds, unit = value, "seconds from now"
    if value >= EPOCH_MILLISECONDS_FROM:
        seconds, unit = value / 1000 - now, "epoch milliseconds"
    elif value >= EPOCH_SECONDS_FROM:
        seconds, unit = value - now, "epoch seconds"
    if seconds < 0:
        return ResetReading(None, f"ignored {RESET}={_shown(raw)}: {unit} already past")
    if seconds > max_pause:
        return ResetReading(
            max_pause,
            f"clamped {RESET}={_shown(raw)} ({unit}, {seconds:.0f} s away) to the {max_pause:g} s "
            "maximum pause",
        )
    return ResetReading(seconds)


def with_sane_reset(
    headers: Mapping[str, str], *, now: float, max_pause: float
) -> tuple[dict[str, str], str | None]:
    """``headers`` with the reset rewritten as sane seconds from now (or dropped), and the note.

    This is what a :class:`~smartlead_async.RateLimiter` is given: it may trust the reset.
    """
    reading = read_reset(headers.get(RESET), now=now, max_pause=max_pause)
    sane = {name: value for name, value in headers.items() if name != RESET}
    if reading.seconds is not None:
        sane[RESET] = f"{reading.seconds:.3f}"
    return sane, reading.note


def _shown(raw: str) -> str:
    """The header for a log line: a server's garbage can be long."""
    return repr(raw) if len(raw) <= 40 else repr(raw[:40]) + "..."


def _number(raw: str) -> float | None:
    try:
        return float(raw.strip())
    except ValueError:
        return None
