"""``client.clients.api_keys``: ``/client/api-key``, the API keys of client sub-accounts.

Every answer but ``delete``'s carries live keys: :class:`ClientApiKey` keeps ``api_key`` out
of its ``repr``, and the SDK never logs a response body.
"""

from __future__ import annotations

import builtins
import re
from typing import Unpack

from .._args import compact, enum_value, matching, optional, positive_id, text
from .._decoding import ListOf, One
from .._enums import ApiKeyStatus, ApiKeyStatusValue
from .._options import RequestOptions
from ..models.accounts import ClientApiKey
from ..models.common import OkResponse
from ._base import OK, Resource

_PATH = "/client/api-key"
#: What the docs allow in a key's name.
_KEY_NAME = re.compile(r"[A-Za-z0-9 _-]+")


class ClientApiKeys(Resource):
    """API keys of client sub-accounts: list, create, rotate and delete them."""

    async def list(
        self,
        *,
        client_id: int | None = None,
        status: ApiKeyStatus | ApiKeyStatusValue | None = None,
        key_name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[ClientApiKey]:
        """The client API keys of the account (``GET /client/api-key``); they hold live keys.

        Args:
            client_id: only the keys of this client (``clientId``).
            status: only ``active`` or ``inactive`` keys.
            key_name: only keys whose name contains this text (``keyName``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        params = compact(
            clientId=optional(positive_id, "client_id", client_id),
            status=optional(enum_value, "status", status, ApiKeyStatus),
            keyName=optional(text, "key_name", key_name),
        )
        return await self._request(
            "GET", _PATH, ListOf(ClientApiKey), params=params, options=options
        )

    async def create(
        self, *, client_id: int, key_name: str, **options: Unpack[RequestOptions]
    ) -> ClientApiKey:
        """Create an API key for a client (``POST /client/api-key``); the answer holds it.

        The docs and SmartLead's official CLI send ``clientId``/``keyName`` (sent here);
        another client sends snake_case. The answer is read in either casing.

        Args:
            client_id: the client (``clientId``).
            key_name: a name for the key: letters, digits, spaces, ``-`` and ``_``
                (``keyName``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "clientId": positive_id("client_id", client_id),
            "keyName": matching(
                "key_name", key_name, _KEY_NAME, "letters, digits, spaces, '-' and '_'"
            ),
        }
        return await self._request(
            "POST", _PATH, One(ClientApiKey, "the created API key"), body=body, options=options
        )

    async def reset(self, key_id: int, **options: Unpack[RequestOptions]) -> ClientApiKey:
        """Rotate a key: the answer holds the new one, the old one stops working.

        ``PUT /client/api-key/reset/{id}``.

        Args:
            key_id: the key's id (``ClientApiKey.id``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        key_id = positive_id("key_id", key_id)
        return await self._request(
            "PUT", f"{_PATH}/reset/{key_id}", One(ClientApiKey, f"API key {key_id}"),
            options=options,
        )

    async def delete(self, key_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Delete a key; it stops working (``DELETE /client/api-key/{id}``).

        Args:
            key_id: the key's id (``ClientApiKey.id``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        key_id = positive_id("key_id", key_id)
        return await self._request("DELETE", f"{_PATH}/{key_id}", OK, options=options)
