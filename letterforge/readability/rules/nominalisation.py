"""Nominalisations: a verb turned into a noun ("de terugvordering van").

Only the pattern noun + "van" is flagged, with the verb as suggestion: on its own
many -ing words are ordinary nouns (woning, uitkering, rekening).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "naamwoordstijl"
_PATTERN = re.compile(
    r"\b(?:de|het|een|uw|onze)\s+((?:\w+)(?:ing|atie|itie|ering))\s+van\b", re.I
)
# Nouns ending like a nominalisation that people use as plain nouns.
_PLAIN_NOUNS = {
    "woning", "uitkering", "rekening", "regeling", "opleiding", "verzekering",
    "vergoeding", "vereniging", "leerling", "koning", "richting", "instelling",
    "omgeving", "ervaring", "betalingsregeling", "bijstandsuitkering", "informatie",
    "situatie", "organisatie", "politie", "periode", "kopie", "bijeenkomst",
    "voorziening", "maatwerkvoorziening", "ondersteuning", "begeleiding",
    "opvang", "afdeling", "meting", "tekening", "handtekening", "aflevering",
}  # fmt: skip
_VERBS = {
    "terugvordering": "wij vorderen … terug",
    "beëindiging": "wij stoppen …",
    "verstrekking": "wij geven …",
    "toekenning": "wij geven u …",
    "vaststelling": "wij stellen … vast",
    "ontvangst": "wij hebben … gekregen",
    "indiening": "u dient … in",
    "beslissing": "wij beslissen over …",
    "verrekening": "wij verrekenen …",
    "inschrijving": "u schrijft zich in",
    "wijziging": "… verandert",
    "verlenging": "wij verlengen …",
}


def verb_for(noun: str) -> str:
    lower = noun.lower()
    if lower in _VERBS:
        return _VERBS[lower]
    if lower.endswith("ing"):
        return f"een werkwoord: '{lower[:-3]}en'"
    return "een werkwoord"


def check(doc: Document) -> Iterator[Finding]:
    for match in _PATTERN.finditer(doc.text):
        noun = match.group(1)
        if noun.lower() in _PLAIN_NOUNS:
            continue
        yield doc.finding(
            RULE,
            "warning",
            (match.start(), match.end()),
            f"Naamwoordstijl: '{noun}' is een werkwoord dat een zelfstandig naamwoord"
            " werd.",
            f"Schrijf wie wat doet, met {verb_for(noun)}.",
        )
