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


def held(holds: list[tuple[int, float]]) -> dict[int, float]:
    """Extra holds by start, rounded to the microsecond."""
    return {start_id: round(seconds, 6) for start_id, seconds in holds}


def test_a_start_is_held_longer_by_how_much_slower_than_the_fastest_its_round_trip_was() -> None:
    margins = learner()
    assert margins.answered("GET /a", 1, 0.10) == []  # the first: nothing to compare yet
    assert held(margins.answered("GET /a", 2, 0.13)) == {2: 0.03}


def test_a_new_fastest_round_trip_holds_the_recent_starts_longer_too() -> None:
    margins = learner()
    margins.answered("GET /a", 1, 0.20)
    assert held(margins.answered("GET /a", 2, 0.15)) == {1: 0.05}
    # each had been measured against too slow a fastest: 0.05 more for both
    assert held(margins.answered("GET /a", 3, 0.10)) == {1: 0.05, 2: 0.05}


def test_an_error_answers_round_trip_is_held_but_never_taken_as_the_fastest() -> None:
    margins = learner()
    margins.answered("GET /a", 1, 0.20)
    assert margins.answered("GET /a", 2, 0.01, success=False) == []  # a quick 429
    assert held(margins.answered("GET /a", 3, 0.25)) == {3: 0.05}  # against 0.20, not 0.01
    assert held(margins.answered("GET /a", 4, 0.90, success=False)) == {4: 0.45}  # the ceiling


def test_a_start_answered_more_than_a_span_ago_is_not_held_again() -> None:
    clock = Clock()
    margins = learner(clock)
    margins.answered("GET /a", 1, 0.20)
    clock.now += 2.0 + 0.5 + 0.01  # its hold no longer matters
    assert margins.answered("GET /a", 2, 0.10) == []


def test_a_lateness_below_the_rounding_step_is_left_to_the_margin() -> None:
    margins = learner()
    margins.answered("GET /a", 1, 0.100)
    assert margins.answered("GET /a", 2, 0.104) == []  # under 5 ms


def test_a_lateness_stays_within_what_the_ceiling_leaves_above_the_margin() -> None:
    margins = learner()
    margins.answered("GET /a", 1, 0.1)
    assert held(margins.answered("GET /a", 2, 5.0)) == {2: 0.5 - 0.05}


def test_a_settled_start_leaves_the_window_that_much_later() -> None:
    state = WindowState()
    first, *_ = burst(state, 10.0, 3)
    state.settle([(first, 0.2)])
    burst(state, 11.06, 2)  # the other two have left
    decision = state.admit(11.06, WINDOW, 0.05)
    assert decision.start_id is None
    assert decision.wait == pytest.approx(10.0 + 0.2 + 1.0 + 0.05 - 11.06)


def test_the_round_trip_is_the_median_of_the_recent_ones_on_every_route() -> None:
    margins = learner()
    assert margins.round_trip is None
    for trip in (0.10, 0.40, 0.12):
        margins.observe("GET /a", trip)
    margins.observe("GET /b", 0.30)
    assert margins.round_trip == pytest.approx((0.12 + 0.30) / 2)


def test_round_trips_of_different_endpoints_are_not_compared() -> None:
    margins = learner()
    margins.answered("GET /fast", 1, 0.1)
    assert margins.answered("GET /slow", 2, 1.5) == []
    assert margins.answered("GET /slow", 3, 1.5) == []


def test_the_margin_stays_between_the_floor_and_the_ceiling() -> None:
    margins = learner()
    assert margins.margin == 0.05
    margins.widen(5.0)
    assert margins.margin == 0.5
    assert margins.widening() is None  # at the ceiling: a 429 can no longer be timing


def test_a_widening_holds_for_a_while_then_the_margin_returns_to_the_floor() -> None:
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
        margins.widen(0.2)
    assert any("margin 0.050s -> 0.200s" in record.getMessage() for record in caplog.records)
