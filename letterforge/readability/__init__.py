"""Dutch B1 readability checker: scores any text and points at every problem.

Standalone: imports nothing else from letterforge. The glossary comes in as data
(`load_glossary(folder)`); without one, the glossary rules stay silent.

    report = analyze(text, glossary=load_glossary(Path("glossary")))
    report.score, report.level, report.meets_b1, report.findings, report.to_dict()
"""

from __future__ import annotations

from letterforge.readability.document import Document
from letterforge.readability.features import FEATURES, measure
from letterforge.readability.glossary import Glossary, GlossaryError, load_glossary
from letterforge.readability.report import SEVERITY_ORDER, Finding, Report
from letterforge.readability.rules import RULES
from letterforge.readability.score import contributions, level, score
from letterforge.readability.text import normalise
from letterforge.readability.thresholds import B1_MAX_AVERAGE_SENTENCE, B1_MIN_SCORE

__all__ = [
    "Finding",
    "Glossary",
    "GlossaryError",
    "NO_TEXT",
    "EmptyText",
    "Report",
    "analyze",
    "load_glossary",
    "normalise",
]

_LABELS = {f.name: f.label for f in FEATURES}

NO_TEXT = "Er staat geen tekst in dit bestand."


class EmptyText(ValueError):
    """A text without a single word: it gets no score and no B1 verdict.

    A score of an empty text would be the base score, and "meets B1" would let a
    file whose text we could not read pass a gate. `reason` is one Dutch sentence.
    """

    def __init__(self, reason: str = NO_TEXT) -> None:
        super().__init__(reason)
        self.reason = reason


def _points(value: float) -> str:
    return f"{value:+.1f}".replace(".", ",").replace("-", "−")


def _why_low(points: dict[str, float]) -> str:
    """The two features that take most points off, in words."""
    worst = sorted((p, n) for n, p in points.items() if p < 0)[:2]
    if not worst:
        return ""
    named = " en ".join(f"{_LABELS[n]} ({_points(p)})" for p, n in worst)
    return f" Dat komt vooral door: {named}."


def _text_findings(
    doc: Document, m: dict[str, float], value: float, points: dict[str, float]
) -> list[Finding]:
    """Failures of the whole text are findings too, so every failure is visible."""
    whole = (0, len(doc.text))
    found = []
    if m["zinslengte"] > B1_MAX_AVERAGE_SENTENCE:
        found.append(
            doc.finding(
                "gemiddelde-zinslengte",
                "error",
                whole,
                f"De zinnen zijn gemiddeld {m['zinslengte']:.0f} woorden"
                f" lang. Voor B1 is dat {B1_MAX_AVERAGE_SENTENCE:.0f} of minder.",
                "Splits de langste zinnen. Wissel korte en iets langere zinnen af.",
            )
        )
    if value < B1_MIN_SCORE:
        shown = f"{value:.1f}".replace(".", ",")
        found.append(
            doc.finding(
                "niveau",
                "error",
                whole,
                f"De score is {shown}; voor B1 is dat {B1_MIN_SCORE:.0f} of meer"
                f" (niveau {level(value)}).{_why_low(points)}",
                "Los eerst de fouten en waarschuwingen op; dan stijgt de score.",
            )
        )
    return found


def analyze(text: str, *, glossary: Glossary | None = None) -> Report:
    """Score `text` against B1 and list every finding, in text order.

    The text is normalised first (text.normalise: NFC, line ends); the report's
    `text` is that normalised text, and every offset points into it.
    Raises EmptyText when the text has no word at all (only spaces, punctuation).
    """
    doc = Document(normalise(text), glossary)
    if not doc.words:
        raise EmptyText()
    findings = [f for check in RULES.values() for f in check(doc)]
    m = measure(doc, findings)
    points = contributions(m)
    value = score(m)
    findings += _text_findings(doc, m, value, points)
    findings.sort(key=lambda f: (f.start, SEVERITY_ORDER[f.severity], f.rule))
    meets = not any(f.severity == "error" for f in findings)
    metrics = {k: round(v, 3) for k, v in m.items()}
    metrics["words"] = m["woorden"]
    metrics["sentences"] = m["zinnen"]
    return Report(
        value,
        level(value),
        meets,
        metrics,
        tuple(findings),
        {k: round(v, 1) for k, v in points.items()},
        doc.text,
    )
