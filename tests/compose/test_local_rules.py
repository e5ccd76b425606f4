"""The municipality's own rules (templates/_data/lokale-regels.yaml): cited as local,
dated, loud when missing, with a warning while not verified (review r2 finding 10,
Vos: the gebruikelijke-hulp norm named no source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letterforge.compose.environment import CaseCheckError
from letterforge.compose.local_rules import LOCAL_RULES_FILE, local_rule_on
from letterforge.errors import CaseDataError, SettingsError
from letterforge.pipeline import build_letter, parse_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

RULE = """regels:
  - id: wmo_gebruikelijke_hulp
    regeling: Verordening Wmo Proefstad 2026
    artikel: artikel 3
    uitleg: huisgenoten helpen elkaar.
    vanaf: 2026-01-01
    tot: 2026-12-31
    status: {status}
    bron: de regeling zelf
"""


def _library(tmp_path: Path, text: str) -> Path:
    path = tmp_path / LOCAL_RULES_FILE
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("status", "day", "warned", "missing"),
    [
        ("bron gelezen", date(2026, 6, 1), False, False),
        ("niet geverifieerd", date(2026, 6, 1), True, False),
        ("bron gelezen", date(2025, 12, 31), False, True),  # before it applies
        ("bron gelezen", date(2027, 1, 1), False, True),  # after it ended
    ],
)
def test_a_local_rule_is_dated_and_says_when_it_is_unverified(
    tmp_path: Path, status: str, day: date, warned: bool, missing: bool
) -> None:
    folder = _library(tmp_path, RULE.format(status=status))
    if missing:
        with pytest.raises(CaseCheckError) as raised:
            local_rule_on(folder, "wmo_gebruikelijke_hulp", day, "a.b")
        assert raised.value.path == "a.b"
        return
    rule = local_rule_on(folder, "wmo_gebruikelijke_hulp", day, "a.b")
    assert (rule.regulation, rule.article) == (
        "Verordening Wmo Proefstad 2026",
        "artikel 3",
    )
    assert (rule.warning is not None) is warned


def test_a_broken_local_rules_file_is_a_settings_error(tmp_path: Path) -> None:
    folder = _library(tmp_path, RULE.format(status="misschien"))
    with pytest.raises(SettingsError, match="lokale-regels.yaml"):
        local_rule_on(folder, "wmo_gebruikelijke_hulp", date(2026, 6, 1), "a")


def _rules_part(
    request: dict[str, object], settings: Settings
) -> tuple[str, list[str]]:
    letter = build_letter(parse_request(request), settings, today=TODAY)
    text = " ".join(render_text(letter).split())
    return text.rsplit("Welke regels gelden?", 1)[1], [
        w.message for w in letter.warnings
    ]


def test_the_gebruikelijke_hulp_names_the_local_rule(settings: Settings) -> None:
    request = load_sample("wmo-afwijzing-eigen-kracht")
    rules, warnings = _rules_part(request, settings)
    assert (
        "Verordening maatschappelijke ondersteuning Gemeente Voorbeeld 2026, "
        "artikel 2.4:" in rules
    )
    assert "Dit is een regel van onze gemeente." in rules
    # The fictional municipality's rule is not verified: the caseworker is told.
    assert any("Verordening maatschappelijke ondersteuning" in w for w in warnings)
    # Without gebruikelijke hulp the letter applies no local rule.
    del request["case"]["afwijzing"]["gebruikelijke_hulp"]  # type: ignore[index]
    rules, warnings = _rules_part(request, settings)
    assert "regel van onze gemeente" not in rules
    assert not any("Verordening maatschappelijke ondersteuning" in w for w in warnings)


def test_a_letter_dated_before_the_local_rule_is_refused(settings: Settings) -> None:
    request = load_sample("wmo-afwijzing-eigen-kracht")
    case = request["case"]
    case["zaak"]["briefdatum"] = "2025-12-15"
    case["aanvraag"]["datum"] = "2025-12-10"
    case["onderzoeksrapport"]["datum"] = "2025-12-09"
    with pytest.raises(CaseDataError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert [p.path for p in raised.value.problems] == ["afwijzing.gebruikelijke_hulp"]


@pytest.mark.parametrize(
    ("sample", "rule", "cited"),
    [
        # Review r4 jurist finding 7 (Brouwer): the refusal rests on the local
        # draagkracht rule, cited with its article.
        (
            "bijzondere-bijstand-afwijzing-zelf-betalen",
            "Beleidsregels bijzondere bijstand Gemeente Voorbeeld 2026, artikel 5:",
            True,
        ),
        # A refusal for another reason applies no local draagkracht rule.
        (
            "bijzondere-bijstand-afwijzing-verzekering",
            "Beleidsregels bijzondere bijstand",
            False,
        ),
        (
            "maatregel-afspraken",
            "Maatregelenverordening Participatiewet Gemeente Voorbeeld 2026,"
            " artikel 8:",
            True,
        ),
    ],
)
def test_a_decision_on_local_policy_cites_the_local_rule(
    settings: Settings, sample: str, rule: str, cited: bool
) -> None:
    rules, warnings = _rules_part(load_sample(sample), settings)
    assert (rule in rules) is cited
    assert any(rule.rstrip(":") in w for w in warnings) is cited
