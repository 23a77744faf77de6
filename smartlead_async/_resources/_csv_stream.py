"""Incremental CSV: complete records out of a byte stream, without holding the whole body.

A CSV record ends at a newline outside quotes. Quotes inside a quoted field are doubled, so a
run of lines is a complete record exactly when it holds an even number of ``"``: that is all
:class:`RecordSplitter` needs to cut records out of arbitrary chunks (a field may span chunks
and lines). The records are then parsed by :mod:`csv`.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import AsyncIterable, AsyncIterator


class RecordSplitter:
    """Feed bytes, get back the CSV records they complete (each with its line ending)."""

    def __init__(self) -> None:
        # utf-8-sig drops a byte-order mark; bad bytes are replaced rather than fatal.
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self._tail = ""  # text after the last newline seen
        self._record: list[str] = []  # lines of a record still inside a quoted field
        self._quotes = 0

    def feed(self, data: bytes) -> list[str]:
        """The records completed by ``data``."""
        return self._split(self._decoder.decode(data), final=False)

    def finish(self) -> list[str]:
        """The last record, when the body did not end with a newline (or ended mid-quote)."""
        records = self._split(self._decoder.decode(b"", final=True), final=True)
        if self._record:
            records.append("".join(self._record))
            self._record = []
        return records

    def _split(self, text: str, *, final: bool) -> list[str]:
        lines = (self._tail + text).split("\n")
        self._tail = "" if final else lines.pop()
        if final and lines and lines[-1] == "":
            lines.pop()
        records: list[str] = []
        for line in lines:
            self._record.append(line + "\n")
            self._quotes += line.count('"')
            if self._quotes % 2 == 0:
                records.append("".join(self._record))
                self._record = []
                self._quotes = 0
        return records


def is_blank(record: str) -> bool:
    """Whether a record is an empty line."""
    return not record.strip()


async def csv_rows(chunks: AsyncIterable[bytes]) -> AsyncIterator[dict[str, str]]:
    """Rows of a streamed CSV body as dicts keyed by its header row, as they arrive.

    Blank lines are skipped; a short row gets ``""`` for its missing columns.
    """
    splitter = RecordSplitter()
    header: list[str] | None = None

    async def records() -> AsyncIterator[list[str]]:
        async for chunk in chunks:
            if batch := splitter.feed(chunk):
                yield batch
        if batch := splitter.finish():
            yield batch

    async for batch in records():
        for values in csv.reader(batch):
            if not values:
                continue
            if header is None:
                header = values
                continue
            if len(values) < len(header):
                values += [""] * (len(header) - len(values))
            yield dict(zip(header, values, strict=False))
