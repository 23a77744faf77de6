"""The command tree: ``smartlead-async export leads|activities``, ``smartlead-async sync
leads|activities|campaigns`` and ``smartlead-async campaigns``.

Commands only parse and validate their arguments; ``_export_run``, ``_sync_run`` and
``_campaigns`` do the work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from .._constants import ACTIVITIES_PAGE_SIZE_MAX, LEADS_PAGE_SIZE_MAX
from .._enums import LEAD_STATUS_FILTERS, EmailStatus, LeadStatus
from ..db import DbSyncWhat
from ._campaigns import show_campaigns
from ._export import ActivitiesExport, ExportSpec, LeadsExport
from ._export_run import ExportRun
from ._options import Settings, check_date, global_options
from ._run import run
from ._sink import ParquetLayout
from ._sync_run import SyncRun
from ._writers import Format

__all__ = ["cli"]

F = TypeVar("F", bound=Callable[..., Any])

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), required=True,
    help="jsonl: one API record per line; csv: fixed columns; parquet: typed columns, a "
    "directory of part files (needs smartlead-async[parquet]; see the README).",
)
_OUT = click.option(
    "--out", "-o", required=True, type=click.Path(path_type=Path),
    help="Output file, or directory for parquet (overwritten unless --resume).",
)


def _parquet_layout(function: F) -> F:
    defaults = ParquetLayout()
    function = click.option(
        "--part-size", type=click.IntRange(min=1), metavar="N",
        help=f"parquet: rows per part file (default {defaults.part_size:,}); an interrupted "
        "export fetches at most one part again.",
    )(function)
    return click.option(
        "--row-group-size", type=click.IntRange(min=1), metavar="N",
        help=f"parquet: rows per row group (default {defaults.row_group_size:,}), about "
        "what the export holds in memory.",
    )(function)

_RESUME = click.option(
    "--resume", is_flag=True,
    help="Continue an interrupted export from OUT.checkpoint.json.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="smartlead-async")
@global_options
def cli() -> None:
    """Export SmartLead data from the command line (leads, activities, campaigns).

    Try it without an account (a fake SmartLead runs in this process):

    \b
      smartlead-async export leads --demo --all-campaigns --format jsonl --out leads.jsonl
    """


@cli.group()
@global_options
def export() -> None:
    """Stream records to a JSONL or CSV file or Parquet parts, with progress and --resume."""


def _page_size(maximum: int) -> Callable[[F], F]:
    return click.option(
        "--page-size", type=click.IntRange(1, maximum), default=maximum, show_default=True,
        help="Records per request.",
    )


@export.command("leads")
@click.option(
    "--campaign", "campaigns", type=click.IntRange(min=1), multiple=True, metavar="ID",
    help="A campaign to export (repeat for several).",
)
@click.option("--all-campaigns", is_flag=True, help="Export the leads of every campaign.")
@click.option(
    "--status", type=click.Choice([s.value for s in LEAD_STATUS_FILTERS], case_sensitive=False),
    help="Only leads with this status.",
)
@click.option(
    "--email-status", type=click.Choice([s.value for s in EmailStatus], case_sensitive=False),
    help="Only leads with this email engagement (emailStatus).",
)
@_FORMAT
@_OUT
@_RESUME
@_page_size(LEADS_PAGE_SIZE_MAX)
@_parquet_layout
@global_options
@click.pass_context
def export_leads(
    ctx: click.Context,
    campaigns: tuple[int, ...],
    all_campaigns: bool,
    status: str | None,
    email_status: str | None,
    fmt: Format,
    out: Path,
    resume: bool,
    page_size: int,
    row_group_size: int | None,
    part_size: int | None,
) -> None:
    """Export the leads of campaigns (each line gets a campaign_id key)."""
    if bool(campaigns) == all_campaigns:
        raise click.UsageError("give --campaign ID (one or more) or --all-campaigns", ctx)
    spec = LeadsExport(
        campaign_ids=tuple(dict.fromkeys(campaigns)) if campaigns else None,
        status=LeadStatus(status.upper()) if status else None,
        email_status=EmailStatus(email_status.lower()) if email_status else None,
        page_size=page_size,
    )
    _export(ctx, spec, fmt, out, resume, row_group_size=row_group_size, part_size=part_size)


@export.command("activities")
@click.option(
    "--from", "time_from", metavar="DATE", required=True, callback=check_date,
    help="Start date or time (ISO 8601, e.g. 2025-11-01).",
)
@click.option(
    "--to", "time_to", metavar="DATE", callback=check_date,
    help="End date or time (ISO 8601), inclusive.",
)
@_FORMAT
@_OUT
@_RESUME
@_page_size(ACTIVITIES_PAGE_SIZE_MAX)
@_parquet_layout
@global_options
@click.pass_context
def export_activities(
    ctx: click.Context,
    time_from: str,
    time_to: str | None,
    fmt: Format,
    out: Path,
    resume: bool,
    page_size: int,
    row_group_size: int | None,
    part_size: int | None,
) -> None:
    """Export every lead's activity timeline (all campaigns) from a date."""
    spec = ActivitiesExport(time_from=time_from, time_to=time_to, page_size=page_size)
    _export(ctx, spec, fmt, out, resume, row_group_size=row_group_size, part_size=part_size)


