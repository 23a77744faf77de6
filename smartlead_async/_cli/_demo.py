"""The ``--demo`` account: a seeded fake SmartLead that anyone can export from without a key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._ratelimit import RateLimit

if TYPE_CHECKING:
    from ..testing import FakeSmartlead

__all__ = ["DEMO_ACTIVITIES", "DEMO_CAMPAIGNS", "DEMO_SEED", "build_demo_fake"]

DEMO_SEED = 42
DEMO_API_KEY = "demo-key"
#: (name, lead count, status) of each demo campaign.
DEMO_CAMPAIGNS: tuple[tuple[str, int, str], ...] = (
    ("Cold Outreach - SaaS Founders", 420, "ACTIVE"),
    ("Webinar Follow-up - CTOs", 650, "ACTIVE"),
    ("Partner Intro - Agency Owners", 880, "PAUSED"),
)
#: Activity records, about one per hour from 2025-11-01.
DEMO_ACTIVITIES = 2_400


def build_demo_fake(rate_limit: RateLimit) -> FakeSmartlead:
    """The demo account, enforcing ``rate_limit`` (without the client's margin) like SmartLead.

    It is rebuilt identically on every run (same seed), so ``--resume`` works in demo mode too.
    Responses take a little simulated network latency, proportional to the window.
    """
    from ..testing import FakeSmartlead

    window = rate_limit.per_seconds
    fake = FakeSmartlead(
        api_key=DEMO_API_KEY,
        seed=DEMO_SEED,
        rate_limit=(rate_limit.requests, window),
        latency=(window * 0.02, window * 0.06),
    )
    for name, lead_count, status in DEMO_CAMPAIGNS:
        fake.add_campaign(name=name, lead_count=lead_count, status=status)
    fake.add_activities(DEMO_ACTIVITIES)
    return fake
