"""Double negatives ("niet onmogelijk", "geen … niet") make readers stop and think."""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "dubbele-ontkenning"
# "zonder" is left out: "zonder die papieren kunnen wij niet …" is not a double
# negative to a reader.
_NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|niemand|nergens)\b", re.I)
_NOT_UN = re.compile(r"\b(?:niet|geen)\s+(?:on|in|non-)\w{4,}", re.I)
_CLAUSE = re.compile(r"[^,;:]+")
# Words starting with on-/in- that are not negations.
_NOT_NEGATIVE_PREFIX = re.compile(
    r"\b(?:niet|geen)\s+(?:ontvangen|ontvang|onder|onze|ons|inkomen|inkomsten|"
    r"informatie|in|ingevuld|ingediend|inleveren|ingeleverd|instemmen|ontslag)",
    re.I,
)


def _clauses(text: str, offset: int) -> Iterator[tuple[int, int, str]]:
    for match in _CLAUSE.finditer(text):
        yield offset + match.start(), offset + match.end(), match.group()


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        for start, end, clause in _clauses(unit.text, unit.start):
            negations = _NEGATION.findall(clause)
            not_un = _NOT_UN.search(clause) and not _NOT_NEGATIVE_PREFIX.search(clause)
            if len(negations) < 2 and not not_un:
                continue
            yield doc.finding(
                RULE,
                "error",
                (start, end),
                "Dubbele ontkenning: de lezer moet twee keer omdenken.",
                "Zeg het positief, bijvoorbeeld 'het kan' in plaats van 'het is niet "
                "onmogelijk'.",
            )
