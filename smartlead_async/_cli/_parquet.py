"""Parquet output: a directory of part files, each a whole Parquet file of row groups.

A Parquet file cannot be appended to once closed, and one that was not closed (a crash) has no
footer and cannot be read. So ``--out DIR`` is a directory: rows are buffered page by page and
written as a row group once ``row_group_size`` are buffered (memory holds at most one row group
and a page); a part is written under a hidden name (``.part-00003.parquet.tmp``, which Parquet
readers skip) and, once it holds ``part_size`` rows (or the export ends or is interrupted),
closed, fsynced and renamed to ``part-00003.parquet``. Only then does the checkpoint move, and
it records how many parts are complete: ``--resume`` deletes any later part and the hidden one,
and refetches from the checkpoint's resume point, so a killed export loses and repeats nothing.

Every part of a kind of record has the same fixed schema (``LEAD_SCHEMA``, ``ACTIVITY_SCHEMA``),
so the parts of one export, and the exports of different runs, concatenate.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..models.leads import CONTACT_FIELDS
from ._checkpoint import fsync_directory
from ._errors import CliError, ExitCode
from ._sink import ParquetLayout

if TYPE_CHECKING:
    from ._export import Listing

__all__ = [
    "ACTIVITY_SCHEMA",
    "LEAD_SCHEMA",
    "ParquetParts",
    "check_output_directory",
    "describe_schema",
    "schema_for",
]

_TIME = pa.timestamp("us", tz="UTC")
#: Free-form values (custom fields, fields the API adds later) as compact JSON text.
_JSON = pa.string()

LEAD_SCHEMA = pa.schema([
    pa.field("campaign_id", pa.int64(), nullable=False),
    pa.field("campaign_lead_map_id", pa.int64(), nullable=False),
    ("lead_category_id", pa.int64()),
    ("status", pa.string()),
    ("created_at", _TIME),
    ("lead_id", pa.int64()),
    *((name, pa.string()) for name in CONTACT_FIELDS),
    ("custom_fields", _JSON),
    ("is_unsubscribed", pa.bool_()),
    ("unsubscribed_client_id_map", _JSON),
    ("lead_created_at", _TIME),
    ("_extra", _JSON),
])

_EMAIL = pa.struct([
    ("stats_id", pa.int64()),
    ("message_id", pa.string()),
    ("subject", pa.string()),
    ("email_body", pa.string()),
    ("sent_time", _TIME),
    ("from_email", pa.string()),
    ("to_email", pa.string()),
    ("email_seq_number", pa.int64()),
    ("open_count", pa.int64()),
    ("click_count", pa.int64()),
    ("click_details", _JSON),
    ("reply_time", _TIME),
    ("reply_email_body", pa.string()),
    ("reply_message_id", pa.string()),
    ("thread_replies", _JSON),
    ("_extra", _JSON),
])

ACTIVITY_SCHEMA = pa.schema([
    ("lead_id", pa.int64()),
    pa.field("email_lead_map_id", pa.int64(), nullable=False),
    ("campaign_id", pa.int64()),
    ("campaign_name", pa.string()),
    ("campaign_status", pa.string()),
    ("status", pa.string()),
    ("current_seq_num", pa.int64()),
    ("created_at", _TIME),
    ("activities", pa.list_(_EMAIL)),
    ("_extra", _JSON),
])

_SCHEMAS = {"leads": LEAD_SCHEMA, "activities": ACTIVITY_SCHEMA}

_PART = re.compile(r"part-(\d{5,})\.parquet")


def schema_for(kind: str) -> Any:
    """The Parquet schema (a ``pyarrow.Schema``) of a kind of record (``leads``,
    ``activities``)."""
    return _SCHEMAS[kind]


def describe_schema(kind: str) -> list[str]:
    """``name: type`` of each column, for the checkpoint (a resume must write the same)."""
    return [f"{field.name}: {field.type}" for field in schema_for(kind)]


def _part_name(number: int) -> str:
    return f"part-{number:05d}.parquet"


def check_output_directory(path: Path) -> None:
    """Refuse, before any request, an ``--out`` that cannot hold a Parquet export: a file, or
    a directory holding anything but part files.

    Raises:
        CliError: exit code 6.
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise CliError(
                f"cannot write --out {path}: {path.parent} is not a directory", ExitCode.FILE
            )
        return
    if not path.is_dir():
        raise CliError(
            f"cannot write --out {path}: a Parquet export is a directory of part files, and "
            "this is a file",
            ExitCode.FILE,
        )
    strangers = sorted(
        entry.name for entry in path.iterdir() if not _is_part_or_temporary(entry.name)
    )
    if strangers:
        raise CliError(
            f"cannot write --out {path}: the directory holds other files than Parquet parts "
            f"({', '.join(strangers[:3])}); give an empty or new directory",
            ExitCode.FILE,
        )


def _is_part_or_temporary(name: str) -> bool:
    if name.startswith(".") and name.endswith(".tmp"):
        return _PART.fullmatch(name[1:-4]) is not None
    return _PART.fullmatch(name) is not None


