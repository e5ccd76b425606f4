"""Fit the readability score's weights on expert-simplified sentence pairs.

    .venv/bin/python tools/fit_readability_weights.py [--write]

Data: tests/data/amsterdam-dev.csv (City of Amsterdam, EUPL-1.2; SOURCE.md there).
Model: pairwise logistic regression without intercept on standardised feature
differences, P(simple side easier) = sigmoid(w . (x_simple - x_complex) / spread),
each weight's sign fixed by the feature's direction (features.py): "hard" features
get w <= 0, "easy" ones w >= 0 (bounded L-BFGS, a small L2 penalty). scipy does the
optimising: scikit-learn's LogisticRegression cannot fix signs. Measured with
5-fold cross-validation grouped by document (scikit-learn's GroupKFold), ties (equal
scores at one decimal) counted as half. --write stores the weights fitted on all
pairs, with these figures, in letterforge/readability/data/weights.json.

Leak-free: everything learned from these pairs is learned inside each training
fold only. That is the weights, the feature references and spreads, and the
officialese in glossary/ambtelijk-uit-data.yaml, which was found in these same
pairs: in each fold an entry of that file counts only when the training pairs
alone meet the rule that found it (learned_from). The entries' plain alternatives
are ours, not learned. For comparison the tool also reports the figure with the
whole glossary in every fold (which leaks).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.model_selection import GroupKFold

from letterforge.readability import Glossary, load_glossary
from letterforge.readability.document import Document
from letterforge.readability.features import FEATURE_NAMES, FEATURES, SOURCES, measure
from letterforge.readability.glossary import Entry
from letterforge.readability.rules import RULES
from letterforge.readability.score import shown
from letterforge.readability.text import normalise

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "amsterdam-dev.csv"
OUT = ROOT / "letterforge" / "readability" / "data" / "weights.json"
L2 = 0.01
POINTS_PER_LOGIT = 5.0  # one logit of preference (73% vs 27%) is 5 points
BASE = 70.0  # an average expert-simplified sentence scores this: the B1 line
FOLDS = 5
GLOSSARY = ROOT / "glossary"
FROM_THESE_PAIRS = "ambtelijk-uit-data.yaml"  # glossary entries found in PAIRS


def features(text: str, glossary: Glossary) -> list[float]:
    doc = Document(normalise(text), glossary)
    findings = [f for check in RULES.values() for f in check(doc)]
    m = measure(doc, findings)
    return [m[n] for n in FEATURE_NAMES]


def glossary_without_pairs() -> Glossary:
    """The glossary without the entries that were found in these pairs."""
    with tempfile.TemporaryDirectory() as folder:
        for path in GLOSSARY.glob("*.yaml"):
            if path.name != FROM_THESE_PAIRS:
                shutil.copy(path, folder)
        return load_glossary(Path(folder))


def data_entries() -> list[Entry]:
    """The glossary entries that were found in these pairs (FROM_THESE_PAIRS)."""
    without = set(glossary_without_pairs().entries)
    return [e for e in load_glossary(GLOSSARY).entries if e not in without]


def read_pairs() -> tuple[list[tuple[str, str]], np.ndarray]:
    """(complex, simple) per pair, and each pair's document."""
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = [(row["Complex"], row["Simple"]) for row in rows]
    return pairs, np.array([int(row["Document ID"]) for row in rows])


# The rule that found FROM_THESE_PAIRS: an entry the editors removed from the
# complex side in at least REMOVED_PAIRS pairs of at least REMOVED_DOCUMENTS
# documents, and kept (on both sides) less often than they removed it.
REMOVED_PAIRS = 3
REMOVED_DOCUMENTS = 2


def learned_from(
    pairs: list[tuple[str, str]], groups: np.ndarray, indices: Iterable[int]
) -> list[Entry]:
    """The data entries that these pairs alone support (the rule above)."""
    chosen = []
    for entry in data_entries():
        one = Glossary([entry])
        removed, documents, kept = 0, set(), 0
        for i in indices:
            hard = next(one.find(pairs[i][0]), None) is not None
            easy = next(one.find(pairs[i][1]), None) is not None
            removed += hard and not easy
            kept += hard and easy
            if hard and not easy:
                documents.add(int(groups[i]))
        if (
            removed >= REMOVED_PAIRS
            and len(documents) >= REMOVED_DOCUMENTS
            and kept < removed
        ):
            chosen.append(entry)
    return chosen


def measure_pairs(
    pairs: list[tuple[str, str]], glossary: Glossary
) -> tuple[np.ndarray, np.ndarray]:
    """Features of the complex and the simple sides."""
    hard = np.array([features(c, glossary) for c, _ in pairs])
    easy = np.array([features(s, glossary) for _, s in pairs])
    return hard, easy


