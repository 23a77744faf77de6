"""Helpers shared by the ``test_cli_*`` modules (this module holds no tests).

Commands run in-process through click's ``CliRunner`` against a ``FakeSmartlead`` injected with
the CLI's test-only ``use_fake`` hook, at SmartLead's limit scaled 20x (10 per 0.1 s) on both
the fake and the client. The CLI's event loop runs on the virtual clock
(``tests/_virtual_clock.py``), so nothing sleeps real seconds and a busy machine changes no
outcome.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from smartlead_async._cli._app import cli
from smartlead_async._cli._backend import use_fake
from smartlead_async.testing import FakeSmartlead, Faults

from ._virtual_clock import asyncio_run_on_virtual_clock
from .conftest import SECRET_KEY

#: The rate limit given to the CLI in tests (the fake enforces the same, see ``make_fake``).
FAST = "10/0.1"


def make_fake(
    *lead_counts: int, activities: int = 0, faults: Faults | None = None, seed: int = 7
) -> FakeSmartlead:
    """A fake account keyed with the planted secret: one campaign per lead count."""
    fake = FakeSmartlead(api_key=SECRET_KEY, seed=seed, rate_limit=(10, 0.1), faults=faults)
    for count in lead_counts:
        fake.add_campaign(lead_count=count)
    if activities:
        fake.add_activities(activities)
    return fake


def invoke(
    fake: FakeSmartlead | None,
    *args: str,
    env: Mapping[str, str | None] | None = None,
) -> Result:
    """Run the CLI with ``args`` against ``fake``, at the scaled rate limit (given before the
    command, so a ``--rate-limit`` among ``args`` wins), on the virtual clock."""
    runner = CliRunner()
    environment: dict[str, str | None] = {"SMARTLEAD_API_KEY": SECRET_KEY, **(env or {})}
    argv = ["--rate-limit", FAST, *args]
    with asyncio_run_on_virtual_clock(), use_fake(fake) if fake else contextlib.nullcontext():
        return runner.invoke(cli, argv, env=environment, catch_exceptions=False)


def export_leads(fake: FakeSmartlead, out: Path, *args: str, fmt: str = "jsonl") -> Result:
    """``export leads`` of every campaign of ``fake`` into ``out``."""
    return invoke(fake, "export", "leads", "--format", fmt, "--out", str(out), *args)


def jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, by header."""
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def lead_ids_by_campaign(records: Sequence[Mapping[str, Any]]) -> dict[int, list[int]]:
    """``campaign_lead_map_id`` of each exported lead, per ``campaign_id``, in file order."""
    result: dict[int, list[int]] = {}
    for record in records:
        result.setdefault(int(record["campaign_id"]), []).append(
            int(record["campaign_lead_map_id"])
        )
    return result


def expected_ids(fake: FakeSmartlead) -> dict[int, list[int]]:
    """What an export of every campaign must hold: the fake's leads, in served order."""
    return {campaign_id: fake.lead_ids(campaign_id) for campaign_id in fake.campaigns}


def parse_csv_text(text: str) -> list[list[str]]:
    """Rows of CSV text."""
    return list(csv.reader(io.StringIO(text, newline="")))
