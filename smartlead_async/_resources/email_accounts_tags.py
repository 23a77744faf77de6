"""``client.email_accounts.tags``: tags that group email accounts.

``/email-accounts/tags``, ``/email-accounts/tag-manager``, ``/email-accounts/tag-mapping``,
``/email-accounts/tag-list`` and ``/tags``.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import compact, hex_color, id_list, optional, positive_id, text, text_list
from .._decoding import Ack, ListOf
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from ..models.common import OkResponse
from ..models.mailboxes import EmailAccountTag, EmailAccountTagList, EmailAccountTagSaved
from ._base import OK, Resource

#: The most email accounts ``POST /email-accounts/tag-mapping`` tags per request.
TAG_MAPPING_ACCOUNTS_MAX = 25
_MAPPING = "/email-accounts/tag-mapping"


class EmailAccountTags(Resource):
    """Tags of email accounts: create, rename, attach to and detach from accounts."""

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[EmailAccountTag]:
        """Every email-account tag of the account (``GET /email-accounts/tags``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/email-accounts/tags", ListOf(EmailAccountTag), options=options
        )

    async def create(
        self, name: str, *, color: str | None = None, **options: Unpack[RequestOptions]
    ) -> EmailAccountTagSaved:
        """Create a tag (``POST /tags``, the newer route).

        Args:
            name: the tag's name.
            color: its colour as ``#RRGGBB``; SmartLead picks one when not given.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(name=text("name", name), color=optional(hex_color, "color", color))
        return await self._request(
            "POST", "/tags", Ack(EmailAccountTagSaved), body=body, options=options
        )

    async def upsert(
        self, *, name: str, color: str, tag_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> EmailAccountTagSaved:
        """Create a tag, or rename and recolour one (``POST /email-accounts/tag-manager``).

        Args:
            name: the tag's name.
            color: its colour as ``#RRGGBB``.
            tag_id: the tag to change; ``None`` creates one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            id=optional(positive_id, "tag_id", tag_id),
            name=text("name", name),
            color=hex_color("color", color),
        )
        return await self._request(
            "POST", "/email-accounts/tag-manager", Ack(EmailAccountTagSaved), body=body,
            options=options,
        )

    async def by_email(
        self, emails: Iterable[str], **options: Unpack[RequestOptions]
    ) -> builtins.list[EmailAccountTagList]:
        """The tags of the email accounts sending from these addresses.

        ``POST /email-accounts/tag-list`` (a read done with POST, so it is retried like a
        GET). Addresses that are no account of yours are left out of the answer.

        Args:
            emails: the accounts' addresses (``from_email``), at least one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"email_ids": text_list("emails", emails)}
        return await self._request(
            "POST", "/email-accounts/tag-list", ListOf(EmailAccountTagList), body=body,
            options=options, idempotent=True,
        )

    async def add(
        self, email_account_ids: Iterable[int], tag_ids: Iterable[int],
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Tag email accounts (``POST /email-accounts/tag-mapping``).

        Args:
            email_account_ids: the accounts, 1 to 25.
            tag_ids: the tags to give each of them, at least one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = _mapping(email_account_ids, tag_ids)
        if len(body["email_account_ids"]) > TAG_MAPPING_ACCOUNTS_MAX:
            raise InvalidArgumentError(
                f"email_account_ids may hold at most {TAG_MAPPING_ACCOUNTS_MAX} accounts per "
                f"request, got {len(body['email_account_ids'])}"
            )
        return await self._request("POST", _MAPPING, OK, body=body, options=options)

    async def remove(
        self, email_account_ids: Iterable[int], tag_ids: Iterable[int],
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Take tags off email accounts (``DELETE /email-accounts/tag-mapping``, JSON body).

        Args:
            email_account_ids: the accounts, at least one.
            tag_ids: the tags to take off, at least one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = _mapping(email_account_ids, tag_ids)
        return await self._request("DELETE", _MAPPING, OK, body=body, options=options)


def _mapping(email_account_ids: Iterable[int], tag_ids: Iterable[int]) -> dict[str, list[int]]:
    return {
        "email_account_ids": id_list("email_account_ids", email_account_ids),
        "tag_ids": id_list("tag_ids", tag_ids),
    }
