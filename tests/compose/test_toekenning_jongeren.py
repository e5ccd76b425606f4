"""Toekenning of bijstand for an applicant of 18 to 26 on the ingangsdatum: the
jongerennorm (Pw 20), the zoektermijn (41 lid 4) and the plan van aanpak as a
bijlage of the decision (44 lid 4, 44a). Replaces the refusal of review r4 jurist
finding 3. Sources: shared/reference/domain-law-2026.md §1 and §10,
domain-law.md §3."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

PLAN = "Plan van aanpak"
ZOEK = (
    "Participatiewet, artikel 41 lid 4: bent u jonger dan 27 jaar?"
    " Dan kunt u pas bijstand aanvragen"
)
LID_4 = "Participatiewet, artikel 44 lid 4 en 44a:"
WARNING = "geboortedatum ontbreekt: wij gaan uit van 27 jaar of ouder"


def _letter(settings: Settings, case: dict[str, Any]) -> tuple[str, Any]:
    letter = build_letter(
        LetterRequest("toekenning-bijstand", case, "text"), settings, today=TODAY
    )
    return render_text(letter).replace("\xa0", " "), letter


# (id, sample, birth date, expected norm line, young)
CASES = [
    # The alleenstaande sample starts on 19 October 2026, aanvraag the same day.
    (
        "27-on-the-start",
        "toekenning-bijstand-alleenstaande",
        "1999-10-19",
        "Bijstandsnorm alleenstaande | € 1.419,46",
        False,
    ),
    (
        "26-on-the-start",
        "toekenning-bijstand-jongere-24",
        "2000-11-09",
        "Bijstandsnorm alleenstaande | € 1.419,46",
        True,
    ),
    (
        "24-sample",
        "toekenning-bijstand-jongere-24",
        "2002-06-02",
        "Bijstandsnorm alleenstaande | € 1.419,46",
        True,
    ),
    (
        "21-on-the-start-pw21a",
        "toekenning-bijstand-jongere-19",
        "2005-11-02",
        "Bijstandsnorm alleenstaande | € 1.419,46",
        True,
    ),
    (
        "20-on-the-start-pw20.1a",
        "toekenning-bijstand-jongere-19",
        "2005-11-03",
        "Jongerennorm alleenstaande (18 tot 21 jaar) | € 350,42",
        True,
    ),
    (
        "19-sample-pw20.1a",
        "toekenning-bijstand-jongere-19",
        "2007-03-14",
        "Jongerennorm alleenstaande (18 tot 21 jaar) | € 350,42",
        True,
    ),
]


@pytest.mark.parametrize(
    ("sample", "born", "norm_line", "young"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_norm_zoektermijn_and_plan_follow_the_age_on_the_start(
    settings: Settings, sample: str, born: str, norm_line: str, young: bool
) -> None:
    case = load_sample(sample)["case"]
    case["aanvrager"] = {"geboortedatum": born}
    if not young:
        case.pop("plan_van_aanpak", None)
    text, letter = _letter(settings, case)
    assert norm_line in text
    assert (ZOEK in text) is young
    assert (LID_4 in text) is young
    assert (f"\n{PLAN}\n" in text) is young
    assert ("Het plan van aanpak in de bijlage hoort bij dit besluit." in text) is young
    assert ("artikel 20 lid 1 onder a" in text) is ("Jongerennorm" in norm_line)
    assert not [w for w in letter.warnings if w.path == "aanvrager.geboortedatum"]


def test_the_plan_is_printed_as_the_last_bijlage(settings: Settings) -> None:
    case = load_sample("toekenning-bijstand-jongere-19")["case"]
    text, _ = _letter(settings, case)
    plan = text[text.rindex(f"\n{PLAN}\n") :]
    for item in case["plan_van_aanpak"]["afspraken"]:
        assert item["afspraak"] in plan
    assert "Op 1 februari 2027 bespreken wij het plan opnieuw met u." in plan
    assert "Op 14 maart 2028 wordt u 21 jaar." in text
    assert (
        "niet eerder ingaan dan 2 november 2026: vier weken na uw melding op "
        "5 oktober 2026 (de zoektermijn)."
    ) in text


def test_a_missing_birth_date_is_a_warning_naming_the_field(settings: Settings) -> None:
    case = load_sample("toekenning-bijstand-alleenstaande")["case"]
    del case["aanvrager"]
    text, letter = _letter(settings, case)
    [warning] = [w for w in letter.warnings if w.path == "aanvrager.geboortedatum"]
    assert WARNING in warning.message
    assert ZOEK not in text


REFUSED = [
    # (id, change to the 19-year-old sample, field named, words in the message)
    (
        "no-plan",
        lambda c: c.pop("plan_van_aanpak"),
        "plan_van_aanpak",
        "artikel 44 lid 4",
    ),
    (
        "start-in-zoektermijn",
        lambda c: c["toekenning"].update(ingangsdatum="2026-11-01"),
        "toekenning.ingangsdatum",
        "artikel 41 lid 4",
    ),
    (
        "melding-is-aanvraag",
        lambda c: c["aanvraag"].pop("melding_datum"),
        "toekenning.ingangsdatum",
        "30 november 2026",
    ),
    # Review r5 finding 7 (b19): an aanvraag inside the zoektermijn is the
    # fault to name, not the voorschot term that follows from its date.
    (
        "aanvraag-in-zoektermijn",
        lambda c: c["aanvraag"].update(datum="2026-10-06"),
        "aanvraag.datum",
        "binnen de zoektermijn",
    ),
    (
        "aanvraag-on-the-melding",
        lambda c: c["aanvraag"].update(datum="2026-10-05"),
        "aanvraag.datum",
        "vanaf 2 november 2026 (artikel 41 lid 4",
    ),
    (
        "under-18",
        lambda c: c["aanvrager"].update(geboortedatum="2009-01-01"),
        "aanvrager.geboortedatum",
        "jonger dan 18",
    ),
    (
        "youth-kostendeler",
        lambda c: c["toekenning"].update(
            medebewoners=[{"omschrijving": "Uw oom", "geboortedatum": "1970-01-01"}]
        ),
        "toekenning.medebewoners",
        "kostendelersnorm",
    ),
]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [c[1:] for c in REFUSED],
    ids=[c[0] for c in REFUSED],
)
def test_what_does_not_fit_is_refused_naming_the_field(
    settings: Settings, change: Any, field: str, words: str
) -> None:
    case = load_sample("toekenning-bijstand-jongere-19")["case"]
    change(case)
    with pytest.raises(CaseDataError) as caught:
        _letter(settings, case)
    found = [p for p in caught.value.problems if p.path == field]
    assert found, caught.value.problems
    assert "aanvraag.voorschot" not in [p.path for p in caught.value.problems]
    assert words in found[0].message.replace("\xa0", " ")


def test_an_exception_to_the_zoektermijn_is_stated(settings: Settings) -> None:
    case = load_sample("toekenning-bijstand-jongere-19")["case"]
    reason = "U kunt door uw ziekte nu niet werken of leren."
    case["toekenning"].update(
        ingangsdatum="2026-10-05", zoektermijn_uitzondering=reason
    )
    case["aanvraag"].update(
        datum="2026-10-05", voorschot={"betaald": False, "reden": "U had nog loon."}
    )
    text, _ = _letter(settings, case)
    assert f"Voor u geldt die zoektermijn niet. {reason}" in text


def test_the_higher_jongerennorm_needs_and_states_the_reason(
    settings: Settings,
) -> None:
    case = load_sample("toekenning-bijstand-jongere-19")["case"]
    reason = "Uw ouders hebben zelf een bijstandsuitkering."
    del case["toekenning"]["ouders_kunnen_bijdragen"]
    case["toekenning"]["ouders_kunnen_niet_bijdragen"] = reason
    text, _ = _letter(settings, case)
    assert "Jongerennorm als uw ouders niet kunnen bijdragen | € 762,24" in text
    assert reason in text
    assert "Participatiewet, artikel 20 lid 3:" in text


CAN = "Uw ouders hebben werk en helpen u elke maand."
CANNOT = "Uw ouders hebben zelf een bijstandsuitkering."
FINDING = "Wij hebben gekeken of uw ouders u kunnen helpen."
# (id, birth date, leefvorm, finding that they can, that they cannot,
#  refused field or None, printed)
PARENTS = [
    ("19-can", "2007-03-14", "alleenstaande", CAN, None, None, FINDING),
    ("19-cannot", "2007-03-14", "alleenstaande", None, CANNOT, None, CANNOT),
    ("19-parent-can", "2007-03-14", "alleenstaande-ouder", CAN, None, None, FINDING),
    # Review r5 finding 2: no finding either way is refused, naming the field.
    (
        "19-none",
        "2007-03-14",
        "alleenstaande",
        None,
        None,
        "toekenning.ouders_kunnen_bijdragen",
        "",
    ),
    (
        "19-parent-none",
        "2007-03-14",
        "alleenstaande-ouder",
        None,
        None,
        "toekenning.ouders_kunnen_bijdragen",
        "",
    ),
    (
        "19-both",
        "2007-03-14",
        "alleenstaande",
        CAN,
        CANNOT,
        "toekenning.ouders_kunnen_bijdragen",
        "",
    ),
    # From 21 no jongerennorm: a finding on the parents is not printed, like
    # ouders_kunnen_niet_bijdragen, which the calculator then ignores.
    ("21-none", "2005-11-02", "alleenstaande", None, None, None, ""),
    ("21-can", "2005-11-02", "alleenstaande", CAN, None, None, ""),
]


@pytest.mark.parametrize(
    ("born", "leefvorm", "can", "cannot", "refused", "printed"),
    [c[1:] for c in PARENTS],
    ids=[c[0] for c in PARENTS],
)
def test_an_18_to_20_year_old_needs_a_finding_on_the_parents(
    settings: Settings,
    born: str,
    leefvorm: str,
    can: str | None,
    cannot: str | None,
    refused: str | None,
    printed: str,
) -> None:
    """Pw 20 lid 3 (since 1-1-2026): the lower jongerennorm needs a finding that
    the parents can contribute, the higher one a finding that they cannot."""
    case = load_sample("toekenning-bijstand-jongere-19")["case"]
    case["aanvrager"]["geboortedatum"] = born
    t = case["toekenning"]
    t["leefvorm"] = leefvorm
    t.pop("ouders_kunnen_bijdragen", None)
    if can:
        t["ouders_kunnen_bijdragen"] = can
    if cannot:
        t["ouders_kunnen_niet_bijdragen"] = cannot
    if refused:
        with pytest.raises(CaseDataError) as caught:
            _letter(settings, case)
        assert refused in [p.path for p in caught.value.problems]
        return
    text, _ = _letter(settings, case)
    if printed:
        assert printed in text
    if can:
        young = born == "2007-03-14"
        assert (f"{FINDING} {can} Kunnen zij u toch niet helpen?" in text) is young
    assert "De wet gaat ervan uit dat ouders" not in text


ABROAD = "Bijstand is er alleen voor wie in Nederland woont"


@pytest.mark.parametrize(
    ("sample", "abroad"),
    [
        # Review r5 finding 8 (b24): Lammers with an address in Liège.
        ("toekenning-bijstand-jongere-19", True),
        ("toekenning-bijstand-alleenstaande", True),
        ("toekenning-bijstand-jongere-19", False),
        ("toekenning-bijstand-alleenstaande", False),
    ],
)
def test_bijstand_to_an_address_abroad_is_warned(
    settings: Settings, sample: str, abroad: bool
) -> None:
    case = load_sample(sample)["case"]
    if abroad:
        case["ontvanger"].pop("adres")
        case["ontvanger"]["buitenland"] = {
            "regels": ["Rue des Tilleuls 8", "4000 Liège"],
            "land": "België",
        }
    _, letter = _letter(settings, case)
    found = [w for w in letter.warnings if ABROAD in w.message]
    assert [w.path for w in found] == (["ontvanger.buitenland"] if abroad else [])
    if abroad:
        assert "artikel 11 lid 1" in found[0].message
