"""Dates a letter cannot come before, and measures that cannot start in the past
(review jurist-elements r3, findings 1 and 2): the aanvraag and other past facts
against the letter date, a maatregel against the conduct, and a maatregel or
opschorting that starts in a month that may be paid already."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from letterforge.case.validate import EARLIER_THAN_LETTER
from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths


def _at(case: dict[str, Any], path: str) -> tuple[dict[str, Any], str] | None:
    parts = path.split(".")
    node: Any = case
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and isinstance(node.get(parts[-1]), str):
        return node, parts[-1]
    return None


def _past_fact_cases() -> list[tuple[str, str]]:
    found = []
    for path in sample_paths():
        case = load_sample(path.stem)["case"]
        found += [(path.stem, p) for p, _ in EARLIER_THAN_LETTER if _at(case, p)]
    return found


PAST_FACTS = _past_fact_cases()


def test_the_table_covers_the_aanvraag_of_every_kind() -> None:
    # Wmo, bijstand, bijzondere bijstand, buiten behandeling, verlenging,
    # ontvangstbevestiging: every template with an aanvraag is in the table.
    templates = {
        load_sample(name)["template"] for name, p in PAST_FACTS if p == "aanvraag.datum"
    }
    assert {
        "wmo-toekenning",
        "wmo-afwijzing",
        "toekenning-bijstand",
        "afwijzing-bijstand",
        "bijzondere-bijstand-toekenning",
        "bijzondere-bijstand-afwijzing",
        "buiten-behandeling",
        "verlenging-beslistermijn",
        "ontvangstbevestiging",
    } <= templates


@pytest.mark.parametrize(
    "sample", ["wmo-toekenning-natura", "wmo-afwijzing-eigen-kracht"]
)
def test_a_melding_after_the_letter_is_refused(sample: str, settings: Settings) -> None:
    # No sample gives a melding_datum: added here, the day after the letter.
    request = load_sample(sample)
    case = request["case"]
    letter = date.fromisoformat(case["zaak"]["briefdatum"])
    case["aanvraag"]["melding_datum"] = (letter + timedelta(days=1)).isoformat()
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert any("(aanvraag.melding_datum: " in p.message for p in raised.value.problems)


def test_the_table_covers_the_start_of_the_bijstand_a_verhaal_rests_on() -> None:
    # "Wij betalen sinds ..." in a verhaal letter is a past fact (issue 13).
    assert {(name, p) for name, p in PAST_FACTS if p == "verhaal.bijstand_sinds"} == {
        ("verhaal-alimentatie-uitspraak", "verhaal.bijstand_sinds"),
        ("verhaal-verzoek-rechtbank", "verhaal.bijstand_sinds"),
    }


@pytest.mark.parametrize(("sample", "path"), PAST_FACTS)
def test_a_past_fact_after_the_letter_is_refused_naming_it(
    sample: str, path: str, settings: Settings
) -> None:
    request = load_sample(sample)
    case = request["case"]
    letter = date.fromisoformat(case["zaak"]["briefdatum"])
    found = _at(case, path)
    assert found is not None
    node, key = found
    node[key] = (letter + timedelta(days=1)).isoformat()
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    mine = [
        p
        for p in raised.value.problems
        if p.path == "zaak.briefdatum" and f"({path}: " in p.message
    ]
    assert len(mine) == 1, raised.value.problems
    # On the letter's own day it is fine (a fact of today may be decided today).
    node[key] = letter.isoformat()
    try:
        build_letter(parse_request(request), settings, today=TODAY)
    except CaseDataError as error:
        assert not [p for p in error.problems if f"({path}: " in p.message]


@pytest.mark.parametrize(
    ("conduct", "vanaf", "refused", "warned"),
    [
        # The sample: missed on 6 and 20 October, lower from 1 December.
        (["2026-10-06", "2026-10-20"], "2026-12-01", False, False),
        # Review c3: lower from 1 October, before the conduct it punishes.
        (["2026-10-06", "2026-10-20"], "2026-10-01", True, True),
        # Between the two missed appointments: still before the conduct.
        (["2026-10-06", "2026-10-20"], "2026-10-15", True, True),
        # Review d2: after the conduct, but in the month of the letter (paid).
        (["2026-10-06", "2026-10-20"], "2026-11-01", False, True),
        # The day after the last conduct: not before it, but in the past.
        (["2026-09-30"], "2026-10-01", False, True),
        # Later months are the future: fine.
        # (No norms for 2027 yet: a later month cannot be computed.)
        (["2026-11-20"], "2026-12-01", False, False),
    ],
)
def test_a_maatregel_starts_after_the_conduct_and_in_a_month_to_come(
    conduct: list[str], vanaf: str, refused: bool, warned: bool, settings: Settings
) -> None:
    request = load_sample("maatregel-afspraken")
    request["case"]["maatregel"].update(gedraging_data=conduct, vanaf=vanaf)
    if refused:
        with pytest.raises(CaseDataError) as raised:
            build_letter(parse_request(request), settings, today=TODAY)
        assert [p.path for p in raised.value.problems] == ["maatregel.vanaf"]
        assert "artikel 18 lid 2" in raised.value.problems[0].message
        return
    letter = build_letter(parse_request(request), settings, today=TODAY)
    mine = [w for w in letter.warnings if w.path == "maatregel.vanaf"]
    assert bool(mine) == warned
    if warned:
        assert "artikel 54 lid 3 en 58" in mine[0].message
        assert "1\xa0december\xa02026" in mine[0].message


@pytest.mark.parametrize(
    ("briefdatum", "vanaf", "past"),
    [
        # The sample: letter 24 November, stop from 1 December.
        ("2026-11-24", "2026-12-01", False),
        # Review e2: letter 28 December, stop from 1 December.
        ("2026-12-28", "2026-12-01", True),
        # Letter 28 December, stop from 1 January: the future.
        ("2026-12-28", "2027-01-01", False),
        # Stop from the first of the letter's own month.
        ("2026-11-24", "2026-11-01", True),
    ],
)
def test_an_opschorting_in_a_paid_month_says_what_happens_to_that_money(
    briefdatum: str, vanaf: str, past: bool, settings: Settings
) -> None:
    request = load_sample("opschorting-loonstroken")
    request["case"]["zaak"]["briefdatum"] = briefdatum
    request["case"]["opschorting"]["vanaf"] = vanaf
    letter = build_letter(parse_request(request), settings, today=TODAY)
    flat = " ".join(render_text(letter).replace("\xa0", " ").split())
    said = "al bijstand van ons? Die mag u nu houden." in flat
    assert said == past
    assert ("Participatiewet, artikel 54 lid 3 en artikel 58" in flat) == past
    assert bool([w for w in letter.warnings if w.path == "opschorting.vanaf"]) == past
