"""The ``campaigns`` command's body: a table of the account's campaigns."""

from __future__ import annotations

import anyio
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._backend import connect
from ._options import Settings
from ._run import notify

__all__ = ["show_campaigns"]


async def show_campaigns(settings: Settings, *, counts: bool) -> None:
    """Print a table of the account's campaigns (with lead counts when ``counts``)."""
    async with connect(settings) as connection:
        client = connection.client
        campaigns = await client.campaigns.list()
        totals: dict[int, int | None] = {}
        if counts:

            async def count(campaign_id: int) -> None:
                totals[campaign_id] = (await client.campaigns.leads.list(
                    campaign_id, page_size=1
                )).total

            async with anyio.create_task_group() as group:
                for campaign in campaigns:
                    group.start_soon(count, campaign.id)
    table = Table(box=None, header_style="bold")
    table.add_column("id", justify="right")
    table.add_column("name")
    table.add_column("status")
    if counts:
        table.add_column("leads", justify="right")
    for campaign in campaigns:
        cells = [Text(str(campaign.id)), Text(campaign.name or ""),
                 Text(str(campaign.raw.get("status") or ""))]
        if counts:
            total = totals.get(campaign.id)
            cells.append(Text("?" if total is None else f"{total:,}"))
        table.add_row(*cells)
    Console(soft_wrap=True).print(table)
    if connection.demo:
        notify("demo: these campaigns live in an in-process fake SmartLead")
