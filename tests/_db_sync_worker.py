"""A sync in a process of its own, for the SIGKILL test.

``python -m tests._db_sync_worker URL WHAT PAUSE_AT`` builds :data:`ACCOUNT` (the same data in
every process), syncs ``WHAT`` into ``URL`` and prints ``page N`` for every page written. At
page ``PAUSE_AT`` (0: never), before that page's transaction commits, it prints ``paused``
and waits for a line on stdin, where the test kills it. At the end it prints the result as
JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

from smartlead_async.db import sync

from ._db_sync import fake_account

#: (campaigns, leads each, activity records).
ACCOUNT = (3, 600, 3000)


class PausingProgress:
    def __init__(self, pause_at: int) -> None:
        self.pause_at = pause_at
        self.pages = 0

    def start(self, description: str, *, completed: int = 0, total: int | None = None) -> None:
        pass

    def advance(self, records: int, *, total: int | None = None) -> None:
        self.pages += 1
        print(f"page {self.pages}", flush=True)
        if self.pages == self.pause_at:
            print("paused", flush=True)
            sys.stdin.readline()  # blocks the whole process: the test kills it here


async def main(url: str, what: str, pause_at: int) -> None:
    fake = fake_account(*ACCOUNT)
    async with fake.client(rate_limit=None) as client:
        result = await sync(
            client, url, what=what,  # type: ignore[arg-type]
            clock=lambda: fake.now, progress=PausingProgress(pause_at),
        )
    print(json.dumps({"upserted": result.upserted, "full": result.full}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
