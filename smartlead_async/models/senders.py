"""Models of Smart Senders (``client.senders``): vendors, domains, mailbox orders.

No source records what these routes answer: vendors and purchased domains are typed with the
names their request parameters use (``vendor_id``, ``domain_name``); the other answers are
kept whole (:class:`SendersReport`). The one-time password of ``auth_secret`` never shows in
a repr.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import attrs

from .._args import email_address, items_of, non_empty
from .._exceptions import InvalidArgumentTypeError
from ._base import Aliases, Identity, Model, model
from .analytics import AnalyticsReport
from .common import OkResponse
from .inputs import InputModel, _as_tuple, _checked, _optional_text, _required_text

__all__ = [
    "DomainMailboxesInput",
    "DomainOrderInput",
    "MailboxNameInput",
    "MailboxOrderInput",
    "MailboxOtp",
    "OrderContactInput",
    "OrderPlaced",
    "PurchasedDomain",
    "SendersReport",
    "SendersVendor",
]


@model
class SendersVendor(Model):
    """A domain and mailbox vendor (``GET /smart-senders/get-vendors``)."""

    identity: ClassVar[Identity] = ("id",)
    collection_keys: ClassVar[tuple[str, ...]] = ("vendors",)
    aliases: ClassVar[Aliases] = {
        "id": ("id", "vendor_id", "vendorId"),
        "name": ("name", "vendor_name", "vendorName"),
    }

    id: int
    name: str | None = None


@model
class PurchasedDomain(Model):
    """A domain bought through Smart Senders (``GET /smart-senders/get-domain-list``)."""

    collection_keys: ClassVar[tuple[str, ...]] = ("domains",)
    aliases: ClassVar[Aliases] = {
        "domain_name": ("domain_name", "domainName", "domain", "name"),
        "vendor_id": ("vendor_id", "vendorId"),
        "order_id": ("order_id", "orderId"),
        "created_at": ("created_at", "createdAt"),
    }

    id: int | None = None
    domain_name: str | None = None
    vendor_id: int | None = None
    order_id: str | None = None
    status: str | None = None
    created_at: datetime | None = None


@model
class OrderPlaced(OkResponse):
    """The answer of ``POST /smart-senders/place-order``.

    Attributes:
        order_id: the order's reference, for ``client.senders.order_details``.
    """

    aliases: ClassVar[Aliases] = {"order_id": ("order_id", "orderId", "id")}

    order_id: str | None = None


@model
class MailboxOtp(Model):
    """A one-time password of an admin mailbox (``GET /smart-senders/auth-secret``).

    Attributes:
        email_account: the mailbox.
        otp: the password: a live secret, never in a repr (nor is the raw answer).
    """

    aliases: ClassVar[Aliases] = {
        "email_account": ("email_account", "emailAccount", "email"),
        "otp": ("otp", "auth_secret", "authSecret", "secret"),
    }

    email_account: str | None = None
    otp: str | None = attrs.field(default=None, repr=False)


@model
class SendersReport(AnalyticsReport):
    """A Smart Senders answer kept whole (no source records its fields): ``report.data`` is
    the payload as sent; an object payload's members are also in ``report.extra``."""


# -- inputs -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MailboxNameInput(InputModel):
    """A person to generate mailbox addresses for (``auto_generate_mailboxes``).

    Attributes:
        first_name: their first name.
        last_name: their last name.
        profile_pic: their picture (a URL or an identifier).
    """

    first_name: str = attrs.field(validator=_required_text)
    last_name: str = attrs.field(validator=_required_text)
    profile_pic: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class MailboxOrderInput(MailboxNameInput):
    """A mailbox to buy (``place_order``): its address and its owner.

    Attributes:
        mailbox: the full address, e.g. ``ada@acme-mail.com``.
    """

    mailbox: str = attrs.field(validator=_checked(email_address))


def _mailboxes(cls: type[InputModel]) -> Any:
    def check(name: str, value: object) -> None:
        items = non_empty(name, items_of(name, value, cls.__name__), "mailbox")
        for index, item in enumerate(items):
            if not isinstance(item, cls):
                raise InvalidArgumentTypeError(
                    f"{name}[{index}] must be a {cls.__name__}, got {type(item).__name__}"
                )

    return attrs.field(converter=_as_tuple, validator=_checked(check))


@attrs.frozen(kw_only=True)
class DomainMailboxesInput(InputModel):
    """A domain and the people to generate its mailboxes for.

    Attributes:
        domain_name: the domain, e.g. ``acme-mail.com``.
        mailbox_details: a :class:`MailboxNameInput` per person.
    """

    domain_name: str = attrs.field(validator=_required_text)
    mailbox_details: tuple[MailboxNameInput, ...] = _mailboxes(MailboxNameInput)


@attrs.frozen(kw_only=True)
class DomainOrderInput(InputModel):
    """A domain to buy with its mailboxes (``place_order``).

    Attributes:
        domain_name: the domain, e.g. ``acme-mail.com``.
        mailbox_details: a :class:`MailboxOrderInput` per mailbox.
    """

    domain_name: str = attrs.field(validator=_required_text)
    mailbox_details: tuple[MailboxOrderInput, ...] = _mailboxes(MailboxOrderInput)


@attrs.frozen(kw_only=True)
class OrderContactInput(InputModel):
    """Who buys (``user_details`` of ``place_order``): the vendor's billing contact. Fields
    SmartLead lists beyond these can go in ``extra_body``.

    Attributes:
        email: the contact's address.
        first_name: their first name (``firstName``).
        last_name: their last name (``lastName``).
        company: the company's name.
        country: the country.
        city: the city.
    """

    json_names: ClassVar[dict[str, str]] = {"first_name": "firstName", "last_name": "lastName"}

    email: str = attrs.field(validator=_checked(email_address))
    first_name: str | None = attrs.field(default=None, validator=_optional_text)
    last_name: str | None = attrs.field(default=None, validator=_optional_text)
    company: str | None = attrs.field(default=None, validator=_optional_text)
    country: str | None = attrs.field(default=None, validator=_optional_text)
    city: str | None = attrs.field(default=None, validator=_optional_text)
