"""Norms as dated data: a source and status for each, loud when missing, warnings
recorded with the letter for unverified values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from letterforge.compose import compose
from letterforge.compose.norms import UNVERIFIED, VERIFIED, load_norms, load_table
from letterforge.errors import NormUnavailable
from letterforge.library import Library
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

ROOT = Path(__file__).resolve().parents[2] / "templates"

REQUIRED = [
    "bijstandsnorm_alleenstaande",
    "bijstandsnorm_gehuwden",
    "bijstandsnorm_alleenstaande_aow",
    "bijstandsnorm_gehuwden_aow",
    "vermogensgrens_alleenstaande",
    "vermogensgrens_gezin",
    "vakantietoeslag_percentage",
    "wmo_eigen_bijdrage",
    "geldboete_categorie_2",
    "geldboete_categorie_3",
    "geldboete_categorie_5",
    "aanmaningsvergoeding_laag",
    "aanmaningsvergoeding_hoog",
    "griffierecht_sociale_zekerheid",
    "beslagvrije_voet_percentage",
]


def test_every_norm_names_its_source_and_status() -> None:
    for norm in load_norms(ROOT).values():
        assert norm.source and norm.status in {VERIFIED, UNVERIFIED}
        for period in norm.periods:
            assert period.status in {None, VERIFIED, UNVERIFIED}


@pytest.mark.parametrize("norm_id", REQUIRED)
def test_the_letters_norms_are_there_for_2026(norm_id: str) -> None:
    table = load_table(ROOT)
    for day in (
        date(2026, 1, 1),
        date(2026, 6, 30),
        date(2026, 7, 1),
        date(2026, 12, 31),
    ):
        assert table.on(norm_id, day).value > 0


@pytest.mark.parametrize(
    ("norm_id", "day", "value"),
    [
        ("bijstandsnorm_alleenstaande", date(2025, 12, 31), "1369.06"),
        ("bijstandsnorm_alleenstaande", date(2026, 1, 1), "1401.50"),
        ("bijstandsnorm_alleenstaande", date(2026, 7, 1), "1419.46"),
        ("vermogensgrens_alleenstaande", date(2026, 1, 1), "8000"),
        ("wmo_eigen_bijdrage", date(2026, 3, 1), "21.80"),
        ("griffierecht_sociale_zekerheid", date(2026, 3, 1), "54"),
        ("griffierecht_sociale_zekerheid", date(2025, 3, 1), "53"),
        ("aanmaningsvergoeding_hoog", date(2026, 3, 1), "20"),
        ("vakantietoeslag_percentage", date(2026, 3, 1), "4.8"),
    ],
    ids=[
        "pw21a-2025-07",
        "pw21a-2026-01",
        "pw21a-2026-07",
        "pw34-2026",
        "wmo-cak-2026",
        "awb8-41-2026",
        "awb8-41-2025",
        "awb4-113-2025",
        "pw19-3",
    ],
)
def test_the_value_valid_on_the_date(norm_id: str, day: date, value: str) -> None:
    assert load_table(ROOT).on(norm_id, day).value == Decimal(value)


def test_a_letter_dated_beyond_the_norms_is_refused_in_dutch(
    library: Library, settings: Settings
) -> None:
    request = load_sample("toekenning-bijstand-alleenstaande")
    request["case"]["zaak"]["briefdatum"] = "2027-01-04"
    request["case"]["toekenning"]["ingangsdatum"] = "2027-01-01"
    with pytest.raises(NormUnavailable) as raised:
        compose(
            library.get("toekenning-bijstand"), request["case"], settings, today=TODAY
        )
    assert "Voor 1 januari 2027 is geen bedrag bekend" in raised.value.message


def test_unverified_values_become_warnings_on_the_letter(
    library: Library, settings: Settings
) -> None:
    request = load_sample("bestuurlijke-boete-boete")
    letter = compose(
        library.get("bestuurlijke-boete"), request["case"], settings, today=TODAY
    )
    assert any(
        "derde categorie" in w.message
        and "niet gecontroleerd" in w.message
        and w.code == "norm_niet_geverifieerd"
        for w in letter.warnings
    )
    verified = load_sample("toekenning-bijstand-kostendeler")
    letter = compose(
        library.get("toekenning-bijstand"), verified["case"], settings, today=TODAY
    )
    # The warnings left are the rechtbank's address and the griffierecht of 2027,
    # which the bezwaar term runs into (courts.py, test_courts.py).
    assert all(
        "postadres van de rechtbank" in w.message or w.code == "griffierecht_onbekend"
        for w in letter.warnings
    )


def test_templates_see_griffierecht_of_the_letter_date(
    settings: Settings,
) -> None:
    from letterforge.compose.norms import LetterNorms

    warnings: list[str] = []
    norms = LetterNorms(load_table(settings.template_dir), date(2026, 11, 24), warnings)
    assert norms["griffierecht_sociale_zekerheid"] == Decimal("54")
    with pytest.raises(NormUnavailable):
        LetterNorms(load_table(settings.template_dir), date(2027, 1, 1), warnings)[
            "griffierecht_sociale_zekerheid"
        ]
