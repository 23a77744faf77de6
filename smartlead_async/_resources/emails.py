"""``client.emails``: ``POST /send-email/initiate``, one email outside any campaign."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from .._args import compact, optional, positive_id, text
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from ..models.common import OkResponse
from ..models.inputs import EmailAttachmentInput, input_list
from ._base import OK, Resource, without_retries


class Emails(Resource):
    """Single emails sent from one of your email accounts."""

    async def send(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        from_email: str | None = None,
        from_email_id: int | None = None,
        from_name: str | None = None,
        reply_to: str | None = None,
        attachments: Iterable[EmailAttachmentInput] | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Send one transactional email. **This sends a real email.**

        ``POST /send-email/initiate`` (camelCase body). Give the sending account by address
        (``from_email``) or by id (``from_email_id``). Never retried automatically: a retry
        could send the email twice (pass ``max_retries=`` to allow retries anyway).

        Args:
            to: the recipient's address.
            subject: the subject line.
            body: the body, HTML or plain text.
            from_email: the address of the email account to send from (``fromEmail``).
            from_email_id: the id of the email account to send from (``fromEmailId``).
            from_name: the sender's display name (``fromName``).
            reply_to: the Reply-To address (``replyTo``).
            attachments: files to attach, each an :class:`EmailAttachmentInput`.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            InvalidArgumentError: neither or both of ``from_email`` and ``from_email_id``
                (before any request).
        """
        if (from_email is None) == (from_email_id is None):
            raise InvalidArgumentError("give exactly one of from_email and from_email_id")
        payload = compact(
            to=text("to", to),
            subject=text("subject", subject),
            body=text("body", body),
            fromEmail=optional(text, "from_email", from_email),
            fromEmailId=optional(positive_id, "from_email_id", from_email_id),
            fromName=optional(text, "from_name", from_name),
            replyTo=optional(text, "reply_to", reply_to),
            attachments=optional(input_list, "attachments", attachments, EmailAttachmentInput),
        )
        return await self._request(
            "POST", "/send-email/initiate", OK, body=payload, options=without_retries(options)
        )
