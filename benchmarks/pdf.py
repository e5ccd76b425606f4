"""Benchmark: DOCX -> PDF/A-2 through LibreOffice (a fresh profile per call).

Measures `docx_to_pdf` on a few sample letters, sequentially, and prints one JSON
object. It is why final letters get their PDF in the background job and not in
the request. Run: `make bench` or `python benchmarks/pdf.py`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from datetime import date
from pathlib import Path

from letterforge.pipeline import decode_request, render_request
from letterforge.render.pdf import docx_to_pdf
from letterforge.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 24)
REPETITIONS = int(os.environ.get("BENCH_PDF_REPETITIONS", "5"))
SAMPLES = ("terugvordering-later-inkomsten", "bestuurlijke-boete-boete")


def main() -> None:
    settings = load_settings({})
    documents = [
        render_request(
            decode_request((ROOT / "samples" / f"{name}.json").read_bytes()),
            settings,
            today=TODAY,
        ).content
        for name in SAMPLES
    ]
    docx_to_pdf(documents[0])  # the first start reads LibreOffice from disk
    seconds = []
    sizes = []
    for _ in range(REPETITIONS):
        for document in documents:
            start = time.perf_counter()
            sizes.append(len(docx_to_pdf(document)))
            seconds.append(time.perf_counter() - start)
    result = {
        "benchmark": "docx_to_pdf (LibreOffice, PDF/A-2b, tagged)",
        "letters": len(seconds),
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "median_pdf_kb": round(statistics.median(sizes) / 1024),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
