"""Letter furniture: the reference lines, the subject line and the letterhead's
contact line, decided once for every output.

The DOCX, HTML and text renderers lay these out; none of them knows a label or
which lines a letter has. A line without a value (no zaaknummer, no enclosures) is
left out, except the date and our reference, which every decision carries
(Awb 3:41: the date fixes when the letter is sent and the objection term starts).
"""

from __future__ import annotations

from letterforge.compose.filters import datum
from letterforge.compose.model import LetterMeta, ReferenceLine, Sender

DATE = "Datum"
OUR_REFERENCE = "Ons kenmerk"
CASE_NUMBER = "Zaaknummer"
YOUR_REFERENCE = "Uw kenmerk"
HANDLED_BY = "Behandeld door"
ENCLOSURES = "Bijlagen"
SUBJECT = "Onderwerp"
PHONE = "Telefoon"


def reference_lines(meta: LetterMeta) -> tuple[ReferenceLine, ...]:
    """The reference column in reading order: date and our reference always, then
    each optional line that has a value."""
    always = (
        ReferenceLine(DATE, datum(meta.letter_date)),
        ReferenceLine(OUR_REFERENCE, meta.kenmerk),
    )
    optional = (
        ReferenceLine(CASE_NUMBER, meta.zaaknummer),
        ReferenceLine(YOUR_REFERENCE, meta.uw_kenmerk),
        ReferenceLine(HANDLED_BY, meta.handled_by),
        ReferenceLine(ENCLOSURES, ", ".join(meta.enclosures)),
    )
    return always + tuple(line for line in optional if line.value)


def later_page_line(meta: LetterMeta) -> str:
    """The line in the header of every page after the first: date and our
    reference, so a loose page still says which letter it belongs to."""
    line = f"{DATE}: {datum(meta.letter_date)}   {OUR_REFERENCE}: {meta.kenmerk}"
    return f"Kopie   {line}" if meta.is_copy else line


def subject_line(meta: LetterMeta) -> ReferenceLine:
    return ReferenceLine(SUBJECT, meta.subject)


def contact_line(sender: Sender) -> str:
    """The first page's footer: postal address, phone and website on one line."""
    parts = (*sender.postal_lines, f"{PHONE} {sender.phone}", sender.website)
    return " | ".join(part for part in parts if part)
