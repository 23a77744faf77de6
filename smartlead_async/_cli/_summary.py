"""The few lines an export prints when it ends."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ExportSummary", "api_usage_line", "human_bytes"]


def human_bytes(size: int) -> str:
    """``1.4 MB`` (decimal units)."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def api_usage_line(*, requests: int, elapsed: float, limit: str, rate_limited: int) -> str:
    """How the API was used: requests, the rate achieved, the limit and the 429s."""
    rate = requests / elapsed if elapsed > 0 else 0.0
    return (
        f"{requests:,} request{'' if requests == 1 else 's'}, {rate:.1f}/s (limit: {limit}); "
        f"{rate_limited:,} rate-limited (429)."
    )


@dataclass(frozen=True)
class ExportSummary:
    """What an export did, for the closing lines."""

    records: int
    written_now: int
    noun: str
    sources: int
    source_noun: str
    path: str
    fmt: str
    size: int
    elapsed: float
    requests: int
    rate_limited: int
    limit: str

    def lines(self) -> list[str]:
        """Two lines: what was written where, then how the API was used."""
        what = f"{self.records:,} {self.noun}"
        if self.source_noun:
            noun = self.source_noun if self.sources != 1 else self.source_noun[:-1]
            what += f" from {self.sources:,} {noun}"
        if self.written_now != self.records:
            what += f" ({self.written_now:,} in this run)"
        return [
            f"Exported {what} to {self.path} ({self.fmt.upper()}, {human_bytes(self.size)}) "
            f"in {self.elapsed:.1f} s.",
            api_usage_line(
                requests=self.requests, elapsed=self.elapsed, limit=self.limit,
                rate_limited=self.rate_limited,
            ),
        ]
