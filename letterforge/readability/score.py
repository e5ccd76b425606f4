"""Metrics, the 0-100 score and the level estimate.

The score combines the signals that expert editors of Dutch municipal text change
most (readability-research.md, Amsterdam pairs): sentence length, passives,
nominalisations, officialese, subordinate clauses and word difficulty (SUBTLEX
frequency, syllables). The weights were set by hand against the expert-edited
pairs in tests/data/amsterdam-dev.csv (see tests/readability/test_calibration.py);
they are a transparent sum, not a fitted model. Level bands are our convention:
no validated CEFR mapping for Dutch native-reader text exists.
"""

from __future__ import annotations

from collections import Counter
from statistics import fmean

from letterforge.readability.document import Document
from letterforge.readability.lexicon import zipf
from letterforge.readability.report import Finding, Level
from letterforge.readability.rules.rare_word import content_words
from letterforge.readability.syllables import syllables

LEVEL_BANDS: tuple[tuple[int, Level], ...] = ((90, "A2"), (70, "B1"), (50, "B2"))
B1_MAX_AVERAGE_SENTENCE = 15.0
FLESCH_DOUMA = (206.84, 0.77, 0.93)


def _per_sentence(findings: list[Finding], sentences: int) -> dict[str, float]:
    counts = Counter(f.rule for f in findings if f.severity != "hint")
    return {rule: count / sentences for rule, count in counts.items()}


def metrics(doc: Document, findings: list[Finding]) -> dict[str, float]:
    units = doc.sentences or doc.units
    words = [w for u in units for w in u.words]
    sentence_count = max(len(units), 1)
    word_count = max(len(words), 1)
    content = [zipf(w.text) for w in content_words(doc)]
    syllable_total = sum(syllables(w.text) for w in words if w.text[0].isalpha())
    asl = word_count / sentence_count
    spw = syllable_total / word_count
    per_sentence = _per_sentence(findings, sentence_count)
    return {
        "woorden": float(len(doc.words)),
        "zinnen": float(len(units)),
        "gemiddelde_zinslengte": round(asl, 2),
        "lange_zinnen_aandeel": round(
            sum(len(u.words) > 15 for u in units) / sentence_count, 3
        ),
        "lettergrepen_per_woord": round(spw, 3),
        "woordfrequentie": round(fmean(content), 3) if content else 0.0,
        "moeilijke_woorden_aandeel": round(
            sum(z < 3.0 for z in content) / len(content), 3
        )
        if content
        else 0.0,
        "lijdende_vorm_per_zin": round(per_sentence.get("lijdende-vorm", 0.0), 3),
        "naamwoordstijl_per_zin": round(per_sentence.get("naamwoordstijl", 0.0), 3),
        "ambtelijk_per_zin": round(per_sentence.get("ambtelijke-taal", 0.0), 3),
        "bijzinnen_per_zin": round(per_sentence.get("bijzinnen", 0.0), 3),
        "flesch_douma": round(
            FLESCH_DOUMA[0] - FLESCH_DOUMA[1] * spw * 100 - FLESCH_DOUMA[2] * asl, 1
        ),
    }


def score(m: dict[str, float]) -> int:
    """0-100, higher is easier: 100 minus a penalty per signal.

    Syllables per word carry no weight: on the expert pairs they pick the simpler
    side only 59% of the time (they are still reported as a metric).
    """
    penalty = (
        1.5 * max(0.0, m["gemiddelde_zinslengte"] - 10)
        + 15 * m["lange_zinnen_aandeel"]
        + 16 * max(0.0, 4.8 - m["woordfrequentie"]) * (m["woordfrequentie"] > 0)
        + 10 * m["moeilijke_woorden_aandeel"]
        + 25 * m["lijdende_vorm_per_zin"]
        + 10 * m["naamwoordstijl_per_zin"]
        + 17 * m["ambtelijk_per_zin"]
        + 6 * m["bijzinnen_per_zin"]
    )
    return max(0, min(100, round(100 - penalty)))


def level(value: int) -> Level:
    for threshold, name in LEVEL_BANDS:
        if value >= threshold:
            return name
    return "C1"
