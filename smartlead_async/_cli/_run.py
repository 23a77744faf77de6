"""Running a command: logging, the event loop, Ctrl-C and SIGTERM, errors and exit codes."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

import click

from ._backend import api_key_of
from ._errors import ExitCode, report
from ._logs import verbose_logging
from ._options import Settings

__all__ = ["notify", "run"]


def notify(message: str) -> None:
    """A note on stderr (above the progress bar when one is drawn)."""
    click.echo(f"smartlead-async: {message}", err=True)


def run(
    settings: Settings,
    main: Callable[[], Coroutine[Any, Any, None]],
    *,
    on_interrupt: Callable[[], str] = lambda: "interrupted",
    on_error: Callable[[BaseException], str] = lambda error: "",
    secrets: Sequence[str] = (),
) -> ExitCode:
    """Run ``main`` in a new event loop and turn its outcome into an exit code.

    Ctrl-C (asyncio's own handler) and SIGTERM cancel ``main``, which stops at its next
    ``await``; the exit code is then 130 or 143 with ``on_interrupt()`` on stderr. An error
    prints one redacted line, with ``on_error(error)`` as a hint. ``secrets`` (a database
    password...) are masked like the API key, in that line and in the logs.
    """
    secrets = tuple(key for key in (api_key_of(settings), settings.api_key, *secrets) if key)
    with verbose_logging(settings.verbose, *secrets):
        try:
            asyncio.run(_cancelled_by_sigterm(main))
        except (KeyboardInterrupt, asyncio.CancelledError) as stop:
            sys.stderr.write(f"smartlead-async: {on_interrupt()}\n")
            if isinstance(stop, KeyboardInterrupt):
                return ExitCode.INTERRUPTED
            return ExitCode.TERMINATED
        except Exception as error:
            return report(error, *secrets, verbose=settings.verbose > 0, hint=on_error(error))
    return ExitCode.OK


async def _cancelled_by_sigterm(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``main`` with SIGTERM cancelling it (where the loop supports signal handlers)."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    try:
        loop.add_signal_handler(signal.SIGTERM, task.cancel)
    except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
        await main()
        return
    try:
        await main()
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
