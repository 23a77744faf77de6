"""``python -m smartlead_async.testing demo|serve``: try the SDK without a SmartLead account.

- ``demo``: export a campaign from an in-process fake at SmartLead's real rate limit and print
  how many leads arrived, how many requests were made and the rate achieved.
- ``serve``: run a seeded fake on a local port (for trying your app, the CLI or any other
  SmartLead client against it), with flags for its rate limit, latency, faults, quirks and
  strictness, and for what it is seeded with. ``serve --help`` lists them.
"""

from __future__ import annotations

import argparse
import math
import re
import sys

import anyio

from .._ratelimit import RateLimit
from ._demo import format_demo, run_demo
from ._fake import FakeSmartlead
from ._faults import Faults

DEFAULT_API_KEY = "test-key"
#: The first seeded email account's id: the one the README's examples attach to a campaign.
FIRST_ACCOUNT_ID = 2907
_RATE_LIMIT = re.compile(r"(\d+)/(\d+(?:\.\d*)?|\.\d+)")


def _rate_limit(text: str) -> tuple[int, float] | None:
    """``N/SECONDS`` (e.g. ``10/2``), or ``none``."""
    if text.strip().lower() == "none":
        return None
    match = _RATE_LIMIT.fullmatch(text.strip())
    if match is None or int(match[1]) < 1 or float(match[2]) <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rate limit: use N/SECONDS with N >= 1 and SECONDS > 0 "
            "(e.g. 10/2), or none"
        )
    return int(match[1]), float(match[2])


def _latency(text: str) -> float | tuple[float, float]:
    """``SECONDS`` or ``LOW,HIGH`` (a uniform range)."""
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        values = []
    if (len(values) not in (1, 2) or not all(map(math.isfinite, values))
            or min(values) < 0 or values[0] > values[-1]):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a latency: use SECONDS or LOW,HIGH, each >= 0 (e.g. 0.05,0.2)"
        )
    return values[0] if len(values) == 1 else (values[0], values[1])


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a fraction between 0 and 1")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return int(text)


def _port(text: str) -> int:
    port = _count(text)
    if port > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535)")
    return port


def _add_serve_arguments(serve: argparse.ArgumentParser) -> None:
    server = serve.add_argument_group("server")
    server.add_argument("--host", default="127.0.0.1", help="address to listen on")
    server.add_argument("--port", type=_port, default=8765, metavar="PORT",
                        help="port (default 8765; 0: any free port)")
    server.add_argument("--api-key", default=DEFAULT_API_KEY, metavar="KEY",
                        help=f"the key clients must send (default {DEFAULT_API_KEY})")
    behaviour = serve.add_argument_group("behaviour")
    behaviour.add_argument("--rate-limit", type=_rate_limit, default=(10, 2.0),
                           metavar="N/SECONDS",
                           help="at most N requests per key in any SECONDS, else 429 "
                                "(default 10/2, SmartLead's); none turns it off")
    behaviour.add_argument("--latency", type=_latency, default=0.0, metavar="SECONDS",
                           help="delay before each response: SECONDS or LOW,HIGH")
    behaviour.add_argument("--error-rate", type=_fraction, default=0.0, metavar="FRACTION",
                           help="share of requests answered 500/502/503")
    behaviour.add_argument("--drop-rate", type=_fraction, default=0.0, metavar="FRACTION",
                           help="share of requests whose connection closes unanswered")
    behaviour.add_argument("--truncate-rate", type=_fraction, default=0.0, metavar="FRACTION",
                           help="share of responses cut short mid-body")
    behaviour.add_argument("--quirks", action="store_true",
                           help="answer like the live API in its odd corners (200 {} for a "
                                "missing object, plain-text success...)")
    behaviour.add_argument("--strict", action="store_true",
                           help="refuse (422) query parameters and body fields the API does "
                                "not document, instead of ignoring them")
    behaviour.add_argument("--seed", type=int, default=0, help="seed of every generated value")
    data = serve.add_argument_group("seeded data")
    data.add_argument("--campaigns", type=_count, metavar="N", default=3,
                      help="campaigns (default 3)")
    data.add_argument("--leads", type=_count, metavar="N", default=500,
                      help="leads per campaign (default 500)")
    data.add_argument("--activities", type=_count, metavar="N", default=1000,
                      help="lead-activity records (default 1000)")
    data.add_argument("--email-accounts", type=_count, metavar="N", default=3,
                      help=f"email accounts, with ids from {FIRST_ACCOUNT_ID} (default 3)")
    data.add_argument("--clients", type=_count, metavar="N", default=2,
                      help="agency clients (default 2)")


