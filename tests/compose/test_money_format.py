"""One money format and one percentage format in every letter, typed text included.

The jurist found "€ 300", "€ 1.850" and "10%" next to "20 %" in the samples: amounts
that a caseworker typed in free text were printed as typed. Every sample is rendered
here and the whole text is judged (unlike test_number_grammar, which skips typed text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from letterforge.compose.filters import getypte_tekst
from letterforge.pipeline import decode_request, render_request
from letterforge.settings import load_settings
from tests.conftest import TODAY, load_sample, sample_paths

NBSP = "\xa0"
EURO = re.compile(r"€(?P<space>\s?)(?P<whole>-?\d[\d.]*)(?P<cents>,\d\d)?(?![\d,])")
PERCENT = re.compile(r"\d(?P<space>\s?)%")


def money_faults(text: str) -> list[str]:
    faults = []
    for m in EURO.finditer(text):
        if m.group("space") != NBSP or m.group("cents") is None:
            faults.append(text[max(0, m.start() - 40) : m.end() + 10])
    for m in PERCENT.finditer(text):
        if m.group("space") != NBSP:
            faults.append(text[max(0, m.start() - 40) : m.end() + 10])
    return faults


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("uw boete van € 300", f"uw boete van €{NBSP}300,00"),
        ("staat € 9.100.", f"staat €{NBSP}9.100,00."),
        ("erfenis van € 14.000.", f"erfenis van €{NBSP}14.000,00."),
        ("€ 37,00 in", f"€{NBSP}37,00 in"),
        ("€ 12,5", f"€{NBSP}12,50"),
        ("€ 5,- per maand", f"€{NBSP}5,00 per maand"),
        ("€1.000.000", f"€{NBSP}1.000.000,00"),
        (f"€{NBSP}1.234,56", f"€{NBSP}1.234,56"),
        ("10%", f"10{NBSP}%"),
        ("20 % in plaats van 40 %.", f"20{NBSP}% in plaats van 40{NBSP}%."),
        # ambiguous in Dutch: left as typed, so a reviewer sees it
        ("€ 12.5", "€ 12.5"),
        ("geen bedrag", "geen bedrag"),
    ],
)
def test_typed_amounts_get_the_one_format(typed: str, printed: str) -> None:
    assert getypte_tekst(typed) == printed
    # idempotent: values that a filter already formatted pass through unchanged
    assert getypte_tekst(printed) == printed


def test_the_check_itself_finds_faults() -> None:
    assert money_faults("U betaalt € 300.")
    assert money_faults(f"U betaalt €{NBSP}300.")
    assert money_faults("10% en 20 %")
    assert not money_faults(f"U betaalt €{NBSP}300,00 en 10{NBSP}%.")


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: Path(p).stem)
def test_every_sample_prints_cents_and_spaced_percentages(path: Path) -> None:
    request = load_sample(path.stem) | {"format": "text"}
    rendered = render_request(
        decode_request(json.dumps(request)), load_settings({}), today=TODAY
    )
    assert money_faults(rendered.content.decode("utf-8")) == []
