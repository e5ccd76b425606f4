"""Property test: for any valid input, no template prints "1 maanden"-style plurals,
float-looking integers ("3.0", "20.0%") or negative zero ("€ -0,00").

Every sample is varied: each amount becomes an arbitrary amount, each count a small
whole number (1 is the interesting one), the letter date moves within the year.
Inputs that the template refuses (a Dutch case error) are fine; what renders must
read right.
"""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterforge.errors import LetterforgeError
from letterforge.pipeline import decode_request, render_request
from letterforge.settings import Settings, load_settings
from tests.conftest import TODAY, load_sample, sample_paths

COUNTED = (
    "maanden|weken|dagen|jaren|medebewoners|kostendelers|personen|volwassenen|"
    "keren|termijnen|betalingen|kinderen"
)
FAULTS = [
    (
        "singular number with a plural noun",
        re.compile(rf"(?<![\d.,])1[\s\xa0]({COUNTED})\b"),
    ),
    ("float-looking integer", re.compile(r"(?<![\d.,])\d+[.,]0(?![\d])")),
    ("negative zero", re.compile(r"-0(?:[.,]0+)?(?![\d.,]*[1-9])")),
    ("percentage without decimal comma or space", re.compile(r"\d%|\d\.\d+[\s\xa0]?%")),
    ("amount without non-breaking space", re.compile(r"€ ")),
]
SETTINGS: Settings = load_settings({})


def _vary(node: Any, draw: Any) -> Any:
    if isinstance(node, dict):
        return {k: _vary(v, draw) for k, v in node.items()}
    if isinstance(node, list):
        return [_vary(v, draw) for v in node]
    if isinstance(node, bool):
        return node
    if isinstance(node, float):
        amount = draw(st.decimals(Decimal("0"), Decimal("20000"), places=2))
        return float(amount)
    if isinstance(node, int):
        return draw(st.integers(0 if node == 0 else 1, max(3, node)))
    return node


@st.composite
def varied(draw: Any, name: str) -> dict[str, Any]:
    request = copy.deepcopy(load_sample(name))
    case = _vary(request["case"], draw)
    letter_day = date.fromisoformat(case["zaak"].get("briefdatum", TODAY.isoformat()))
    shift = draw(st.integers(0, 30))
    case["zaak"]["briefdatum"] = (letter_day + timedelta(days=shift)).isoformat()
    request["case"] = case
    request["format"] = "text"
    return request


def _text(request: dict[str, Any]) -> str | None:
    import json

    try:
        rendered = render_request(
            decode_request(json.dumps(request)), SETTINGS, today=TODAY
        )
    except LetterforgeError:
        return None  # refused with a Dutch message: fine
    return rendered.content.decode("utf-8")


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) and len(node) > 3 else []


def _check(text: str, case: dict[str, Any]) -> None:
    # Text the caseworker typed is printed as typed; judge only what we format.
    for typed in sorted(_strings(case), key=len, reverse=True):
        text = text.replace(typed, "")
    for what, pattern in FAULTS:
        found = pattern.search(text)
        assert found is None, (
            f"{what}: …{text[max(0, found.start() - 40) : found.end() + 20]}…"
        )


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: Path(p).stem)
def test_samples_read_right(path: Path) -> None:
    request = load_sample(path.stem) | {"format": "text"}
    text = _text(request)
    assert text is not None
    _check(text, request["case"])


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: Path(p).stem)
def test_any_valid_input_reads_right(path: Path) -> None:
    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(varied(path.stem))
    def check(request: dict[str, Any]) -> None:
        text = _text(request)
        if text is not None:
            _check(text, request["case"])

    check()
