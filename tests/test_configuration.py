"""What users configure and see: SMARTLEAD_BASE_URL, the User-Agent, the timeout, the headers of
an error, public names in tracebacks, and a library logger that prints nothing unasked."""

from __future__ import annotations

import inspect
import logging
import platform
import subprocess
import sys
import traceback
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
import respx

import smartlead_async
import smartlead_async.testing
from smartlead_async import (
    AuthenticationError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotFoundError,
    RateLimitError,
    SmartleadClient,
)
from smartlead_async.testing import FakeSmartlead

from .conftest import BASE_URL, SECRET_KEY

OTHER_SERVER = "https://eu.smartlead.example/api/v1"


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        yield mock


# -- SMARTLEAD_BASE_URL ------------------------------------------------------------------------


def test_the_base_url_comes_from_smartlead_base_url_when_not_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", OTHER_SERVER + "/")
    assert SmartleadClient(api_key="k", rate_limit=None).base_url == OTHER_SERVER


def test_a_base_url_given_in_code_wins_over_smartlead_base_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", OTHER_SERVER)
    client = SmartleadClient(api_key="k", base_url=BASE_URL, rate_limit=None)
    assert client.base_url == BASE_URL


def test_without_either_the_base_url_is_smartleads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTLEAD_BASE_URL", raising=False)
    assert SmartleadClient(api_key="k", rate_limit=None).base_url == BASE_URL


async def test_requests_go_to_the_server_smartlead_base_url_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", OTHER_SERVER)
    with respx.mock(base_url=OTHER_SERVER) as mock:
        route = mock.get("/campaigns/1").respond(json={"id": 1, "name": "Q1"})
        async with SmartleadClient(api_key="k", rate_limit=None) as client:
            assert (await client.campaigns.get(1)).name == "Q1"
    assert route.called


def test_a_smartlead_base_url_that_is_not_a_url_is_refused_without_showing_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_BASE_URL", SECRET_KEY)  # the two variables swapped by mistake
    with pytest.raises(InvalidArgumentError, match="SMARTLEAD_BASE_URL must be an http") as caught:
        SmartleadClient(api_key=SECRET_KEY)
    assert SECRET_KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("base_url", "error", "message"),
    [
        ("server.smartlead.ai/api/v1", InvalidArgumentError,
         "base_url must be an http:// or https:// URL, got 'server.smartlead.ai/api/v1'"),
        (42, InvalidArgumentTypeError, "base_url must be a str, got int"),
    ],
)
def test_a_base_url_that_is_not_an_http_url_is_refused(
    base_url: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        SmartleadClient(api_key="k", base_url=base_url)


# -- User-Agent --------------------------------------------------------------------------------

USER_AGENT = (
    f"smartlead-async/{smartlead_async.__version__} python/{platform.python_version()} "
    f"httpx/{httpx.__version__}"
)


async def test_every_request_names_the_sdk_python_and_httpx_in_its_user_agent(
    api: respx.MockRouter,
) -> None:
    route = api.get("/campaigns/1").respond(json={"id": 1})
    async with SmartleadClient(api_key="k", rate_limit=None) as client:
        await client.campaigns.get(1)
    assert route.calls.last.request.headers["User-Agent"] == USER_AGENT


async def test_an_http_client_passed_in_keeps_its_own_headers(api: respx.MockRouter) -> None:
    route = api.get("/campaigns/1").respond(json={"id": 1})
    async with httpx.AsyncClient(headers={"User-Agent": "my-app/1.0"}) as http, \
            SmartleadClient(api_key="k", rate_limit=None, http_client=http) as client:
        await client.campaigns.get(1)
    assert route.calls.last.request.headers["User-Agent"] == "my-app/1.0"


def test_the_cli_sends_the_sdk_user_agent_too(api: respx.MockRouter) -> None:
    pytest.importorskip("click")
    from click.testing import CliRunner

    from smartlead_async._cli._app import cli

    route = api.get("/campaigns").respond(json=[])
    result = CliRunner().invoke(cli, ["campaigns"], env={"SMARTLEAD_API_KEY": "k"})
    assert result.exit_code == 0, result.output
    assert route.calls.last.request.headers["User-Agent"] == USER_AGENT


# -- timeout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [0, 0.0, -1, -0.5, float("nan")])
def test_a_timeout_of_zero_or_less_is_refused(timeout: float) -> None:
    with pytest.raises(InvalidArgumentError, match="timeout must be a number of seconds above 0"):
        SmartleadClient(api_key="k", timeout=timeout)


@pytest.mark.parametrize("timeout", ["30", True, None])
def test_a_timeout_that_is_not_a_number_is_refused(timeout: Any) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="timeout must be a number of seconds"):
        SmartleadClient(api_key="k", timeout=timeout)


