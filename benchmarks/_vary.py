"""Case data varied per letter, shared by the benchmarks.

Every letter of a benchmark is for another (fictional) person: another surname and
kenmerk, and the amounts moved by some cents, so caches meet new values as in real
use. A sample whose varied amounts would not stay valid keeps its amounts.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 24)
# Fictional surnames; combined two by two they give 400 different names.
SURNAMES = (
    "Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra"
    " Smits Kok Jacobs Vermeulen Willems Schouten Postma Kuipers"
).split()


def sample_requests() -> list[bytes]:
    return [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.json"))]


def varied(node: Any, number: int, amounts: bool) -> Any:
    """A copy of case data with a new surname and kenmerk (and amounts moved by
    `number` % 50 cents): the same letter for another person."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "achternaam" and isinstance(value, str):
                value = f"{SURNAMES[number % 20]}-{SURNAMES[number // 20 % 20]}"
            elif key == "kenmerk" and isinstance(value, str):
                value = f"{value}-{number:05d}"
            elif amounts and isinstance(value, float) and not value.is_integer():
                value = round(value + (number % 50) / 100, 2)
            else:
                value = varied(value, number, amounts)
            result[key] = value
        return result
    if isinstance(node, list):
        return [varied(item, number, amounts) for item in node]
    return node


def variants(
    raw: bytes, count: int, check: Callable[[bytes], object], start: int = 0
) -> tuple[list[bytes], bool]:
    """`count` request bodies for other people (numbers start..start+count-1);
    amounts move too when two trial variants stay valid with moved amounts
    (`check` raises for an invalid body)."""
    request = json.loads(raw)

    def body(number: int, amounts: bool) -> bytes:
        changed = {**request, "case": varied(request["case"], number, amounts)}
        return json.dumps(changed, ensure_ascii=False).encode("utf-8")

    amounts = True
    try:
        for number in (start + count - 1, start + count // 2 + 7):
            check(body(number, True))
    except Exception:
        amounts = False
    numbers = range(start, start + count)
    return [body(number, amounts) for number in numbers], amounts


def make_letter_summary(raw: bytes) -> dict[str, Any]:
    """Request bytes to DOCX bytes and the register's readability summary, in
    process: the work of one letter without HTTP, queue or register."""
    from letterforge.assess import assess_letter
    from letterforge.pipeline import decode_request, render_request
    from letterforge.settings import load_settings

    settings = load_settings({})
    rendered = render_request(decode_request(raw), settings, today=TODAY)
    return assess_letter(rendered.letter, settings).summary()


def _rate(bodies: list[bytes], seconds: float, results: Any) -> None:
    """Letters per second in this process for `seconds` (after a warm round)."""
    for body in bodies[:100]:
        make_letter_summary(body)
    made, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        make_letter_summary(bodies[made % len(bodies)])
        made += 1
    results.put(made / (time.perf_counter() - start))


def two_core_ceiling(bodies: list[bytes], seconds: float = 5.0) -> dict[str, Any]:
    """The same letters in-process, without HTTP, queue or register, in two
    processes at once: what the two cores can do at best, measured, not doubled."""
    results: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_rate, args=(bodies, seconds, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    rates = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return {
        "what": "request bytes to DOCX + readability summary, in process, 2 processes",
        "ms_per_letter_per_process": round(1000 / statistics.fmean(rates), 2),
        "two_core_ceiling_letters_per_second": round(sum(rates), 1),
    }
