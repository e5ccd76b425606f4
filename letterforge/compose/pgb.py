"""The persoonsgebonden budget (pgb) for the period a Wmo decision grants.

From the municipal tariff: tarief per uur × uren per week × 52 weeks / 12 months is
the budget per month; × the months of the period is the budget for the period
(the budget per month is rounded half up to the cent; the period is that
amount times its months). The tariff itself is set by the
municipality (its Wmo verordening or nadere regels), named with its source in the
case data. The older form — a yearly budget — is still accepted.

A decision grants a pgb for a period; the letter must state the budget for that
period, not only the yearly amount (Wmo 2015 art. 2.3.6 lid 1: the budget follows
from the decision). The period must be whole calendar months (first day to last
day); the budget is the yearly amount × months / 12, rounded half up to the cent,
the one rounding rule for money in letters.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from letterforge.compose.environment import CaseCheckError
from letterforge.compose.filters import bedrag, to_amount, to_date
from letterforge.compose.norms import dutch_date
from letterforge.errors import SettingsError

CENT = Decimal("0.01")


def _whole_months(start: date, end: date) -> int:
    if start.day != 1 or (end + timedelta(days=1)).day != 1 or end < start:
        raise ValueError(
            "de periode van het pgb moet hele maanden zijn: van de eerste tot en"
            " met de laatste dag van een maand"
        )
    return (end.year - start.year) * 12 + end.month - start.month + 1


def budget_for_period(
    per_year: Decimal | float | str, start: date | str, end: date | str
) -> Decimal:
    """The pgb in euro for `start`..`end` (inclusive) from the yearly budget.

    Raises ValueError (Dutch) when the period is not whole calendar months.
    """
    months = _whole_months(to_date(start), to_date(end))
    amount = to_amount(per_year) * months / 12
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class PgbBudget:
    """A pgb from a tariff: `per_month` and `total` in euro (cents, half up),
    `months` whole calendar months of the period."""

    rate: Decimal
    hours_per_week: Decimal
    months: int
    per_month: Decimal
    total: Decimal


def budget_from_rate(
    rate: Decimal | float | str,
    hours_per_week: Decimal | float | str,
    start: date | str,
    end: date | str,
) -> PgbBudget:
    """The pgb for `start`..`end` from the tariff per hour and the hours per week.

    Raises ValueError (Dutch) for a period that is not whole calendar months or a
    tariff or number of hours that is not above zero.
    """
    try:
        rate_d, hours = to_amount(rate), Decimal(str(hours_per_week))
    except InvalidOperation as e:
        raise ValueError("het aantal uren moet een getal zijn") from e
    if not hours.is_finite() or rate_d <= 0 or hours <= 0:
        raise ValueError("het tarief en het aantal uren moeten groter dan 0 zijn")
    months = _whole_months(to_date(start), to_date(end))
    # Rounded once, per month; the period is whole months of that amount, so the
    # letter's "6 × € 780,00 = € 4.680,00" adds up exactly.
    per_month = (rate_d * hours * WEEKS_PER_YEAR / MONTHS_PER_YEAR).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return PgbBudget(
        rate=rate_d,
        hours_per_week=hours,
        months=months,
        per_month=per_month,
        total=per_month * months,
    )


def template_budget(rate: Any, hours_per_week: Any, start: Any, end: Any) -> PgbBudget:
    """Template function `pgb_berekening(tarief, uren, van, tot)`: the budget from
    the tariff, or a Dutch refusal naming the pgb fields of wmo-toekenning."""
    try:
        return budget_from_rate(rate, hours_per_week, start, end)
    except ValueError as e:
        raise CaseCheckError("voorziening.pgb_tarief_per_uur", str(e)) from e


TARIFFS_FILE = Path("_data") / "pgb-tarieven.yaml"
_TARIFF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tarieven"],
    "properties": {
        "tarieven": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["soort", "perioden"],
                "properties": {
                    "soort": {"type": "string", "minLength": 2},
                    "perioden": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["vanaf", "tarief_per_uur", "bron"],
                            "properties": {
                                "vanaf": {"type": "string", "format": "date"},
                                "tot": {"type": "string", "format": "date"},
                                "tarief_per_uur": {"type": "number", "minimum": 0},
                                "bron": {"type": "string", "minLength": 5},
                            },
                        },
                    },
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Tariff:
    """A municipal pgb tariff per hour for one kind of help, valid from `start`
    to `end` (inclusive; None: open), with the regulation it comes from."""

    start: date
    end: date | None
    rate: Decimal
    source: str


def _text_dates(node: Any) -> Any:
    # YAML reads 2026-01-01 as a date; the schema checks text.
    if isinstance(node, dict):
        return {k: _text_dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_text_dates(v) for v in node]
    return node.isoformat() if isinstance(node, date) else node


@lru_cache(maxsize=8)
def load_tariffs(template_dir: Path) -> dict[str, tuple[Tariff, ...]]:
    """The tariffs per kind of help (cached: data changes with a deploy).
    Raises SettingsError when the file breaks the schema."""
    path = template_dir / TARIFFS_FILE
    if not path.exists():
        return {}
    data = _text_dates(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = list(jsonschema.Draft202012Validator(_TARIFF_SCHEMA).iter_errors(data))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise SettingsError(f"{path.name}: {where}: {errors[0].message}")
    return {
        kind["soort"]: tuple(
            Tariff(
                date.fromisoformat(p["vanaf"]),
                date.fromisoformat(p["tot"]) if p.get("tot") else None,
                Decimal(str(p["tarief_per_uur"])),
                p["bron"],
            )
            for p in kind["perioden"]
        )
        for kind in data["tarieven"]
    }


def tariff_on(tariffs: tuple[Tariff, ...], day: date) -> Tariff | None:
    valid = [t for t in tariffs if t.start <= day and (t.end is None or day <= t.end)]
    return max(valid, key=lambda t: t.start) if valid else None


@dataclass(frozen=True)
class PgbPart:
    """Consecutive months of the period at one tariff, within one calendar year.

    `known` is False when no tariff is known for these months yet: then `rate`
    is the last known tariff, used provisionally, and the letter says so."""

    first: date
    last: date
    months: int
    rate: Decimal
    source: str
    known: bool
    per_month: Decimal

    @property
    def total(self) -> Decimal:
        return self.per_month * self.months


@dataclass(frozen=True)
class PgbByYear:
    """A pgb per calendar year (and per tariff within a year): `parts` in order,
    `total` their sum in euro; `provisional` when a part's tariff is not known."""

    hours_per_week: Decimal
    parts: tuple[PgbPart, ...]

    @property
    def total(self) -> Decimal:
        return sum((p.total for p in self.parts), Decimal(0))

    @property
    def months(self) -> int:
        return sum(p.months for p in self.parts)

    @property
    def provisional(self) -> tuple[PgbPart, ...]:
        return tuple(p for p in self.parts if not p.known)


