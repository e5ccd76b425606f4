"""More than one subordinate clause in a sentence makes the reader hold too much."""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.clauses import subordinate_clauses
from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import MAX_SUBORDINATE_CLAUSES

RULE = "bijzinnen"


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        # The number stated is the number counted (clauses.py): every
        # subordinate clause, "welke"/"die"/"dat" clauses included.
        count = len(subordinate_clauses(unit.text))
        if count > MAX_SUBORDINATE_CLAUSES:
            yield doc.finding(
                RULE,
                "warning",
                (unit.start, unit.end),
                f"Deze zin heeft {count} bijzinnen. Houd het bij één.",
                "Maak van elke bijzin een eigen zin. Begin met wie iets doet.",
            )
