"""The checker on a labelled set of public texts from outside Amsterdam.

tests/data/readability-checkset/ holds short quotations (sources and terms in its
SOURCE.md): texts that municipalities and the government publish as B1 examples,
officialese originals, and before/after rewrites. Issue 15's targets: at least 3 in
4 known-B1 texts meet B1, at most 1 in 10 officialese texts does, the rewrite scores
higher in at least 92 % of pairs, easy/hard ROC AUC at least 0.985, and every figure
beats textstat's Flesch-Douma on the same texts (Flesch-Douma's B1 line: 60, "fairly
easy" on its scale). Measured when written: 4 of 5 B1 texts meet B1 (Douma 2 of
5), 1 of 11 officialese texts does (Douma 2), the rewrite higher in 16 of 17 pairs
(Douma 11; the one miss is a tie), AUC 1.00
(Douma 0.84). The AUC is over the texts labelled B1 and officialese; a pair's sides
are only easier or harder than each other, so they are not pooled into it (pooled,
it is 0.82 since the third round, 0.84 before; Douma 0.71).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import textstat
import yaml

from letterforge.readability import Glossary, analyze

CHECKSET = (
    Path(__file__).resolve().parents[2]
    / "tests"
    / "data"
    / "readability-checkset"
    / "checkset.yaml"
)
DOUMA_B1 = 60.0
# Measured on this set when written (README, "Readability"); targets in the docstring.
B1_MET_FLOOR = 0.75
OFFICIALESE_MET_CEILING = 0.10
REWRITE_HIGHER_FLOOR = 0.92
AUC_FLOOR = 0.985


@cache
def checkset() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CHECKSET.read_text(encoding="utf-8"))
    return data


def texts(kind: str) -> list[str]:
    return [t["text"] for t in checkset()["texts"] if t["kind"] == kind]


def douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def auc(easy: list[float], hard: list[float]) -> float:
    """ROC AUC as the share of (easy, hard) pairs ordered right, ties as half."""
    right = sum((e > h) + 0.5 * (e == h) for e in easy for h in hard)
    return right / (len(easy) * len(hard))


def test_the_set_is_what_the_issue_asks_for() -> None:
    assert len(texts("b1")) >= 4
    assert len(texts("officialese")) >= 10
    pairs = checkset()["pairs"]
    assert len(pairs) >= 12
    assert not any("amsterdam" in p["source"] for p in pairs)
    sources = (CHECKSET.parent / "SOURCE.md").read_text(encoding="utf-8")
    for item in checkset()["texts"] + pairs:
        assert f"| {item['source']} |" in sources, item["id"]


def test_known_b1_texts_meet_b1(glossary: Glossary) -> None:
    b1 = texts("b1")
    ours = sum(analyze(t, glossary=glossary).meets_b1 for t in b1) / len(b1)
    baseline = sum(douma(t) >= DOUMA_B1 for t in b1) / len(b1)
    assert ours >= B1_MET_FLOOR, f"{ours:.2f}"
    assert ours > baseline, f"ours {ours:.2f}, Flesch-Douma {baseline:.2f}"


def test_officialese_does_not_meet_b1(glossary: Glossary) -> None:
    hard = texts("officialese")
    ours = sum(analyze(t, glossary=glossary).meets_b1 for t in hard) / len(hard)
    baseline = sum(douma(t) >= DOUMA_B1 for t in hard) / len(hard)
    assert ours <= OFFICIALESE_MET_CEILING, f"{ours:.2f}"
    assert ours < baseline, f"ours {ours:.2f}, Flesch-Douma {baseline:.2f}"


def test_the_rewrite_scores_higher(glossary: Glossary) -> None:
    pairs = checkset()["pairs"]
    ours = sum(
        analyze(p["after"], glossary=glossary).score
        > analyze(p["before"], glossary=glossary).score
        for p in pairs
    ) / len(pairs)
    baseline = sum(douma(p["after"]) > douma(p["before"]) for p in pairs) / len(pairs)
    assert ours >= REWRITE_HIGHER_FLOOR, f"{ours:.3f}"
    assert ours > baseline, f"ours {ours:.3f}, Flesch-Douma {baseline:.3f}"


def test_easy_and_hard_texts_are_told_apart(glossary: Glossary) -> None:
    easy, hard = texts("b1"), texts("officialese")
    ours = auc(
        [analyze(t, glossary=glossary).score for t in easy],
        [analyze(t, glossary=glossary).score for t in hard],
    )
    baseline = auc([douma(t) for t in easy], [douma(t) for t in hard])
    assert ours >= AUC_FLOOR, f"{ours:.3f}"
    assert ours > baseline, f"ours {ours:.3f}, Flesch-Douma {baseline:.3f}"
