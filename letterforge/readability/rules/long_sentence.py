"""Long sentences: B1 practice is 10-15 words on average; flag over 15, stronger
over 20 words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding, Severity
from letterforge.readability.text import Unit
from letterforge.readability.thresholds import SENTENCE_ERROR_ABOVE, SENTENCE_WARN_ABOVE

RULE = "lange-zin"
_SPLIT_WORDS = re.compile(
    # "tot en met" is one phrase, not a joint between two sentences.
    r",\s+|(?<!\btot)\s(?=(?:en|maar|want|omdat|doordat|zodat|waardoor|terwijl|als|dan)\s)"
)


def split_hint(unit: Unit) -> str:
    """Where to cut the sentence: the joint nearest its middle."""
    middle = len(unit.text) // 2
    joints = [m.end() for m in _SPLIT_WORDS.finditer(unit.text)]
    joints = [j for j in joints if 15 < j < len(unit.text) - 15]
    if not joints:
        return "Maak er twee zinnen van. Zet het belangrijkste in de eerste zin."
    cut = min(joints, key=lambda j: abs(j - middle))
    next_words = " ".join(unit.text[cut:].split()[:3])
    return f"Maak er twee zinnen van. Begin een nieuwe zin bij '{next_words} …'."


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        count = len(unit.words)
        if count <= SENTENCE_WARN_ABOVE:
            continue
        severity: Severity = "error" if count > SENTENCE_ERROR_ABOVE else "warning"
        message = (
            f"Deze zin heeft {count} woorden. Een B1-zin heeft er"
            f" {SENTENCE_WARN_ABOVE} of minder."
        )
        yield doc.finding(
            RULE, severity, (unit.start, unit.end), message, split_hint(unit)
        )
