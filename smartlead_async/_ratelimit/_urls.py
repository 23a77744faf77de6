"""Store URLs: ``memory://``, ``sqlite:///path``, ``sqlite://`` and ``redis://host:port/db``.

The URL may carry a password (``redis://:secret@host``): only :func:`redact_store_url`'s form
ever goes into a message, a log line or a repr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import attrs

from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = [
    "StoreURL",
    "check_store_url",
    "default_cache_dir",
    "parse_store_url",
    "redact_store_url",
]

SCHEMES = ("memory", "sqlite", "redis", "rediss")


@attrs.frozen
class StoreURL:
    """A parsed store URL.

    Attributes:
        scheme: ``memory``, ``sqlite``, ``redis`` or ``rediss``.
        url: the URL as given (may hold a password: never print it).
        path: the SQLite file, or ``None`` for the default one in the cache directory.
    """

    scheme: str
    url: str = attrs.field(repr=False)
    path: Path | None = None

    @property
    def password(self) -> str:
        """The password in the URL, or ``""`` (only ever used to mask it)."""
        return urlsplit(self.url).password or ""

    @property
    def redacted(self) -> str:
        """The URL with any user name and password masked."""
        return redact_store_url(self.url)


def redact_store_url(url: str) -> str:
    """``redis://:secret@host:6379/0`` -> ``redis://***@host:6379/0``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable store URL>"
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


def parse_store_url(url: str, *, name: str = "store") -> StoreURL:
    """Parse a store URL.

    Raises:
        ValueError: an unknown scheme or a malformed URL (the message names ``name`` and
            shows the URL with its password masked).
    """
    if not isinstance(url, str):
        raise InvalidArgumentTypeError(
            f"{name} must be a str URL or None, got {type(url).__name__}"
        )
    shown = redact_store_url(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in SCHEMES:
        raise InvalidArgumentError(
            f"{name} must be a URL starting memory://, sqlite:// or redis:// (rediss://), "
            f"got {shown!r}"
        )
    if parts.scheme == "memory":
        return StoreURL("memory", url)
    if parts.scheme == "sqlite":
        if parts.netloc:
            raise InvalidArgumentError(
                f"{name}: a SQLite URL is sqlite:///path/to/file.db (three slashes) or sqlite:// "
                f"for the default file, got {shown!r}"
            )
        return StoreURL("sqlite", url, Path(parts.path) if parts.path else None)
    if not parts.hostname and not parts.path.strip("/"):
        raise InvalidArgumentError(
            f"{name}: a Redis URL needs a host, e.g. redis://localhost:6379/0"
        )
    return StoreURL(parts.scheme, url)


def check_store_url(url: str, *, name: str) -> None:
    """Validate ``url`` (see :func:`parse_store_url`), raising a clear ``ValueError``."""
    parse_store_url(url, name=name)


def default_cache_dir() -> Path:
    """The user's cache directory for this package (XDG, macOS or Windows conventions)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "smartlead-async"
