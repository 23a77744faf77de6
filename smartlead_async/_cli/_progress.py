"""The progress bar of an export: records done / total, records per second and ETA, on stderr.

It is drawn only when stderr is a terminal and ``--no-progress`` was not given; otherwise every
call is a no-op, so pipes, CI logs and redirected runs stay quiet.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["ExportProgress"]


class RateColumn(ProgressColumn):
    """``312 records/s`` (blank until a rate is known)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} records/s", style="progress.data.speed")


class ExportProgress:
    """One bar, reset for each listing (campaign) of the export.

    Args:
        enabled: draw at all (``--no-progress`` and ``-v`` turn it off).
        console: where to draw; stderr by default. Nothing is drawn unless it is a terminal.
    """

    def __init__(self, *, enabled: bool, console: Console | None = None) -> None:
        console = console or Console(stderr=True)
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled and console.is_terminal:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )

    @property
    def active(self) -> bool:
        """Whether a bar is drawn."""
        return self._progress is not None

    def start(self, description: str, *, completed: int = 0, total: int | None = None) -> None:
        """Begin a listing (``completed`` records are already done when resuming)."""
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task(description, total=total, completed=completed)
        else:
            self._progress.reset(
                self._task, description=description, total=total, completed=completed
            )

    def advance(self, records: int, *, total: int | None = None) -> None:
        """Count ``records`` more; ``total`` updates the listing's total when it is known."""
        if self._progress is None or self._task is None:
            return
        if total is not None:
            self._progress.update(self._task, total=total)
        self._progress.advance(self._task, records)

    def __enter__(self) -> ExportProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