def _month_starts(start: date, end: date) -> list[date]:
    count = _whole_months(start, end)
    return [
        date(
            start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1
        )
        for i in range(count)
    ]


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def budget_by_year(
    tariffs: tuple[Tariff, ...],
    hours_per_week: Decimal | float | str,
    start: date | str,
    end: date | str,
) -> PgbByYear:
    """The pgb for `start`..`end` (whole calendar months) with the tariff valid on
    the first day of each month: tariff × hours × 52 ÷ 12 per month, rounded half
    up to the cent, per run of months with one tariff in one calendar year.

    A month without a known tariff uses the last known one, marked not `known`
    (the letter says the budget may change). Raises ValueError (Dutch) for a
    period that is not whole months, hours not above zero, or no tariff at all
    for the first month.
    """
    try:
        hours = Decimal(str(hours_per_week))
    except InvalidOperation as e:
        raise ValueError("het aantal uren moet een getal zijn") from e
    if not hours.is_finite() or hours <= 0:
        raise ValueError("het aantal uren moet groter dan 0 zijn")
    parts: list[PgbPart] = []
    last_known: Tariff | None = None
    for first in _month_starts(to_date(start), to_date(end)):
        tariff = tariff_on(tariffs, first)
        if tariff is None and last_known is None:
            raise ValueError(
                f"voor {dutch_date(first)} is geen pgb-tarief bekend; vraag de "
                "beheerder om het tarief toe te voegen"
            )
        used = tariff or last_known
        assert used is not None  # for mypy: one of them is set (see above)
        last_known = used
        known = tariff is not None
        previous = parts[-1] if parts else None
        if (
            previous is not None
            and previous.first.year == first.year
            and previous.rate == used.rate
            and previous.known == known
        ):
            parts[-1] = dataclasses.replace(
                previous, last=_month_end(first), months=previous.months + 1
            )
            continue
        per_month = (used.rate * hours * WEEKS_PER_YEAR / MONTHS_PER_YEAR).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        parts.append(
            PgbPart(
                first, _month_end(first), 1, used.rate, used.source, known, per_month
            )
        )
    return PgbByYear(hours, tuple(parts))


def template_budget_by_year(
    template_dir: Path,
    warnings: list[str],
    kind: str,
    hours_per_week: Any,
    start: Any,
    end: Any,
    rate: Any = None,
    source: Any = None,
) -> PgbByYear:
    """Template function `pgb_per_jaar(soort, uren, van, tot, tarief, bron)`.

    The tariffs come from templates/_data/pgb-tarieven.yaml for `kind`. When the
    data has no tariff for that kind, the case's own `tarief` (with its `bron`)
    counts for the calendar year the period starts in, and later years are
    unknown. A case tariff that contradicts the data is refused, naming the field.
    Each provisional year adds a warning for the caseworker."""
    field = "voorziening.pgb_tarief_per_uur"
    first = to_date(start)
    tariffs = load_tariffs(template_dir).get(str(kind), ())
    try:
        if not tariffs and rate is not None:
            tariffs = (
                Tariff(
                    date(first.year, 1, 1),
                    date(first.year, 12, 31),
                    to_amount(rate),
                    str(source or "de regeling van de gemeente"),
                ),
            )
        elif rate is not None:
            known = tariff_on(tariffs, first)
            if known is not None and known.rate != to_amount(rate):
                raise ValueError(
                    f"het tarief klopt niet met de tarieven van de gemeente: op "
                    f"{dutch_date(first)} is het {bedrag(known.rate)} per uur "
                    f"({known.source})"
                )
        budget = budget_by_year(tariffs, hours_per_week, first, end)
    except ValueError as e:
        raise CaseCheckError(field, str(e)) from e
    for part in budget.provisional:
        message = (
            f"Het pgb-tarief voor {kind} in {part.first.year} is nog niet bekend. "
            f"De brief rekent voorlopig met {bedrag(part.rate)} per uur en zegt "
            "dat het budget kan veranderen. Voeg het tarief toe aan "
            f"templates/{TARIFFS_FILE.as_posix()} zodra de gemeente het vaststelt."
        )
        if message not in warnings:
            warnings.append(message)
    return budget
