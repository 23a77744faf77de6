"""``FakeSendkit``: a fake SendKit API serving a workspace's campaign leads.

It is built on the fake SmartLead's serving parts (``_serving``: request pipeline, latency,
faults, rate window, statistics and request log, in-process transport, ASGI app, loopback
socket); only its data (``_sendkit_state``), its route (``_routes_sendkit``) and where it reads
the key (the ``X-Api-Key`` header, or ``Authorization: Bearer``) are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._faults import Faults
from ._http import Outcome, Request
from ._pipeline import header_key
from ._router import Router
from ._routes_sendkit import error_body, routes
from ._sendkit_state import SendkitCampaign, SendkitState, is_object_id
from ._serving import FakeServer, check_count

if TYPE_CHECKING:
    from ..sendkit import SendkitClient

__all__ = ["FakeSendkit"]

_PREFIX = "/v1"
_ROUTER = Router([routes], prefix=_PREFIX)


class FakeSendkit(FakeServer):
    """An in-memory SendKit API for tests: ``GET /v1/campaigns/{id}/leads`` by page and by
    cursor, with SendKit's validation and error bodies, and the fake SmartLead's knobs.

    ``fake = FakeSendkit(); campaign_id = fake.add_campaign(lead_count=2500)``, then
    ``async with fake.client() as client: ...``. Leads are served newest first, in
    descending ``_id`` order; a cursor selects those below it.

    Args:
        api_key: the only accepted key (``X-Api-Key`` header or ``Authorization: Bearer``);
            anything else is a 401.
        seed: seed of every generated value (ids, names, statuses, latency and fault draws).
        rate_limit: ``(N, W)``: at most N admitted requests per key in any W seconds, else
            429. ``None`` (the default, as SendKit publishes no limit) disables it.
        retry_after_header: send ``Retry-After`` on 429s.
        latency: seconds to wait before each response, or a ``(low, high)`` uniform range.
        jitter: each request reaches the rate window (and the log) ``uniform(0, jitter)``
            seconds after it arrived, as over a real network. Added before ``latency``.
        faults: error, drop and truncation rates (see :class:`Faults`).
        next_cursor_field: cursor-paged answers name the next cursor
            (``pagination.nextCursor``, ``null`` at the end, with ``hasMore``). SendKit's docs
            do not say whether they do: off by default, the client then pages after the last
            ``_id`` received.
    """

    prefix = _PREFIX
    base_url = "http://fake-sendkit.test" + _PREFIX

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        seed: int = 0,
        rate_limit: tuple[int, float] | None = None,
        retry_after_header: bool = True,
        latency: float | tuple[float, float] = 0.0,
        jitter: float = 0.0,
        faults: Faults | None = None,
        next_cursor_field: bool = False,
    ) -> None:
        self._state = SendkitState(seed, next_cursor_field=next_cursor_field)
        super().__init__(
            self._route, api_key=api_key, seed=seed, rate_limit=rate_limit,
            retry_after_header=retry_after_header, latency=latency, jitter=jitter,
            faults=faults, key_of=header_key,
            denied=error_body(401, "Invalid or missing API key"),
        )

    def __repr__(self) -> str:
        return (
            f"FakeSendkit(campaigns={len(self._state.campaigns)}, seed={self.seed}, "
            f"rate_limit={self.rate_limit!r})"
        )

    def add_campaign(
        self, *, campaign_id: str | None = None, name: str | None = None, lead_count: int = 0
    ) -> str:
        """Create a campaign with ``lead_count`` generated leads; return its id.

        Args:
            campaign_id: the id to give it (e.g. one your code or docs use: 24 hex digits);
                generated when None.
            name: the campaign's name; generated when None.
            lead_count: how many leads (cheap: one int each until a page shows them).

        Raises:
            ValueError: ``campaign_id`` is not 24 hex digits, or is taken.
        """
        check_count("lead_count", lead_count)
        if campaign_id is not None and not is_object_id(campaign_id):
            raise ValueError(f"campaign_id must be 24 hex digits, got {campaign_id!r}")
        if campaign_id is not None and campaign_id.lower() in self._state.campaigns:
            raise ValueError(f"campaign {campaign_id} already exists")
        campaign = self._state.add_campaign(name, campaign_id)
        self._state.add_leads(campaign, lead_count)
        return campaign.id

    def add_leads(self, campaign_id: str, count: int) -> None:
        """Add ``count`` new leads at the head of a campaign's (newest-first) list now.

        Raises:
            KeyError: no such campaign.
        """
        check_count("count", count)
        self._state.add_leads(self._campaign(campaign_id), count)

    def churn_leads(self, campaign_id: str, *, insert: int = 0, delete: int = 0) -> None:
        """Change a campaign's leads before every request that lists them: ``insert`` new
        leads at the head, then ``delete`` leads from seeded random places (a lead removed
        before a reader's position pulls later ones a page back). Zeros stop it.

        Raises:
            KeyError: no such campaign.
        """
        check_count("insert", insert)
        check_count("delete", delete)
        campaign = self._campaign(campaign_id)
        campaign.churn_insert, campaign.churn_delete = insert, delete

    def lead_ids(self, campaign_id: str) -> list[str]:
        """The ``_id`` of every lead of a campaign, in served (newest-first) order.

        Raises:
            KeyError: no such campaign.
        """
        return self._state.lead_ids(self._campaign(campaign_id))

    def client(self, **kwargs: Any) -> SendkitClient:
        """A ``SendkitClient`` talking to this fake in-process (keywords are passed on).

        The client owns its connection pool: ``async with fake.client() as client: ...``.
        """
        from ..sendkit import SendkitClient

        return SendkitClient(
            api_key=self.api_key, base_url=self.base_url, transport=self.transport(), **kwargs
        )

    def _campaign(self, campaign_id: str) -> SendkitCampaign:
        return self._state.campaigns[campaign_id.lower()]

    def _route(self, request: Request) -> Outcome:
        return _ROUTER(self._state, request)
