"""SendKit's endpoint, key variable and documented limits."""

from __future__ import annotations

SENDKIT_BASE_URL = "https://api.sendkit.ai/v1"
SENDKIT_API_KEY_ENV_VAR = "SENDKIT_API_KEY"
#: ``limit`` of the listings: 1 to 100.
SENDKIT_PAGE_SIZE_MAX = 100
