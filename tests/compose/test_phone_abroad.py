"""A letter to an address abroad gives a number that can be dialled from there
next to a 14 + netnummer number, which works only inside the Netherlands (review
r4 jurist finding 5: Wouters, BELGIË)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import DEFAULT_PROFILE, Settings, load_settings
from tests.conftest import TODAY, load_sample

ABROAD = {"regels": ["Rue des Tilleuls 8", "4000 Liège"], "land": "België"}
HOME = {
    "straat": "Kerkstraat",
    "huisnummer": "3",
    "postcode": "9999 AB",
    "plaats": "Voorbeeld",
}
SAID = "Belt u vanuit het buitenland? Bel dan +31 99 999 0999."


def _text(request: dict[str, Any], settings: Settings) -> str:
    letter = build_letter(parse_request(request), settings, today=TODAY)
    return " ".join(render_text(letter).replace("\xa0", " ").split())


def _to(request: dict[str, Any], where: dict[str, Any]) -> dict[str, Any]:
    ontvanger = request["case"]["ontvanger"]
    for key in ("adres", "buitenland", "postbus", "adressering"):
        ontvanger.pop(key, None)
    ontvanger["buitenland" if "land" in where else "adres"] = where
    return request


@pytest.mark.parametrize(
    ("sample", "where", "phone", "said"),
    [
        ("verhaal-verzoek-rechtbank", ABROAD, None, True),  # Wouters
        ("verhaal-verzoek-rechtbank", HOME, None, False),
        # A direct number works from abroad too.
        ("verhaal-verzoek-rechtbank", ABROAD, "050 123 4567", False),
        ("verhaal-verzoek-rechtbank", ABROAD, "14 020", True),
        # The schuldhulp block gives the municipality's own 14-number.
        ("aanmaning-boete", ABROAD, "050 123 4567", True),
        ("aanmaning-boete", HOME, None, False),
    ],
)
def test_a_14_number_abroad_comes_with_an_international_number(
    settings: Settings,
    sample: str,
    where: dict[str, Any],
    phone: str | None,
    said: bool,
) -> None:
    request = _to(load_sample(sample), where)
    if phone is not None:
        request["case"]["contactpersoon"]["telefoon"] = phone
    assert (SAID in _text(request, settings)) is said


def test_a_profile_without_the_number_refuses_a_letter_abroad(tmp_path: Path) -> None:
    profile = tmp_path / DEFAULT_PROFILE.name
    text = DEFAULT_PROFILE.read_text(encoding="utf-8")
    profile.write_text(
        "\n".join(
            line
            for line in text.splitlines()
            if not line.startswith("telefoon_buitenland")
        ),
        encoding="utf-8",
    )
    logo = DEFAULT_PROFILE.parent / "gemeente-voorbeeld-logo.png"
    shutil.copy(logo, tmp_path / logo.name)
    settings = load_settings({"LETTERFORGE_PROFILE": str(profile)})
    request = _to(load_sample("verhaal-verzoek-rechtbank"), ABROAD)
    with pytest.raises(CaseDataError) as caught:
        _text(request, settings)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["gemeenteprofiel: telefoon_buitenland"]


@pytest.mark.parametrize(
    ("where", "said"),
    [(ABROAD, True), (HOME, False)],
)
def test_the_new_contactpersoon_in_the_summary_gets_the_number_too(
    settings: Settings, where: dict[str, Any], said: bool
) -> None:
    # The "In het kort" box names the 14-number itself, apart from the contact
    # block: both lines carry the international number.
    request = _to(load_sample("wijziging-contactpersoon-nieuw"), where)
    text = _text(request, settings)
    phone = request["case"]["contactpersoon"]["telefoon"]
    assert (f"bellen op {phone}. {SAID}" in text) is said
    assert text.count(SAID) == (2 if said else 0)


@pytest.mark.parametrize(
    ("copy_where", "said"),
    [("buitenland", True), ("postbus", False)],
)
def test_a_copy_abroad_gets_the_number_in_its_text(
    settings: Settings, copy_where: str, said: bool
) -> None:
    # A copy carries the letter's own text; read abroad, its 14-number needs the
    # +31 number as much as the original would (the person lives at home here).
    request = load_sample("opschorting-kopie-schuldhulp")
    copy = request["case"]["ontvanger"]["kopie_aan"][0]
    if copy_where == "buitenland":
        copy.pop("postbus")
        copy["buitenland"] = ABROAD
    letter = build_letter(parse_request(request), settings, today=TODAY)
    assert len(letter.copies) == 1
    text = " ".join(render_text(letter).replace("\xa0", " ").split())
    assert (SAID in text) is said
