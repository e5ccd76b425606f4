"""The named features of a text that the score weighs, and which rule raises which.

Each feature is a number per text with a direction: "hard" features make a text
harder as they grow, "easy" ones easier (the sign of their weight is fixed by this,
after readability-research.md; the size is fitted, see score.py). Rules report
which feature a finding raises, so a reader can trace a score to the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from letterforge.readability.clauses import subordinate_clauses
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
    # Added in the third round (issue 15), both continuous, so small edits move them:
    # nominalisations by T-Scan's suffix list (readability-research.md §2.3; on the
    # Amsterdam pairs 77% of differing pairs lose some), and the familiarity of the
    # rarest quarter of the content words (SUBTLEX-NL lower quartile, LiNT's
    # frequency measure without a rare/not-rare cut: one hard word weighs more than
    # in the mean), and sentences that start with who does it (a personal pronoun
    # first: the subject next to its verb). Selected and measured by
    # tools/fit_readability_weights.py.
    Feature(
        "nominalisaties",
        "hard",
        "zelfstandige naamwoorden van werkwoorden",
        "per 100 woorden",
    ),  # fmt: skip
    Feature(
        "minst_bekende_woorden", "easy", "bekendheid van de moeilijkste woorden", "Zipf"
    ),  # fmt: skip
    Feature("wie_eerst", "easy", "zinnen die beginnen met wie het doet", "per zin"),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)

# Where the direction (the sign of each weight) comes from; written into
# data/weights.json by tools/fit_readability_weights.py. "research" is
# ../shared/reference/readability-research.md.
SOURCES: dict[str, str] = {
    "zinslengte": "B1 guides, 10-15 words per sentence (research §1); LiNT",
    "langste_zin": "B1 guides flag sentences over 15-20 words (research §1; Yoast)",
    "bijzinnen": "at most one subordinate clause (hvds.nl); LiNT content words "
    "per clause (research §2.1)",
    "lijdende_vorm": "active voice, no 'worden' (hvds.nl; Yoast); 99% of Amsterdam "
    "pairs that differ lose a passive (research §6)",
    "naamwoordstijl": "verbs instead of nominalisations (B1 guides; research §6)",
    "ambtelijk": "no officialese (B1 guides; glossary/)",
    "woordbekendheid": "mean SUBTLEX-NL Zipf of content words (LiNT, research §2.1)",
    "alle_woorden_bekend": "SUBTLEX-NL Zipf of all words (research §5)",
    "zeldzame_woorden": "share of words under Zipf 3 (LiNT-II, research §2.2)",
    "aanspreken": "address the reader with u and wij (B1 guides; research §1)",
    "woordlengte": "long words are hard (b1teksten.nl; research §1)",
    "getallen": "write numbers in digits (radar.org; Dijk en Waard; research §1)",
    "leestekens": "brackets, dashes and colons interrupt reading (B1 guides)",
    "voorzetsels": "'voorzetselstijl' marks officialese (Renkema; RUG)",
    "hulpwerkwoorden": "few auxiliaries, no 'zullen' (hvds.nl; Dijk en Waard)",
    "nominalisaties": "T-Scan's nominalisation suffixes (research §2.3); 77% of "
    "differing Amsterdam pairs lose some (research §6)",
    "wie_eerst": "begin with who does it (B1 guides); subject next to its verb, a "
    "short dependency (LiNT's SDL, research §2.1-2.2)",
    "minst_bekende_woorden": "SUBTLEX-NL Zipf of the rarest content words, lower "
    "quartile (LiNT frequency without a rare/not-rare cut; research §2.1, §5)",
}

# Personal pronouns: a sentence that starts with one starts with who does it,
# next to the verb ("U hoeft niet te komen", not "Dan hoeft u niet te komen").
_PERSONAL = frozenset("ik u wij we je jij hij zij ze".split())
# Words that address the reader or speak as the municipality.
_ADDRESS = frozenset("u uw wij we ons onze je jij jou jouw jullie".split())
# Prepositions: many of them make "voorzetselstijl" ("in het kader van de
# uitvoering van"), a mark of officialese.
_PREPOSITIONS = frozenset(
    """van voor in op aan met door naar bij uit over tot om tegen onder tussen na
    sinds vanuit volgens tijdens betreffende inzake middels omtrent jegens""".split()
)
# Nominalisation suffixes (T-Scan, readability-research.md §2.3; without -te and
# -de, which end too many ordinary words), with their plurals.
_NOMINAL_SUFFIXES = (
    "ing", "ingen", "sel", "sels", "nis", "nissen", "heid", "heden", "schap",
    "schappen", "dom", "sie", "sies", "tie", "ties", "iek", "ieken", "iteit",
    "iteiten", "isme", "ismen", "age", "ages", "ose", "ase", "ese", "esse",
)  # fmt: skip
_NOMINAL_MIN_LETTERS = 6  # shorter words are stems ("ring", "ding", "tie")
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
    ranked = sorted(content)
    content_lower = [w.text.lower() for w in doc.content_words]
    letters = [len(w) for w in words if w[0].isalpha()]
    # Every word, function words too: any change of wording moves this a little,
    # so two different texts rarely tie.
    every = [zipf(w.lower()) for w in words if w[0].isalpha()]
    clauses = sum(
        len(subordinate_clauses(u.text)) + u.text.count(",") + u.text.count(";")
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
        "nominalisaties": sum(
            len(w) >= _NOMINAL_MIN_LETTERS and w.endswith(_NOMINAL_SUFFIXES)
            for w in content_lower
        )
        * per_100,
        # The lower quartile (nearest rank), not interpolated: a real word's Zipf.
        "wie_eerst": sum(
            bool(u.words) and u.words[0].text.lower() in _PERSONAL for u in units
        )
        / sentences,
        "minst_bekende_woorden": ranked[len(ranked) // 4] if ranked else NEUTRAL_ZIPF,
    }
