"""SendKit's enumerations (open: a value SendKit adds later is kept, not refused)."""

from __future__ import annotations

from typing import Literal

from .._enums import _OpenEnum

__all__ = ["SendkitLeadStatus", "SendkitLeadStatusValue"]


class SendkitLeadStatus(_OpenEnum):
    """A lead's status within a SendKit campaign (the ``status`` filter of its listing)."""

    PENDING = "pending"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    BOUNCED = "bounced"
    UNSUBSCRIBED = "unsubscribed"
    REPLIED = "replied"
    REMOVED = "removed"

#: The values of :class:`SendkitLeadStatus`, as a ``Literal`` for typing parameters.
SendkitLeadStatusValue = Literal[
    "pending", "active", "paused", "completed", "bounced", "unsubscribed", "replied", "removed"
]
