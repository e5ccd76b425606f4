"""Word frequency from SUBTLEX-NL (see data/SOURCE.md), loaded once, lazily.

Zipf is log10 of frequency per billion words: 7 for "de", 3 for words most adults
know but rarely meet, below 3 for rare words (the LiNT-II line). Compounds that are
not in the list are looked up by their head, as LiNT does: "bijstandsuitkering"
counts as "uitkering".
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from letterforge.readability.thresholds import (
    MAX_LOOKUP_LETTERS,
    RARE_ZIPF,
    UNKNOWN_ZIPF,
)

MIN_HEAD = 4  # shorter tails are suffixes, not words ("ing", "heid")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    data = (
        resources.files("letterforge.readability") / "data" / "subtlex-nl-zipf.tsv.gz"
    )
    # Decompressed and split at once: reading line by line through a text stream
    # took twice as long, on every cold `letterforge check` (issue 18).
    lines = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
    table: dict[str, float] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        word, _, zipf = line.partition("\t")
        table[word] = float(zipf)
    return table


@lru_cache(maxsize=1)
def skip_list() -> frozenset[str]:
    """Words that frequency measures leave out (lint-ii's skip-list)."""
    data = resources.files("letterforge.readability") / "data" / "subtlex-skiplist.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def _head_zipf(word: str, table: dict[str, float]) -> float | None:
    """The frequency of the longest known tail of a compound: its head."""
    for start in range(3, len(word) - MIN_HEAD + 1):
        tail = word[start:]
        if tail in table:
            return table[tail]
    return None


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a word; compounds by their head; unknown words low."""
    table = _frequencies()
    lower = word.lower()
    if lower in table and table[lower] >= RARE_ZIPF:
        return table[lower]
    if "-" in lower:
        return (
            zipf(lower.rsplit("-", 1)[1]) if not lower.endswith("-") else UNKNOWN_ZIPF
        )
    if len(lower) > MAX_LOOKUP_LETTERS:
        return UNKNOWN_ZIPF  # bounded work: no head search in a 10,000-letter "word"
    # A rare or unknown compound is as easy as its head ("huisbezoeken": bezoeken).
    head = _head_zipf(lower, table)
    own = table.get(lower, UNKNOWN_ZIPF)
    return max(own, head) if head is not None else own


def is_known(word: str) -> bool:
    return word.lower() in _frequencies()


def own_zipf(word: str) -> float:
    """Zipf of the word itself, without the compound-head lookup of zipf()."""
    return _frequencies().get(word.lower(), UNKNOWN_ZIPF)
