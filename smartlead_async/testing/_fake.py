"""``FakeSmartlead``: the public facade of the fake SmartLead server.

The fake is built from small modules, each with one job:

* ``_data``: deterministic generated values (hashing, timestamps, names, lead traits);
* ``_state`` with ``_campaigns``, ``_leads``, ``_activities``, ``_accounts``, ``_sequences``:
  the account's data, held compactly (one int per generated lead);
* ``_imports``, ``_messages``, ``_reports``, ``_export``: what the write and report endpoints
  compute from that data;
* ``_http`` (requests, responses, errors), ``_params`` (strict query/body validation),
  ``_router`` and ``_lookups``;
* ``_routes_*``: one small handler per endpoint of the API reference;
* ``_pipeline``: stats -> auth -> rate window -> faults -> router;
* ``_transport`` (in-process httpx), ``_asgi`` (the ASGI app), ``_server`` (loopback socket).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import anyio
import httpx

from . import (
    _routes_accounts,
    _routes_campaigns,
    _routes_inbox,
    _routes_leads,
    _routes_people,
    _routes_reports,
    _routes_setup,
)
from ._asgi import Receive, Scope, Send, run_asgi
from ._campaigns import CampaignInfo, CampaignsView
from ._churn import Churner, LeadChurn
from ._data import MAP_ID_BASE
from ._faults import FaultInjector, Faults, Latency, SlidingWindow
from ._http import Outcome, Request, Response
from ._pipeline import (
    FakeStats,
    LogEntry,
    Pipeline,
    authenticate,
    inject_faults,
    limit_rate,
    record,
)
from ._router import API_PREFIX, Router
from ._server import serve_app
from ._state import State
from ._transport import FakeTransport

if TYPE_CHECKING:
    from .._client import SmartleadClient

__all__ = ["CampaignInfo", "FakeSmartlead", "FakeStats", "LogEntry", "Request", "Response"]

IN_PROCESS_ORIGIN = "http://fake-smartlead.test"
DEFAULT_ACTIVITY_START = datetime(2025, 11, 1, tzinfo=UTC)
_ROUTER = Router(
    module.routes
    for module in (
        _routes_campaigns, _routes_reports, _routes_setup, _routes_leads, _routes_inbox,
        _routes_people, _routes_accounts,
    )
)


class FakeSmartlead:
    """An in-memory SmartLead API for tests: deterministic data, a strict rate window, faults.

    It serves every endpoint of SmartLead's API reference with its documented bodies,
    validation and status codes, and keeps the state writes change: a created campaign is
    listed, added leads are paged, a paused lead shows as PAUSED, a deleted campaign is a 404.

    Use it in-process through :meth:`http_client` / :meth:`client`, or over a real loopback
    socket with :meth:`serve`. Both share the same state and statistics.

    Args:
        api_key: the only accepted ``api_key`` query parameter; anything else is a 401.
        seed: seed of every generated value (names, statuses, latency draws).
        rate_limit: ``(N, W)``: at most N admitted requests per key in any W seconds, else 429.
            ``None`` disables the limit.
        retry_after_header: send ``Retry-After`` on 429s (the JSON body always has
            ``retry_after``).
        latency: seconds to wait before each response, or a ``(low, high)`` uniform range.
            Admission (the rate window, the log time) happens on arrival, before the wait.
        faults: error, drop and truncation rates (see :class:`Faults`).
        quirks: reproduce quirks of the live API that the SDK absorbs: a read of a missing
            campaign, lead, email account or analytics answers ``200 {}`` instead of 404; a
            deleted lead answers the plain text ``success``; a sequence or webhook listing of
            one item is sent as a lone object. Off by default.
    """

    base_url = IN_PROCESS_ORIGIN + API_PREFIX

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        seed: int = 0,
        rate_limit: tuple[int, float] | None = (10, 2.0),
        retry_after_header: bool = True,
        latency: float | tuple[float, float] = 0.0,
        faults: Faults | None = None,
        quirks: bool = False,
    ) -> None:
        self.api_key = api_key
        self.seed = seed
        self.rate_limit = rate_limit
        self.faults = faults
        self.quirks = quirks
        self.stats = FakeStats()
        self._state = State(seed, quirks=quirks)
        self._latency = Latency(latency, seed)
        pipeline: Pipeline = self._route
        if faults is not None:
            pipeline = inject_faults(FaultInjector(faults), pipeline)
        if rate_limit is not None:
            window = SlidingWindow(*rate_limit)
            pipeline = limit_rate(window, self.stats, retry_after_header, pipeline)
        self._pipeline = record(self.stats, authenticate(api_key, pipeline))

    def __repr__(self) -> str:
        return (
            f"FakeSmartlead(campaigns={len(self._state.campaigns)}, seed={self.seed}, "
            f"rate_limit={self.rate_limit!r})"
        )

    # -- data -----------------------------------------------------------------------------------

    def add_campaign(
        self,
        *,
        name: str | None = None,
        lead_count: int = 0,
        status: str = "ACTIVE",
        client_id: int | None = None,
    ) -> int:
        """Create a campaign with ``lead_count`` generated leads and return its id.

        The campaign also gets a generated sequence of 1 to 3 steps.

        Args:
            name: campaign name; generated from the seed when None.
            lead_count: number of leads to generate (cheap: one int per lead).
            status: campaign status, e.g. ACTIVE, PAUSED, DRAFTED, COMPLETED, STOPPED.
            client_id: the agency client the campaign belongs to, or None.
        """
        _check_count("lead_count", lead_count)
        campaign = self._state.add_campaign(name, status, client_id, seeded=True)
        self._state.add_generated_leads(campaign, lead_count)
        return campaign.id

    def add_leads(self, campaign_id: int, count: int) -> None:
        """Insert ``count`` new leads at the head of a campaign's (newest-first) lead list.

        Every later offset shifts by ``count`` and ``total_leads`` grows by ``count``.

        Raises:
            KeyError: the campaign does not exist.
        """
        _check_count("count", count)
        self._state.add_generated_leads(self._state.campaigns[campaign_id], count)

    def churn_leads(self, campaign_id: int, churn: LeadChurn | None) -> None:
        """Make a campaign's lead list change before every request that lists it.

        ``fake.churn_leads(cid, LeadChurn(insert=3))`` puts 3 new leads at the head before
        each ``GET /campaigns/{cid}/leads``; ``delete_head`` / ``delete_anywhere`` remove
        leads, ``shuffle`` serves concurrent listing requests in a random order. ``None``
        stops it. :meth:`lead_ids` shows the list as it is now.

        Raises:
            KeyError: the campaign does not exist.
        """
        self._state.campaigns[campaign_id]
        if churn is None:
            self._state.churners.pop(campaign_id, None)
        else:
            self._state.churners[campaign_id] = Churner(churn)

    def add_activities(self, count: int, *, start: datetime | None = None) -> None:
        """Append ``count`` lead-activity records for ``/campaigns/all-leads-activities``.

        Event times start at ``start`` (default 2025-11-01T00:00Z; naive means UTC) and advance
        about one hour per record, so they spread over days. Records are attributed to the
        existing campaigns (or to an archived placeholder campaign when there are none).
        """
        _check_count("count", count)
        self._state.activities.add(
            count, DEFAULT_ACTIVITY_START if start is None else start,
            sorted(self._state.campaigns),
        )

    def add_email_account(
        self,
        *,
        account_id: int | None = None,
        from_email: str | None = None,
        from_name: str | None = None,
        client_id: int | None = None,
        connected: bool = True,
    ) -> int:
        """Create a sending mailbox (with generated host, password and warmup) and return its id.

        Args:
            account_id: the id to give it (e.g. one your code or docs use); generated when None.
            from_email: its address; generated when None.
            from_name: its sender name; generated when None.
            client_id: the agency client it belongs to, or None.
            connected: False makes it a failed account (its IMAP login fails), for
                ``POST /email-accounts/reconnect-failed-email-accounts``.

        Raises:
            ValueError: ``account_id`` is taken.
        """
        if account_id is not None:
            _check_count("account_id", account_id, minimum=1)
            if account_id in self._state.mailboxes.rows:
                raise ValueError(f"email account {account_id} already exists")
        fields = {"from_email": from_email, "from_name": from_name, "client_id": client_id}
        row = self._state.mailboxes.create(
            {k: v for k, v in fields.items() if v is not None},
            account_id=account_id, connected=connected,
        )
        return int(row["id"])

    def add_client(
        self, *, name: str = "Acme Agency Client", email: str | None = None,
        client_id: int | None = None,
    ) -> int:
        """Create an agency client with the ``reply_master_inbox`` permission; return its id.

        Args:
            name: the client's name.
            email: its login email; generated when None.
            client_id: the id to give it; generated when None.

        Raises:
            ValueError: ``client_id`` is taken.
        """
        clients = self._state.clients
        if client_id is not None and client_id in clients.rows:
            raise ValueError(f"client {client_id} already exists")
        email = email or f"client{len(clients.rows) + 1}@fake-smartlead.test"
        row = clients.create(
            {"name": name, "email": email, "permission": ["reply_master_inbox"]},
            client_id=client_id,
        )
        return int(row["id"])

    @property
    def campaigns(self) -> Mapping[int, CampaignInfo]:
        """Live read-only view: campaign id -> :class:`CampaignInfo` (with ``lead_count``)."""
        return CampaignsView(self._state.campaigns)

    def lead_ids(self, campaign_id: int) -> list[int]:
        """``campaign_lead_map_id`` of every lead of a campaign, in current (served) order."""
        return [MAP_ID_BASE + s for s in self._state.campaigns[campaign_id].leads]

    def activity_ids(self) -> list[int]:
        """``email_lead_map_id`` of every activity record, in served order."""
        return self._state.activities.ids()

    # -- serving --------------------------------------------------------------------------------

    async def _respond(self, request: Request) -> Outcome:
        """Run the pipeline on arrival (atomically), then wait the latency."""
        held = self._state.listing_delay(request)
        if held > 0:  # a shuffled churning listing: it reaches the server a little later
            await anyio.sleep(held)
            request = dataclasses.replace(request, arrived=time.monotonic())
        outcome = self._pipeline(request)
        delay = self._latency.sample()
        if delay > 0:
            await anyio.sleep(delay)
        return outcome

    def _route(self, request: Request) -> Outcome:
        return _ROUTER(self._state, request)

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI 3 application."""
        await run_asgi(self._respond, scope, receive, send)

    def http_client(self, **httpx_kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` wired to this fake in-process (``base_url`` preset).

        Drop and truncation faults raise ``httpx.RemoteProtocolError`` as a real socket would.
        Pass any ``httpx.AsyncClient`` keyword except ``transport``.
        """
        if "transport" in httpx_kwargs:
            raise TypeError("http_client() sets its own transport")
        httpx_kwargs.setdefault("base_url", self.base_url)
        return httpx.AsyncClient(transport=self.transport(), **httpx_kwargs)

    def transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport into this fake, in-process (for ``httpx.AsyncClient(transport=)``
        or ``SmartleadClient(transport=)``)."""
        return FakeTransport(self._respond)

    def client(self, **kwargs: Any) -> SmartleadClient:
        """A ``SmartleadClient`` talking to this fake in-process (keywords are passed on).

        The client owns its connection pool: ``async with fake.client() as client: ...``.
        """
        from .._client import SmartleadClient

        return SmartleadClient(
            api_key=self.api_key, base_url=self.base_url, transport=self.transport(), **kwargs
        )

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractAsyncContextManager[str]:
        """Serve over a real loopback socket (asyncio); yields ``http://HOST:PORT/api/v1``.

        All connections are closed on exit.
        """
        return serve_app(self.app, host=host, port=port, path=API_PREFIX)



def _check_count(name: str, value: int, *, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
