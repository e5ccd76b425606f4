"""A text prepared once for every rule: units, words, content words, glossary matches.

The features rules share are worked out here, once per text, so that rules read
them instead of importing each other. A Document is immutable: no rule can change
what another rule sees.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from letterforge.readability import cache
from letterforge.readability.glossary import Glossary, Match
from letterforge.readability.report import Finding, Severity
from letterforge.readability.text import Span, Unit
from letterforge.readability.thresholds import RULE_FEATURE

EXCERPT_MAX = 80


@dataclass(frozen=True)
class Document:
    """`text` must be normalised (text.normalise); offsets point into it."""

    text: str
    glossary: Glossary | None = None
    units: tuple[Unit, ...] = field(init=False)

    def __post_init__(self) -> None:
        # Units per block come from a bounded cache (cache.py); same result.
        object.__setattr__(self, "units", tuple(cache.split_units(self.text)))

    @cached_property
    def sentences(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "sentence"]

    @cached_property
    def sentence_lengths(self) -> list[int]:
        """Words per sentence; a text without sentences counts its other units."""
        return [len(u.words) for u in (self.sentences or self.units)] or [0]

    @cached_property
    def mean_sentence_length(self) -> float:
        return sum(self.sentence_lengths) / len(self.sentence_lengths)

    @cached_property
    def words(self) -> list[Span]:
        return [w for u in self.units for w in u.words]

    @cached_property
    def content_words(self) -> list[Span]:
        """Words that carry meaning: not names, numbers, address lines or the
        function words of lint-ii's skip-list (per unit from cache.py)."""
        return cache.content_words(self.units)

    @cached_property
    def glossary_spans(self) -> frozenset[tuple[int, int]]:
        return frozenset((m.start, m.end) for m in self.glossary_matches)

    def in_glossary(self, start: int, end: int) -> bool:
        """Whether the span lies inside a glossary match ("bijv" in "bijv.")."""
        spans = self._sorted_glossary_spans
        index = bisect.bisect_right(spans, (start, len(self.text) + 1)) - 1
        return index >= 0 and spans[index][0] <= start and end <= spans[index][1]

    @cached_property
    def _sorted_glossary_spans(self) -> list[tuple[int, int]]:
        return sorted(self.glossary_spans)

    @cached_property
    def glossary_matches(self) -> list[Match]:
        # Per block from a bounded cache (cache.py); same result.
        return cache.glossary_matches(self.glossary, self.text) if self.glossary else []

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return cache.paragraphs(self.text)

    def excerpt(self, start: int, end: int) -> str:
        piece = " ".join(self.text[start:end].split())
        if len(piece) <= EXCERPT_MAX:
            return piece
        return piece[: EXCERPT_MAX - 1].rstrip() + "…"

    def finding(
        self,
        rule: str,
        severity: Severity,
        span: tuple[int, int],
        message: str,
        suggestion: str,
    ) -> Finding:
        start, end = span
        return Finding(
            rule,
            severity,
            message,
            start,
            end,
            self.excerpt(start, end),
            suggestion,
            RULE_FEATURE.get(rule),
        )
