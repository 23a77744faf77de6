"""A real redis-server for the tests: the one ``.ci/run`` started, or one started here.

``SMARTLEAD_TEST_REDIS_URL`` names a running server (``.ci/run`` exports it). Without it, a
``redis-server`` binary on the PATH is started on a free loopback port with a throwaway
directory, and stopped afterwards. Tests that need Redis skip, saying so, only when there is
neither.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

URL_ENV_VAR = "SMARTLEAD_TEST_REDIS_URL"
NO_REDIS = (
    "no Redis for the tests: redis-server is not installed (apt-get install redis-server; "
    f".ci/run installs it) and {URL_ENV_VAR} is not set"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ping(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=0.5).ping())
    except (redis.RedisError, OSError):
        return False


class RedisServer:
    """One redis-server process on a loopback port, which a test may stop and start again."""

    def __init__(self, binary: str, port: int, directory: str) -> None:
        self.binary, self.port, self.directory = binary, port, directory
        self.url = f"redis://127.0.0.1:{port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.directory, "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(200):  # up to 10 s on a busy machine
            if _ping(self.url):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@contextmanager
def own_redis_server() -> Iterator[RedisServer]:
    """Start a private redis-server (skips the test when the binary is missing)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(NO_REDIS)
    with tempfile.TemporaryDirectory(prefix="smartlead-redis-") as directory:
        server = RedisServer(binary, free_port(), directory)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a running Redis (skips, saying why, when none can be had)."""
    url = os.environ.get(URL_ENV_VAR)
    if url:
        yield url
        return
    with own_redis_server() as server:
        yield server.url
