from __future__ import annotations

from datetime import date

import pytest

from letterforge.compose.model import (
    Address,
    Appendix,
    Callout,
    Heading,
    Letter,
    LetterMeta,
    ListBlock,
    Paragraph,
    Signature,
    Table,
)
from letterforge.render.text import render_text
from tests.factories import SENDER, furnished


def letter_with(*blocks: object) -> Letter:
    return furnished(
        LetterMeta(
            template_id="t",
            template_version="v",
            subject="U krijgt bijstand",
            letter_date=date(2026, 11, 24),
            kenmerk="WI/1",
        ),
        sender=SENDER,
        recipient=Address(
            "Mevrouw S. de Vries", ("Lindelaan 12", "9999 AB  VOORBEELD")
        ),
        salutation="Geachte mevrouw De Vries,",
        blocks=tuple(blocks),  # type: ignore[arg-type]
        signature=Signature(
            "Met vriendelijke groet,", "Namens het college,", "J. Bakker", "teamleider"
        ),
        appendices=(Appendix("Welke regels gelden?", (Paragraph("Artikel 58."),)),),
    )


@pytest.mark.parametrize(
    ("block", "text"),
    [
        (Heading("Waarom?"), "\n\nWaarom?\n\n"),
        (Paragraph("Regel een\nregel twee"), "\n\nRegel een\nregel twee\n\n"),
        (ListBlock(("een", "twee")), "\n\n- een\n- twee\n\n"),
        (ListBlock(("een", "twee"), ordered=True), "\n\n1. een\n2. twee\n\n"),
        (
            Table(("Maand", "Bedrag"), (("mei", "€\xa05,00"),)),
            "\n\nMaand | Bedrag\nmei | €\xa05,00\n\n",
        ),
        (
            Callout("geld", (Paragraph("Elke maand."),), "U betaalt € 50."),
            "\n\nU betaalt € 50.\nElke maand.\n\n",
        ),
    ],
)
def test_each_block_stands_apart(block: object, text: str) -> None:
    assert text in render_text(letter_with(block))


def test_whole_letter_order() -> None:
    text = render_text(letter_with(Paragraph("Wij geven u bijstand.")))
    assert text.splitlines()[:4] == [
        "Mevrouw S. de Vries",
        "Lindelaan 12",
        "9999 AB  VOORBEELD",
        "",
    ]
    assert "Datum: 24\xa0november\xa02026\nOns kenmerk: WI/1\n" in text
    order = [
        "Onderwerp: U krijgt bijstand",
        "Geachte mevrouw De Vries,",
        "Wij geven u bijstand.",
        "Met vriendelijke groet,",
        "Welke regels gelden?",
        "Artikel 58.",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
