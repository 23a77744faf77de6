"""The x-ratelimit-reset policy: every reading a server or proxy sends, and what it costs."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import respx

from smartlead_async import SmartleadClient
from smartlead_async._ratelimit._reset import read_reset, with_sane_reset

from .conftest import BASE_URL, SECRET_KEY

NOW = 1_750_000_000.0  # an epoch instant in 2025
MAX = 60.0

# (raw header, seconds of pause, what the DEBUG note says (None: used as sent))
TABLE = [
    (None, None, None),
    ("0", 0.0, None),
    ("0.12", 0.12, None),
    (" 5 ", 5.0, None),
    ("60", 60.0, None),
    ("300", MAX, "clamped"),
    ("999999999", MAX, "clamped"),  # just below the epoch range: a delay, clamped
    ("inf", None, "not a finite number"),
    ("-inf", None, "not a finite number"),
    ("nan", None, "not a finite number"),
    ("1e400", None, "not a finite number"),  # overflows to inf
    ("garbage", None, "not a finite number"),
    ("", None, "not a finite number"),
    ("-5", None, "negative"),
    (str(NOW + 12), 12.0, None),  # epoch seconds, soon
    (str(NOW + 3600), MAX, "clamped"),  # epoch seconds, an hour away
    (str(NOW - 3), None, "epoch seconds already past"),
    (str((NOW + 12) * 1000), 12.0, None),  # epoch milliseconds, soon
    (str((NOW + 3600) * 1000), MAX, "clamped"),
    (str(10**12), None, "epoch milliseconds already past"),  # 2001 in milliseconds
    (str(10**15), MAX, "clamped"),  # epoch milliseconds, the year 33658
]


@pytest.mark.parametrize(("raw", "seconds", "note"), TABLE)
def test_a_reset_header_is_read_clamped_or_ignored(
    raw: str | None, seconds: float | None, note: str | None
) -> None:
    reading = read_reset(raw, now=NOW, max_pause=MAX)
    assert reading.seconds == pytest.approx(seconds)
    if note is None:
        assert reading.note is None
    else:
        assert reading.note is not None
        assert note in reading.note
        assert repr(raw) in reading.note


@pytest.mark.parametrize(("raw", "seconds", "note"), TABLE)
def test_no_reset_header_can_ask_for_more_than_the_maximum_pause(
    raw: str | None, seconds: float | None, note: str | None
) -> None:
    for max_pause in (0.5, 5.0, 60.0, 3600.0):
        reading = read_reset(raw, now=NOW, max_pause=max_pause)
        assert reading.seconds is None or 0 <= reading.seconds <= max_pause


def test_a_long_garbage_reset_is_shortened_in_the_note() -> None:
    reading = read_reset("9" * 5000 + "x", now=NOW, max_pause=MAX)
    assert reading.seconds is None
    assert reading.note is not None and len(reading.note) < 120


def test_the_limiter_is_given_the_reset_as_sane_seconds_from_now() -> None:
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(NOW + 3600)}
    sane, note = with_sane_reset(headers, now=NOW, max_pause=MAX)
    assert sane == {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "60.000"}
    assert note is not None and "clamped" in note


def test_a_nonsense_reset_is_dropped_before_the_limiter_sees_it() -> None:
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "nan", "x-other": "1"}
    sane, note = with_sane_reset(headers, now=NOW, max_pause=MAX)
    assert sane == {"x-ratelimit-remaining": "0", "x-other": "1"}
    assert note is not None and "ignored" in note


class HeaderSpy:
    """A RateLimiter of your own: records the headers the transport hands it."""

    def __init__(self) -> None:
        self.headers: list[Mapping[str, str]] = []

    async def acquire(self) -> None:
        pass

    def penalize(self, seconds: float) -> None:
        pass

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        self.headers.append(headers)


@pytest.mark.parametrize(
    ("reset", "given"), [("inf", None), ("-5", None), ("2.5", "2.500"), ("86400", "45.000")]
)
async def test_a_limiter_of_your_own_is_given_a_reset_it_can_trust(
    reset: str, given: str | None
) -> None:
    spy = HeaderSpy()
    with respx.mock(base_url=BASE_URL) as api:
        api.get("/campaigns/1").respond(
            json={"id": 1},
            headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset},
        )
        async with SmartleadClient(
            api_key=SECRET_KEY, rate_limit=spy, max_rate_limit_pause=45
        ) as client:
            await client.campaigns.get(1)
    [headers] = spy.headers
    assert headers.get("x-ratelimit-reset") == given
    assert headers["x-ratelimit-remaining"] == "0"
