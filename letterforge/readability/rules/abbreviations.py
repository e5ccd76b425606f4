"""Abbreviations: write them out, or explain them the first time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "afkorting"
# A word of capitals only. Words are tokens (text.py), so the letters of an IBAN,
# postcode or kenmerk are inside their own token and never look like one.
_CAPITALS = re.compile(r"[A-Z]{2,6}")
# Abbreviations every adult reader knows.
_KNOWN = {"EU", "NL", "OK", "PDF", "TV", "DigiD", "BV", "NV", "KvK", "ID"}


def _explained(doc: Document, abbreviation: str, start: int) -> bool:
    """Written out nearby: "(UWV)" after the name, or "UWV (…)" / "UWV:"."""
    before = doc.text[max(0, start - 2) : start]
    after = doc.text[start + len(abbreviation) : start + len(abbreviation) + 2]
    return before.endswith("(") or after.startswith((" (", ":"))


def _explanations(doc: Document) -> dict[str, str]:
    if doc.glossary is None:
        return {}
    return {
        e.term: e.explanation or e.alternative
        for e in doc.glossary.entries
        if e.kind == "afkorting"
    }


def check(doc: Document) -> Iterator[Finding]:
    known = _explanations(doc)
    seen: set[str] = set()
    for unit in doc.sentences:
        for word in unit.words:
            abbreviation = word.text
            start = word.start
            if not _CAPITALS.fullmatch(abbreviation):
                continue
            if abbreviation in _KNOWN or abbreviation in seen:
                continue
            seen.add(abbreviation)
            if _explained(doc, abbreviation, start):
                continue
            meaning = known.get(abbreviation)
            yield doc.finding(
                RULE,
                "warning",
                (start, start + len(abbreviation)),
                f"Afkorting '{abbreviation}': niet iedereen weet wat die betekent.",
                f"Schrijf de eerste keer wat het is: {meaning}."
                if meaning
                else "Schrijf de eerste keer voluit wat de afkorting betekent.",
            )
