"""What every API client shares (SmartLead's, SendKit's): checked options, the request
pipeline, lifetime, ``with_options`` and ``with_raw_response``."""

from __future__ import annotations

import abc
import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any, ClassVar, Self

import httpx

from ._args import int_in_range, positive_seconds
from ._auth import Auth
from ._base_client import APIClient
from ._constants import DEFAULT_RATE_LIMIT_SECONDS
from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError, MissingAPIKeyError
from ._limiter import RateLimit, RateLimiter, shared_limiter
from ._options import NOT_GIVEN, NotGiven
from ._raw_response import RawResponseView
from ._redact import install_httpx_log_redaction

__all__ = ["BaseClient"]


class BaseClient(abc.ABC):
    """Configuration and lifetime shared by :class:`SmartleadClient` and ``SendkitClient``.

    A subclass names its API and the environment variable its key defaults to, says how the
    key goes on a request (:meth:`_auth`), and attaches its resources to ``self._api`` after
    ``super().__init__``. The arguments are those of the subclasses' constructors.
    """

    #: The API's name, for messages ("SmartLead").
    api_name: ClassVar[str]
    #: The environment variable the API key defaults to.
    api_key_env: ClassVar[str]

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str,
        timeout: float,
        max_retries: int,
        max_response_bytes: int,
        max_rate_limit_pause: float,
        rate_limit: RateLimit | RateLimiter | None,
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
        _phase_timeouts: bool | None,
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
        base_url = base_url.rstrip("/")
        #: What :meth:`with_options` starts from (the key included: it never leaves the client).
        self._options: dict[str, Any] = {
            "api_key": key, "base_url": base_url, "timeout": timeout, "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
            **(options or {}),
        }
        limiter = _limiter_for(rate_limit, key, base_url)
        install_httpx_log_redaction()
        self.base_url = base_url
        self.rate_limit = rate_limit
        owns = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                transport=transport,
                timeout=httpx.Timeout(timeout),
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )
        self._api = APIClient(
            auth=self._auth(key),
            base_url=base_url,
            http_client=http_client,
            owns_http_client=owns,
            limiter=limiter,
            max_retries=max_retries,
            penalty_seconds=(
                rate_limit.per_seconds if isinstance(rate_limit, RateLimit)
                else DEFAULT_RATE_LIMIT_SECONDS
            ),
            timeout=timeout,
            max_response_bytes=max_response_bytes,
            max_rate_limit_pause=max_rate_limit_pause,
            phase_timeouts=_phase_timeouts,
        )

    @abc.abstractmethod
    def _auth(self, key: str) -> Auth:
        """How this API takes its key on a request."""

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
        given = {
            "base_url": base_url, "timeout": timeout, "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
        }
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
        """Close the HTTP connection pool (unless it was passed in). Safe to call twice."""
        await self._api.aclose()

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
