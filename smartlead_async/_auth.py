"""How a client presents its API key on each request: one small strategy per API.

SmartLead reads the key from the query string (``?api_key=...``): :class:`QueryAuth`. SendKit
reads it from a header (``X-Api-Key: ...``): :class:`HeaderAuth`. The request pipeline asks
the strategy to add the key to each request just before it is built, after the caller's own
query parameters and headers, so nothing a call passes can replace or duplicate it. Neither
strategy ever shows the key in its repr; the pipeline masks :attr:`Auth.secret` in every
message it builds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import attrs
import httpx

__all__ = ["Auth", "HeaderAuth", "QueryAuth"]

#: Query parameters as the request pipeline passes them to httpx.
Query = dict[str, str | int]


class Auth(Protocol):
    """A way to put the API key on a request."""

    @property
    def secret(self) -> str:
        """The API key: masked in every error, log line and repr."""
        ...

    def sign(
        self, params: Mapping[str, str | int], headers: Mapping[str, str] | None
    ) -> tuple[Query, httpx.Headers]:
        """The request's query and headers with the key added (the caller's own are kept)."""
        ...


@attrs.frozen(repr=False)
class _KeyAuth:
    """A strategy holding one API key: its secret."""

    key: str

    @property
    def secret(self) -> str:
        """The API key."""
        return self.key


@attrs.frozen(repr=False)
class QueryAuth(_KeyAuth):
    """The key as a query parameter, ``?api_key=...`` (SmartLead).

    Args:
        key: the API key.
        param: the query parameter that carries it.
    """

    param: str = "api_key"

    def sign(
        self, params: Mapping[str, str | int], headers: Mapping[str, str] | None
    ) -> tuple[Query, httpx.Headers]:
        """``params`` with ``param`` set to the key; ``headers`` as they are."""
        return {**params, self.param: self.key}, httpx.Headers(headers)

    def __repr__(self) -> str:
        return f"QueryAuth(param={self.param!r}, key='***')"


@attrs.frozen(repr=False)
class HeaderAuth(_KeyAuth):
    """The key in a request header, ``X-Api-Key: ...`` (SendKit); the URL never holds it.

    Args:
        key: the API key.
        header: the header that carries it.
        scope: further headers every request sends beside the key (SendKit's
            ``X-Workspace-Id``); not secret.
    """

    header: str = "X-Api-Key"
    scope: Mapping[str, str] = attrs.field(factory=dict)

    def sign(
        self, params: Mapping[str, str | int], headers: Mapping[str, str] | None
    ) -> tuple[Query, httpx.Headers]:
        """``headers`` with the key (and ``scope``) set, replacing any header of the same
        name whatever its case; ``params`` as they are."""
        signed = httpx.Headers(headers)
        for name, value in {**self.scope, self.header: self.key}.items():
            signed[name] = value
        return dict(params), signed

    def __repr__(self) -> str:
        return f"HeaderAuth(header={self.header!r}, key='***', scope={dict(self.scope)!r})"
