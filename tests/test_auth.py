"""The auth strategies: where each puts the key, and that neither shows it."""

from __future__ import annotations

from smartlead_async._auth import HeaderAuth, QueryAuth

SECRET = "sk-PLANTED-auth-5e1"


def test_query_auth_adds_the_key_to_the_query_and_keeps_the_callers_parameters() -> None:
    query, headers = QueryAuth(SECRET).sign({"offset": 0}, {"X-Trace": "t"})
    assert query == {"offset": 0, "api_key": SECRET}
    assert dict(headers) == {"x-trace": "t"}


def test_query_auth_wins_over_a_parameter_of_the_same_name() -> None:
    query, _ = QueryAuth(SECRET).sign({"api_key": "other"}, None)
    assert query == {"api_key": SECRET}


def test_header_auth_puts_the_key_in_its_header_and_never_in_the_query() -> None:
    query, headers = HeaderAuth(SECRET, "X-Api-Key").sign({"page": 1}, None)
    assert query == {"page": 1} and headers["x-api-key"] == SECRET


def test_header_auth_replaces_a_header_of_the_same_name_whatever_its_case() -> None:
    auth = HeaderAuth(SECRET, "X-Api-Key", {"X-Workspace-Id": "ws"})
    _, headers = auth.sign({}, {"x-api-key": "other", "X-WORKSPACE-ID": "x", "X-Trace": "t"})
    assert headers.get_list("x-api-key") == [SECRET]
    assert headers.get_list("x-workspace-id") == ["ws"] and headers["x-trace"] == "t"


def test_neither_strategy_shows_the_key() -> None:
    shown = [repr(QueryAuth(SECRET)), str(QueryAuth(SECRET)),
             repr(HeaderAuth(SECRET, scope={"X-Workspace-Id": "ws"})), str(HeaderAuth(SECRET))]
    assert all(SECRET not in text and "***" in text for text in shown)
    assert QueryAuth(SECRET).secret == HeaderAuth(SECRET).secret == SECRET
