"""Routes: ``/email-accounts/...`` (sending mailboxes) and ``/client/...`` (agency clients)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._http import Reject, Request, Response, error, json_response
from ._lookups import find_account
from ._params import Fields, QueryParams, compact
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

ACCOUNTS_PAGE_MAX = 100
RECONNECTS_PER_DAY = 3
_ACCOUNT = r"/email-accounts/(?P<email_account_id>[^/]+)"
_WARMUP_FIELDS = ("warmup_enabled", "total_warmup_per_day", "daily_rampup",
                  "reply_rate_percentage")
_UPDATE_FIELDS = ("max_email_per_day", "from_name", "custom_tracking_url", "bcc", "signature",
                  "client_id", "time_to_wait_in_mins", "is_suspended")
_SAVE_FIELDS = (
    "id", "from_name", "from_email", "user_name", "password", "smtp_host", "smtp_port",
    "imap_host", "imap_port", "max_email_per_day", "custom_tracking_url", "bcc", "signature",
    *_WARMUP_FIELDS, "client_id", "type",
)  # fmt: skip
#: ``type`` of a saved account and the ``esp`` filter of the listing.
ACCOUNT_TYPES = ("SMTP", "GMAIL", "OUTLOOK", "ZOHO")
ESP_FILTERS = ("GMAIL", "OUTLOOK", "SMTP")
WARMUP_STATUSES = ("ACTIVE", "INACTIVE")
_LIST_FILTERS = (
    "isInUse", "emailWarmupStatus", "isSmtpSuccess", "isWarmupBlocked", "esp", "username",
    "client_id", "fetch_campaigns",
)  # fmt: skip


def _saved(message: str, account_id: int, **extra: Any) -> Response:
    return json_response(
        200, {"ok": True, "message": message, "emailAccountId": account_id, **extra}
    )


def _account_failure(status: int, message: str, code: str, account_id: int | None) -> Reject:
    body = {"ok": False, "message": message, "errorCode": code, "emailAccountId": account_id}
    return Reject(json_response(status, body))


@routes.get(r"/email-accounts/?")
def list_accounts(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"offset", "limit", *_LIST_FILTERS})
    offset = q.integer("offset", 0, minimum=0)
    limit = q.integer("limit", ACCOUNTS_PAGE_MAX, minimum=1, maximum=ACCOUNTS_PAGE_MAX)
    keep = _account_filter(state, q)
    fetch_campaigns = q.boolean("fetch_campaigns", False)
    rows = [state.mailboxes.rows[i] for i in sorted(state.mailboxes.rows)]
    return json_response(200, [
        _with_extras(state, state.mailboxes.listing_json(row), campaigns=fetch_campaigns)
        for row in [row for row in rows if keep(row)][offset:][:limit]
    ])  # fmt: skip


def _account_filter(state: State, q: QueryParams) -> Callable[[Mapping[str, Any]], bool]:
    """The listing's filters as one test of a row (an unset filter passes every row)."""
    in_use = {account for c in state.campaigns.values() for account in c.accounts}
    wanted = compact({
        "isInUse": q.optional_boolean("isInUse"),
        "emailWarmupStatus": q.choice("emailWarmupStatus", WARMUP_STATUSES),
        "isSmtpSuccess": q.optional_boolean("isSmtpSuccess"),
        "isWarmupBlocked": q.optional_boolean("isWarmupBlocked"),
        "esp": q.choice("esp", ESP_FILTERS),
        "client_id": q.optional_integer("client_id", positive=True),
    })  # fmt: skip
    actual: dict[str, Callable[[Mapping[str, Any]], Any]] = {
        "isInUse": lambda row: row["id"] in in_use,
        "emailWarmupStatus": lambda row: row["warmup_details"]["status"],
        "isSmtpSuccess": lambda row: row["is_smtp_success"],
        "isWarmupBlocked": lambda row: row["warmup_details"]["is_warmup_blocked"],
        "esp": lambda row: row["type"],
        "client_id": lambda row: row["client_id"],
    }
    username = (q.raw("username") or "").lower()  # a partial match, as the docs describe it

    def keep(row: Mapping[str, Any]) -> bool:
        return username in str(row["username"]).lower() and all(
            actual[name](row) == value for name, value in wanted.items()
        )

    return keep


def _with_extras(
    state: State, row: dict[str, Any], *, campaigns: bool = False, tags: bool = False
) -> dict[str, Any]:
    """An account row with what ``fetch_campaigns`` / ``fetch_tags`` ask for."""
    if campaigns:
        row = {**row, "campaign_ids": sorted(
            c.id for c in state.campaigns.values() if row["id"] in c.accounts
        )}  # fmt: skip
    if tags:
        row = {**row, "tags": state.tags.of_account(row["id"])}
    return row


def _save_fields(body: Fields) -> dict[str, Any]:
    """The checked fields of a save: names as sent, unset ones left out."""
    texts = ("from_name", "from_email", "user_name", "password", "smtp_host", "imap_host")
    fields: dict[str, Any] = {name: body.text(name, required=True, allow_empty=False)
                              for name in texts}
    fields["smtp_port"] = body.integer("smtp_port", required=True, minimum=1, maximum=65535)
    fields["imap_port"] = body.integer("imap_port", required=True, minimum=1, maximum=65535)
    fields["max_email_per_day"] = body.integer("max_email_per_day", minimum=1)
    fields.update({name: body.text(name) for name in ("custom_tracking_url", "bcc", "signature")})
    fields["warmup_enabled"] = body.boolean("warmup_enabled")
    fields["total_warmup_per_day"] = body.integer("total_warmup_per_day", minimum=1)
    fields["daily_rampup"] = body.integer("daily_rampup", minimum=0)
    fields["reply_rate_percentage"] = body.integer("reply_rate_percentage", minimum=0,
                                                   maximum=100)
    fields["client_id"] = body.integer("client_id", minimum=1)
    fields["type"] = body.choice("type", ACCOUNT_TYPES)
    return compact(fields)


