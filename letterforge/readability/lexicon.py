"""Word frequency from SUBTLEX-NL (see data/SOURCE.md), loaded once, lazily.

Zipf is log10 of frequency per billion words: 7 for "de", 3 for words most adults
know but rarely meet, below 3 for rare words (the LiNT-II line). Compounds that are
not in the list are looked up by their head, as LiNT does: "bijstandsuitkering"
counts as "uitkering". A rare form is as familiar as its lemma family (all forms
of its lemma together, as LiNT counts lemmas): "wethouders" as "wethouder",
"indient" as "indienen" (data/subtlex-nl-lemma-zipf.tsv.gz, made by
tools/make_lemma_frequencies.py).
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

from letterforge.readability.thresholds import (
    KNOWN_ZIPF,
    MAX_LOOKUP_LETTERS,
    RARE_ZIPF,
    UNKNOWN_ZIPF,
)

MIN_HEAD = 4  # shorter tails are suffixes, not words ("ing", "heid")


def _read(name: str) -> dict[str, float]:
    """A word<TAB>Zipf file from data/ (comment lines start with "#")."""
    data = resources.files("letterforge.readability") / "data" / name
    with data.open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    # One split of the whole file, not a loop over lines: the cold `check` pays
    # for this load, and it is half as slow this way.
    cells = text.replace("\n", "\t").split("\t")
    start = 0
    while cells and cells[start].startswith("#"):
        start += 1  # a comment line has no tab, so it is one cell
    words, values = cells[start::2], cells[start + 1 :: 2]
    return dict(zip(words, map(float, values), strict=False))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    return _read("subtlex-nl-zipf.tsv.gz")


@lru_cache(maxsize=1)
def _families() -> dict[str, float]:
    """Lemma-family Zipf of the forms whose family is more familiar."""
    return _read("subtlex-nl-lemma-zipf.tsv.gz")


@lru_cache(maxsize=1)
def skip_list() -> frozenset[str]:
    """Words that frequency measures leave out (lint-ii's skip-list)."""
    data = resources.files("letterforge.readability") / "data" / "subtlex-skiplist.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Everyday words SUBTLEX-NL underrates ("pinpas", "loonstroken"): the one
    list of words we call known (data/known-words.txt, with why)."""
    data = resources.files("letterforge.readability") / "data" / "known-words.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Diminutive endings, longest first ("bootje": boot, "vinkje": vink). A diminutive
# is as familiar as its base word; SUBTLEX misses many ("vinkje").
_DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")


def _diminutive_zipf(word: str, table: dict[str, float]) -> float | None:
    for suffix in _DIMINUTIVES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= MIN_HEAD - 1 and base in table:
            return table[base]
    return None


def _head_zipf(word: str, table: dict[str, float]) -> float | None:
    """The frequency of the longest known tail of a compound: its head."""
    for start in range(3, len(word) - MIN_HEAD + 1):
        tail = word[start:]
        if tail in table:
            return table[tail]
    return None


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a word; compounds by their head; unknown words low;
    a word of known_words() at least KNOWN_ZIPF."""
    table = _frequencies()
    # NFKC first: a ligature pasted from a PDF ("ﬁnanciële", U+FB01) is the
    # letters "fi" for the reader, so it is looked up as them.
    lower = unicodedata.normalize("NFKC", word).lower()
    if lower in known_words():
        return max(KNOWN_ZIPF, table.get(lower, UNKNOWN_ZIPF))
    if lower in table and table[lower] >= RARE_ZIPF:
        return table[lower]
    if "-" in lower:
        return (
            zipf(lower.rsplit("-", 1)[1]) if not lower.endswith("-") else UNKNOWN_ZIPF
        )
    if len(lower) > MAX_LOOKUP_LETTERS:
        return UNKNOWN_ZIPF  # bounded work: no head search in a 10,000-letter "word"
    # A rare or unknown compound is as easy as its head ("huisbezoeken": bezoeken).
    # Under the line, a form is as familiar as its lemma family, its head (for a
    # compound) or its base (for a diminutive). Above it the form's own frequency
    # already says the reader knows it, and keeps "hebt" and "heeft" apart.
    own = table.get(lower, UNKNOWN_ZIPF)
    found = (
        _families().get(lower),
        _head_zipf(lower, table),
        _diminutive_zipf(lower, table),
    )
    return max([own, *(z for z in found if z is not None)])


def is_known(word: str) -> bool:
    return word.lower() in _frequencies()


def own_zipf(word: str) -> float:
    """Zipf of the word itself, without the compound-head lookup of zipf()."""
    return _frequencies().get(word.lower(), UNKNOWN_ZIPF)
