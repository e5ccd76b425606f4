"""Required elements a jurist found missing (review jurist-elements 4, 7, 13, 14,
15, 16): each tested on the handed sample plus variations of our own."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


def _flat(request: dict[str, Any], settings: Settings) -> str:
    letter = build_letter(parse_request(request), settings, today=TODAY)
    return " ".join(render_text(letter).replace("\xa0", " ").split())


def _refused(request: dict[str, Any], settings: Settings) -> list[str]:
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    return [p.path for p in raised.value.problems]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # Not asked: said so, with the rule (7:15 lid 3).
        ({}, "U vroeg ons niet om uw kosten voor het bezwaar te betalen"),
        # Asked and granted.
        (
            {"kosten_gevraagd": True, "kosten_vergoed": True},
            "Dat doen wij, want ons besluit was niet goed.",
        ),
        # Asked and refused, with the reason.
        (
            {
                "kosten_gevraagd": True,
                "kosten_reden": "U had geen advocaat en maakte geen kosten.",
            },
            "Dat doen wij niet. U had geen advocaat en maakte geen kosten.",
        ),
    ],
)
def test_a_gegrond_bob_decides_on_the_costs(
    edit: dict[str, Any], expected: str, settings: Settings
) -> None:
    request = load_sample("beslissing-op-bezwaar-deels-gegrond")
    request["case"]["bezwaar"].update(edit)
    assert expected in _flat(request, settings)


@pytest.mark.parametrize(
    ("remove", "add", "field"),
    [
        (["kosten_gevraagd"], {}, "bezwaar.kosten_gevraagd"),
        ([], {"kosten_gevraagd": True}, "bezwaar.kosten_reden"),
    ],
)
def test_a_gegrond_bob_without_a_cost_decision_is_refused(
    remove: list[str], add: dict[str, Any], field: str, settings: Settings
) -> None:
    request = load_sample("beslissing-op-bezwaar-deels-gegrond")
    for key in remove:
        del request["case"]["bezwaar"][key]
    request["case"]["bezwaar"].update(add)
    assert _refused(request, settings) == [field]


@pytest.mark.parametrize(
    ("verwijtbaarheid", "line", "amount"),
    [
        (
            "verminderd",
            "25 % daarvan (verminderde verwijtbaarheid) | € 300,00",
            "300,00",
        ),
        ("normaal", "50 % daarvan", "600,00"),
    ],
)
def test_the_replacing_boete_shows_its_calculation(
    verwijtbaarheid: str, line: str, amount: str, settings: Settings
) -> None:
    request = load_sample("beslissing-op-bezwaar-deels-gegrond")
    request["case"]["bezwaar"]["nieuwe_boete"]["verwijtbaarheid"] = verwijtbaarheid
    flat = _flat(request, settings)
    assert "Te veel gekregen (benadelingsbedrag) | € 1.200,00" in flat
    assert line in flat
    assert f"Uw nieuwe boete is € {amount}." in flat


@pytest.mark.parametrize(
    ("briefdatum", "late"),
    [
        ("2026-11-24", False),
        # Decision of 1-10-2026: bezwaartermijn to 12-11, 7:10 to 24-12-2026.
        ("2026-12-24", False),
        ("2026-12-30", True),
    ],
)
def test_a_late_bob_warns_with_the_dates(
    briefdatum: str, late: bool, settings: Settings
) -> None:
    request = load_sample("beslissing-op-bezwaar-deels-gegrond")
    request["case"]["zaak"]["briefdatum"] = briefdatum
    letter = build_letter(parse_request(request), settings, today=TODAY)
    found = [w.message for w in letter.warnings if "7:10" in w.message]
    assert bool(found) == late
    if late:
        assert "24\xa0december\xa02026" in found[0]
        assert "30\xa0december\xa02026" in found[0]


def test_a_wlz_refusal_weighs_the_situation(settings: Settings) -> None:
    request = load_sample("wmo-afwijzing-andere-voorziening")
    flat = _flat(request, settings)
    assert "Dan mogen wij uw aanvraag voor Wmo-hulp weigeren." in flat
    assert "mogen wij u geen" not in flat
    assert "Uw begeleiding uit de Wlz kan beginnen op 1 december 2026." in flat
    del request["case"]["afwijzing"]["afweging"]
    assert _refused(request, settings) == ["afwijzing.afweging"]


@pytest.mark.parametrize(
    ("edit", "decision", "voorschot"),
    [
        # The sample: aanvraag 20-11, papers by 8-12: 15-1-2027 plus 14 days.
        ({}, "uiterlijk op 29 januari 2027", "uiterlijk op 18 december 2026"),
        ({"hersteltermijn_weken": 4}, "uiterlijk op 12 februari 2027", None),
    ],
)
def test_an_acknowledgement_gives_the_suspended_decision_date(
    edit: dict[str, Any], decision: str, voorschot: str | None, settings: Settings
) -> None:
    request = load_sample("ontvangstbevestiging-bijstand")
    request["case"]["aanvraag"].update(edit)
    if voorschot is None:
        request["case"]["aanvraag"]["voorschot_mogelijk"] = False
    flat = _flat(request, settings)
    assert f"Stuurt u alles op tijd? Dan krijgt u ons besluit {decision}." in flat
    assert ("Voor uw aanvraag is dat " + (voorschot or "")) in flat or not voorschot
    assert ("Participatiewet, artikel 52 lid 1" in flat) == bool(voorschot)


def test_the_verzet_letter_gives_the_court_address(settings: Settings) -> None:
    # Review r4 jurist finding 4: the court's postbus from rechtbanken.yaml (no
    # afdeling bestuursrecht: verzet is a civil route), and our kenmerk.
    flat = _flat(load_sample("verhaal-alimentatie-uitspraak"), settings)
    assert (
        "Stuur uw verzoekschrift per post naar Rechtbank Noord-Nederland,"
        " Postbus 150, 9700 AD Groningen. Zet daarin ons kenmerk VH/2026/00112." in flat
    )
    assert "rechtspraak.nl" not in flat


INDEXED = "Toch vragen wij niet meer dan € 350,00 per maand."


@pytest.mark.parametrize(
    ("ordered_on", "claimed", "refused", "indexed"),
    [
        ("2025-03-12", 350, None, True),  # Yildiz: 1 January 2026 has passed
        ("2025-03-12", 300, None, True),  # less than the order: allowed
        ("2026-03-12", 350, None, False),  # no 1 January since the order
        # More than the order: not without verified index figures (BW 1:402a).
        ("2025-03-12", 361.5, "verhaal.bedrag_per_maand", None),
    ],
)
def test_an_ordered_alimentatie_is_never_indexed_by_guess(
    settings: Settings,
    ordered_on: str,
    claimed: float,
    refused: str | None,
    indexed: bool | None,
) -> None:
    request = load_sample("verhaal-alimentatie-uitspraak")
    verhaal = request["case"]["verhaal"]
    verhaal["uitspraak"]["datum"], verhaal["bedrag_per_maand"] = ordered_on, claimed
    if refused:
        with pytest.raises(CaseDataError) as caught:
            _flat(request, settings)
        assert [p.path for p in caught.value.problems] == [refused]
        return
    flat = _flat(request, settings)
    assert "De uitspraak noemt € 350,00 per maand." in flat
    assert (INDEXED in flat) is indexed
    assert "Burgerlijk Wetboek Boek 1, artikel 402a" in flat


@pytest.mark.parametrize(
    ("bewijs", "condition"),
    [(True, True), (False, False)],
)
def test_a_repayment_condition_names_its_basis(
    bewijs: bool, condition: bool, settings: Settings
) -> None:
    request = load_sample("bijzondere-bijstand-toekenning-bril")
    request["case"]["kosten"]["bewijs_nodig"] = bewijs
    flat = _flat(request, settings)
    assert ("Participatiewet, artikel 55" in flat) == condition
    assert ("Dan kunnen wij deze bijstand intrekken" in flat) == condition
    assert "moet u het geld terugbetalen" not in flat


def _steps(text: str) -> str:
    return text.split("Wat moet u doen?")[1].split("Heeft u vragen?")[0]


@pytest.mark.parametrize(
    ("sample", "edit", "present", "absent"),
    [
        # Review r2 finding 9 (E. Kok): a move gives the steps of a move.
        (
            "beeindiging-bijstand-verhuizing",
            {},
            "Vraag nu bijstand aan bij de gemeente Stadstad.",
            "inkomstenformulier",
        ),
        (
            "beeindiging-bijstand-verhuizing",
            {"nieuwe_gemeente": None},
            "Vraag nu bijstand aan bij de gemeente waar u nu woont.",
            "Geef uw nieuwe inkomen door",
        ),
        # Stopping because of work keeps the income steps.
        (
            "beeindiging-bijstand-werk",
            {},
            "Stuur ons uw loonstrook",
            "Vraag nu bijstand aan",
        ),
    ],
)
def test_the_steps_after_the_end_of_bijstand_fit_the_reason(
    sample: str, edit: dict[str, Any], present: str, absent: str, settings: Settings
) -> None:
    request = load_sample(sample)
    for key, value in edit.items():
        if value is None:
            request["case"]["beeindiging"].pop(key)
        else:
            request["case"]["beeindiging"][key] = value
    steps = _steps(_flat(request, settings))
    assert present in steps
    assert absent not in steps


@pytest.mark.parametrize(
    "sample",
    [
        "bijzondere-bijstand-afwijzing-verzekering",
        "bijzondere-bijstand-afwijzing-zelf-betalen",
        "bijzondere-bijstand-toekenning-bril",
        "bijzondere-bijstand-toekenning-deels",
    ],
)
def test_a_bijzondere_bijstand_decision_names_the_date_of_the_aanvraag(
    sample: str, settings: Settings
) -> None:
    # Review r2 finding 10: the date identifies the aanvraag and fixes 4:13.
    request = load_sample(sample)
    request["case"]["aanvraag"]["datum"] = "2026-11-02"
    assert "U vroeg op 2 november 2026 € " in _flat(request, settings)
    del request["case"]["aanvraag"]
    assert _refused(request, settings) == ["aanvraag"]


WARNING_RULES = (
    "Participatiewet, artikel 18a lid 4: wij kunnen u een waarschuwing geven",
    "Boetebesluit socialezekerheidswetten, artikel 2aa: wanneer u een waarschuwing",
)


@pytest.mark.parametrize(
    ("sample", "extra_ground", "count"),
    [
        # Review r2 finding 6 (Kramer): a new fine weighed the warning; cite it.
        ("beslissing-op-bezwaar-deels-gegrond", None, 1),
        # Already among the grounds the caseworker gave: not twice.
        (
            "beslissing-op-bezwaar-deels-gegrond",
            "Participatiewet, artikel 18a lid 4: een waarschuwing kan alleen ...",
            0,
        ),
        # No new fine: no rule about warnings.
        ("beslissing-op-bezwaar-ongegrond", None, 0),
    ],
)
def test_a_bezwaar_decision_with_a_new_fine_cites_the_warning_rules(
    sample: str, extra_ground: str | None, count: int, settings: Settings
) -> None:
    request = load_sample(sample)
    if extra_ground:
        request["case"]["bezwaar"]["grondslag_nieuw_besluit"].append(extra_ground)
    text = _flat(request, settings)
    rules = text.rsplit("Welke regels gelden?", 1)[1]
    assert [rules.count(rule) for rule in WARNING_RULES] == [count, count]


LOAN = {
    "reden": "Een wasmachine gaat lang mee. Daarom geven wij een lening.",
    "aflossing_per_maand": 25.0,
    "eerste_aflossing": "2027-01-01",
}


@pytest.mark.parametrize(
    ("sample", "edit", "refused", "printed"),
    [
        # Review r4 jurist finding 6: the draagkracht finding (Pw 35 lid 1) and
        # om niet or geldlening (Pw 48) in every toekenning.
        ("bijzondere-bijstand-toekenning-deels", {}, None, "artikel 48 lid 1"),
        ("bijzondere-bijstand-toekenning-bril", {}, None, "artikel 48 lid 1"),
        (
            "bijzondere-bijstand-toekenning-deels",
            {"vorm": "geldlening", "lening": LOAN},
            None,
            "U betaalt elke maand € 25,00 terug, voor het eerst op 1 januari 2027.",
        ),
        (
            "bijzondere-bijstand-toekenning-deels",
            {"draagkracht": None},
            "kosten.draagkracht",
            None,
        ),
        ("bijzondere-bijstand-toekenning-deels", {"vorm": None}, "kosten.vorm", None),
        (
            "bijzondere-bijstand-toekenning-bril",
            {
                "draagkracht": {
                    "inkomen_boven_norm": True,
                    "vermogen_boven_grens": False,
                }
            },
            "kosten.draagkracht",
            None,
        ),
        (
            "bijzondere-bijstand-toekenning-bril",
            {
                "draagkracht": {
                    "inkomen_boven_norm": False,
                    "vermogen_boven_grens": True,
                }
            },
            "kosten.draagkracht",
            None,
        ),
        (
            "bijzondere-bijstand-toekenning-deels",
            {"vorm": "geldlening"},
            "kosten.lening",
            None,
        ),
        (
            "bijzondere-bijstand-toekenning-deels",
            {"lening": LOAN},
            "kosten.lening",
            None,
        ),
    ],
)
def test_a_special_grant_states_draagkracht_and_whether_it_is_a_loan(
    sample: str,
    edit: dict[str, Any],
    refused: str | None,
    printed: str | None,
    settings: Settings,
) -> None:
    request = load_sample(sample)
    kosten = request["case"]["kosten"]
    for key, value in edit.items():
        if value is None:
            kosten.pop(key)
        else:
            kosten[key] = value
    if refused:
        assert refused in _refused(request, settings)
        return
    flat = _flat(request, settings)
    assert "Daarom kunt u de kosten niet zelf betalen." in flat
    assert printed in flat
