"""Database URLs: plain ``sqlite:///`` and ``postgresql://`` mapped to their async drivers,
and a form with the password masked for every message."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError

__all__ = ["DatabaseURL", "database_url"]

#: URL scheme -> (the async dialect+driver SQLAlchemy is given, the module it needs).
_DRIVERS = {
    "sqlite": ("sqlite+aiosqlite", "aiosqlite"),
    "sqlite+aiosqlite": ("sqlite+aiosqlite", "aiosqlite"),
    "postgresql": ("postgresql+asyncpg", "asyncpg"),
    "postgres": ("postgresql+asyncpg", "asyncpg"),
    "postgresql+asyncpg": ("postgresql+asyncpg", "asyncpg"),
}
_ALLOWED = "sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"


@dataclass(frozen=True)
class DatabaseURL:
    """A checked target database.

    Attributes:
        url: the SQLAlchemy URL with its async driver.
        driver: the driver module it needs (``aiosqlite``, ``asyncpg``).
        password: the password it carries ("" when none), to mask in messages.
        shown: the URL as given, its password masked.
    """

    url: URL
    driver: str
    password: str
    shown: str

    def __str__(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"DatabaseURL({str(self)!r})"


def database_url(name: str, value: object) -> DatabaseURL:
    """Read ``value`` as a target database URL (``name`` is the parameter, for errors)."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(
            f"{name} must be a database URL string ({_ALLOWED}); got {type(value).__name__}"
        )
    try:
        parsed = make_url(value.strip())
    except ArgumentError:
        # The text may hold a password: only its scheme is shown.
        scheme = value.split(":", 1)[0] if ":" in value else "?"
        raise InvalidArgumentError(
            f"{name} is not a database URL (scheme {scheme!r}); expected {_ALLOWED}"
        ) from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise InvalidArgumentError(
            f"{name} must be a SQLite or PostgreSQL URL ({_ALLOWED}); "
            f"got the scheme {parsed.drivername!r}"
        )
    dialect, module = driver
    shown = parsed.render_as_string(hide_password=True)
    parsed = parsed.set(drivername=dialect)
    if dialect.startswith("sqlite") and parsed.database in (None, "", ":memory:"):
        raise InvalidArgumentError(
            f"{name} must name a SQLite file (sqlite:///smartlead.db): an in-memory database "
            "is gone when the sync ends"
        )
    return DatabaseURL(parsed, module, parsed.password or "", shown)
