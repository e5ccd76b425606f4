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
