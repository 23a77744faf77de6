"""``SendkitClient``: SendKit's configuration and resources, on the SDK's shared core."""

from __future__ import annotations

import httpx

from .._args import optional, text
from .._auth import Auth, HeaderAuth
from .._client_base import BaseClient
from .._constants import (
    DEFAULT_MAX_RATE_LIMIT_PAUSE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from .._ratelimit import RateLimit, RateLimiter
from ._constants import SENDKIT_API_KEY_ENV_VAR, SENDKIT_BASE_URL
from ._resources.campaigns import Campaigns

__all__ = ["SendkitClient"]


class SendkitClient(BaseClient):
    """Async client for the SendKit API, with the guarantees of :class:`SmartleadClient`.

    Use it as ``async with SendkitClient() as client: ...``. It sends the key in the
    ``X-Api-Key`` header (never in a URL), and shares SmartleadClient's request pipeline:
    per-attempt deadlines, retries of failed reads (429s wait for ``Retry-After``), bounded
    bodies, the same exceptions, per-call options, :meth:`with_options` and
    ``with_raw_response``. SendKit publishes no rate limit, so none is applied unless you
    pass one.

    Args:
        api_key: a SendKit workspace key (``sk_...``) or platform key (``sk_user_...``);
            defaults to the ``SENDKIT_API_KEY`` environment variable.
        base_url: API root, ``https://api.sendkit.ai/v1`` by default.
        workspace_id: sent as ``X-Workspace-Id`` with every request: the workspace a
            platform key acts in (a workspace key needs none).
        timeout: the deadline of each attempt, in seconds (see :class:`SmartleadClient`).
        max_retries: retries after a failed attempt.
        max_response_bytes: the largest response body held in memory (default 32 MiB).
        max_rate_limit_pause: the longest, in seconds, that an ``x-ratelimit-reset``
            header may pause every request of the key (default 60).
        rate_limit: ``None`` (the default: no limit of the client's own; a 429 still waits
            and retries), a ``RateLimit(requests, per_seconds)`` shared per key in this
            process, or your own :class:`RateLimiter`.
        http_client: an ``httpx.AsyncClient`` to send through; you keep ownership.
        transport: an httpx transport for the client's own pool (e.g. the fake SendKit's
            ``fake.transport()``); closed with the client. Not together with ``http_client``.
    """

    api_name = "SendKit"
    api_key_env = SENDKIT_API_KEY_ENV_VAR
    default_base_url = SENDKIT_BASE_URL

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str = SENDKIT_BASE_URL,
        workspace_id: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_rate_limit_pause: float = DEFAULT_MAX_RATE_LIMIT_PAUSE,
        rate_limit: RateLimit | RateLimiter | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        _phase_timeouts: bool | None = None,
    ) -> None:
        self.workspace_id = optional(text, "workspace_id", workspace_id)
        super().__init__(
            api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
            max_response_bytes=max_response_bytes, max_rate_limit_pause=max_rate_limit_pause,
            rate_limit=rate_limit, http_client=http_client, transport=transport,
            _phase_timeouts=_phase_timeouts, options={"workspace_id": self.workspace_id},
        )
        self.campaigns = Campaigns(self._api)

    def _auth(self, key: str) -> Auth:
        scope = {} if self.workspace_id is None else {"X-Workspace-Id": self.workspace_id}
        return HeaderAuth(key, "X-Api-Key", scope)
