"""The zienswijze before an adverse decision, as a kind (Awb 4:8, 4:11, 4:12).

Every template for an adverse decision that rests on facts the resident may not
have given warns when the case has neither a zienswijze nor a reason why none
was needed; the letter prints the reason, and refuses both given. The shared
block is templates/_blokken/zienswijze-niet-nodig.md.j2.
"""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError, MotivationError
from letterforge.library import Library
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths

# Template -> a sample of it that carries a zienswijze.
ADVERSE = {
    "herziening": "herziening-inlichtingenplicht",
    "terugvordering": "terugvordering-inlichtingenplicht-zienswijze",
    "maatregel": "maatregel-afspraken",
    "beeindiging-bijstand": "beeindiging-bijstand-verhuizing",
    "bestuurlijke-boete": "bestuurlijke-boete-waarschuwing",
}
# Templates whose schema knows a zienswijze but need no 4:8 rule, and why.
NOT_4_8 = {
    # A refusal of an aanvraag: Awb 4:7, not 4:8 (the applicant gave the facts).
    "afwijzing-bijstand",
    "bijzondere-bijstand-afwijzing",
    "wmo-afwijzing",
    # Awb 4:5: setting an aanvraag aside after a hersteltermijn.
    "buiten-behandeling",
    # Pw 62: verhaal goes the civil route at the rechtbank, no beschikking.
    "verhaal",
}
REASON = "U gaf ons zelf alle gegevens (artikel 4:8 Awb)."
SAID = "Wij vroegen u niet eerst om uw mening over dit besluit."


def _case(name: str, zienswijze: bool, reason: str | None) -> dict[str, Any]:
    data = load_sample(name)
    case = data["case"]
    if not zienswijze:
        case.pop("zienswijze", None)
        case["motivering"] = [m for m in case["motivering"] if m != "zienswijze"]
    elif "zienswijze" not in case:
        given = load_sample(ADVERSE["herziening"])["case"]["zienswijze"]
        case["zienswijze"] = given
        case["motivering"].append("zienswijze")
    case.pop("zienswijze_niet_nodig", None)
    if reason is not None:
        case["zienswijze_niet_nodig"] = {"reden": reason}
    return data


def test_every_template_with_a_zienswijze_is_classified(library: Library) -> None:
    # A new template whose case can hold a zienswijze must be put in one of the
    # two tables: adverse (the 4:8 rule) or not, with the reason.
    with_zienswijze = {
        t.id for t in library.templates() if "zienswijze" in t.schema["properties"]
    }
    assert with_zienswijze == set(ADVERSE) | NOT_4_8


@pytest.mark.parametrize("template_id", sorted(ADVERSE))
def test_an_adverse_template_declares_the_4_8_rule(
    library: Library, template_id: str
) -> None:
    rules = [
        r
        for r in library.get(template_id).case_rules
        if r.kind == "ontbreekt" and r.field == "zienswijze"
    ]
    assert [r.excused for r in rules] == ["zienswijze_niet_nodig.reden"]


@pytest.mark.parametrize(
    ("name", "zienswijze", "reason", "warned"),
    [
        (name, zienswijze, reason, warned)
        for name in ADVERSE.values()
        for zienswijze, reason, warned in [
            (True, None, False),
            (False, None, True),
            (False, REASON, False),
        ]
        if zienswijze or name != ADVERSE["maatregel"]
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
    text = render_text(letter)
    assert (SAID in text) is bool(reason)
    assert (REASON in text) is bool(reason)


@pytest.mark.parametrize("name", sorted(ADVERSE.values()))
def test_a_zienswijze_and_a_reason_why_none_was_needed_contradict(
    settings: Settings, name: str
) -> None:
    data = _case(name, True, REASON)
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert "zienswijze_niet_nodig" in [p.path for p in caught.value.problems]


def test_a_maatregel_without_zienswijze_lacks_its_weighing(
    settings: Settings,
) -> None:
    # Only the zienswijze block gives a maatregel its afweging (Pw 18 lid 2), so
    # without one the letter is refused before the 4:8 warning matters.
    for reason in (None, REASON):
        data = _case(ADVERSE["maatregel"], False, reason)
        request = LetterRequest(data["template"], data["case"], "text")
        with pytest.raises(MotivationError):
            build_letter(request, settings, today=TODAY)


def test_a_boete_above_the_limit_is_refused_not_warned_twice(
    settings: Settings,
) -> None:
    # Awb 5:53 already demands rapport and zienswijze: the refusal names the
    # rapport; the 4:8 warning does not repeat it.
    data = _case("bestuurlijke-boete-boete", False, None)
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert [p.path for p in caught.value.problems] == ["onderzoeksrapport"]


@pytest.mark.parametrize(
    "name",
    sorted(
        p.stem
        for p in sample_paths()
        if any(p.stem.startswith(t + "-") for t in ADVERSE)
    ),
)
def test_no_sample_carries_the_warning(settings: Settings, name: str) -> None:
    data = load_sample(name)
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    assert [w for w in letter.warnings if w.path == "zienswijze"] == []


@pytest.mark.parametrize("sample", ["maatregel-afspraken", "maatregel-sollicitatie"])
def test_the_zienswijze_block_without_a_zienswijze_names_the_field(
    settings: Settings, sample: str
) -> None:
    # Review r6 elements finding 3: a Dutch error naming the field, not a
    # template error about an undefined name.
    data = load_sample(sample)
    data["case"].pop("zienswijze", None)
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert "zienswijze" in [p.path for p in caught.value.problems]
