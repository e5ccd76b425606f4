"""The bestuurlijke boete: warning or fine, percentage, recidive by date, maximum,
Awb 5:53 on the fine that CAN be imposed, draagkracht, half cents.

Sources in the ids: Pw = Participatiewet art. 18a (2026 text); BB = Boetebesluit
socialezekerheidswetten art. 2/2aa (2018-11-14); reference domain-law.md §5 and
domain-law-2026.md §4.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from letterforge.compose.calc.boete import boete, is_recidive
from letterforge.compose.norms import NormTable
from letterforge.pipeline import decode_request, render_request
from letterforge.settings import Settings
from tests.conftest import TODAY

DAY = date(2026, 11, 24)
OFFENCE = date(2026, 4, 1)
DATA = Path(__file__).resolve().parents[2] / "data"

CASES: list[tuple[str, str, str, dict[str, Any], bool, str, str]] = [
    # id, benefit, guilt, options, warning, fine, maximum
    ("BB2aa-at-most-150-warning", "150.00", "opzet", {}, True, "0.00", "150.00"),
    ("BB2aa-no-benadeling-warning", "0", "normaal", {}, True, "0.00", "5200.00"),
    (
        "Pw18a-4-warning-within-2-years-gives-fine",
        "120.00",
        "normaal",
        {"earlier_warning": date(2025, 1, 1)},
        False,
        "60.00",
        "120.00",
    ),
    (
        "BB2-11-no-benadeling-150",
        "0",
        "normaal",
        {"earlier_warning": date(2025, 1, 1)},
        False,
        "150.00",
        "5200.00",
    ),
    (
        "Pw18a-4-warning-over-2-years-ago",
        "120.00",
        "normaal",
        {"earlier_warning": date(2024, 3, 31)},
        True,
        "0.00",
        "120.00",
    ),
    (
        "BB2aa-self-reported-day-60-warning",
        "900.00",
        "grove-schuld",
        {"self_reported": True, "reported_on": date(2026, 5, 31)},
        True,
        "0.00",
        "900.00",
    ),
    (
        "BB2aa-date-alone-means-self-reported",
        "900.00",
        "grove-schuld",
        {"reported_on": date(2026, 4, 1)},
        True,
        "0.00",
        "900.00",
    ),
    (
        "BB2aa-self-reported-day-61-fine",
        "900.00",
        "grove-schuld",
        {"self_reported": True, "reported_on": date(2026, 6, 1)},
        False,
        "675.00",
        "900.00",
    ),
    (
        "BB2aa-reported-after-discovery-fine",
        "900.00",
        "grove-schuld",
        {
            "self_reported": True,
            "reported_on": date(2026, 5, 10),
            "discovered_on": date(2026, 5, 1),
        },
        False,
        "675.00",
        "900.00",
    ),
    (
        "BB2aa-reported-on-day-of-discovery-fine",
        "900.00",
        "grove-schuld",
        {"reported_on": date(2026, 5, 10), "discovered_on": date(2026, 5, 10)},
        False,
        "675.00",
        "900.00",
    ),
    (
        "BB2aa-reported-before-discovery-warning",
        "900.00",
        "grove-schuld",
        {"reported_on": date(2026, 5, 9), "discovered_on": date(2026, 5, 10)},
        True,
        "0.00",
        "900.00",
    ),
    ("BB2-2-opzet-100", "1000.00", "opzet", {}, False, "1000.00", "1000.00"),
    (
        "BB2-3-grove-schuld-75",
        "1000.00",
        "grove-schuld",
        {},
        False,
        "750.00",
        "1000.00",
    ),
    ("BB2-4-normaal-50", "1000.00", "normaal", {}, False, "500.00", "1000.00"),
    ("BB2-5-verminderd-25", "1000.00", "verminderd", {}, False, "250.00", "1000.00"),
    (
        "BB2-6-recidive-150-normaal",
        "1000.00",
        "normaal",
        {"earlier_fine_final": date(2023, 6, 14)},
        False,
        "750.00",
        "1500.00",
    ),
    (
        "Pw18a-5-recidive-opzet-max-150",
        "1000.00",
        "opzet",
        {"earlier_fine_final": date(2023, 6, 14)},
        False,
        "1500.00",
        "1500.00",
    ),
    (
        "Pw18a-5-earlier-fine-over-5-years-no-recidive",
        "1000.00",
        "normaal",
        {"earlier_fine_final": date(2021, 3, 31)},
        False,
        "500.00",
        "1000.00",
    ),
    (
        "Pw18a-5-earlier-fine-just-within-5-years",
        "1000.00",
        "normaal",
        {"earlier_fine_final": date(2021, 4, 2)},
        False,
        "750.00",
        "1500.00",
    ),
    (
        "Pw18a-5-earlier-fine-final-after-offence",
        "1000.00",
        "normaal",
        {"earlier_fine_final": date(2026, 5, 1)},
        False,
        "500.00",
        "1000.00",
    ),
    (
        "BB2-7-large-normaal-fixed-share",
        "20000.00",
        "normaal",
        {},
        False,
        "6866.67",
        "10300.00",
    ),
    (
        "BB2-7-large-verminderd-fixed-share",
        "20000.00",
        "verminderd",
        {},
        False,
        "3433.33",
        "10300.00",
    ),
    (
        "Pw18a-1-grove-schuld-capped-cat3",
        "20000.00",
        "grove-schuld",
        {},
        False,
        "10300.00",
        "10300.00",
    ),
    (
        "Pw18a-1-opzet-capped-by-benadeling-not-cat3",
        "20000.00",
        "opzet",
        {},
        False,
        "20000.00",
        "20000.00",
    ),
    (
        "Awb5-46-draagkracht",
        "1000.00",
        "opzet",
        {"ability_to_pay": Decimal("400.00")},
        False,
        "400.00",
        "1000.00",
    ),
    ("half-cent-up-a-301.25", "301.25", "normaal", {}, False, "150.63", "301.25"),
    ("half-cent-up-b-301.35", "301.35", "normaal", {}, False, "150.68", "301.35"),
]


@pytest.mark.parametrize(
    ("benefit", "guilt", "options", "warning", "fine", "maximum"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_fine(
    table: NormTable,
    benefit: str,
    guilt: str,
    options: dict[str, Any],
    warning: bool,
    fine: str,
    maximum: str,
) -> None:
    result = boete(table, DAY, Decimal(benefit), guilt, offence=OFFENCE, **options)
    assert result.waarschuwing is warning
    assert result.boete == Decimal(fine)
    assert result.maximum == Decimal(maximum)
    if not warning:
        assert result.stappen[-1].bedrag == Decimal(fine)


@pytest.mark.parametrize(
    ("benefit", "guilt", "options", "required"),
    [
        # the fine is € 250, but € 1.000 CAN be imposed (issue 12)
        ("1000.00", "verminderd", {}, True),
        ("300.00", "normaal", {}, False),
        # with recidive 150 % of € 300 = € 450 can be imposed
        ("300.00", "normaal", {"earlier_fine_final": date(2024, 1, 1)}, True),
        # no benadeling: up to the 2nd category can be imposed
        ("0", "normaal", {"earlier_warning": date(2026, 1, 1)}, True),
        # a warning is no fine: no rapport needed
        ("100.00", "opzet", {}, False),
    ],
    ids=[
        "Awb5-53-maximum-not-calculated",
        "Awb5-53-below-340",
        "Awb5-53-recidive-maximum",
        "Awb5-53-no-benadeling-cat2",
        "Awb5-53-warning",
    ],
)
def test_rapport_required_on_the_fine_that_can_be_imposed(
    table: NormTable,
    benefit: str,
    guilt: str,
    options: dict[str, Any],
    required: bool,
) -> None:
    result = boete(table, DAY, Decimal(benefit), guilt, offence=OFFENCE, **options)
    assert result.rapport_vereist is required


@pytest.mark.parametrize(
    ("offence", "earlier_final", "recidive"),
    [
        (date(2026, 4, 1), date(2021, 4, 2), True),
        # Pw 18a lid 5 "vijf jaar voorafgaand aan de dag": 1-4-2021 to 31-3-2026
        (date(2026, 4, 1), date(2021, 4, 1), True),
        (date(2026, 4, 1), date(2021, 3, 31), False),
        (date(2026, 4, 1), date(2026, 3, 31), True),
        # final on the day of the offence itself: not "voorafgaand"
        (date(2026, 4, 1), date(2026, 4, 1), False),
        (date(2026, 4, 1), date(2026, 4, 2), False),
        (date(2026, 4, 1), None, False),
    ],
    ids=[
        "Pw18a-5-day-after-five-years",
        "Pw18a-5-exactly-five-years",
        "Pw18a-5-one-day-over",
        "Pw18a-5-day-before",
        "Pw18a-5-same-day",
        "Pw18a-5-after-offence",
        "Pw18a-5-none",
    ],
)
def test_recidive_window(
    offence: date, earlier_final: date | None, recidive: bool
) -> None:
    assert is_recidive(offence, earlier_final) is recidive


def test_unverified_fine_categories_give_a_warning(table: NormTable) -> None:
    result = boete(table, DAY, Decimal("1000"), "normaal", offence=OFFENCE)
    assert any("derde categorie" in w for w in result.waarschuwingen)


@pytest.mark.parametrize(
    ("guilt", "offence"), [("een beetje", OFFENCE), ("normaal", date(2026, 12, 1))]
)
def test_bad_input(table: NormTable, guilt: str, offence: date) -> None:
    with pytest.raises(ValueError):
        boete(table, DAY, Decimal("100"), guilt, offence=offence)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"self_reported": True}, "gemeld_op"),
        ({"reported_on": date(2026, 3, 31)}, "gemeld_op"),
        ({"reported_on": date(2026, 11, 25)}, "gemeld_op"),
    ],
    ids=["BB2aa-bare-yes-refused", "report-before-offence", "report-after-decision"],
)
def test_bad_report(table: NormTable, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        boete(table, DAY, Decimal("900"), "normaal", offence=OFFENCE, **options)


@pytest.mark.parametrize(
    ("options", "text"),
    [
        (
            {"reported_on": date(2026, 5, 31)},
            "u het zelf op 31\xa0mei\xa02026 aan ons doorgaf. Dat was binnen 60 "
            "dagen, en voordat wij het ontdekten",
        ),
        (
            {"reported_on": date(2026, 6, 1)},
            "U meldde het zelf op 1\xa0juni\xa02026. Dat was meer dan 60 dagen "
            "na 1\xa0april\xa02026. Daarom krijgt u geen waarschuwing",
        ),
        (
            {"reported_on": date(2026, 5, 2), "discovered_on": date(2026, 5, 1)},
            "U meldde het zelf op 2\xa0mei\xa02026. Wij wisten het toen al",
        ),
    ],
    ids=["warning-names-date", "late-says-so", "after-discovery-says-so"],
)
def test_report_is_explained_with_its_date(
    table: NormTable, options: dict[str, Any], text: str
) -> None:
    result = boete(table, DAY, Decimal("900"), "normaal", offence=OFFENCE, **options)
    assert any(text in step.omschrijving for step in result.stappen)
    if result.waarschuwing:
        assert result.melding is None
    else:
        assert result.melding is not None and text in result.melding


def _legacy_case(name: str) -> dict[str, Any]:
    """The shared case files use the boete fields from before issue 12."""
    request: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    request = copy.deepcopy(request)
    o = request["case"]["overtreding"]
    o["verwijtbaarheid"] = {"geen": "normaal", "grove_schuld": "grove-schuld"}.get(
        o["verwijtbaarheid"], o["verwijtbaarheid"]
    )
    assert o.pop("recidive") is False and o.pop("eerdere_waarschuwing") is False
    # Required since review finding 6 (Pw 18a lid 5); these cases start that day.
    o["overtredingsdatum"] = o["periode"]["van"]
    return request


@pytest.mark.parametrize(
    ("name", "fine"),
    [
        ("fine-half-cent-a.json", "€\xa0150,63"),
        ("fine-half-cent-b.json", "€\xa0150,68"),
    ],
)
def test_half_cent_cases_round_half_up_in_the_letter(
    settings: Settings, name: str, fine: str
) -> None:
    text = render_request(
        decode_request(json.dumps(_legacy_case(name)).encode()),
        settings,
        today=TODAY,
    ).content.decode()
    assert f"U krijgt een boete van {fine}." in text
    assert "50\xa0%" in text and "%" not in text.replace("\xa0%", "")
