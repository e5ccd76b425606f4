"""The report: score, level, metrics and findings, in the shape of the contract."""

from __future__ import annotations

from dataclasses import dataclass
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Report:
    score: int
    level: Level
    meets_b1: bool
    metrics: dict[str, float]
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "level": self.level,
            "meets_b1": self.meets_b1,
            "metrics": dict(self.metrics),
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
