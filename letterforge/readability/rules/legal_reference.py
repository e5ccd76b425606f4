"""Bare legal references: "artikel 58 lid 2" tells a resident nothing without the
rule in plain words. A reference is fine when plain words follow after a colon
("Participatiewet, artikel 58: wanneer wij bijstand terugvorderen")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "wetsartikel"
# One article number ("43", "4:112", "58a", "4.1", "2.3.5") and a list of them
# ("11, 17 en 43", "62 tot en met 62h"), so a whole reference is one span, not
# its first number.
_NUMBER = r"\d+[a-z]{0,2}(?:[.:]\d+[a-z]{0,2})*"
_LIST = (
    rf"{_NUMBER}(?:\s*,\s*{_NUMBER})*(?:\s+(?:en|tot\s+en\s+met|tot|t/m)\s+{_NUMBER})?"
)
_NUMBERS = r"\d+\w*(?:\s*(?:,|en)\s*\d+\w*)*"  # "lid 2 en 3"
_LETTERS = r"[a-z]\b(?:\s*(?:,|en)\s*[a-z]\b)*"  # "onder a en b"
_ORDINAL = r"(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste)\s+lid"
_PARTS = (
    rf"(?:,?\s+(?:(?:lid|leden)\s+{_NUMBERS}|(?:onder|sub)\s+{_LETTERS}|{_ORDINAL}))*"
)
_LAW = (
    r"(?:,?\s+(?:van\s+(?:de|het)\s+)?(?:Participatiewet|Awb|Algemene\s+wet\s+"
    r"bestuursrecht|Wmo(?:\s+2015)?|Pw|[A-Z]\w*wet\b(?:\s+\d{4})?|wet))?"
)
_REFERENCE = re.compile(
    rf"\b(?:artikel(?:en)?|art\.)\s*{_LIST}{_PARTS}{_LAW}"
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
