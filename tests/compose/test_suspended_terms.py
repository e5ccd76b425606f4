"""Missing papers suspend the decision term (Awb 4:5, 4:15 lid 1 a) and the voorschot
on bijstand (Pw 52 lid 1 from 1-1-2026): the dates come from the calculators, and the
verlenging-beslistermijn letter never mixes the 4:14 extension with missing papers."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letterforge.compose.calc import termijnen
from letterforge.compose.filters import datum
from letterforge.compose.norms import NormTable, load_table
from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, decode_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
STUKKEN = ROOT / "samples" / "verlenging-beslistermijn-stukken.json"


@pytest.fixture(scope="module")
def table() -> NormTable:
    return load_table(ROOT / "templates")


@pytest.mark.parametrize(
    ("deadline", "letter_date", "herstel", "expected"),
    [
        # 13 days left on 24 Nov; they run on after 8 Dec: 21 Dec (a Monday).
        (date(2026, 12, 7), date(2026, 11, 24), date(2026, 12, 8), date(2026, 12, 21)),
        # No days left: the decision is due on the last day of the hersteltermijn.
        (date(2026, 11, 24), date(2026, 11, 24), date(2026, 12, 8), date(2026, 12, 8)),
        # Ends on Saturday 26 Dec 2026 -> Boxing day is Sat; next working day Mon 28.
        (date(2026, 12, 11), date(2026, 11, 24), date(2026, 12, 9), date(2026, 12, 28)),
    ],
    ids=["days-run-on", "nothing-left", "weekend-moves-on"],
)
def test_suspended_decision_term(
    table: NormTable, deadline: date, letter_date: date, herstel: date, expected: date
) -> None:
    result = termijnen.opgeschorte_beslistermijn(table, deadline, letter_date, herstel)
    assert result.uiterlijk == expected
    assert any("4:15" in (s.bron or "") for s in result.stappen)


def test_a_term_already_over_is_refused(table: NormTable) -> None:
    with pytest.raises(ValueError, match="al voorbij"):
        termijnen.opgeschorte_beslistermijn(
            table, date(2026, 11, 20), date(2026, 11, 24), date(2026, 12, 8)
        )


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2026, 10, 12), date(2026, 11, 9)),
        # Four weeks after 17 April 2026 is 15 May 2026, a day equated with a holiday.
        (date(2026, 4, 17), date(2026, 5, 18)),
    ],
)
def test_voorschottermijn_is_four_weeks_after_the_aanvraag(
    table: NormTable, received: date, expected: date
) -> None:
    assert termijnen.voorschottermijn(table, received).uiterlijk == expected


def _case() -> dict[str, Any]:
    return json.loads(STUKKEN.read_text())


def _text(case: dict[str, Any], settings: Settings) -> str:
    letter = build_letter(decode_request(json.dumps(case)), settings, today=TODAY)
    return render_text(letter)


def _variant(change: dict[str, Any]) -> dict[str, Any]:
    case = copy.deepcopy(_case())
    case["case"]["verlenging"].update(change)
    return case


@pytest.mark.parametrize(
    ("change", "present", "absent"),
    [
        (
            {},
            [
                "Stuur de papieren uiterlijk op 8\xa0december\xa02026",
                "uiterlijk op 21\xa0december\xa02026",
                "artikel 4:15 lid 1 onder a",
                "artikel 4:5 lid 1",
                "kunnen wij besluiten uw aanvraag niet te behandelen",
                "Wij geven u een voorschot van",
                "uiterlijk 9\xa0november\xa02026",
            ],
            ["4:14", "zo snel mogelijk", "mogen wij"],
        ),
        (
            {"hersteltermijn_weken": 3},
            [
                "uiterlijk op 15\xa0december\xa02026",
                "uiterlijk op 28\xa0december\xa02026",
            ],
            ["4:14"],
        ),
        (
            {
                "voorschot": {
                    "verleend": False,
                    "reden": "U heeft nog geld op uw rekening.",
                }
            },
            ["Wij geven u geen voorschot. U heeft nog geld op uw rekening."],
            ["Wij geven u een voorschot"],
        ),
        (
            {"voorschot_mogelijk": False},
            ["artikel 4:15 lid 1 onder a"],
            ["voorschot", "artikel 52"],
        ),
    ],
    ids=["sample", "three-weeks", "voorschot-refused", "no-bijstand"],
)
def test_missing_papers_letter(
    change: dict[str, Any], present: list[str], absent: list[str], settings: Settings
) -> None:
    text = _text(_variant(change), settings)
    for fragment in present:
        assert fragment in text
    for fragment in absent:
        assert fragment not in text


def test_voorschot_must_be_said_for_bijstand(settings: Settings) -> None:
    case = _case()
    del case["case"]["verlenging"]["voorschot"]
    with pytest.raises(CaseDataError) as e:
        _text(case, settings)
    assert [p.path for p in e.value.problems] == ["verlenging.voorschot"]


def test_extension_without_papers_keeps_4_14(settings: Settings) -> None:
    case = _case()
    v = case["case"]["verlenging"]
    del (
        v["nog_nodig"],
        v["hersteltermijn_weken"],
        v["voorschot_mogelijk"],
        v["voorschot"],
    )
    v["weken"] = 4
    text = _text(case, settings)
    assert "artikel 4:14 lid 3" in text
    assert f"uiterlijk op {datum(date(2027, 1, 4))}" in text
    assert "4:15" not in text


@pytest.mark.parametrize(
    ("sample", "part", "typed", "expected"),
    [
        ("opschorting-loonstroken", "opschorting", None, "8\xa0december\xa02026"),
        (
            "opschorting-loonstroken",
            "opschorting",
            "2026-12-11",
            "11\xa0december\xa02026",
        ),
        ("ontvangstbevestiging-bijstand", "aanvraag", None, "8\xa0december\xa02026"),
        (
            "ontvangstbevestiging-bijstand",
            "aanvraag",
            "2026-12-04",
            "4\xa0december\xa02026",
        ),
    ],
    ids=[
        "opschorting-weeks",
        "opschorting-typed",
        "ontvangst-weeks",
        "ontvangst-typed",
    ],
)
def test_papers_due_date_is_calculated_or_the_typed_date_of_older_requests(
    sample: str, part: str, typed: str | None, expected: str, settings: Settings
) -> None:
    case = json.loads((ROOT / "samples" / f"{sample}.json").read_text())
    if typed is not None:
        del case["case"][part]["hersteltermijn_weken"]
        case["case"][part]["sturen_uiterlijk"] = typed
    assert f"Stuur de papieren uiterlijk op {expected}" in _text(case, settings)
