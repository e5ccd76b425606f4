"""Terugvordering letters cite the lid that applies and say what it means (jurist
review findings 4, 5, 11): 58 lid 1 "moeten" after a breach of the
inlichtingenplicht (with art. 17), 58 lid 2 with its letter "mogen" otherwise,
bruto or netto always stated (58 lid 5), the herzieningsbesluit named, and
afzien (58 lid 7/8) never called kwijtschelding.

Sources: Participatiewet art. 17, 54 lid 3, 58, 60 (reference domain-law.md §4,
domain-law-2026.md table of art. 58).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from letterforge.compose import compose
from letterforge.library import Library
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths

Edit = Callable[[dict[str, Any]], None]


def _text(library: Library, settings: Settings, request: dict[str, Any]) -> str:
    letter = compose(
        library.get(request["template"]), request["case"], settings, today=TODAY
    )
    return render_text(letter)


def _nothing(case: dict[str, Any]) -> None:
    return None


def _bruto(case: dict[str, Any]) -> None:
    case["terugvordering"]["bruto"] = True


def _no_herziening(case: dict[str, Any]) -> None:
    del case["terugvordering"]["herziening"]


def _grond(value: str) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        case["voornemen"]["grond"] = value

    return edit


CASES: list[tuple[str, str, Edit, list[str], list[str]]] = [
    # (id, sample, edit, must contain, must not contain)
    (
        "inlichtingenplicht",
        "terugvordering-inlichtingenplicht-zienswijze",
        _nothing,
        [
            "artikel 17 lid 1",
            "moeten wij terugvorderen (artikel 58 lid 1)",
            "met kenmerk WI/2026/04511",
            "Het is een nettobedrag",
            "artikel 60 lid 4",
        ],
        ["58 lid 2", "brutobedrag", "kwijtschelding"],
    ),
    (
        "inlichtingenplicht-bruto",
        "terugvordering-inlichtingenplicht-zienswijze",
        _bruto,
        ["Het is een brutobedrag", "artikel 58 lid 5"],
        ["nettobedrag"],
    ),
    (
        "zonder-herziening",
        "terugvordering-inlichtingenplicht-zienswijze",
        _no_herziening,
        ["Het is een nettobedrag"],
        ["met kenmerk"],
    ),
    (
        "later-inkomsten",
        "terugvordering-later-inkomsten",
        _nothing,
        ["artikel 58 lid 2 onder f", "mogen wij dan terugvorderen"],
        ["artikel 17", "artikel 58 lid 1", "kwijtschelding"],
    ),
    (
        "voornemen-lid-1",
        "voornemen-terugvordering-onderzoek",
        _nothing,
        ["moeten wij die bijstand terugvragen", "artikel 58 lid 1", "54 lid 3"],
        ["mogen wij", "58 lid 2"],
    ),
    (
        "voornemen-lid-2-f",
        "voornemen-terugvordering-erfenis",
        _nothing,
        ["artikel 58 lid 2 onder f", "mogen"],
        ["58 lid 1", "artikel 17"],
    ),
    (
        "voornemen-lid-2-e",
        "voornemen-terugvordering-erfenis",
        _grond("lid-2-e"),
        ["artikel 58 lid 2 onder e"],
        ["onder f"],
    ),
    (
        "afzien-helft",
        "afzien-terugvordering-helft",
        _nothing,
        ["artikel 58 lid 7 onder d", "af van verdere terugvordering"],
        ["lid 8", "kwijtschelding"],
    ),
    (
        "afzien-dringend",
        "afzien-terugvordering-dringend",
        _nothing,
        ["artikel 58 lid 8", "zien wij af van verdere terugvordering"],
        ["lid 7", "kwijtschelding"],
    ),
]


@pytest.mark.parametrize(
    ("sample", "edit", "present", "absent"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_recovery_letter_cites_what_applies(
    library: Library,
    settings: Settings,
    sample: str,
    edit: Edit,
    present: list[str],
    absent: list[str],
) -> None:
    request = load_sample(sample)
    edit(request["case"])
    text = _text(library, settings, request)
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a in text] == []


def test_no_sample_calls_afzien_kwijtschelding(
    library: Library, settings: Settings
) -> None:
    texts = {
        path.stem: _text(library, settings, load_sample(path.stem))
        for path in sample_paths()
        if "terugvordering" in path.stem
    }
    assert [name for name, text in texts.items() if "kwijtschelding" in text] == []
