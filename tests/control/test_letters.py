"""The control core on its own: the four-eyes rule and the append-only trail."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from letterforge import control
from letterforge.errors import ReviewForbidden, ReviewRefused
from letterforge.library.four_eyes import load_four_eyes
from letterforge.pipeline import LetterRequest
from letterforge.register import open_register
from letterforge.settings import Settings
from tests.conftest import load_sample


@pytest.mark.parametrize(
    ("template", "case", "checked"),
    [
        ("bestuurlijke-boete", {}, True),
        ("terugvordering", {"terugvordering": {"bedrag": 2000.00}}, False),
        ("terugvordering", {"terugvordering": {"bedrag": 2000.01}}, True),
        ("terugvordering", {"terugvordering": {"bedrag": "veel"}}, True),
        ("terugvordering", {}, False),
        ("afwijzing-bijstand", {"terugvordering": {"bedrag": 9999}}, False),
    ],
)
def test_the_library_rule(
    settings: Settings, template: str, case: dict[str, Any], checked: bool
) -> None:
    rule = load_four_eyes(settings.template_dir.resolve())
    assert rule.needs_check(template, case) is checked


def test_a_municipality_adds_its_own_templates(tmp_path: Path) -> None:
    (tmp_path / "_vier-ogen.yaml").write_text(
        "altijd: [maatregel]\nboven_bedrag:\n"
        "  wmo-toekenning: {veld: voorziening.bedrag, grens: '500'}\n",
        encoding="utf-8",
    )
    rule = load_four_eyes(tmp_path)
    assert rule.needs_check("maatregel", {})
    assert rule.needs_check("wmo-toekenning", {"voorziening": {"bedrag": 500.5}})
    assert not rule.needs_check("bestuurlijke-boete", {})


def test_review_rules_and_the_trail_is_append_only(
    database_url: str, settings: Settings
) -> None:
    register = open_register(database_url, migrate=True)
    sample = load_sample("bestuurlijke-boete-boete")
    request = LetterRequest(sample["template"], sample["case"], "docx")
    try:
        made = control.make_letter(
            register,
            request,
            settings,
            today=date(2026, 11, 24),
            client="t",
            actor="anna",
        )
        assert made.status == control.CONCEPT
        with pytest.raises(ReviewForbidden):
            control.approve(register, made.id, "anna", today=date(2026, 11, 24))
        control.approve(register, made.id, "bram", today=date(2026, 11, 24))
        with pytest.raises(ReviewRefused) as refused:
            control.approve(register, made.id, "carla", today=date(2026, 11, 24))
        assert refused.value.http_status == 409  # final already: nothing overwritten
        for statement in (
            "UPDATE letter_events SET actor = 'x'",
            "DELETE FROM letter_events",
        ):
            with pytest.raises(DBAPIError), register.session() as session:
                session.execute(text(statement))
    finally:
        register.dispose()
