"""What an export reads (campaign leads, activities) and the page loop that writes it.

An export is a list of *sources* (campaign ids, or ``"activities"``); each becomes a
:class:`Listing`, a paginator that can start from a resume point. :class:`Exporter` walks the
pages of each listing in order, handing every page to the output (a :class:`~._sink.Sink`) and
then, once the output holds nothing a crash could lose, saving the checkpoint with the
paginator's resume point: after every page for a JSONL or CSV file, after every complete part
for Parquet.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import anyio.lowlevel

from .._client import SmartleadClient
from .._enums import EmailStatus, LeadStatus
from .._pagination import AsyncPaginator, ResumePoint
from ..models import CampaignLead, LeadActivity
from ._checkpoint import Checkpoint, CheckpointStore
from ._progress import ExportProgress
from ._rows import activity_row, lead_row
from ._sink import Sink
from ._writers import ACTIVITY_COLUMNS, LEAD_COLUMNS

__all__ = ["ActivitiesExport", "ExportSpec", "Exporter", "LeadsExport", "Listing"]

M = TypeVar("M")


@dataclass(frozen=True)
class Listing(Generic[M]):
    """One paginated source of records.

    Attributes:
        label: what the progress bar calls it.
        open: a paginator over the source, from a resume point (None: from the start).
        record: the object written for a record (the API's JSON, plus context fields).
        row: the typed row of a record (Parquet, see ``_rows.py``).
    """

    label: str
    open: Callable[[ResumePoint | None], AsyncPaginator[M]]
    record: Callable[[M], dict[str, Any]]
    row: Callable[[M], dict[str, Any]]


class ExportSpec(Protocol):
    """What one ``export`` command exports."""

    #: ``leads`` or ``activities``; also the checkpoint's ``kind``.
    kind: str
    #: How the summary counts records and sources ("leads", "campaigns").
    noun: str
    source_noun: str
    #: The CSV columns of its records.
    columns: tuple[str, ...]

    def describe(self) -> dict[str, Any]:
        """The filters, for the checkpoint (a resume must use the same)."""

    async def sources(self, client: SmartleadClient) -> list[str]:
        """The sources to export, in order (may ask the API, e.g. for every campaign)."""

    def listing(self, client: SmartleadClient, source: str) -> Listing[Any]:
        """The listing of one source."""


@dataclass(frozen=True)
class LeadsExport:
    """The leads of some campaigns (``campaign_ids``), or of every campaign when it is None."""

    campaign_ids: tuple[int, ...] | None
    status: LeadStatus | None = None
    email_status: EmailStatus | None = None
    page_size: int = 100

    kind = "leads"
    noun = "leads"
    source_noun = "campaigns"
    columns = LEAD_COLUMNS

    def describe(self) -> dict[str, Any]:
        return {
            "campaigns": "all" if self.campaign_ids is None else list(self.campaign_ids),
            "status": self.status,
            "email_status": self.email_status,
        }

    async def sources(self, client: SmartleadClient) -> list[str]:
        if self.campaign_ids is not None:
            return [str(campaign_id) for campaign_id in self.campaign_ids]
        return [str(campaign.id) for campaign in await client.campaigns.list()]

    def listing(self, client: SmartleadClient, source: str) -> Listing[CampaignLead]:
        campaign_id = int(source)

        def open_from(start: ResumePoint | None) -> AsyncPaginator[CampaignLead]:
            return client.campaigns.leads.list(
                campaign_id, status=self.status, email_status=self.email_status,
                page_size=self.page_size, start_from=start,
            )

        def record(lead: CampaignLead) -> dict[str, Any]:
            return {"campaign_id": campaign_id, **lead.raw}

        return Listing(
            label=f"campaign {campaign_id}", open=open_from, record=record,
            row=lambda lead: lead_row(campaign_id, lead),
        )


@dataclass(frozen=True)
class ActivitiesExport:
    """Every lead's activity (``/campaigns/all-leads-activities``) in a time range."""

    time_from: str
    time_to: str | None = None
    page_size: int = 1000

    kind = "activities"
    noun = "activity records"
    source_noun = ""
    columns = ACTIVITY_COLUMNS

    def describe(self) -> dict[str, Any]:
        return {"from": self.time_from, "to": self.time_to}

    async def sources(self, client: SmartleadClient) -> list[str]:
        return ["activities"]

    def listing(self, client: SmartleadClient, source: str) -> Listing[LeadActivity]:
        return Listing(
            label="activities",
            open=lambda start: client.campaigns.activities.list(
                event_time_from=self.time_from, event_time_to=self.time_to,
                page_size=self.page_size, start_from=start,
            ),
            record=lambda activity: activity.raw,
            row=activity_row,
        )


class Exporter:
    """Writes the listings of an export page by page, checkpointing whenever the sink holds
    no record a crash could lose.

    ``point`` always describes what the output durably holds, also after an error or an
    interruption (it is what the checkpoint file says).
    """

    def __init__(
        self,
        *,
        spec: ExportSpec,
        client: SmartleadClient,
        sink: Sink,
        store: CheckpointStore,
        progress: ExportProgress,
        point: Checkpoint,
        notify: Callable[[str], None],
    ) -> None:
        self.spec = spec
        self.client = client
        self.sink = sink
        self.store = store
        self.progress = progress
        self.point = point
        self.notify = notify
        self.written_now = 0
        self._pending = point  # the position including records the sink has not made durable

    async def run(self) -> None:
        """Export every remaining source; on an error or an interruption, keep (flush) what
        was written before it goes on."""
        try:
            while not self._pending.done:
                source = self._pending.sources[self._pending.index]
                await self._export(self.spec.listing(self.client, source))
                self._settle(self._pending.next_source())
        except BaseException:
            # Keep the records written so far, unless the interruption fell between a write
            # and its position (the sink then holds records the position does not count).
            if self.sink.buffered == self._pending.records - self.point.records:
                with contextlib.suppress(Exception):  # a failed flush keeps the last checkpoint
                    self._flush()
            raise
        self._flush()

    def _flush(self) -> None:
        self.sink.flush()
        self._settle(self._pending.holding(size=self.sink.size, parts=self.sink.parts))

    def _settle(self, pending: Checkpoint) -> None:
        """Take ``pending`` as the position; save it when every record is durable."""
        self._pending = pending
        if self.sink.buffered == 0 and pending != self.point:
            self.store.save(pending)
            self.point = pending

    async def _export(self, listing: Listing[Any]) -> None:
        start = self._pending.resume
        label = listing.label
        if len(self._pending.sources) > 1:
            label += f" ({self._pending.index + 1}/{len(self._pending.sources)})"
        self.progress.start(
            label, completed=0 if start is None else start.offset,
            total=None if start is None else start.total,
        )
        paginator = listing.open(start)
        async for page in paginator.pages():
            # The paginator yields each record once, also across a resume: what it yields
            # after the resume point is exactly what the output does not hold yet.
            self.sink.write(listing, page.items)
            self._settle(self._pending.after_page(
                resume=paginator.resume_point, records=len(page.items), size=self.sink.size,
                parts=self.sink.parts,
            ))
            self.written_now += len(page.items)
            self.progress.advance(len(page.items), total=page.total)
            # Pages of a prefetched batch arrive without a suspension; yield here so Ctrl-C
            # (a cancellation) stops the export right after this page, not after the batch.
            await anyio.lowlevel.checkpoint()
