"""An erfenis counted from the day of death, before the money came, needs the
finding why the person could already dispose of it (Pw 34 lid 1: "beschikt of
redelijkerwijs kan beschikken"). The check and the sentence live in the shared
block templates/_blokken/erfenis-vermogen.md.j2, so every letter that counts an
erfenis gets both: the herziening and the voornemen-terugvordering."""

from __future__ import annotations

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

SAMPLES = ["herziening-intrekking-erfenis", "voornemen-terugvordering-erfenis"]
DISPOSE = "U kon namelijk vanaf die dag al over de erfenis beschikken."


@pytest.mark.parametrize(
    ("name", "received", "reason", "refused"),
    [
        (name, received, reason, refused)
        for name in SAMPLES
        for received, reason, refused in [
            ("later", True, False),  # the samples: the money came later
            ("later", False, True),
            (None, False, True),  # when the money came is unknown: the same
            ("death", False, False),  # the money came on the day of death
        ]
    ],
)
def test_an_erfenis_before_the_money_came_says_why_he_could_dispose_of_it(
    settings: Settings, name: str, received: str | None, reason: bool, refused: bool
) -> None:
    data = load_sample(name)
    erfenis = data["case"]["erfenis"]
    assert erfenis["ontvangen_op"] > erfenis["overlijdensdatum"]
    if received is None:
        erfenis.pop("ontvangen_op")
    elif received == "death":
        erfenis["ontvangen_op"] = erfenis["overlijdensdatum"]
    if not reason:
        erfenis.pop("beschikken_reden")
    request = LetterRequest(data["template"], data["case"], "text")
    if refused:
        with pytest.raises(CaseDataError) as caught:
            build_letter(request, settings, today=TODAY)
        assert [p.path for p in caught.value.problems] == ["erfenis.beschikken_reden"]
        return
    text = render_text(build_letter(request, settings, today=TODAY))
    assert (DISPOSE in text) is reason
