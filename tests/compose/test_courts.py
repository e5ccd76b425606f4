"""The rechtbank in a letter: name and postal address from dated data (courts.py)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from letterforge.compose.courts import court_fee, court_on, load_courts
from letterforge.compose.environment import CaseCheckError
from letterforge.compose.norms import NormTable, load_table
from letterforge.errors import CaseDataError, NormUnavailable, SettingsError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths

# A Dutch postal address on one line: "..., Postbus 150, 9700 AD Groningen".
POSTAL = re.compile(r"Postbus \d+, \d{4} [A-Z]{2} [A-Z][a-z]+")
# Every sentence that sends a resident to a rechtbank (beroep, voorlopige
# voorziening) must come with an address to send it to.
COURT_CLAUSES = ("Stuur uw beroepschrift", "voorzieningenrechter")


def _text(name: str, settings: Settings) -> str:
    data = load_sample(name)
    request = LetterRequest(data["template"], data["case"], "text")
    return render_text(build_letter(request, settings, today=TODAY))


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_court_clause_has_a_postal_address(
    path: Path, settings: Settings
) -> None:
    text = _text(path.stem, settings)
    for paragraph in text.split("\n\n"):
        if any(clause in paragraph for clause in COURT_CLAUSES):
            if "beroepschrift uiterlijk" in paragraph:
                continue  # the deadline box; the address follows below it
            flat = " ".join(paragraph.split())
            if "naar hetzelfde adres" in flat:
                assert POSTAL.search(" ".join(text.split())), flat
                continue
            assert POSTAL.search(flat) or "in beroep gaan bij" in flat, flat


@pytest.mark.parametrize(
    "name", ["beslissing-op-bezwaar-ongegrond", "beslissing-op-bezwaar-deels-gegrond"]
)
def test_beroep_clause_names_the_court_and_its_postbus(
    name: str, settings: Settings
) -> None:
    flat = " ".join(_text(name, settings).split())
    assert (
        "Stuur uw beroepschrift per post naar Rechtbank Noord-Nederland, "
        "Afdeling bestuursrecht, Postbus 150, 9700 AD Groningen." in flat
    )
    assert "Heeft u DigiD? Dan kan het ook online via rechtspraak.nl." in flat


def test_an_unverified_address_warns_the_caseworker(settings: Settings) -> None:
    data = load_sample("beslissing-op-bezwaar-ongegrond")
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    warnings = [w.message for w in letter.warnings]
    assert any("postadres van de rechtbank Noord-Nederland" in w for w in warnings)


@pytest.mark.parametrize(
    ("name", "day", "found"),
    [
        ("rechtbank Noord-Nederland", date(2026, 11, 24), True),
        ("Rechtbank  noord-nederland", date(2026, 11, 24), True),
        ("rechtbank Noord-Nederland", date(2013, 3, 31), False),
        ("rechtbank Atlantis", date(2026, 11, 24), False),
    ],
)
def test_court_on_is_dated_and_loud_when_unknown(
    settings: Settings, name: str, day: date, found: bool
) -> None:
    if found:
        court = court_on(settings.template_dir, name, day, "veld")
        assert court.postal_lines[-1] == "9700 AD Groningen"
        return
    with pytest.raises(CaseCheckError) as caught:
        court_on(settings.template_dir, name, day, "beroep.rechtbank")
    assert caught.value.path == "beroep.rechtbank"
    assert "geen postadres" in caught.value.message


def test_a_case_naming_an_unknown_court_is_refused_naming_the_field(
    settings: Settings,
) -> None:
    data = load_sample("beslissing-op-bezwaar-ongegrond")
    data["case"]["beroep"]["rechtbank"] = "rechtbank Atlantis"
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, settings, today=TODAY)
    assert caught.value.problems[0].path == "beroep.rechtbank"


def test_a_profile_naming_an_unknown_court_is_refused(settings: Settings) -> None:
    other = dataclasses.replace(
        settings,
        municipality=dataclasses.replace(
            settings.municipality, court="rechtbank Atlantis"
        ),
    )
    data = load_sample("opschorting-loonstroken")
    request = LetterRequest(data["template"], data["case"], "text")
    with pytest.raises(CaseDataError) as caught:
        build_letter(request, other, today=TODAY)
    assert caught.value.problems[0].path == "gemeenteprofiel: rechtbank"


def test_a_broken_court_file_is_refused(tmp_path: Path, settings: Settings) -> None:
    shutil.copytree(settings.template_dir / "_data", tmp_path / "_data")
    (tmp_path / "_data" / "rechtbanken.yaml").write_text(
        "rechtbanken:\n  - naam: Noord\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError):
        load_courts(tmp_path)


def _table_with_fee(tmp_path: Path, periods: str) -> NormTable:
    """A norms file with only the griffierecht norm, with the given periods."""
    data = tmp_path / "_data"
    data.mkdir()
    (data / "normen.yaml").write_text(
        "normen:\n"
        "  - id: griffierecht_sociale_zekerheid\n"
        "    omschrijving: Griffierecht sociale zekerheid\n"
        "    eenheid: euro\n"
        "    bron: Awb 8:41\n"
        "    status: bron gelezen\n"
        "    perioden:\n" + periods,
        encoding="utf-8",
    )
    return load_table(tmp_path)


ONLY_2026 = "      - {vanaf: 2026-01-01, tot: 2026-12-31, waarde: 54}\n"
WITH_2027 = ONLY_2026 + "      - {vanaf: 2027-01-01, waarde: 56}\n"


@pytest.mark.parametrize(
    ("periods", "day", "last_day", "changes", "next_amount", "warns"),
    [
        # The term ends in the same year: one amount, nothing to say.
        (ONLY_2026, date(2026, 11, 24), date(2026, 12, 31), None, None, False),
        # The term runs into a year without a known amount: warn, "kan veranderen".
        (ONLY_2026, date(2026, 12, 22), date(2027, 2, 2), date(2027, 1, 1), None, True),
        # The next year's amount is known: the letter can state it.
        (
            WITH_2027,
            date(2026, 12, 22),
            date(2027, 2, 2),
            date(2027, 1, 1),
            "56",
            False,
        ),
    ],
)
def test_court_fee_is_dated_and_says_when_the_year_changes(
    tmp_path: Path,
    periods: str,
    day: date,
    last_day: date,
    changes: date | None,
    next_amount: str | None,
    warns: bool,
) -> None:
    fee = court_fee(_table_with_fee(tmp_path, periods), day, last_day)
    assert (fee.amount, fee.year) == (Decimal(54), day.year)
    assert fee.changes_on == changes
    assert fee.next_amount == (Decimal(next_amount) if next_amount else None)
    assert (fee.warning is not None) == warns
    if fee.warning:
        assert "2027" in fee.warning and "2 februari 2027" in fee.warning


def test_court_fee_unknown_on_the_letter_date_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NormUnavailable):
        court_fee(
            _table_with_fee(tmp_path, ONLY_2026), date(2027, 3, 30), date(2027, 5, 11)
        )


@pytest.mark.parametrize(
    ("name", "expected", "warns"),
    [
        # Letter of 24-11-2026, bezwaar until 5-1-2027: 2027 amount unknown.
        (
            "herziening-inlichtingenplicht",
            "In 2026 is het griffierecht € 54,00; op 1 januari 2027 kan het "
            "veranderen.",
            True,
        ),
        # Letter of 15-12-2025, bezwaar into 2026 whose amount is known.
        (
            "normbedragen-wijziging-januari",
            "In 2025 is het griffierecht € 53,00, vanaf 1 januari 2026 € 54,00.",
            False,
        ),
    ],
)
def test_letters_state_the_court_fee_with_its_year(
    name: str, expected: str, warns: bool, settings: Settings
) -> None:
    data = load_sample(name)
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    flat = " ".join(render_text(letter).replace("\xa0", " ").split())
    assert expected in flat
    assert "griffierecht: geld voor de rechtbank" in flat
    fee_warnings = [w for w in letter.warnings if "griffierecht bekend" in w.message]
    assert bool(fee_warnings) == warns
