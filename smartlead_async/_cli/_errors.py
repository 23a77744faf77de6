"""Exit codes, and turning any exception into one redacted line on stderr.

Every failure class has its own exit code, so scripts can tell a bad key from a flaky network:

==== ==========================================================================================
code meaning
==== ==========================================================================================
0    success
1    any other failure (e.g. an unexpected status)
2    bad arguments: command-line usage, an argument the SDK or the API rejected (400/422), a
     checkpoint that belongs to another export
3    authentication: no API key, or the API rejected it (401/403)
4    not found (404), e.g. an unknown campaign id
5    the API stayed unavailable: rate limited (429), server errors (5xx), connection failures,
     timeouts or unreadable responses, after every retry; or its pages contradicted each other
6    the output file or its checkpoint could not be written: no space left, permission denied,
     a directory, a device or a missing directory; or ``sync``'s database failed
130  interrupted (Ctrl-C, SIGINT); the output ends on a whole record, ``--resume`` continues it
143  terminated (SIGTERM), likewise
==== ==========================================================================================
"""

from __future__ import annotations

import enum
import sys
import traceback

from .._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InconsistentListingError,
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
from .._redact import redact
from ..db import DatabaseSyncError

__all__ = ["CliError", "ExitCode", "classify", "describe", "report", "resuming_can_help"]


class ExitCode(enum.IntEnum):
    """The process exit status for each class of outcome."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    AUTHENTICATION = 3
    NOT_FOUND = 4
    UNAVAILABLE = 5
    FILE = 6
    INTERRUPTED = 130
    TERMINATED = 143


class CliError(Exception):
    """A failure the CLI itself detects (a bad checkpoint, an unwritable output path)."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.code = code


# First match wins, so subclasses come before their bases.
_CLASSES: tuple[tuple[type[BaseException], ExitCode, str], ...] = (
    (MissingAPIKeyError, ExitCode.AUTHENTICATION, "no API key"),
    (AuthenticationError, ExitCode.AUTHENTICATION, "authentication failed"),
    (PermissionDeniedError, ExitCode.AUTHENTICATION, "permission denied"),
    (NotFoundError, ExitCode.NOT_FOUND, "not found"),
    (BadRequestError, ExitCode.USAGE, "the API rejected the request"),
    (UnprocessableEntityError, ExitCode.USAGE, "the API rejected the arguments"),
    (InvalidArgumentError, ExitCode.USAGE, "invalid argument"),
    (InvalidArgumentTypeError, ExitCode.USAGE, "invalid argument"),
    (RateLimitError, ExitCode.UNAVAILABLE, "still rate limited after retrying"),
    (ServerError, ExitCode.UNAVAILABLE, "server error"),
    (APITimeoutError, ExitCode.UNAVAILABLE, "timed out"),
    (APIConnectionError, ExitCode.UNAVAILABLE, "connection failed"),
    (APIResponseError, ExitCode.UNAVAILABLE, "unreadable response"),
    (InconsistentListingError, ExitCode.UNAVAILABLE, "inconsistent pages"),
    (APIStatusError, ExitCode.FAILURE, "unexpected API error"),
    (DatabaseSyncError, ExitCode.FILE, "database error"),
    (SmartleadError, ExitCode.FAILURE, "error"),
    (OSError, ExitCode.FILE, "file error"),
)

#: Failures that a later run can get past: the service recovers, space is freed. A rejected
#: key, a missing campaign or a bad argument fail the same way again.
_RESUMABLE = frozenset({ExitCode.UNAVAILABLE, ExitCode.FILE})


def resuming_can_help(error: BaseException) -> bool:
    """Whether rerunning with ``--resume`` may get past ``error``."""
    return classify(error)[0] in _RESUMABLE


def _leaf(error: BaseException) -> BaseException:
    """The first real error inside (nested) exception groups from task groups."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def classify(error: BaseException) -> tuple[ExitCode, str]:
    """The exit code and a short label for an exception."""
    error = _leaf(error)
    if isinstance(error, CliError):
        return error.code, ""
    for cls, code, label in _CLASSES:
        if isinstance(error, cls):
            return code, label
    return ExitCode.FAILURE, f"internal error ({type(error).__name__})"


def _detail(error: BaseException) -> str:
    if isinstance(error, APIError):
        status = f"HTTP {error.status_code}: " if isinstance(error, APIStatusError) else ""
        where = f"{error.method} {error.path}"
        if error.attempts > 1:
            where += f", {error.attempts} attempts"
        text = f"{status}{error.message} ({where})"
        if error.context:
            text += f" while {error.context}"
        return text
    if isinstance(error, OSError) and error.strerror:
        name = f" {error.filename}" if error.filename else ""
        return f"{error.strerror}{':' if name else ''}{name}"
    return str(error) or type(error).__name__


def describe(error: BaseException, *secrets: str) -> str:
    """One line saying what went wrong, with every secret and ``api_key=`` value masked."""
    _, label = classify(error)
    detail = _detail(_leaf(error))
    text = f"{label}: {detail}" if label else detail
    return redact(" ".join(text.split()), *secrets)


def report(error: BaseException, *secrets: str, verbose: bool, hint: str = "") -> ExitCode:
    """Print ``error`` on stderr (a redacted traceback first when ``verbose``); its exit code."""
    code, _ = classify(error)
    if verbose:
        text = "".join(traceback.format_exception(error))
        sys.stderr.write(redact(text, *secrets))
    line = f"smartlead-async: error: {describe(error, *secrets)}"
    if hint:
        line += f" ({hint})"
    sys.stderr.write(line + "\n")
    return code
