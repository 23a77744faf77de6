"""smartlead-async: the asyncio SDK for the SmartLead cold-email REST API.

Start with :class:`SmartleadClient`; see the README for the guarantees (rate limit, retries,
pagination) and :mod:`smartlead_async.testing` for the fake SmartLead server.
"""

from ._client import SmartleadClient
from ._enums import CampaignStatus, CampaignStatusAction, EmailStatus, LeadStatus
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MissingAPIKeyError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SmartleadError,
    UnprocessableEntityError,
)
from ._fan_in import FanIn, FanInError, ListingFailure
from ._limiter import LeakyBucketLimiter, RateLimit, RateLimiter, SlidingWindowLimiter
from ._model_base import Model
from ._models import (
    Campaign,
    CampaignLead,
    CampaignSchedule,
    CampaignTag,
    EmailActivity,
    Lead,
    LeadActivity,
    Page,
    ReplyDetails,
)
from ._pagination import AsyncPaginator, PaginationStyle

__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "Campaign",
    "CampaignLead",
    "CampaignSchedule",
    "CampaignStatus",
    "CampaignStatusAction",
    "CampaignTag",
    "ClientClosedError",
    "EmailActivity",
    "EmailStatus",
    "FanIn",
    "FanInError",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "Lead",
    "LeadActivity",
    "LeadStatus",
    "LeakyBucketLimiter",
    "ListingFailure",
    "MissingAPIKeyError",
    "Model",
    "NotFoundError",
    "Page",
    "PaginationStyle",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RateLimiter",
    "ReplyDetails",
    "ServerError",
    "SlidingWindowLimiter",
    "SmartleadClient",
    "SmartleadError",
    "UnprocessableEntityError",
    "__version__",
]
