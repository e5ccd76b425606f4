"""Start the real server (`letterforge serve`, gunicorn) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCRIPT = str(Path(sys.executable).with_name("letterforge"))


@dataclass(frozen=True)
class Server:
    base: str
    token: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"letterforge serve stopped with {process.returncode}")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("letterforge serve did not answer /healthz within 20 s")


@contextmanager
def running_server(database_url: str, workers: int = 2) -> Iterator[Server]:
    env = {**os.environ, "LETTERFORGE_DATABASE_URL": database_url}
    made = subprocess.run(
        [SCRIPT, "token", "create", "test"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    port = free_port()
    process = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process)
        yield Server(base, token, process)
    finally:
        process.terminate()
        process.wait(timeout=15)


def worker_pids(server: Server) -> list[int]:
    """The gunicorn workers: the children of the master process."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    # Forked gunicorn workers share the master's command line; the filing worker
    # that `serve` also starts (letterforge worker) has its own.
    master = Path(f"/proc/{server.process.pid}/cmdline").read_bytes()
    return [
        int(pid)
        for pid in children.read_text().split()
        if Path(f"/proc/{pid}/cmdline").read_bytes() == master
    ]
