"""Global options, shared by every command, and the parameter types the commands use.

Global options are accepted before or after the command name (``smartlead-async -v export leads
...`` and ``smartlead-async export leads -v ...`` are the same): each one stores its value in
the :class:`Settings` object of the root context, and a value given on the command wins over
one given before it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import attrs
import click

from .._constants import (
    API_KEY_ENV_VAR,
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT_MARGIN,
    DEFAULT_RATE_LIMIT_REQUESTS,
    DEFAULT_RATE_LIMIT_SECONDS,
)
from .._ratelimit import STORE_ENV_VAR, RateLimit
from .._ratelimit._urls import parse_store_url

__all__ = [
    "Settings",
    "check_date",
    "global_options",
    "parse_date",
    "parse_rate_limit",
    "parse_rate_limit_store",
    "rate_limit_text",
]

#: The CLI's store when none is given: a SQLite file in the user's cache directory, so
#: back-to-back and parallel runs with one key share one limit.
DEFAULT_CLI_STORE = "sqlite://"

F = TypeVar("F", bound=Callable[..., Any])


def scaled_rate_limit(requests: int, per_seconds: float) -> RateLimit:
    """A :class:`RateLimit` whose jitter margin shrinks with short (test or demo) windows."""
    margin = min(DEFAULT_RATE_LIMIT_MARGIN, per_seconds / 10)
    return RateLimit(requests, per_seconds, margin=margin)


def rate_limit_text(limit: RateLimit) -> str:
    """``10 requests per 2 s``."""
    return f"{limit.requests} requests per {limit.per_seconds:g} s"


@dataclass
class Settings:
    """What the global options chose (connection, logging, display)."""

    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None  # the client's default: $SMARTLEAD_BASE_URL, else SmartLead
    rate_limit: RateLimit = field(
        default_factory=lambda: scaled_rate_limit(
            DEFAULT_RATE_LIMIT_REQUESTS, DEFAULT_RATE_LIMIT_SECONDS
        )
    )
    rate_limit_store: str | None = field(default=None, repr=False)
    max_retries: int = DEFAULT_MAX_RETRIES
    verbose: int = 0
    progress: bool = True
    demo: bool = False


_RATE_LIMIT = re.compile(r"\s*(\d+)\s*/\s*(\d+(?:\.\d*)?|\.\d+)\s*")


def parse_rate_limit(text: str) -> RateLimit:
    """``N/SECONDS``, e.g. ``10/2`` (SmartLead's documented limit) or ``60/60``.

    Raises:
        ValueError: ``text`` is not such a limit.
    """
    match = _RATE_LIMIT.fullmatch(text)
    if match is None or int(match[1]) < 1 or float(match[2]) <= 0:
        raise ValueError(
            f"{text!r} is not a rate limit: use N/SECONDS with N >= 1 and SECONDS > 0, e.g. 10/2"
        )
    return scaled_rate_limit(int(match[1]), float(match[2]))


def parse_rate_limit_store(text: str) -> str:
    """A store URL for ``--rate-limit-store`` (checked; its password is never echoed).

    Raises:
        ValueError: ``text`` is not a store URL.
    """
    return parse_store_url(text.strip(), name="--rate-limit-store").url


def rate_limit_for(settings: Settings, *, talks_to_fake: bool) -> RateLimit:
    """The limit with its store: ``--rate-limit-store``, else ``$SMARTLEAD_RATE_LIMIT_STORE``,
    else the embedded store in the cache directory (a fake, demo or test, keeps its limit in
    this process: it is a new server on every run)."""
    store = settings.rate_limit_store
    if store is None and talks_to_fake:
        store = "memory://"
    if store is None and not os.environ.get(STORE_ENV_VAR, "").strip():
        store = DEFAULT_CLI_STORE
    return attrs.evolve(settings.rate_limit, store=store)


def parse_date(text: str) -> str:
    """An ISO 8601 date or datetime (``2025-11-01``, ``2025-11-01T09:30:00Z``), kept as text.

    Raises:
        ValueError: ``text`` is not ISO 8601.
    """
    text = text.strip()
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date such as 2025-11-01") from None
    return text


def _converted(
    convert: Callable[[str], Any],
) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        try:
            return convert(value)
        except ValueError as error:
            raise click.BadParameter(str(error), ctx, param) from None

    return callback


#: The callback of DATE options.
check_date = _converted(parse_date)


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(Settings)


def _store(
    attribute: str, convert: Callable[[str], Any] | None = None
) -> Callable[[click.Context, click.Parameter, Any], None]:
    """An option callback that records a given value (``None`` means not given)."""
    checked = _converted(convert) if convert is not None else None

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if checked is not None:
            value = checked(ctx, param, value)
        if value is not None:
            setattr(_settings(ctx), attribute, value)

    return callback


def _add_verbosity(ctx: click.Context, _: click.Parameter, value: int) -> None:
    _settings(ctx).verbose += value


def _no_progress(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value:
        _settings(ctx).progress = False


def _demo(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value:
        _settings(ctx).demo = True


_GLOBAL_OPTIONS = (
    click.option(
        "--api-key", metavar="KEY", default=None, expose_value=False, callback=_store("api_key"),
        help=f"SmartLead API key (default: ${API_KEY_ENV_VAR}). Never printed.",
    ),
    click.option(
        "--base-url", metavar="URL", default=None, expose_value=False,
        callback=_store("base_url"),
        help=f"API root (default: ${BASE_URL_ENV_VAR}, else {DEFAULT_BASE_URL}).",
    ),
    click.option(
        "--rate-limit", metavar="N/SECONDS", default=None, expose_value=False,
        callback=_store("rate_limit", parse_rate_limit),
        help="Requests allowed per window, as N/SECONDS (default: 10/2, SmartLead's limit). "
        "With --demo it is the fake server's limit too.",
    ),
    click.option(
        "--rate-limit-store", metavar="URL", default=None, expose_value=False,
        callback=_store("rate_limit_store", parse_rate_limit_store),
        help="Where the rate limit is kept, shared by every process using it: sqlite:///PATH, "
        f"redis://HOST:PORT/DB or memory:// (default: ${STORE_ENV_VAR}, else a SQLite file "
        "in your cache directory, so back-to-back and parallel runs share the limit).",
    ),
    click.option(
        "--max-retries", type=click.IntRange(0, 50), default=None, expose_value=False,
        callback=_store("max_retries"),
        help=f"Retries of a failed request (default: {DEFAULT_MAX_RETRIES}).",
    ),
    click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=_add_verbosity,
        help="Debug logs on stderr (the API key is masked) and tracebacks on errors.",
    ),
    click.option(
        "--no-progress", is_flag=True, default=False, expose_value=False, callback=_no_progress,
        help="No progress bar (it is also off when stderr is not a terminal).",
    ),
    click.option(
        "--demo", is_flag=True, default=False, expose_value=False, callback=_demo,
        help="Run against a bundled fake SmartLead in this process: no account needed.",
    ),
)


def global_options(function: F) -> F:
    """Add the global options to a command or group."""
    for option in reversed(_GLOBAL_OPTIONS):
        function = option(function)
    return function
