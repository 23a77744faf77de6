"""Request-body models: attrs classes checked when built, serialised without unset fields.

Build them with keywords (``LeadInput(email="a@b.co", first_name="Ada")``); a bad value raises
:class:`InvalidArgumentError`/:class:`InvalidArgumentTypeError` naming ``Class.field`` right
away, so nothing invalid ever reaches a request. :meth:`InputModel.to_json` leaves out every
field that is ``None`` (except those a class lists in ``send_null``, where ``null`` means
something to the API, like ``"id": null`` for "create").
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar

import attrs

from .._args import (
    DateLike,
    enum_value,
    flag,
    format_datetime,
    http_url,
    int_in_range,
    iso_datetime,
    items_of,
    optional,
    text,
)
from .._enums import EmailAccountType, EmailAccountTypeValue
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = [
    "EmailAccountInput",
    "EmailAttachmentInput",
    "InputModel",
    "LeadInput",
    "MailboxFetchInput",
    "OutOfOfficeSettingsInput",
    "ReplyAttachmentInput",
    "SequenceInput",
    "SequenceVariantInput",
]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _checked(check: Callable[[str, Any], object]) -> _Validator:
    """An attrs validator running ``check(name, value)`` with ``name`` = ``Class.field``."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(f"{type(instance).__name__}.{attribute.name}", value)

    return validate


def _int(minimum: int, maximum: int | None = None) -> _Validator:
    return _checked(lambda name, value: int_in_range(name, value, minimum=minimum,
                                                     maximum=maximum))


def _opt_int(minimum: int, maximum: int | None = None) -> _Validator:
    return _checked(
        lambda name, value: optional(int_in_range, name, value, minimum=minimum, maximum=maximum)
    )


_required_text = _checked(text)
_any_text = _checked(lambda name, value: text(name, value, allow_empty=True))
_optional_text = _checked(lambda name, value: optional(text, name, value, allow_empty=True))
_optional_bool = _checked(lambda name, value: optional(flag, name, value))


