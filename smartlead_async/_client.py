"""``SmartleadClient``: configuration, lifetime, and the resources users call."""

from __future__ import annotations

import os
import platform
from types import TracebackType
from typing import Any

import httpx

from ._args import http_url, int_in_range, positive_seconds
from ._base_client import APIClient
from ._constants import (
    API_KEY_ENV_VAR,
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_DELIVERY_BASE_URL,
    DEFAULT_MAX_RATE_LIMIT_PAUSE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_PROSPECT_BASE_URL,
    DEFAULT_RATE_LIMIT_SECONDS,
    DEFAULT_SENDERS_BASE_URL,
    DEFAULT_TIMEOUT,
)
from ._exceptions import InvalidArgumentError, InvalidArgumentTypeError, MissingAPIKeyError
from ._options import NOT_GIVEN, NotGiven
from ._ratelimit import RateLimit, RateLimiter, shared_limiter
from ._raw_response import RawResponseView
from ._redact import install_httpx_log_redaction, redact
from ._resources.analytics import Analytics
from ._resources.campaigns import Campaigns
from ._resources.clients import Clients
from ._resources.delivery import Delivery
from ._resources.email_accounts import EmailAccounts
from ._resources.emails import Emails
from ._resources.inbox import Inbox
from ._resources.lead_lists import LeadLists
from ._resources.leads import Leads
from ._resources.prospect import Prospect
from ._resources.senders import Senders
from ._resources.webhooks import Webhooks
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
    limiter. Its connections belong to the event loop it first sends a request in: create it
    inside that loop (another loop, a second ``asyncio.run()`` say, gets
    :class:`WrongEventLoopError`); from code that is not async, use
    :class:`SmartleadSyncClient`.

    SmartLead's other products live on hosts of their own: ``client.prospect``
    (SmartProspect), ``client.delivery`` (Smart Delivery) and ``client.senders`` (Smart
    Senders) send there, through the same pool, key, retries, deadlines and error handling,
    each host with a rate limiter of its own.

    Args:
        api_key: your SmartLead API key; defaults to the ``SMARTLEAD_API_KEY`` environment
            variable.
        base_url: API root; defaults to the ``SMARTLEAD_BASE_URL`` environment variable, else
            ``https://server.smartlead.ai/api/v1``.
        prospect_base_url: SmartProspect's root (``client.prospect``),
            ``https://prospect-api.smartlead.ai/api/v1/search-email-leads`` by default.
        delivery_base_url: Smart Delivery's root (``client.delivery``),
            ``https://smartdelivery.smartlead.ai/api/v1`` by default.
        senders_base_url: Smart Senders' root (``client.senders``),
            ``https://smart-senders.smartlead.ai/api/v1`` by default.
        timeout: the deadline of each attempt, in seconds: connecting, sending, the headers
            and the whole body must all fit in it, however the server trickles its bytes. A
            retry gets a deadline of its own; waiting for the rate limiter does not count.
            Streaming calls apply it up to the headers, then an idle timeout between chunks.
        max_retries: retries after a failed attempt (see the README for what is retried).
        max_response_bytes: the largest response body held in memory (default 32 MiB); a
            larger one raises :class:`APIResponseError` without being read whole. Error
            bodies are read up to 64 KiB for their message. Streamed exports are not limited.
        max_rate_limit_pause: the longest, in seconds, that an ``x-ratelimit-reset``
            header may pause every request of the key (default 60); a reset that is not a
            finite, non-negative number, or an instant already past, is ignored.
        rate_limit: ``RateLimit(requests, per_seconds)`` shared per key in this process
            (default 10 per 2 s), your own :class:`RateLimiter`, or ``None`` for no limit.
        prospect_rate_limit: SmartProspect's limit, which SmartLead does not publish; by
            default the same as ``rate_limit``, counted apart (per key and host). A
            :class:`RateLimiter` object given as ``rate_limit`` is shared by every host
            that gets no limit of its own.
        delivery_rate_limit: Smart Delivery's limit (unpublished), likewise.
        senders_rate_limit: Smart Senders' limit (unpublished), likewise.
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
        prospect_base_url: str = DEFAULT_PROSPECT_BASE_URL,
        delivery_base_url: str = DEFAULT_DELIVERY_BASE_URL,
        senders_base_url: str = DEFAULT_SENDERS_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_rate_limit_pause: float = DEFAULT_MAX_RATE_LIMIT_PAUSE,
        rate_limit: RateLimit | RateLimiter | None = _DEFAULT_RATE_LIMIT,
        prospect_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        delivery_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        senders_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        _phase_timeouts: bool | None = None,
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
        timeout = positive_seconds("timeout", timeout)
        max_response_bytes = int_in_range("max_response_bytes", max_response_bytes, minimum=1)
        max_rate_limit_pause = positive_seconds("max_rate_limit_pause", max_rate_limit_pause)
        if http_client is not None and transport is not None:
            raise InvalidArgumentError(
                "pass either http_client or transport, not both (a transport is installed "
                "in the client's own pool)"
            )
        others = {
            "prospect": (prospect_base_url, prospect_rate_limit),
            "delivery": (delivery_base_url, delivery_rate_limit),
            "senders": (senders_base_url, senders_rate_limit),
        }
        urls = {"core": _base_url(base_url, key), **{
            name: http_url(f"{name}_base_url", url).rstrip("/")
            for name, (url, _) in others.items()
        }}
        limits = {"core": rate_limit, **{
            name: rate_limit if isinstance(limit, NotGiven) else limit
            for name, (_, limit) in others.items()
        }}
        #: What :meth:`with_options` starts from (the key included: it never leaves the client).
        self._options: dict[str, Any] = {
            "api_key": key, "base_url": urls["core"], "timeout": timeout,
            "max_retries": max_retries, "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
            **{f"{name}_base_url": urls[name] for name in others},
            **{f"{name}_rate_limit": limit for name, (_, limit) in others.items()},
        }
        limiters = {name: _limiter_for(limits[name], key, urls[name]) for name in urls}
        install_httpx_log_redaction()
        self.base_url = urls["core"]
        self.prospect_base_url = urls["prospect"]
        self.delivery_base_url = urls["delivery"]
        self.senders_base_url = urls["senders"]
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

        def api_client(host: str) -> APIClient:
            """The request pipeline of one host: all share the pool, the core one owns it."""
            limit = limits[host]
            return APIClient(
                api_key=key,
                base_url=urls[host],
                http_client=pool,
                owns_http_client=owns and host == "core",
                limiter=limiters[host],
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

        self._api = api_client("core")
        #: The pipelines of SmartLead's other products, by host (``client.prospect``...).
        self._host_apis = {name: api_client(name) for name in others}
        self.campaigns = Campaigns(self._api)
        self.leads = Leads(self._api)
        self.lead_lists = LeadLists(self._api)
        self.email_accounts = EmailAccounts(self._api)
        self.clients = Clients(self._api)
        self.inbox = Inbox(self._api)
        self.analytics = Analytics(self._api)
        self.webhooks = Webhooks(self._api)
        self.emails = Emails(self._api)
        self.prospect = Prospect(self._host_apis["prospect"])
        self.delivery = Delivery(self._host_apis["delivery"])
        self.senders = Senders(self._host_apis["senders"])

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
        prospect_base_url: str | NotGiven = NOT_GIVEN,
        delivery_base_url: str | NotGiven = NOT_GIVEN,
        senders_base_url: str | NotGiven = NOT_GIVEN,
        timeout: float | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
        max_rate_limit_pause: float | NotGiven = NOT_GIVEN,
        rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        prospect_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        delivery_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
        senders_rate_limit: RateLimit | RateLimiter | NotGiven | None = NOT_GIVEN,
    ) -> SmartleadClient:
        """A client with other options, sharing this one's key and connection pool.

        ``await client.with_options(max_retries=0, timeout=5).campaigns.get(42)``. It is built
        by the constructor with this client's options merged with the given ones (each
        checked the same way), so it shares the rate limiter too unless ``rate_limit`` or
        ``base_url`` changes (likewise for each product's host). Closing it does not close
        this client's pool.

        Args:
            base_url: see the constructor; unchanged when not given (likewise below).
            prospect_base_url: SmartProspect's root.
            delivery_base_url: Smart Delivery's root.
            senders_base_url: Smart Senders' root.
            timeout: the deadline of each attempt, in seconds.
            max_retries: retries after a failed attempt.
            max_response_bytes: the largest response body held in memory.
            max_rate_limit_pause: the longest pause an ``x-ratelimit-reset`` may impose.
            rate_limit: a :class:`RateLimit`, your own :class:`RateLimiter`, or ``None``;
                also the limit of each product's host that has none of its own.
            prospect_rate_limit: SmartProspect's limit (see the constructor).
            delivery_rate_limit: Smart Delivery's limit.
            senders_rate_limit: Smart Senders' limit.
        """
        given = {
            "base_url": base_url, "timeout": timeout, "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
            "prospect_base_url": prospect_base_url, "delivery_base_url": delivery_base_url,
            "senders_base_url": senders_base_url, "prospect_rate_limit": prospect_rate_limit,
            "delivery_rate_limit": delivery_rate_limit, "senders_rate_limit": senders_rate_limit,
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
        :class:`Campaign`, ``raw.headers["x-ratelimit-remaining"]`` a header. For a typed
        result use ``await with_raw_response(client.campaigns.get, 42)``.
        """
        return RawResponseView(self)

    async def aclose(self) -> None:
        """Close the HTTP connection pool (unless it was passed in). Safe to call twice.

        Raises:
            WrongEventLoopError: called in another event loop than the one the client sent
                its requests in (the client is closed all the same).
        """
        for api in self._host_apis.values():
            await api.aclose()
        await self._api.aclose()  # the one that owns the pool

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
