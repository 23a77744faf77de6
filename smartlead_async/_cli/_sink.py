"""Where an export's pages go: one output file (JSONL, CSV) or Parquet part files.

The exporter hands every page to a :class:`Sink` and moves the checkpoint only when the sink
holds nothing that a crash could lose (``buffered == 0``): after every page for a file, after a
complete part for Parquet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ._output import OutputFile
from ._writers import Encoder

if TYPE_CHECKING:
    from ._export import Listing

__all__ = ["FileSink", "ParquetLayout", "Sink"]


class Sink(Protocol):
    """The output of an export, as the exporter sees it."""

    @property
    def size(self) -> int:
        """Bytes durably written."""

    @property
    def parts(self) -> int:
        """Parquet part files complete (0 for a single file)."""

    @property
    def buffered(self) -> int:
        """Records written but not yet durable (lost if the process dies now)."""

    def write(self, listing: Listing[Any], items: Sequence[Any]) -> None:
        """Write the records of one page."""

    def flush(self) -> None:
        """Make every record written durable."""

    def close(self) -> None:
        """Close the output (anything not flushed is dropped)."""

    def discard(self) -> None:
        """Delete the output (the export wrote no record)."""


class FileSink:
    """One file, appended and fsynced page by page: nothing is ever buffered."""

    parts = 0
    buffered = 0

    def __init__(self, output: OutputFile, encoder: Encoder) -> None:
        self.output = output
        self.encoder = encoder

    @property
    def size(self) -> int:
        return self.output.size

    def write(self, listing: Listing[Any], items: Sequence[Any]) -> None:
        self.output.append(self.encoder.encode(listing.record(item) for item in items))

    def flush(self) -> None:
        pass  # every page is fsynced by append

    def close(self) -> None:
        self.output.close()

    def discard(self) -> None:
        self.output.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class ParquetLayout:
    """How a Parquet export groups rows: a row group per ``row_group_size`` rows buffered (the
    memory held), a part file completed once it holds ``part_size`` rows (what a crash makes
    ``--resume`` fetch again)."""

    row_group_size: int = 10_000
    part_size: int = 100_000
