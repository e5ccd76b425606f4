"""Calibration on expert-edited Dutch municipal sentence pairs (tests/data/SOURCE.md).

The score's weights are fitted by tools/fit_readability_weights.py; this test runs
the same grouped cross-validation (5 folds by document, ties counted as half) and
holds the figures it measured, so a change that makes the score worse fails here.
Issue 15's targets are 0.82 (stretch 0.85) and at most 2% ties; measured when
written: 0.798 and 2.2% ties (README, "Readability"). The floors below are those
measurements, not the targets: the targets are not met yet.
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

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "amsterdam-dev.csv"
CV_FLOOR = 0.795
TIES_CEILING = 0.025


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


def test_grouped_cross_validation_holds(fitter: ModuleType) -> None:
    cv, ties = fitter.cross_validate(*fitter.load())
    assert cv >= CV_FLOOR, f"{cv:.3f}"
    assert ties <= TIES_CEILING, f"{ties:.3%}"


def test_shipped_weights_say_how_they_were_made(fitter: ModuleType) -> None:
    data = json.loads(
        (
            resources.files("letterforge.readability") / "data" / "weights.json"
        ).read_text(encoding="utf-8")
    )
    made = data["provenance"]
    assert made["grouped_cv_accuracy_ties_half"] >= CV_FLOOR
    cv, _ = fitter.cross_validate(*fitter.load())
    assert abs(made["grouped_cv_accuracy_ties_half"] - cv) < 0.005  # up to date
    for feature in data["features"].values():
        sign = 1 if feature["direction"] == "easy" else -1
        assert sign * feature["weight"] >= 0  # the sign research gives


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
