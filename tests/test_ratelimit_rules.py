"""The window's rules as plain data, and the margin learned from round trips (no sleeping)."""

from __future__ import annotations

import logging

import pytest

from smartlead_async._ratelimit._margin import MarginLearner, route_of
from smartlead_async._ratelimit._window import Window, WindowState

WINDOW = Window(requests=3, per_seconds=1.0, ceiling=0.25)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def burst(state: WindowState, now: float, count: int, margin: float = 0.05) -> list[int]:
    ids = []
    for _ in range(count):
        decision = state.admit(now, WINDOW, margin)
        assert decision.start_id is not None
        ids.append(decision.start_id)
    return ids


def test_a_full_window_says_how_long_to_wait_for_the_oldest_start_to_leave() -> None:
    state = WindowState()
    burst(state, 10.0, 3)
    decision = state.admit(10.4, WINDOW, 0.05)
    assert decision.start_id is None
    assert decision.wait == pytest.approx(10.0 + 1.05 - 10.4)
    assert state.admit(11.05 + 1e-9, WINDOW, 0.05).start_id is not None


def test_the_widest_margin_reported_lately_is_the_one_in_force() -> None:
    state = WindowState()
    state.admit(0.0, WINDOW, 0.2)  # another process learned 200 ms
    assert state.admit(1.0, WINDOW, 0.05).margin == 0.2
    later = WINDOW.margin_hold + 1.0
    assert state.admit(later, WINDOW, 0.05).margin == 0.05  # nobody reported 200 ms since


def test_a_margin_above_the_ceiling_is_capped() -> None:
    assert WindowState().admit(0.0, WINDOW, 5.0).margin == WINDOW.ceiling


def test_a_429_our_own_starts_explain_widens_the_margin_and_pauses_nobody() -> None:
    state = WindowState()
    burst(state, 10.0, 3)
    second = burst(state, 11.05, 3)  # exactly one span later: jitter can squeeze them
    timing = state.refuse(second[0], 11.2, WINDOW, pause=1.0, jitter=0.1, widened=0.08)
    assert timing
    assert state.margin == 0.08
    assert state.blocked_until == 0.0
    assert state.allowance is None  # not lowered


def test_a_429_with_too_few_of_our_starts_around_it_pauses_everyone_and_halves() -> None:
    state = WindowState()
    (first, *_) = burst(state, 10.0, 3)  # the server refused one of our first three
    timing = state.refuse(first, 10.1, WINDOW, pause=1.0, jitter=0.1, widened=0.08)
    assert not timing
    assert state.blocked_until == pytest.approx(11.1)
    assert state.allowance == 1


def test_a_429_when_the_margin_cannot_widen_is_treated_as_unexplained() -> None:
    state = WindowState()
    burst(state, 10.0, 3)
    second = burst(state, 11.05, 3)
    assert not state.refuse(second[0], 11.2, WINDOW, pause=1.0, jitter=0.1, widened=None)
    assert state.blocked_until > 11.2


def test_a_429_for_a_start_already_forgotten_is_unexplained() -> None:
    state = WindowState()
    assert not state.refuse(999, 10.0, WINDOW, pause=1.0, jitter=0.1, widened=0.1)


def test_starts_of_a_killed_process_expire_with_the_window() -> None:
    state = WindowState()
    burst(state, 10.0, 3)  # then the process that made them died
    assert state.admit(10.0 + 1.05, WINDOW, 0.05).start_id is not None
    state.admit(10.0 + WINDOW.keep + 2, WINDOW, 0.05)
    assert len(state.starts) == 1  # the dead process's starts are gone


def test_a_start_dated_far_in_the_future_is_dropped_as_a_clock_step() -> None:
    state = WindowState(starts=[[500.0, 1], [500.0, 2], [500.0, 3]], next_id=4)
    assert state.admit(10.0, WINDOW, 0.05).start_id is not None


def test_the_state_survives_its_json_form() -> None:
    state = WindowState()
    burst(state, 10.0, 2)
    state.refuse(1, 10.1, WINDOW, pause=1.0, jitter=0.0, widened=None)
    assert WindowState.from_json(state.to_json()) == state


def test_routes_group_requests_by_endpoint_not_by_id() -> None:
    assert route_of("GET", "/campaigns/42/leads") == "GET /campaigns/{id}/leads"
    assert route_of("GET", "/campaigns/7/leads") == route_of("GET", "/campaigns/42/leads")
    assert route_of("POST", "/campaigns/42/leads") != route_of("GET", "/campaigns/42/leads")


def learner(clock: Clock | None = None) -> MarginLearner:
    return MarginLearner(0.05, 0.5, 2.0, clock or Clock())


def test_the_margin_follows_the_spread_of_round_trips_on_one_route() -> None:
    margins = learner()
    for trip in (0.10, 0.25, 0.18, 0.31, 0.12):
        margins.observe("GET /a", trip)
    # the second-slowest minus the fastest: one stall is not jitter
    assert margins.margin == pytest.approx(0.25 - 0.10, abs=0.005)


def test_the_round_trip_is_the_median_of_the_recent_ones_on_every_route() -> None:
    margins = learner()
    assert margins.round_trip is None
    for trip in (0.10, 0.40, 0.12):
        margins.observe("GET /a", trip)
    margins.observe("GET /b", 0.30)
    assert margins.round_trip == pytest.approx((0.12 + 0.30) / 2)


def test_round_trips_of_different_endpoints_are_not_compared() -> None:
    margins = learner()
    for _ in range(3):
        margins.observe("GET /fast", 0.1)
        margins.observe("GET /slow", 1.5)
    assert margins.margin == 0.05  # the floor: neither route varies


def test_the_margin_stays_between_the_floor_and_the_ceiling() -> None:
    margins = learner()
    for trip in (0.1, 5.0, 5.0):
        margins.observe("GET /a", trip)
    assert margins.margin == 0.5
    assert margins.widening() is None  # at the ceiling: a 429 can no longer be timing


def test_a_widening_holds_for_a_while_then_the_margin_follows_the_spread_again() -> None:
    clock = Clock()
    margins = learner(clock)
    margins.widen(0.3)
    assert margins.margin == pytest.approx(0.3)
    clock.now += 100 * 2.0 + 1
    margins.observe("GET /a", 0.1)
    assert margins.margin == 0.05


def test_a_change_of_margin_is_logged_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    margins = learner()
    with caplog.at_level(logging.DEBUG, logger="smartlead_async"):
        for trip in (0.1, 0.3, 0.3):
            margins.observe("GET /a", trip)
    assert any("margin 0.050s -> 0.200s" in record.getMessage() for record in caplog.records)
