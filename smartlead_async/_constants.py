"""Constants shared across the SDK: endpoints, defaults and documented API limits."""

from __future__ import annotations

DEFAULT_BASE_URL = "https://server.smartlead.ai/api/v1"
API_KEY_ENV_VAR = "SMARTLEAD_API_KEY"
BASE_URL_ENV_VAR = "SMARTLEAD_BASE_URL"

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 4

# Backoff between retries: INITIAL * 2**(attempt-1), capped, with full jitter in [0.5, 1] of it.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After above this is not "sane": fall back to computed backoff.
MAX_RETRY_AFTER = 60.0

# SmartLead documents 10 requests every 2 seconds per API key.
DEFAULT_RATE_LIMIT_REQUESTS = 10
DEFAULT_RATE_LIMIT_SECONDS = 2.0
# Extra spacing on top of the window so network jitter cannot squeeze N+1 arrivals into it.
DEFAULT_RATE_LIMIT_MARGIN = 0.05

RETRYABLE_STATUS_CODES = frozenset({408, 429, 500, 502, 503, 504})

LEADS_PAGE_SIZE_MAX = 100
ACTIVITIES_PAGE_SIZE_MAX = 1000
DEFAULT_PREFETCH = 10
