"""The 0-100 score (higher is easier) and the level, from fitted feature weights.

score = BASE + sum over features of weight * (value - reference) / spread

Weights, references and spreads are data (data/weights.json), fitted by
tools/fit_readability_weights.py on the City of Amsterdam's expert-simplified
sentence pairs (tests/data/amsterdam-dev.csv, EUPL-1.2) by pairwise logistic
regression, with each weight's sign fixed by the feature's direction
(features.py). The file records how it was made and its cross-validated accuracy.
Each feature's term is its contribution in points, so the score is explainable.
No feature has a floor (a text with shorter sentences always scores higher),
and the sum is shown with one decimal, cut off only at the ends of 0-100. The
level bands (thresholds.py) are our convention: no validated CEFR mapping for
Dutch native-reader text exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from letterforge.readability.features import FEATURE_NAMES
from letterforge.readability.report import Level
from letterforge.readability.thresholds import LEVEL_BANDS


@dataclass(frozen=True)
class Weights:
    base: float
    weights: dict[str, float]
    reference: dict[str, float]
    spread: dict[str, float]
    provenance: dict[str, Any]


@lru_cache(maxsize=1)
def weights() -> Weights:
    raw = json.loads(
        (
            resources.files("letterforge.readability") / "data" / "weights.json"
        ).read_text(encoding="utf-8")
    )
    features = raw["features"]
    missing = set(FEATURE_NAMES) - set(features)
    if missing:
        raise ValueError(f"weights.json mist kenmerken: {sorted(missing)}")
    return Weights(
        base=float(raw["base"]),
        weights={n: float(features[n]["weight"]) for n in FEATURE_NAMES},
        reference={n: float(features[n]["reference"]) for n in FEATURE_NAMES},
        spread={n: float(features[n]["spread"]) for n in FEATURE_NAMES},
        provenance=raw["provenance"],
    )


def contributions(m: dict[str, float], w: Weights | None = None) -> dict[str, float]:
    """Points each feature adds (positive) or takes off (negative) from the base."""
    w = w or weights()
    return {
        name: w.weights[name] * (m[name] - w.reference[name]) / w.spread[name]
        for name in FEATURE_NAMES
    }


def raw_score(m: dict[str, float], w: Weights | None = None) -> float:
    """The unrounded score: base plus every contribution (may leave 0-100)."""
    w = w or weights()
    return w.base + sum(contributions(m, w).values())


def score(m: dict[str, float]) -> float:
    """The reported score: one decimal, shown within 0-100."""
    return round(min(100.0, max(0.0, raw_score(m))), 1)


def level(value: float) -> Level:
    for threshold, name in LEVEL_BANDS:
        if value >= threshold:
            return name
    return "C1"
