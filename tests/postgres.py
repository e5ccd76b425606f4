"""A throwaway PostgreSQL cluster for tests, from Debian's postgresql package.

CI installs the package (.ci/run); there a missing server is a failure, not a skip.
The cluster listens only on a Unix socket in a temporary folder. As root (CI), the
server runs as the 'postgres' user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PORT = 55432


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str]) -> None:
    subprocess.run(_as_server_user(command), check=True, capture_output=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its admin database."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        _unavailable("initdb/pg_ctl not found")
    folder = Path(tempfile.mkdtemp(prefix="letterforge-pg-"))
    folder.chmod(0o755)
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(socket, "postgres")
    try:
        _run(
            [str(initdb), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"]
        )
        options = f"-k {socket} -p {PORT} -c listen_addresses='' -c fsync=off"
        _run(
            [
                str(pg_ctl),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(folder / "log"),
                "start",
            ]
        )
    except subprocess.CalledProcessError as e:
        _unavailable(e.stderr.decode(errors="replace")[-300:])
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={socket}&port={PORT}"
    finally:
        subprocess.run(
            _as_server_user([str(pg_ctl), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """A new empty database in the cluster; its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return str(make_url(admin_url).set(database=name).render_as_string(False))
