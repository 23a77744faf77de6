"""Encoding records as JSONL or CSV bytes, page by page (nothing is held across pages).

JSONL: one JSON object per line, exactly the object the API sent (its own field names), UTF-8,
``\\n``-terminated. Lead records get a ``campaign_id`` key in front (the API's lead objects do
not carry it).

CSV: a fixed header per kind of record, so the file streams and every export of the same kind
has the same columns. Columns are JSON paths into the record (``lead.email``); a nested object
or list in a column (``lead.custom_fields``, ``activities``) is written as compact JSON, ``null``
as an empty cell, booleans as ``true``/``false``. The last column, ``_extra``, is a JSON object
of every field that has no column of its own (``""`` when there is none), so a field the API
adds later is never dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

__all__ = [
    "ACTIVITY_COLUMNS",
    "LEAD_COLUMNS",
    "CsvEncoder",
    "Encoder",
    "Format",
    "JsonlEncoder",
    "encoder_for",
]

Format = Literal["jsonl", "csv", "parquet"]

EXTRA_COLUMN = "_extra"

LEAD_COLUMNS: tuple[str, ...] = (
    "campaign_id",
    "campaign_lead_map_id",
    "lead_category_id",
    "status",
    "created_at",
    "lead.id",
    "lead.first_name",
    "lead.last_name",
    "lead.email",
    "lead.phone_number",
    "lead.company_name",
    "lead.website",
    "lead.location",
    "lead.linkedin_profile",
    "lead.company_url",
    "lead.custom_fields",
    "lead.is_unsubscribed",
    "lead.unsubscribed_client_id_map",
    "lead.created_at",
)

ACTIVITY_COLUMNS: tuple[str, ...] = (
    "lead_id",
    "email_lead_map_id",
    "campaign_id",
    "campaign_name",
    "campaign_status",
    "status",
    "current_seq_num",
    "created_at",
    "activities",
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Encoder(Protocol):
    """Turns records into the bytes appended to the output."""

    def header(self) -> bytes:
        """What a new file starts with."""

    def encode(self, records: Iterable[Mapping[str, Any]]) -> bytes:
        """The bytes of these records, each ending with a line end."""


class JsonlEncoder:
    """One compact JSON object per line."""

    def header(self) -> bytes:
        return b""

    def encode(self, records: Iterable[Mapping[str, Any]]) -> bytes:
        return "".join(_json(record) + "\n" for record in records).encode()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return _json(value)  # numbers, booleans (true/false), objects and lists


class CsvEncoder:
    """Fixed columns (JSON paths) plus an ``_extra`` JSON column; RFC 4180 (``\\r\\n``)."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        self._paths = [tuple(column.split(".")) for column in self.columns]
        self._parents = {path[0] for path in self._paths if len(path) > 1}

    def header(self) -> bytes:
        return self._rows([[*self.columns, EXTRA_COLUMN]])

    def encode(self, records: Iterable[Mapping[str, Any]]) -> bytes:
        return self._rows(self.row(record) for record in records)

    def row(self, record: Mapping[str, Any]) -> list[str]:
        """The cells of one record, ``_extra`` last."""
        cells = [_cell(_lookup(record, path)) for path in self._paths]
        extra = self.extra(record)
        cells.append(_json(extra) if extra else "")
        return cells

    def extra(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Fields of ``record`` that no column holds, by dotted path."""
        covered = set(self.columns)
        extra: dict[str, Any] = {}
        for key, value in record.items():
            if key in covered:
                continue
            if key in self._parents and isinstance(value, Mapping):
                for sub, sub_value in value.items():
                    if f"{key}.{sub}" not in covered:
                        extra[f"{key}.{sub}"] = sub_value
            elif key not in self._parents or value is not None:
                extra[key] = value
        return extra

    @staticmethod
    def _rows(rows: Iterable[list[str]]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode()


def _lookup(record: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = record
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def encoder_for(fmt: Format, columns: Sequence[str]) -> Encoder:
    """The encoder for an output format (``columns`` are used by CSV only)."""
    return CsvEncoder(columns) if fmt == "csv" else JsonlEncoder()
