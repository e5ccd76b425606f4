"""Benchmark: one letter from request bytes to DOCX bytes, against docxtpl.

Measures, warm and per letter over every sample request: decode + validate +
compose + DOCX render + serialise (`render_request`) + the readability summary the
register stores (`assess_letter(...).summary()`), as `letterforge`. Every
repetition gets new case data: another fictional surname and kenmerk, and the
amounts moved by some cents, so the caches meet new values as in real use. In the
same run, as a baseline, the same letter content through docxtpl (a Word template
with Jinja tags, autoescape on, StrictUndefined), which must reload its template
for every letter and checks no readability. Prints one JSON object; finishes
within two minutes on the shared 2-core machine.
Run: `make bench` or `python benchmarks/render.py` (BENCH_REPETITIONS=20 for a
quick look).
"""

from __future__ import annotations

import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import docx
import jinja2
from _vary import variants
from docxtpl import DocxTemplate

from letterforge.assess import assess_letter
from letterforge.compose.model import Callout, Heading, Letter, ListBlock, Table
from letterforge.pipeline import build_letter, decode_request, render_request
from letterforge.render.text import render_text
from letterforge.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 24)
REPETITIONS = int(os.environ.get("BENCH_REPETITIONS", "25"))
WARMUP = 5


def _docxtpl_template() -> bytes:
    """A Word template like a municipality would make for docxtpl."""
    document = docx.Document()
    for line in ("{{ name }}", "{% for line in address %}{{ line }}\n{% endfor %}"):
        document.add_paragraph(line)
    document.add_paragraph("Datum: {{ datum }}   Kenmerk: {{ kenmerk }}")
    document.add_heading("{{ subject }}", level=1)
    document.add_paragraph("{{ salutation }}")
    document.add_paragraph("{%p for block in blocks %}")
    document.add_paragraph("{%p if block.heading %}")
    document.add_heading("{{ block.text }}", level=2)
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ block.text }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ closing }}")
    document.add_paragraph("{{ signer }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _block_text(block: Any) -> str:
    if isinstance(block, ListBlock):
        return "\n".join(block.items)
    if isinstance(block, Table):
        return "\n".join(" | ".join(row) for row in (block.header, *block.rows))
    if isinstance(block, Callout):
        return "\n".join(getattr(inner, "text", "") for inner in block.blocks)
    return str(block.text)


def _docxtpl_context(letter: Letter) -> dict[str, Any]:
    blocks = [
        {"heading": isinstance(b, Heading), "text": _block_text(b)}
        for b in letter.blocks
    ]
    return {
        "name": letter.recipient.name,
        "address": letter.recipient.lines,
        "datum": letter.meta.letter_date.isoformat(),
        "kenmerk": letter.meta.kenmerk,
        "subject": letter.meta.subject,
        "salutation": letter.salutation,
        "blocks": blocks,
        "closing": letter.signature.closing,
        "signer": letter.signature.name,
    }


def _docxtpl_render(template: bytes, context: dict[str, Any]) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    document.render(context, environment)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _letterforge(raw: bytes, *, settings: Any) -> dict[str, Any]:
    """Request bytes to DOCX bytes and the readability summary of the register."""
    rendered = render_request(decode_request(raw), settings, today=TODAY)
    return assess_letter(rendered.letter, settings).summary()


def _measure(jobs: list[Callable[[], object]]) -> list[float]:
    """Time each job once (after the first WARMUP jobs as warm-up)."""
    for job in jobs[:WARMUP]:
        job()
    timings = []
    for job in jobs[WARMUP:]:
        start = time.perf_counter()
        job()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def main() -> int:
    settings = load_settings({})
    requests = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.json"))]
    template = _docxtpl_template()
    ours: list[float] = []
    baseline: list[float] = []
    words = []
    with_amounts = 0
    for number, raw in enumerate(requests):
        letter = build_letter(decode_request(raw), settings, today=TODAY)
        words.append(len(render_text(letter).split()))
        context = _docxtpl_context(letter)
        # Another offset per sample, so no two samples share a name sequence.
        bodies, amounts = variants(
            raw,
            WARMUP + REPETITIONS,
            partial(_letterforge, settings=settings),
            start=number,
        )
        with_amounts += amounts
        ours += _measure(
            [partial(_letterforge, body, settings=settings) for body in bodies]
        )
        baseline += _measure(
            [partial(_docxtpl_render, template, context)] * (WARMUP + REPETITIONS)
        )
    result = {
        "benchmark": "render",
        "what": (
            "decode+validate+compose+DOCX render+serialise+readability summary"
            " per letter, warm, new case data every repetition"
        ),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "samples": len(requests),
        "words_per_letter": round(statistics.fmean(words)),
        "repetitions_per_sample": REPETITIONS,
        "samples_with_varied_amounts": with_amounts,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "letterforge": _summary(ours),
        "docxtpl_baseline": _summary(baseline),
    }
    result["speedup_median"] = round(
        result["docxtpl_baseline"]["median_ms"] / result["letterforge"]["median_ms"], 1
    )
    result["targets_met"] = {
        "median_at_most_2_5_ms": result["letterforge"]["median_ms"] <= 2.5,
        "at_least_8x_docxtpl": result["speedup_median"] >= 8,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