def test_a_positive_timeout_is_used_for_every_phase() -> None:
    client = SmartleadClient(api_key="k", timeout=2.5, rate_limit=None)
    assert client._api.http_client.timeout == httpx.Timeout(2.5)


# -- error.headers -------------------------------------------------------------------------------


async def test_a_status_error_carries_the_response_headers(api: respx.MockRouter) -> None:
    api.get("/campaigns/1").respond(
        429, json={"message": "Slow down"},
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "2", "x-request-id": "r-9"},
    )
    async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None, max_retries=0) as client:
        with pytest.raises(RateLimitError) as caught:
            await client.campaigns.get(1)
    headers = caught.value.headers
    assert headers["X-RateLimit-Remaining"] == "0"  # any case
    assert (headers["x-ratelimit-reset"], headers["x-request-id"]) == ("2", "r-9")


async def test_error_headers_never_show_the_key_or_a_cookie(api: respx.MockRouter) -> None:
    api.get("/campaigns/1").respond(401, json={"message": "Invalid API key"}, headers=[
        ("location", f"{BASE_URL}/login?api_key={SECRET_KEY}&next=1"),
        ("x-echo", f"key {SECRET_KEY}"),
        ("set-cookie", "session=abc123; HttpOnly"),
        ("set-cookie", "lb=node-4"),
    ])
    async with SmartleadClient(api_key=SECRET_KEY, rate_limit=None) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.campaigns.get(1)
    headers = caught.value.headers
    shown = repr(headers) + repr(headers.multi_items())
    assert SECRET_KEY not in shown and "abc123" not in shown and "node-4" not in shown
    assert headers["location"] == f"{BASE_URL}/login?api_key=***&next=1"
    assert headers.get_list("set-cookie") == ["***", "***"]


async def test_a_not_found_read_from_an_empty_200_has_no_headers() -> None:
    fake = FakeSmartlead(rate_limit=None, quirks=True)  # a missing campaign answers 200 {}
    async with fake.client(rate_limit=None) as client:
        with pytest.raises(NotFoundError) as caught:
            await client.campaigns.get(424242)
    assert dict(caught.value.headers) == {}


# -- public names --------------------------------------------------------------------------------


def _exported(module: Any) -> list[tuple[str, Any]]:
    return [(name, getattr(module, name)) for name in module.__all__
            if inspect.isclass(getattr(module, name)) or inspect.isfunction(getattr(module, name))]


@pytest.mark.parametrize("module", [smartlead_async, smartlead_async.testing],
                         ids=["smartlead_async", "smartlead_async.testing"])
def test_exported_classes_and_functions_show_their_public_module(module: Any) -> None:
    # attrs models keep theirs: their annotations resolve in the module that defines them.
    shown = {name: value.__module__ for name, value in _exported(module)
             if not attrs.has(value)}
    assert shown and set(shown.values()) == {module.__name__}


def test_a_traceback_names_the_public_exception_class() -> None:
    error = AuthenticationError("Invalid API key", status_code=401, body=None, method="GET",
                                path="/campaigns")
    last_line = traceback.format_exception(error)[-1]
    assert last_line.startswith("smartlead_async.AuthenticationError: HTTP 401: Invalid API key")


# -- logging -------------------------------------------------------------------------------------


def test_the_package_logger_has_a_null_handler() -> None:
    handlers = logging.getLogger("smartlead_async").handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


def test_a_library_warning_prints_nothing_when_the_app_configured_no_logging() -> None:
    code = (
        "import logging, smartlead_async\n"
        "logging.getLogger('smartlead_async').warning('library warning')\n"
        "logging.getLogger('unrelated').warning('app warning')\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True, timeout=60)
    assert completed.stderr == "app warning\n"  # Python's last resort prints only the app's
