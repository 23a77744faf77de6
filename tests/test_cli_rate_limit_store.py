"""The CLI's shared limit: ``--rate-limit-store``, and the embedded store it uses by default,
so CLI runs started back to back or side by side with one key draw no 429.

The runs are real ``smartlead-async`` processes exporting from the fake served over loopback
at SmartLead's real limit (10 per 2 s): a run started within 2 s of another is refused unless
the two share the window.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import anyio
import pytest

from smartlead_async._cli._options import Settings, rate_limit_for
from smartlead_async.testing import FakeSmartlead

from .test_cli_support import invoke

PASSWORD = "pw-PLANTED-4471"


def test_a_bad_store_url_is_refused_naming_the_option_without_its_password() -> None:
    result = invoke(None, "--rate-limit-store", f"mysql://u:{PASSWORD}@db/x", "campaigns")
    assert result.exit_code == 2
    assert "--rate-limit-store" in result.output
    assert PASSWORD not in result.output


def test_the_cli_keeps_its_limit_in_the_embedded_store_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SMARTLEAD_RATE_LIMIT_STORE", raising=False)
    assert rate_limit_for(Settings(), talks_to_fake=False).store == "sqlite://"


def test_the_environment_variable_and_the_option_win_over_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMARTLEAD_RATE_LIMIT_STORE", "redis://cache:6379/0")
    assert rate_limit_for(Settings(), talks_to_fake=False).store is None  # the variable applies
    chosen = Settings(rate_limit_store="sqlite:///tmp/x.db")
    assert rate_limit_for(chosen, talks_to_fake=False).store == "sqlite:///tmp/x.db"


def test_a_fake_server_keeps_its_limit_in_process() -> None:
    assert rate_limit_for(Settings(), talks_to_fake=True).store == "memory://"


async def run_export(base_url: str, key: str, campaign: int, out: Path, cache: Path) -> None:
    """One ``smartlead-async export leads`` process with the default store (in ``cache``)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SMARTLEAD_API_KEY": key}
    env.pop("SMARTLEAD_RATE_LIMIT_STORE", None)
    result = await anyio.run_process(
        [sys.executable, "-m", "smartlead_async", "--base-url", base_url, "--no-progress",
         "export", "leads", "--campaign", str(campaign), "--page-size", "10",
         "--format", "jsonl", "--out", str(out)],
        env=env, check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")


def lead_ids(path: Path) -> list[int]:
    return [json.loads(line)["campaign_lead_map_id"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize("together", [False, True], ids=["back-to-back", "in-parallel"])
async def test_two_cli_exports_with_one_key_draw_no_429(tmp_path: Path, together: bool) -> None:
    fake = FakeSmartlead(api_key=f"cli-{together}-{os.getpid()}", rate_limit=(10, 2.0))
    # Ten small pages each: a burst of 10 per run, cheap for the fake to serve, so that even a
    # busy machine counts each arrival promptly.
    campaigns = [fake.add_campaign(lead_count=100) for _ in range(2)]
    outs = [tmp_path / f"run{index}.jsonl" for index in range(2)]
    async with fake.serve() as base_url:
        if together:
            async with anyio.create_task_group() as group:
                for campaign, out in zip(campaigns, outs, strict=True):
                    group.start_soon(run_export, base_url, fake.api_key, campaign, out, tmp_path)
        else:
            for campaign, out in zip(campaigns, outs, strict=True):
                await run_export(base_url, fake.api_key, campaign, out, tmp_path)
    assert fake.stats.rate_limited == 0
    assert fake.stats.max_in_window <= 10
    for campaign, out in zip(campaigns, outs, strict=True):
        assert sorted(lead_ids(out)) == sorted(fake.lead_ids(campaign))
    assert list((tmp_path / "smartlead-async").glob("ratelimit-*.sqlite3"))
