"""The report: score, level, metrics and findings, in the shape of the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "hint"]
Level = Literal["A2", "B1", "B2", "C1"]
SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "hint": 2}


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how sure, where (character offsets), and the fix.

    "error" stops a text from meeting B1; "warning" should be fixed; "hint" is a
    rule that is not sure.
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str
    # The score feature this finding raises (features.py), or None when the
    # rule does not count in the score.
    feature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "feature": self.feature,
        }


@dataclass(frozen=True)
class Report:
    """score: 0-100 with one decimal, higher is easier. metrics: named numbers
    (every feature of features.py, `words` and `sentences`). contributions: the
    points each feature adds to or takes off the base score. text: the normalised
    text that the findings' offsets point into (not part of to_dict)."""

    score: float
    level: Level
    meets_b1: bool
    metrics: dict[str, float]
    findings: tuple[Finding, ...]
    contributions: dict[str, float] = field(default_factory=dict)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "level": self.level,
            "meets_b1": self.meets_b1,
            "metrics": dict(self.metrics),
            "contributions": dict(self.contributions),
            "findings": [f.to_dict() for f in self.findings],
        }

    def summary(self) -> dict[str, Any]:
        """What a register or list shows: the numbers without the findings."""
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return {
            "score": self.score,
            "level": self.level,
            "meets_b1": self.meets_b1,
            "findings": counts,
        }
