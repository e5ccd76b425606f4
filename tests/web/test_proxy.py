"""The README's nginx example (docs/deploy/nginx-letterforge.conf) in front of the
real server: slow clients hang on nginx, not on gunicorn's threads.

CI installs nginx (.ci/run); there a missing nginx is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from letterforge.cli.service import THREADS as THREADS_PER_WORKER
from tests.web.serving import free_port, running_server

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).parents[2] / "docs" / "deploy" / "nginx-letterforge.conf"
WORKERS = 2
SLOW_CLIENTS = 40  # more than WORKERS × THREADS_PER_WORKER request slots


def _nginx() -> str:
    found = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is required in CI (.ci/run installs it)")
        pytest.skip("nginx not installed")
    return found


def _config(folder: Path, listen: int, upstream: int) -> Path:
    """The shipped server block, on loopback test ports, in a throwaway nginx."""
    server = CONFIG.read_text()
    assert "listen 443 ssl;" in server and "127.0.0.1:8000" in server
    server = server.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen};")
    server = server.replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    (folder / "server.conf").write_text(server)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root (CI) nginx's workers would switch to 'nobody', who cannot write here.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    access_log off;\n{temp}\n"
        f"    include {folder / 'server.conf'};\n}}\n"
    )
    return main


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not answer within 10 s")


@contextmanager
def running_nginx(folder: Path, upstream: int) -> Iterator[str]:
    port = free_port()
    main = _config(folder, port, upstream)
    process = subprocess.Popen(
        [_nginx(), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def _slow_client(port: int) -> socket.socket:
    """A client that announces a 100 kB body and sends one byte of it."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(
        b"POST /api/v1/readability HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\nx"
    )
    return conn


def _healthz(base: str) -> int:
    """/healthz's status; straight to gunicorn with its threads taken, this times
    out (TimeoutError) instead."""
    with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
        status: int = response.status
        return status


def test_slow_clients_behind_nginx_do_not_block_the_service(tmp_path: Path) -> None:
    assert SLOW_CLIENTS > WORKERS * THREADS_PER_WORKER
    folder = tmp_path / "nginx"
    folder.mkdir()
    with (
        running_server(f"sqlite:///{tmp_path / 'r.db'}", workers=WORKERS) as server,
        running_nginx(folder, int(server.base.rsplit(":", 1)[1])) as base,
        ExitStack() as stack,
    ):
        port = int(base.rsplit(":", 1)[1])
        clients = [stack.enter_context(_slow_client(port)) for _ in range(SLOW_CLIENTS)]
        # Bounded: three rounds of one more byte each, /healthz in between.
        for _ in range(3):
            for conn in clients:
                conn.sendall(b"x")
            assert _healthz(base) == 200
        # The proxy passes the API on: a whole request still gets its answer.
        request = urllib.request.Request(
            f"{base}/api/v1/readability",
            data=json.dumps({"text": "Wij sturen u deze brief."}).encode(),
            headers={
                "Authorization": f"Bearer {server.token}",
                "Content-Type": "application/json",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert isinstance(json.loads(response.read()), dict)
