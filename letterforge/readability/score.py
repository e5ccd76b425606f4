"""The 0-100 score (higher is easier) and the level, from fitted feature weights.

score = BASE + sum over features of weight * (value - reference) / spread

Weights, references and spreads are data (data/weights.json), fitted by
tools/fit_readability_weights.py on the City of Amsterdam's expert-simplified
sentence pairs (tests/data/amsterdam-dev.csv, EUPL-1.2) by pairwise logistic
regression, with each weight's sign fixed by the feature's direction
(features.py). The file records how it was made and its cross-validated accuracy.
Each feature's term is its contribution in points, so the score is explainable.
No feature has a floor (a text with shorter sentences always scores higher),
and the sum is shown with one decimal. Above 90 and below 10 the sum is bent
smoothly towards 100 and 0 (shown()), instead of cut off: a cut would make two
different easy texts both "100" and call them equal. The
level bands (thresholds.py) are our convention: no validated CEFR mapping for
Dutch native-reader text exists.
"""

from __future__ import annotations

import json
import math
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


# Where the shown score starts to bend towards the ends of 0-100 (points).
BEND = 10.0


def shown(raw: float) -> float:
    """The raw sum on the 0-100 scale, one decimal: unchanged between 10 and 90,
    bent smoothly (same slope at the joint, always rising) towards 100 and 0.

    So the level bands (90, 70, 50) keep their meaning, and a higher sum is never
    shown lower; only far beyond the ends do two sums round to the same decimal.
    """
    top, bottom = 100.0 - BEND, BEND
    if raw > top:
        raw = 100.0 - BEND * math.exp(-(raw - top) / BEND)
    elif raw < bottom:
        raw = BEND * math.exp((raw - bottom) / BEND)
    return round(raw, 1)


def score(m: dict[str, float]) -> float:
    """The reported score: one decimal, within 0-100 (see shown())."""
    return shown(raw_score(m))


def level(value: float) -> Level:
    for threshold, name in LEVEL_BANDS:
        if value >= threshold:
            return name
    return "C1"
