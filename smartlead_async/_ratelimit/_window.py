"""The sliding-window rules, as plain data and pure functions of "now".

One :class:`WindowState` holds what every process sharing a limit must agree on: the recent
starts, the pause a 429 imposed, the allowance lowered by unexplained 429s, and the widest
margin any process reported lately. The in-process store keeps one in memory and the SQLite
store keeps one as a JSON row, both running these methods; the Redis store runs the same rules
in its Lua script (``_redis.lua``).
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["Decision", "Window", "WindowState"]

#: Starts are kept this many spans: long enough to weigh a 429 that came back late.
KEEP_SPANS = 3
#: How many windows a reported margin holds before a smaller report may replace it.
MARGIN_HOLD_WINDOWS = 30
#: The longest pause honoured (seconds): a bogus value must not stall every process for good.
MAX_PAUSE = 3600.0


@attrs.frozen
class Window:
    """The limit one caller applies: ``requests`` per ``per_seconds`` plus a margin.

    Attributes:
        requests: starts allowed per window.
        per_seconds: the window length.
        ceiling: the widest margin any caller may use (bounds how long starts are kept).
    """

    requests: int
    per_seconds: float
    ceiling: float

    @property
    def keep(self) -> float:
        """How long starts are kept, in seconds."""
        return KEEP_SPANS * (self.per_seconds + self.ceiling)

    @property
    def margin_hold(self) -> float:
        """How long the widest reported margin holds, in seconds."""
        return MARGIN_HOLD_WINDOWS * self.per_seconds


@attrs.frozen
class Decision:
    """The answer to "may one more request start now?".

    Attributes:
        start_id: the recorded start's id, or ``None`` when it must wait.
        wait: seconds to wait before asking again (0 when admitted).
        margin: the margin in force (the widest any process reported lately).
        allowance: starts allowed per window now.
    """

    start_id: int | None
    wait: float
    margin: float
    allowance: int


@attrs.define
class WindowState:
    """What every process sharing one limit agrees on, in the store's clock.

    Attributes:
        starts: ``[time, id]`` of recent starts, sorted by time.
        next_id: the id of the next start.
        blocked_until: no start before this instant (a 429's pause, a used-up quota).
        allowance: starts allowed per window now (``None``: the caller's ``requests``).
        allowance_changed: when the allowance last changed.
        margin: the widest margin reported lately.
        margin_until: when a smaller report may replace ``margin``.
    """

    starts: list[list[float]] = attrs.field(factory=list)
    next_id: int = 1
    blocked_until: float = 0.0
    allowance: int | None = None
    allowance_changed: float = -math.inf
    margin: float = 0.0
    margin_until: float = -math.inf

    # -- decisions --------------------------------------------------------------------------

    def admit(self, now: float, window: Window, margin: float) -> Decision:
        """Record a start at ``now`` if the window has room, else say how long to wait.

        ``margin`` is the caller's own learned margin; the widest reported lately wins.
        """
        self.report_margin(now, window, margin)
        span = window.per_seconds + self.margin
        self._forget(now, window, span)
        allowance = self._recover(now, window, span)
        if now < self.blocked_until:
            return Decision(None, self.blocked_until - now, self.margin, allowance)
        times = [start[0] for start in self.starts]
        first = bisect.bisect_right(times, now - span)
        in_window = len(times) - first
        if in_window < allowance:
            start_id = self.next_id
            self.next_id += 1
            bisect.insort(self.starts, [now, start_id])
            return Decision(start_id, 0.0, self.margin, allowance)
        wait = times[first + in_window - allowance] + span - now
        return Decision(None, max(wait, 1e-6), self.margin, allowance)

    def redate(self, start_id: int, now: float) -> None:
        """Move a start to ``now``, when its request really left."""
        for index, (at, sid) in enumerate(self.starts):
            if sid == start_id:
                if now > at:
                    del self.starts[index]
                    bisect.insort(self.starts, [now, start_id])
                return

    def settle(self, holds: Sequence[tuple[int, float]]) -> None:
        """Hold each ``(start_id, seconds)`` start that much longer: how much later than
        the fastest its request may have reached the server, learned from its answer."""
        wanted = {start_id: seconds for start_id, seconds in holds if seconds > 0}
        if any(int(sid) in wanted for _, sid in self.starts):
            self.starts = sorted(
                [at + wanted.get(int(sid), 0.0), sid] for at, sid in self.starts
            )

    def refuse(
        self,
        start_id: int,
        now: float,
        window: Window,
        pause: float,
        jitter: float,
        widened: float | None,
    ) -> bool:
        """Answer a 429 for ``start_id``; return True when timing explains it.

        Timing explains it when our own log holds ``requests`` other starts close enough to
        it (within ``jitter`` either side of one window) to have filled the server's window
        on their own: then the margin widens to ``widened`` and nobody pauses beyond the
        window. Otherwise (another client on the key, a lower plan limit; or ``widened`` is
        ``None`` because the margin cannot grow) every caller pauses for ``pause`` seconds
        and the allowance halves, at most once per window.
        """
        at = next((start[0] for start in self.starts if start[1] == start_id), None)
        if at is not None and widened is not None:
            low, high = at - window.per_seconds - jitter, at + jitter
            others = sum(1 for t, sid in self.starts if low < t <= high and sid != start_id)
            if others >= window.requests:
                self.report_margin(now, window, widened)
                return True
        self.lower(now, window, pause)
        return False

    def lower(self, now: float, window: Window, pause: float) -> None:
        """An unexplained 429: pause everyone, and halve the allowance at most once a window."""
        self.pause(now, pause)
        span = window.per_seconds + self.margin
        allowance = self.allowance if self.allowance is not None else window.requests
        if now - self.allowance_changed >= span and allowance > 1:
            self.allowance = max(1, allowance // 2)
            self.allowance_changed = now

    def pause(self, now: float, seconds: float) -> None:
        """Hold every start back for ``seconds`` from ``now``."""
        self.blocked_until = max(self.blocked_until, now + min(max(seconds, 0.0), MAX_PAUSE))

    def report_margin(self, now: float, window: Window, margin: float) -> None:
        """A caller's margin: the widest holds for a while, then a smaller one may replace it."""
        margin = min(margin, window.ceiling)
        if margin >= self.margin or now >= self.margin_until:
            self.margin = margin
            self.margin_until = now + window.margin_hold

    # -- housekeeping -------------------------------------------------------------------------

    def _forget(self, now: float, window: Window, span: float) -> None:
        """Drop starts too old to matter, and any dated implausibly far ahead (a clock step;
        a settled start may be up to the ceiling ahead)."""
        horizon, ahead = now - window.keep, now + span + window.ceiling
        self.starts = [s for s in self.starts if horizon < s[0] <= ahead]
        if self.blocked_until > now + MAX_PAUSE:
            self.blocked_until = now

    def _recover(self, now: float, window: Window, span: float) -> int:
        """The allowance now: one more per window without an unexplained 429."""
        if self.allowance is None:
            return window.requests
        if now - self.allowance_changed >= span:
            self.allowance += 1
            self.allowance_changed = now
            if self.allowance >= window.requests:
                self.allowance = None
                return window.requests
        return self.allowance

    # -- storage ------------------------------------------------------------------------------

    def to_json(self) -> str:
        """A compact JSON form (the SQLite store's row)."""
        data: dict[str, Any] = attrs.asdict(self)
        for name in ("allowance_changed", "margin_until"):
            if math.isinf(data[name]):
                data[name] = None
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> WindowState:
        """The inverse of :meth:`to_json`."""
        data = json.loads(text)
        for name in ("allowance_changed", "margin_until"):
            if data[name] is None:
                data[name] = -math.inf
        return cls(**data)
