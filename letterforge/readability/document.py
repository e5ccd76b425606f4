"""A text prepared once for every rule: units, words, glossary matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from letterforge.readability.glossary import Glossary, Match
from letterforge.readability.report import Finding, Severity
from letterforge.readability.text import Span, Unit, paragraphs, split_units

EXCERPT_MAX = 80


@dataclass
class Document:
    text: str
    glossary: Glossary | None = None
    units: list[Unit] = field(init=False)
    # Results several rules share, worked out once per text.
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.units = split_units(self.text)

    @cached_property
    def sentences(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "sentence"]

    @cached_property
    def words(self) -> list[Span]:
        return [w for u in self.units for w in u.words]

    @cached_property
    def glossary_matches(self) -> list[Match]:
        return list(self.glossary.find(self.text)) if self.glossary else []

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

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
            rule, severity, message, start, end, self.excerpt(start, end), suggestion
        )
