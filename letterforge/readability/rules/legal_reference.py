"""Bare legal references: "artikel 58 lid 2" tells a resident nothing without the
rule in plain words. A reference is fine when plain words follow after a colon
("Participatiewet, artikel 58: wanneer wij bijstand terugvorderen")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "wetsartikel"
_REFERENCE = re.compile(
    r"\b(?:artikel(?:en)?|art\.)\s*\d+[a-z]{0,2}(?::\d+[a-z]?)?"
    r"(?:,?\s+(?:lid|onder)\s+\d+\w*)*(?:\s+(?:en|tot)\s+\d+[a-z]{0,2}(?::\d+[a-z]?)?)*"
    r"(?:\s+(?:van\s+de\s+)?(?:Participatiewet|Awb|Algemene\s+wet\s+bestuursrecht|"
    r"Wmo(?:\s+2015)?|Pw|wet))?"
    r"|\b\d+:\d+[a-z]?\s+(?:Awb|BW)\b",
    re.IGNORECASE,
)


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.units:
        for match in _REFERENCE.finditer(unit.text):
            rest = unit.text[match.end() :].lstrip()
            if rest.startswith(":"):
                continue
            start = unit.start + match.start()
            yield doc.finding(
                RULE,
                "warning",
                (start, start + len(match.group())),
                f"'{match.group()}' zegt de lezer weinig zonder uitleg.",
                "Zeg eerst in gewone woorden wat de regel is. Zet het artikel in de"
                " bijlage 'Welke regels gelden?'.",
            )
