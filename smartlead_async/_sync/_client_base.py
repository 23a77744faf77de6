"""What :class:`SmartleadSyncClient` does by hand: owning its runner, closing, raw responses.

The constructor, ``with_options``, the properties and the resources are generated from
:class:`SmartleadClient` (``_generated.py``); they call :meth:`SyncClientBase._open` and
:meth:`SyncClientBase._derive`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, ParamSpec, Self

from .._client import SmartleadClient
from .._ratelimit import RateLimit, RateLimiter
from ._raw import SyncRawResponseView
from ._runner import Runner

__all__ = ["SyncClientBase"]

P = ParamSpec("P")


class SyncClientBase:
    """A :class:`SmartleadClient` running on a :class:`Runner`, and the client's lifetime."""

    _client: SmartleadClient
    _runner: Runner
    _owns_runner: bool

    def _open(
        self, make: Callable[P, SmartleadClient], /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """Start a runner and build the async client in its loop (closed with the runner)."""
        runner = Runner()
        try:
            client = runner.call(make, *args, **kwargs)
        except BaseException:
            runner.close()
            raise
        runner.on_close(client.aclose)
        self._bind(client, runner, owns_runner=True)

    def _derive(
        self, make: Callable[P, SmartleadClient], /, *args: P.args, **kwargs: P.kwargs
    ) -> Self:
        """A client of the same class around ``make(...)``, sharing this one's runner."""
        derived = object.__new__(type(self))
        derived._bind(self._runner.call(make, *args, **kwargs), self._runner, owns_runner=False)
        return derived

    def _bind(self, client: SmartleadClient, runner: Runner, *, owns_runner: bool) -> None:
        self._client = client
        self._runner = runner
        self._owns_runner = owns_runner
        self._attach_resources(client, runner)

    def _attach_resources(self, client: SmartleadClient, runner: Runner) -> None:
        raise NotImplementedError  # generated

    @property
    def base_url(self) -> str:
        """The API root requests are sent to."""
        return self._client.base_url

    @property
    def prospect_base_url(self) -> str:
        """SmartProspect's API root."""
        return self._client.prospect_base_url

    @property
    def delivery_base_url(self) -> str:
        """Smart Delivery's API root."""
        return self._client.delivery_base_url

    @property
    def senders_base_url(self) -> str:
        """Smart Senders' API root."""
        return self._client.senders_base_url

    @property
    def rate_limit(self) -> RateLimit | RateLimiter | None:
        """The rate limit the client was built with."""
        return self._client.rate_limit

    @property
    def is_closed(self) -> bool:
        """Whether the client was closed (or the client it was derived from)."""
        return self._runner.closed or self._client.is_closed

    @property
    def with_raw_response(self) -> Any:
        """This client's resources, whose methods return :class:`RawResponse` (the parsed
        result with its ``httpx.Response``) instead of the parsed result alone.

        ``raw = client.with_raw_response.campaigns.get(42)``; ``raw.parsed`` is the
        :class:`Campaign`, ``raw.headers["x-ratelimit-remaining"]`` a header. For a typed
        result use ``with_raw_response_sync(client.campaigns.get, 42)``.
        """
        return SyncRawResponseView(self)

    def close(self) -> None:
        """Close the client: its connection pool, then its event loop and the loop's thread.

        A client made by :meth:`with_options` shares the loop of the client it came from:
        closing it only stops its own use; closing the original closes both. Safe to call
        twice.
        """
        if self._owns_runner:
            self._runner.close()
        elif not self._runner.closed:
            self._runner.run(self._client.aclose)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"
