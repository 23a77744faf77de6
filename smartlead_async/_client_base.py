"""What every API client shares (SmartLead's, SendKit's): checked options, the request
pipelines (one per host, all through one pool and one auth strategy), lifetime,
``with_options`` and ``with_raw_response``."""

from __future__ import annotations

import abc
import contextlib
import os
import platform
from collections.abc import Mapping
from types import TracebackType
from typing import Any, ClassVar, Self

import httpx

from ._args import http_url, int_in_range, positive_seconds
from ._auth import Auth
from ._base_client import APIClient
from ._constants import DEFAULT_RATE_LIMIT_SECONDS
from ._event_loop import LoopBinding
from ._exceptions import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MissingAPIKeyError,
    WrongEventLoopError,
)
from ._options import NOT_GIVEN, NotGiven
from ._ratelimit import RateLimit, RateLimiter, shared_limiter
from ._raw_response import RawResponseView
from ._redact import install_httpx_log_redaction, redact
from ._version import __version__

__all__ = ["USER_AGENT", "BaseClient", "HostOptions"]

#: Sent with every request of a client's own connection pool.
USER_AGENT = (
    f"smartlead-async/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)

#: A further host of an API, by name (``"prospect"``): its base URL and its rate limit
#: (:data:`NOT_GIVEN`: the same as the client's ``rate_limit``, counted apart).
HostOptions = Mapping[str, tuple[str, "RateLimit | RateLimiter | NotGiven | None"]]
_CORE = "core"


class BaseClient(abc.ABC):
    """Configuration and lifetime shared by :class:`SmartleadClient` and ``SendkitClient``.

    A subclass names its API, the environment variable its key defaults to and its blocking
    counterpart (if any), says how the key goes on a request (:meth:`_auth`), and attaches
    its resources to ``self._api`` (and those of its further hosts to ``self._host_apis``)
    after ``super().__init__``. The arguments are those of the subclasses' constructors;
    ``hosts`` are the API's further hosts (each a pipeline of its own through the same pool,
    key and options; its options ``<name>_base_url`` and ``<name>_rate_limit`` carried by
    :meth:`with_options`), ``options`` the subclass's own options for :meth:`with_options`.
    """

    #: The API's name, for messages ("SmartLead").
    api_name: ClassVar[str]
    #: The environment variable the API key defaults to.
    api_key_env: ClassVar[str]
    #: The API root when none is given, and the environment variable that overrides it.
    default_base_url: ClassVar[str]
    base_url_env: ClassVar[str | None] = None
    #: The blocking client to suggest to code that is not async (``None``: there is none).
    sync_client_name: ClassVar[str | None] = None

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str | None,
        timeout: float,
        max_retries: int,
        max_response_bytes: int,
        max_rate_limit_pause: float,
        rate_limit: RateLimit | RateLimiter | None,
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
        _phase_timeouts: bool | None,
        hosts: HostOptions | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(self.api_key_env)
        if not key:
            raise MissingAPIKeyError(
                f"No {self.api_name} API key: pass api_key=... or set the "
                f"{self.api_key_env} environment variable"
            )
        if not isinstance(key, str):
            raise InvalidArgumentTypeError(f"api_key must be a str, got {type(key).__name__}")
        max_retries = int_in_range("max_retries", max_retries, minimum=0, maximum=50)
        timeout = positive_seconds("timeout", timeout)
        max_response_bytes = int_in_range("max_response_bytes", max_response_bytes, minimum=1)
        max_rate_limit_pause = positive_seconds("max_rate_limit_pause", max_rate_limit_pause)
        if http_client is not None and transport is not None:
            raise InvalidArgumentError(
                "pass either http_client or transport, not both (a transport is installed "
                "in the client's own pool)"
            )
        hosts = hosts or {}
        urls = {_CORE: self._base_url(base_url, key), **{
            name: http_url(f"{name}_base_url", url).rstrip("/") for name, (url, _) in hosts.items()
        }}
        limits = {_CORE: rate_limit, **{
            name: rate_limit if isinstance(limit, NotGiven) else limit
            for name, (_, limit) in hosts.items()
        }}
        #: What :meth:`with_options` starts from (the key included: it never leaves the client).
        self._options: dict[str, Any] = {
            "api_key": key, "base_url": urls[_CORE], "timeout": timeout,
            "max_retries": max_retries, "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
            **{f"{name}_base_url": urls[name] for name in hosts},
            **{f"{name}_rate_limit": limit for name, (_, limit) in hosts.items()},
            **(options or {}),
        }
        limiters = {name: _limiter_for(limits[name], key, urls[name]) for name in urls}
        install_httpx_log_redaction()
        self.base_url = urls[_CORE]
        self.rate_limit = rate_limit
        owns = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                transport=transport,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": USER_AGENT},
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )
        pool = http_client
        phase_timeouts = owns if _phase_timeouts is None else _phase_timeouts
        auth = self._auth(key)
        loop = LoopBinding(type(self).__name__, self.sync_client_name)

        def api_client(host: str) -> APIClient:
            """The request pipeline of one host: all share the pool, the core one owns it."""
            limit = limits[host]
            return APIClient(
                auth=auth,
                base_url=urls[host],
                http_client=pool,
                owns_http_client=owns and host == _CORE,
                limiter=limiters[host],
                loop=loop,
                max_retries=max_retries,
                penalty_seconds=(
                    limit.per_seconds if isinstance(limit, RateLimit)
                    else DEFAULT_RATE_LIMIT_SECONDS
                ),
                timeout=timeout,
                max_response_bytes=max_response_bytes,
                max_rate_limit_pause=max_rate_limit_pause,
                phase_timeouts=phase_timeouts,
            )

        self._api = api_client(_CORE)
        #: The pipelines of the API's further hosts, by name (``client.prospect``...).
        self._host_apis = {name: api_client(name) for name in hosts}

    @abc.abstractmethod
    def _auth(self, key: str) -> Auth:
        """How this API takes its key on a request."""

    def _base_url(self, given: str | None, api_key: str) -> str:
        """``given``, else ``$`` :attr:`base_url_env`, else :attr:`default_base_url`; an
        http(s) URL, no final ``/``.

        The error quotes the value with the key masked: a swapped environment variable could
        hold the key itself.
        """
        from_env = os.environ.get(self.base_url_env) if self.base_url_env else None
        url = given if given is not None else from_env or self.default_base_url
        if not isinstance(url, str):
            raise InvalidArgumentTypeError(f"base_url must be a str, got {type(url).__name__}")
        if not url.startswith(("https://", "http://")):
            source = "base_url" if given is not None else self.base_url_env
            shown = redact(repr(url), api_key)
            raise InvalidArgumentError(f"{source} must be an http:// or https:// URL, got {shown}")
        return url.rstrip("/")

    @property
    def max_retries(self) -> int:
        """Retries after a failed attempt."""
        return self._api.max_retries

    @property
    def timeout(self) -> float:
        """The deadline of each attempt, in seconds."""
        return self._api.timeout

    @property
    def is_closed(self) -> bool:
        """Whether the client was closed."""
        return self._api.is_closed

    def with_options(
        self,
        *,
        base_url: str | NotGiven = NOT_GIVEN,
        timeout: float | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
        max_rate_limit_pause: float | NotGiven = NOT_GIVEN,
        rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A client with other options, sharing this one's key and connection pool.

        ``await client.with_options(max_retries=0, timeout=5).campaigns.get(42)``. It is built
        by the constructor with this client's options merged with the given ones (each
        checked the same way), so it shares the rate limiter too unless ``rate_limit`` or
        ``base_url`` changes. Closing it does not close this client's pool.

        Args:
            base_url: see the constructor; unchanged when not given (likewise below).
            timeout: the deadline of each attempt, in seconds.
            max_retries: retries after a failed attempt.
            max_response_bytes: the largest response body held in memory.
            max_rate_limit_pause: the longest pause an ``x-ratelimit-reset`` may impose.
            rate_limit: a :class:`RateLimit`, your own :class:`RateLimiter`, or ``None``.
        """
        return self._with({
            "base_url": base_url, "timeout": timeout, "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
        })

    def _with(self, given: Mapping[str, Any]) -> Self:
        """:meth:`with_options`: a client of this class with the ``given`` options that are
        not :data:`NOT_GIVEN` replacing this one's, on this one's pool."""
        changes = {name: value for name, value in given.items() if value is not NOT_GIVEN}
        return type(self)(
            **{**self._options, **changes},
            http_client=self._api.http_client,
            _phase_timeouts=self._api.phase_timeouts,
        )

    @property
    def with_raw_response(self) -> Any:
        """This client's resources, whose methods return :class:`RawResponse` (the parsed
        result with its ``httpx.Response``) instead of the parsed result alone.

        ``raw = await client.with_raw_response.campaigns.get(42)``; ``raw.parsed`` is the
        result, ``raw.headers["x-ratelimit-remaining"]`` a header. For a typed result use
        ``await with_raw_response(client.campaigns.get, 42)``.
        """
        return RawResponseView(self)

    async def aclose(self) -> None:
        """Close the HTTP connection pool (unless it was passed in). Safe to call twice.

        Raises:
            WrongEventLoopError: called in another event loop than the one the client sent
                its requests in (the client is closed all the same).
        """
        for api in self._host_apis.values():
            with contextlib.suppress(WrongEventLoopError):  # the core's, the same loop, says it
                await api.aclose()
        await self._api.aclose()  # the one that owns the pool

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"


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
