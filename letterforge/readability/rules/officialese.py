"""Officialese from the glossary, with its B1 alternative."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "ambtelijke-taal"


def check(doc: Document) -> Iterator[Finding]:
    for match in doc.glossary_matches:
        entry = match.entry
        if entry.kind != "ambtelijk":
            continue
        found = doc.text[match.start : match.end]
        yield doc.finding(
            RULE,
            "hint" if entry.may_stay else "error",
            (match.start, match.end),
            f"'{found}' is ambtelijke taal.",
            f"Schrijf: {entry.alternative}.",
        )
