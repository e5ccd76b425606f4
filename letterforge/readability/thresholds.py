"""Every threshold the checker uses, written once (rules, score and level read these).

Sources: readability-research.md (B1 practice of Dutch plain-language guides, LiNT-II
for word frequency). Rules import this module, never each other.
"""

from __future__ import annotations

from typing import Final

from letterforge.readability.report import Level

# Sentences: B1 practice is 10-15 words on average; over 15 is a warning, over 20
# an error. The average of the whole text must stay at 15 or below.
SENTENCE_WARN_ABOVE: Final = 15
SENTENCE_ERROR_ABOVE: Final = 20
B1_MAX_AVERAGE_SENTENCE: Final = 15.0
# Guides ask to alternate short and long sentences (Dijk en Waard; research §1),
# and call an average of 12 or less fine (research §2). In a text that does so, a
# sentence of 16-20 words is that rhythm, not a problem: it is flagged only when
# the text's average is above this. Over 20 words is always an error.
SENTENCE_AVERAGE_OK: Final = 12.0

# Words: the line between words most adults know and rare words, Zipf 2.5 in
# SUBTLEX-NL (LiNT's line; LiNT-II uses 3). Measured on lemma families (lexicon.py):
# at 3 common words such as "vinkje" (via "vink", 2.76) were "rare", false alarms
# for a communication team; 2.5 also fitted the Amsterdam pairs better when chosen
# (CV 0.832 against 0.828, tools/fit_readability_weights.py). One line for the
# rare-word rule, the compound lookup and the score.
RARE_ZIPF: Final = 2.5
# A word of lexicon.known_words(): as familiar as a word most adults know but
# rarely meet (Zipf 3, the lexicon's own scale), so never rare.
KNOWN_ZIPF: Final = 3.0
UNKNOWN_ZIPF: Final = 1.36  # LiNT-II's value for words missing from SUBTLEX
MIN_CONTENT_LETTERS: Final = 4  # shorter words are function words or names
LONG_WORD_SYLLABLES: Final = 5  # hint above this; compounds are common in Dutch
MAX_LOOKUP_LETTERS: Final = 60  # longer "words" are not looked up piece by piece

# Structure.
MAX_SUBORDINATE_CLAUSES: Final = 1
PARAGRAPH_MAX_WORDS: Final = 120  # about six lines

# Score 0-100 (higher is easier) to level: our convention, documented in score.py.
LEVEL_BANDS: Final[tuple[tuple[float, Level], ...]] = (
    (90.0, "A2"),
    (70.0, "B1"),
    (50.0, "B2"),
)
B1_MIN_SCORE: Final = 70.0

# Which feature each rule's findings raise (rules without one do not count in the
# score; they still decide meets_b1 when they are errors).
RULE_FEATURE: Final[dict[str, str]] = {
    "lange-zin": "zinslengte",
    "bijzinnen": "bijzinnen",
    "lijdende-vorm": "lijdende_vorm",
    "naamwoordstijl": "naamwoordstijl",
    "ambtelijke-taal": "ambtelijk",
    "moeilijk-woord": "zeldzame_woorden",
    "vakterm": "woordbekendheid",
    "afkorting": "woordbekendheid",
    "lang-woord": "woordlengte",
    "gemiddelde-zinslengte": "zinslengte",
    "hulpwerkwoord": "hulpwerkwoorden",
}
