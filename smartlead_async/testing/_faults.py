"""Hostile-server behaviour for the fake: rate window, latency and injected faults.

Everything here is a policy object with no HTTP knowledge. The request pipeline in
``_pipeline.py`` asks these objects what to do; the socket server in ``_server.py`` turns a
:class:`ConnectionAbort` into what a real socket would show the client.
"""

from __future__ import annotations

import enum
import math
import random
from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "Admission",
    "ConnectionAbort",
    "FaultInjector",
    "FaultKind",
    "Faults",
    "Latency",
    "SlidingWindow",
]


@dataclass(frozen=True, slots=True)
class Faults:
    """Fractions of admitted requests that misbehave, decided by a seeded random stream.

    Faults are decided after authentication and rate limiting, so 401s and 429s are never
    faulted, and a faulted request still counts in the rate window.

    Args:
        error_rate: fraction answered 500, 502 or 503 (random choice) with a JSON or HTML body.
        drop_rate: fraction where the connection closes without any response.
        truncate_rate: fraction where the status line and headers (with the full
            ``Content-Length``) are sent, then only part of the body, then the connection closes.
        seed: seed of the random stream that picks faulted requests.
    """

    error_rate: float = 0.0
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("error_rate", "drop_rate", "truncate_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"Faults.{name} must be between 0 and 1, got {value!r}")
        if self.error_rate + self.drop_rate + self.truncate_rate > 1.0 + 1e-9:
            raise ValueError("Faults: error_rate + drop_rate + truncate_rate must not exceed 1")


class FaultKind(enum.Enum):
    """What the fault layer does to one admitted request."""

    DROP = "drop"
    TRUNCATE = "truncate"
    ERROR = "error"


class FaultInjector:
    """Draws fault decisions from one seeded random stream (deterministic per arrival order)."""

    _ERROR_STATUSES = (500, 502, 503)

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._rng = random.Random(faults.seed)

    def decide(self) -> FaultKind | None:
        """Return the fault to inject into the next admitted request, or None."""
        f = self.faults
        if f.drop_rate == f.truncate_rate == f.error_rate == 0.0:
            return None
        u = self._rng.random()
        if u < f.drop_rate:
            return FaultKind.DROP
        if u < f.drop_rate + f.truncate_rate:
            return FaultKind.TRUNCATE
        if u < f.drop_rate + f.truncate_rate + f.error_rate:
            return FaultKind.ERROR
        return None

    def error_status(self) -> tuple[int, bool]:
        """Pick the status of an injected error and whether its body is HTML (else JSON)."""
        return self._rng.choice(self._ERROR_STATUSES), self._rng.random() < 0.5

    def cut(self, length: int) -> int:
        """How many bytes of a ``length``-byte body to send before closing (always < length)."""
        if length <= 1:
            return 0
        return self._rng.randrange(1, length)


class Admission(NamedTuple):
    """Outcome of asking the rate window about one request."""

    admitted: bool
    retry_after: float  # seconds until a slot frees (0.0 when admitted)
    in_window: int  # admitted requests in the window ending now, this one included


class SlidingWindow:
    """Strict sliding-window log: at most ``limit`` admitted requests per key in any ``period``.

    A request at time ``t`` shares a window with every admitted request at ``s > t - period``.
    Rejected requests are not recorded, so they never push the window forward.
    """

    def __init__(self, limit: int, period: float) -> None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"rate_limit count must be a positive int, got {limit!r}")
        if not period > 0:
            raise ValueError(f"rate_limit period must be > 0 seconds, got {period!r}")
        self.limit = limit
        self.period = float(period)
        self._hits: dict[str, deque[float]] = {}

    def admit(self, key: str, now: float) -> Admission:
        """Record the request at ``now`` if a slot is free; otherwise say how long to wait."""
        hits = self._hits.setdefault(key, deque())
        horizon = now - self.period
        while hits and hits[0] <= horizon:
            hits.popleft()
        if len(hits) >= self.limit:
            return Admission(False, max(hits[0] + self.period - now, 0.0), len(hits))
        hits.append(now)
        return Admission(True, 0.0, len(hits))

    @staticmethod
    def retry_after_header(retry_after: float) -> str:
        """Format seconds for a ``Retry-After`` header: an integer string, rounded up, >= 1."""
        return str(max(1, math.ceil(retry_after)))


class Latency:
    """Seconds to wait (before each response, or before an arrival is counted): a constant or
    a seeded uniform range; ``stream`` names the random stream, so two knobs never share one."""

    def __init__(
        self, spec: float | tuple[float, float], seed: int, *, stream: str = "latency"
    ) -> None:
        if isinstance(spec, tuple):
            low, high = float(spec[0]), float(spec[1])
        else:
            low = high = float(spec)
        if low < 0 or high < low:
            raise ValueError(
                f"{stream} must be >= 0 and (low, high) with low <= high, got {spec!r}"
            )
        self.low, self.high = low, high
        self._rng = random.Random(f"{stream}:{seed}")

    def sample(self) -> float:
        """Return the delay for the next response."""
        if self.high == self.low:
            return self.low
        return self._rng.uniform(self.low, self.high)


class ConnectionAbort(Exception):
    """Raised by the fake's ASGI app to say: close the connection now, send nothing more.

    Whatever the app already passed to ``send`` stays on the wire. ``status`` is None when no
    response was started (a dropped request); otherwise the attributes repeat what was sent,
    so an adapter that buffers (``httpx.ASGITransport``) can replay the partial response.
    """

    def __init__(
        self,
        *,
        status: int | None = None,
        headers: list[tuple[bytes, bytes]] | None = None,
        partial_body: bytes = b"",
        expected_length: int = 0,
    ) -> None:
        super().__init__("connection closed by fake server fault")
        self.status = status
        self.headers = headers or []
        self.partial_body = partial_body
        self.expected_length = expected_length
