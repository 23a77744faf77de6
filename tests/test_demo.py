"""The no-account demo export and its summary."""

from __future__ import annotations

import pytest

from smartlead_async import RateLimit
from smartlead_async.testing import __main__ as cli
from smartlead_async.testing._demo import burst_aware_optimum, format_demo, run_demo

from ._virtual_clock import on_virtual_clock
from .conftest import FAST_LIMIT


@pytest.mark.parametrize(
    ("requests", "latency", "expected"),
    [(0, 0.5, 0.0), (1, 0.5, 0.5), (10, 0.0, 0.0), (11, 0.0, 2.0), (20, 0.1, 2.1),
     (21, 0.0, 4.0)],
)
def test_burst_aware_optimum(requests: int, latency: float, expected: float) -> None:
    assert burst_aware_optimum(requests, RateLimit(10, 2.0), latency) == pytest.approx(expected)


@on_virtual_clock
async def test_the_demo_exports_every_lead_once_without_429s() -> None:
    result = await run_demo(leads=730, latency=0.0, limit=FAST_LIMIT)
    assert (result.leads, result.unique, result.expected) == (730, 730, 730)
    assert result.requests == 8
    assert result.rate_limited == 0


@on_virtual_clock
async def test_the_demo_summary_names_leads_requests_and_rate() -> None:
    result = await run_demo(leads=250, latency=0.0, limit=FAST_LIMIT)
    text = format_demo(result, FAST_LIMIT, 0.0)
    assert "Exported 250 leads" in text
    assert "requests made:      3 (0 answered 429)" in text
    assert "every lead exactly once: yes" in text


def test_the_demo_command_rejects_a_negative_size(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["demo", "--leads", "-5"])
    assert caught.value.code == 2
    assert "--leads and --latency must be >= 0" in capsys.readouterr().err
