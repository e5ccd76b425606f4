"""Rare words: below Zipf 2.5 in SUBTLEX-NL most readers will stumble.

Names (capitalised, not at the start of a sentence), numbers, glossary terms (other
rules handle those) and lint-ii's skip-list are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.lexicon import skip_list, zipf
from letterforge.readability.report import Finding
from letterforge.readability.text import Span

RULE = "moeilijk-woord"
RARE_BELOW = 2.5
MIN_LETTERS = 4


def content_words(doc: Document) -> list[Span]:
    """Words that carry meaning and are not names or numbers (worked out once)."""
    cached: list[Span] | None = doc.cache.get("content_words")
    if cached is None:
        cached = list(_content_words(doc))
        doc.cache["content_words"] = cached
    return cached


def _content_words(doc: Document) -> Iterator[Span]:
    skip = skip_list()
    for unit in doc.units:
        if unit.kind == "line":
            continue  # address lines are names and places
        for index, word in enumerate(unit.words):
            text = word.text
            if not text.isalpha() or len(text) < MIN_LETTERS or text.lower() in skip:
                continue
            if text[0].isupper() and (index > 0 or text.isupper()):
                continue
            yield word


def _in_glossary(doc: Document) -> set[tuple[int, int]]:
    return {(m.start, m.end) for m in doc.glossary_matches}


def check(doc: Document) -> Iterator[Finding]:
    covered = _in_glossary(doc)
    seen: set[str] = set()
    for word in content_words(doc):
        lower = word.text.lower()
        if lower in seen or (word.start, word.end) in covered:
            continue
        if zipf(lower) < RARE_BELOW:
            seen.add(lower)
            yield doc.finding(
                RULE,
                "warning",
                (word.start, word.end),
                f"'{word.text}' is een woord dat weinig mensen kennen.",
                "Gebruik een gewoner woord, of leg het uit in een korte zin.",
            )
