"""Paragraphs that are too long: B1 practice is about six lines, 120 words."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.text import WORD
from letterforge.readability.thresholds import PARAGRAPH_MAX_WORDS

RULE = "lange-alinea"


def check(doc: Document) -> Iterator[Finding]:
    for start, end in doc.paragraphs:
        count = len(WORD.findall(doc.text, start, end))
        if count > PARAGRAPH_MAX_WORDS:
            yield doc.finding(
                RULE,
                "warning",
                (start, end),
                f"Deze alinea heeft {count} woorden. Houd een alinea op zes regels.",
                "Splits de alinea en zet boven elk deel een vraag als tussenkop.",
            )
