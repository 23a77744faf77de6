"""``python -m smartlead_async.testing demo|serve``: try the SDK without a SmartLead account.

- ``demo``: export a campaign from an in-process fake at SmartLead's real rate limit and print
  how many leads arrived, how many requests were made and the rate achieved.
- ``serve``: run the fake on a local port (for trying tools such as the CLI against it).
"""

from __future__ import annotations

import argparse
import sys

import anyio

from .._ratelimit import RateLimit
from ._demo import format_demo, run_demo
from ._fake import FakeSmartlead


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartlead_async.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="export a campaign from an in-process fake")
    demo.add_argument("--leads", type=int, default=2000, help="leads in the campaign")
    demo.add_argument("--latency", type=float, default=0.05, help="server latency, seconds")
    demo.add_argument("--seed", type=int, default=0)
    serve = commands.add_parser("serve", help="serve a seeded fake on a local port")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--campaigns", type=int, default=3)
    serve.add_argument("--leads", type=int, default=500, help="leads per campaign")
    serve.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "demo":
        if args.leads < 0 or args.latency < 0:
            parser.error("--leads and --latency must be >= 0")
        limit = RateLimit()
        result = anyio.run(lambda: run_demo(leads=args.leads, latency=args.latency,
                                            seed=args.seed, limit=limit))
        print(format_demo(result, limit, args.latency))
        return 0 if result.leads == result.unique == result.expected else 1
    fake = FakeSmartlead(seed=args.seed)
    for index in range(args.campaigns):
        fake.add_campaign(name=f"Campaign {index + 1}", lead_count=args.leads)
    fake.add_activities(args.campaigns * args.leads)
    anyio.run(_serve_forever, fake, args.port)
    return 0


async def _serve_forever(fake: FakeSmartlead, port: int) -> None:
    async with fake.serve(port=port) as base_url:
        print(f"Fake SmartLead at {base_url} (api key: {fake.api_key}); Ctrl-C to stop",
              flush=True)
        await anyio.sleep_forever()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
