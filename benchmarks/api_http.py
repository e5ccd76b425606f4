"""Benchmark: POST /api/v1/letters against the real gunicorn server.

(Named api_http.py, not http.py: Python puts this folder first on sys.path, so a
benchmarks/http.py would shadow the standard library's http package.)

Starts `letterforge serve` (default settings: gunicorn sync workers, SQLite register
in a temporary folder) on a free loopback port. A separate client process posts the
sample requests for a fixed time: wrk (Debian package `wrk`, written in C, so the
client takes little of the two cores) when it is installed, else a Python client
with threads. Every answer must be a 201 with the DOCX. Prints letters per second,
p50/p99 latency, errors and the memory of the server processes, as JSON.

Every request is for another (fictional) person (benchmarks/_vary.py), and only
samples that need no second person's check are sent (those are answered 202).
Ceiling in the same run: the same letters made in-process without HTTP or register
(`render_request` + the readability summary), in two processes at once: what two
cores could do at best. `ratio_of_ceiling` says how much HTTP and register cost.

Run: `make bench`, or `python benchmarks/api_http.py [--client wrk|python]`.
Environment: BENCH_SECONDS (15), BENCH_CONNECTIONS (4), BENCH_WORKERS (2).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _vary import make_letter_summary, sample_requests, two_core_ceiling, variants

from letterforge.control.letters import needs_check
from letterforge.pipeline import decode_request
from letterforge.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
VARIANTS = int(os.environ.get("BENCH_VARIANTS", "20"))  # per sample


def _bodies() -> list[bytes]:
    """Varied request bodies of the samples that are answered 201 (no four eyes)."""
    settings = load_settings({})
    bodies: list[bytes] = []
    for raw in sample_requests():
        made, _ = variants(raw, VARIANTS, make_letter_summary)
        bodies += [b for b in made if not needs_check(decode_request(b), settings)]
    # Interleave the samples, as a case system would send them.
    return [bodies[i] for k in range(VARIANTS) for i in range(k, len(bodies), VARIANTS)]


BODIES = _bodies()

# wrk sends the samples in turn and reports in done(); latencies are in µs.
WRK_SCRIPT = """
local bodies, n = {}, 0
for path in string.gmatch(os.getenv("BENCH_BODIES"), "[^;]+") do
  local f = io.open(path, "rb"); bodies[#bodies + 1] = f:read("*a"); f:close()
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/letters", nil, bodies[(n % #bodies) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"letters": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"errors": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _post(port: int, token: str, body: bytes) -> float:
    """Latency in ms of one letter; raises on any answer but a 201."""
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


def _python_client(port: int, token: str, results: Any) -> None:
    bodies = BODIES
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def work(offset: int) -> None:
        index = offset
        while time.perf_counter() < deadline:
            try:
                took = _post(port, token, bodies[index % len(bodies)])
            except (OSError, RuntimeError, http.client.HTTPException) as e:
                with lock:
                    errors.append(type(e).__name__)
                continue
            finally:
                index += 1
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, len(errors)))


def _run_python_client(port: int, token: str) -> dict[str, Any]:
    results: Any = multiprocessing.Queue()
    client = multiprocessing.Process(target=_python_client, args=(port, token, results))
    client.start()
    latencies, errors = results.get()
    latencies.sort()
    client.join()
    return {
        "letters": len(latencies),
        "letters_per_second": round(len(latencies) / SECONDS, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
        "errors": errors,
    }


def _run_wrk(port: int, token: str, folder: str) -> dict[str, Any]:
    script = Path(folder) / "post.lua"
    script.write_text(WRK_SCRIPT)
    paths = []
    for number, body in enumerate(BODIES):
        path = Path(folder) / f"{number}.json"
        path.write_bytes(body)
        paths.append(str(path))
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_BODIES": ";".join(paths)}
    command = ["wrk", "-t", "1", "-c", str(CONNECTIONS), "-d", f"{SECONDS:g}s"]
    command += ["--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    seconds = summary["duration_us"] / 1e6
    return {
        "letters": summary["letters"],
        "letters_per_second": round(summary["letters"] / seconds, 1),
        "p50_ms": round(summary["p50_us"] / 1000, 1),
        "p99_ms": round(summary["p99_us"] / 1000, 1),
        "errors": summary["errors"],
    }


def _memory_kb(pid: str) -> dict[str, int]:
    """Rss and the private part (what this process alone costs), from smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Private_Clean", "Private_Dirty"):
            fields[name] = int(rest.split()[0])
    return {
        "rss": fields["Rss"],
        "private": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def _memory_mb(master: int) -> dict[str, float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    workers = [_memory_kb(pid) for pid in children]
    return {
        "master_rss": round(_memory_kb(str(master))["rss"] / 1024, 1),
        "worker_rss_max": round(max(w["rss"] for w in workers) / 1024, 1),
        "worker_private_max": round(max(w["private"] for w in workers) / 1024, 1),
    }


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(400):
        if process.poll() is not None:
            raise RuntimeError("letterforge serve stopped")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("letterforge serve did not start")


def _serve_and_measure(client: str, folder: str) -> dict[str, Any]:
    env = {**os.environ, "LETTERFORGE_DATABASE_URL": f"sqlite:///{folder}/r.db"}
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
        # --no-worker: the filing worker makes a PDF/A of every final letter with
        # LibreOffice (about 1.6 s of CPU each, benchmarks/pdf.py); beside the
        # API on the same two cores it would measure LibreOffice, not the API.
        [
            SCRIPT,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        for body in BODIES[:100]:  # warm both workers' caches
            _post(port, token, body)
        if client == "wrk":
            measured = _run_wrk(port, token, folder)
        else:
            measured = _run_python_client(port, token)
        measured["memory_mb"] = _memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=15)
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
    )
    client = parser.parse_args().client
    folder = tempfile.mkdtemp(prefix="letterforge-bench-")
    try:
        measured = _serve_and_measure(client, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result: dict[str, Any] = {
        "benchmark": "http",
        "what": "POST /api/v1/letters, DOCX answer, register on SQLite",
        "client": client,
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "gunicorn_workers": WORKERS,
        "filing_worker": "off (PDF/A is measured by benchmarks/pdf.py)",
        "cpus": os.cpu_count(),
        "different_requests": len(BODIES),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        **measured,
        "ceiling": two_core_ceiling(BODIES),
    }
    ceiling = result["ceiling"]["two_core_ceiling_letters_per_second"]
    result["ratio_of_ceiling"] = round(result["letters_per_second"] / ceiling, 2)
    result["targets_met"] = {
        "at_least_75_percent_of_ceiling": result["ratio_of_ceiling"] >= 0.75,
        "at_least_300_per_second": result["letters_per_second"] >= 300,
        "p99_under_50_ms": result["p99_ms"] < 50,
        "no_errors": result["errors"] == 0,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
