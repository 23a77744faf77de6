"""Running ``python -m smartlead_async.testing serve`` in a subprocess for a test."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds the server may take to start and print its banner (a busy CI machine is slow).
STARTUP_TIMEOUT = 60


@contextmanager
def serve_process(*flags: str) -> Iterator[str]:
    """``python -m smartlead_async.testing serve --port 0 ...`` running; yields its URL."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "smartlead_async.testing", "serve", "--port", "0", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], STARTUP_TIMEOUT)
        first = process.stdout.readline() if ready else ""
        if not first.startswith("Fake SmartLead at "):
            process.kill()
            _, errors = process.communicate(timeout=30)
            raise AssertionError(f"serve did not start: {first!r} {errors}")
        yield first.split()[3]
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=30)