def _custom_fields(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise InvalidArgumentTypeError(
            f"{name} must be a dict with str keys, got {type(value).__name__}"
        )


def _as_tuple(value: Any) -> Any:
    """A list argument as a tuple (consumed once); a string, mapping or non-iterable is left
    as it is, for the field's validator to refuse with the field's name."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        return tuple(value)
    return value


def to_wire(value: Any) -> Any:
    """The JSON form of a body value: input models, enums, dates and containers."""
    if isinstance(value, InputModel):
        return value.to_json()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_datetime(value, value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    return value


@attrs.frozen(kw_only=True)
class InputModel:
    """Base of request-body models."""

    #: JSON key for each field whose name differs from it (field name -> JSON key).
    json_names: ClassVar[dict[str, str]] = {}
    #: Fields sent as ``null`` when ``None`` instead of being left out.
    send_null: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the request body."""
        body: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if value is None and field.name not in self.send_null:
                continue
            body[self.json_names.get(field.name, field.name)] = to_wire(value)
        return body


@attrs.frozen(kw_only=True)
class LeadInput(InputModel):
    """A lead to add to a campaign or to update (``<lead_input>`` in the API reference).

    Attributes:
        email: the lead's address (required).
        custom_fields: extra columns, e.g. ``{"Title": "Regional Manager"}``.
    """

    email: str = attrs.field(validator=_required_text)
    first_name: str | None = attrs.field(default=None, validator=_optional_text)
    last_name: str | None = attrs.field(default=None, validator=_optional_text)
    phone_number: str | None = attrs.field(default=None, validator=_optional_text)
    company_name: str | None = attrs.field(default=None, validator=_optional_text)
    website: str | None = attrs.field(default=None, validator=_optional_text)
    location: str | None = attrs.field(default=None, validator=_optional_text)
    linkedin_profile: str | None = attrs.field(default=None, validator=_optional_text)
    company_url: str | None = attrs.field(default=None, validator=_optional_text)
    custom_fields: Mapping[str, Any] | None = attrs.field(
        default=None, validator=_checked(_custom_fields)
    )


@attrs.frozen(kw_only=True)
class SequenceVariantInput(InputModel):
    """One A/B variant of a sequence step.

    Attributes:
        id: the variant's id to update it; leave ``None`` to create a variant.
        variant_label: ``"A"``, ``"B"``, ...
        variant_distribution_percentage: the share of leads that get this variant, 0 to 100.
    """

    subject: str = attrs.field(default="", validator=_any_text)
    email_body: str = attrs.field(validator=_any_text)
    variant_label: str = attrs.field(validator=_required_text)
    id: int | None = attrs.field(default=None, validator=_opt_int(1))
    variant_distribution_percentage: int | None = attrs.field(
        default=None, validator=_opt_int(0, 100)
    )


def _tuple_or_none(
    value: Iterable[SequenceVariantInput] | None,
) -> tuple[SequenceVariantInput, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class SequenceInput(InputModel):
    """One step of a campaign's sequence, for ``client.campaigns.sequences.save``.

    Give either ``email_body`` (and ``subject``) or ``seq_variants``.

    Attributes:
        seq_number: the step's position, from 1.
        delay_in_days: days to wait after the previous step (sent as ``seq_delay_details``).
        subject: a blank subject sends the step as a reply in the same thread.
        id: the step's id to update it; leave ``None`` to create a step.
    """

    seq_number: int = attrs.field(validator=_int(1))
    delay_in_days: int = attrs.field(default=0, validator=_int(0))
    subject: str | None = attrs.field(default=None, validator=_optional_text)
    email_body: str | None = attrs.field(default=None, validator=_optional_text)
    seq_variants: tuple[SequenceVariantInput, ...] | None = attrs.field(
        default=None, converter=_tuple_or_none
    )
    id: int | None = attrs.field(default=None, validator=_opt_int(1))

    @seq_variants.validator
    def _check_variants(
        self, attribute: attrs.Attribute[Any], value: tuple[Any, ...] | None
    ) -> None:
        name = f"{type(self).__name__}.{attribute.name}"
        for index, variant in enumerate(value or ()):
            if not isinstance(variant, SequenceVariantInput):
                raise InvalidArgumentTypeError(
                    f"{name}[{index}] must be a SequenceVariantInput, "
                    f"got {type(variant).__name__}"
                )
        if value is None and self.email_body is None:
            raise InvalidArgumentError(f"{type(self).__name__} needs email_body or seq_variants")

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        body["seq_delay_details"] = {"delay_in_days": body.pop("delay_in_days")}
        return body


@attrs.frozen(kw_only=True)
class EmailAccountInput(InputModel):
    """An email account to create or update with ``client.email_accounts.save``.

    ``password`` is never shown in ``repr``.

    Attributes:
        id: the account to update; ``None`` creates a new account (sent as ``"id": null``).
        user_name: the SMTP/IMAP login.
        warmup_enabled: turn warmup on with ``total_warmup_per_day``/``daily_rampup``.
        reply_rate_percentage: warmup reply rate, 0 to 100.
        client_id: assign the account to this client.
        type: the account's provider (:class:`EmailAccountType`), e.g. ``SMTP``.
    """

    send_null: ClassVar[frozenset[str]] = frozenset({"id"})

    id: int | None = attrs.field(default=None, validator=_opt_int(1))
    from_name: str = attrs.field(validator=_required_text)
    from_email: str = attrs.field(validator=_required_text)
    user_name: str = attrs.field(validator=_required_text)
    password: str = attrs.field(repr=False, validator=_required_text)
    smtp_host: str = attrs.field(validator=_required_text)
    smtp_port: int = attrs.field(validator=_int(1, 65535))
    imap_host: str = attrs.field(validator=_required_text)
    imap_port: int = attrs.field(validator=_int(1, 65535))
    max_email_per_day: int | None = attrs.field(default=None, validator=_opt_int(1))
    custom_tracking_url: str | None = attrs.field(default=None, validator=_optional_text)
    bcc: str | None = attrs.field(default=None, validator=_optional_text)
    signature: str | None = attrs.field(default=None, validator=_optional_text)
    warmup_enabled: bool | None = attrs.field(default=None, validator=_optional_bool)
    total_warmup_per_day: int | None = attrs.field(default=None, validator=_opt_int(1))
    daily_rampup: int | None = attrs.field(default=None, validator=_opt_int(0))
    reply_rate_percentage: int | None = attrs.field(default=None, validator=_opt_int(0, 100))
    client_id: int | None = attrs.field(default=None, validator=_opt_int(1))
    type: EmailAccountType | EmailAccountTypeValue | None = attrs.field(
        default=None,
        validator=_checked(lambda name, value: optional(enum_value, name, value, EmailAccountType)),
    )


@attrs.frozen(kw_only=True)
class OutOfOfficeSettingsInput(InputModel):
    """How a campaign treats out-of-office replies (``out_of_office_detection_settings``).

    Attributes:
        auto_reactivate: resume a lead once its out-of-office period ends
            (``autoReactivateOOO``).
        reactivate_with_delay_days: days to wait before resuming it
            (``reactivateOOOwithDelay``).
        auto_categorize: categorise out-of-office replies with AI (``autoCategorizeOOO``).
    """

    json_names: ClassVar[dict[str, str]] = {
        "auto_reactivate": "autoReactivateOOO",
        "reactivate_with_delay_days": "reactivateOOOwithDelay",
        "auto_categorize": "autoCategorizeOOO",
    }

    auto_reactivate: bool | None = attrs.field(default=None, validator=_optional_bool)
    reactivate_with_delay_days: int | None = attrs.field(default=None, validator=_opt_int(0))
    auto_categorize: bool | None = attrs.field(default=None, validator=_optional_bool)


@attrs.frozen(kw_only=True)
class ReplyAttachmentInput(InputModel):
    """A file attached to a master-inbox reply.

    Attributes:
        file_url: where SmartLead fetches the file (an ``http(s)://`` URL).
        file_type: its MIME type, e.g. ``"application/pdf"``.
        file_size: its size in bytes.
    """

    file_url: str = attrs.field(validator=_checked(http_url))
    file_type: str | None = attrs.field(default=None, validator=_optional_text)
    file_size: int | None = attrs.field(default=None, validator=_opt_int(0))


def _base64(name: str, value: object) -> None:
    try:
        base64.b64decode(text(name, value), validate=True)
    except binascii.Error:
        raise InvalidArgumentError(f"{name} must be base64-encoded file content") from None


@attrs.frozen(kw_only=True)
class EmailAttachmentInput(InputModel):
    """A file attached to an email sent with ``client.emails.send``.

    Attributes:
        filename: the file's name, e.g. ``"quote.pdf"``.
        content: the file's bytes, base64-encoded (``base64.b64encode(data).decode()``).
        mime_type: its MIME type, e.g. ``"application/pdf"`` (sent as ``mimeType``).
    """

    json_names: ClassVar[dict[str, str]] = {"mime_type": "mimeType"}

    filename: str = attrs.field(validator=_required_text)
    content: str = attrs.field(repr=False, validator=_checked(_base64))
    mime_type: str = attrs.field(validator=_required_text)


_optional_instant = _checked(lambda name, value: optional(iso_datetime, name, value))


@attrs.frozen(kw_only=True)
class MailboxFetchInput(InputModel):
    """One mailbox to read in ``client.email_accounts.fetch_messages_many``.

    Attributes:
        account_id: the email account.
        limit: the most messages to return, 1 to 500 (the API's default is 100).
        folder: the IMAP folder, e.g. ``"INBOX"``.
        include_body: also return each message's body (sent as ``includeBody``).
        from_date: only messages from this instant on (sent as ``from``).
        to_date: only messages up to this instant (sent as ``to``).
    """

    json_names: ClassVar[dict[str, str]] = {
        "include_body": "includeBody", "from_date": "from", "to_date": "to",
    }

    account_id: int = attrs.field(validator=_int(1))
    limit: int | None = attrs.field(default=None, validator=_opt_int(1, 500))
    folder: str | None = attrs.field(default=None, validator=_checked(
        lambda name, value: optional(text, name, value)
    ))
    include_body: bool | None = attrs.field(default=None, validator=_optional_bool)
    from_date: DateLike | None = attrs.field(default=None, validator=_optional_instant)
    to_date: DateLike | None = attrs.field(default=None, validator=_optional_instant)


def input_json(name: str, value: object, cls: type[InputModel]) -> dict[str, Any]:
    """The JSON of an input model argument, which must be a ``cls``."""
    if not isinstance(value, cls):
        raise InvalidArgumentTypeError(
            f"{name} must be a {cls.__name__}, got {type(value).__name__}"
        )
    return value.to_json()


def input_list(name: str, values: object, cls: type[InputModel]) -> list[dict[str, Any]]:
    """The JSON of a list of input models, each a ``cls`` (an empty list is allowed)."""
    items = items_of(name, values, cls.__name__)
    return [input_json(f"{name}[{index}]", item, cls) for index, item in enumerate(items)]


def lead_json(name: str, lead: object) -> dict[str, Any]:
    """The JSON of one lead: a :class:`LeadInput`, or a dict that has an ``email``."""
    if isinstance(lead, LeadInput):
        return lead.to_json()
    if isinstance(lead, Mapping):
        text(f"{name}['email']", lead.get("email"))
        for key in lead:
            if not isinstance(key, str):
                raise InvalidArgumentTypeError(f"{name} keys must be str, got {key!r}")
        return {key: to_wire(value) for key, value in lead.items() if value is not None}
    raise InvalidArgumentTypeError(
        f"{name} must be a LeadInput or a dict, got {type(lead).__name__}"
    )
