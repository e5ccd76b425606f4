"""Herziening and intrekking: the zienswijze (Awb 4:8, 4:11, 4:12) and the field a
refusal names (review r4 jurist findings 10 and 11)."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

INFO = "herziening-inlichtingenplicht"
ERFENIS = "herziening-intrekking-erfenis"
REASON = "Wij gebruikten alleen wat u zelf aan ons doorgaf (artikel 4:12 Awb)."
SAID = "Wij vroegen u niet eerst om uw mening over dit besluit."


def _case(name: str, zienswijze: bool, reason: str | None) -> dict[str, Any]:
    data = load_sample(name)
    case = data["case"]
    if not zienswijze:
        case.pop("zienswijze", None)
        case["motivering"] = [m for m in case["motivering"] if m != "zienswijze"]
    case.pop("zienswijze_niet_nodig", None)
    if reason is not None:
        case["zienswijze_niet_nodig"] = {"reden": reason}
    return data


@pytest.mark.parametrize(
    ("name", "zienswijze", "reason", "warned"),
    [
        (INFO, True, None, False),
        (INFO, False, None, True),  # c3: no zienswijze, no reason
        (INFO, False, REASON, False),
        (ERFENIS, False, None, True),
        (ERFENIS, False, REASON, False),
    ],
)
def test_no_zienswijze_is_warned_unless_the_letter_says_why(
    settings: Settings, name: str, zienswijze: bool, reason: str | None, warned: bool
) -> None:
    data = _case(name, zienswijze, reason)
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    found = [w for w in letter.warnings if w.path == "zienswijze"]
    assert bool(found) is warned
    if warned:
        assert "4:8" in found[0].message
        assert "zienswijze_niet_nodig.reden" in found[0].message
    text = render_text(letter)
    assert (SAID in text) is bool(reason)
    assert (REASON in text) is bool(reason)


def test_a_zienswijze_and_a_reason_why_none_was_needed_contradict(
    settings: Settings,
) -> None:
    data = _case(INFO, True, REASON)
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert [p.path for p in caught.value.problems] == ["zienswijze_niet_nodig"]


@pytest.mark.parametrize("name", [INFO, ERFENIS])
def test_a_period_in_the_future_names_its_end(settings: Settings, name: str) -> None:
    # c2: a period that has not ended names the period, not the letter date.
    data = load_sample(name)
    data["case"]["herziening"]["periode"]["tot"] = "2026-12-31"
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert "herziening.periode.tot" in [p.path for p in caught.value.problems]
    assert "zaak.briefdatum" not in [p.path for p in caught.value.problems]


DISPOSE = "U kon namelijk vanaf die dag al over de erfenis beschikken."


@pytest.mark.parametrize(
    ("received", "reason", "refused"),
    [
        # Dijkstra: the money came on 27 August, the intrekking runs from the
        # death on 4 August; the reason is in the case (Pw 34 lid 1).
        ("2026-08-27", "keep", False),
        ("2026-08-27", None, True),
        (None, None, True),  # when the money came is unknown: the same
        ("2026-08-04", None, False),  # the money came on the day of death
    ],
)
def test_an_erfenis_before_the_money_came_says_why_he_could_dispose_of_it(
    settings: Settings, received: str | None, reason: str | None, refused: bool
) -> None:
    data = load_sample(ERFENIS)
    erfenis = data["case"]["erfenis"]
    erfenis.pop("ontvangen_op")
    if received is not None:
        erfenis["ontvangen_op"] = received
    if reason is None:
        erfenis.pop("beschikken_reden")
    request = LetterRequest(data["template"], data["case"], "text")
    if refused:
        with pytest.raises(CaseDataError) as caught:
            build_letter(request, settings, today=TODAY)
        assert [p.path for p in caught.value.problems] == ["erfenis.beschikken_reden"]
        return
    text = render_text(build_letter(request, settings, today=TODAY))
    assert (DISPOSE in text) is (reason is not None)
