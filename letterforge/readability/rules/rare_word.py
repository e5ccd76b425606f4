"""Rare words: below the rare-word line in SUBTLEX-NL most readers will stumble.

Names (capitalised, not at the start of a sentence), numbers, glossary terms (other
rules handle those) and lint-ii's skip-list are left out (Document.content_words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.lexicon import zipf
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import RARE_ZIPF

RULE = "moeilijk-woord"
FEATURE = "woordbekendheid"
# A name in a web address without "www." ("hetcak.nl", "mijn.toeslagen.nl") is
# split into words; the reader copies it, so it is no word to know. Seen in our own
# Wmo letters: "Meer informatie staat op hetcak.nl" flagged "hetcak".
_DOMAIN_PART = re.compile(
    r"\.(?:[a-z0-9-]+\.)*(?:nl|com|org|net|eu|be|info|frl)\b", re.I
)


def _in_web_address(doc: Document, start: int, end: int) -> bool:
    before = doc.text[max(0, start - 1) : start]
    return before == "." or bool(_DOMAIN_PART.match(doc.text, end))


def _names(doc: Document) -> frozenset[str]:
    """Capitalised words that some unit uses after its first word: names. Such a
    name at the start of a sentence is a name too ("Anouk Visser weet wat er met
    u is afgesproken" after "… is Anouk Visser uw contactpersoon")."""
    return frozenset(
        w.text for u in doc.units for w in u.words[1:] if w.text[:1].isupper()
    )


def check(doc: Document) -> Iterator[Finding]:
    seen: set[str] = set()
    names = _names(doc)
    for word in doc.content_words:
        lower = word.text.lower()
        if lower in seen or doc.in_glossary(word.start, word.end):
            continue
        if word.text in names or _in_web_address(doc, word.start, word.end):
            continue
        if zipf(lower) < RARE_ZIPF:
            seen.add(lower)
            yield doc.finding(
                RULE,
                "warning",
                (word.start, word.end),
                f"'{word.text}' is een woord dat weinig mensen kennen.",
                "Gebruik een gewoner woord, of leg het uit in een korte zin.",
            )
