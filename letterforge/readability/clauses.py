"""Where clauses start: subordinate clauses and main-clause borders in a sentence.

Shared by the sub-clause rule, the long-sentence rule (where to split) and the
score, so the number a finding states is the number the rule counts. Regular
expressions, not a parser: Frog or Alpino would be exact but are far too slow for
every letter (readability-research.md §4). Written here because no Dutch
clause splitter exists as a small library.
"""

from __future__ import annotations

import re

# Conjunctions and relative adverbs that always open a subordinate clause.
# "indien en voor zover" is one opener, not two.
_ALWAYS = (
    r"indien\s+en\s+voor\s+zover|voor\s+zover|omdat|doordat|zodat|waardoor|"
    r"waarin|waarop|waarmee|waarvan|waarvoor|waaruit|waarbij|waarna|waartegen|"
    r"waarover|terwijl|nadat|voordat|zodra|hoewel|tenzij|opdat|aangezien|"
    r"indien|wanneer|mits|totdat|alsof|zolang"
)
# Words that only sometimes open one ("dat is", "die brief", "als u", "of"):
# they count after a comma, "als" also at the start of a sentence before a
# subject, and "dat", "die" and "welke" also when what follows
# is the start of a clause (a subject, an article, "door", a comma) rather than
# a noun ("dat besluit") or a verb ("dat is").
_AFTER_COMMA = r"dat|die|wat|of|als|welke"
_RELATIVE = r"dat|die|welke"
_CLAUSE_SUBJECT = (
    r"ik|u|wij|we|je|jij|hij|zij|ze|het|men|er|de|een|uw|mijn|zijn|haar|ons|onze|"
    r"hun|door|alsdan|dan|nu|niet|wel|ook|al|nog|zich"
)
SUBORDINATE = re.compile(
    rf"\b(?:{_ALWAYS})\b"
    rf"|^\s*als(?=\s+(?:{_CLAUSE_SUBJECT})\b)"  # "Als u vragen hebt, …"
    rf"|,\s+(?:{_AFTER_COMMA})\b"
    rf"|(?<=\w\s)(?:{_RELATIVE})(?=\s*,|\s+(?:{_CLAUSE_SUBJECT})\b)",
    re.IGNORECASE,
)

# A main-clause border: a semicolon, or "en", "maar", "want" or "dus" before a
# personal pronoun, which starts a sentence of its own ("en wij sturen u",
# "maar u krijgt"). Before a noun they join words ("burgemeester en
# wethouders"); after a comma, a word such as "waaronder" or "alsmede" starts
# no sentence, so those are no borders.
_PRONOUN = r"ik|u|wij|we|je|jij|hij|zij|ze|men"
MAIN_BORDER = re.compile(
    rf";\s+|,?\s+(?:en|maar|want|dus)\s+(?=(?:{_PRONOUN})\s)",
    re.IGNORECASE,
)


def subordinate_clauses(sentence: str) -> list[re.Match[str]]:
    """Every subordinate clause opener in `sentence`, in order."""
    return list(SUBORDINATE.finditer(sentence))
