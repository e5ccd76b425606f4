"""Every sample with a te-veel table claims only cash the resident received (issue
12, review-jurist-amounts-r2 finding 1; Pw art. 19 lid 3, 45 lid 1, 58).

The table is read back from the rendered letter, so the test checks what a resident
reads: per month the te veel is at most what he received and equals what he
received minus his right; the "Samen" line adds up; and a month whose
vakantietoeslag was still reserved on the letter's date is never said to be paid
with the whole norm.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose import compose
from letterforge.library import Library
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober "
    "november december"
).split()
HEADER = re.compile(r"^Maand \| .* \| Te veel$", re.MULTILINE)


def _amount(cell: str) -> Decimal:
    return Decimal(cell.replace("€", "").replace(".", "").replace(",", ".").strip())


def _paid_out_by(cell: str) -> date:
    """Last day of the June in which the month's vakantietoeslag is paid out
    (Pw art. 45 lid 1), written out here so the test does not reuse the code."""
    name, year = cell.split()
    month = MONTHS.index(name) + 1
    return date(int(year) + (month >= 6), 6, 30)


def _table(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    match = HEADER.search(text)
    assert match is not None
    lines = text[match.start() :].splitlines()
    header = [c.strip() for c in lines[0].split("|")]
    rows: list[list[str]] = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("|")]
        if cells[0] == "Samen":
            return header, rows, cells
        rows.append(cells)
    raise AssertionError("no Samen line")


SAMPLES = [p.stem for p in sample_paths() if '"berekening"' in p.read_text()]


def test_the_samples_with_a_te_veel_table_are_found() -> None:
    # De Vries (3), Yılmaz, Verhoeven, Bos: the test must not pass on nothing.
    assert len(SAMPLES) >= 6


@pytest.mark.parametrize("name", SAMPLES)
def test_a_te_veel_table_claims_only_cash_received(
    library: Library, settings: Settings, name: str
) -> None:
    request = load_sample(name)
    letter = compose(
        library.get(request["template"]), request["case"], settings, today=TODAY
    )
    text = render_text(letter)
    header, rows, total = _table(text)
    te_veel = [_amount(r[-1]) for r in rows]
    assert sum(te_veel) == _amount(total[-1])
    if "U kreeg" in header:
        kreeg = header.index("U kreeg")
        recht = header.index("Uw recht")
        received = [_amount(r[kreeg]) for r in rows]
        assert sum(received) == _amount(total[kreeg])
        for row, paid, too_much in zip(rows, received, te_veel, strict=True):
            assert Decimal("0") < too_much <= paid, row
            assert too_much == paid - _amount(row[recht]), row
    else:
        # Only when every month was paid with its vakantietoeslag.
        assert "zonder vakantiegeld" not in text
        for row, too_much in zip(rows, te_veel, strict=True):
            assert too_much <= _amount(row[1]), row
            assert _paid_out_by(row[0]) <= letter.meta.letter_date, row
    if "zonder vakantiegeld" in text:
        assert "hele bijstandsnorm" not in text
        assert "Het vakantiegeld dat wij voor u opzijzetten, wordt €" in text
