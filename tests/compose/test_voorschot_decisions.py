"""A decision that gives no bijstand on an aanvraag older than four weeks says
whether a voorschot was paid (Pw 52 lid 1) and that one paid without a right
may be recovered (Pw 58 lid 2 onder d); review s4 jurist-amounts r2 finding 7.
The letters are dated 24-11-2026 (TODAY in tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

PAID = {"betaald": True, "datum": "2026-10-30", "bedrag": 1348.49}
NOT_PAID = {"betaald": False, "reden": "Wij zagen meteen dat u te veel spaargeld had."}
SAMPLES = [
    "afwijzing-bijstand-vermogen",
    "afwijzing-bijstand-woonplaats-zienswijze",
    "buiten-behandeling-bijstand",
]


def _request(sample: str, aanvraag: str, voorschot: dict[str, Any] | None) -> Any:
    request = load_sample(sample)
    request["case"]["aanvraag"]["datum"] = aanvraag
    request["case"]["aanvraag"].pop("voorschot", None)
    if voorschot is not None:
        request["case"]["aanvraag"]["voorschot"] = voorschot
    return parse_request(request)


def _text(
    sample: str, aanvraag: str, voorschot: dict[str, Any] | None, s: Settings
) -> str:
    letter = build_letter(_request(sample, aanvraag, voorschot), s, today=TODAY)
    return " ".join(render_text(letter).replace("\xa0", " ").split())


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize(
    ("voorschot", "expected", "absent"),
    [
        (
            PAID,
            [
                "Op 30 oktober 2026 kreeg u een voorschot van € 1.348,49.",
                "Daarom mogen wij dat voorschot terugvragen (artikel 58 lid 2 onder d",
                "- Participatiewet, artikel 58 lid 2 onder d:",
            ],
            [],
        ),
        (
            NOT_PAID,
            [
                "Wij gaven u geen voorschot (artikel 52 lid 1 Participatiewet). Wij",
                "- Participatiewet, artikel 52 lid 1:",
            ],
            ["artikel 58 lid 2 onder d"],
        ),
    ],
)
def test_an_old_aanvraag_says_what_became_of_the_voorschot(
    sample: str,
    voorschot: dict[str, Any],
    expected: list[str],
    absent: list[str],
    settings: Settings,
) -> None:
    text = _text(sample, "2026-10-01", voorschot, settings)
    for part in expected:
        assert part in text
    for part in absent:
        assert part not in text


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize(
    ("voorschot", "field"),
    [
        (None, "aanvraag.voorschot"),
        ({"betaald": True}, "aanvraag.voorschot"),
        ({"betaald": False}, "aanvraag.voorschot.reden"),
    ],
)
def test_an_old_aanvraag_without_the_voorschot_facts_is_refused(
    sample: str, voorschot: dict[str, Any] | None, field: str, settings: Settings
) -> None:
    with pytest.raises(CaseDataError) as refused:
        build_letter(_request(sample, "2026-10-01", voorschot), settings, today=TODAY)
    assert field in [p.path for p in refused.value.problems]


@pytest.mark.parametrize(
    ("sample", "aanvraag", "onderwerp"),
    [
        # The four weeks of Pw 52 end on 24-11 itself: not yet passed.
        ("afwijzing-bijstand-vermogen", "2026-10-27", None),
        # No voorschot on bijzondere bijstand (Pw 52 is about algemene bijstand).
        (
            "buiten-behandeling-bijstand",
            "2026-10-01",
            "bijzondere bijstand voor een bed",
        ),
    ],
)
def test_no_voorschot_sentence_where_none_was_owed(
    sample: str, aanvraag: str, onderwerp: str | None, settings: Settings
) -> None:
    request = load_sample(sample)
    request["case"]["aanvraag"]["datum"] = aanvraag
    request["case"]["aanvraag"].pop("voorschot", None)
    if onderwerp is not None:
        request["case"]["aanvraag"]["onderwerp"] = onderwerp
    letter = build_letter(parse_request(request), settings, today=TODAY)
    assert "voorschot" not in render_text(letter)


# Review r3 (amounts) finding 2: the toekenning works the set-off out. Dijkstra
# (single, from 19-10-2026, letter 24-11): 566,69 + 1.351,33 = 1.918,02, minus
# the voorschot, paid on 25-11 (bijstand_betaaldag). A voorschot above the
# bijstand so far leaves a rest that the letter names.
@pytest.mark.parametrize(
    ("start", "advance", "rows"),
    [
        ("2026-10-19", 1348.49, ["Bijstand over oktober 2026 | € 566,69",
         "Bijstand over november 2026 | € 1.351,33",
         "Min het voorschot | € 1.348,49",
         "U krijgt nog op 25 november 2026 | € 569,53"]),
        ("2026-11-01", 1348.49, ["Bijstand over november 2026 | € 1.351,33",
         "U krijgt nog op 25 november 2026 | € 2,84"]),
        ("2026-11-20", 1348.49, ["Bijstand over november 2026 | € 495,49",
         "U krijgt nog op 25 november 2026 | € 0,00",
         "Het deel dat overblijft, € 853,00, trekken wij af"]),
    ],
    ids=["dijkstra-part-month", "whole-month", "advance-above-bijstand"],
)  # fmt: skip
def test_toekenning_sets_the_voorschot_off(
    settings: Settings, start: str, advance: float, rows: list[str]
) -> None:
    request = load_sample("toekenning-bijstand-alleenstaande")
    request["case"]["toekenning"]["ingangsdatum"] = start
    request["case"]["aanvraag"]["datum"] = start
    request["case"]["aanvraag"]["voorschot"] = {
        "betaald": True,
        "datum": "2026-11-13",
        "bedrag": advance,
    }
    letter = build_letter(parse_request(request), settings, today=TODAY)
    text = render_text(letter).replace("\xa0", " ")
    for row in rows:
        assert row in text
    assert "Niet van uw vakantiegeld: dat krijgt u helemaal in juni." in text
