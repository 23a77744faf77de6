"""``client.email_accounts``: ``/email-accounts/...``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import (
    DateLike,
    compact,
    enum_value,
    flag,
    int_in_range,
    non_empty,
    optional,
    positive_id,
    query_bool,
    query_flag,
    require_any,
    text,
)
from .._base_client import APIClient
from .._constants import DEFAULT_PREFETCH
from .._decoding import Ack, ListOf, One, PageOf
from .._enums import (
    EmailAccountType,
    EmailAccountTypeValue,
    EmailWarmupStatus,
    EmailWarmupStatusValue,
)
from .._exceptions import InvalidArgumentTypeError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models.accounts import EmailAccount, EmailAccountSaved, WarmupStats
from ..models.common import OkResponse
from ..models.inputs import EmailAccountInput, MailboxFetchInput, input_list
from ..models.mailboxes import MailboxMessage, MailboxMessages
from ._base import OK, Resource
from .email_accounts_tags import EmailAccountTags

#: The most accounts ``GET /email-accounts/`` returns per request.
EMAIL_ACCOUNTS_PAGE_SIZE_MAX = 100
_UPDATABLE = (
    "max_email_per_day", "custom_tracking_url", "bcc", "signature", "client_id",
    "time_to_wait_in_mins", "from_name", "is_suspended",
)
#: The providers ``GET /email-accounts/`` can filter by (``esp``).
ESP_FILTERS = (EmailAccountType.GMAIL, EmailAccountType.OUTLOOK, EmailAccountType.SMTP)


class EmailAccounts(Resource):
    """The account's sending mailboxes. Responses carry passwords: they never show in repr.

    Sub-resource: ``tags``.
    """

    def __init__(self, api: APIClient) -> None:
        super().__init__(api)
        self.tags = EmailAccountTags(api)

    def list(
        self,
        *,
        client_id: int | None = None,
        username: str | None = None,
        esp: EmailAccountType | EmailAccountTypeValue | None = None,
        is_in_use: bool | None = None,
        email_warmup_status: EmailWarmupStatus | EmailWarmupStatusValue | None = None,
        is_smtp_success: bool | None = None,
        is_warmup_blocked: bool | None = None,
        fetch_campaigns: bool = False,
        page_size: int = EMAIL_ACCOUNTS_PAGE_SIZE_MAX,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[EmailAccount]:
        """Every email account, paging on its own (``GET /email-accounts/``).

        The API answers a bare array per page; a page shorter than ``page_size`` is the last.

        Args:
            client_id: only accounts of this client.
            username: only accounts whose username contains this text.
            esp: only accounts of this provider: GMAIL, OUTLOOK or SMTP.
            is_in_use: only accounts that are (``True``) or are not (``False``) attached to
                a campaign (``isInUse``).
            email_warmup_status: only accounts whose warmup is ACTIVE or INACTIVE.
            is_smtp_success: only accounts whose SMTP login works (``True``) or fails.
            is_warmup_blocked: only accounts whose warmup is (or is not) blocked.
            fetch_campaigns: also return the ids of each account's campaigns
                (``account.campaign_ids``).
            page_size: accounts per request, 1 to 100.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=EMAIL_ACCOUNTS_PAGE_SIZE_MAX)
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        filters = compact(
            client_id=optional(positive_id, "client_id", client_id),
            username=optional(text, "username", username),
            esp=optional(enum_value, "esp", esp, ESP_FILTERS),
            isInUse=optional(query_bool, "is_in_use", is_in_use),
            emailWarmupStatus=optional(
                enum_value, "email_warmup_status", email_warmup_status, EmailWarmupStatus
            ),
            isSmtpSuccess=optional(query_bool, "is_smtp_success", is_smtp_success),
            isWarmupBlocked=optional(query_bool, "is_warmup_blocked", is_warmup_blocked),
            fetch_campaigns=query_flag("fetch_campaigns", fetch_campaigns),
        )
        return self._paginate(
            "/email-accounts/", PageOf(EmailAccount), style=PaginationStyle.SHORT_PAGE,
            description="paging email accounts", filters=filters,
            page_size=page_size, start_offset=start_offset, prefetch=prefetch,
            options=options,
        )

    async def get(
        self, email_account_id: int, *, fetch_campaigns: bool = False, fetch_tags: bool = False,
        **options: Unpack[RequestOptions],
    ) -> EmailAccount:
        """One email account, with its warmup details (``GET /email-accounts/{id}/``).

        Args:
            email_account_id: the account.
            fetch_campaigns: also return the ids of its campaigns (``account.campaign_ids``).
            fetch_tags: also return its tags (``account.tags``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such account (also on a 200 with an empty body).
        """
        email_account_id = positive_id("email_account_id", email_account_id)
        params = compact(
            fetch_campaigns=query_flag("fetch_campaigns", fetch_campaigns),
            fetch_tags=query_flag("fetch_tags", fetch_tags),
        )
        return await self._request(
            "GET", f"/email-accounts/{email_account_id}/",
            One(EmailAccount, f"email account {email_account_id}"), params=params,
            options=options,
        )

    async def save(
        self, account: EmailAccountInput, **options: Unpack[RequestOptions]
    ) -> EmailAccountSaved:
        """Create an email account, or update one (``POST /email-accounts/save``).

        Args:
            account: the account; ``account.id`` ``None`` creates it, an id updates it.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        if not isinstance(account, EmailAccountInput):
            raise InvalidArgumentTypeError(
                f"account must be an EmailAccountInput, got {type(account).__name__}"
            )
        return await self._request(
            "POST", "/email-accounts/save", Ack(EmailAccountSaved), body=account.to_json(),
            options=options,
        )

    async def update(
        self,
        email_account_id: int,
        *,
        max_email_per_day: int | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        signature: str | None = None,
        client_id: int | None = None,
        time_to_wait_in_mins: int | None = None,
        from_name: str | None = None,
        is_suspended: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> EmailAccountSaved:
        """Change an email account's sending settings (``POST /email-accounts/{id}``).

        Only the settings given are sent.

        Args:
            email_account_id: the account.
            max_email_per_day: daily sending cap, at least 1.
            custom_tracking_url: the tracking domain (``""`` for none).
            bcc: an address to blind-copy on every email (``""`` for none).
            signature: the HTML signature.
            client_id: assign the account to this client.
            time_to_wait_in_mins: minimum minutes between two sends, at least 1.
            from_name: the sender name.
            is_suspended: suspend (``True``) or resume (``False``) all sending.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            max_email_per_day=optional(
                int_in_range, "max_email_per_day", max_email_per_day, minimum=1
            ),
            custom_tracking_url=optional(
                text, "custom_tracking_url", custom_tracking_url, allow_empty=True
            ),
            bcc=optional(text, "bcc", bcc, allow_empty=True),
            signature=optional(text, "signature", signature, allow_empty=True),
            client_id=optional(positive_id, "client_id", client_id),
            time_to_wait_in_mins=optional(
                int_in_range, "time_to_wait_in_mins", time_to_wait_in_mins, minimum=1
            ),
            from_name=optional(text, "from_name", from_name),
            is_suspended=optional(flag, "is_suspended", is_suspended),
        )
        require_any("update", body, _UPDATABLE)
        return await self._request(
            "POST", _path(email_account_id), Ack(EmailAccountSaved), body=body,
            options=options,
        )

    async def warmup(
        self,
        email_account_id: int,
        *,
        warmup_enabled: bool,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        warmup_key_id: str | None = None,
        auto_adjust_warmup: bool | None = None,
        is_rampup_enabled: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> EmailAccountSaved:
        """Turn warmup on or off and tune it (``POST /email-accounts/{id}/warmup``).

        Args:
            email_account_id: the account.
            warmup_enabled: ``True`` to warm up, ``False`` to stop.
            total_warmup_per_day: warmup emails per day, at least 1.
            daily_rampup: daily increase of warmup emails.
            reply_rate_percentage: share of warmup emails replied to, 0 to 100.
            warmup_key_id: a custom warmup key (the tag in warmup emails).
            auto_adjust_warmup: let SmartLead adjust the warmup volume to the account's
                results.
            is_rampup_enabled: raise the warmup volume gradually (by ``daily_rampup``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = compact(
            warmup_enabled=flag("warmup_enabled", warmup_enabled),
            total_warmup_per_day=optional(
                int_in_range, "total_warmup_per_day", total_warmup_per_day, minimum=1
            ),
            daily_rampup=optional(int_in_range, "daily_rampup", daily_rampup, minimum=0),
            reply_rate_percentage=optional(
                int_in_range, "reply_rate_percentage", reply_rate_percentage, minimum=0, maximum=100
            ),
            warmup_key_id=optional(text, "warmup_key_id", warmup_key_id, allow_empty=True),
            auto_adjust_warmup=optional(flag, "auto_adjust_warmup", auto_adjust_warmup),
            is_rampup_enabled=optional(flag, "is_rampup_enabled", is_rampup_enabled),
        )
        return await self._request(
            "POST", _path(email_account_id, "/warmup"), Ack(EmailAccountSaved), body=body,
            options=options,
        )

    async def warmup_stats(
        self, email_account_id: int, **options: Unpack[RequestOptions]
    ) -> WarmupStats:
        """Warmup counters of the last 7 days (``GET /email-accounts/{id}/warmup-stats``).

        Args:
            email_account_id: the account.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such account (also on a 200 with an empty body).
        """
        return await self._request(
            "GET", _path(email_account_id, "/warmup-stats"),
            One(WarmupStats, f"warmup stats of email account {email_account_id}"),
            options=options,
        )

    async def reconnect_failed(self, **options: Unpack[RequestOptions]) -> OkResponse:
        """Queue every disconnected account for reconnection.

        ``POST /email-accounts/reconnect-failed-email-accounts``. SmartLead allows this 3
        times per 24 hours; further calls fail with an :class:`APIStatusError`.

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "POST", "/email-accounts/reconnect-failed-email-accounts", OK, body={},
            options=options,
        )


    async def delete(
        self, email_account_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Delete an email account; it leaves every campaign (``DELETE /email-accounts/{id}``).

        Args:
            email_account_id: the account.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("DELETE", _path(email_account_id), OK, options=options)

    async def suspend(
        self, email_account_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Stop all sending from an account, campaigns and warmup alike.

        ``PUT /email-accounts/suspend/{id}``; :meth:`unsuspend` lifts it.

        Args:
            email_account_id: the account.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        email_account_id = positive_id("email_account_id", email_account_id)
        return await self._request(
            "PUT", f"/email-accounts/suspend/{email_account_id}", OK, options=options
        )

    async def unsuspend(
        self, email_account_id: int, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Let a suspended account send again (``DELETE /email-accounts/unsuspend/{id}``).

        Args:
            email_account_id: the account.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        email_account_id = positive_id("email_account_id", email_account_id)
        return await self._request(
            "DELETE", f"/email-accounts/unsuspend/{email_account_id}", OK, options=options
        )

    async def fetch_messages(
        self,
        email_account_id: int,
        *,
        limit: int | None = None,
        folder: str | None = None,
        include_body: bool | None = None,
        from_date: DateLike | None = None,
        to_date: DateLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[MailboxMessage]:
        """Read messages from a mailbox over IMAP (``POST /email-accounts/{id}/fetch-messages``).

        A read done with POST, so it is retried like a GET. Known from SmartLead's official
        CLI only (no SmartLead docs); the options are checked like those of
        :class:`MailboxFetchInput`.

        Args:
            email_account_id: the account.
            limit: the most messages to return, 1 to 500 (the API's default is 100).
            folder: the IMAP folder, e.g. ``"INBOX"``.
            include_body: also return each message's body (``includeBody``).
            from_date: only messages from this instant on (sent as ``from``).
            to_date: only messages up to this instant (sent as ``to``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        email_account_id = positive_id("email_account_id", email_account_id)
        body = MailboxFetchInput(
            account_id=email_account_id, limit=limit, folder=folder, include_body=include_body,
            from_date=from_date, to_date=to_date,
        ).to_json()
        del body["account_id"]  # the account is in the path
        return await self._request(
            "POST", _path(email_account_id, "/fetch-messages"), ListOf(MailboxMessage),
            body=body, options=options, idempotent=True,
        )

    async def fetch_messages_many(
        self, mailboxes: Iterable[MailboxFetchInput], **options: Unpack[RequestOptions]
    ) -> builtins.list[MailboxMessages]:
        """Read messages from several mailboxes in one request.

        ``POST /email-accounts/multi/fetch-messages`` with a JSON array body; a read, retried
        like a GET. Known from SmartLead's official CLI only (no SmartLead docs).

        Args:
            mailboxes: one :class:`MailboxFetchInput` per mailbox (at least one).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``); ``extra_body`` does
                not apply, the body being an array.
        """
        body = non_empty(
            "mailboxes", input_list("mailboxes", mailboxes, MailboxFetchInput),
            "MailboxFetchInput",
        )
        return await self._request(
            "POST", "/email-accounts/multi/fetch-messages", ListOf(MailboxMessages),
            body=body, options=options, idempotent=True,
        )


def _path(email_account_id: int, suffix: str = "") -> str:
    return f"/email-accounts/{positive_id('email_account_id', email_account_id)}{suffix}"
