"""Composing: literal case values, motivation rules, salutations, template errors."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from letterforge.compose import compose
from letterforge.compose.compose import recipient_address, salutation
from letterforge.compose.markup import iter_texts
from letterforge.errors import CaseDataError, MotivationError, TemplateError
from letterforge.library import Library, load_library
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

INJECTIONS = [
    "{{ 7*7 }}",
    "{% raw %}x",
    "**vet**",
    "# kop",
    "<w:t>&amp;</w:t>",
    "Jansen & Zn <test>",
    "]]> \" '",
    "- lijst",
    "> [!geld] kader",
    "| a | b |",
    "Ünïcødé 😀 שלום",
]


def terugvordering_case() -> dict[str, Any]:
    case: dict[str, Any] = load_sample("terugvordering-inlichtingenplicht-zienswijze")[
        "case"
    ]
    return case


def all_texts(letter: Any) -> list[str]:
    texts = list(iter_texts(letter.blocks))
    for appendix in letter.appendices:
        texts += [appendix.title, *iter_texts(appendix.blocks)]
    return texts


@pytest.mark.parametrize("value", INJECTIONS)
def test_case_values_appear_literally(
    library: Library, settings: Settings, value: str
) -> None:
    template = library.get("terugvordering")
    baseline = compose(template, terugvordering_case(), settings, today=TODAY)
    case = terugvordering_case()
    case["terugvordering"]["niet_doorgegeven"] = value
    case["zienswijze"]["samenvatting"] = value
    case["ontvanger"]["achternaam"] = value
    letter = compose(template, case, settings, today=TODAY)
    texts = all_texts(letter)
    assert f"{value} Daardoor kreeg u te veel bijstand." in texts
    assert value in texts  # the quoted zienswijze, a paragraph of its own
    assert letter.recipient.name == f"Mevrouw S. de {value}"
    assert [type(b) for b in letter.blocks] == [type(b) for b in baseline.blocks]


def test_multi_line_values_become_line_breaks(
    library: Library, settings: Settings
) -> None:
    case = terugvordering_case()
    case["zienswijze"]["samenvatting"] = "Eerste regel.\r\nTweede regel."
    letter = compose(library.get("terugvordering"), case, settings, today=TODAY)
    assert "Eerste regel.\nTweede regel." in all_texts(letter)


@pytest.mark.parametrize(
    ("motivering", "drop", "missing"),
    [
        (["onderzoek", "zienswijze"], (), ["regel", "feiten"]),
        (["inlichtingenplicht"], (), ["onderzoek", "afweging"]),
        (["inlichtingenplicht", "onderzoek"], (), ["afweging"]),
        (["zienswijze"], ("onderzoeksrapport",), ["regel", "feiten"]),
    ],
)
def test_motivation_must_hold_every_required_element(
    library: Library,
    settings: Settings,
    motivering: list[str],
    drop: tuple[str, ...],
    missing: list[str],
) -> None:
    case = terugvordering_case()
    case["motivering"] = motivering
    for key in drop:
        del case[key]
    with pytest.raises(MotivationError) as raised:
        compose(library.get("terugvordering"), case, settings, today=TODAY)
    messages = [p.message for p in raised.value.problems]
    assert [m.rsplit("(", 1)[1].rstrip(")") for m in messages] == missing
    assert all(p.path == "motivering" for p in raised.value.problems)


def test_zienswijze_is_weighed_in_the_letter(
    library: Library, settings: Settings
) -> None:
    letter = compose(
        library.get("terugvordering"), terugvordering_case(), settings, today=TODAY
    )
    texts = all_texts(letter)
    assert "Ik dacht dat de bakkerij het loon zelf aan de gemeente doorgaf." in texts
    assert any(t.endswith("Uw reactie verandert ons besluit niet.") for t in texts)


def test_period_must_run_forward(library: Library, settings: Settings) -> None:
    case = terugvordering_case()
    case["terugvordering"]["periode"] = {"van": "2026-06-30", "tot": "2026-03-01"}
    with pytest.raises(CaseDataError) as raised:
        compose(library.get("terugvordering"), case, settings, today=TODAY)
    assert [str(p) for p in raised.value.problems] == [
        "terugvordering.periode.tot: de einddatum van de periode ligt voor de "
        "begindatum"
    ]


def test_delay_letter_must_go_within_eight_weeks(
    library: Library, settings: Settings
) -> None:
    request = load_sample("verlenging-beslistermijn-stukken")
    request["case"]["zaak"]["briefdatum"] = "2026-12-08"  # deadline was 7 December
    with pytest.raises(CaseDataError) as raised:
        compose(
            library.get("verlenging-beslistermijn"),
            request["case"],
            settings,
            today=TODAY,
        )
    assert [str(p) for p in raised.value.problems] == [
        "zaak.briefdatum: deze brief moet binnen acht weken na de aanvraag weg, dus "
        "uiterlijk op 7\xa0december\xa02026"
    ]


def test_repayment_too_slow_is_a_case_error(
    library: Library, settings: Settings
) -> None:
    case = terugvordering_case()
    case["terugvordering"]["aflossing_per_maand"] = 1
    case["terugvordering"]["bedrag"] = 999_999
    with pytest.raises(CaseDataError, match="gegevens"):
        compose(library.get("terugvordering"), case, settings, today=TODAY)


def test_letter_date_defaults_to_today(library: Library, settings: Settings) -> None:
    case = terugvordering_case()
    del case["zaak"]["briefdatum"]
    letter = compose(library.get("terugvordering"), case, settings, today=TODAY)
    assert letter.meta.letter_date == TODAY


@pytest.mark.parametrize(
    ("person", "expected_salutation", "expected_name"),
    [
        (
            {
                "aanhef": "mevrouw",
                "voorletters": "S.",
                "tussenvoegsel": "de",
                "achternaam": "Vries",
            },
            "Geachte mevrouw De Vries,",
            "Mevrouw S. de Vries",
        ),
        (
            {"aanhef": "de heer", "achternaam": "Yılmaz"},
            "Geachte heer Yılmaz,",
            "De heer Yılmaz",
        ),
        (
            {"aanhef": "geen", "voorletters": "R.", "achternaam": "Bos"},
            "Geachte heer, mevrouw,",
            "R. Bos",
        ),
        ({"achternaam": "Bos"}, "Geachte heer, mevrouw,", "Bos"),
    ],
)
def test_salutation_and_address(
    person: dict[str, Any], expected_salutation: str, expected_name: str
) -> None:
    person["adres"] = {
        "straat": "Molenpad",
        "huisnummer": "3",
        "toevoeging": "A",
        "postcode": "9999 GH",
        "plaats": "Voorbeeld",
    }
    assert salutation(person) == expected_salutation
    address = recipient_address(person)
    assert address.name == expected_name
    assert address.lines == ("Molenpad 3A", "9999 GH  VOORBEELD")


def broken_library(tmp_path: Path, settings: Settings, letter: str) -> Settings:
    root = tmp_path / "templates"
    shutil.copytree(settings.template_dir, root)
    (root / "terugvordering" / "letter.md.j2").write_text(letter)
    load_library.cache_clear()
    return replace(settings, template_dir=root)


@pytest.mark.parametrize(
    ("letter", "detail"),
    [
        # Jinja's messages said in Dutch (library/jinja_messages.py).
        ("Tekst {{ onbekend }}.", "'onbekend' bestaat niet in de gegevens"),
        ("Tekst {% if %}.", "terugvordering/letter.md.j2:1:"),
        ("{{ ''.__class__.__mro__ }}", "mag niet in een sjabloon staan"),
        ("    code blok", "letter.md.j2:1: de regel begint met spaties"),
    ],
)
def test_template_errors_name_the_template(
    tmp_path: Path, settings: Settings, letter: str, detail: str
) -> None:
    broken = broken_library(tmp_path, settings, letter)
    with pytest.raises(TemplateError) as raised:
        # Some mistakes are found when the library loads (library/structure.py).
        template = load_library(broken.template_dir).get("terugvordering")
        compose(template, terugvordering_case(), broken, today=TODAY)
    assert "terugvordering" in raised.value.message
    assert detail in raised.value.message


def test_lint_knows_every_name_composing_adds(
    library: Library, settings: Settings
) -> None:
    """Template lint accepts exactly the names _context adds (one list of them)."""
    from letterforge.compose.compose import CONTEXT_NAMES, _context

    added = set(_context({}, settings, TODAY, [], [], [], {}))
    assert added == CONTEXT_NAMES