class ParquetParts:
    """The part files of one export, written row group by row group.

    Use :meth:`create` for a new export and :meth:`reopen` to resume one. ``size`` and
    ``parts`` describe the complete parts only; ``buffered`` counts the rows written since the
    last part was completed (lost, and refetched by ``--resume``, if the process dies).
    """

    def __init__(
        self, directory: Path, kind: str, layout: ParquetLayout, *, parts: int, size: int
    ) -> None:
        self.directory = directory
        self.schema = schema_for(kind)
        self.layout = layout
        self.parts = parts
        self.size = size
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None  # pq.ParquetWriter of the part being written
        self._part_rows = 0
        self._broken = False

    @classmethod
    def create(cls, directory: Path, kind: str, layout: ParquetLayout) -> ParquetParts:
        """Start a new export in ``directory`` (made if missing), deleting the parts of an
        earlier one.

        Raises:
            CliError: the directory cannot be made or cleared (exit code 6).
        """
        try:
            directory.mkdir(exist_ok=True)
            for entry in directory.iterdir():
                if _is_part_or_temporary(entry.name):
                    entry.unlink()
        except OSError as error:
            raise CliError(
                f"cannot write --out {directory}: {error.strerror}", ExitCode.FILE
            ) from None
        return cls(directory, kind, layout, parts=0, size=0)

    @classmethod
    def reopen(
        cls, directory: Path, kind: str, layout: ParquetLayout, *, parts: int, size: int
    ) -> ParquetParts:
        """Resume an export whose checkpoint records ``parts`` complete parts of ``size``
        bytes: later parts (completed after the checkpoint) and the unfinished one are deleted.

        Raises:
            CliError: a recorded part is missing or changed (exit code 2).
        """
        recorded = [directory / _part_name(number) for number in range(parts)]
        missing = [path for path in recorded if not path.is_file()]
        if missing:
            raise CliError(
                f"cannot resume: {missing[0]} is missing (its checkpoint records {parts} "
                "parts); run without --resume to start over",
            )
        held = sum(path.stat().st_size for path in recorded)
        if held != size:
            raise CliError(
                f"cannot resume: the parts of {directory} hold {held} bytes but its checkpoint "
                f"records {size} in {parts} parts; run without --resume to start over",
            )
        try:
            directory.mkdir(exist_ok=True)  # killed before its first part, then deleted
            for entry in directory.iterdir():
                match = _PART.fullmatch(entry.name)
                if (match and int(match[1]) >= parts) or (
                    not match and _is_part_or_temporary(entry.name)
                ):
                    entry.unlink()
        except OSError as error:
            raise CliError(
                f"cannot resume --out {directory}: {error.strerror}", ExitCode.FILE
            ) from None
        return cls(directory, kind, layout, parts=parts, size=size)

    @property
    def buffered(self) -> int:
        """Rows written since the last complete part."""
        return self._part_rows + len(self._rows)

    def write(self, listing: Listing[Any], items: Sequence[Any]) -> None:
        """Add the rows of a page; write a row group, and complete a part, when due."""
        self._rows.extend(listing.row(item) for item in items)
        if len(self._rows) >= self.layout.row_group_size:
            self._write_row_group()
            if self._part_rows >= self.layout.part_size:
                self._complete_part()

    def flush(self) -> None:
        """Complete the part being written, with every buffered row (nothing if none)."""
        if self._broken:
            return  # a failed write may have left the part unreadable: --resume rewrites it
        if self._rows:
            self._write_row_group()
        elif self._writer is None and self.parts == 0:  # an empty export still has its schema
            self._writer = pq.ParquetWriter(self._temporary, self.schema)
        if self._writer is not None:
            self._complete_part()

    def _write_row_group(self) -> None:
        try:
            if self._writer is None:
                self._writer = pq.ParquetWriter(self._temporary, self.schema)
            table = self._table()
            self._writer.write_table(table, row_group_size=len(self._rows))
        except BaseException:
            self._broken = True
            raise
        self._part_rows += len(self._rows)
        self._rows = []

    def _table(self) -> Any:
        try:
            return pa.Table.from_pylist(self._rows, schema=self.schema)
        except (pa.ArrowException, OverflowError) as error:  # an identity beyond int64
            raise CliError(
                f"a record does not fit the Parquet schema ({error}); export it as JSONL",
                ExitCode.FAILURE,
            ) from None

    def _complete_part(self) -> None:
        try:
            self._writer.close()
            self._writer = None
            with open(self._temporary, "rb") as file:
                os.fsync(file.fileno())
            final = self.directory / _part_name(self.parts)
            os.replace(self._temporary, final)
            fsync_directory(self.directory)
        except BaseException:
            self._broken = True
            raise
        self.size += final.stat().st_size
        self.parts += 1
        self._part_rows = 0

    @property
    def _temporary(self) -> Path:
        return self.directory / f".{_part_name(self.parts)}.tmp"

    def close(self) -> None:
        """Drop the unfinished part, if any (:meth:`flush` first to keep it)."""
        if self._writer is not None:
            with contextlib.suppress(Exception):  # the part is deleted anyway
                self._writer.close()
            self._writer = None
        self._temporary.unlink(missing_ok=True)

    def discard(self) -> None:
        """Delete the parts, and the directory if nothing else is in it."""
        for entry in self.directory.iterdir():
            if _is_part_or_temporary(entry.name):
                entry.unlink()
        with contextlib.suppress(OSError):  # not empty: it held other files before
            self.directory.rmdir()