@routes.post(r"/email-accounts/save/?")
def save_account(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed=_SAVE_FIELDS)
    account_id = body.integer("id", minimum=1)
    fields = _save_fields(body)
    existing = state.mailboxes.find_email(fields["from_email"])
    if account_id is None:
        if existing is not None:
            raise _account_failure(400, "Email account already exist. Please pass id to update "
                                   "it", "ACCOUNT_ALREADY_EXIST", existing["id"])
        row = state.mailboxes.create(fields)
    else:
        found = state.mailboxes.rows.get(account_id)
        if found is None:
            raise _account_failure(404, "Email account not found!", "ACCOUNT_NOT_FOUND",
                                   account_id)
        if existing is not None and existing is not found:
            raise _account_failure(400, "Email account already added by other user.",
                                   "ACCOUNT_ALREADY_EXIST", None)
        state.mailboxes.update(found, fields)
        row = found
    warmup_key = row["warmup_details"]["warmup_key_id"]
    return _saved("Email account added/updated successfully!", row["id"], warmupKey=warmup_key)


@routes.post(r"/email-accounts/reconnect-failed-email-accounts/?")
def reconnect_failed(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    mailboxes = state.mailboxes
    mailboxes.reconnect_calls += 1
    if mailboxes.reconnect_calls > RECONNECTS_PER_DAY:
        message = "Bulk reconnect API cannot be consumed more than 3 times a day"
        return json_response(406, {"ok": True, "message": message})
    failed = [r for r in mailboxes.rows.values()
              if not (r["is_smtp_success"] and r["is_imap_success"])]
    if not failed:
        return json_response(404, {"ok": True, "message": "No failed email account found!"})
    for row in failed:
        row.update(is_smtp_success=True, is_imap_success=True, smtp_failure_error=None,
                   imap_failure_error=None)
    return json_response(200, {
        "ok": True,
        "message": "Email account(s) added to the queue to reconnect. We will send you an "
                   "email once done.",
    })  # fmt: skip


@routes.get(_ACCOUNT + "/?")
def get_account(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params, read=True)
    q = QueryParams(request, allowed={"fetch_campaigns", "fetch_tags"})
    return json_response(200, _with_extras(
        state, row, campaigns=q.boolean("fetch_campaigns", False),
        tags=q.boolean("fetch_tags", False),
    ))  # fmt: skip


@routes.post(_ACCOUNT + "/?")
def update_account(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params)
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed=_UPDATE_FIELDS)
    changes = {
        "max_email_per_day": body.integer("max_email_per_day", minimum=1),
        "from_name": body.text("from_name", allow_empty=False),
        **{name: body.text(name) for name in ("custom_tracking_url", "bcc", "signature")},
        "client_id": body.integer("client_id", minimum=1),
        "time_to_wait_in_mins": body.integer("time_to_wait_in_mins", minimum=1),
        "is_suspended": body.boolean("is_suspended"),
    }
    state.mailboxes.update(row, compact(changes))
    return _saved("Email account details updated successfully!", row["id"])


@routes.post(_ACCOUNT + "/warmup/?")
def update_warmup(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params)
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={*_WARMUP_FIELDS, "warmup_key_id", "auto_adjust_warmup",
                                       "is_rampup_enabled"})
    fields = {
        "warmup_enabled": body.boolean("warmup_enabled", required=True),
        "total_warmup_per_day": body.integer("total_warmup_per_day", minimum=1),
        "daily_rampup": body.integer("daily_rampup", minimum=0),
        "reply_rate_percentage": body.integer("reply_rate_percentage", minimum=0, maximum=100),
        "warmup_key_id": body.text("warmup_key_id", allow_empty=False),
        "auto_adjust_warmup": body.boolean("auto_adjust_warmup"),
        "is_rampup_enabled": body.boolean("is_rampup_enabled"),
    }
    state.mailboxes.set_warmup(row, fields)
    return _saved("Email warmup details updated successfully!", row["id"])


@routes.get(_ACCOUNT + "/warmup-stats/?")
def warmup_stats(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params, read=True)
    QueryParams(request, allowed=())
    return json_response(200, state.mailboxes.warmup_stats(row))


# -- clients ----------------------------------------------------------------------------------


@routes.get(r"/client/?")
def list_clients(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return json_response(200, [state.clients.rows[i] for i in sorted(state.clients.rows)])


@routes.post(r"/client/save/?")
def create_client(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"name", "email", "permission", "logo", "logo_url",
                                       "password", "is_credit_assigned", "email_credits",
                                       "lead_credits"})
    fields = {
        "name": body.text("name", required=True, allow_empty=False),
        "email": body.text("email", required=True, allow_empty=False),
        "permission": body.texts("permission", min_items=1),
        "logo": body.text("logo"),
        "logo_url": body.text("logo_url"),
    }
    body.boolean("is_credit_assigned")
    body.integer("email_credits", minimum=0)
    body.integer("lead_credits", minimum=0)
    password = body.text("password", allow_empty=False)
    if state.clients.find_email(str(fields["email"])) is not None:
        raise error(400, f"Client already exists with email - {fields['email']}")
    row = state.clients.create(fields)
    return json_response(200, compact({
        "ok": True, "clientId": row["id"], "name": row["name"], "email": row["email"],
        "password": password,
    }))  # fmt: skip
