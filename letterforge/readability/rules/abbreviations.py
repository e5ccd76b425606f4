"""Abbreviations: write them out, or explain them the first time.

Two kinds are found: the glossary's abbreviations (dotted ones such as "i.v.m."
and mixed-case ones such as "Awb", with their alternative or meaning), and words
of capitals only that are not ordinary Dutch words ("UWV" yes, "LET OP" no).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.lexicon import own_zipf
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import RARE_ZIPF

RULE = "afkorting"
# A word of capitals only. Words are tokens (text.py), so the letters of an IBAN,
# postcode or kenmerk are inside their own token and never look like one.
_CAPITALS = re.compile(r"[A-Z]{2,6}")
# Abbreviations every adult reader knows.
# Compared in capitals: Word's "all caps" (w:caps) shows "DigiD" as "DIGID".
KNOWN = {"EU", "NL", "OK", "PDF", "TV", "DIGID", "BV", "NV", "KVK", "ID"}


def _explained(doc: Document, start: int, end: int) -> bool:
    """Written out nearby: "(UWV)" after the name, or "UWV (…)" / "UWV:"."""
    before = doc.text[max(0, start - 2) : start]
    after = doc.text[end : end + 2]
    return before.endswith("(") or after.startswith((" (", ":"))


def _advice(meaning: str, alternative: str) -> str:
    if alternative:
        return f"Schrijf: {alternative}."
    if meaning:
        return f"Schrijf de eerste keer wat het is: {meaning}."
    return "Schrijf de eerste keer voluit wat de afkorting betekent."


def _candidates(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, advice) of every abbreviation in a sentence, in text order."""
    sentences = [(u.start, u.end) for u in doc.sentences]

    def in_sentence(start: int) -> bool:
        return any(s <= start < e for s, e in sentences)

    found = [
        (m.start, m.end, _advice(m.entry.explanation, m.entry.alternative))
        for m in doc.glossary_matches
        if m.entry.kind == "afkorting" and in_sentence(m.start)
    ]
    covered = {start for start, _, _ in found}
    for unit in doc.sentences:
        for word in unit.words:
            if word.start in covered or word.text.upper() in KNOWN:
                continue
            # Capitals for emphasis ("LET OP", "BELANGRIJK") are ordinary words.
            if _CAPITALS.fullmatch(word.text) and own_zipf(word.text) < RARE_ZIPF:
                found.append((word.start, word.end, _advice("", "")))
    return sorted(found)


def check(doc: Document) -> Iterator[Finding]:
    seen: set[str] = set()
    for start, end, advice in _candidates(doc):
        abbreviation = doc.text[start:end]
        if abbreviation.lower() in seen:
            continue
        seen.add(abbreviation.lower())
        if _explained(doc, start, end):
            continue
        yield doc.finding(
            RULE,
            "warning",
            (start, end),
            f"Afkorting '{abbreviation}': niet iedereen weet wat die betekent.",
            advice,
        )
