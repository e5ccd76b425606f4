"""Every template declares the legal elements its letters must contain, and every
sample letter contains them (library/elements.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from letterforge.errors import TemplateError
from letterforge.library.elements import (
    REMEDY_TEXTS,
    Elements,
    missing_elements,
    parse_elements,
)
from letterforge.pipeline import build_letter, decode_request, load_library
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_sample_contains_its_declared_elements(
    path: Path, settings: Settings
) -> None:
    request = decode_request(path.read_bytes())
    letter = build_letter(request, settings, today=TODAY)
    template = load_library(settings).get(request.template)
    case = json.loads(path.read_bytes())["case"]
    assert missing_elements(template.elements, render_text(letter), case) == []


def test_a_letter_that_drops_an_element_fails(settings: Settings) -> None:
    path = next(p for p in sample_paths() if p.stem == "afwijzing-bijstand-vermogen")
    request = decode_request(path.read_bytes())
    text = render_text(build_letter(request, settings, today=TODAY))
    template = load_library(settings).get(request.template)
    case = json.loads(path.read_bytes())["case"]
    signed = "waarom u het niet eens bent en uw handtekening"
    dropped = text.replace(signed, "")
    missing = missing_elements(template.elements, dropped, case)
    assert [m.text for m in missing] == [signed]
    assert "rechtsmiddel" in str(missing[0])


def test_decisions_declare_a_remedy_and_notices_may_not(settings: Settings) -> None:
    library = load_library(settings)
    remedies = {t.id: t.elements.remedy for t in library.templates()}
    assert remedies["beslissing-op-bezwaar"] == "beroep"
    assert remedies["afwijzing-bijstand"] == "bezwaar"
    assert remedies["wijziging-contactpersoon"] == "geen"
    for template in library.templates():
        if template.elements.remedy == "bezwaar":
            assert "bezwaarclausule" in template.shared_blocks, template.id


GOOD: dict[str, Any] = {
    "rechtsmiddel": "bezwaar",
    "vereist": [
        {"soort": "grondslag", "tekst": "Participatiewet, artikel 11"},
        {"soort": "besluit", "tekst": "U krijgt geen bijstand"},
        {
            "soort": "grondslag",
            "tekst": "Participatiewet, artikel 34",
            "als": {"motivering": "vermogen"},
        },
        {
            "soort": "besluit",
            "tekst": "herroepen",
            "als": {"veld": "bezwaar.uitkomst", "waarde": ["gegrond"]},
        },
    ],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {"elementen": {**GOOD, **changes}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "'elementen' ontbreekt"),
        (_with(rechtsmiddel="hoger beroep"), "'rechtsmiddel' moet"),
        (_with(vereist=[{"soort": "besluit", "tekst": "x"}]), "'grondslag'"),
        (_with(vereist=[{"soort": "grondslag", "tekst": "artikel 3"}]), "'besluit'"),
        (_with(vereist=[{"soort": "grondslag", "tekst": "de wet"}]), "noemt geen"),
        (_with(vereist=[{"soort": "iets", "tekst": "x"}]), "onbekende soort"),
        (_with(vereist=[{"soort": "besluit", "tekst": " "}]), "'tekst'"),
        (_with(vereist=[{"soort": "besluit", "tekst": "x", "als": 3}]), "'als'"),
    ],
)
def test_bad_declarations_are_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(TemplateError) as raised:
        parse_elements(data, "t")
    assert message in str(raised.value)


def _elements() -> Elements:
    return parse_elements(_with(), "t")


@pytest.mark.parametrize(
    ("case", "extra"),
    [
        ({}, []),
        ({"motivering": ["vermogen"]}, ["Participatiewet, artikel 34"]),
        ({"bezwaar": {"uitkomst": "gegrond"}}, ["herroepen"]),
        ({"bezwaar": {"uitkomst": "ongegrond"}}, []),
    ],
)
def test_conditions_choose_the_elements(case: dict[str, Any], extra: list[str]) -> None:
    texts = [e.text for e in _elements().applicable(case)]
    expected = [
        *REMEDY_TEXTS["bezwaar"],
        "Participatiewet, artikel 11",
        "U krijgt geen bijstand",
        *extra,
    ]
    assert sorted(texts) == sorted(expected)


def test_whitespace_in_the_letter_does_not_matter() -> None:
    text = (
        " ".join(REMEDY_TEXTS["bezwaar"])
        + " Participatiewet,\n  artikel 11 U krijgt geen\nbijstand"
    )
    assert missing_elements(_elements(), text, {}) == []
