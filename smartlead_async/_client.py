"""``SmartleadClient``: configuration, lifetime, and the resources users call."""

from __future__ import annotations

import os
import platform
from types import TracebackType

import httpx

from ._constants import (
    API_KEY_ENV_VAR,
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT_SECONDS,
    DEFAULT_TIMEOUT,
)
from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError, MissingAPIKeyError
from ._limiter import RateLimit, RateLimiter, shared_limiter
from ._redact import install_httpx_log_redaction, redact
from ._resources.campaigns import Campaigns
from ._resources.clients import Clients
from ._resources.email_accounts import EmailAccounts
from ._resources.lead_records import Leads
from ._transport import Transport
from ._validate import int_in_range
from ._version import __version__

__all__ = ["SmartleadClient"]

_DEFAULT_RATE_LIMIT = RateLimit()
#: Sent with every request of the client's own connection pool.
USER_AGENT = (
    f"smartlead-async/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)


class SmartleadClient:
    """Async client for the SmartLead API.

    Use it as ``async with SmartleadClient() as client: ...`` (or call :meth:`aclose`). One
    client holds one pooled HTTP connection pool and is safe to share across many concurrent
    tasks; every client in the process that uses the same API key and server shares one rate
    limiter.

    Args:
        api_key: your SmartLead API key; defaults to the ``SMARTLEAD_API_KEY`` environment
            variable.
        base_url: API root; defaults to the ``SMARTLEAD_BASE_URL`` environment variable, else
            ``https://server.smartlead.ai/api/v1``.
        timeout: seconds before a request times out (connect, read, write and pool each);
            a number above 0.
        max_retries: retries after a failed attempt (see the README for what is retried).
        rate_limit: ``RateLimit(requests, per_seconds)`` shared per key in this process
            (default 10 per 2 s), your own :class:`RateLimiter`, or ``None`` for no limit.
        http_client: an ``httpx.AsyncClient`` to send through (e.g. with a proxy). You keep
            ownership: :meth:`aclose` does not close it, and its headers are yours (the
            client's own pool sends ``User-Agent: smartlead-async/<version> ...``).
        transport: an httpx transport for the client's own pool (e.g. the fake SmartLead's
            ``fake.transport()``); closed with the client. Not together with ``http_client``.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limit: RateLimit | RateLimiter | None = _DEFAULT_RATE_LIMIT,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV_VAR)
        if not key:
            raise MissingAPIKeyError(
                f"No SmartLead API key: pass api_key=... or set the {API_KEY_ENV_VAR} "
                "environment variable"
            )
        if not isinstance(key, str):
            raise InvalidArgumentTypeError(f"api_key must be a str, got {type(key).__name__}")
        max_retries = int_in_range("max_retries", max_retries, minimum=0, maximum=50)
        timeout = _seconds_above_zero("timeout", timeout)
        if http_client is not None and transport is not None:
            raise InvalidArgumentError(
                "pass either http_client or transport, not both (a transport is installed "
                "in the client's own pool)"
            )
        base_url = _base_url(base_url, key)
        limiter = _limiter_for(rate_limit, key, base_url)
        install_httpx_log_redaction()
        self.base_url = base_url
        self.rate_limit = rate_limit
        owns = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                transport=transport,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": USER_AGENT},
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )
        self._transport = Transport(
            api_key=key,
            base_url=base_url,
            http_client=http_client,
            owns_http_client=owns,
            limiter=limiter,
            max_retries=max_retries,
            penalty_seconds=(
                rate_limit.per_seconds if isinstance(rate_limit, RateLimit)
                else DEFAULT_RATE_LIMIT_SECONDS
            ),
        )
        self._attach_resources()

    @property
    def max_retries(self) -> int:
        """Retries after a failed attempt."""
        return self._transport.max_retries

    @property
    def is_closed(self) -> bool:
        """Whether the client was closed."""
        return self._transport.is_closed

    def with_options(self, *, max_retries: int | None = None) -> SmartleadClient:
        """A view of this client with other per-call options, sharing its pool and limiter.

        ``await client.with_options(max_retries=0).campaigns.get(42)``. Closing the view does
        not close the original client's pool.
        """
        view = object.__new__(SmartleadClient)
        view.base_url = self.base_url
        view.rate_limit = self.rate_limit
        view._transport = self._transport.derive(
            max_retries=int_in_range("max_retries", max_retries, minimum=0, maximum=50)
            if max_retries is not None else None
        )
        view._attach_resources()
        return view

    def _attach_resources(self) -> None:
        """Give this client its resources, all sending through its transport."""
        self.campaigns = Campaigns(self._transport)
        self.leads = Leads(self._transport)
        self.email_accounts = EmailAccounts(self._transport)
        self.clients = Clients(self._transport)

    async def aclose(self) -> None:
        """Close the HTTP connection pool (unless it was passed in). Safe to call twice."""
        await self._transport.aclose()

    async def __aenter__(self) -> SmartleadClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"SmartleadClient(base_url={self.base_url!r}, api_key='***')"


def _base_url(given: str | None, api_key: str) -> str:
    """``given``, else ``$SMARTLEAD_BASE_URL``, else SmartLead's; an http(s) URL, no final /.

    The error quotes the value with the key masked: a swapped environment variable could hold
    the key itself.
    """
    url = given if given is not None else os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL
    if not isinstance(url, str):
        raise InvalidArgumentTypeError(f"base_url must be a str, got {type(url).__name__}")
    if not url.startswith(("https://", "http://")):
        source = "base_url" if given is not None else BASE_URL_ENV_VAR
        shown = redact(repr(url), api_key)
        raise InvalidArgumentError(f"{source} must be an http:// or https:// URL, got {shown}")
    return url.rstrip("/")


def _seconds_above_zero(name: str, value: object) -> float:
    """``value`` if it is a number of seconds above 0 (0 would time out every request)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentTypeError(
            f"{name} must be a number of seconds, got {type(value).__name__}"
        )
    if not value > 0:  # also refuses NaN
        raise InvalidArgumentError(f"{name} must be a number of seconds above 0, got {value!r}")
    return float(value)


def _limiter_for(
    rate_limit: RateLimit | RateLimiter | None, api_key: str, base_url: str
) -> RateLimiter | None:
    if rate_limit is None:
        return None
    if isinstance(rate_limit, RateLimit):
        return shared_limiter(api_key, base_url, rate_limit)
    if isinstance(rate_limit, RateLimiter):
        return rate_limit
    raise InvalidArgumentTypeError(
        "rate_limit must be a RateLimit, a RateLimiter or None, "
        f"got {type(rate_limit).__name__}"
    )
