"""Whole sentences in capitals: "LET OP: DIT IS UW LAATSTE KANS." is harder to read.

Text in capitals loses the shape of its words, so it is read more slowly (Tinker,
"Legibility of Print", 1963); Dutch plain-language guidance for B1 letters (Direct
Duidelijk, as the second review adviser of issue 15 cites it, finding 8) advises
against whole sentences in capitals. A tip, not an error: the letter may still
meet B1. Word's "all caps" formatting (w:caps) is read as capitals by docx_text,
so this rule covers typed and formatted capitals alike.

Abbreviations are no shouting ("UWV", "BSN", "IBAN", "DigiD"): they never count
towards the words in capitals, and words with digits (IBAN, postcode) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.rules.explanation import KNOWN_ABBREVIATIONS
from letterforge.readability.text import Unit

RULE = "hoofdletters"
MIN_WORDS = 4  # "LET OP" or a heading of two words is a label, not a sentence


def _letters_only(word: str) -> bool:
    return any(c.isalpha() for c in word) and not any(c.isdigit() for c in word)


def _abbreviations(doc: Document) -> frozenset[str]:
    """The glossary's abbreviations found in this text, plus the ones all know."""
    return (
        frozenset(
            doc.text[m.start : m.end].upper()
            for m in doc.glossary_matches
            if m.entry.kind == "afkorting"
        )
        | KNOWN_ABBREVIATIONS
    )


def _shouts(unit: Unit, abbreviations: frozenset[str]) -> bool:
    words = [w.text for w in unit.words if _letters_only(w.text)]
    if not words or any(c.islower() for w in words for c in w):
        return False
    ordinary = [w for w in words if w.upper() not in abbreviations]
    return len(ordinary) >= MIN_WORDS


def check(doc: Document) -> Iterator[Finding]:
    abbreviations = _abbreviations(doc)
    for unit in doc.units:
        if _shouts(unit, abbreviations):
            yield doc.finding(
                RULE,
                "hint",
                (unit.start, unit.end),
                "Schrijf niet in hoofdletters. Dat leest moeilijker.",
                "Schrijf de zin met gewone letters. Is het belangrijk? Zet het"
                " dan bovenaan of maak het vet.",
            )
