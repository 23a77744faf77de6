"""``-v``: debug logs on stderr, with the API key masked in every line (httpx's INFO too)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .._redact import redact

__all__ = ["RedactingFormatter", "verbose_logging"]


class RedactingFormatter(logging.Formatter):
    """Formats a record, then masks ``api_key=...`` and the given secrets in the whole text
    (message, arguments and traceback alike)."""

    def __init__(self, *secrets: str) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
        self._secrets = tuple(secret for secret in secrets if secret)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), *self._secrets)


@contextmanager
def verbose_logging(verbose: int, *secrets: str) -> Iterator[None]:
    """With ``verbose`` >= 1, log the SDK at DEBUG and httpx's request lines (INFO) to stderr;
    with 2 or more, httpcore's connection events too. Restores the loggers afterwards."""
    if verbose < 1:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(*secrets))
    levels = {"smartlead_async": logging.DEBUG, "httpx": logging.INFO}
    if verbose >= 2:
        levels["httpcore"] = logging.DEBUG
    saved = {}
    for name, level in levels.items():
        logger = logging.getLogger(name)
        saved[name] = logger.level
        logger.setLevel(level)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for name, level in saved.items():
            logger = logging.getLogger(name)
            logger.removeHandler(handler)
            logger.setLevel(level)
