"""Long words: more than five syllables is hard to read in one go (B1 guidance
flags more than three; compounds are common in Dutch, so this is only a hint)."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.syllables import syllables
from letterforge.readability.thresholds import LONG_WORD_SYLLABLES

RULE = "lang-woord"


def check(doc: Document) -> Iterator[Finding]:
    seen: set[str] = set()
    for word in doc.content_words:
        lower = word.text.lower()
        if lower in seen or doc.in_glossary(word.start, word.end):
            continue
        count = syllables(word.text)
        if count > LONG_WORD_SYLLABLES:
            seen.add(lower)
            yield doc.finding(
                RULE,
                "hint",
                (word.start, word.end),
                f"'{word.text}' is een lang woord ({count} lettergrepen).",
                "Kunt u het in twee of drie gewone woorden zeggen?",
            )
