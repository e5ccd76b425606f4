"""Long sentences: B1 practice is 10-15 words on average; flag over 15, stronger
over 20 words. A sentence of 16-20 words in a text that alternates it with short
ones (average 12 or less) is not flagged: guides ask for that rhythm."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.clauses import MAIN_BORDER
from letterforge.readability.document import Document
from letterforge.readability.report import Finding, Severity
from letterforge.readability.text import Unit
from letterforge.readability.thresholds import (
    SENTENCE_AVERAGE_OK,
    SENTENCE_ERROR_ABOVE,
    SENTENCE_WARN_ABOVE,
)

RULE = "lange-zin"
FALLBACK = "Maak er twee zinnen van. Zet het belangrijkste in de eerste zin."


def split_hint(unit: Unit) -> str:
    """Where to cut the sentence: the main-clause border nearest its middle.

    Only a border where a full sentence can start (clauses.MAIN_BORDER: "en wij
    sturen", "; u krijgt"); a cut at any comma gave fragments such as "Begin een
    nieuwe zin bij 'waaronder begrepen de …'". Without such a border, the plain
    advice.
    """
    middle = len(unit.text) // 2
    joints = [m.end() for m in MAIN_BORDER.finditer(unit.text)]
    joints = [j for j in joints if 15 < j < len(unit.text) - 15]
    if not joints:
        return FALLBACK
    cut = min(joints, key=lambda j: abs(j - middle))
    next_words = " ".join(unit.text[cut:].split()[:3])
    return f"Maak er twee zinnen van. Begin een nieuwe zin bij '{next_words} …'."


def check(doc: Document) -> Iterator[Finding]:
    rhythm = doc.mean_sentence_length <= SENTENCE_AVERAGE_OK
    for unit in doc.sentences:
        count = len(unit.words)
        if count <= SENTENCE_WARN_ABOVE or (rhythm and count <= SENTENCE_ERROR_ABOVE):
            continue
        severity: Severity = "error" if count > SENTENCE_ERROR_ABOVE else "warning"
        message = (
            f"Deze zin heeft {count} woorden. Een B1-zin heeft er"
            f" {SENTENCE_WARN_ABOVE} of minder."
        )
        yield doc.finding(
            RULE, severity, (unit.start, unit.end), message, split_hint(unit)
        )
