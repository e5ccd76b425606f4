"""Domain terms may stay, but the letter must explain each one once."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.glossary import Match
from letterforge.readability.report import Finding

RULE = "vakterm"
# How a letter explains a term: "Dit heet de kostendelersnorm", "bezwaar: dat
# betekent …", "beslagvrije voet (het deel dat u …)".
_EXPLAINS = re.compile(
    r"\b(?:dit|dat|die|wat)\s+(?:heet|noemen\s+wij|betekent|is|zijn|wil\s+zeggen)\b"
    r"|\bheet\s+(?:dit|dat)\b|\bbetekent\b",
    re.IGNORECASE,
)
_DEFINES = re.compile(r"\s+(?:is|zijn|betekent|heet|wil\s+zeggen)\s")
NEAR = 160  # characters around the term that an explanation may use


def _explained(doc: Document, match: Match) -> bool:
    after = doc.text[match.end : match.end + 3]
    if after.startswith((":", " (", " –", " -")):
        return True
    if _DEFINES.match(doc.text, match.end):
        return True
    # A line such as "Participatiewet, artikel 11: wie recht heeft op bijstand."
    rest_of_line = doc.text[match.end : match.end + 40].split("\n", 1)[0]
    if ": " in rest_of_line:
        return True
    window = doc.text[max(0, match.start - NEAR) : match.end + NEAR]
    return bool(_EXPLAINS.search(window))


def check(doc: Document) -> Iterator[Finding]:
    first: dict[str, Match] = {}
    explained: set[str] = set()
    for match in doc.glossary_matches:
        if match.entry.kind != "vakterm":
            continue
        first.setdefault(match.entry.term, match)
        if _explained(doc, match):
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
