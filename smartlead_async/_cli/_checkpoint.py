"""The resume checkpoint: ``OUT.checkpoint.json`` next to the output, replaced atomically.

After every page the exporter appends the page to the output, flushes and fsyncs it, and only
then replaces the checkpoint (write a temporary file, fsync, ``os.replace``), so the checkpoint
is never ahead of the output; a crash between the two leaves the output ahead, and
``--resume`` truncates it to ``bytes`` (dropping anything written after the last checkpoint,
such as half a line). It then continues ``sources[index]`` from ``resume``, the paginator's
:class:`~smartlead_async.ResumePoint` after the last page written: the paginator drops the
records it overlaps by key, so nothing is written twice and nothing is skipped, even if the
source changed meanwhile. Format (version 2)::

    {
      "version": 2,
      "export": {"kind": "leads", "format": "jsonl", "server": "...", ...},
      "sources": ["2710042", "2710045"],   # the campaigns (or ["activities"]), in export order
      "index": 1,                          # the source being exported
      "resume": {"version": 1, "offset": 297, "total": 650, "keys": [...]},  # or null: start
      "records": 720,                      # records in the output
      "bytes": 512345,                     # length of the output
      "parts": 0                           # Parquet: complete part files (see _parquet.py)
    }

``export`` describes what is exported (kind, format, server, filters, CSV columns); a resume
whose command describes anything else is refused. Version-1 checkpoints (``offset``,
``total``, ``last_keys``) are read too.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import SmartleadError
from .._pagination import ResumePoint
from ._errors import CliError

__all__ = ["Checkpoint", "CheckpointStore", "checkpoint_path", "fsync_directory"]

VERSION = 2


def checkpoint_path(output: Path) -> Path:
    """Where the checkpoint of an output file lives."""
    return output.with_name(output.name + ".checkpoint.json")


@dataclass(frozen=True)
class Checkpoint:
    """How far an export got; every field is written to the checkpoint file."""

    export: dict[str, Any]
    sources: list[str]
    index: int = 0
    resume: ResumePoint | None = None
    records: int = 0
    bytes: int = 0
    parts: int = 0

    @property
    def done(self) -> bool:
        """Whether every source was exported."""
        return self.index >= len(self.sources)

    def after_page(
        self, *, resume: ResumePoint, records: int, size: int, parts: int = 0
    ) -> Checkpoint:
        """The position after one more page was written."""
        return dataclasses.replace(
            self, resume=resume, records=self.records + records, bytes=size, parts=parts
        )

    def holding(self, *, size: int, parts: int) -> Checkpoint:
        """The same position, once the output holds ``size`` bytes in ``parts`` parts."""
        return dataclasses.replace(self, bytes=size, parts=parts)

    def next_source(self) -> Checkpoint:
        """The position at the start of the next source."""
        return dataclasses.replace(self, index=self.index + 1, resume=None)

    def to_json(self) -> dict[str, Any]:
        """The checkpoint file's content."""
        return {
            "version": VERSION, "export": self.export, "sources": self.sources,
            "index": self.index, "resume": None if self.resume is None else self.resume.to_dict(),
            "records": self.records, "bytes": self.bytes, "parts": self.parts,
        }

    @classmethod
    def from_json(cls, data: Any) -> Checkpoint:
        """Read a checkpoint file's content (version 2, or version 1).

        Raises:
            ValueError: the content is not a checkpoint this version can resume.
        """
        if not isinstance(data, dict) or data.get("version") not in (1, VERSION):
            raise ValueError(f"not a version-{VERSION} checkpoint")
        try:
            point = cls(
                export=dict(data["export"]),
                sources=[str(source) for source in data["sources"]],
                index=int(data["index"]),
                resume=_resume_of(data),
                records=int(data["records"]),
                bytes=int(data["bytes"]),
                parts=int(data.get("parts", 0)),
            )
        except (KeyError, TypeError, ValueError, SmartleadError) as error:
            raise ValueError(f"missing or invalid field: {error}") from None
        if min(point.index, point.records, point.bytes, point.parts) < 0:
            raise ValueError("negative position")
        return point


def _resume_of(data: dict[str, Any]) -> ResumePoint | None:
    if data["version"] == 1:  # offset + total + the keys of the last page written
        return ResumePoint(
            offset=int(data["offset"]),
            total=None if data.get("total") is None else int(data["total"]),
            keys=[int(key) for key in data.get("last_keys", [])],
            all_keys=False,
        )
    return None if data["resume"] is None else ResumePoint.from_dict(data["resume"])


class CheckpointStore:
    """Reads, atomically replaces and removes the checkpoint of one output file."""

    def __init__(self, output: Path) -> None:
        self.path = checkpoint_path(output)
        self._temporary = self.path.with_name(self.path.name + ".tmp")

    def exists(self) -> bool:
        """Whether a checkpoint file is there."""
        return self.path.exists()

    def load(self) -> Checkpoint:
        """Read the checkpoint.

        Raises:
            CliError: the file is unreadable or not a valid checkpoint (exit code 2).
        """
        try:
            return Checkpoint.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise CliError(f"cannot resume from {self.path}: {error}") from None

    def save(self, point: Checkpoint) -> None:
        """Replace the checkpoint atomically: a crash leaves the old or the new one, whole."""
        data = json.dumps(point.to_json(), separators=(",", ":")).encode()
        with open(self._temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(self._temporary, self.path)
        fsync_directory(self.path.parent)

    def remove(self) -> None:
        """Delete the checkpoint (the export finished)."""
        self.path.unlink(missing_ok=True)
        self._temporary.unlink(missing_ok=True)


def fsync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
