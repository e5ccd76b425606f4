"""The named features of a text that the score weighs, and which rule raises which.

Each feature is a number per text with a direction: "hard" features make a text
harder as they grow, "easy" ones easier (the sign of their weight is fixed by this,
after readability-research.md; the size is fitted, see score.py). Rules report
which feature a finding raises, so a reader can trace a score to the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from letterforge.readability.document import Document
from letterforge.readability.lexicon import zipf
from letterforge.readability.report import Finding
from letterforge.readability.thresholds import RARE_ZIPF

Direction = Literal["hard", "easy"]


@dataclass(frozen=True)
class Feature:
    name: str
    direction: Direction
    label: str  # Dutch, for people reading the report
    unit: str


FEATURES: tuple[Feature, ...] = (
    Feature("zinslengte", "hard", "gemiddelde zinslengte", "woorden per zin"),
    Feature("langste_zin", "hard", "langste zin", "woorden"),
    Feature("bijzinnen", "hard", "bijzinnen en komma's", "per zin"),
    Feature("lijdende_vorm", "hard", "lijdende vorm", "per zin"),
    Feature("naamwoordstijl", "hard", "naamwoordstijl", "per zin"),
    Feature("ambtelijk", "hard", "ambtelijke woorden", "per 100 woorden"),
    Feature("woordbekendheid", "easy", "bekendheid van de woorden", "Zipf"),
    Feature("alle_woorden_bekend", "easy", "bekendheid van alle woorden", "Zipf"),
    Feature("zeldzame_woorden", "hard", "zeldzame woorden", "per 100 woorden"),
    Feature("aanspreken", "easy", "lezer aanspreken (u, wij, je)", "per 100 woorden"),
    Feature("woordlengte", "hard", "woordlengte", "letters per woord"),
    # Added in the second round (issue 15), each after a plain-language source:
    # "schrijf getallen in cijfers" (B1 guides), reading interruptions by brackets,
    # dashes, colons and slashes, "voorzetselstijl" (Renkema; RUG), and "geen
    # 'zullen'" / few auxiliaries (readability-research.md §1; IJsselstein, Dijk en
    # Waard). Selected and measured by tools/fit_readability_weights.py.
    Feature("getallen", "easy", "getallen in cijfers", "per 100 woorden"),
    Feature("leestekens", "hard", "haakjes, streepjes en dubbele punten", "per zin"),
    Feature("voorzetsels", "hard", "voorzetsels", "per 100 woorden"),
    Feature("hulpwerkwoorden", "hard", "hulpwerkwoord 'zullen'", "per zin"),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)

# Words that address the reader or speak as the municipality.
_ADDRESS = frozenset("u uw wij we ons onze je jij jou jouw jullie".split())
# What opens a clause: a comma or semicolon, or a subordinating conjunction.
CLAUSE_OPENERS = re.compile(
    r"\b(?:omdat|doordat|zodat|waardoor|waarin|waarop|waarmee|waarvan|waarvoor|"
    r"terwijl|nadat|voordat|zodra|hoewel|tenzij|opdat|aangezien|indien|wanneer)\b"
    r"|,\s+(?:dat|die|wat|of|als|welke)\b",
    re.IGNORECASE,
)
# Prepositions: many of them make "voorzetselstijl" ("in het kader van de
# uitvoering van"), a mark of officialese.
_PREPOSITIONS = frozenset(
    """van voor in op aan met door naar bij uit over tot om tegen onder tussen na
    sinds vanuit volgens tijdens betreffende inzake middels omtrent jegens""".split()
)
# Marks that interrupt reading: brackets, dashes, colons, semicolons, slashes.
_INTERRUPTIONS = "()–-:;/"
# A text without content words (a heading of names) is neither easy nor hard.
NEUTRAL_ZIPF = 5.0


def _count(findings: Iterable[Finding], rule: str) -> float:
    """Sure findings count 1, hints (rules that are not sure) a half."""
    return sum(1.0 if f.severity != "hint" else 0.5 for f in findings if f.rule == rule)


def measure(doc: Document, findings: list[Finding]) -> dict[str, float]:
    """Every feature of FEATURES for this text, plus counts (woorden, zinnen)."""
    units = doc.sentences or list(doc.units)
    lengths = doc.sentence_lengths
    sentences = max(len(units), 1)
    words = [w.text for u in units for w in u.words]
    lowered = [w.lower() for w in words]
    per_100 = 100.0 / max(len(words), 1)
    content = [zipf(w.text) for w in doc.content_words]
    letters = [len(w) for w in words if w[0].isalpha()]
    # Every word, function words too: any change of wording moves this a little,
    # so two different texts rarely tie.
    every = [zipf(w.lower()) for w in words if w[0].isalpha()]
    clauses = sum(
        len(CLAUSE_OPENERS.findall(u.text)) + u.text.count(",") + u.text.count(";")
        for u in units
    )
    return {
        "woorden": float(len(doc.words)),
        "zinnen": float(len(units)),
        "zinslengte": doc.mean_sentence_length,
        "langste_zin": float(max(lengths)),
        "bijzinnen": clauses / sentences,
        "lijdende_vorm": _count(findings, "lijdende-vorm") / sentences,
        "naamwoordstijl": _count(findings, "naamwoordstijl") / sentences,
        "ambtelijk": _count(findings, "ambtelijke-taal") * per_100,
        "woordbekendheid": fmean(content) if content else NEUTRAL_ZIPF,
        "alle_woorden_bekend": fmean(every) if every else NEUTRAL_ZIPF,
        "zeldzame_woorden": sum(z < RARE_ZIPF for z in content) * per_100,
        "aanspreken": sum(w in _ADDRESS for w in lowered) * per_100,
        "woordlengte": fmean(letters) if letters else 0.0,
        "getallen": sum(w[0].isdigit() or w[0] == "€" for w in words) * per_100,
        "leestekens": sum(u.text.count(c) for u in units for c in _INTERRUPTIONS)
        / sentences,
        "voorzetsels": sum(w in _PREPOSITIONS for w in lowered) * per_100,
        "hulpwerkwoorden": _count(findings, "hulpwerkwoord") / sentences,
    }
