"""What the transport needs from a limiter, and the ticket the SDK's own limiters hand out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ._sliding import SlidingWindowLimiter

__all__ = ["Admission", "RateLimiter"]


@runtime_checkable
class RateLimiter(Protocol):
    """What the transport needs from a limiter; implement it to plug in your own."""

    async def acquire(self) -> Callable[[], object] | None:
        """Wait until one more request may start, and count it as started.

        May return a function that the transport calls (and awaits, if it returns an
        awaitable) at the moment the request is really sent, once its connection is ready,
        so the start can be dated precisely; a limiter that does not need this returns
        ``None``.
        """

    def penalize(self, seconds: float) -> None:
        """Stop every request from starting for ``seconds`` (after a 429)."""

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        """Learn from ``x-ratelimit-*`` response headers, when the server sends them."""


class Admission:
    """One admitted start, handed out by the SDK's sliding-window limiters.

    Calling it (awaited) re-dates the start to now, when the request really leaves; the
    transport then reports the round trip (:meth:`answered`: the start is held longer by
    its lateness), and a 429 through :meth:`refused`, so the limiter can tell a timing 429
    from a lower limit.

    Attributes:
        start_id: the start's id in the limiter's window.
        margin: the jitter margin in force when it was admitted.
    """

    __slots__ = ("_limiter", "margin", "start_id")

    def __init__(self, limiter: SlidingWindowLimiter, start_id: int, margin: float) -> None:
        self._limiter = limiter
        self.start_id = start_id
        self.margin = margin

    def __call__(self) -> Awaitable[None]:
        return self._limiter._sent(self)

    async def answered(self, route: str, round_trip: float, *, success: bool = True) -> None:
        """The response's headers arrived ``round_trip`` seconds after the request left:
        the start is held longer by how late that says the request may have arrived.
        ``success``: a 2xx (only those round trips are compared with one another)."""
        await self._limiter._answered(self, route, round_trip, success)

    async def refused(self, pause: float) -> None:
        """The server answered 429; ``pause`` is its Retry-After (or one window)."""
        await self._limiter._refused(self, pause)

    def __repr__(self) -> str:
        return f"Admission(start_id={self.start_id}, margin={self.margin:.3f})"