def load(
    glossary: Glossary | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features of the complex and simple sides, and each pair's document."""
    pairs, groups = read_pairs()
    hard, easy = measure_pairs(pairs, glossary or load_glossary(GLOSSARY))
    return hard, easy, groups


def fit(diff: np.ndarray) -> np.ndarray:
    """Weights w maximising sum log sigmoid(diff . w) - L2 |w|^2, signs fixed."""
    bounds = [(None, 0.0) if f.direction == "hard" else (0.0, None) for f in FEATURES]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = diff @ w
        value = np.logaddexp(0.0, -z).sum() + L2 * len(diff) * (w @ w)
        grad = -(diff.T @ (1.0 / (1.0 + np.exp(z)))) + 2 * L2 * len(diff) * w
        return float(value), grad

    result = minimize(loss, np.zeros(diff.shape[1]), jac=True, bounds=bounds)
    return np.asarray(result.x)


def pair_scores(
    w: np.ndarray, ref: np.ndarray, spread: np.ndarray, x: np.ndarray
) -> np.ndarray:
    raw = BASE + POINTS_PER_LOGIT * ((x - ref) / spread) @ w
    return np.array([shown(float(r)) for r in raw])  # as the checker shows it


def accuracy(hard_s: np.ndarray, easy_s: np.ndarray) -> tuple[float, float]:
    """Share of pairs where the simple side scores higher (ties as half); ties."""
    ties = hard_s == easy_s
    wins = (easy_s > hard_s).sum() + 0.5 * ties.sum()
    return float(wins / len(hard_s)), float(ties.mean())


def spread_of(hard: np.ndarray, easy: np.ndarray) -> np.ndarray:
    spread = np.concatenate([hard, easy]).std(axis=0)
    spread[spread == 0] = 1.0
    return spread


def fold_score(
    hard: np.ndarray, easy: np.ndarray, train: np.ndarray, test: np.ndarray
) -> tuple[float, float]:
    """Fit on the training pairs only (weights, reference, spread); score the test."""
    spread = spread_of(hard[train], easy[train])
    ref = easy[train].mean(axis=0)
    w = fit((easy[train] - hard[train]) / spread)
    return accuracy(
        pair_scores(w, ref, spread, hard[test]),
        pair_scores(w, ref, spread, easy[test]),
    )


def folds(groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(GroupKFold(n_splits=FOLDS).split(groups, groups=groups))


def cross_validate(
    hard: np.ndarray, easy: np.ndarray, groups: np.ndarray
) -> tuple[float, float]:
    """Mean accuracy (ties as half) and tie share over folds grouped by document,
    with features measured once for all folds (the glossary given to load())."""
    results = [fold_score(hard, easy, tr, te) for tr, te in folds(groups)]
    return float(np.mean([a for a, _ in results])), float(
        np.mean([t for _, t in results])
    )


def cross_validate_leak_free() -> tuple[float, float]:
    """As cross_validate, but each fold's glossary holds only the data entries its
    training pairs support (learned_from): nothing from the test pairs is used."""
    pairs, groups = read_pairs()
    base = glossary_without_pairs().entries
    results = []
    for train, test in folds(groups):
        glossary = Glossary([*base, *learned_from(pairs, groups, train)])
        hard, easy = measure_pairs(pairs, glossary)
        results.append(fold_score(hard, easy, train, test))
    return float(np.mean([a for a, _ in results])), float(
        np.mean([t for _, t in results])
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    hard, easy, groups = load()
    spread = spread_of(hard, easy)
    cv, cv_ties = cross_validate_leak_free()
    leaky_cv, leaky_ties = cross_validate(hard, easy, groups)
    w = fit((easy - hard) / spread)
    ref = easy.mean(axis=0)
    train_acc, train_ties = accuracy(
        pair_scores(w, ref, spread, hard), pair_scores(w, ref, spread, easy)
    )
    sys.stdout.write(
        f"grouped {FOLDS}-fold CV, leak-free (ties as half): {cv:.3f}, "
        f"ties {cv_ties:.1%}" + "\n"
    )
    sys.stdout.write(
        f"with the whole glossary in every fold (leaks): {leaky_cv:.3f}, "
        f"ties {leaky_ties:.1%}" + "\n"
    )
    sys.stdout.write(
        f"ties in CV: {cv_ties:.3%}; on all pairs: {train_acc:.3f}, {train_ties:.3%}"
        + "\n"
    )
    for feature, weight in zip(FEATURES, w, strict=True):
        sys.stdout.write(
            f"  {feature.name:18} {POINTS_PER_LOGIT * weight:+.3f} points per spread"
            + "\n"
        )
    if args.write:
        data = {
            "base": BASE,
            "provenance": {
                "made_by": "tools/fit_readability_weights.py --write",
                "date": date.today().isoformat(),
                "data": "tests/data/amsterdam-dev.csv (City of Amsterdam, "
                "EUPL-1.2): 945 complex/simple sentence pairs, 32 documents",
                "model": "pairwise logistic regression, no intercept, "
                "standardised features, sign of each weight fixed by the "
                f"feature's direction, L2 {L2}; {POINTS_PER_LOGIT} points "
                "per logit; reference = mean of the simple sides",
                "grouped_cv_folds": FOLDS,
                "grouped_cv": "leak-free: weights, reference, spread and the "
                f"glossary entries of {FROM_THESE_PAIRS} learned in each "
                "training fold only",
                "grouped_cv_accuracy_ties_half": round(cv, 4),
                "grouped_cv_tie_share": round(cv_ties, 4),
                "grouped_cv_whole_glossary_leaks": round(leaky_cv, 4),
                "grouped_cv_tie_share_whole_glossary_leaks": round(leaky_ties, 4),
            },
            "features": {
                f.name: {
                    "direction": f.direction,
                    "source": SOURCES[f.name],
                    "weight": round(float(POINTS_PER_LOGIT * wi), 4),
                    "reference": round(float(r), 4),
                    "spread": round(float(s), 4),
                }
                for f, wi, r, s in zip(FEATURES, w, ref, spread, strict=True)
            },
        }
        OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.write(f"written: {OUT.relative_to(ROOT)}" + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
