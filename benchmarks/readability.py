"""Benchmark: the B1 checker on a 600-word letter, warm and cold.

Warm: `analyze()` on the text of a sample letter cut to 600 words, many times, with
textstat's Flesch-Douma on the same text in the same run as a baseline. Cold: the
whole `letterforge check --format json FILE` command in a fresh process, which
loads the word list and glossary. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import textstat

from letterforge.pipeline import build_letter, decode_request
from letterforge.readability import analyze, load_glossary
from letterforge.render import render_text
from letterforge.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
WORDS = 600
REPETITIONS = int(os.environ.get("BENCH_REPETITIONS", "200"))
COLD_RUNS = 5


def letter_text() -> str:
    """Sample letters joined until there are 600 words, cut at a paragraph."""
    settings = load_settings({})
    texts = [
        render_text(
            build_letter(
                decode_request(p.read_bytes()), settings, today=date(2026, 11, 24)
            )
        )
        for p in sorted((ROOT / "samples").glob("*.json"))
    ]
    paragraphs = "\n\n".join(texts).split("\n\n")
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < WORDS:
        chosen.append(paragraphs[len(chosen)])
    return "\n\n".join(chosen)


def timed(job: Callable[[], object], repetitions: int) -> dict[str, float]:
    for _ in range(10):
        job()
    runs = []
    for _ in range(repetitions):
        start = time.perf_counter()
        job()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return {
        "median_ms": round(statistics.median(runs), 3),
        "p95_ms": round(runs[int(len(runs) * 0.95) - 1], 3),
    }


def cold_start(text: str) -> dict[str, float]:
    script = str(Path(sys.executable).with_name("letterforge"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(text)
    runs = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run([script, "check", "--format", "json", handle.name],
                       check=True, capture_output=True)  # fmt: skip
        runs.append((time.perf_counter() - start) * 1000)
    Path(handle.name).unlink()
    return {
        "median_ms": round(statistics.median(runs), 1),
        "max_ms": round(max(runs), 1),
    }


def main() -> int:
    text = letter_text()
    glossary = load_glossary(ROOT / "glossary")
    textstat.set_lang("nl")
    ours = timed(lambda: analyze(text, glossary=glossary), REPETITIONS)
    # textstat caches results per text; a changing last word defeats the cache, so
    # the baseline measures real work as ours does.
    counter = iter(range(10**9))
    baseline = timed(
        lambda: textstat.flesch_reading_ease(f"{text} {next(counter)}"), REPETITIONS
    )
    result = {
        "benchmark": "readability",
        "words": len(text.split()),
        "repetitions": REPETITIONS,
        "analyze_warm": ours,
        "textstat_flesch_douma_warm": baseline,
        "check_command_cold": cold_start(text),
    }
    result["targets_met"] = {
        "warm_under_10_ms": ours["median_ms"] < 10,
        "cold_under_1_s": result["check_command_cold"]["median_ms"] < 1000,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
