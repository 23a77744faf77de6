"""What an export reads (campaign leads, activities) and the page loop that writes it.

An export is a list of *sources* (campaign ids, or ``"activities"``); each becomes a
:class:`Listing`, a paginator that can start at any offset. :class:`Exporter` walks the pages
of each listing in order, appending every page to the output and then saving the checkpoint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import anyio.lowlevel

from .._client import SmartleadClient
from .._enums import EmailStatus, LeadStatus
from .._pagination import AsyncPaginator
from ..models import CampaignLead, LeadActivity
from ._checkpoint import Checkpoint, CheckpointStore
from ._output import OutputFile
from ._progress import ExportProgress
from ._writers import ACTIVITY_COLUMNS, LEAD_COLUMNS, Encoder

__all__ = ["ActivitiesExport", "ExportSpec", "Exporter", "LeadsExport", "Listing"]

M = TypeVar("M")


@dataclass(frozen=True)
class Listing(Generic[M]):
    """One paginated source of records.

    Attributes:
        label: what the progress bar calls it.
        open: a paginator over the source starting at an offset.
        key: the record's id (``campaign_lead_map_id``...), to drop repeats after a resume.
        record: the object written for a record (the API's JSON, plus context fields).
        current_total: the source's total right now (one cheap request), to correct a resume
            offset when records were added or removed since the checkpoint; None if unknown.
    """

    label: str
    open: Callable[[int], AsyncPaginator[M]]
    key: Callable[[M], int | None]
    record: Callable[[M], dict[str, Any]]
    current_total: Callable[[], Awaitable[int | None]] | None = None


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

        def open_at(offset: int, page_size: int = self.page_size) -> AsyncPaginator[CampaignLead]:
            return client.campaigns.leads.list(
                campaign_id, status=self.status, email_status=self.email_status,
                page_size=page_size, start_offset=offset,
            )

        async def current_total() -> int | None:
            return (await open_at(0, 1)).total

        def record(lead: CampaignLead) -> dict[str, Any]:
            return {"campaign_id": campaign_id, **lead.raw}

        return Listing(
            label=f"campaign {campaign_id}",
            open=open_at,
            key=lambda lead: lead.campaign_lead_map_id,
            record=record,
            current_total=current_total,
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
            open=lambda offset: client.campaigns.activities.list(
                event_time_from=self.time_from, event_time_to=self.time_to,
                page_size=self.page_size, start_offset=offset,
            ),
            key=lambda activity: activity.email_lead_map_id,
            record=lambda activity: activity.raw,
        )


class Exporter:
    """Writes the listings of an export page by page, checkpointing after each page.

    ``point`` always describes what the output durably holds, also after an error or an
    interruption (it is what the checkpoint file says).
    """

    def __init__(
        self,
        *,
        spec: ExportSpec,
        client: SmartleadClient,
        output: OutputFile,
        encoder: Encoder,
        store: CheckpointStore,
        progress: ExportProgress,
        point: Checkpoint,
        notify: Callable[[str], None],
    ) -> None:
        self.spec = spec
        self.client = client
        self.output = output
        self.encoder = encoder
        self.store = store
        self.progress = progress
        self.point = point
        self.notify = notify
        self.written_now = 0

    async def run(self) -> None:
        """Export every remaining source."""
        while not self.point.done:
            source = self.point.sources[self.point.index]
            await self._export(self.spec.listing(self.client, source))
            self.point = self.point.next_source()
            self.store.save(self.point)

    async def _export(self, listing: Listing[Any]) -> None:
        offset = await self._resume_offset(listing)
        repeats = set(self.point.last_keys)
        label = listing.label
        if len(self.point.sources) > 1:
            label += f" ({self.point.index + 1}/{len(self.point.sources)})"
        self.progress.start(label, completed=offset, total=self.point.total)
        paginator = listing.open(offset)
        async for page in paginator.pages():
            keys = [listing.key(item) for item in page.items]
            fresh = [
                item for item, key in zip(page.items, keys, strict=True)
                if key is None or key not in repeats
            ]
            size = self.output.append(self.encoder.encode(_records(listing, fresh)))
            self.point = self.point.after_page(
                offset=paginator.next_offset, total=page.total,
                keys=[key for key in keys if key is not None], records=len(fresh), size=size,
            )
            self.store.save(self.point)
            self.written_now += len(fresh)
            self.progress.advance(len(fresh), total=page.total)
            # Pages of a prefetched batch arrive without a suspension; yield here so Ctrl-C
            # (a cancellation) stops the export right after this page, not after the batch.
            await anyio.lowlevel.checkpoint()

    async def _resume_offset(self, listing: Listing[Any]) -> int:
        """The checkpoint's offset, moved by how much the source's total changed since."""
        offset, before = self.point.offset, self.point.total
        if offset == 0 or before is None or listing.current_total is None:
            return offset
        now = await listing.current_total()
        if now is None or now == before:
            return offset
        moved = max(0, offset + now - before)
        self.notify(
            f"{listing.label} has {now - before:+,} records since the checkpoint; "
            f"resuming at offset {moved:,} instead of {offset:,}"
        )
        return moved


def _records(listing: Listing[Any], items: Iterable[Any]) -> Iterable[dict[str, Any]]:
    return (listing.record(item) for item in items)
