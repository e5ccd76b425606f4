"""Domain terms may stay, but the letter must explain each one once."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.glossary import Match
from letterforge.readability.report import Finding
from letterforge.readability.rules.explanation import Explanations

RULE = "vakterm"


def check(doc: Document) -> Iterator[Finding]:
    terms = [m for m in doc.glossary_matches if m.entry.kind == "vakterm"]
    explanations = Explanations(doc)
    first: dict[str, Match] = {}
    explained: set[str] = set()
    for match in terms:
        first.setdefault(match.entry.term, match)
        if explanations.attached(match.start, match.end) or explanations.by_next(
            match.start
        ):
            explained.add(match.entry.term)
    for term, match in first.items():
        if term in explained:
            continue
        yield doc.finding(
            RULE,
            "warning",
            (match.start, match.end),
            f"'{doc.text[match.start : match.end]}' is een vakterm."
            " Leg die één keer uit.",
            f"Bijvoorbeeld: {match.entry.explanation}.",
        )
