"""Double negatives ("niet onmogelijk", "geen … niet") make readers stop and think.

"niet"/"geen" before a negated adjective ("niet onredelijk", "geen onbekende") is a
warning. A word only counts as negated when it is "on-"/"in-" + a word readers know
+ an adjective ending: "onmiddellijk" ("middellijk" is no word), "onkosten" and
"ongeval" (nouns: on- does not negate them), "ingevuld" (a participle) are not.
Two negations in one clause are often a double negative, but a clause boundary
without a comma ("geen geld als u niet werkt") fools us, so that is only a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.lexicon import own_zipf
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import RARE_ZIPF

RULE = "dubbele-ontkenning"
# "zonder" is left out: "zonder die papieren kunnen wij niet …" is not a double
# negative to a reader.
_NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|niemand|nergens)\b", re.I)
_NOT_PREFIXED = re.compile(r"\b(?:niet|geen)\s+((on|in)(\w{4,}))", re.I)
_ADJECTIVE_END = {
    "on": ("ijk", "ijke", "baar", "bare", "ig", "ige", "isch", "ische", "zaam",
           "zame", "d", "de", "t", "te", "s", "se"),
    "in": ("baar", "bare", "lijk", "lijke", "ief", "ieve", "eel", "ele", "aal",
           "ale", "ent", "ente", "ant", "ante", "isch", "ische"),
}  # fmt: skip
_CLAUSE = re.compile(r"[^,;:]+")


def negated_adjective(word: str, prefix: str, rest: str) -> bool:
    """ "onredelijk": on- + a known word + an adjective ending."""
    lower, rest = word.lower(), rest.lower()
    return (
        lower.endswith(_ADJECTIVE_END[prefix.lower()]) and own_zipf(rest) >= RARE_ZIPF
    )


def _clauses(text: str, offset: int) -> Iterator[tuple[int, int, str]]:
    for match in _CLAUSE.finditer(text):
        yield offset + match.start(), offset + match.end(), match.group()


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        for start, end, clause in _clauses(unit.text, unit.start):
            sure = any(
                negated_adjective(m.group(1), m.group(2), m.group(3))
                for m in _NOT_PREFIXED.finditer(clause)
            )
            if not sure and len(_NEGATION.findall(clause)) < 2:
                continue
            yield doc.finding(
                RULE,
                "warning" if sure else "hint",
                (start, end),
                "Dubbele ontkenning: de lezer moet twee keer omdenken."
                if sure
                else "Misschien een dubbele ontkenning: staan er twee ontkenningen"
                " in één zinsdeel?",
                "Zeg het positief, bijvoorbeeld 'het kan' in plaats van 'het is niet "
                "onmogelijk'.",
            )
