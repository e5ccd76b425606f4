"""Domain terms may stay, but the letter must explain each one once.

A term that is the name the law gives a tax or levy (glossary `wettelijke_naam`,
such as "afvalstoffenheffing") must stay as it is, and residents meet it on every
tax bill: explaining it is a tip, not a warning."""

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
        shown = doc.text[match.start : match.end]
        if match.entry.legal_name:
            yield doc.finding(
                RULE,
                "hint",
                (match.start, match.end),
                f"'{shown}' is de naam van een belasting in de wet. Die naam mag"
                " blijven; leg hem één keer uit als de lezer hem niet kent.",
                f"Bijvoorbeeld: {match.entry.explanation}.",
            )
            continue
        yield doc.finding(
            RULE,
            "warning",
            (match.start, match.end),
            f"'{shown}' is een vakterm. Leg die één keer uit.",
            f"Bijvoorbeeld: {match.entry.explanation}.",
        )
