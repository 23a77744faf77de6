"""SendKit campaign leads: what paging costs and what it loses, SDK vs a hand-written loop.

Against the fake SendKit (in-process), a campaign of ``--leads`` leads is paged three ways in
the same run: the SDK by page number, the SDK by cursor, and a hand-written httpx loop that
asks ``page=1, 2, ...`` with ``limit=100`` until a short page. Each runs on a still list, a
list gaining leads at its head before every request, one losing leads anywhere, both at once,
and both under faults (5xx, drops, truncated bodies; the hand-written loop retries a failed
page up to 8 times). For each: leads lost (present from first request to last, never
yielded), leads repeated, and requests sent. Target: the SDK loses and repeats none.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from _common import print_table, run_async, verdict, write_results

from smartlead_async.testing import FakeSendkit, Faults

NAME = "sendkit_paging"
FAULTS = Faults(error_rate=0.1, drop_rate=0.05, truncate_rate=0.1, seed=7)
#: name -> (leads added at the head, leads removed anywhere) before each request, faults
SCENARIOS: dict[str, tuple[int, int, Faults | None]] = {
    "still": (0, 0, None),
    "+5 at the head per request": (5, 0, None),
    "-3 anywhere per request": (0, 3, None),
    "+5 / -3 per request": (5, 3, None),
    "+5 / -3 per request, faults": (5, 3, FAULTS),
}


@dataclass
class Outcome:
    lost: int
    repeated: int
    requests: int


async def sdk(fake: FakeSendkit, campaign: str, pagination: str) -> list[str]:
    async with fake.client(max_retries=8) as client:
        listing: Any = client.campaigns.leads.list(campaign, pagination=pagination)  # type: ignore[call-overload]
        return [item.id async for item in listing]


async def hand_written(fake: FakeSendkit, campaign: str) -> list[str]:
    got: list[str] = []
    async with fake.http_client(headers={"X-Api-Key": fake.api_key}) as http:
        number = 1
        while True:
            for attempt in range(9):
                try:
                    response = await http.get(f"/campaigns/{campaign}/leads",
                                              params={"page": number, "limit": 100})
                    if response.status_code < 500:
                        break
                except httpx.TransportError:
                    if attempt == 8:
                        raise
            data = response.json()["data"]
            got += [lead["_id"] for lead in data]
            if len(data) < 100:
                return got
            number += 1


async def measure(leads: int, insert: int, delete: int, faults: Faults | None,
                  run: Callable[[FakeSendkit, str], Awaitable[list[str]]]) -> Outcome:
    fake = FakeSendkit(faults=faults, seed=insert * 10 + delete)
    campaign = fake.add_campaign(lead_count=leads)
    before = set(fake.lead_ids(campaign))
    fake.churn_leads(campaign, insert=insert, delete=delete)
    got = await run(fake, campaign)
    present = before & set(fake.lead_ids(campaign))
    repeated = sum(count - 1 for count in Counter(got).values())
    return Outcome(len(present - set(got)), repeated, fake.stats.requests)


async def benchmark(leads: int) -> dict[str, Any]:
    contenders: dict[str, Callable[[FakeSendkit, str], Awaitable[list[str]]]] = {
        "SDK, by page": lambda fake, c: sdk(fake, c, "page"),
        "SDK, by cursor": lambda fake, c: sdk(fake, c, "cursor"),
        "hand-written page loop": hand_written,
    }
    runs, rows = [], []
    for scenario, (insert, delete, faults) in SCENARIOS.items():
        for name, run in contenders.items():
            outcome = await measure(leads, insert, delete, faults, run)
            runs.append({"scenario": scenario, "contender": name, **vars(outcome)})
            rows.append([scenario, name, outcome.lost, outcome.repeated, outcome.requests])
    print_table(f"Paging {leads:,} SendKit campaign leads (fake SendKit, in-process)",
                ["scenario", "contender", "lost", "repeated", "requests"], rows)
    met = all(run["lost"] == run["repeated"] == 0 for run in runs
              if str(run["contender"]).startswith("SDK"))
    print(f"\nTarget: the SDK loses and repeats no lead in any scenario: {verdict(met)}")
    return {"params": {"leads": leads, "page_size": 100}, "target_met": met, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=2500)
    parser.add_argument("--no-write", action="store_true", help="leave results/ alone")
    args = parser.parse_args()
    results = run_async(lambda: benchmark(args.leads))
    if not args.no_write:
        write_results(NAME, results)


if __name__ == "__main__":
    main()
