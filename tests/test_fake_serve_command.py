"""``python -m smartlead_async.testing serve``: its flags, what it seeds and what it prints."""

from __future__ import annotations

import httpx
import pytest

from smartlead_async.testing import FakeSmartlead, Faults
from smartlead_async.testing import __main__ as cli

from ._served import serve_process
from .conftest import SECRET_KEY


def served(*flags: str) -> FakeSmartlead:
    """The fake ``serve`` would run with these flags."""
    args = cli.build_parser().parse_args(["serve", *flags])
    return cli.build_served_fake(args)


def test_help_lists_every_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["serve", "--help"])
    assert caught.value.code == 0
    text = capsys.readouterr().out
    for flag in ("--host", "--port", "--api-key", "--rate-limit", "--latency", "--error-rate",
                 "--drop-rate", "--truncate-rate", "--quirks", "--strict", "--seed",
                 "--campaigns", "--leads", "--activities", "--email-accounts", "--clients"):
        assert flag in text


def test_by_default_it_seeds_something_of_everything() -> None:
    fake = served()
    assert [c.lead_count for c in fake.campaigns.values()] == [500, 500, 500]
    assert len(fake.activity_ids()) == 1000
    assert fake.email_account_ids() == [2907, 2908, 2909]  # the README's examples use 2907
    assert len(fake.client_ids()) == 2
    assert (fake.api_key, fake.rate_limit, fake.strict, fake.quirks) == (
        "test-key", (10, 2.0), False, False)
    assert fake.faults is None


def test_flags_configure_the_fake() -> None:
    fake = served(
        "--api-key", "k2", "--seed", "7", "--rate-limit", "5/0.5", "--latency", "0.01,0.02",
        "--error-rate", "0.1", "--drop-rate", "0.05", "--truncate-rate", "0.02", "--quirks",
        "--strict", "--campaigns", "2", "--leads", "40", "--activities", "15",
        "--email-accounts", "1", "--clients", "0",
    )
    assert (fake.api_key, fake.seed, fake.rate_limit, fake.quirks, fake.strict) == (
        "k2", 7, (5, 0.5), True, True)
    assert fake.faults == Faults(error_rate=0.1, drop_rate=0.05, truncate_rate=0.02, seed=7)
    assert [c.lead_count for c in fake.campaigns.values()] == [40, 40]
    assert len(fake.activity_ids()) == 15
    assert fake.email_account_ids() == [2907] and fake.client_ids() == []
    assert served("--rate-limit", "none").rate_limit is None


@pytest.mark.parametrize(
    "flags",
    [
        ["--rate-limit", "0/2"], ["--rate-limit", "10/0"], ["--rate-limit", "ten"],
        ["--latency", "-1"], ["--latency", "0.2,0.1"], ["--latency", "nan"],
        ["--error-rate", "1.5"], ["--error-rate", "0.6", "--drop-rate", "0.6"],
        ["--port", "70000"], ["--campaigns", "-1"], ["--leads", "many"],
    ],
)
def test_bad_flag_values_are_refused_with_a_usage_error(
    flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["serve", *flags])
    assert caught.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_banner_names_the_url_the_seeded_ids_and_the_default_key_only() -> None:
    default = cli.describe_served_fake(served(), "http://127.0.0.1:8765/api/v1")
    custom = cli.describe_served_fake(served("--api-key", SECRET_KEY, "--strict"), "http://h/x")
    assert default.splitlines()[0] == (
        "Fake SmartLead at http://127.0.0.1:8765/api/v1 (api key: test-key); Ctrl-C to stop")
    assert "email accounts: 2907, 2908, 2909" in default
    assert "mode: lenient" in default and "mode: strict" in custom
    assert SECRET_KEY not in custom and "as given by --api-key" in custom


async def test_the_served_process_answers_over_http_with_its_flags() -> None:
    with serve_process("--strict", "--campaigns", "1", "--leads", "5") as url:
        async with httpx.AsyncClient(base_url=url) as client:
            listed = await client.get("/campaigns", params={"api_key": "test-key"})
            accounts = await client.get("/email-accounts/", params={"api_key": "test-key"})
            typo = await client.get("/campaigns", params={"api_key": "test-key", "clientid": 1})
            unauthorised = await client.get("/campaigns", params={"api_key": "nope"})
    assert listed.status_code == 200 and len(listed.json()) == 1
    assert [row["id"] for row in accounts.json()] == [2907, 2908, 2909]
    assert typo.status_code == 422
    assert unauthorised.status_code == 401


def test_the_banner_names_the_base_url_of_each_other_product() -> None:
    banner = cli.describe_served_fake(served(), "http://127.0.0.1:8765/api/v1").splitlines()
    assert banner[1:4] == [
        "  SmartProspect at http://127.0.0.1:8765/prospect-api/api/v1/search-email-leads",
        "  Smart Delivery at http://127.0.0.1:8765/smartdelivery/api/v1",
        "  Smart Senders at http://127.0.0.1:8765/smart-senders/api/v1",
    ]
