"""Benchmark (named api_http.py so it does not shadow the stdlib http package):
POST /api/v1/letters against the real gunicorn server.

Starts `letterforge serve` (2 workers, SQLite register in a temporary folder) on a
free loopback port, then a separate client process sends sample letters from
several threads for a fixed time. Prints letters per second, p50/p99 latency and the
memory of the server processes, as JSON.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _post(port: int, token: str, body: bytes) -> float:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/api/v1/letters",
        body=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"status {response.status}")
    return (time.perf_counter() - start) * 1000


def _client(port: int, token: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    bodies = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.json"))]
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def work(offset: int) -> None:
        index = offset
        while time.perf_counter() < deadline:
            took = _post(port, token, bodies[index % len(bodies)])
            index += 1
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(latencies)


def _rss_mb(master: int) -> dict[str, float]:
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True
    ).stdout.split()
    sizes = {}
    for pid in [str(master), *children]:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[pid] = round(int(line.split()[1]) / 1024, 1)
    return {
        "master": sizes.pop(str(master), 0.0),
        "workers_each": max(sizes.values(), default=0.0),
    }


def main() -> int:
    folder = tempfile.mkdtemp(prefix="letterforge-bench-")
    env = {**os.environ, "LETTERFORGE_DATABASE_URL": f"sqlite:///{folder}/register.db"}
    made = subprocess.run(
        [SCRIPT, "token", "create", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        _post(
            port,
            token,
            (ROOT / "samples/terugvordering-later-inkomsten.json").read_bytes(),
        )
        results: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        client = multiprocessing.Process(target=_client, args=(port, token, results))
        client.start()
        latencies = sorted(results.get())
        client.join()
        memory = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {
        "benchmark": "http",
        "what": "POST /api/v1/letters, DOCX answer, register on SQLite",
        "seconds": SECONDS,
        "client_threads": THREADS,
        "gunicorn_workers": WORKERS,
        "letters": len(latencies),
        "letters_per_second": round(len(latencies) / SECONDS, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
        "memory_mb": memory,
    }
    result["targets_met"] = {
        "at_least_200_per_second": result["letters_per_second"] >= 200,
        "p99_under_100_ms": result["p99_ms"] < 100,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
