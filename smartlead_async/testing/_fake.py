"""``FakeSmartlead``: the public facade of the fake SmartLead server.

The fake is built from small modules, each with one job:

* ``_data``: deterministic generated values (hashing, timestamps, names, lead traits);
* ``_state`` with ``_campaigns``, ``_leads``, ``_activities``, ``_accounts``, ``_sequences``:
  the account's data, held compactly (one int per generated lead);
* ``_imports``, ``_messages``, ``_reports``, ``_export``, ``_analytics``: what the write,
  report and analytics endpoints compute from that data; ``_lead_actions``: lead changes two
  families of routes make;
* ``_inbox`` (threads and views derived from the leads) and ``_inbox_book`` (what the
  master-inbox actions store);
* ``_http`` (requests, responses, errors), ``_params`` (strict query/body validation),
  ``_router`` and ``_lookups``;
* ``_routes_*``: one small handler per endpoint of the API reference;
* ``_hosts``: SmartLead's other products, each under the path prefix standing for its host,
  with ``_prospect``/``_prospect_db``, ``_delivery`` and ``_senders`` holding their data;
* ``_pipeline``: stats -> auth -> rate window -> faults -> router;
* ``_serving`` (what every fake API shares: pipeline, latency, the ways to reach it) over
  ``_httpx_transport`` (in-process httpx), ``_asgi`` (the ASGI app), ``_server`` (loopback socket);
* ``_webhook_events`` (the payloads state changes queue) and ``_webhooks`` (sending them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import (
    _routes_accounts,
    _routes_analytics,
    _routes_api_keys,
    _routes_campaign_stats,
    _routes_campaigns,
    _routes_delivery,
    _routes_inbox,
    _routes_lead_lists,
    _routes_leads,
    _routes_mail,
    _routes_mailboxes,
    _routes_master_inbox,
    _routes_people,
    _routes_prospect,
    _routes_reports,
    _routes_senders,
    _routes_setup,
    _routes_webhooks,
)
from ._campaigns import CampaignInfo, CampaignsView
from ._churn import Churner, LeadChurn
from ._data import MAP_ID_BASE
from ._faults import Faults
from ._hosts import HOST_PREFIXES, base_urls
from ._http import Outcome, Request, Response
from ._inbox_book import InboxThreadInfo
from ._mail import SentEmail
from ._params import compact
from ._pipeline import FakeStats, LogEntry, query_key
from ._router import API_PREFIX, HostRouter, Router
from ._serving import FakeServer, check_count
from ._state import State
from ._webhook_events import MAIL_EVENTS, publish_mail_event
from ._webhooks import WebhookFaults, WebhookSender

if TYPE_CHECKING:
    from .._client import SmartleadClient
    from .._sync._generated import SmartleadSyncClient

__all__ = [
    "CampaignInfo", "FakeSmartlead", "FakeStats", "InboxThreadInfo", "LogEntry", "Request",
    "Response", "SentEmail",
]

IN_PROCESS_ORIGIN = "http://fake-smartlead.test"
DEFAULT_ACTIVITY_START = datetime(2025, 11, 1, tzinfo=UTC)
_ROUTER = HostRouter((
    Router(
        (module.routes for module in (
            _routes_campaigns, _routes_reports, _routes_setup, _routes_leads, _routes_inbox,
            _routes_people, _routes_accounts, _routes_lead_lists, _routes_master_inbox,
            _routes_analytics, _routes_campaign_stats, _routes_webhooks, _routes_mailboxes,
            _routes_mail, _routes_api_keys,
        )),
        prefix=HOST_PREFIXES["core"],
    ),
    Router([_routes_prospect.routes], prefix=HOST_PREFIXES["prospect"]),
    Router([_routes_delivery.routes], prefix=HOST_PREFIXES["delivery"]),
    Router([_routes_senders.routes], prefix=HOST_PREFIXES["senders"]),
))


class FakeSmartlead(FakeServer):
    """An in-memory SmartLead API for tests: deterministic data, a strict rate window, faults.

    It serves every route the SDK covers (``docs/endpoints.md``) with its documented bodies,
    validation and status codes, and keeps the state writes change: a created campaign is
    listed, added leads are paged, a paused lead shows as PAUSED, a deleted campaign is a 404.

    Use it in-process through :meth:`http_client` / :meth:`client`, or over a real loopback
    socket with :meth:`serve`. Both share the same state and statistics.

    SmartLead's other products are served too, for the same account: SmartProspect (a
    generated contact database, searches, credits), Smart Delivery (placement tests and their
    reports) and Smart Senders (vendors, orders, mailboxes). Each lives under a path prefix
    that stands for its host (:attr:`prospect_base_url`...); :meth:`client` points every
    host there, and :meth:`base_urls` gives the four base URLs of a served fake. Each host
    counts its own rate window, as the SDK does.

    Args:
        api_key: the only accepted ``api_key`` query parameter; anything else is a 401.
        seed: seed of every generated value (names, statuses, latency draws).
        rate_limit: ``(N, W)``: at most N admitted requests per key in any W seconds, else 429.
            ``None`` disables the limit.
        retry_after_header: send ``Retry-After`` on 429s (the JSON body always has
            ``retry_after``).
        latency: seconds to wait before each response, or a ``(low, high)`` uniform range.
            Admission (the rate window, the log time) happens on arrival, before the wait.
        jitter: request-path jitter: each request reaches the rate window (and the log)
            ``uniform(0, jitter)`` seconds after it arrived, as over a real network, where
            two requests sent a window apart can arrive closer together. Added before
            ``latency``.
        faults: error, drop and truncation rates (see :class:`Faults`).
        quirks: reproduce quirks of the live API that the SDK absorbs: a read of a missing
            campaign, lead, email account or analytics answers ``200 {}`` instead of 404; a
            deleted lead answers the plain text ``success``; a sequence or webhook listing of
            one item is sent as a lone object. Off by default.
        webhook_secret: the ``secret_key`` webhook payloads echo (None sends ``null``).
        webhook_faults: duplicate and out-of-order webhook deliveries (see
            :class:`WebhookFaults` and :attr:`webhooks`).
        strict: refuse, with a 422 naming it, any query parameter or body field that the API
            does not document (the reference and the newer parameters of the route
            catalogue), to catch typos. Off by default: like the live API, the fake then
            ignores keys it does not know. Known keys with bad values are refused either way.
    """

    prefix = API_PREFIX
    base_url = IN_PROCESS_ORIGIN + API_PREFIX
    prospect_base_url = IN_PROCESS_ORIGIN + HOST_PREFIXES["prospect"]
    delivery_base_url = IN_PROCESS_ORIGIN + HOST_PREFIXES["delivery"]
    senders_base_url = IN_PROCESS_ORIGIN + HOST_PREFIXES["senders"]

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        seed: int = 0,
        rate_limit: tuple[int, float] | None = (10, 2.0),
        retry_after_header: bool = True,
        latency: float | tuple[float, float] = 0.0,
        jitter: float = 0.0,
        faults: Faults | None = None,
        quirks: bool = False,
        webhook_secret: str | None = None,
        webhook_faults: WebhookFaults | None = None,
        strict: bool = False,
    ) -> None:
        self.quirks = quirks
        self.strict = strict
        self._state = State(seed, quirks=quirks)
        self._state.outbox.secret = webhook_secret
        self.webhooks = WebhookSender(self._state.outbox, webhook_faults)
        """Webhook deliveries: a lead unsubscribed or recategorised through the API, or
        :meth:`emit`, queues a POST to each campaign webhook subscribed to the event;
        ``await fake.webhooks.drain()`` sends them, or ``async with fake.webhooks.sending():``
        as they come (see :class:`WebhookSender`)."""
        super().__init__(
            self._route, api_key=api_key, seed=seed, rate_limit=rate_limit,
            retry_after_header=retry_after_header, latency=latency, jitter=jitter,
            faults=faults, key_of=query_key,
        )

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
        check_count("lead_count", lead_count)
        campaign = self._state.add_campaign(name, status, client_id, seeded=True)
        self._state.add_generated_leads(campaign, lead_count)
        return campaign.id

    def add_leads(self, campaign_id: int, count: int) -> None:
        """Insert ``count`` new leads at the head of a campaign's (newest-first) lead list.

        Every later offset shifts by ``count`` and ``total_leads`` grows by ``count``.

        Raises:
            KeyError: the campaign does not exist.
        """
        check_count("count", count)
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
        check_count("count", count)
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
            check_count("account_id", account_id, minimum=1)
            if account_id in self._state.mailboxes.rows:
                raise ValueError(f"email account {account_id} already exists")
        fields = {"from_email": from_email, "from_name": from_name, "client_id": client_id}
        row = self._state.mailboxes.create(
            compact(fields),
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

    def emit(
        self,
        event_type: str,
        campaign_id: int,
        lead: int | str,
        *,
        sequence_number: int = 1,
        link: str | None = None,
        reply_text: str | None = None,
    ) -> int:
        """Queue a mail event for a lead, as if SmartLead had sent, tracked or received mail.

        Each webhook of the campaign subscribed to the event gets a delivery on the next
        ``await fake.webhooks.drain()``; ``EMAIL_SENT`` of step 1 also fires
        ``FIRST_EMAIL_SENT``. The lead's engagement flags follow (``is_opened``,
        ``is_replied``...; a sent lead that had not started becomes ``INPROGRESS``).

        Args:
            event_type: ``EMAIL_SENT``, ``EMAIL_OPEN``, ``EMAIL_LINK_CLICK``, ``EMAIL_REPLY``
                or ``EMAIL_BOUNCE``.
            campaign_id: the campaign.
            lead: the lead's ``campaign_lead_map_id`` (see :meth:`lead_ids`) or its email.
            sequence_number: the sequence step the event is about.
            link: the clicked URL (``EMAIL_LINK_CLICK``).
            reply_text: the reply's text (``EMAIL_REPLY``).

        Returns:
            How many deliveries were queued.

        Raises:
            KeyError: the campaign does not exist.
            ValueError: another event type, or a lead the campaign does not list.
        """
        if event_type not in MAIL_EVENTS:
            raise ValueError(
                f"event_type must be one of {', '.join(MAIL_EVENTS)}, got {event_type!r}"
            )
        check_count("sequence_number", sequence_number, minimum=1)
        campaign = self._state.campaigns[campaign_id]
        serial = self._membership(campaign_id, lead)
        return publish_mail_event(
            self._state, campaign, serial, str(event_type), step=sequence_number, link=link,
            reply_text=reply_text,
        )

    def _membership(self, campaign_id: int, lead: int | str) -> int:
        state = self._state
        campaign = state.campaigns[campaign_id]
        if isinstance(lead, str):
            person = state.leads.find_email(lead)
            serial = None if person is None else state.membership(campaign, person)
        else:
            serial = lead - MAP_ID_BASE
            if serial in state.removed or serial not in campaign.leads:
                serial = None
        if serial is None:
            raise ValueError(f"campaign {campaign_id} has no lead {lead!r}")
        return serial

    def add_untracked_replies(self, count: int, *, to_email: str | None = None) -> None:
        """Add ``count`` replies that no campaign tracks (``GET /master-inbox/untracked-replies``).

        They are newer than those added before, about one an hour, each from a different
        sender; about one in four has an attachment.

        Args:
            count: how many.
            to_email: the mailbox that received them; the first email account's address
                (or a generated one) when None.
        """
        check_count("count", count)
        accounts = self._state.mailboxes.rows
        if to_email is None:
            first = accounts[min(accounts)] if accounts else None
            to_email = str(first["from_email"]) if first else "sender@fake-smartlead.test"
        self._state.inbox.add_untracked(count, to_email, self._state.clock.now_ms)

    @property
    def now(self) -> datetime:
        """The fake's virtual clock (UTC): each write (through the API or :meth:`emit`)
        happens one second after the previous one, from 2025-12-01T09:00Z. Give it to
        ``smartlead_async.db.sync(..., clock=lambda: fake.now)`` in place of the system clock.
        """
        return datetime.fromtimestamp(self._state.clock.now_ms / 1000, UTC)

    @property
    def team_member_id(self) -> int:
        """The team-member id of the API key's user: ``POST /master-inbox/assigned-me``
        lists the threads assigned to it."""
        return self._state.user_id

    def inbox_thread(self, email_lead_map_id: int) -> InboxThreadInfo:
        """What the master-inbox actions stored about a thread that no route reads back:
        its notes, tasks, reminder and forwarded emails.

        Raises:
            KeyError: no lead has this ``email_lead_map_id``.
        """
        serial = email_lead_map_id - MAP_ID_BASE
        if not self._state.leads.exists(serial):
            raise KeyError(email_lead_map_id)
        return self._state.inbox.info(serial)

    @property
    def prospect_credits(self) -> int:
        """SmartProspect credits left (1,000 to start with): buying a contact takes one the
        first time, finding an email one; set it to test running out (the API then answers
        ``200 {"success": false}``)."""
        return self._state.prospect.credits_available

    @prospect_credits.setter
    def prospect_credits(self, credits: int) -> None:
        check_count("prospect_credits", credits)
        prospect = self._state.prospect
        prospect.credits_total = prospect.credits_used + credits

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

    def email_account_ids(self) -> list[int]:
        """Ids of every email account, ascending (the order ``GET /email-accounts/`` lists)."""
        return sorted(self._state.mailboxes.rows)

    def client_ids(self) -> list[int]:
        """Ids of every agency client, ascending."""
        return sorted(self._state.clients.rows)

    @property
    def sent_emails(self) -> list[SentEmail]:
        """The emails sent through the API, in order: campaign test emails and single emails
        (nothing leaves the fake; each also shows in its account's ``Sent`` folder)."""
        return list(self._state.sent_emails)

    # -- serving --------------------------------------------------------------------------------

    def _hold(self, request: Request) -> float:
        """A shuffled churning listing reaches the server a little later."""
        return self._state.listing_delay(request)

    def _route(self, request: Request) -> Outcome:
        return _ROUTER(self._state, replace(request, strict=self.strict))

    def client(self, **kwargs: Any) -> SmartleadClient:
        """A ``SmartleadClient`` talking to this fake in-process (keywords are passed on).

        The client owns its connection pool: ``async with fake.client() as client: ...``.
        """
        from .._client import SmartleadClient

        return SmartleadClient(
            api_key=self.api_key, transport=self.transport(),
            **{**base_urls(IN_PROCESS_ORIGIN), **kwargs},
        )

    def sync_client(self, **kwargs: Any) -> SmartleadSyncClient:
        """A :class:`SmartleadSyncClient` talking to this fake in-process (keywords are passed
        on); ``with fake.sync_client() as client: ...``.

        Its event loop runs in a thread of its own: read the fake's state between calls, not
        during one.
        """
        from .._sync._generated import SmartleadSyncClient

        return SmartleadSyncClient(
            api_key=self.api_key, transport=self.transport(),
            **{**base_urls(IN_PROCESS_ORIGIN), **kwargs},
        )

    @staticmethod
    def base_urls(base_url: str = IN_PROCESS_ORIGIN + API_PREFIX) -> dict[str, str]:
        """The base URL of each product of the fake whose core API is at ``base_url`` (what
        :meth:`serve` yields; in-process by default), as ``SmartleadClient`` keywords:
        ``base_url``, ``prospect_base_url``, ``delivery_base_url``, ``senders_base_url``."""
        return base_urls(base_url.rstrip("/").removesuffix(API_PREFIX))
