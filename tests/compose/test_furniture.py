"""Letter furniture: which reference lines a letter has, decided once in compose."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest

from letterforge.compose.furniture import contact_line, reference_lines, subject_line
from letterforge.compose.model import LetterMeta, ReferenceLine
from letterforge.render import render_docx
from letterforge.render.html import render_html
from letterforge.render.text import render_text
from tests.factories import SENDER, make_letter

META = LetterMeta(
    template_id="t",
    template_version="v",
    subject="U krijgt bijstand",
    letter_date=date(2026, 11, 24),
    kenmerk="WI/1",
)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, [("Datum", "24\u00a0november\u00a02026"), ("Ons kenmerk", "WI/1")]),
        (
            {"zaaknummer": "Z-9", "uw_kenmerk": "U-3"},
            [
                ("Datum", "24\u00a0november\u00a02026"),
                ("Ons kenmerk", "WI/1"),
                ("Zaaknummer", "Z-9"),
                ("Uw kenmerk", "U-3"),
            ],
        ),
        (
            {"handled_by": "J. Bakker", "enclosures": ("Rekening", "Regels")},
            [
                ("Datum", "24\u00a0november\u00a02026"),
                ("Ons kenmerk", "WI/1"),
                ("Behandeld door", "J. Bakker"),
                ("Bijlagen", "Rekening, Regels"),
            ],
        ),
    ],
)
def test_reference_lines_show_only_what_has_a_value(
    changes: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    lines = reference_lines(replace(META, **changes))  # type: ignore[arg-type]
    assert [(line.label, line.value) for line in lines] == expected


def test_subject_line_carries_the_subject() -> None:
    assert subject_line(META) == ReferenceLine("Onderwerp", "U krijgt bijstand")


def test_contact_line_leaves_out_empty_parts() -> None:
    assert contact_line(replace(SENDER, website="")) == (
        "Postbus 1 | 9999 AA Proefstad | Telefoon 14 0999"
    )


def test_every_renderer_lays_out_the_lines_compose_gives() -> None:
    """Renderers hold no labels: a label changed in the Letter shows up in each."""
    letter = make_letter(
        references=(ReferenceLine("Kenmerk-X", "waarde-Y"),),
        subject=ReferenceLine("Betreft-Z", "Onderwerp-Q"),
    )
    text = render_text(letter)
    assert "Kenmerk-X: waarde-Y" in text and "Betreft-Z: Onderwerp-Q" in text
    assert "Datum" not in text and "Ons kenmerk" not in text
    html = render_html(letter)
    assert "<dt>Kenmerk-X</dt><dd>waarde-Y</dd>" in html
    assert "<h1>Onderwerp-Q</h1>" in html and "Datum" not in html
    body = [p.text for p in docx.Document(io.BytesIO(render_docx(letter))).paragraphs]
    assert "Kenmerk-X\twaarde-Y" in body and "Betreft-Z\tOnderwerp-Q" in body
    assert not any(p.startswith(("Datum", "Ons kenmerk")) for p in body)
