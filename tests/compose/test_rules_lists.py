""" "Welke regels gelden?" names the rules a decision rests on, with lid (review
jurist-elements r3, findings 5 and 9): the replacing boete in a beslissing op
bezwaar (Pw 17 lid 1, Awb 5:9), the maatregel's verordening with its article and
its basis (Pw 8 lid 1 onder a), and Kok's end of bijstand (Pw 11 lid 1, 40 lid 1)."""

from __future__ import annotations

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

VERORDENING = "Maatregelenverordening Participatiewet Gemeente Voorbeeld 2026"


def _rules(sample: str, settings: Settings) -> list[str]:
    letter = build_letter(parse_request(load_sample(sample)), settings, today=TODAY)
    text = render_text(letter).replace("\xa0", " ")
    rules = text.split("Welke regels gelden?")[-1]
    return [line[2:] for line in rules.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("beslissing-op-bezwaar-deels-gegrond", "Participatiewet, artikel 17 lid 1:"),
        (
            "beslissing-op-bezwaar-deels-gegrond",
            "Algemene wet bestuursrecht, artikel 5:9:",
        ),
        ("maatregel-afspraken", "Participatiewet, artikel 8 lid 1 onder a:"),
        (
            "maatregel-afspraken",
            f"{VERORDENING}, artikel 8:",
        ),
        (
            "maatregel-sollicitatie",
            f"{VERORDENING}, artikel 9:",
        ),
        ("beeindiging-bijstand-verhuizing", "Participatiewet, artikel 11 lid 1:"),
        ("beeindiging-bijstand-verhuizing", "Participatiewet, artikel 40 lid 1:"),
        ("beeindiging-bijstand-werk", "Participatiewet, artikel 11 lid 1:"),
    ],
)
def test_the_rules_list_names_the_rule_with_its_article(
    sample: str, expected: str, settings: Settings
) -> None:
    assert [r for r in _rules(sample, settings) if r.startswith(expected)]


def test_a_bob_boete_says_what_was_violated(settings: Settings) -> None:
    request = load_sample("beslissing-op-bezwaar-deels-gegrond")
    letter = build_letter(parse_request(request), settings, today=TODAY)
    flat = " ".join(render_text(letter).replace("\xa0", " ").split())
    assert (
        "U gaf het pas later door. Zo hield u zich niet aan artikel 17 lid 1 van"
        in flat
    )
    # Without the overtreding the new boetebeschikking cannot be made (Awb 5:9).
    del request["case"]["bezwaar"]["nieuwe_boete"]["overtreding"]
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    paths = [p.path for p in raised.value.problems]
    assert paths == ["bezwaar.nieuwe_boete.overtreding"]


def test_an_unknown_verordening_rule_is_refused_naming_the_field(
    settings: Settings,
) -> None:
    request = load_sample("maatregel-afspraken")
    request["case"]["maatregel"]["verordening_regel"] = "bestaat_niet"
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert [p.path for p in raised.value.problems] == ["maatregel.verordening_regel"]


@pytest.mark.parametrize(
    ("edit", "refused"),
    [
        ({}, None),
        ({"gevraagd_op": None}, "kosten.betaling_aan.gevraagd_op"),
        ({"gevraagd_op": "2026-11-25"}, "zaak.briefdatum"),  # after the letter
    ],
)
def test_paying_the_shop_rests_on_the_persons_request(
    edit: dict[str, str | None], refused: str | None, settings: Settings
) -> None:
    # Osman (review r3, finding 4): no special power claimed; the person asked.
    request = load_sample("bijzondere-bijstand-toekenning-deels")
    paid = request["case"]["kosten"]["betaling_aan"]
    for key, value in edit.items():
        if value is None:
            del paid[key]
        else:
            paid[key] = value
    if refused:
        with pytest.raises(CaseDataError) as raised:
            build_letter(parse_request(request), settings, today=TODAY)
        assert refused in [p.path for p in raised.value.problems]
        return
    letter = build_letter(parse_request(request), settings, today=TODAY)
    flat = " ".join(render_text(letter).replace("\xa0", " ").split())
    assert "U vroeg ons op 6 november 2026 om het geld direct aan de winkel" in flat
    assert "Wij betalen aan Witgoed Voorbeeld, Marktstraat 3 in Voorbeeld." in flat
