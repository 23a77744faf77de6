"""Constants shared across the SDK: endpoints, defaults and documented API limits."""

from __future__ import annotations

DEFAULT_BASE_URL = "https://server.smartlead.ai/api/v1"
# SmartLead's other products, each on its own host (route catalogue 1.1). SmartProspect's
# ``/search-email-leads`` segment belongs to its base: route paths start after it.
DEFAULT_PROSPECT_BASE_URL = "https://prospect-api.smartlead.ai/api/v1/search-email-leads"
DEFAULT_DELIVERY_BASE_URL = "https://smartdelivery.smartlead.ai/api/v1"
DEFAULT_SENDERS_BASE_URL = "https://smart-senders.smartlead.ai/api/v1"
API_KEY_ENV_VAR = "SMARTLEAD_API_KEY"
BASE_URL_ENV_VAR = "SMARTLEAD_BASE_URL"

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 4

# The largest response body the SDK holds in memory, and how much of an error body it reads.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
ERROR_BODY_MAX_BYTES = 64 * 1024
# The longest an x-ratelimit-reset header may pause every request of a key.
DEFAULT_MAX_RATE_LIMIT_PAUSE = 60.0

# Backoff between retries: INITIAL * 2**(attempt-1), capped, with full jitter in [0.5, 1] of it.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After above this is not "sane": fall back to computed backoff.
MAX_RETRY_AFTER = 60.0

# SmartLead documents 10 requests every 2 seconds per API key.
DEFAULT_RATE_LIMIT_REQUESTS = 10
DEFAULT_RATE_LIMIT_SECONDS = 2.0
# The extra spacing every start gets on top of the window, beside its own lateness (how much
# slower than the fastest its round trip was), so that jitter cannot squeeze N+1 arrivals into
# the server's window. It covers what the round trips cannot show; every window pays it once.
DEFAULT_RATE_LIMIT_MARGIN = 0.02

RETRYABLE_STATUS_CODES = frozenset({408, 429, 500, 502, 503, 504})

LEADS_PAGE_SIZE_MAX = 100
ACTIVITIES_PAGE_SIZE_MAX = 1000
LEAD_LISTS_PAGE_SIZE_MAX = 1000
ACCOUNT_LEADS_PAGE_SIZE_MAX = 1000
BLOCK_LIST_PAGE_SIZE_MAX = 1000
# The master-inbox views take at most 20 threads per request; untracked replies 100.
INBOX_PAGE_SIZE_MAX = 20
UNTRACKED_REPLIES_PAGE_SIZE_MAX = 100
DEFAULT_PREFETCH = 10
