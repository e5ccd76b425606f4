"""More than one subordinate clause in a sentence makes the reader hold too much."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import MAX_SUBORDINATE_CLAUSES

RULE = "bijzinnen"
# Words that open a subordinate clause. "dat", "die", "wat", "of" and "als" open one
# only after a comma, otherwise they are often something else ("dat is", "als u").
_OPENERS = re.compile(
    r"\b(?:omdat|doordat|zodat|waardoor|waarin|waarop|waarmee|waarvan|waarvoor|"
    r"terwijl|nadat|voordat|zodra|hoewel|tenzij|opdat|aangezien|indien|wanneer)\b"
    r"|,\s+(?:dat|die|wat|of|als|welke)\b",
    re.IGNORECASE,
)


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        clauses = _OPENERS.findall(unit.text)
        if len(clauses) > MAX_SUBORDINATE_CLAUSES:
            yield doc.finding(
                RULE,
                "warning",
                (unit.start, unit.end),
                f"Deze zin heeft {len(clauses)} bijzinnen. Houd het bij één.",
                "Maak van elke bijzin een eigen zin. Begin met wie iets doet.",
            )