def build_served_fake(args: argparse.Namespace) -> FakeSmartlead:
    """The fake ``serve`` runs: configured and seeded from the parsed flags.

    Raises:
        ValueError: the fault rates add up to more than 1.
    """
    rates = (args.error_rate, args.drop_rate, args.truncate_rate)
    fake = FakeSmartlead(
        api_key=args.api_key, seed=args.seed, rate_limit=args.rate_limit,
        latency=args.latency, faults=Faults(*rates, seed=args.seed) if any(rates) else None,
        quirks=args.quirks, strict=args.strict,
    )
    for index in range(args.campaigns):
        fake.add_campaign(name=f"Campaign {index + 1}", lead_count=args.leads)
    fake.add_activities(args.activities)
    for index in range(args.email_accounts):
        fake.add_email_account(account_id=FIRST_ACCOUNT_ID + index)
    for index in range(args.clients):
        fake.add_client(name=f"Client {index + 1}")
    return fake


def describe_served_fake(fake: FakeSmartlead, base_url: str) -> str:
    """What ``serve`` prints once it listens (the API key only when it is the default)."""
    key = fake.api_key if fake.api_key == DEFAULT_API_KEY else "as given by --api-key"
    limit = ("none" if fake.rate_limit is None
             else f"{fake.rate_limit[0]} requests / {fake.rate_limit[1]:g} s")
    modes = [name for name, on in (("strict", fake.strict), ("quirks", fake.quirks)) if on]
    campaigns = ", ".join(f"{c.id} ({c.lead_count:,} leads)" for c in fake.campaigns.values())
    urls = FakeSmartlead.base_urls(base_url)
    return "\n".join([
        f"Fake SmartLead at {base_url} (api key: {key}); Ctrl-C to stop",
        f"  SmartProspect at {urls['prospect_base_url']}",
        f"  Smart Delivery at {urls['delivery_base_url']}",
        f"  Smart Senders at {urls['senders_base_url']}",
        f"  rate limit: {limit}; mode: {', '.join(modes) or 'lenient'}",
        f"  campaigns: {campaigns or 'none'}",
        f"  activities: {len(fake.activity_ids()):,}",
        f"  email accounts: {', '.join(map(str, fake.email_account_ids())) or 'none'}",
        f"  clients: {', '.join(map(str, fake.client_ids())) or 'none'}",
    ])


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``demo`` and ``serve`` with their flags."""
    parser = argparse.ArgumentParser(prog="python -m smartlead_async.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="export a campaign from an in-process fake")
    demo.add_argument("--leads", type=int, default=2000, help="leads in the campaign")
    demo.add_argument("--latency", type=float, default=0.05, help="server latency, seconds")
    demo.add_argument("--seed", type=int, default=0)
    serve = commands.add_parser(
        "serve", help="serve a seeded fake on a local port",
        description="Serve a seeded fake SmartLead over HTTP on a local port.",
    )
    _add_serve_arguments(serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        if args.leads < 0 or args.latency < 0:
            parser.error("--leads and --latency must be >= 0")
        limit = RateLimit()
        result = anyio.run(lambda: run_demo(leads=args.leads, latency=args.latency,
                                            seed=args.seed, limit=limit))
        print(format_demo(result, limit, args.latency))
        return 0 if result.leads == result.unique == result.expected else 1
    try:
        fake = build_served_fake(args)
    except ValueError as error:
        parser.error(str(error))
    anyio.run(_serve_forever, fake, args.host, args.port)
    return 0


async def _serve_forever(fake: FakeSmartlead, host: str, port: int) -> None:
    async with fake.serve(host=host, port=port) as base_url:
        print(describe_served_fake(fake, base_url), flush=True)
        await anyio.sleep_forever()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
