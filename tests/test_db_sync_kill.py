"""A sync killed with SIGKILL inside a transaction, then run again: nothing lost, nothing
twice, and what was committed before the kill is not read again.

The worker process pauses at a chosen page (an event, not a timer) and is killed there,
with rows written but not committed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ._db_sync import db_fixture, fake_account, stored, truth, watermarked_campaigns  # noqa: F401  (fixture)
from ._db_sync_worker import ACCOUNT
from ._postgres_server import postgres_server_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
ROOT = Path(__file__).resolve().parent.parent
#: Pages of one campaign's 600 leads: key-anchored pages of 100 overlap by one record.
PAGES_PER_CAMPAIGN = 7



def worker(url: str, what: str, pause_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests._db_sync_worker", url, what, str(pause_at)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def kill_when_paused(process: subprocess.Popen[str]) -> list[str]:
    """Read the worker's lines until it pauses, then SIGKILL it; the lines read."""
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line.strip())
        if lines[-1] == "paused":
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert process.stdin is not None
    process.stdin.close()
    return lines


def run_to_the_end(url: str, what: str) -> dict[str, object]:
    process = worker(url, what, 0)
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0
    return dict(json.loads(output.strip().splitlines()[-1]))


async def test_a_leads_sync_killed_in_a_campaign_resumes_there(db: str) -> None:
    campaigns, leads_each, _ = ACCOUNT
    # Killed on the third page of the second campaign: the first one is committed.
    lines = kill_when_paused(worker(db, "leads", PAGES_PER_CAMPAIGN + 3))
    assert lines[-1] == "paused"
    fake = fake_account(*ACCOUNT)
    async with fake.client(rate_limit=None) as client:
        first_campaign = (await client.campaigns.list())[0].id  # the sync's order

    killed = await stored(db)
    assert {campaign for campaign, *_ in killed.memberships.values()} == {first_campaign}
    assert len(killed.memberships) == leads_each
    assert await watermarked_campaigns(db) == {first_campaign}

    rerun = run_to_the_end(db, "leads")

    assert rerun["upserted"] == (campaigns - 1) * leads_each
    async with fake.client(rate_limit=None) as client:
        after = await stored(db)
        expected = await truth(fake, client)
    assert after.memberships == expected.memberships
    assert after.people == expected.people
    assert await watermarked_campaigns(db) == set(fake.campaigns)


async def test_an_activities_sync_killed_mid_way_commits_nothing_then_everything(
    db: str,
) -> None:
    kill_when_paused(worker(db, "activities", 2))
    killed = await stored(db)
    assert (killed.activities, killed.emails) == (set(), {})

    rerun = run_to_the_end(db, "activities")

    fake = fake_account(*ACCOUNT)
    assert rerun == {"upserted": ACCOUNT[2], "full": True}
    async with fake.client(rate_limit=None) as client:
        after, expected = await stored(db), await truth(fake, client)
    assert (after.activities, after.emails) == (expected.activities, expected.emails)
