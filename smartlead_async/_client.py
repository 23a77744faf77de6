"""``SmartleadClient``: SmartLead's configuration and the resources users call."""

from __future__ import annotations

import httpx

from ._auth import Auth, QueryAuth
from ._client_base import BaseClient
from ._constants import (
    API_KEY_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RATE_LIMIT_PAUSE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ._limiter import RateLimit, RateLimiter
from ._resources.analytics import Analytics
from ._resources.campaigns import Campaigns
from ._resources.clients import Clients
from ._resources.email_accounts import EmailAccounts
from ._resources.emails import Emails
from ._resources.inbox import Inbox
from ._resources.lead_lists import LeadLists
from ._resources.leads import Leads
from ._resources.webhooks import Webhooks

__all__ = ["SmartleadClient"]

_DEFAULT_RATE_LIMIT = RateLimit()


class SmartleadClient(BaseClient):
    """Async client for the SmartLead API.

    Use it as ``async with SmartleadClient() as client: ...`` (or call :meth:`aclose`). One
    client holds one pooled HTTP connection pool and is safe to share across many concurrent
    tasks; every client in the process that uses the same API key and server shares one rate
    limiter.

    Args:
        api_key: your SmartLead API key; defaults to the ``SMARTLEAD_API_KEY`` environment
            variable.
        base_url: API root, ``https://server.smartlead.ai/api/v1`` by default.
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
        http_client: an ``httpx.AsyncClient`` to send through (e.g. with a proxy). You keep
            ownership: :meth:`aclose` does not close it.
        transport: an httpx transport for the client's own pool (e.g. the fake SmartLead's
            ``fake.transport()``); closed with the client. Not together with ``http_client``.
    """

    api_name = "SmartLead"
    api_key_env = API_KEY_ENV_VAR

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_rate_limit_pause: float = DEFAULT_MAX_RATE_LIMIT_PAUSE,
        rate_limit: RateLimit | RateLimiter | None = _DEFAULT_RATE_LIMIT,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        _phase_timeouts: bool | None = None,
    ) -> None:
        super().__init__(
            api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
            max_response_bytes=max_response_bytes, max_rate_limit_pause=max_rate_limit_pause,
            rate_limit=rate_limit, http_client=http_client, transport=transport,
            _phase_timeouts=_phase_timeouts,
        )
        self.campaigns = Campaigns(self._api)
        self.leads = Leads(self._api)
        self.lead_lists = LeadLists(self._api)
        self.email_accounts = EmailAccounts(self._api)
        self.clients = Clients(self._api)
        self.inbox = Inbox(self._api)
        self.analytics = Analytics(self._api)
        self.webhooks = Webhooks(self._api)
        self.emails = Emails(self._api)

    def _auth(self, key: str) -> Auth:
        return QueryAuth(key, "api_key")
