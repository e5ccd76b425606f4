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
from letterforge.readability.rules.explanation import (
    KNOWN_ABBREVIATIONS,
    Explanations,
)
from letterforge.readability.thresholds import RARE_ZIPF

RULE = "afkorting"
# A word of capitals only. Words are tokens (text.py), so the letters of an IBAN,
# postcode or kenmerk are inside their own token and never look like one.
_CAPITALS = re.compile(r"[A-Z]{2,6}")


def _explained(explanations: Explanations, start: int, end: int) -> bool:
    """Written out where it is used: "(UWV)" after the name, or "UWV (…)",
    "UWV: …", "Het UWV is de organisatie …", "Dit heet het UWV" (explanation.py)."""
    text = explanations.doc.text
    if text[max(0, start - 2) : start].endswith("("):
        return True
    if text[end - 1] == ".":
        # "jl.", "t.a.v.": shortened words, to be written out; "3 maart jl. is …"
        # explains nothing. Only "(…)" or ":" right after them counts.
        return text[end : end + 2].startswith((" (", ":"))
    return explanations.attached(start, end) or explanations.by_next(start)


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
            if word.start in covered or word.text.upper() in KNOWN_ABBREVIATIONS:
                continue
            # Capitals for emphasis ("LET OP", "BELANGRIJK") are ordinary words.
            if _CAPITALS.fullmatch(word.text) and own_zipf(word.text) < RARE_ZIPF:
                found.append((word.start, word.end, _advice("", "")))
    return sorted(found)


def check(doc: Document) -> Iterator[Finding]:
    explanations = Explanations(doc)
    first: dict[str, tuple[int, int, str]] = {}
    explained: set[str] = set()
    for start, end, advice in _candidates(doc):
        key = doc.text[start:end].lower()
        first.setdefault(key, (start, end, advice))
        # Any use may carry the explanation: "Het CAK stuurt u de rekening. Het
        # CAK is de organisatie die …" explains it in its second sentence.
        if _explained(explanations, start, end):
            explained.add(key)
    for key, (start, end, advice) in first.items():
        if key in explained:
            continue
        yield doc.finding(
            RULE,
            "warning",
            (start, end),
            f"Afkorting '{doc.text[start:end]}': niet iedereen weet wat die betekent.",
            advice,
        )
