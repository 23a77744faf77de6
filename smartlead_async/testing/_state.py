"""``State``: all data of one fake account. Handlers read and write it; nothing here knows HTTP.

It ties the stores together (campaigns, the lead book, activities, mailboxes and their tags,
clients and their API keys, account-level webhooks, sent mail, the block list, and the
SmartProspect, Smart Delivery and Smart Senders products) and owns what
spans them: ids, the virtual clock, and keeping each campaign's cached lead filters in step
with writes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._accounts import Clients, Ids, Mailboxes
from ._activities import ActivityLog
from ._api_keys import ApiKeys
from ._block_list import BlockList
from ._campaigns import Campaign, campaign_json
from ._data import (
    CAMPAIGN_AUDIENCES,
    CAMPAIGN_EPOCH_MS,
    CAMPAIGN_PREFIXES,
    DAY_MS,
    Clock,
    Hasher,
    LeadFilter,
    pick,
)
from ._delivery import Delivery
from ._inbox_book import InboxBook
from ._lead_lists import NO_CAMPAIGN, LeadLists
from ._leads import LeadBook
from ._mail import SentEmail
from ._prospect import Prospect
from ._senders import Senders
from ._sequences import copy_sequence, generate_sequence
from ._tags import Tags
from ._webhooks import Outbox

__all__ = ["State"]

#: Fields of a campaign's JSON that a duplicate does not take from its source.
_NOT_COPIED = frozenset({
    "id", "user_id", "created_at", "updated_at", "status", "name", "client_id",
    "parent_campaign_id", "team_member_id", "tags",
})  # fmt: skip


class State:
    """The fake account.

    Args:
        seed: seed of every generated value.
        quirks: reproduce the live API's absorbable quirks (see ``FakeSmartlead``).
    """

    def __init__(self, seed: int, *, quirks: bool = False) -> None:
        self.seed = seed
        self.quirks = quirks
        self.hash = Hasher(seed)
        self.salt = self.hash.salt
        self.user_id = 100_000 + self.salt % 900_000
        self.clock = Clock()
        self.ids = Ids(self.hash)
        self.campaigns: dict[int, Campaign] = {}
        self.leads = LeadBook(self.hash)
        self.removed: set[int] = set()  # memberships deleted from their campaign
        self.activities = ActivityLog(self.hash)
        self.mailboxes = Mailboxes(self.hash, self.ids, self.clock, self.user_id)
        self.clients = Clients(self.hash, self.ids, self.clock, self.user_id)
        self.block_list = BlockList(self.hash, self.clock)
        self.inbox = InboxBook(self.hash)  # what the master-inbox actions store
        self.outbox = Outbox()  # webhook deliveries that state changes queued
        self.lead_lists = LeadLists(self.hash, self.clock, self.user_id)
        self.lead_accounts: dict[int, int] = {}  # membership -> the email account pinned to it
        self._campaigns_created = 0
        self._next_campaign_id = 2_710_000 + self.salt % 1000
        self.tags = Tags(self.ids, self.clock)
        self.api_keys = ApiKeys(self.hash, self.ids, self.clock)
        #: User- and client-level webhooks (``/webhook/*``); campaign-level ones are kept
        #: with their campaign.
        self.account_webhooks: dict[int, dict[str, Any]] = {}
        self.sent_emails: list[SentEmail] = []  # test and single emails, in order
        #: SmartLead's other products (on hosts of their own), for the same account.
        self.prospect = Prospect(self.hash, self.clock)
        self.delivery = Delivery(self.hash, self.clock)
        self.senders = Senders(self.hash, self.clock)

    # -- campaigns ----------------------------------------------------------------------------

    def add_campaign(
        self, name: str | None, status: str, client_id: int | None, *, seeded: bool
    ) -> Campaign:
        """Create a campaign. A ``seeded`` one (from ``FakeSmartlead.add_campaign``) has a
        generated history and sequence; one created through the API is new and empty."""
        self._campaigns_created += 1
        ordinal = self._campaigns_created
        campaign_id = self._next_campaign_id
        self._next_campaign_id += 1 + self.hash(1, ordinal) % 5
        if name is None:
            h = self.hash(2, ordinal)
            name = f"{pick(CAMPAIGN_PREFIXES, h)} - {pick(CAMPAIGN_AUDIENCES, h >> 8)} #{ordinal}"
        h = self.hash(3, campaign_id)
        created = CAMPAIGN_EPOCH_MS + ordinal * DAY_MS + h % DAY_MS if seeded else self.clock.tick()
        campaign = Campaign(campaign_id, name, status, client_id, created)
        if seeded:
            generate_sequence(campaign, h, self.ids)
        self.campaigns[campaign_id] = campaign
        return campaign

    def duplicate_campaign(
        self, source: Campaign, *, sub_sequences: bool, client_label: bool,
        parent_id: int | None = None,
    ) -> Campaign:
        """A DRAFTED copy of a campaign, without leads: its settings and sequence, its client
        with ``client_label``, and copies of its subsequences with ``sub_sequences``."""
        copy = self.add_campaign(f"{source.name} (copy)", "DRAFTED",
                                 source.client_id if client_label else None, seeded=False)
        settings = {k: v for k, v in self.campaign_json(source).items() if k not in _NOT_COPIED}
        copy.configure({**settings, "parent_campaign_id": parent_id})
        copy_sequence(source, copy, self.ids, copy.created_ms)
        if sub_sequences:
            children = [c for c in self.campaigns.values()
                        if c.settings.get("parent_campaign_id") == source.id]
            for child in children:
                self.duplicate_campaign(child, sub_sequences=True, client_label=client_label,
                                        parent_id=copy.id)
        return copy

    def campaign_json(self, campaign: Campaign, *, include_tags: bool = False) -> dict[str, Any]:
        """A campaign as the API returns it."""
        h = self.hash(3, campaign.id)
        return campaign_json(campaign, h, self.user_id, include_tags=include_tags)

    def touch(self, campaign: Campaign) -> int:
        """Record a write to a campaign now; returns the time (epoch ms)."""
        campaign.updated_ms = self.clock.tick()
        return campaign.updated_ms

    # -- email accounts -----------------------------------------------------------------------

    def delete_mailbox(self, account_id: int) -> None:
        """Delete an email account: it leaves every campaign and loses its tags."""
        del self.mailboxes.rows[account_id]
        for campaign in self.campaigns.values():
            campaign.accounts.pop(account_id, None)
        self.tags.forget_account(account_id)

    # -- leads of campaigns -------------------------------------------------------------------

    def add_generated_leads(self, campaign: Campaign, count: int) -> None:
        """Insert ``count`` generated leads at the head (the list is newest first)."""
        self.insert(campaign, self.leads.allocate(campaign.id, count))

    def insert(self, campaign: Campaign, serials: range) -> None:
        """Put new memberships at the head of a campaign's list, newest first."""
        campaign.leads[0:0] = array("q", reversed(serials))
        campaign.changed()

    def filtered_leads(self, campaign: Campaign, flt: LeadFilter) -> array[int]:
        """A campaign's lead serials matching ``flt``, in list order."""
        return campaign.filtered(flt, self.salt, self.leads.overrides)

    def live_memberships(self, person: int) -> list[tuple[int, Campaign]]:
        """``(serial, campaign)`` of each campaign that lists ``person`` now."""
        found = []
        for serial in self.leads.memberships(person):
            campaign = self.campaigns.get(self.leads.campaign_of(serial))
            if campaign is not None and serial not in self.removed:
                found.append((serial, campaign))
        return found

    def membership(self, campaign: Campaign, person: int) -> int | None:
        """The serial of ``person`` in ``campaign``, if the campaign lists them."""
        return next((s for s, c in self.live_memberships(person) if c is campaign), None)

    def change_lead(self, serial: int, **changes: Any) -> None:
        """Change a membership's traits (``status="PAUSED"``...) and refresh its campaign."""
        self.leads.change(serial, **changes)
        self._lead_changed(serial)

    def unsubscribe_lead(self, serial: int, status: str) -> None:
        """Mark a membership unsubscribed with ``status`` and refresh its campaign."""
        self.leads.unsubscribe(serial, status)
        self._lead_changed(serial)

    def remove_lead(self, campaign: Campaign, serial: int) -> None:
        """Take a membership off its campaign's list."""
        campaign.leads.remove(serial)
        campaign.changed()
        self.removed.add(serial)

    def _lead_changed(self, serial: int) -> None:
        campaign = self.campaigns.get(self.leads.campaign_of(serial))
        if campaign is not None:
            campaign.changed()

    # -- block list ---------------------------------------------------------------------------

    def block(self, entries: Iterable[str], client_id: int | None) -> int:
        """Add emails/domains to the global block list; returns how many were new."""
        return self.block_list.add(entries, client_id)

    def is_blocked(self, email: str) -> bool:
        """Whether an email address, or its domain, is on the block list."""
        return self.block_list.blocks(email)

    # -- people outside campaigns -------------------------------------------------------------

    def add_people(self, details: Sequence[Mapping[str, Any]]) -> list[int]:
        """New people in no campaign (a lead-list import); their person serials."""
        serials = self.leads.allocate(NO_CAMPAIGN, len(details))
        for serial, lead in zip(serials, details, strict=True):
            self.leads.add(serial, lead, None)
        return list(serials)

    def leave_campaigns(self, person: int) -> None:
        """Take ``person`` out of every campaign that lists them."""
        for serial, campaign in self.live_memberships(person):
            self.remove_lead(campaign, serial)
