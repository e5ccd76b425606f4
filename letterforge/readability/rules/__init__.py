"""B1 rules, one module each. Every rule is `check(doc) -> Iterator[Finding]`."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.rules import (
    abbreviations,
    auxiliary,
    capitals,
    double_negative,
    jargon,
    legal_reference,
    long_paragraph,
    long_sentence,
    long_word,
    nominalisation,
    officialese,
    passive,
    rare_word,
    subordinate_clauses,
)

Rule = Callable[[Document], Iterator[Finding]]
RULES: dict[str, Rule] = {
    long_sentence.RULE: long_sentence.check,
    subordinate_clauses.RULE: subordinate_clauses.check,
    passive.RULE: passive.check,
    nominalisation.RULE: nominalisation.check,
    officialese.RULE: officialese.check,
    jargon.RULE: jargon.check,
    rare_word.RULE: rare_word.check,
    long_word.RULE: long_word.check,
    abbreviations.RULE: abbreviations.check,
    double_negative.RULE: double_negative.check,
    legal_reference.RULE: legal_reference.check,
    long_paragraph.RULE: long_paragraph.check,
    auxiliary.RULE: auxiliary.check,
    capitals.RULE: capitals.check,
}
