"""Case consistency rules: Dutch warnings and errors before a letter is made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from letterforge.compose.consistency import findings, post_elsewhere
from letterforge.compose.norms import load_table
from letterforge.errors import CaseDataError, TemplateError
from letterforge.library.checks import CaseRule, parse_rules
from letterforge.pipeline import build_letter, parse_request
from letterforge.settings import Settings
from tests.conftest import ROOT, TODAY, load_sample

TABLE = load_table(ROOT / "templates")

DAY = date(2026, 11, 24)
NORMS = {"wmo_beslistermijn_weken": Decimal(2)}
TERM = CaseRule("termijn", "aanvraag.datum", "te laat", norm="wmo_beslistermijn_weken")
FUTURE = CaseRule("toekomst", "periode.tot", "loopt nog")
LEFT = CaseRule("verlaten-adres", "oud", "oud adres", severity="fout")
HOME = {"straat": "Parkweg", "huisnummer": "77", "postcode": "9999 EF"}


@pytest.mark.parametrize(
    ("rule", "case", "errors", "warnings"),
    [
        # Two weeks after 9 November end on Monday 23 November.
        (TERM, {"aanvraag": {"datum": "2026-11-10"}}, [], []),
        (TERM, {"aanvraag": {"datum": "2026-11-09"}}, [], ["23 november 2026"]),
        (TERM, {}, [], []),
        (FUTURE, {"periode": {"tot": "2026-11-24"}}, [], []),
        (FUTURE, {"periode": {"tot": "2026-12-31"}}, [], ["31 december 2026"]),
        (LEFT, {"oud": HOME, "ontvanger": {"adres": HOME}}, ["oud adres"], []),
        (
            LEFT,
            {"oud": HOME, "ontvanger": {"adres": {**HOME, "postcode": "9999ef"}}},
            ["oud adres"],
            [],
        ),
        (
            LEFT,
            {"oud": HOME, "ontvanger": {"adres": {**HOME, "huisnummer": "9"}}},
            [],
            [],
        ),
    ],
)
def test_rules(
    rule: CaseRule, case: dict[str, Any], errors: list[str], warnings: list[str]
) -> None:
    found_errors, found_warnings = findings((rule,), case, DAY, NORMS, TABLE)
    assert len(found_errors) == len(errors)
    assert len(found_warnings) == len(warnings)
    for problem, text in zip(
        found_errors + found_warnings, errors + warnings, strict=True
    ):
        assert text in problem.message.replace("\xa0", " ")


def test_a_term_without_its_norm_says_so() -> None:
    _, warnings = findings(
        (TERM,), {"aanvraag": {"datum": "2026-11-01"}}, DAY, {}, TABLE
    )
    assert "niet bekend" in warnings[0].message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"soort": "iets", "veld": "a", "melding": "m"}, "onbekende soort"),
        ({"soort": "termijn", "van": "a", "melding": "m"}, "'weken' of 'norm'"),
        ({"soort": "toekomst", "melding": "m"}, "mist velden"),
        ({"soort": "toekomst", "veld": "a", "melding": "m", "ernst": "x"}, "'ernst'"),
        (
            {"soort": "bezwaartermijn", "veld": "a", "na": "b", "melding": "m"},
            "'tenzij_reden'",
        ),
        (
            {
                "soort": "terugwerkend",
                "veld": "a",
                "na": "b",
                "tenzij_reden": "c",
                "melding": "m",
            },
            "'maanden'",
        ),
    ],
)
def test_bad_rules_are_refused(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        parse_rules({"waarschuwingen": [raw]}, "t")


@pytest.mark.parametrize(
    "sample",
    [
        "wmo-afwijzing-eigen-kracht",
        "wmo-afwijzing-andere-voorziening",
        "wmo-toekenning-natura",
        "wmo-toekenning-pgb",
    ],
)
def test_the_wmo_samples_are_decided_in_time(sample: str, settings: Settings) -> None:
    letter = build_letter(parse_request(load_sample(sample)), settings, today=TODAY)
    assert [w.message for w in letter.warnings if "2.3.5" in w.message] == []


def test_a_late_wmo_decision_is_made_with_a_warning(settings: Settings) -> None:
    request = load_sample("wmo-afwijzing-eigen-kracht")
    # Two weeks after 5 November end on 19 November; the letter is of 24 November.
    request["case"]["aanvraag"]["datum"] = "2026-11-05"
    # The aanvraag after the onderzoeksverslag (Wmo 2.3.2 lid 9): no second warning.
    request["case"]["onderzoeksrapport"]["datum"] = "2026-11-04"
    letter = build_letter(parse_request(request), settings, today=TODAY)
    # The rechtbank's unverified address and the unknown 2027 griffierecht warn
    # too (courts.py); not this test's.
    own = [
        w
        for w in letter.warnings
        if w.code not in ("norm_niet_geverifieerd", "griffierecht_onbekend")
    ]
    assert [w.path for w in own] == ["zaak.briefdatum"]
    assert "artikel 2.3.5" in own[0].message
    assert "19\u00a0november\u00a02026" in own[0].message


def test_a_letter_to_the_address_the_person_left_is_refused(
    settings: Settings,
) -> None:
    request = load_sample("beeindiging-bijstand-verhuizing")
    case = request["case"]
    case["ontvanger"]["adres"] = case["beeindiging"]["vertrokken_adres"]
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert raised.value.problems[0].path == "ontvanger.adres"


def test_a_period_in_the_future_warns(settings: Settings) -> None:
    request = load_sample("terugvordering-later-inkomsten")
    request["case"]["terugvordering"]["periode"]["tot"] = "2027-01-31"
    # A bruto claim is not computed per month, so the months may be left out here.
    request["case"]["terugvordering"]["bruto"] = True
    del request["case"]["terugvordering"]["berekening"]
    letter = build_letter(parse_request(request), settings, today=TODAY)
    assert "loopt nog" in letter.warnings[0].message


def test_a_zienswijze_after_the_letter_date_is_refused(settings: Settings) -> None:
    request = load_sample("maatregel-afspraken")
    request["case"]["zienswijze"]["datum"] = "2026-12-01"
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert raised.value.problems[0].path == "zaak.briefdatum"  # case/validate.py


def test_a_maatregel_without_verwijtbaarheid_is_refused(settings: Settings) -> None:
    request = load_sample("maatregel-afspraken")
    del request["case"]["maatregel"]["verwijtbaarheid"]
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert [p.path for p in raised.value.problems] == ["maatregel.verwijtbaarheid"]


def test_samples_raise_no_case_warnings(
    settings: Settings,
) -> None:
    from tests.conftest import sample_paths

    warned = []
    for path in sample_paths():
        request = load_sample(path.stem)
        letter = build_letter(parse_request(request), settings, today=TODAY)
        # Case warnings only: unverified norm values warn on every boete letter.
        if any(w.code == "waarschuwing" for w in letter.warnings):
            warned.append(path.stem)
    # The late Wmo decision is a test case above, not a sample a resident reads.
    assert warned == []


@pytest.mark.parametrize(
    ("sample", "stukken", "refused"),
    [
        # Asked on 2 November: October had ended, November had not.
        (
            "opschorting-loonstroken",
            [{"stuk": "uw loonstrook van oktober 2026", "periode_tot": "2026-10-31"}],
            [],
        ),
        (
            "opschorting-loonstroken",
            [
                {"stuk": "uw loonstrook van oktober 2026", "periode_tot": "2026-10-31"},
                {
                    "stuk": "uw loonstrook van november 2026",
                    "periode_tot": "2026-11-30",
                },
            ],
            ["opschorting.stukken.1.periode_tot"],
        ),
        # A period ending on the day we asked had not ended either.
        (
            "opschorting-loonstroken",
            [{"stuk": "uw afschrift tot 2 november", "periode_tot": "2026-11-02"}],
            ["opschorting.stukken.0.periode_tot"],
        ),
        # Asked on 27 October: bank statements up to October could not exist yet.
        (
            "opschorting-kopie-schuldhulp",
            [
                "de brief van het UWV",
                {
                    "stuk": "bankafschriften tot en met oktober",
                    "periode_tot": "2026-10-31",
                },
            ],
            ["opschorting.stukken.1.periode_tot"],
        ),
        # Plain text papers carry no period: nothing to check.
        ("opschorting-kopie-schuldhulp", ["de brief van het UWV"], []),
    ],
)
def test_a_paper_must_concern_a_period_that_had_ended_when_asked(
    sample: str, stukken: list[Any], refused: list[str], settings: Settings
) -> None:
    request = load_sample(sample)
    request["case"]["opschorting"]["stukken"] = stukken
    if not refused:
        build_letter(parse_request(request), settings, today=TODAY)
        return
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert [p.path for p in raised.value.problems] == refused
    assert "nog niet voorbij" in raised.value.problems[0].message
    assert "vroegen het op" in raised.value.problems[0].message


def test_an_afgelopen_rule_needs_voor() -> None:
    with pytest.raises(TemplateError):
        parse_rules(
            {
                "waarschuwingen": [
                    {"soort": "afgelopen", "veld": "a.*.b", "melding": "x"}
                ]
            },
            "t",
        )


@pytest.mark.parametrize(
    ("adres", "outcome"),
    [
        # The new address in Stadstad (the sample): nothing to say.
        (None, "made"),
        # Another address in Voorbeeld, the place she left: a warning.
        (
            {
                "straat": "Molenstraat",
                "huisnummer": "3",
                "postcode": "9999 MA",
                "plaats": "Voorbeeld",
            },
            "warning",
        ),
        # The very address she left: refused.
        (
            {
                "straat": "Parkweg",
                "huisnummer": "77",
                "postcode": "9999 EF",
                "plaats": "voorbeeld",
            },
            "refused",
        ),
    ],
)
def test_a_move_letter_to_the_place_the_person_left(
    adres: dict[str, str] | None, outcome: str, settings: Settings
) -> None:
    request = load_sample("beeindiging-bijstand-verhuizing")
    if adres:
        request["case"]["ontvanger"]["adres"] = adres
    if outcome == "refused":
        with pytest.raises(CaseDataError) as raised:
            build_letter(parse_request(request), settings, today=TODAY)
        assert raised.value.problems[0].path == "ontvanger.adres"
        return
    letter = build_letter(parse_request(request), settings, today=TODAY)
    moved = [w for w in letter.warnings if w.path == "ontvanger.adres"]
    assert bool(moved) == (outcome == "warning")
    if moved:
        assert "Voorbeeld, de plaats die de inwoner verliet" in moved[0].message


MENSAH = "afwijzing-bijstand-woonplaats-zienswijze"


@pytest.mark.parametrize(
    ("facts", "warned"),
    [
        ("Uw post gaat naar een adres in de gemeente Elders.", True),
        ("Uw post kwam terug met 'onbekend'.", True),
        ("De post van uw buurman gaat naar u.", True),  # asks to look; decides nothing
        ("Bij twee huisbezoeken was u niet thuis.", True),
        ("Wij hebben u op 3 oktober niet aangetroffen.", True),
        ("U woont niet meer op de Havenweg.", True),
        ("U heeft een briefadres in Elders.", True),
        ("U bent onbekend verhuisd.", True),
        ("In de woning stonden geen spullen van u.", False),
        ("U staat als huurder ingeschreven op een adres in Elders.", False),
        ("Wij hebben u een brief gestuurd.", False),
    ],
)
def test_facts_that_say_the_post_goes_elsewhere_warn_without_a_second_address(
    facts: str, warned: bool, settings: Settings
) -> None:
    request = load_sample(MENSAH)
    ontvanger = request["case"]["ontvanger"]
    ontvanger.pop("ook_sturen_naar")
    request["case"]["afwijzing"]["feiten"] = [facts]
    request["case"]["zienswijze"]["reactie"] = "Dat weegt voor ons zwaarder."
    request["case"]["onderzoeksrapport"]["bevindingen"] = ["De buren zien u nooit."]
    letter = build_letter(parse_request(request), settings, today=TODAY)
    found = [w for w in letter.warnings if "3:41" in w.message]
    assert len(found) == int(warned)
    if warned:
        assert found[0].path == "afwijzing.feiten.0"
        assert "ontvanger.ook_sturen_naar" in found[0].message
    # With the second address given, the letter reaches both: no warning.
    ontvanger["ook_sturen_naar"] = {
        "adres": {
            "straat": "Kerkpad",
            "huisnummer": "14",
            "postcode": "8888 GH",
            "plaats": "Elders",
        }
    }
    letter = build_letter(parse_request(request), settings, today=TODAY)
    assert not [w for w in letter.warnings if "3:41" in w.message]


def test_the_handed_mensah_case_warns_until_the_second_address_is_given(
    settings: Settings,
) -> None:
    request = load_sample(MENSAH)
    request["case"]["ontvanger"].pop("ook_sturen_naar")
    letter = build_letter(parse_request(request), settings, today=TODAY)
    (found,) = [w for w in letter.warnings if "3:41" in w.message]
    assert found.path == "afwijzing.feiten.0"  # "was u niet thuis"
    assert found.code == "waarschuwing"
    # The sample itself gives the second address and sends the letter twice.
    letter = build_letter(parse_request(load_sample(MENSAH)), settings, today=TODAY)
    assert not [w for w in letter.warnings if "3:41" in w.message]
    assert [c.same_person for c in letter.copies] == [True]


@pytest.mark.parametrize(
    ("where", "warned"),
    [
        (("zaak", "zaaknummer"), False),  # about the letter, not the person
        (("contactpersoon", "bereikbaar"), False),
        (("onderzoeksrapport", "bevindingen", 0), True),
        (("zienswijze", "reactie"), True),
    ],
)
def test_only_fact_fields_are_read(
    where: tuple[Any, ...], warned: bool, settings: Settings
) -> None:
    case = load_sample(MENSAH)["case"]
    case["ontvanger"].pop("ook_sturen_naar")
    case["afwijzing"]["feiten"] = ["Geen."]
    case["zienswijze"]["reactie"] = "Geen."
    case["onderzoeksrapport"]["bevindingen"] = ["Geen."]
    node = case
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = "Uw post gaat naar Elders."
    assert len(post_elsewhere(case)) == int(warned)


PW_TERM = "artikel 4:13 lid 2 Awb"


def _pw_warnings(request: dict[str, Any], settings: Settings) -> list[str]:
    letter = build_letter(parse_request(request), settings, today=TODAY)
    return [
        w.message.replace("\xa0", " ") for w in letter.warnings if PW_TERM in w.message
    ]


@pytest.mark.parametrize(
    "sample",
    [
        "afwijzing-bijstand-woonplaats-zienswijze",  # the handed case (b9)
        "afwijzing-bijstand-vermogen",
        "toekenning-bijstand-alleenstaande",
        "bijzondere-bijstand-afwijzing-verzekering",
        "bijzondere-bijstand-toekenning-bril",
    ],
)
@pytest.mark.parametrize(
    ("letter_date", "extended_to", "expected"),
    [
        # Eight weeks after Tuesday 29 September end on Tuesday 24 November.
        ("2026-11-24", None, ""),
        ("2026-11-25", None, "eindigde op 24 november 2026"),
        (
            "2026-12-10",
            None,
            "eindigde op 24 november 2026; de brief is van 10 december",
        ),
        # A verlenging (4:14) or suspension (4:15) moves the end; the case says so.
        ("2026-12-10", "2026-12-22", ""),
        ("2026-12-23", "2026-12-22", "de verlengde termijn eindigde op 22 december"),
    ],
)
def test_a_late_bijstand_decision_on_an_aanvraag_warns(
    sample: str,
    letter_date: str,
    extended_to: str | None,
    expected: str,
    settings: Settings,
) -> None:
    request = load_sample(sample)
    case = request["case"]
    case["zaak"]["briefdatum"] = letter_date
    case["aanvraag"]["datum"] = "2026-09-29"
    if extended_to:
        case["aanvraag"]["beslissen_uiterlijk"] = extended_to
    found = _pw_warnings(request, settings)
    assert len(found) == int(bool(expected)), found
    if expected:
        assert expected in found[0]
        assert (
            "4:17" in found[0]
        )  # what the late decision costs after ingebrekestelling


@pytest.mark.parametrize(
    ("asked", "until", "letter_date", "expected"),
    [
        # Aanvraag Saturday 1 August: eight weeks end on Monday 28 September (Atw);
        # 21 days of hersteltermijn (12 October to 2 November) move the end to
        # Saturday 17 October, so Monday 19 October.
        ("2026-10-12", "2026-11-02", "2026-10-19", ""),
        (
            "2026-10-12",
            "2026-11-02",
            "2026-10-20",
            "eindigde op 19 oktober 2026, 21 dagen",
        ),
        # 53 days of suspension: the end moves past the letter.
        ("2026-09-10", "2026-11-02", "2026-11-12", ""),
    ],
)
def test_the_hersteltermijn_suspends_the_decision_term(
    asked: str, until: str, letter_date: str, expected: str
) -> None:
    (rule,) = parse_rules(
        {
            "waarschuwingen": [
                {
                    "soort": "termijn",
                    "van": "aanvraag.datum",
                    "weken": 8,
                    "opgeschort_van": "herstel.gevraagd_op",
                    "opgeschort_tot": "herstel.sturen_uiterlijk",
                    "melding": "te laat",
                }
            ]
        },
        "t",
    )
    case = {
        "aanvraag": {"datum": "2026-08-01"},
        "herstel": {"gevraagd_op": asked, "sturen_uiterlijk": until},
    }
    day = date.fromisoformat(letter_date)
    _, warnings = findings((rule,), case, day, {}, TABLE)
    assert len(warnings) == int(bool(expected))
    if expected:
        assert expected in warnings[0].message.replace("\xa0", " ")


@pytest.mark.parametrize(
    "raw",
    [
        {"opgeschort_van": "a"},
        {"opgeschort_tot": "a"},
        {"verlengd_tot": 3},
    ],
)
def test_a_suspension_needs_both_fields(raw: dict[str, Any]) -> None:
    rule = {"soort": "termijn", "van": "a", "weken": 8, "melding": "m"} | raw
    with pytest.raises(TemplateError, match="opgeschort"):
        parse_rules({"waarschuwingen": [rule]}, "t")


def test_every_bijstand_decision_on_an_aanvraag_has_the_eight_week_check(
    settings: Settings,
) -> None:
    from letterforge.pipeline import load_library

    library = load_library(settings)
    for template_id in (
        "afwijzing-bijstand",
        "toekenning-bijstand",
        "buiten-behandeling",
        "bijzondere-bijstand-afwijzing",
        "bijzondere-bijstand-toekenning",
    ):
        rules = library.get(template_id).case_rules
        assert any(
            r.kind == "termijn" and r.weeks == 8 and r.field == "aanvraag.datum"
            for r in rules
        ), template_id


@pytest.mark.parametrize(
    ("aanvraag", "expected"),
    [
        # Hersteltermijn 12 October to 2 November: 21 days of suspension.
        ("2026-09-29", ""),  # 24 November + 21 days: 15 December
        ("2026-09-01", "eindigde op 17 november 2026, 21 dagen later"),
    ],
)
def test_a_buiten_behandeling_decision_counts_the_hersteltermijn(
    aanvraag: str, expected: str, settings: Settings
) -> None:
    request = load_sample("buiten-behandeling-bijstand")
    request["case"]["aanvraag"]["datum"] = aanvraag
    found = _pw_warnings(request, settings)
    assert len(found) == int(bool(expected)), found
    if expected:
        assert expected in found[0]


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("Dat kunnen wij u verwijten.", True),  # the handed case b5b
        ("Wij kunnen het u verwijten. Dat is zo.", False),  # a second sentence
        ("Het is u te verwijten!  Wij verwijten het u.", True),
        (
            "U wist van beide afspraken: u kreeg een brief en een sms. "
            "Daarom vinden wij dat wij het u kunnen verwijten.",
            False,
        ),
        ("U wist het en gaf geen reden.", False),
    ],
)
def test_a_verwijtbaarheid_without_a_reason_warns(
    text: str, warned: bool, settings: Settings
) -> None:
    request = load_sample("maatregel-sollicitatie")
    request["case"]["maatregel"]["verwijtbaarheid"] = text
    letter = build_letter(parse_request(request), settings, today=TODAY)
    found = [w for w in letter.warnings if w.path == "maatregel.verwijtbaarheid"]
    assert len(found) == int(warned)
    if warned:
        assert "18 lid 9" in found[0].message


def test_a_reden_rule_needs_its_conclusion_word() -> None:
    with pytest.raises(TemplateError, match="conclusie"):
        parse_rules(
            {"waarschuwingen": [{"soort": "reden", "veld": "a", "melding": "m"}]}, "t"
        )


@pytest.mark.parametrize(
    "sample", ["wmo-toekenning-natura", "wmo-afwijzing-eigen-kracht"]
)
@pytest.mark.parametrize(
    ("aanvraag", "verslag", "melding", "warned"),
    [
        ("2026-11-12", "2026-11-10", None, False),  # after the verslag: lid 9
        ("2026-11-12", "2026-11-12", None, False),  # the same day
        ("2026-11-12", "2026-11-19", None, True),  # the handed Janssen case
        ("2026-11-12", "2026-11-19", "2026-10-01", False),  # six weeks after melding
        ("2026-11-12", "2026-11-19", "2026-10-02", True),  # one day short
    ],
)
def test_a_wmo_aanvraag_comes_after_the_onderzoeksverslag(
    sample: str,
    aanvraag: str,
    verslag: str,
    melding: str | None,
    warned: bool,
    settings: Settings,
) -> None:
    request = load_sample(sample)
    case = request["case"]
    case["aanvraag"]["datum"] = aanvraag
    case["onderzoeksrapport"]["datum"] = verslag
    if melding:
        case["aanvraag"]["melding_datum"] = melding
    letter = build_letter(parse_request(request), settings, today=TODAY)
    found = [w for w in letter.warnings if "2.3.2 lid 9" in w.message]
    assert len(found) == int(warned)
    if warned:
        assert found[0].path == "aanvraag.datum"
        assert "12 november 2026 ligt voor 19 november 2026" in found[
            0
        ].message.replace("\xa0", " ")
