"""Routes: what else an email account can be told (delete, suspend, unsuspend) and its tags
(``/email-accounts/tags``, ``tag-manager``, ``tag-mapping``, ``tag-list``, ``/tags``)."""

from __future__ import annotations

import re
from typing import Any

from ._http import Request, Response, error, json_response
from ._lookups import find_account
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._state import State

__all__ = ["routes"]

routes = RouteTable()

#: The most accounts one ``POST /email-accounts/tag-mapping`` may tag.
TAG_MAPPING_ACCOUNTS_MAX = 25
_ACCOUNT_ID = r"(?P<email_account_id>[^/]+)"
_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _ok(message: str, **extra: Any) -> Response:
    return json_response(200, {"ok": True, "message": message, **extra})


# -- the account itself -----------------------------------------------------------------------


@routes.delete(r"/email-accounts/" + _ACCOUNT_ID + "/?")
def delete_account(state: State, request: Request, params: Params) -> Response:
    row = find_account(state, params)
    QueryParams(request, allowed=())
    state.delete_mailbox(row["id"])
    return _ok("Email account deleted successfully")


def _suspension(state: State, request: Request, params: Params, suspended: bool) -> Response:
    row = find_account(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    state.mailboxes.update(row, {"is_suspended": suspended})
    return _ok(f"Email account {'suspended' if suspended else 'unsuspended'} successfully")


@routes.put(r"/email-accounts/suspend/" + _ACCOUNT_ID + "/?")
def suspend_account(state: State, request: Request, params: Params) -> Response:
    return _suspension(state, request, params, suspended=True)


@routes.delete(r"/email-accounts/unsuspend/" + _ACCOUNT_ID + "/?")
def unsuspend_account(state: State, request: Request, params: Params) -> Response:
    return _suspension(state, request, params, suspended=False)


# -- tags -------------------------------------------------------------------------------------


def _color(body: Fields, *, required: bool) -> str | None:
    color = body.text("color", required=required)
    if color is not None and not _HEX_COLOR.fullmatch(color):
        raise body.fail("color", "must be a hex colour like #FF5733")
    return color


@routes.get(r"/email-accounts/tags/?")
def list_tags(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return json_response(200, {"ok": True, "data": [
        state.tags.rows[tag_id] for tag_id in sorted(state.tags.rows)
    ]})  # fmt: skip


@routes.post(r"/tags/?")
def create_tag(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"name", "color"})
    name = body.text("name", required=True, allow_empty=False)
    row = state.tags.save(name, _color(body, required=False))
    return json_response(200, {"ok": True, "data": row})


@routes.post(r"/email-accounts/tag-manager/?")
def save_tag(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"id", "name", "color"})
    tag_id = body.integer("id", minimum=1)
    name = body.text("name", required=True, allow_empty=False)
    color = _color(body, required=True)
    if tag_id is not None and tag_id not in state.tags.rows:
        raise error(404, f"Tag not found - {tag_id}")
    return json_response(200, {"ok": True, "data": state.tags.save(name, color, tag_id)})


def _mapping(state: State, request: Request, *, most: int | None) -> tuple[list[int], list[int]]:
    """The body's existing ``email_account_ids`` and ``tag_ids``."""
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"email_account_ids", "tag_ids"})
    accounts = body.integers("email_account_ids", required=True, min_items=1)
    if most is not None and len(accounts) > most:
        raise body.fail("email_account_ids", f"must contain less than or equal to {most} items")
    tags = body.integers("tag_ids", required=True, min_items=1)
    for account_id in accounts:
        if account_id not in state.mailboxes.rows:
            raise error(400, f"Email account id - {account_id} not allowed. Permission Error.")
    for tag_id in tags:
        if tag_id not in state.tags.rows:
            raise error(400, f"Invalid tag id - {tag_id}")
    return accounts, tags


@routes.post(r"/email-accounts/tag-mapping/?")
def add_tags(state: State, request: Request, params: Params) -> Response:
    state.tags.attach(*_mapping(state, request, most=TAG_MAPPING_ACCOUNTS_MAX))
    return _ok("Tags added to the email accounts")


@routes.delete(r"/email-accounts/tag-mapping/?")
def remove_tags(state: State, request: Request, params: Params) -> Response:
    state.tags.detach(*_mapping(state, request, most=None))
    return _ok("Tags removed from the email accounts")


@routes.post(r"/email-accounts/tag-list/?")
def tags_by_email(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    emails = Fields.of(request, allowed={"email_ids"}).texts("email_ids", required=True,
                                                             min_items=1)
    found = {row["id"]: row for row in map(state.mailboxes.find_email, emails) if row}
    return json_response(200, {"ok": True, "data": [
        {"email_account_id": row["id"], "email": row["from_email"],
         "tags": state.tags.of_account(row["id"])}
        for row in found.values()
    ]})  # fmt: skip
