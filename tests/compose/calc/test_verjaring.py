"""Verjaring of a claim we decided: reference domain-law-2026 "Verjaring" (Awb
4:87 six-week payment term, 4:104 five years after it, 4:105/4:106 stuiting, 4:110
a new five-year term)."""

from __future__ import annotations

from datetime import date

import pytest

from letterforge.compose.calc.verjaring import Stuiting, Verjaard, verjaring

# (id, decision, letter, stuitingen, last day the claim is due)
DUE = [
    # Postma: 15-3-2021 + 6 weeks = 26-4-2021; lapses after 26-4-2026; a payment
    # on 1-10-2025 starts a new term to 1-10-2030.
    ("awb4-104-postma-payment", date(2021, 3, 15), date(2026, 11, 24),
     [Stuiting(date(2025, 10, 1), "betaling")], date(2030, 10, 1)),
    ("awb4-104-recent-decision", date(2023, 5, 10), date(2026, 11, 24), [],
     date(2028, 6, 21)),
    ("awb4-104-last-day-still-due", date(2021, 3, 15), date(2026, 4, 26), [],
     date(2026, 4, 26)),
    ("awb4-110-chain-in-any-order", date(2015, 1, 1), date(2026, 11, 24),
     [Stuiting(date(2024, 1, 5), "dwangbevel"), Stuiting(date(2019, 3, 1),
      "aanmaning")], date(2029, 1, 5)),
    ("awb4-110-stuiting-on-last-day", date(2021, 3, 15), date(2026, 11, 24),
     [Stuiting(date(2026, 4, 26), "verrekening")], date(2031, 4, 26)),
    ("leap-day-to-28-february", date(2019, 6, 1), date(2026, 11, 24),
     [Stuiting(date(2024, 2, 29), "aanmaning")], date(2029, 2, 28)),
    # r5 review: a payment before the payment term ended never shortens the term.
    ("awb4-110-early-payment-does-not-shorten", date(2021, 3, 15),
     date(2026, 4, 1), [Stuiting(date(2021, 3, 20), "betaling")],
     date(2026, 4, 26)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("decision", "letter", "stuitingen", "last"),
    [c[1:] for c in DUE],
    ids=[c[0] for c in DUE],
)
def test_claim_still_due(
    decision: date, letter: date, stuitingen: list[Stuiting], last: date
) -> None:
    result = verjaring(decision, letter, stuitingen)
    assert result.laatste_dag == last
    extended = last != verjaring(decision, decision).laatste_dag
    assert bool(result.zin) == extended


# (id, decision, letter, stuitingen, message)
LAPSED = [
    ("awb4-104-postma-without-stuiting", date(2021, 3, 15), date(2026, 11, 24), [],
     "kan verjaard zijn na 26\xa0april\xa02026"),
    ("awb4-104-one-day-late", date(2021, 3, 15), date(2026, 4, 27), [],
     "kan verjaard zijn"),
    ("awb4-110-early-payment-keeps-first-lapse-day", date(2021, 3, 15),
     date(2026, 11, 24), [Stuiting(date(2021, 3, 20), "betaling")],
     "kan verjaard zijn na 26\xa0april\xa02026"),
    ("awb4-110-stuiting-after-lapse-does-not-revive", date(2021, 3, 15),
     date(2026, 11, 24), [Stuiting(date(2026, 4, 27), "betaling")],
     "kwam te laat"),
    ("awb4-110-gap-over-five-years-in-chain", date(2010, 1, 1), date(2026, 11, 24),
     [Stuiting(date(2014, 1, 1), "aanmaning"), Stuiting(date(2019, 6, 1),
      "aanmaning"), Stuiting(date(2024, 1, 1), "betaling")], "kwam te laat"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("decision", "letter", "stuitingen", "message"),
    [c[1:] for c in LAPSED],
    ids=[c[0] for c in LAPSED],
)
def test_claim_may_have_lapsed(
    decision: date, letter: date, stuitingen: list[Stuiting], message: str
) -> None:
    with pytest.raises(Verjaard, match=message):
        verjaring(decision, letter, stuitingen)


@pytest.mark.parametrize(
    "stuiting",
    [
        Stuiting(date(2021, 3, 14), "aanmaning"),
        Stuiting(date(2026, 11, 25), "aanmaning"),
        Stuiting(date(2025, 1, 1), "telefoontje"),
    ],
    ids=["before-decision", "after-letter", "unknown-kind"],
)
def test_bad_stuiting_refused(stuiting: Stuiting) -> None:
    with pytest.raises(ValueError):
        verjaring(date(2021, 3, 15), date(2026, 11, 24), [stuiting])
