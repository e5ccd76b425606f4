"""Dutch B1 readability checker: scores any text and points at every problem.

Standalone: imports nothing else from letterforge. The glossary comes in as data
(`load_glossary(folder)`); without one, the glossary rules stay silent.

    report = analyze(text, glossary=load_glossary(Path("glossary")))
    report.score, report.level, report.meets_b1, report.findings, report.to_dict()
"""

from __future__ import annotations

from letterforge.readability.document import Document
from letterforge.readability.glossary import Glossary, GlossaryError, load_glossary
from letterforge.readability.report import SEVERITY_ORDER, Finding, Report
from letterforge.readability.rules import RULES
from letterforge.readability.score import B1_MAX_AVERAGE_SENTENCE, level, metrics, score

__all__ = [
    "Finding",
    "Glossary",
    "GlossaryError",
    "Report",
    "analyze",
    "load_glossary",
]


def _text_findings(doc: Document, m: dict[str, float], value: int) -> list[Finding]:
    """Failures of the whole text are findings too, so every failure is visible."""
    whole = (0, len(doc.text))
    found = []
    if m["gemiddelde_zinslengte"] > B1_MAX_AVERAGE_SENTENCE:
        found.append(
            doc.finding(
                "gemiddelde-zinslengte",
                "error",
                whole,
                f"De zinnen zijn gemiddeld {m['gemiddelde_zinslengte']:.0f} woorden"
                " lang. Voor B1 is dat 15 of minder.",
                "Splits de langste zinnen. Wissel korte en iets langere zinnen af.",
            )
        )
    if level(value) not in ("A2", "B1"):
        found.append(
            doc.finding(
                "niveau",
                "error",
                whole,
                f"De tekst als geheel is niveau {level(value)} (score {value}).",
                "Los eerst de fouten en waarschuwingen op; dan stijgt de score.",
            )
        )
    return found


def analyze(text: str, *, glossary: Glossary | None = None) -> Report:
    """Score `text` against B1 and list every finding, in text order."""
    doc = Document(text, glossary)
    findings = [f for check in RULES.values() for f in check(doc)]
    m = metrics(doc, findings)
    value = score(m)
    findings += _text_findings(doc, m, value)
    findings.sort(key=lambda f: (f.start, SEVERITY_ORDER[f.severity], f.rule))
    meets = not any(f.severity == "error" for f in findings)
    return Report(value, level(value), meets, m, tuple(findings))
