"""An aanmaning collects a claim: one that may have lapsed (Awb 4:104, five
years after the payment term) is refused naming `vordering.stuitingen`, unless
a stuiting (4:105, 4:106) keeps it due; the letter then says which."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

# (sample, decision date, stuitingen, expected sentence or refusal)
CASES: list[tuple[str, str, list[dict[str, str]] | None, str]] = [
    ("aanmaning-boete", "2026-09-29", None, ""),  # the samples: recent
    ("aanmaning-bewindvoerder", "2026-09-08", None, ""),
    ("aanmaning-bewindvoerder", "2020-01-10", None, "refused"),
    (
        "aanmaning-bewindvoerder",
        "2020-01-10",
        [{"datum": "2024-03-05", "soort": "aanmaning"}],
        "Op 5\xa0maart\xa02024 stuurden wij u een aanmaning.",
    ),
    (
        "aanmaning-boete",
        "2021-03-15",
        [{"datum": "2025-10-01", "soort": "betaling"}],
        "Op 1\xa0oktober\xa02025 betaalde u nog een deel van de schuld.",
    ),
    # A stuiting after the claim had lapsed does not revive it.
    (
        "aanmaning-boete",
        "2021-03-15",
        [{"datum": "2026-11-02", "soort": "betaling"}],
        "refused",
    ),
]


def _request(
    name: str, decided: str, stuitingen: list[dict[str, str]] | None
) -> dict[str, Any]:
    data = load_sample(name)
    vordering = data["case"]["vordering"]
    vordering["besluit_datum"] = decided
    if stuitingen is not None:
        vordering["stuitingen"] = stuitingen
    return data


@pytest.mark.parametrize(("name", "decided", "stuitingen", "expected"), CASES)
def test_an_aanmaning_on_a_possibly_lapsed_claim_is_refused(
    settings: Settings,
    name: str,
    decided: str,
    stuitingen: list[dict[str, str]] | None,
    expected: str,
) -> None:
    data = _request(name, decided, stuitingen)
    request = LetterRequest(data["template"], data["case"], "text")
    if expected == "refused":
        with pytest.raises(CaseDataError) as caught:
            build_letter(request, settings, today=TODAY)
        problems = caught.value.problems
        assert [p.path for p in problems] == ["vordering.stuitingen"]
        assert "verjaard" in problems[0].message
        return
    text = render_text(build_letter(request, settings, today=TODAY))
    if expected:
        assert expected in text
    else:
        assert "verjaard" not in text
