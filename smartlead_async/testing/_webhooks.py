"""Webhook deliveries of the fake: a queue the state fills, and the sender that POSTs them.

Route handlers run synchronously, so a state change only *queues* a delivery (an
:class:`Outbox` entry with its JSON body already built). :meth:`WebhookSender.drain` then
sends every queued delivery as a real HTTP POST, with the duplicates and reordering that
:class:`WebhookFaults` asks for, and returns when all were answered: tests await it instead
of sleeping. :meth:`WebhookSender.sending` drains in the background instead, for a fake that
serves an app without a test driving it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import NamedTuple

import anyio
import httpx

__all__ = [
    "DeliveryRecord", "Outbox", "QueuedDelivery", "WebhookDelivery", "WebhookFaults",
    "WebhookSender",
]

log = logging.getLogger("smartlead_async.testing")

#: Seconds a receiver has to answer one delivery.
DELIVERY_TIMEOUT = 10.0
_HEADERS = {"content-type": "application/json", "user-agent": "fake-smartlead-webhooks"}


@dataclass(frozen=True, slots=True)
class WebhookFaults:
    """How the fake misdelivers webhooks, decided by a seeded random stream.

    Args:
        duplicate_rate: fraction of deliveries sent twice, byte for byte (as a retried
            delivery is).
        out_of_order: send each drained batch in a shuffled order instead of event order
            (duplicates included, so a repeat may arrive first).
        seed: seed of the random stream.
    """

    duplicate_rate: float = 0.0
    out_of_order: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.duplicate_rate <= 1.0:
            raise ValueError(
                f"WebhookFaults.duplicate_rate must be between 0 and 1, got {self.duplicate_rate!r}"
            )


class QueuedDelivery(NamedTuple):
    """One delivery to send: where, which event, its JSON body, and the event's campaign and
    time (the fake's clock, epoch ms), which the campaign's delivery summary counts by."""

    url: str
    event_type: str
    body: bytes
    campaign_id: int | None = None
    event_ms: int = 0


@dataclass(slots=True, eq=False)
class DeliveryRecord:
    """A delivery and how it went: ``ok`` is None until it was sent, then whether any of its
    POSTs got a 2xx."""

    delivery: QueuedDelivery
    ok: bool | None = None

    def within(self, campaign_id: int | None, start_ms: int | None, end_ms: int | None) -> bool:
        """Whether it is about ``campaign_id`` (None: any) and happened in the window."""
        event = self.delivery
        return (
            (campaign_id is None or event.campaign_id == campaign_id)
            and (start_ms is None or event.event_ms >= start_ms)
            and (end_ms is None or event.event_ms <= end_ms)
        )


class WebhookDelivery(NamedTuple):
    """One POST the fake sent. ``status`` 0 means no answer (connection error or timeout)."""

    url: str
    event_type: str
    body: bytes
    status: int
    duplicate: bool

    @property
    def ok(self) -> bool:
        """Whether the receiver answered 2xx."""
        return 200 <= self.status < 300

    def __repr__(self) -> str:  # the body echoes the webhook's secret: leave it out
        return (
            f"WebhookDelivery(url={self.url!r}, event_type={self.event_type!r}, "
            f"body=<{len(self.body)} bytes>, status={self.status}, duplicate={self.duplicate})"
        )


class Outbox:
    """Deliveries queued by state changes, in event order, and a record of how each went.

    ``secret`` is echoed in payloads; ``on_add`` is called after each delivery is queued (the
    background sender's wake-up).
    """

    def __init__(self, secret: str | None = None) -> None:
        self.secret = secret
        self.pending: list[DeliveryRecord] = []
        self.records: list[DeliveryRecord] = []
        self.on_add: Callable[[], None] | None = None

    def add(self, delivery: QueuedDelivery) -> None:
        """Queue a delivery."""
        record = DeliveryRecord(delivery)
        self.records.append(record)
        self._queue(record)

    def _queue(self, record: DeliveryRecord) -> None:
        self.pending.append(record)
        if self.on_add is not None:
            self.on_add()

    def take(self) -> list[DeliveryRecord]:
        """Every queued delivery, emptying the queue."""
        taken, self.pending = self.pending, []
        return taken

    def failed(self) -> list[QueuedDelivery]:
        """The deliveries whose last sending got no 2xx, in event order."""
        return [record.delivery for record in self.records if record.ok is False]

    def retrigger(
        self, campaign_id: int | None = None, start_ms: int | None = None,
        end_ms: int | None = None,
    ) -> int:
        """Queue again the failed deliveries of a campaign (None: all) in a window; how many."""
        chosen = [r for r in self.records
                  if r.ok is False and r.within(campaign_id, start_ms, end_ms)]
        for record in chosen:
            record.ok = None
            self._queue(record)
        return len(chosen)

    def summary(self, campaign_id: int, start_ms: int, end_ms: int) -> dict[str, int]:
        """``{total, success, failed}`` of a campaign's sent deliveries in a window."""
        done = [r.ok for r in self.records
                if r.ok is not None and r.within(campaign_id, start_ms, end_ms)]
        success = sum(done)
        return {"total": len(done), "success": success, "failed": len(done) - success}


class WebhookSender:
    """``fake.webhooks``: sends what the fake queued, and remembers what it sent.

    Args:
        outbox: the queue the fake's state fills.
        faults: duplicates and reordering; None delivers each event once, in order.
        client_factory: makes the httpx client for a drain (tests may route it in-process).
    """

    def __init__(
        self,
        outbox: Outbox,
        faults: WebhookFaults | None = None,
        *,
        client_factory: Callable[[], httpx.AsyncClient] | None = None,
    ) -> None:
        self._outbox = outbox
        self.faults = faults or WebhookFaults()
        self._random = random.Random(self.faults.seed)
        self._client_factory = client_factory or (
            lambda: httpx.AsyncClient(timeout=DELIVERY_TIMEOUT)
        )
        self._lock = anyio.Lock()
        self.sent: list[WebhookDelivery] = []
        """Every POST sent, in order."""

    def __repr__(self) -> str:
        return (
            f"WebhookSender(pending={len(self._outbox.pending)}, sent={len(self.sent)}, "
            f"failed={len(self.failed)})"
        )

    @property
    def pending(self) -> int:
        """How many deliveries are queued and not sent yet."""
        return len(self._outbox.pending)

    @property
    def failed(self) -> list[QueuedDelivery]:
        """Deliveries none of whose last POSTs got a 2xx (see :meth:`retrigger_failed`)."""
        return self._outbox.failed()

    async def drain(self) -> list[WebhookDelivery]:
        """Send every queued delivery (and any queued meanwhile); return the POSTs sent.

        Deliveries go out one at a time, each awaited, so a receiver sees them in the order
        returned. A delivery none of whose POSTs got a 2xx is kept in :attr:`failed`.
        """
        sent: list[WebhookDelivery] = []
        async with self._lock, self._client_factory() as http:
            while self._outbox.pending:
                batch = self._outbox.take()
                plan = self._plan(batch)
                results = [await self._post(http, record.delivery, duplicate=duplicate)
                           for record, duplicate in plan]
                answered = {id(record) for (record, _), result in zip(plan, results, strict=True)
                            if result.ok}
                for record in batch:
                    record.ok = id(record) in answered
                sent += results
        self.sent += sent
        return sent

    @asynccontextmanager
    async def sending(self) -> AsyncIterator[None]:
        """Send deliveries in the background as soon as they are queued, for the block.

        For a fake that serves an app under test (``fake.serve()``) without the test calling
        :meth:`drain`. On exit, whatever is still queued is sent before the block ends.
        """
        if self._outbox.on_add is not None:
            raise RuntimeError("fake.webhooks.sending() is already running")
        wake = anyio.Event()
        stopping = False

        def on_add() -> None:
            wake.set()

        async def pump() -> None:
            nonlocal wake
            while not stopping:
                await wake.wait()
                wake = anyio.Event()
                await self.drain()

        self._outbox.on_add = on_add
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(pump)
                try:
                    yield
                finally:
                    stopping = True
                    wake.set()
        finally:
            self._outbox.on_add = None
        await self.drain()

    async def retrigger_failed(self) -> list[WebhookDelivery]:
        """Queue the failed deliveries again and drain (as SmartLead's retrigger does)."""
        self._outbox.retrigger()
        return await self.drain()

    def _plan(self, batch: list[DeliveryRecord]) -> list[tuple[DeliveryRecord, bool]]:
        planned: list[tuple[DeliveryRecord, bool]] = []
        for record in batch:
            planned.append((record, False))
            if self._random.random() < self.faults.duplicate_rate:
                planned.append((record, True))
        if self.faults.out_of_order:
            self._random.shuffle(planned)
        return planned

    async def _post(
        self, http: httpx.AsyncClient, delivery: QueuedDelivery, *, duplicate: bool
    ) -> WebhookDelivery:
        try:
            response = await http.post(delivery.url, content=delivery.body, headers=_HEADERS)
            status = response.status_code
        except httpx.HTTPError as exc:
            log.debug("fake webhook %s to %s failed: %r", delivery.event_type, delivery.url, exc)
            status = 0
        return WebhookDelivery(delivery.url, delivery.event_type, delivery.body, status, duplicate)
