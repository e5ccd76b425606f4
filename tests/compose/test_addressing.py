"""Addressees: names with tussenvoegsels, salutations, window addresses in all four
forms, representatives (bewindvoerder, curator, gemachtigde) and copies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from letterforge.compose.addressing import (
    address,
    copy_letters,
    full_name,
    house_number,
    salutation,
    window_address,
)
from letterforge.compose.furniture import later_page_line
from letterforge.compose.model import Paragraph
from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data" / "letters"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STREET = {
    "straat": "Molenpad",
    "huisnummer": "3",
    "postcode": "9999 GH",
    "plaats": "Voorbeeld",
}


@pytest.mark.parametrize(
    ("person", "name", "greeting", "window"),
    [
        (
            {"aanhef": "geen", "tussenvoegsel": "van der", "achternaam": "Berg"},
            "Van der Berg",
            "Geachte heer, mevrouw,",
            "Van der Berg",
        ),
        (
            {"voorletters": "J.", "tussenvoegsel": "van der", "achternaam": "Berg"},
            "J. van der Berg",
            "Geachte heer, mevrouw,",
            "J. van der Berg",
        ),
        (
            {"aanhef": "mevrouw", "voorletters": "H.", "tussenvoegsel": "d'"}
            | {"achternaam": "Ancona"},
            "H. d'Ancona",
            "Geachte mevrouw D'Ancona,",
            "Mevrouw H. d'Ancona",
        ),
        (
            {"aanhef": "de heer", "tussenvoegsel": "d'", "achternaam": "Ancona"},
            "D'Ancona",
            "Geachte heer D'Ancona,",
            "De heer D'Ancona",
        ),
        (
            {"aanhef": "de heer", "tussenvoegsel": "'t", "achternaam": "Hart"},
            "'t Hart",
            "Geachte heer 't Hart,",
            "De heer 't Hart",
        ),
        (
            {"aanhef": "mevrouw", "voorletters": "A.", "tussenvoegsel": "Van"}
            | {"achternaam": "Dijk"},
            "A. van Dijk",
            "Geachte mevrouw Van Dijk,",
            "Mevrouw A. van Dijk",
        ),
        (
            {"aanhef": "geen", "voorletters": "R.", "achternaam": "Bos"},
            "R. Bos",
            "Geachte heer, mevrouw,",
            "R. Bos",
        ),
        ({"achternaam": "Yılmaz"}, "Yılmaz", "Geachte heer, mevrouw,", "Yılmaz"),
    ],
)
def test_names_and_salutations_follow_the_dutch_rules(
    person: dict[str, Any], name: str, greeting: str, window: str
) -> None:
    person = {**person, "adres": STREET}
    assert full_name(person) == name
    assert salutation(person) == greeting
    assert window_address(person).name == window
    # Never initials in a salutation.
    assert person.get("voorletters", "#") not in salutation(person)


@pytest.mark.parametrize(
    ("extra", "lines"),
    [
        (
            {"adres": {**STREET, "toevoeging": "A"}},
            ("Molenpad 3A", "9999 GH  VOORBEELD"),
        ),
        (
            {"postbus": {"nummer": "1234", "postcode": "9999 ZZ", "plaats": "Stad"}},
            ("Postbus 1234", "9999 ZZ  STAD"),
        ),
        (
            {"buitenland": {"regels": ["Rue de la Loi 12", "1000 Bruxelles"]}}
            | {
                "buitenland": {
                    "regels": ["Rue de la Loi 12", "1000 Bruxelles"],
                    "land": "België",
                }
            },
            ("Rue de la Loi 12", "1000 Bruxelles", "BELGIË"),
        ),
        (
            {
                "adressering": {
                    "aanschrijfwijze": {"naam": "Mevrouw H. d'Ancona"},
                    "aanhef": "Geachte mevrouw D'Ancona",
                    "adresregel1": "Burg L F de Montignyln 4",
                    "adresregel2": "9999 CD  VOORBEELD",
                }
            },
            ("Burg L F de Montignyln 4", "9999 CD  VOORBEELD"),
        ),
        (
            {
                "adressering": {
                    "aanschrijfwijze": {"naam": "Mevrouw H. d'Ancona"},
                    "aanhef": "Geachte mevrouw D'Ancona",
                    "adresregel1": "Hauptstraße 5",
                    "adresregel2": "10115 Berlin",
                    "land": {"code": "6029", "omschrijving": "Duitsland"},
                },
                "adres": STREET,
            },
            ("Hauptstraße 5", "10115 Berlin", "DUITSLAND"),
        ),
    ],
)
def test_window_address_in_every_form(
    extra: dict[str, Any], lines: tuple[str, ...]
) -> None:
    person = {"aanhef": "mevrouw", "achternaam": "Ancona", "tussenvoegsel": "d'"}
    assert window_address({**person, **extra}).lines == lines


@pytest.mark.parametrize(
    ("toevoeging", "line"),
    [
        (None, "Havenweg 88"),
        (
            "3",
            "Havenweg 88-3",
        ),  # afwijzing-bijstand-woonplaats-zienswijze printed "88 3"
        ("B", "Havenweg 88B"),
        ("b", "Havenweg 88B"),
        ("A 3", "Havenweg 88A-3"),
        ("A-3", "Havenweg 88A-3"),
        ("III", "Havenweg 88-III"),
        ("bis", "Havenweg 88-bis"),
        (" -2 ", "Havenweg 88-2"),
    ],
)
def test_house_number_addition_is_never_a_loose_second_number(
    toevoeging: str | None, line: str
) -> None:
    adres = {**STREET, "straat": "Havenweg", "huisnummer": "88"}
    if toevoeging is not None:
        adres["toevoeging"] = toevoeging
    person = {"aanhef": "mevrouw", "achternaam": "Bos", "adres": adres}
    assert window_address(person).lines[0] == line
    assert house_number("88", toevoeging) == line.removeprefix("Havenweg ")


def test_brp_adressering_is_used_as_delivered() -> None:
    person = {
        "achternaam": "Ancona",
        "adressering": {
            "aanschrijfwijze": {"naam": "Mevrouw H. d'Ancona-Smit"},
            "aanhef": "Geachte mevrouw D'Ancona-Smit",
            "adresregel1": "Kastanjestraat 7",
            "adresregel2": "9999 CD  VOORBEELD",
        },
    }
    addressee = address(person, TODAY)
    assert addressee.window.name == "Mevrouw H. d'Ancona-Smit"
    assert addressee.salutation == "Geachte mevrouw D'Ancona-Smit,"


@pytest.mark.parametrize(
    ("person", "field", "message"),
    [
        ({"achternaam": "Bos"}, "ontvanger", "geen adres"),
        (
            {
                "achternaam": "Bos",
                "adres": STREET,
                "vertegenwoordiger": {"rol": "curator"},
            },
            "ontvanger.vertegenwoordiger",
            "geen adres",
        ),
        (
            {
                "achternaam": "Bos",
                "adres": STREET,
                "vertegenwoordiger": {"rol": "curator", "adres": STREET},
            },
            "ontvanger.vertegenwoordiger",
            "achternaam of een organisatie",
        ),
        (
            {
                "achternaam": "Bos",
                "adres": STREET,
                "kopie_aan": [{"achternaam": "Smit"}],
            },
            "ontvanger.kopie_aan.0",
            "geen adres",
        ),
        (
            {
                "achternaam": "Bos",
                "adres": STREET,
                "kopie_aan": [
                    {"organisatie": "Schuldhulp Voorbeeld", "adres": STREET},
                ],
            },
            "ontvanger.kopie_aan.0.toestemming",
            "toestemming van de inwoner",
        ),
        (
            {
                "achternaam": "Bos",
                "adres": STREET,
                "kopie_aan": [
                    {
                        "organisatie": "Schuldhulp Voorbeeld",
                        "adres": STREET,
                        "toestemming": {"datum": "2026-11-02"},
                    },
                    {"organisatie": "Woningcorporatie", "adres": STREET},
                ],
            },
            "ontvanger.kopie_aan.1.toestemming",
            "AVG artikel 6",
        ),
    ],
)
def test_missing_address_or_name_is_a_dutch_error_naming_the_field(
    person: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(CaseDataError) as raised:
        address(person, TODAY)
    problem = raised.value.problems[0]
    assert problem.path == field
    assert message in problem.message


@pytest.mark.parametrize("role", ["bewindvoerder", "curator", "gemachtigde"])
def test_a_representative_gets_the_letter_and_the_person_is_named(role: str) -> None:
    person = {
        "aanhef": "mevrouw",
        "voorletters": "H.",
        "tussenvoegsel": "d'",
        "achternaam": "Ancona",
        "adres": STREET,
        "vertegenwoordiger": {
            "rol": role,
            "organisatie": "Bewindvoering Noord",
            "aanhef": "de heer",
            "voorletters": "P.",
            "achternaam": "Smit",
            "postbus": {"nummer": "88", "postcode": "9999 XY", "plaats": "Stadstad"},
        },
    }
    addressee = address(person, TODAY)
    assert addressee.window.name == "Bewindvoering Noord"
    assert addressee.window.lines == (
        "T.a.v. de heer P. Smit",
        "Postbus 88",
        "9999 XY  STADSTAD",
    )
    assert addressee.salutation == "Geachte heer Smit,"
    assert f"omdat u de {role} bent" in addressee.about
    assert "mevrouw H. d'Ancona" in addressee.about


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text())
    return data


@pytest.mark.parametrize(
    ("name", "window", "greeting"),
    [
        (
            "surname-without-initials.json",
            "Van der Berg",
            "Geachte heer, mevrouw,",
        ),
        (
            "tussenvoegsel-apostrophe.json",
            "Mevrouw H. d'Ancona",
            "Geachte mevrouw D'Ancona,",
        ),
    ],
)
def test_the_handed_cases(
    name: str, window: str, greeting: str, settings: Settings
) -> None:
    letter = build_letter(parse_request(_case(name)), settings, today=TODAY)
    assert letter.recipient.name == window
    assert letter.salutation == greeting
    text = render_text(letter)
    assert "d' Ancona" not in text and "Geachte van der" not in text


def test_copies_get_a_line_and_a_letter_each(settings: Settings) -> None:
    request = _case("tussenvoegsel-apostrophe.json")
    request["case"]["ontvanger"]["kopie_aan"] = [
        {
            "organisatie": "Schuldhulp Voorbeeld",
            "postbus": {"nummer": "77", "postcode": "9999 AA", "plaats": "Voorbeeld"},
            "toestemming": {"datum": "2026-11-02"},
        },
        {
            "aanhef": "de heer",
            "voorletters": "K.",
            "achternaam": "Jansen",
            "adres": STREET,
            "wettelijke_plicht": "artikel 2.3.6 lid 3 Wmo 2015",
        },
    ]
    letter = build_letter(parse_request(request), settings, today=TODAY)
    assert letter.signature.note == (
        "Kopie aan: Schuldhulp Voorbeeld (met uw toestemming van 2\xa0november"
        "\xa02026); de heer K. Jansen (omdat de wet dat zegt: artikel 2.3.6 lid 3"
        " Wmo 2015)"
    )
    assert "Kopie aan: Schuldhulp Voorbeeld" in render_text(letter)
    copies = copy_letters(letter, letter.copies)
    assert [c.recipient.name for c in copies] == [
        "Schuldhulp Voorbeeld",
        "De heer K. Jansen",
    ]
    # A copy is the whole letter, opening with the notice that it is a copy,
    # whom the original went to and whom "u" means; it greets its own holder.
    assert all(c.blocks[1:] == letter.blocks for c in copies)
    notice = (
        "Dit is een kopie. De brief zelf hebben wij gestuurd aan mevrouw H. d'Ancona."
        " Staat er verder in deze brief 'u'? Dan bedoelen wij mevrouw H. d'Ancona."
    )
    assert all(render_text(c).count(notice) == 1 for c in copies)
    assert all(c.copies == () for c in copies)
    assert [c.salutation for c in copies] == [
        "Geachte heer, mevrouw,",
        "Geachte heer Jansen,",
    ]
    assert all(c.meta.is_copy for c in copies)
    assert later_page_line(copies[0].meta).startswith("Kopie ")
    assert not later_page_line(letter.meta).startswith("Kopie")


SCHULDHULP = {
    "organisatie": "Schuldhulp Voorbeeld",
    "aanhef": "mevrouw",
    "voorletters": "A.",
    "achternaam": "Willems",
    "postbus": {"nummer": "456", "postcode": "9999 AB", "plaats": "Voorbeeld"},
}


@pytest.mark.parametrize(
    ("consent", "refused"),
    [
        ("2026-11-02", False),  # before the letter
        ("2026-11-24", False),  # the letter's own day
        ("2026-11-25", True),  # the day after: no ground yet when sent
        ("2026-12-20", True),
    ],
)
def test_consent_for_a_copy_must_exist_on_the_letter_date(
    consent: str, refused: bool
) -> None:
    person = {
        "aanhef": "mevrouw",
        "voorletters": "L.",
        "achternaam": "Mulder",
        "adres": STREET,
        "kopie_aan": [{**SCHULDHULP, "toestemming": {"datum": consent}}],
    }
    if not refused:
        assert "met uw toestemming" in address(person, TODAY).copy_line
        return
    with pytest.raises(CaseDataError) as raised:
        address(person, TODAY)
    problem = raised.value.problems[0]
    assert problem.path == "ontvanger.kopie_aan.0.toestemming.datum"
    assert "na de datum van de brief" in problem.message


@pytest.mark.parametrize(
    ("sample", "person", "sent_to"),
    [
        (
            "opschorting-kopie-schuldhulp",
            "mevrouw L. Mulder",
            "mevrouw L. Mulder",
        ),
        (
            "aanmaning-bewindvoerder",
            "mevrouw G. Postma",
            "Bewindvoering Noord, de heer P. Verbeek, de bewindvoerder van "
            "mevrouw G. Postma",
        ),
    ],
)
def test_a_copy_greets_its_holder_and_says_whom_u_means(
    sample: str, person: str, sent_to: str, settings: Settings
) -> None:
    request = json.loads((SAMPLES / f"{sample}.json").read_text())
    request["case"]["ontvanger"]["kopie_aan"] = [
        {**SCHULDHULP, "toestemming": {"datum": "2026-11-02"}}
    ]
    letter = build_letter(parse_request(request), settings, today=TODAY)
    (copy,) = copy_letters(letter, letter.copies)
    assert copy.recipient.lines[0] == "T.a.v. mevrouw A. Willems"
    assert copy.salutation == "Geachte mevrouw Willems,"
    text = " ".join(render_text(copy).split())
    assert (
        f"Dit is een kopie. De brief zelf hebben wij gestuurd aan {sent_to}. "
        f"Staat er verder in deze brief 'u'? Dan bedoelen wij {person}." in text
    )
    # The representative's own opening ("Wij sturen hem naar u, omdat u de
    # bewindvoerder bent") would address the copy holder: it is not in the copy.
    assert "omdat u de" not in text
    assert later_page_line(copy.meta).startswith("Kopie ")


@pytest.mark.parametrize(
    "sample", ["aanmaning-bewindvoerder", "bijzondere-bijstand-toekenning-bril"]
)
def test_a_representative_letter_explains_u_before_anything_else(
    sample: str, settings: Settings
) -> None:
    request = json.loads((SAMPLES / f"{sample}.json").read_text())
    request["case"]["ontvanger"].setdefault(
        "vertegenwoordiger",
        {
            "rol": "gemachtigde",
            "organisatie": "Advocatenkantoor Recht",
            "adres": STREET,
        },
    )
    letter = build_letter(parse_request(request), settings, today=TODAY)
    first = letter.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.startswith("Deze brief gaat over ")
    assert "Dan bedoelen wij" in first.text


ELDERS = {"straat": "Kerkpad", "huisnummer": "14", "postcode": "8888 GH"} | {
    "plaats": "Elders"
}


@pytest.mark.parametrize(
    ("second", "window", "inline"),
    [
        (
            {"adres": ELDERS},
            ("Kerkpad 14", "8888 GH  ELDERS"),
            "Kerkpad 14, 8888 GH Elders",
        ),
        (
            {"postbus": {"nummer": "12", "postcode": "8888 AA", "plaats": "Elders"}},
            ("Postbus 12", "8888 AA  ELDERS"),
            "Postbus 12, 8888 AA Elders",
        ),
        (
            {
                "buitenland": {
                    "regels": ["Rue Haute 5", "1000 Bruxelles"],
                    "land": "België",
                }
            },
            ("Rue Haute 5", "1000 Bruxelles", "BELGIË"),
            "Rue Haute 5, 1000 Bruxelles, BELGIË",
        ),
    ],
    ids=["adres", "postbus", "buitenland"],
)
def test_a_second_address_of_the_person_is_a_second_sending_of_the_same_letter(
    second: dict[str, Any],
    window: tuple[str, ...],
    inline: str,
    settings: Settings,
) -> None:
    request = json.loads(
        (SAMPLES / "afwijzing-bijstand-woonplaats-zienswijze.json").read_text()
    )
    request["case"]["ontvanger"]["ook_sturen_naar"] = second
    letter = build_letter(parse_request(request), settings, today=TODAY)
    both = (
        "Wij sturen deze brief naar twee adressen: Havenweg 88-3, 9999 EF Voorbeeld"
        f" en {inline}."
    )
    assert letter.signature.note == both
    (sending,) = copy_letters(letter, letter.copies)
    # The same letter, word for word, but for the window: no copy notice, no
    # "Kopie" on later pages (it is his own decision), the same salutation.
    assert sending.recipient.name == letter.recipient.name == "De heer K. Mensah"
    assert sending.recipient.lines == window
    assert sending.blocks == letter.blocks
    assert sending.salutation == letter.salutation
    assert not sending.meta.is_copy
    assert render_text(sending).replace("\n".join(window), "") == render_text(
        letter
    ).replace("\n".join(letter.recipient.lines), "")
    assert render_text(sending).count(both) == 1


def test_a_second_address_goes_before_the_copies_and_keeps_the_copy_line(
    settings: Settings,
) -> None:
    person = {
        "aanhef": "mevrouw",
        "voorletters": "L.",
        "achternaam": "Mulder",
        "adres": STREET,
        "ook_sturen_naar": {"adres": ELDERS},
        "kopie_aan": [{**SCHULDHULP, "toestemming": {"datum": "2026-11-02"}}],
    }
    found = address(person, TODAY)
    assert [c.same_person for c in found.copies] == [True, False]
    first, rest = found.copy_line.split("\n")
    assert first.startswith("Wij sturen deze brief naar twee adressen: Molenpad 3")
    assert rest.startswith("Kopie aan: Schuldhulp Voorbeeld")


@pytest.mark.parametrize(
    ("second", "path"),
    [
        ({}, "ontvanger.ook_sturen_naar"),
        (
            {"adres": {**ELDERS, "postcode": "8888"}},
            "ontvanger.ook_sturen_naar.adres.postcode",
        ),
        ({"adres": ELDERS, "email": "x@y.nl"}, "ontvanger.ook_sturen_naar"),
    ],
    ids=["empty", "bad-postcode", "unknown-field"],
)
def test_a_bad_second_address_is_a_dutch_error_naming_the_field(
    second: dict[str, Any], path: str, settings: Settings
) -> None:
    request = json.loads(
        (SAMPLES / "afwijzing-bijstand-woonplaats-zienswijze.json").read_text()
    )
    request["case"]["ontvanger"]["ook_sturen_naar"] = second
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert any(p.path.startswith(path) for p in raised.value.problems), raised.value


def test_a_second_address_with_a_representative_is_refused() -> None:
    person = {
        "aanhef": "mevrouw",
        "achternaam": "Mulder",
        "adres": STREET,
        "ook_sturen_naar": {"adres": ELDERS},
        "vertegenwoordiger": {
            "rol": "bewindvoerder",
            "organisatie": "Bewind Noord",
            "adres": STREET,
        },
    }
    with pytest.raises(CaseDataError) as raised:
        address(person, TODAY)
    assert raised.value.problems[0].path == "ontvanger.ook_sturen_naar"
