"""The embedded store: one small SQLite file shared by the processes of one machine.

Each operation is one ``BEGIN IMMEDIATE`` transaction: read the window's row, apply the
:class:`~._window.WindowState` rule, write the row back. WAL mode lets readers and the one
writer work side by side; the calls run in a worker thread so the event loop never blocks.
Times are wall-clock (``time.time()``, shared by every process on the machine and kept across
reboots); a start dated implausibly far ahead, after a clock step, is dropped.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from ._store import StoreUnavailable, apply_pending
from ._urls import StoreURL
from ._window import Decision, Window, WindowState

__all__ = ["SqliteStore"]

T = TypeVar("T")

#: How long a statement waits for another process's transaction (milliseconds).
BUSY_TIMEOUT_MS = 5000
#: How long a transaction is retried, in all, while SQLite reports the file locked.
LOCKED_FOR = 5.0
#: The first pause between those retries (seconds); it doubles up to a tenth of a second.
FIRST_PAUSE = 0.005

_SCHEMA = "CREATE TABLE IF NOT EXISTS windows (key TEXT PRIMARY KEY, state TEXT NOT NULL)"


class SqliteStore:
    """A window in a SQLite database file (created with its directory on first use).

    Args:
        path: the database file.
        key: the window's name in it (a hash of the API key and server, and the limit).
        url: the URL it came from, for messages.
    """

    def __init__(self, path: Path, *, key: str, url: StoreURL) -> None:
        self.path = path
        self._key = key
        self._url = url
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        self._connection: sqlite3.Connection | None = None

    @property
    def name(self) -> str:
        return f"sqlite:///{self.path}" if self._url.path is None else self._url.redacted

    async def admit(self, window: Window, margin: float, pause: float, halve: bool) -> Decision:
        def admit(state: WindowState, now: float) -> Decision:
            apply_pending(state, now, window, pause, halve)
            return state.admit(now, window, margin)

        return await self._run(admit)

    async def redate(self, start_id: int) -> None:
        # Dated when asked, not when the transaction gets the file: under contention that
        # can be milliseconds later, and every window would pay them (one clock: this machine's).
        asked = time.time()
        await self._run(lambda state, now: state.redate(start_id, min(asked, now)))

    async def settle(self, holds: Sequence[tuple[int, float]]) -> None:
        await self._run(lambda state, now: state.settle(holds))

    async def refuse(
        self, start_id: int, window: Window, pause: float, jitter: float, widened: float | None
    ) -> bool:
        return await self._run(
            lambda state, now: state.refuse(start_id, now, window, pause, jitter, widened)
        )

    async def aclose(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    async def _run(self, rule: Callable[[WindowState, float], T]) -> T:
        return await anyio.to_thread.run_sync(self._transaction, rule)

    def _transaction(self, rule: Callable[[WindowState, float], T]) -> T:
        """Apply ``rule`` to the window in one ``BEGIN IMMEDIATE`` transaction.

        "database is locked" is retried for up to :data:`LOCKED_FOR` seconds: on a loaded
        machine SQLite reported it once despite its busy timeout, and a rate limiter that
        gives up on a lock held for a moment would fail the request it was guarding.
        """
        give_up_at = time.monotonic() + LOCKED_FOR
        pause = FIRST_PAUSE
        with self._lock:
            while True:
                try:
                    return self._apply(rule)
                except (sqlite3.Error, OSError, ValueError, KeyError, TypeError) as error:
                    if not _locked(error) or time.monotonic() >= give_up_at:
                        self._drop_connection()
                        raise StoreUnavailable(f"{type(error).__name__}: {error}") from None
                time.sleep(pause)
                pause = min(2 * pause, 0.1)

    def _apply(self, rule: Callable[[WindowState, float], T]) -> T:
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            row = connection.execute(
                "SELECT state FROM windows WHERE key = ?", (self._key,)
            ).fetchone()
            state = WindowState.from_json(row[0]) if row else WindowState()
            result = rule(state, time.time())
            connection.execute(
                "INSERT OR REPLACE INTO windows (key, state) VALUES (?, ?)",
                (self._key, state.to_json()),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return result

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                check_same_thread=False,
            )
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(_SCHEMA)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None


def _locked(error: Exception) -> bool:
    """Whether SQLite said the file is locked (SQLITE_BUSY or SQLITE_LOCKED, any variant)."""
    primary = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
