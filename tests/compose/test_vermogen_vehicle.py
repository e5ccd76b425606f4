"""A refusal for vermogen that counts a vehicle says why the person does not need
it (Pw 34 lid 2 onder a) and how its value was found (34 lid 1 onder a: what it
fetches when sold now); review jurist-elements r3, finding 3 (Schouten)."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


def _schouten(**car: Any) -> dict[str, Any]:
    request = load_sample("afwijzing-bijstand-vermogen")
    auto = request["case"]["afwijzing"]["bezittingen"][1]
    auto.update(car)
    for key in [k for k, v in car.items() if v is None]:
        del auto[key]
    return request


def test_the_sample_weighs_the_car_and_its_value(settings: Settings) -> None:
    letter = build_letter(parse_request(_schouten()), settings, today=TODAY)
    flat = " ".join(render_text(letter).replace("\xa0", " ").split())
    assert "Uw auto telt mee als vermogen." in flat
    assert "(artikel 34 lid 2 onder a Participatiewet)" in flat
    assert "Daarom vinden wij dat u de auto niet nodig heeft." in flat
    assert "wat het nu bij verkoop opbrengt (artikel 34 lid 1 onder a)" in flat
    assert "- Participatiewet, artikel 34 lid 2 onder a:" in render_text(letter)


@pytest.mark.parametrize(
    ("car", "field"),
    [
        ({"reden": None}, "afwijzing.bezittingen.1.reden"),
        ({"waarde_bron": None}, "afwijzing.bezittingen.1.waarde_bron"),
        # Needed: then it does not count, and the refusal may not count it.
        ({"noodzakelijk": True}, "afwijzing.bezittingen.1.noodzakelijk"),
    ],
)
def test_a_vehicle_without_its_findings_is_refused_naming_the_field(
    car: dict[str, Any], field: str, settings: Settings
) -> None:
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(_schouten(**car)), settings, today=TODAY)
    assert field in [p.path for p in raised.value.problems]


@pytest.mark.parametrize(
    "car",
    [
        # Older requests without a soort stay valid (add, do not rename)...
        {"soort": None, "noodzakelijk": None, "reden": None, "waarde_bron": None},
        # ...and so does a possession that is not a vehicle.
        {"soort": "anders", "noodzakelijk": None, "reden": None, "waarde_bron": None},
    ],
)
def test_other_possessions_need_no_vehicle_findings(
    car: dict[str, Any], settings: Settings
) -> None:
    letter = build_letter(parse_request(_schouten(**car)), settings, today=TODAY)
    text = render_text(letter)
    assert "telt mee als vermogen." not in text
    assert "artikel 34 lid 2 onder a" not in text


def test_a_vehicle_without_the_yes_no_answer_counts_as_not_needed(
    settings: Settings,
) -> None:
    # The web form sends nothing for an unticked box: absent means "not needed";
    # the finding itself is in `reden`, which stays required.
    letter = build_letter(
        parse_request(_schouten(noodzakelijk=None)), settings, today=TODAY
    )
    assert "Uw auto telt mee als vermogen." in render_text(letter)
