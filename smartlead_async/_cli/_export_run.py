"""The ``export`` commands' body: open or resume the output, run the exporter, summarise."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

import click

from ._backend import Connection, connect
from ._checkpoint import Checkpoint, CheckpointStore
from ._errors import CliError, ExitCode, resuming_can_help
from ._export import Exporter, ExportSpec
from ._options import Settings, rate_limit_text
from ._output import OutputFile, check_output_path
from ._progress import ExportProgress
from ._run import notify, run
from ._sink import FileSink, ParquetLayout, Sink
from ._summary import ExportSummary
from ._writers import Format, encoder_for

__all__ = ["ExportRun", "describe_demo"]


def describe_demo(connection: Connection, settings: Settings) -> str:
    fake = connection.fake
    assert fake is not None
    campaigns = list(fake.campaigns.values())
    leads = sum(campaign.lead_count for campaign in campaigns)
    return (
        f"demo: in-process fake SmartLead ({len(campaigns)} campaigns, {leads:,} leads), "
        f"rate limit {rate_limit_text(settings.rate_limit)}"
    )


class ExportRun:
    """One ``export`` command: opens or resumes the output, runs the exporter, summarises."""

    def __init__(
        self,
        settings: Settings,
        spec: ExportSpec,
        *,
        fmt: Format,
        out: Path,
        resume: bool,
        layout: ParquetLayout | None = None,
    ) -> None:
        self.settings = settings
        self.spec = spec
        self.fmt = fmt
        self.layout = layout or ParquetLayout()
        self.out = out
        self.resume = resume
        self.store = CheckpointStore(out)
        self.exporter: Exporter | None = None
        self.discarded = False  # an export that wrote no record leaves no file behind

    def __call__(self) -> ExitCode:
        return run(
            self.settings, self.main, on_interrupt=self.interrupted, on_error=self.resume_hint
        )

    def interrupted(self) -> str:
        """What to tell after Ctrl-C."""
        if self.exporter is None:
            return "interrupted before the export started"
        if self.discarded:
            return f"interrupted before any {self.spec.noun} were written: no file was kept"
        return (
            f"interrupted: {self.out} holds {self.exporter.point.records:,} {self.spec.noun}, "
            "ending on a whole record; rerun the same command with --resume to continue"
        )

    def resume_hint(self, error: BaseException) -> str:
        """The hint added to an error line once part of the export is written: ``--resume``
        only when a rerun may get past the error (not after a 401, a 404, a bad argument)."""
        if self.exporter is None or self.discarded or not self.store.exists():
            return ""
        written = f"{self.exporter.point.records:,} {self.spec.noun} written to {self.out}"
        if resuming_can_help(error):
            return f"{written}; rerun with --resume to continue"
        return written

    def _discard(self, sink: Sink) -> None:
        """Delete the output and its checkpoint: no record was written."""
        sink.discard()
        self.store.remove()
        self.discarded = True

    async def main(self) -> None:
        """Export, then print the summary."""
        started = time.monotonic()
        self._check_output()
        async with connect(self.settings) as connection:
            if connection.demo:
                notify(describe_demo(connection, self.settings))
            point, sink = await self._open(connection)
            progress = ExportProgress(enabled=self.settings.progress and not self.settings.verbose)
            with contextlib.closing(sink), progress:
                self.exporter = Exporter(
                    spec=self.spec, client=connection.client, sink=sink, store=self.store,
                    progress=progress, point=point, notify=notify,
                )
                try:
                    await self.exporter.run()
                except BaseException:
                    if self.exporter.point.records == 0:
                        sink.close()
                        self._discard(sink)
                    raise
            self.store.remove()
            summary = ExportSummary(
                records=self.exporter.point.records,
                written_now=self.exporter.written_now,
                noun=self.spec.noun,
                sources=len(point.sources),
                source_noun=self.spec.source_noun,
                path=str(self.out),
                fmt=self.fmt,
                size=sink.size,
                elapsed=time.monotonic() - started,
                requests=connection.counter.requests,
                rate_limited=connection.rate_limited,
                limit=rate_limit_text(self.settings.rate_limit),
            )
        for line in summary.lines():
            click.echo(line)

    def _fingerprint(self, connection: Connection) -> dict[str, Any]:
        export: dict[str, Any] = {
            "kind": self.spec.kind,
            "format": self.fmt,
            "server": connection.client.base_url,
            "filters": self.spec.describe(),
        }
        if self.fmt == "csv":
            export["columns"] = list(self.spec.columns)
        elif self.fmt == "parquet":
            from ._parquet import describe_schema

            export["schema"] = describe_schema(self.spec.kind)
        return export

    def _check_output(self) -> None:
        if self.fmt == "parquet":
            from ._parquet import check_output_directory

            check_output_directory(self.out)
        else:
            check_output_path(self.out)

    def _create_sink(self) -> Sink:
        if self.fmt == "parquet":
            from ._parquet import ParquetParts

            return ParquetParts.create(self.out, self.spec.kind, self.layout)
        encoder = encoder_for(self.fmt, self.spec.columns)
        return FileSink(OutputFile.create(self.out, encoder.header()), encoder)

    def _reopen_sink(self, point: Checkpoint) -> Sink:
        if self.fmt == "parquet":
            from ._parquet import ParquetParts

            return ParquetParts.reopen(
                self.out, self.spec.kind, self.layout, parts=point.parts, size=point.bytes
            )
        encoder = encoder_for(self.fmt, self.spec.columns)
        return FileSink(OutputFile.reopen(self.out, point.bytes), encoder)

    async def _open(self, connection: Connection) -> tuple[Checkpoint, Sink]:
        """Resume from the checkpoint, or list the sources and start a new output."""
        export = self._fingerprint(connection)
        if self.resume and self.store.exists():
            point = self.store.load()
            _check_same_export(self.store.path, point.export, export)
            sink = self._reopen_sink(point)
            if not point.done:
                where = f"offset {0 if point.resume is None else point.resume.offset:,}"
                if len(point.sources) > 1:
                    source = f"{self.spec.source_noun[:-1]} {point.index + 1}/{len(point.sources)}"
                    where = f"{source}, {where}"
                notify(
                    f"resuming: {point.records:,} {self.spec.noun} already in {self.out}; "
                    f"continuing at {where}"
                )
            return point, sink
        if self.resume:
            notify(f"no checkpoint at {self.store.path}: starting a new export")
        elif self.store.exists():
            notify(
                f"starting over: {self.store.path} (an unfinished export) is replaced; "
                "use --resume to continue it instead"
            )
        sources = await self.spec.sources(connection.client)
        sink = self._create_sink()
        point = Checkpoint(export=export, sources=sources, bytes=sink.size)
        try:
            self.store.save(point)
        except OSError as error:
            sink.close()
            self._discard(sink)
            raise CliError(
                f"cannot write the checkpoint {self.store.path}: {error.strerror}", ExitCode.FILE
            ) from None
        return point, sink


def _check_same_export(path: Path, saved: dict[str, Any], wanted: dict[str, Any]) -> None:
    differences = [
        f"{key} {saved.get(key)!r} there, {wanted.get(key)!r} here"
        for key in sorted(saved.keys() | wanted.keys())
        if saved.get(key) != wanted.get(key)
    ]
    if differences:
        raise CliError(
            f"cannot resume: {path} belongs to a different export ({'; '.join(differences)}); "
            "run without --resume to start over"
        )
