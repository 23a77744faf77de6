"""``SmartleadClient``: SmartLead's configuration, its products' hosts, and the resources
users call."""

from __future__ import annotations

from typing import Self

import httpx

from ._auth import Auth, QueryAuth
from ._client_base import BaseClient
from ._constants import (
    API_KEY_ENV_VAR,
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_DELIVERY_BASE_URL,
    DEFAULT_MAX_RATE_LIMIT_PAUSE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_PROSPECT_BASE_URL,
    DEFAULT_SENDERS_BASE_URL,
    DEFAULT_TIMEOUT,
)
from ._options import NOT_GIVEN, NotGiven
from ._ratelimit import RateLimit, RateLimiter
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

__all__ = ["SmartleadClient"]

_DEFAULT_RATE_LIMIT = RateLimit()


class SmartleadClient(BaseClient):
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

    api_name = "SmartLead"
    api_key_env = API_KEY_ENV_VAR
    base_url_env = BASE_URL_ENV_VAR
    default_base_url = DEFAULT_BASE_URL
    sync_client_name = "SmartleadSyncClient"

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
        super().__init__(
            api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
            max_response_bytes=max_response_bytes, max_rate_limit_pause=max_rate_limit_pause,
            rate_limit=rate_limit, http_client=http_client, transport=transport,
            _phase_timeouts=_phase_timeouts, hosts={
                "prospect": (prospect_base_url, prospect_rate_limit),
                "delivery": (delivery_base_url, delivery_rate_limit),
                "senders": (senders_base_url, senders_rate_limit),
            },
        )
        self.prospect_base_url = self._host_apis["prospect"].base_url
        self.delivery_base_url = self._host_apis["delivery"].base_url
        self.senders_base_url = self._host_apis["senders"].base_url
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

    def _auth(self, key: str) -> Auth:
        return QueryAuth(key, "api_key")

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
    ) -> Self:
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
        return self._with({
            "base_url": base_url, "timeout": timeout, "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "max_rate_limit_pause": max_rate_limit_pause, "rate_limit": rate_limit,
            "prospect_base_url": prospect_base_url, "delivery_base_url": delivery_base_url,
            "senders_base_url": senders_base_url, "prospect_rate_limit": prospect_rate_limit,
            "delivery_rate_limit": delivery_rate_limit, "senders_rate_limit": senders_rate_limit,
        })
