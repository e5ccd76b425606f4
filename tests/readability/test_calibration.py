"""Calibration on expert-edited Dutch municipal sentence pairs (tests/data/SOURCE.md).

The score's weights are fitted by tools/fit_readability_weights.py; this test runs
the same grouped cross-validation (5 folds by document, ties counted as half) and
holds the figures it measured, so a change that makes the score worse fails here.
Issue 15's targets are 0.82 (stretch 0.85) and at most 2% ties, leak-free:
everything learned from these pairs (weights, references, spreads and the glossary
entries found in them) is learned inside each training fold. Measured in the third
round: 0.826 with 1.6% ties (0.829 and 1.5% with the whole glossary in every
fold). Fourth round (review adviser 2: no passive for "is vervelend", officialese
added to the glossary): 0.826 with 1.9% ties (0.827 and 1.4% with the whole
glossary; 0.827 and 1.8% after the last passive fix, within the test's
margins). The tie share moves a few tenths with any word-list change, since a
tie is one pair of 945 whose two scores round to the same tenth.
The bounds below are that measurement, rounded a little for the optimiser's
last digits; both are within the targets.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import textstat

from letterforge.readability import Glossary, analyze
from letterforge.readability.score import shown

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "amsterdam-dev.csv"
CV_FLOOR = 0.824
TIES_CEILING = 0.0195
TARGET_CV = 0.82
TARGET_TIES = 0.02


def pairs() -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return [(row["Complex"], row["Simple"]) for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def fitter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fit_readability_weights", ROOT / "tools" / "fit_readability_weights.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ties_as_half(hard: list[float], easy: list[float]) -> float:
    wins = sum((e > h) + 0.5 * (e == h) for h, e in zip(hard, easy, strict=True))
    return wins / len(hard)


@pytest.fixture(scope="module")
def leak_free(fitter: ModuleType) -> tuple[float, float]:
    result: tuple[float, float] = fitter.cross_validate_leak_free()
    return result


def test_leak_free_grouped_cross_validation_meets_the_targets(
    leak_free: tuple[float, float],
) -> None:
    cv, ties = leak_free
    assert cv >= CV_FLOOR >= TARGET_CV, f"{cv:.3f}"
    assert ties <= TIES_CEILING <= TARGET_TIES, f"{ties:.3%}"


def test_the_whole_glossary_in_every_fold_is_no_better_than_measured(
    fitter: ModuleType,
) -> None:
    # The leaky variant, for comparison: the leak-free figure is the one stated.
    cv, ties = fitter.cross_validate(*fitter.load())
    assert cv >= CV_FLOOR, f"{cv:.3f}"
    assert ties <= TIES_CEILING, f"{ties:.3%}"


REMOVED = ("Dit kost circa tien euro.", "Dit kost ongeveer tien euro.")
KEPT = ("Dit kost circa tien euro.", "Het kost circa tien euro.")
ABSENT = ("Dit kost tien euro.", "Het kost tien euro.")


@pytest.mark.parametrize(
    ("pairs", "documents", "learned"),
    [
        ([REMOVED] * 3, [1, 2, 2], True),  # 3 pairs, 2 documents: learned
        ([REMOVED] * 3, [1, 1, 1], False),  # one document only
        ([REMOVED] * 2 + [ABSENT], [1, 2, 3], False),  # removed twice only
        ([REMOVED] * 3 + [KEPT] * 3, [1, 2, 3, 4, 5, 6], False),  # kept as often
        ([REMOVED] * 4 + [KEPT] * 3, [1, 2, 3, 4, 5, 6, 7], True),
    ],
)
def test_glossary_entries_from_the_pairs_are_learned_from_the_given_pairs_only(
    fitter: ModuleType,
    pairs: list[tuple[str, str]],
    documents: list[int],
    learned: bool,
) -> None:
    groups = np.array(documents)
    terms = {e.term for e in fitter.learned_from(pairs, groups, range(len(pairs)))}
    assert ("circa" in terms) is learned
    # Pairs outside the training indices teach nothing.
    assert "circa" not in {e.term for e in fitter.learned_from(pairs, groups, range(1))}


def test_shipped_weights_say_how_they_were_made(
    leak_free: tuple[float, float],
) -> None:
    data = json.loads(
        (
            resources.files("letterforge.readability") / "data" / "weights.json"
        ).read_text(encoding="utf-8")
    )
    made = data["provenance"]
    assert made["grouped_cv_accuracy_ties_half"] >= CV_FLOOR
    assert abs(made["grouped_cv_accuracy_ties_half"] - leak_free[0]) < 0.005
    assert abs(made["grouped_cv_tie_share"] - leak_free[1]) < 0.003  # up to date
    assert "leak-free" in made["grouped_cv"]
    for feature in data["features"].values():
        sign = 1 if feature["direction"] == "easy" else -1
        assert sign * feature["weight"] >= 0  # the sign research gives
        assert feature["source"]  # where that sign comes from


def test_score_beats_textstat_on_the_same_pairs(glossary: Glossary) -> None:
    textstat.set_lang("nl")
    all_pairs = pairs()
    ours = ties_as_half(
        [analyze(c, glossary=glossary).score for c, _ in all_pairs],
        [analyze(s, glossary=glossary).score for _, s in all_pairs],
    )
    baseline = ties_as_half(
        [float(textstat.flesch_reading_ease(c)) for c, _ in all_pairs],
        [float(textstat.flesch_reading_ease(s)) for _, s in all_pairs],
    )
    assert len(all_pairs) == 945
    assert ours > baseline + 0.05, f"ours {ours:.3f}, textstat {baseline:.3f}"


def test_score_has_one_decimal_and_no_floor(glossary: Glossary) -> None:
    shorter = analyze("Wij betalen u het geld.", glossary=glossary).score
    longer = analyze(
        "Wij betalen u het geld dat u nog van ons krijgt voor de maand mei.",
        glossary=glossary,
    ).score
    assert shorter > longer
    assert np.isclose(round(shorter, 1), shorter)


@pytest.mark.parametrize(
    ("easier", "harder"),
    [
        ("We bellen u.", "We zullen u bellen."),  # both near the top: no cut at 100
        ("U krijgt het geld op 1 mei.", "U krijgt het geld in mei."),
    ],
)
def test_easy_texts_are_not_cut_off_at_100(
    glossary: Glossary, easier: str, harder: str
) -> None:
    high, low = (analyze(t, glossary=glossary).score for t in (easier, harder))
    assert low < high < 100 and high > 90


def test_the_shown_score_bends_but_keeps_order_and_bands() -> None:
    raws = [-500.0, -40.0, 0.0, 9.9, 10.0, 50.0, 70.0, 90.0, 90.1, 130.0, 500.0]
    values = [shown(r) for r in raws]
    assert values == sorted(values)
    assert all(0.0 <= v <= 100.0 for v in values)
    assert shown(50.0) == 50.0 and shown(70.0) == 70.0 and shown(90.0) == 90.0
    assert shown(100.0) < shown(101.0)
