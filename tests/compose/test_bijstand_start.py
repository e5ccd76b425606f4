"""A toekenning of bijstand starts no earlier than the melding (Pw 44 lid 1), and
at most three months before it with a stated reason (lid 5, from 1-1-2026).
Review r4 jurist finding 2 (c1: a start seven months before the aanvraag)."""

from __future__ import annotations

from datetime import date

import pytest

from letterforge.compose.consistency import months_before
from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

REASON = "U lag in het ziekenhuis en kon zich niet eerder melden."
LID_1 = "Participatiewet, artikel 44 lid 1:"
LID_5 = "Participatiewet, artikel 44 lid 5:"


@pytest.mark.parametrize(
    ("start", "melding", "reason", "refused"),
    [
        # The sample: aanvraag of 19 October 2026, start the same day.
        ("2026-10-19", None, None, None),
        ("2026-10-18", None, None, "19 oktober 2026 (aanvraag.datum)"),
        ("2026-03-01", None, None, "1 maart 2026 ligt voor 19 oktober 2026"),
        # A melding before the aanvraag is the limit instead.
        ("2026-10-01", "2026-10-01", None, None),
        ("2026-09-30", "2026-10-01", None, "(aanvraag.melding_datum)"),
        # With a reason: three months before the melding, not a day more.
        ("2026-07-19", None, REASON, None),
        ("2026-07-18", None, REASON, "niet eerder dan 19 juli 2026"),
        ("2026-03-01", None, REASON, "meer dan 3 maanden"),
    ],
)
def test_the_start_is_not_before_the_melding(
    settings: Settings,
    start: str,
    melding: str | None,
    reason: str | None,
    refused: str | None,
) -> None:
    data = load_sample("toekenning-bijstand-alleenstaande")
    case = data["case"]
    case["toekenning"]["ingangsdatum"] = start
    if melding:
        case["aanvraag"]["melding_datum"] = melding
    if reason:
        case["toekenning"]["eerder_reden"] = reason
    request = LetterRequest(data["template"], case, "text")
    if refused:
        with pytest.raises(CaseDataError) as caught:
            build_letter(request, settings, today=TODAY)
        found = [
            p for p in caught.value.problems if p.path == "toekenning.ingangsdatum"
        ]
        assert found
        assert refused in found[0].message.replace("\xa0", " ")
        return
    text = render_text(build_letter(request, settings, today=TODAY))
    assert LID_1 in text
    assert (LID_5 in text) is bool(reason and start < "2026-10-19")
    assert (REASON in text) is bool(reason)


@pytest.mark.parametrize(
    ("day", "earlier"),
    [
        (date(2026, 10, 19), date(2026, 7, 19)),
        (date(2026, 5, 31), date(2026, 2, 28)),
        (date(2024, 5, 31), date(2024, 2, 29)),
        (date(2026, 1, 15), date(2025, 10, 15)),
    ],
)
def test_months_before(day: date, earlier: date) -> None:
    assert months_before(day, 3) == earlier
