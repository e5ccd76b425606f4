"""Letters built by hand, for renderer tests that must not depend on templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from letterforge.compose.furniture import reference_lines, subject_line
from letterforge.compose.model import (
    Address,
    Appendix,
    Block,
    Callout,
    Heading,
    Letter,
    LetterMeta,
    ListBlock,
    Paragraph,
    Sender,
    Signature,
    Table,
)

SENDER = Sender(
    name="Gemeente Proefstad",
    college="het college van burgemeester en wethouders van Proefstad",
    postal_lines=("Postbus 1", "9999 AA Proefstad"),
    visiting_lines=("Marktplein 1", "9999 AA Proefstad"),
    phone="14 0999",
    website="www.proefstad.example.nl",
    email="info@proefstad.example.nl",
    objection_lines=("Postbus 1", "9999 AA Proefstad"),
    objection_website="www.proefstad.example.nl/bezwaar",
)
BLOCKS: tuple[Block, ...] = (
    Paragraph("U krijgt bijstand vanaf 1 december 2026."),
    Heading("Wat hebben we besloten?"),
    Paragraph("Eerste regel\nTweede regel"),
    ListBlock(("een", "twee")),
    ListBlock(("stap een", "stap twee"), ordered=True),
    ListBlock(("nog een stap",), ordered=True),
    Table(("Maand", "Bedrag"), (("december", "€\xa0100,00"),), ("left", "right")),
    Callout("datum", (Paragraph("Stuur uw bezwaar op tijd."),), "Let op de datum"),
)


def furnished(meta: LetterMeta, **fields: Any) -> Letter:
    """A Letter with the reference lines and subject compose would give `meta`."""
    return Letter(
        meta=meta,
        references=reference_lines(meta),
        subject=subject_line(meta),
        **fields,
    )


def make_letter(**changes: Any) -> Letter:
    """A small complete letter; keyword arguments replace its fields. A new `meta`
    brings its own reference lines and subject, as composing would."""
    meta = changes.pop(
        "meta",
        LetterMeta(
            template_id="proef",
            template_version="0123456789ab",
            subject="U krijgt bijstand",
            letter_date=date(2026, 11, 24),
            kenmerk="PR/1",
            zaaknummer="Z-1",
        ),
    )
    letter = furnished(
        meta,
        sender=SENDER,
        recipient=Address("Mevrouw A. Proef", ("Teststraat 1", "9999 AA  PROEFSTAD")),
        salutation="Geachte mevrouw Proef,",
        blocks=BLOCKS,
        signature=Signature(
            "Met vriendelijke groet,", "Het college", "B. Voorbeeld", "Teamleider"
        ),
        appendices=(Appendix("Welke regels gelden?", (Paragraph("Artikel 11."),)),),
    )
    return replace(letter, **changes)
