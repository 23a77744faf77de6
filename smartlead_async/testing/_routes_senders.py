"""Routes: Smart Senders (``/smart-senders/...`` on its host): vendors, domain search, mailbox
orders and one-time passwords.

Answers use the ``{success, message, data}`` envelope. An order must name a known vendor,
domains not bought yet, and mailboxes on their own domain; ``auth-secret`` answers only for
a bought mailbox (its password is masked in the fake's request log).
"""

from __future__ import annotations

from typing import Any

from ._http import Request, Response, error
from ._params import Fields, QueryParams
from ._router import Params, RouteTable
from ._senders import VENDORS
from ._state import State
from ._success import success

__all__ = ["routes"]

routes = RouteTable()

_SENDERS = "/smart-senders"
_MAILBOX_FIELDS = {"first_name", "last_name", "profile_pic"}


def _vendor_id(state: State, body: Fields) -> int:
    vendor_id = body.integer("vendor_id", required=True, minimum=1)
    if state.senders.vendor(vendor_id) is None:
        raise error(404, f"Vendor not found - {vendor_id}")
    return vendor_id


@routes.get(_SENDERS + r"/get-vendors/?")
def get_vendors(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return success([
        {"id": vid, "name": name, "domain_price": domain, "mailbox_price": mailbox}
        for vid, name, domain, mailbox in VENDORS
    ])  # fmt: skip


@routes.get(_SENDERS + r"/search-domain/?")
def search_domain(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"domain_name", "vendor_id"})
    name = q.raw("domain_name")
    if not name:
        return success([])
    vendor_id = q.optional_integer("vendor_id", positive=True) or VENDORS[0][0]
    if state.senders.vendor(vendor_id) is None:
        raise error(404, f"Vendor not found - {vendor_id}")
    return success(state.senders.candidates(name, vendor_id))


@routes.post(_SENDERS + r"/auto-generate-mailboxes/?")
def auto_generate_mailboxes(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"vendor_id", "domains"})
    _vendor_id(state, body)
    generated = []
    for domain in body.objects("domains", allowed={"domain_name", "mailbox_details"}) or []:
        name = domain.text("domain_name", required=True, allow_empty=False)
        people = domain.objects("mailbox_details", allowed=_MAILBOX_FIELDS, required=True,
                                min_items=1)
        boxes = []
        for person in people:
            first = person.text("first_name", required=True, allow_empty=False).lower()
            last = person.text("last_name", required=True, allow_empty=False).lower()
            boxes += [f"{first}@{name}", f"{first}.{last}@{name}", f"{first[0]}{last}@{name}"]
        generated.append({"domain_name": name, "mailboxes": boxes})
    return success(generated)


def _ordered_domain(state: State, domain: Fields) -> dict[str, Any]:
    name = domain.text("domain_name", required=True, allow_empty=False).lower()
    if name in state.senders.domains:
        raise error(409, f"Domain already purchased - {name}")
    boxes = domain.objects("mailbox_details", allowed={"mailbox", *_MAILBOX_FIELDS},
                           required=True, min_items=1)
    details = []
    for index, box in enumerate(boxes):
        address = box.text("mailbox", required=True, allow_empty=False)
        if address.rpartition("@")[2].lower() != name:
            raise domain.fail(f"mailbox_details[{index}].mailbox", f"must be on {name}")
        details.append({
            "mailbox": address,
            "first_name": box.text("first_name", required=True, allow_empty=False),
            "last_name": box.text("last_name", required=True, allow_empty=False),
            "profile_pic": box.text("profile_pic"),
        })  # fmt: skip
    return {"domain_name": name, "mailbox_details": details}


@routes.post(_SENDERS + r"/place-order/?")
def place_order(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"vendor_id", "forwarding_domain", "user_details",
                                       "domains"})
    vendor_id = _vendor_id(state, body)
    forwarding = body.text("forwarding_domain", required=True, allow_empty=False)
    buyer = body.object("user_details", allowed={
        "email", "firstName", "lastName", "company", "country", "city",
    })  # fmt: skip
    if buyer is None:
        raise body.fail("user_details", "is required")
    buyer_json: dict[str, Any] = {"email": buyer.text("email", required=True, allow_empty=False)}
    for key in ("firstName", "lastName", "company", "country", "city"):
        if buyer.given(key):
            buyer_json[key] = buyer.text(key)
    domains = [
        _ordered_domain(state, domain)
        for domain in body.objects("domains", allowed={"domain_name", "mailbox_details"},
                                   required=True, min_items=1)
    ]
    order = state.senders.place(vendor_id, forwarding, buyer_json, domains)
    return success({"order_id": order["order_id"], "status": order["status"]},
                   "Order placed successfully")


@routes.get(_SENDERS + r"/order-details/?")
def order_details(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"order_id"})
    order_id = q.raw("order_id")
    if not order_id:
        raise error(400, '"order_id" is required')
    order = state.senders.orders.get(order_id)
    if order is None:
        raise error(404, f"Order not found - {order_id}")
    return success(order)


@routes.get(_SENDERS + r"/get-domain-list/?")
def get_domain_list(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return success(list(state.senders.domains.values()))


@routes.get(_SENDERS + r"/auth-secret/?")
def auth_secret(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"email_account"})
    mailbox = (q.raw("email_account") or "").lower()
    if not mailbox:
        raise error(400, '"email_account" is required')
    if mailbox not in state.senders.mailboxes:
        raise error(404, f"Mailbox not found - {mailbox}")
    return success({"email_account": mailbox, "otp": state.senders.otp(mailbox)})
