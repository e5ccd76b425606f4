"""Officialese from the glossary, with its B1 alternative, and "welke" used as a
relative pronoun ("de brief, welke u kreeg"), which a word list cannot tell from
the plain question word ("Welke papieren stuurt u?")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "ambtelijke-taal"
# After a comma, in a sentence that asks nothing, "welke" starts a relative
# clause: plain Dutch says "die" or "dat" there. Indirect questions ("Wij laten
# weten welke regels gelden") have no comma before it.
_RELATIVE_WELKE = re.compile(r",\s*(welke)\b", re.IGNORECASE)


def _relative_welke(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        if unit.text.rstrip().endswith("?"):
            continue
        for found in _RELATIVE_WELKE.finditer(unit.text):
            start = unit.start + found.start(1)
            yield doc.finding(
                RULE,
                "error",
                (start, start + len(found.group(1))),
                f"'{found.group(1)}' is ambtelijke taal.",
                "Schrijf: die, dat.",
            )


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
    if doc.glossary is not None:
        yield from _relative_welke(doc)
