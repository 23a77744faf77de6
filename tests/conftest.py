"""Shared fixtures: a planted secret key, fast retries, and scaled rate limits."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from hypothesis import settings

from smartlead_async import RateLimit, _base_client

# CI runs the property and fuzz tests on the same examples every time: an input that a random
# run discovers shows up in a developer's run, instead of failing one CI run and not the next.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

#: A key no test output may ever contain.
SECRET_KEY = "sk-PLANTED-SECRET-7f3a9c"
BASE_URL = "https://server.smartlead.ai/api/v1"
#: SmartLead's 10-per-2-seconds limit, scaled down 20x so tests run fast.
FAST_LIMIT = RateLimit(10, 0.1, margin=0.01)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Make retry backoff instant; yields the retry numbers that were asked for a delay."""
    calls: list[int] = []

    def instant(attempt: int, *, rand: float | None = None) -> float:
        calls.append(attempt)
        return 0.0

    monkeypatch.setattr(_base_client, "backoff_delay", instant)
    yield calls


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """SIGINT gets Python's default handler (KeyboardInterrupt) for the test, even where the
    runner was started with SIGINT ignored, as a shell does for a job in the background."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
