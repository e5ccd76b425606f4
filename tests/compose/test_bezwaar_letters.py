"""A beslissing op bezwaar that takes a new decision names that decision's own legal
basis, with article and lid (Awb 7:11 lid 2, 3:46)."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

RULE = "Participatiewet, artikel 18a lid 1: u krijgt een boete."


def _letter(settings: Settings, outcome: str, rules: Any) -> str:
    data = load_sample("beslissing-op-bezwaar-deels-gegrond")
    bezwaar = data["case"]["bezwaar"]
    bezwaar["uitkomst"] = outcome
    if rules is None:
        bezwaar.pop("grondslag_nieuw_besluit", None)
    else:
        bezwaar["grondslag_nieuw_besluit"] = rules
    request = LetterRequest(data["template"], data["case"], "text")
    return render_text(build_letter(request, settings, today=TODAY))


@pytest.mark.parametrize(
    ("outcome", "rules", "refused_field", "printed"),
    [
        ("deels gegrond", [RULE], None, True),
        ("gegrond", [RULE], None, True),
        ("ongegrond", None, None, False),
        ("deels gegrond", None, "bezwaar.grondslag_nieuw_besluit", False),
        ("gegrond", None, "bezwaar.grondslag_nieuw_besluit", False),
        # A rule without an article is no legal basis.
        ("gegrond", ["De wet zegt het."], "bezwaar.grondslag_nieuw_besluit.0", False),
    ],
)
def test_a_new_decision_names_its_legal_basis(
    settings: Settings,
    outcome: str,
    rules: Any,
    refused_field: str | None,
    printed: bool,
) -> None:
    if refused_field:
        with pytest.raises(CaseDataError) as caught:
            _letter(settings, outcome, rules)
        assert refused_field in [p.path for p in caught.value.problems]
        return
    text = _letter(settings, outcome, rules)
    assert (RULE in text) is printed


LATE = "wij kregen het bezwaar op"
EXCUSE = "U lag van 1 tot en met 30 oktober 2026 in het ziekenhuis."


@pytest.mark.parametrize(
    ("decided", "received", "excuse", "warned"),
    [
        # Review r4 finding 1 (a17): decision of 1 September, term ended on
        # Tuesday 13 October, bezwaar received on 1 November.
        ("2026-09-01", "2026-11-01", None, "13 oktober 2026"),
        ("2026-09-01", "2026-10-13", None, None),  # the last day is on time
        ("2026-09-01", "2026-10-14", None, "13 oktober 2026"),
        # A term ending on Saturday 17 October runs on to Monday 19 (Atw art. 1).
        ("2026-09-05", "2026-10-19", None, None),
        ("2026-09-05", "2026-10-20", None, "19 oktober 2026"),
        # Excusable lateness (Awb 6:11): no warning, the letter says why.
        ("2026-09-01", "2026-11-01", EXCUSE, None),
    ],
)
def test_a_late_bezwaar_is_flagged_unless_excused(
    settings: Settings,
    decided: str,
    received: str,
    excuse: str | None,
    warned: str | None,
) -> None:
    data = load_sample("beslissing-op-bezwaar-ongegrond")
    bezwaar = data["case"]["bezwaar"]
    bezwaar["besluit_datum"], bezwaar["datum"] = decided, received
    if excuse:
        bezwaar["termijnoverschrijding_verschoonbaar"] = {"reden": excuse}
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    late = [w for w in letter.warnings if LATE in w.message]
    if warned is None:
        assert late == []
    else:
        assert [w.path for w in late] == ["bezwaar.datum"]
        assert warned in late[0].message.replace("\xa0", " ")
        assert "6:11" in late[0].message
    text = render_text(letter)
    assert (EXCUSE in text) is bool(excuse)
    assert ("artikel 6:11" in text) is bool(excuse)
