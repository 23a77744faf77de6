"""Finding what a path names (a campaign, a lead, an email account), or answering 400/404.

With ``quirks`` on, a read of something missing answers ``200 {}`` as the live API sometimes
does, instead of the 404 (writes still answer 404).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ._campaigns import Campaign
from ._data import MAP_ID_BASE
from ._http import Reject, Request, error, json_response
from ._params import Fields, QueryParams
from ._router import Params
from ._state import State

__all__ = [
    "campaign_write",
    "find_account",
    "find_campaign",
    "find_map_membership",
    "find_membership",
    "find_person",
    "find_webhook",
    "path_id",
]


def path_id(params: Params, name: str, what: str) -> int:
    """A positive int path parameter, or a 400 ``Invalid <what> id``."""
    raw = params[name]
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise error(400, f"Invalid {what} id")
    return int(raw)


def _missing(state: State, reject: Reject, read: bool) -> Reject:
    if read and state.quirks:
        return Reject(json_response(200, {}))
    return reject


def find_campaign(state: State, params: Params, *, read: bool = False) -> Campaign:
    """The campaign of ``{campaign_id}``."""
    campaign = state.campaigns.get(path_id(params, "campaign_id", "campaign"))
    if campaign is None:
        raise _missing(state, error(404, "Campaign not found - Invalid campaign_id."), read)
    return campaign


def campaign_write(
    state: State, request: Request, params: Params, allowed: Collection[str]
) -> tuple[Campaign, Fields]:
    """The campaign a write is for and its JSON body (no query parameters but the key)."""
    campaign = find_campaign(state, params)
    QueryParams(request, allowed=())
    return campaign, Fields.of(request, allowed=allowed)


def find_person(state: State, params: Params) -> int:
    """The person of ``{lead_id}``."""
    person = state.leads.person_by_lead_id(path_id(params, "lead_id", "lead"))
    if person is None:
        raise error(404, "Lead not found - Invalid lead_id.")
    return person


def find_membership(
    state: State, params: Params, *, read: bool = False
) -> tuple[Campaign, int]:
    """The campaign of ``{campaign_id}`` and the serial of ``{lead_id}`` in it."""
    campaign = find_campaign(state, params, read=read)
    serial = state.membership(campaign, find_person(state, params))
    if serial is None:
        raise _missing(state, error(404, "Lead not found - Invalid lead_id."), read)
    return campaign, serial


def find_webhook(
    state: State, webhook_id: int, *, read: bool = False
) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """A webhook of any scope and the table that holds it (the account's or its campaign's)."""
    tables = [state.account_webhooks, *(c.webhooks for c in state.campaigns.values())]
    for table in tables:
        if webhook_id in table:
            return table[webhook_id], table
    raise _missing(state, error(404, "Webhook not found - Invalid webhook id."), read)


def find_account(state: State, params: Params, *, read: bool = False) -> dict[str, Any]:
    """The email account of ``{email_account_id}``."""
    account_id = path_id(params, "email_account_id", "email account")
    row = state.mailboxes.rows.get(account_id)
    if row is None:
        body = {
            "ok": False, "message": "Email account not found!",
            "errorCode": "ACCOUNT_NOT_FOUND", "emailAccountId": account_id,
        }  # fmt: skip
        raise _missing(state, Reject(json_response(404, body)), read)
    return row


def find_map_membership(state: State, map_id: int) -> tuple[Campaign, int]:
    """The campaign and serial of the membership whose ``campaign_lead_map_id`` is ``map_id``."""
    serial = map_id - MAP_ID_BASE
    campaign = None
    if state.leads.exists(serial) and serial not in state.removed:
        campaign = state.campaigns.get(state.leads.campaign_of(serial))
    if campaign is None or serial not in campaign.leads:
        raise error(404, "Lead not found - Invalid lead map id.")
    return campaign, serial
