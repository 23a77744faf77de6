"""The README's examples run, unchanged, against the fake.

Each example is taken from README.md as it stands and executed with ``SmartleadClient`` bound
to a factory that returns a client of a seeded fake (the ids the examples use exist there).
"""

from __future__ import annotations

import re
import textwrap
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import pytest

import smartlead_async
import smartlead_async.sendkit
from smartlead_async import LeadStatus, SmartleadClient, WebhookEventType
from smartlead_async.sendkit import SendkitClient, SendkitLeadStatus
from smartlead_async.testing import FakeSendkit, FakeSmartlead, WebhookFaults
from smartlead_async.testing._server import serve_app
from smartlead_async.webhooks import parse_event

from ._behaviour import all_leads, connected, requests_to, strict_fake
from ._served import serve_process
from .conftest import FAST_LIMIT

README = Path(__file__).resolve().parent.parent / "README.md"
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _section(markdown: str, heading: str) -> str:
    """The text under ``## heading``, up to the next ``## `` heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def every_endpoint_example() -> str:
    """The python block of the ``## Every endpoint`` section."""
    blocks: list[str] = _PYTHON_BLOCK.findall(
        _section(README.read_text(encoding="utf-8"), "Every endpoint")
    )
    return blocks[0]


def account_administration_example() -> str:
    """The python block under ``### Account administration`` in ``## Every endpoint``."""
    section = _section(README.read_text(encoding="utf-8"), "Every endpoint")
    blocks: list[str] = _PYTHON_BLOCK.findall(
        section[section.index("\n### Account administration\n"):]
    )
    return blocks[0]


def other_products_example() -> str:
    """The python block under ``### SmartProspect, Smart Delivery and Smart Senders``."""
    section = _section(README.read_text(encoding="utf-8"), "Every endpoint")
    heading = "\n### SmartProspect, Smart Delivery and Smart Senders\n"
    blocks: list[str] = _PYTHON_BLOCK.findall(section[section.index(heading):])
    return blocks[0]


def first_screen_example() -> str:
    """The README's first python block, the one above the table of contents."""
    markdown = README.read_text(encoding="utf-8")
    blocks: list[str] = _PYTHON_BLOCK.findall(markdown[: markdown.index("\n## ")])
    return blocks[0]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeSmartlead:
    """A seeded fake that ``SmartleadClient(...)`` connects to while the example runs."""
    fake = strict_fake()
    fake.add_campaign(name="Cold Outreach", lead_count=120)
    fake.add_email_account(account_id=2907)  # attached to a campaign in the example

    def factory(*args: Any, **kwargs: Any) -> SmartleadClient:
        return fake.client(rate_limit=FAST_LIMIT)

    monkeypatch.setattr(smartlead_async, "SmartleadClient", factory)
    monkeypatch.chdir(tmp_path)  # files the examples write land here
    return fake


