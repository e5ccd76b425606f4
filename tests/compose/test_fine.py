"""The bestuurlijke boete: warning or fine, percentage, recidive, caps, draagkracht."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from letterforge.compose.calculators import fine
from letterforge.compose.norms import load_norms, norms_on

ROOT = Path(__file__).resolve().parents[2] / "templates"
NORMS = norms_on(ROOT, date(2026, 11, 24))


@pytest.mark.parametrize(
    ("benefit", "guilt", "options", "kind", "amount"),
    [
        # Boetebesluit art. 2aa: at most € 150 → warning
        ("150.00", "opzet", {}, "waarschuwing", "0"),
        ("0", "geen", {}, "waarschuwing", "0"),
        # ... but not within two years of an earlier warning
        ("120.00", "geen", {"warned_recently": True}, "boete", "60.00"),
        ("0", "geen", {"warned_recently": True}, "boete", "150.00"),  # art. 2 lid 11
        # self-reported within 60 days → warning
        ("900.00", "grove_schuld", {"self_reported": True}, "waarschuwing", "0"),
        # percentages of art. 2 lid 2-5
        ("1000.00", "opzet", {}, "boete", "1000.00"),
        ("1000.00", "grove_schuld", {}, "boete", "750.00"),
        ("1000.00", "geen", {}, "boete", "500.00"),
        ("1000.00", "verminderd", {}, "boete", "250.00"),
        # recidive: the percentages of 150% (art. 2 lid 6)
        ("1000.00", "geen", {"recidive": True}, "boete", "750.00"),
        ("1000.00", "opzet", {"recidive": True}, "boete", "1500.00"),
        # large amounts without opzet or grove schuld: 50/75 of the 3rd category (lid 7)
        ("20000.00", "geen", {}, "boete", "6866.67"),
        ("20000.00", "verminderd", {}, "boete", "3433.33"),
        # grove schuld is capped at the 3rd category
        ("20000.00", "grove_schuld", {}, "boete", "10300.00"),
        # ability to pay lowers the fine
        ("1000.00", "opzet", {"ability_to_pay": "400"}, "boete", "400.00"),
    ],
)
def test_fine_rules(
    benefit: str, guilt: str, options: dict[str, object], kind: str, amount: str
) -> None:
    decision = fine(benefit, guilt, NORMS, **options)  # type: ignore[arg-type]
    assert decision.kind == kind
    assert decision.amount == Decimal(amount)
    if kind == "boete":
        assert decision.steps[-1].amount == Decimal(amount)


def test_large_fines_need_a_report_and_zienswijze() -> None:
    assert fine("1000", "geen", NORMS).needs_report is True  # € 500 > € 340
    assert fine("400", "geen", NORMS).needs_report is False


def test_unknown_guilt_level() -> None:
    with pytest.raises(ValueError, match="verwijtbaarheid"):
        fine("100", "een beetje", NORMS)


def test_every_norm_names_its_source() -> None:
    for norm in load_norms(ROOT).values():
        assert norm.source and norm.status in {"bron gelezen", "niet geverifieerd"}


def test_the_value_valid_on_the_letter_date_is_used() -> None:
    norm = load_norms(ROOT)["bijstandsnorm_alleenstaande"]
    assert norm.value_on(date(2024, 12, 31)) is None
    assert norm.value_on(date(2026, 11, 24)) == Decimal("1345.45")
