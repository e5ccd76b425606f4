"""Benchmark: `letterforge batch` on 10,000 generated requests.

The requests are the samples, repeated with a different kenmerk each, as for the
yearly change of norm amounts to every client. Runs the installed command in a new
process (all workers, one per core) and prints letters per second as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("BENCH_BATCH_COUNT", "10000"))


def generate(path: Path) -> None:
    samples = [
        json.loads(p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.json"))
    ]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(COUNT):
            request = samples[number % len(samples)]
            request["case"]["zaak"]["kenmerk"] = f"BATCH/{number:06d}"
            handle.write(json.dumps(request, ensure_ascii=False) + "\n")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="letterforge-batch-"))
    source = folder / "verzoeken.jsonl"
    generate(source)
    script = str(Path(sys.executable).with_name("letterforge"))
    start = time.perf_counter()
    subprocess.run(
        [script, "batch", str(source), "-o", str(folder / "uit")],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    made = len(list((folder / "uit").glob("*.docx")))
    result = {
        "benchmark": "batch",
        "requests": COUNT,
        "letters": made,
        "workers": os.cpu_count(),
        "seconds": round(seconds, 1),
        "letters_per_second": round(made / seconds, 1),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if made == COUNT else 1


if __name__ == "__main__":
    raise SystemExit(main())
