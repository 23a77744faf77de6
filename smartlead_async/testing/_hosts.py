"""SmartLead's four hosts, as the fake serves them: one origin, one path prefix per product.

SmartLead serves its core API, SmartProspect, Smart Delivery and Smart Senders from four hosts
(route catalogue 1.1). The fake answers on one origin (in-process or one loopback port), so
each product gets the path its host would have, under a prefix named after the host: a
client pointed at the right base URLs reaches each product, and a request sent to the wrong
one (Smart Senders on the core host, say) gets the 404 the live API gives.
"""

from __future__ import annotations

from ._router import API_PREFIX

__all__ = ["HOST_PREFIXES", "base_urls", "host_of"]

#: Product -> the path below the origin that stands for its host's base URL.
HOST_PREFIXES = {
    "core": API_PREFIX,
    "prospect": "/prospect-api" + API_PREFIX + "/search-email-leads",
    "delivery": "/smartdelivery" + API_PREFIX,
    "senders": "/smart-senders" + API_PREFIX,
}
#: ``SmartleadClient`` keyword of each product's base URL.
_CLIENT_OPTIONS = {
    "core": "base_url",
    "prospect": "prospect_base_url",
    "delivery": "delivery_base_url",
    "senders": "senders_base_url",
}


def host_of(path: str) -> str | None:
    """The product whose prefix ``path`` is under, or ``None``."""
    for host, prefix in HOST_PREFIXES.items():
        if path == prefix or path.startswith(prefix + "/"):
            return host
    return None


def base_urls(origin: str) -> dict[str, str]:
    """The base URL of each product at ``origin``, as ``SmartleadClient`` keywords."""
    origin = origin.rstrip("/")
    return {_CLIENT_OPTIONS[host]: origin + prefix for host, prefix in HOST_PREFIXES.items()}
