"""A real PostgreSQL server for the tests: the one ``.ci/run`` started, or one started here.

``SMARTLEAD_TEST_POSTGRES_URL`` names a running server whose user may create databases
(``.ci/run`` exports it). Without it, the Debian ``postgresql`` binaries (``initdb``,
``postgres``) are run on a free loopback port with a throwaway data directory, as the
``postgres`` system user when the tests run as root, and stopped afterwards. Tests that need
PostgreSQL skip, saying so, only when there is neither.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests._redis_server import free_port

URL_ENV_VAR = "SMARTLEAD_TEST_POSTGRES_URL"
NO_POSTGRES = (
    "no PostgreSQL for the tests: the postgresql server binaries are not installed "
    f"(apt-get install postgresql; .ci/run installs it) and {URL_ENV_VAR} is not set"
)
#: The password of the user of a server started here.
PASSWORD = "pg-PLANTED-secret-4e1d"
USER = "smartlead"


def server_binaries() -> Path | None:
    """The directory holding ``initdb`` and ``postgres``, if installed."""
    found = shutil.which("initdb")
    if found is not None:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """One throwaway ``postgres`` process on a loopback port."""

    def __init__(self, binaries: Path, directory: Path) -> None:
        self.binaries, self.directory = binaries, directory
        self.port = free_port()
        self.url = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/postgres"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        data = self.directory / "data"
        password_file = self.directory / "password"
        password_file.write_text(PASSWORD)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
            shutil.chown(password_file, "postgres")
        subprocess.run(
            _as_server_user([
                str(self.binaries / "initdb"), "-D", str(data), "-U", USER,
                f"--pwfile={password_file}", "--auth-host=scram-sha-256",
                "--auth-local=trust", "--no-sync", "-E", "UTF8",
            ]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._process = subprocess.Popen(
            _as_server_user([
                str(self.binaries / "postgres"), "-D", str(data), "-p", str(self.port),
                "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={data}",
                "-c", "fsync=off", "-c", "full_page_writes=off",
            ]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        ready = [str(self.binaries / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        for _ in range(300):  # up to 30 s on a busy machine
            if subprocess.run(ready, check=False).returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"postgres did not answer on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None


def _own_server() -> Iterator[str]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(NO_POSTGRES)
    with tempfile.TemporaryDirectory(prefix="smartlead-postgres-") as directory:
        server = PostgresServer(binaries, Path(directory))
        server.start()
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The URL of a running PostgreSQL whose user may create databases (skips, saying why,
    when none can be had)."""
    url = os.environ.get(URL_ENV_VAR)
    if url:
        yield url
        return
    yield from _own_server()


def password_of(url: str) -> str:
    """The password in a server URL ("" when none)."""
    return urlsplit(url).password or ""


async def new_database(server_url: str) -> str:
    """Create an empty database on the server; its URL."""
    import asyncpg

    name = f"sync_{uuid.uuid4().hex[:12]}"
    connection = await asyncpg.connect(server_url)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return server_url.rsplit("/", 1)[0] + "/" + name
