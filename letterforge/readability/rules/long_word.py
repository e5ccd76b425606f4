"""Long words: more than five syllables is hard to read in one go (B1 guidance
flags more than three; compounds are common in Dutch, so this is only a hint)."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.rules.rare_word import content_words
from letterforge.readability.syllables import syllables

RULE = "lang-woord"
MAX_SYLLABLES = 5


def check(doc: Document) -> Iterator[Finding]:
    glossary_spans = {(m.start, m.end) for m in doc.glossary_matches}
    seen: set[str] = set()
    for word in content_words(doc):
        lower = word.text.lower()
        if lower in seen or (word.start, word.end) in glossary_spans:
            continue
        count = syllables(word.text)
        if count > MAX_SYLLABLES:
            seen.add(lower)
            yield doc.finding(
                RULE,
                "hint",
                (word.start, word.end),
                f"'{word.text}' is een lang woord ({count} lettergrepen).",
                "Kunt u het in twee of drie gewone woorden zeggen?",
            )
