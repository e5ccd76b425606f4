"""Bounded caches of what the checker finds in each block of a text on its own:
the units (sentences, headings, list items) and the glossary matches.

Most blocks of a letter are the template's own text and were split into sentences
and words a thousand times before; only the blocks with a name or an amount are
new. Splitting a block depends on nothing but the block's own text
(`text._block_units` reads only text[start:end]), so the units found once are
kept, relative to the block, and shifted to where the block stands in this text.
The result is exactly what `text.split_units` gives (tests/readability/test_cache.py).

Glossary matches are found per block as well; a term can only span two blocks when
a form of several words starts near the end of one, so there the whole text is
searched as before (`glossary_matches`).

Only these per-block results are cached: rules and scores look at the whole text
and are computed every time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from letterforge.readability.glossary import _TOKEN as GLOSSARY_TOKEN
from letterforge.readability.glossary import Entry, Glossary, Match
from letterforge.readability.lexicon import skip_list
from letterforge.readability.text import Span, Unit, UnitKind
from letterforge.readability.text import _block_units as block_units
from letterforge.readability.text import paragraphs as find_paragraphs
from letterforge.readability.text import split_units as split_units_uncached
from letterforge.readability.thresholds import MIN_CONTENT_LETTERS

# About 50 blocks a letter and some hundred templates: 8192 blocks hold every
# template's own text with room for the blocks that change per letter.
MAX_BLOCKS = 8192

# Off only inside `bypassed()`: tests compare reports with and without the cache.
_enabled = True


@contextmanager
def bypassed() -> Iterator[None]:
    """Compute everything directly inside this block (for tests; not thread-safe)."""
    global _enabled
    _enabled = False
    try:
        yield
    finally:
        _enabled = True


@lru_cache(maxsize=64)
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(find_paragraphs(text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """text.paragraphs(text), found once per text: the units, the glossary and the
    paragraph rule all need the blocks of the same text (a few recent texts kept)."""
    return list(_paragraphs(text) if _enabled else find_paragraphs(text))


_Relative = tuple[tuple[UnitKind, int, int, str, tuple[tuple[int, int, str], ...]], ...]


@lru_cache(maxsize=MAX_BLOCKS)
def _relative_units(block: str) -> _Relative:
    return tuple(
        (
            u.kind,
            u.start,
            u.end,
            u.text,
            tuple((w.start, w.end, w.text) for w in u.words),
        )
        for u in block_units(block, 0, len(block))
    )


def split_units(text: str) -> list[Unit]:
    """Every unit of `text` in order, as `text.split_units(text)`, from the cache."""
    if not _enabled:
        return split_units_uncached(text)
    units: list[Unit] = []
    for start, end in paragraphs(text):
        for kind, first, last, piece, words in _relative_units(text[start:end]):
            units.append(
                Unit(
                    kind,
                    start + first,
                    start + last,
                    piece,
                    tuple(Span(start + s, start + e, w) for s, e, w in words),
                )
            )
    return units


@lru_cache(maxsize=MAX_BLOCKS)
def _block_matches(
    glossary: Glossary, block: str
) -> tuple[tuple[Entry, int, int], ...]:
    return tuple((m.entry, m.start, m.end) for m in glossary.find(block))


@lru_cache(maxsize=8)
def _long_forms(glossary: Glossary) -> tuple[frozenset[str], int]:
    """First words of the forms of several words, and the most words in a form."""
    firsts: set[str] = set()
    most = 1
    for entry in glossary.entries:
        for form in entry.forms:
            words = form.lower().split()
            if len(words) > 1:
                firsts |= {words[0], words[0].rstrip(".")}
                most = max(most, len(words))
    return frozenset(firsts), most


@lru_cache(maxsize=MAX_BLOCKS)
def _runs_on(glossary: Glossary, block: str, following: str) -> bool:
    """Whether a glossary term may run from `block` into the block after it.

    Only a form of several words that starts in the last words of `block` can;
    the search looks at those and the first words of the next block. Blocks are
    separated by whitespace only, which no glossary token holds, so the answer
    depends on the two texts alone and is kept per pair."""
    firsts, most = _long_forms(glossary)
    tail = [(m.start(), m.group()) for m in GLOSSARY_TOKEN.finditer(block)]
    head = list(GLOSSARY_TOKEN.finditer(following))[:most]
    joined = block + "\n\n" + following[: head[-1].end() if head else 0]
    for offset, token in tail[-(most - 1) :]:
        lowered = token.lower()
        if lowered not in firsts and lowered.rstrip(".") not in firsts:
            continue
        first = next(iter(glossary.find(joined[offset:])), None)
        if first is not None and first.start == 0 and offset + first.end > len(block):
            return True
    return False


def _spans_blocks(glossary: Glossary, text: str, blocks: list[tuple[int, int]]) -> bool:
    """Whether a glossary term may run from one block into the next."""
    if _long_forms(glossary)[1] == 1:
        return False
    return any(
        _runs_on(glossary, text[start:end], text[next_start:next_end])
        for (start, end), (next_start, next_end) in zip(
            blocks, blocks[1:], strict=False
        )
    )


def glossary_matches(glossary: Glossary, text: str) -> list[Match]:
    """Every glossary match in `text`, as `list(glossary.find(text))`."""
    if not _enabled:
        return list(glossary.find(text))
    blocks = paragraphs(text)
    if _spans_blocks(glossary, text, blocks):
        return list(glossary.find(text))
    return [
        Match(entry, start + first, start + last)
        for start, end in blocks
        for entry, first, last in _block_matches(glossary, text[start:end])
    ]


def _is_content(text: str, index: int, skip: frozenset[str]) -> bool:
    """Whether a word carries meaning: not a name, number or function word of
    lint-ii's skip-list (Document.content_words). Depends on the word, its place
    in its unit and nothing else."""
    if not text.isalpha() or len(text) < MIN_CONTENT_LETTERS or text.lower() in skip:
        return False
    return not (text[0].isupper() and (index > 0 or text.isupper()))


def _content_uncached(units: list[Unit]) -> list[Span]:
    skip = skip_list()
    return [
        word
        for unit in units
        if unit.kind != "line"  # address lines are names and places
        for index, word in enumerate(unit.words)
        if _is_content(word.text, index, skip)
    ]


@lru_cache(maxsize=MAX_BLOCKS)
def _content_flags(kind: UnitKind, words: tuple[str, ...]) -> tuple[bool, ...]:
    if kind == "line":
        return (False,) * len(words)
    skip = skip_list()
    return tuple(_is_content(w, i, skip) for i, w in enumerate(words))


def content_words(units: list[Unit] | tuple[Unit, ...]) -> list[Span]:
    """The content words of these units, in order; per unit from the cache (the
    same unit text recurs in every letter of a template)."""
    if not _enabled:
        return _content_uncached(list(units))
    found: list[Span] = []
    for unit in units:
        flags = _content_flags(unit.kind, tuple(w.text for w in unit.words))
        found += [w for w, keep in zip(unit.words, flags, strict=True) if keep]
    return found


def clear() -> None:
    """Forget every block (for tests and after a change of the rules)."""
    _paragraphs.cache_clear()
    _content_flags.cache_clear()
    _relative_units.cache_clear()
    _block_matches.cache_clear()
    _long_forms.cache_clear()
    _runs_on.cache_clear()
