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

from functools import lru_cache

from letterforge.readability.glossary import _TOKEN as GLOSSARY_TOKEN
from letterforge.readability.glossary import Entry, Glossary, Match
from letterforge.readability.text import Span, Unit, UnitKind, paragraphs
from letterforge.readability.text import _block_units as block_units

# About 50 blocks a letter and some hundred templates: 8192 blocks hold every
# template's own text with room for the blocks that change per letter.
MAX_BLOCKS = 8192

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
    blocks = paragraphs(text)
    if _spans_blocks(glossary, text, blocks):
        return list(glossary.find(text))
    return [
        Match(entry, start + first, start + last)
        for start, end in blocks
        for entry, first, last in _block_matches(glossary, text[start:end])
    ]


def clear() -> None:
    """Forget every block (for tests and after a change of the rules)."""
    _relative_units.cache_clear()
    _block_matches.cache_clear()
    _long_forms.cache_clear()
    _runs_on.cache_clear()
