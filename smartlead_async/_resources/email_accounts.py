"""``client.email_accounts``: ``/email-accounts/...``."""

from __future__ import annotations

from .._constants import DEFAULT_PREFETCH
from .._exceptions import InvalidArgumentTypeError
from .._inputs import EmailAccountInput
from .._models_accounts import EmailAccount, EmailAccountSaved, WarmupStats
from .._models_common import OkResponse
from .._pagination import AsyncPaginator, PaginationStyle, ResumePoint
from .._validate import int_in_range, positive_id
from ._args import compact, flag, opt_id, opt_int, opt_text, require_any
from ._base import Resource

#: The most accounts ``GET /email-accounts/`` returns per request.
EMAIL_ACCOUNTS_PAGE_SIZE_MAX = 100
_UPDATABLE = (
    "max_email_per_day", "custom_tracking_url", "bcc", "signature", "client_id",
    "time_to_wait_in_mins",
)


def _account_key(item: EmailAccount) -> int:
    return item.id


class EmailAccounts(Resource):
    """The account's sending mailboxes. Responses carry passwords: they never show in repr."""

    def list(
        self,
        *,
        page_size: int = EMAIL_ACCOUNTS_PAGE_SIZE_MAX,
        start_offset: int | None = None,
        start_from: ResumePoint | None = None,
        prefetch: int = DEFAULT_PREFETCH,
    ) -> AsyncPaginator[EmailAccount]:
        """Every email account, paging on its own (``GET /email-accounts/``).

        The API answers a bare array per page; a page shorter than ``page_size`` is the last.

        Args:
            page_size: accounts per request, 1 to 100.
            start_offset: offset to start from (default 0).
            start_from: a :class:`ResumePoint` (``error.resume_point`` after a failure,
                ``paginator.resume_point``) to continue an earlier iteration from: no
                record lost, none repeated. Not together with ``start_offset``.
            prefetch: the most pages requested at once, 1 to 100.
        """
        page_size = int_in_range("page_size", page_size, minimum=1,
                                 maximum=EMAIL_ACCOUNTS_PAGE_SIZE_MAX)

        return self._paginate(
            "/email-accounts/", EmailAccount, style=PaginationStyle.SHORT_PAGE,
            key=_account_key, description="paging email accounts",
            page_size=page_size, start_offset=start_offset, start_from=start_from,
            prefetch=prefetch,
        )

    async def get(self, email_account_id: int) -> EmailAccount:
        """One email account, with its warmup details (``GET /email-accounts/{id}/``).

        Args:
            email_account_id: the account.

        Raises:
            NotFoundError: no such account (also on a 200 with an empty body).
        """
        email_account_id = positive_id("email_account_id", email_account_id)
        return await self._get_object(
            f"/email-accounts/{email_account_id}/", EmailAccount,
            f"email account {email_account_id}",
        )

    async def save(self, account: EmailAccountInput) -> EmailAccountSaved:
        """Create an email account, or update one (``POST /email-accounts/save``).

        Args:
            account: the account; ``account.id`` ``None`` creates it, an id updates it.
        """
        if not isinstance(account, EmailAccountInput):
            raise InvalidArgumentTypeError(
                f"account must be an EmailAccountInput, got {type(account).__name__}"
            )
        return await self._write(
            "POST", "/email-accounts/save", EmailAccountSaved, json_body=account.to_json()
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
        """
        body = compact(
            max_email_per_day=opt_int("max_email_per_day", max_email_per_day, minimum=1),
            custom_tracking_url=opt_text("custom_tracking_url", custom_tracking_url),
            bcc=opt_text("bcc", bcc),
            signature=opt_text("signature", signature),
            client_id=opt_id("client_id", client_id),
            time_to_wait_in_mins=opt_int("time_to_wait_in_mins", time_to_wait_in_mins,
                                         minimum=1),
        )
        require_any("update", body, _UPDATABLE)
        return await self._write("POST", _path(email_account_id), EmailAccountSaved,
                                 json_body=body)

    async def warmup(
        self,
        email_account_id: int,
        *,
        warmup_enabled: bool,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        warmup_key_id: str | None = None,
    ) -> EmailAccountSaved:
        """Turn warmup on or off and tune it (``POST /email-accounts/{id}/warmup``).

        Args:
            email_account_id: the account.
            warmup_enabled: ``True`` to warm up, ``False`` to stop.
            total_warmup_per_day: warmup emails per day, at least 1.
            daily_rampup: daily increase of warmup emails.
            reply_rate_percentage: share of warmup emails replied to, 0 to 100.
            warmup_key_id: a custom warmup key (the tag in warmup emails).
        """
        body = compact(
            warmup_enabled=flag("warmup_enabled", warmup_enabled),
            total_warmup_per_day=opt_int("total_warmup_per_day", total_warmup_per_day,
                                         minimum=1),
            daily_rampup=opt_int("daily_rampup", daily_rampup, minimum=0),
            reply_rate_percentage=opt_int("reply_rate_percentage", reply_rate_percentage,
                                          minimum=0, maximum=100),
            warmup_key_id=opt_text("warmup_key_id", warmup_key_id),
        )
        return await self._write("POST", _path(email_account_id, "/warmup"), EmailAccountSaved,
                                 json_body=body)

    async def warmup_stats(self, email_account_id: int) -> WarmupStats:
        """Warmup counters of the last 7 days (``GET /email-accounts/{id}/warmup-stats``).

        Args:
            email_account_id: the account.

        Raises:
            NotFoundError: no such account (also on a 200 with an empty body).
        """
        return await self._get_object(
            _path(email_account_id, "/warmup-stats"), WarmupStats,
            f"warmup stats of email account {email_account_id}",
        )

    async def reconnect_failed(self) -> OkResponse:
        """Queue every disconnected account for reconnection.

        ``POST /email-accounts/reconnect-failed-email-accounts``. SmartLead allows this 3
        times per 24 hours; further calls fail with an :class:`APIStatusError`.
        """
        return await self._ok(
            "POST", "/email-accounts/reconnect-failed-email-accounts", json_body={}
        )


def _path(email_account_id: int, suffix: str = "") -> str:
    return f"/email-accounts/{positive_id('email_account_id', email_account_id)}{suffix}"
