"""The auxiliary "zullen": "wij zullen u bellen" is "wij bellen u" made heavier.

Plain-language guides ask for as few auxiliaries as possible and name "zullen"
(readability-research.md §1; gemeente IJsselstein "geen 'worden' en 'zullen'",
Dijk en Waard "we bellen u"). Sometimes the future is meant, so this is a hint.
"""

from __future__ import annotations

from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding

RULE = "hulpwerkwoord"
ZULLEN = frozenset("zal zult zullen zou zoudt zouden".split())


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences or doc.units:
        for word in unit.words:
            if word.text.lower() in ZULLEN:
                yield doc.finding(
                    RULE,
                    "hint",
                    (word.start, word.end),
                    f"'{word.text}' maakt de zin zwaarder.",
                    "Schrijf het werkwoord zelf: 'wij bellen u' in plaats van"
                    " 'wij zullen u bellen'.",
                )
