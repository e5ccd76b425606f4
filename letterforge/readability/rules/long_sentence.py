"""Long sentences: B1 practice is 10-15 words on average; flag over 15, stronger
over 20 words. A sentence of 16-20 words in a text that alternates it with short
ones (average 12 or less) is not flagged: guides ask for that rhythm."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding, Severity
from letterforge.readability.text import Unit
from letterforge.readability.thresholds import (
    SENTENCE_AVERAGE_OK,
    SENTENCE_ERROR_ABOVE,
    SENTENCE_WARN_ABOVE,
)

RULE = "lange-zin"
# Where a sentence can be cut: after a comma, or before a word that starts a new
# clause. "en", "of", "maar" and "want" also join words ("burgemeester en
# wethouders", "tot en met"), so they count only before a subject or a word that
# opens a main clause ("en wij sturen", "maar u krijgt").
_SUBORDINATORS = r"omdat|doordat|zodat|waardoor|terwijl|nadat|zodra"
_COORDINATORS = r"en|of|maar|want"
_CLAUSE_START = (
    r"ik|u|wij|we|je|jij|hij|zij|ze|het|de|dit|dat|die|er|dan|daarna|daarom|ook|"
    r"toen|nu|daar|hier|uw|onze|ons"
)
_SPLIT_WORDS = re.compile(
    rf",\s+|\s(?=(?:{_SUBORDINATORS})\s)"
    rf"|(?<!\btot)\s(?=(?:{_COORDINATORS})\s+(?:{_CLAUSE_START})\s)",
    re.IGNORECASE,
)


def split_hint(unit: Unit) -> str:
    """Where to cut the sentence: the joint nearest its middle."""
    middle = len(unit.text) // 2
    joints = [m.end() for m in _SPLIT_WORDS.finditer(unit.text)]
    joints = [j for j in joints if 15 < j < len(unit.text) - 15]
    if not joints:
        return "Maak er twee zinnen van. Zet het belangrijkste in de eerste zin."
    cut = min(joints, key=lambda j: abs(j - middle))
    words = unit.text[cut:].split()
    if words and words[0].lower() == "en":
        words = words[1:]  # the new sentence starts after "en": "Wij sturen …"
    next_words = " ".join(words[:3])
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