async def test_the_every_endpoint_example_runs(
    fake: FakeSmartlead, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "async def example() -> None:\n" + textwrap.indent(every_endpoint_example(), "    ")
    namespace: dict[str, Any] = {}
    exec(compile(source, f"{README} (Every endpoint)", "exec"), namespace)
    await namespace["example"]()
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "1 1"  # result.upload_count, result.requests
    assert len(printed) == 2 and "@" in printed[1]  # account 2907's from_email
    assert (tmp_path / "leads.csv").read_text(encoding="utf-8").count("ada@example.com") == 1
    assert fake.stats.status_counts.keys() == {200}
    notes = [entry for entry in fake.stats.log if entry.path.endswith("/master-inbox/create-note")]
    assert notes  # the master-inbox part found unread threads and acted on them
    assert requests_to(fake, "GET", "/analytics/campaign/overall-stats") == 1


async def test_the_account_administration_example_runs(
    fake: FakeSmartlead, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ("async def example() -> None:\n"
              + textwrap.indent(account_administration_example(), "    "))
    namespace: dict[str, Any] = {}
    exec(compile(source, f"{README} (Account administration)", "exec"), namespace)
    await namespace["example"]()
    assert capsys.readouterr().out.splitlines() == ["Cold Outreach (copy) 0 5 acme prod"]
    assert [email.to for email in fake.sent_emails] == ["ada@example.com"]
    assert fake.stats.status_counts.keys() == {200}


async def test_the_other_products_example_runs(
    fake: FakeSmartlead, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "async def example() -> None:\n" + textwrap.indent(other_products_example(), "    ")
    namespace: dict[str, Any] = {}
    exec(compile(source, f"{README} (other products)", "exec"), namespace)
    await namespace["example"]()
    assert capsys.readouterr().out.splitlines() == ["True 5 995 ['Q3 copy'] 3"]
    assert fake.stats.status_counts.keys() == {200}
    hosts = {entry.path.split("/api/v1")[0] for entry in fake.stats.log}
    assert hosts == {"", "/prospect-api", "/smartdelivery", "/smart-senders"}


async def test_the_first_screen_example_runs(
    fake: FakeSmartlead, capsys: pytest.CaptureFixture[str]
) -> None:
    code = compile(first_screen_example(), f"{README} (first screen)", "exec")
    await anyio.to_thread.run_sync(partial(exec, code, {"__name__": "__main__"}))  # anyio.run
    printed = capsys.readouterr().out.splitlines()
    campaign_id = next(iter(fake.campaigns))
    async with connected(fake) as client:
        expected = [
            f"{item.lead.email} {item.status}" for item in await all_leads(client, campaign_id)
            if item.status is LeadStatus.INPROGRESS
        ]
    assert printed == expected and expected


def fake_section_example() -> str:
    """The python block of the ``## Testing your app with the fake SmartLead`` section."""
    blocks: list[str] = _PYTHON_BLOCK.findall(
        _section(README.read_text(encoding="utf-8"), "Testing your app with the fake SmartLead")
    )
    return blocks[0]


async def test_the_testing_your_app_example_runs() -> None:
    # The example uses the real limit; a key of its own gives it a fresh shared limiter, so
    # its 5 requests go out in one burst and nothing waits on other tests' requests.
    lines = [line for line in fake_section_example().splitlines()
             if not line.startswith("from smartlead_async.testing import")]
    source = "async def example() -> None:\n" + textwrap.indent("\n".join(lines), "    ")
    namespace: dict[str, Any] = {"FakeSmartlead": partial(FakeSmartlead, api_key="readme-key")}
    exec(compile(source, f"{README} (Testing your app)", "exec"), namespace)
    with anyio.fail_after(5):
        await namespace["example"]()  # its own assert checks 500 leads and zero 429s


def webhooks_example() -> str:
    """The python block of the ``## Webhooks`` section."""
    blocks: list[str] = _PYTHON_BLOCK.findall(
        _section(README.read_text(encoding="utf-8"), "Webhooks")
    )
    return blocks[0]


async def test_the_fastapi_webhooks_example_handles_each_event_once_from_a_duplicating_fake(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "whsec-readme-example"
    fake = strict_fake(webhook_secret=secret,
                       webhook_faults=WebhookFaults(duplicate_rate=0.2, out_of_order=True))
    campaign_id = fake.add_campaign(name="Cold Outreach", lead_count=40)
    monkeypatch.setattr(smartlead_async, "SmartleadClient",
                        lambda *a, **k: fake.client(rate_limit=FAST_LIMIT))
    monkeypatch.setenv("SMARTLEAD_WEBHOOK_SECRET", secret)
    namespace: dict[str, Any] = {"__name__": "readme_webhooks"}
    exec(compile(webhooks_example(), f"{README} (Webhooks)", "exec"), namespace)
    app = namespace["app"]

    async with app.router.lifespan_context(app), \
            serve_app(app, host="127.0.0.1", port=0) as url, connected(fake) as admin:
        await admin.campaigns.webhooks.upsert(
            campaign_id, name="app", webhook_url=url + "/hooks/smartlead",
            event_types=list(WebhookEventType),
        )
        items = await all_leads(admin, campaign_id)
        replied = items[:10]
        for item in items[:30]:
            assert item.campaign_lead_map_id is not None
            for event_type in ("EMAIL_SENT", "EMAIL_OPEN"):
                fake.emit(event_type, campaign_id, item.campaign_lead_map_id)
        for item in replied:
            assert item.campaign_lead_map_id is not None
            fake.emit("EMAIL_REPLY", campaign_id, item.campaign_lead_map_id)
        for item in items[30:35]:
            await admin.campaigns.leads.unsubscribe(campaign_id, int(item.lead.id or 0))
        for item in items[35:40]:
            await admin.campaigns.leads.set_category(campaign_id, int(item.lead.id or 0),
                                                     category_id=2)
        sent = await fake.webhooks.drain()

    events = [parse_event(delivery.body) for delivery in sent if not delivery.duplicate]
    handled = capsys.readouterr().out.splitlines()
    assert all(delivery.ok for delivery in sent) and fake.webhooks.failed == []
    assert len(events) == 30 * 3 + 10 + 5 + 5  # sent, first sent, open; replies; unsub.; category
    assert len(sent) - len(events) > 0.1 * len(events)  # about 20 % were delivered twice
    assert sorted(handled) == sorted(f"{e.event_type} {e.idempotency_key}" for e in events)
    assert len(set(handled)) == len(events)
    paused = [entry.path for entry in fake.stats.log if entry.path.endswith("/pause")]
    assert sorted(paused) == sorted(
        f"/api/v1/campaigns/{campaign_id}/leads/{item.lead.id}/pause" for item in replied
    )
async def test_the_client_examples_run_against_the_served_fake(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``serve``'s defaults seed what the examples use (campaigns, account 2907)."""
    with serve_process("--rate-limit", "10/0.1") as base_url:

        def factory(*args: Any, **kwargs: Any) -> SmartleadClient:
            return SmartleadClient(api_key="test-key", base_url=base_url,
                                   rate_limit=FAST_LIMIT)

        monkeypatch.setattr(smartlead_async, "SmartleadClient", factory)
        monkeypatch.chdir(tmp_path)
        first_screen = compile(first_screen_example(), f"{README} (first screen)", "exec")
        await anyio.to_thread.run_sync(partial(exec, first_screen, {"__name__": "__main__"}))
        source = ("async def example() -> None:\n"
                  + textwrap.indent(every_endpoint_example(), "    "))
        namespace: dict[str, Any] = {}
        exec(compile(source, f"{README} (Every endpoint)", "exec"), namespace)
        await namespace["example"]()
    printed = capsys.readouterr().out.splitlines()
    index = printed.index("1 1")  # result.upload_count, result.requests
    leads, accounts = printed[:index], printed[index + 1 :]
    assert leads and all(line.endswith(" INPROGRESS") for line in leads)
    assert len(accounts) == 3 and all("@" in line for line in accounts)  # seeded accounts
    assert (tmp_path / "leads.csv").read_text(encoding="utf-8").count("ada@example.com") == 1


def sendkit_examples() -> list[str]:
    """The python blocks of the ``## SendKit`` section: the client, then the fake."""
    blocks: list[str] = _PYTHON_BLOCK.findall(
        _section(README.read_text(encoding="utf-8"), "SendKit")
    )
    return blocks


async def test_the_sendkit_client_example_prints_the_active_leads(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeSendkit()
    campaign = fake.add_campaign(campaign_id="666a1b2c3d4e5f6a7b8c9d00", lead_count=300)

    def factory(*args: Any, **kwargs: Any) -> SendkitClient:  # fake.client() would call it
        return SendkitClient(api_key=fake.api_key, base_url=fake.base_url,
                             transport=fake.transport())

    monkeypatch.setattr(smartlead_async.sendkit, "SendkitClient", factory)
    code = compile(sendkit_examples()[0], f"{README} (SendKit)", "exec")
    await anyio.to_thread.run_sync(partial(exec, code, {"__name__": "__main__"}))  # anyio.run
    async with fake.client() as client:
        expected = [
            f"{item.lead.email} {item.status} {len(item.emails_sent)} {item.added_at}"
            async for item in client.campaigns.leads.list(campaign)
            if item.status is SendkitLeadStatus.ACTIVE
        ]
    assert capsys.readouterr().out.splitlines() == expected and expected


async def test_the_fake_sendkit_example_pages_every_lead_once_both_ways() -> None:
    source = "async def example() -> None:\n" + textwrap.indent(sendkit_examples()[1], "    ")
    namespace: dict[str, Any] = {}
    exec(compile(source, f"{README} (fake SendKit)", "exec"), namespace)
    with anyio.fail_after(30):
        await namespace["example"]()  # its own asserts: every lead, none twice, both ways


def sync_client_example() -> str:
    """The python block of the ``## Sync client`` section."""
    blocks: list[str] = _PYTHON_BLOCK.findall(
        _section(README.read_text(encoding="utf-8"), "Sync client")
    )
    return blocks[0]


def test_the_sync_client_example_runs(
    fake: FakeSmartlead, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def factory(*args: Any, **kwargs: Any) -> smartlead_async.SmartleadSyncClient:
        return fake.sync_client(rate_limit=FAST_LIMIT)

    monkeypatch.setattr(smartlead_async, "SmartleadSyncClient", factory)
    exec(compile(sync_client_example(), f"{README} (Sync client)", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["Cold Outreach True 200"]
    assert fake.stats.status_counts.keys() == {200}
