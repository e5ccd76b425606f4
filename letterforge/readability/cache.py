"""A bounded cache of the units (sentences, headings, list items) of each block.

Most blocks of a letter are the template's own text and were split into sentences
and words a thousand times before; only the blocks with a name or an amount are
new. Splitting a block depends on nothing but the block's own text
(`text._block_units` reads only text[start:end]), so the units found once are
kept, relative to the block, and shifted to where the block stands in this text.
The result is exactly what `text.split_units` gives (tests/readability/test_cache.py).

Only this pure per-block result is cached: rules, glossary matches and scores
look at the whole text and are computed every time.
"""

from __future__ import annotations

from functools import lru_cache

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


def clear() -> None:
    """Forget every block (for tests and after a change of the rules)."""
    _relative_units.cache_clear()