def _export(
    ctx: click.Context,
    spec: ExportSpec,
    fmt: Format,
    out: Path,
    resume: bool,
    *,
    row_group_size: int | None,
    part_size: int | None,
) -> None:
    settings = ctx.ensure_object(Settings)
    if fmt == "parquet":
        _require_pyarrow(ctx)
    elif row_group_size is not None or part_size is not None:
        raise click.UsageError("--row-group-size and --part-size apply to --format parquet", ctx)
    defaults = ParquetLayout()
    layout = ParquetLayout(
        row_group_size=row_group_size or defaults.row_group_size,
        part_size=part_size or defaults.part_size,
    )
    ctx.exit(ExportRun(settings, spec, fmt=fmt, out=out, resume=resume, layout=layout)())


def _require_pyarrow(ctx: click.Context) -> None:
    """Refuse --format parquet, before any request, where pyarrow is not installed."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise click.UsageError(
            "--format parquet needs pyarrow, which is not installed: "
            "pip install 'smartlead-async[parquet]'",
            ctx,
        ) from None


@cli.command("campaigns")
@click.option(
    "--counts", is_flag=True,
    help="Add each campaign's lead count (one request per campaign).",
)
@global_options
@click.pass_context
def campaigns_command(ctx: click.Context, counts: bool) -> None:
    """List the account's campaigns: id, name, status (and lead counts with --counts)."""
    settings = ctx.ensure_object(Settings)
    ctx.exit(run(settings, lambda: show_campaigns(settings, counts=counts)))


@cli.command("sync")
@click.argument("what", type=click.Choice(["leads", "activities", "campaigns"]))
@click.option(
    "--to", "url", required=True, metavar="URL",
    help="The database: sqlite:///smartlead.db or postgresql://USER:PASSWORD@HOST/DB.",
)
@click.option(
    "--since", metavar="DATE", callback=check_date,
    help="Read changes after this date or time (ISO 8601) instead of the stored watermark.",
)
@click.option(
    "--full", is_flag=True,
    help="Read everything again, as a first run does (picks up edits without activity).",
)
@global_options
@click.pass_context
def sync_command(
    ctx: click.Context, what: DbSyncWhat, url: str, since: str | None, full: bool
) -> None:
    """Copy what changed since the last run into SQLite or PostgreSQL (needs the db extra).

    The first run copies everything; later runs read only new leads, leads with activity
    and new activity records, and delete leads the API no longer lists.
    """
    settings = ctx.ensure_object(Settings)
    ctx.exit(SyncRun(settings, what, url, since=since, full=full)())
