"""The clarity gate: does a letter put the decision first, say what the person
must do and by when, and whom to call?

Beside B1 (letterforge.readability) and the legal elements (library/elements.py)
these are the three questions the communication guidelines for municipal letters
ask first (decision first, action with a date, a contact). The checks read the
composed letter as plain text (render_text's output, one block per paragraph),
so they judge what the resident reads, not the template's markup. Pure
functions; the editor and `templates lint` show the findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    "|november|december"
)
# A date as letters print it ("5\xa0januari\xa02027") or a period from an
# event ("binnen 6 weken", "binnen vijf werkdagen").
_WHEN = re.compile(
    rf"\b\d{{1,2}}[\s\xa0]+({MONTHS})[\s\xa0]+\d{{4}}\b"
    r"|\bbinnen\s+(\d+|een|twee|drie|vier|vijf|zes|acht|tien|veertien|dertig)\s+"
    r"(dagen|werkdagen|weken|maanden)\b"
    # A standing instruction has its own rhythm or urgency.
    r"|\b(zo snel mogelijk|meteen|direct|per maand|elke maand)\b",
    re.I,
)
# What a resident is asked to do: an imperative or "u moet" — or the explicit
# statement that nothing is needed, which answers the question too.
_ACTION = re.compile(
    r"\b(u moet|moet u|wilt u|stuur|betaal|betaalt u|reageer|maak|maakt u|bel|"
    r"geef|vul|lever|meld|neem|kom|ga dan|gaat u|bezwaar)\b",
    re.I,
)
_NOTHING_TO_DO = re.compile(r"\bu hoeft (nu |verder )?niets( meer)? te doen\b", re.I)
# Dutch phone numbers as letters print them: 14 0xx(x), 0800/0900 and area codes.
_PHONE = re.compile(
    r"(?<!\d)(14[\s\xa0]?0\d{2,3}|0[89]00[\s\xa0-]?\d{4}|0\d{1,3}[\s\xa0-]?\d{6,8}"
    r"|0\d{2}[\s\xa0-]\d{3}[\s\xa0-]?\d{2}[\s\xa0-]?\d{2})(?!\d)"
)
# Openings that delay the decision (a kind, not a list of sentences): any
# thanks, wherever it sits in the first sentence ("Hartelijk dank", "Wij danken
# u", "Bedankt"), and openings that acknowledge or refer back before deciding
# ("Hierbij", "Naar aanleiding van", "In antwoord op", "U heeft ons gevraagd").
_THANKS = re.compile(r"\b(dank\w*|bedank\w*)\b", re.I)
_PREAMBLE = re.compile(
    r"^(hierbij|naar aanleiding|in antwoord op|in reactie op|in vervolg op|"
    r"met (deze|dit) (brief|bericht)|onlangs|zoals (u weet|afgesproken)|"
    r"in uw (brief|aanvraag|e-mail|mail|bericht|reactie)|op \d|"
    r"u (vroeg|schreef|heeft ons)|u heeft .* (gevraagd|aangevraagd|gestuurd)|"
    r"(wij|we) (schrijven|ontvingen|hebben uw .* ontvangen)|graag|fijn dat)",
    re.I,
)
_ADDRESSED = re.compile(r"\b(u|uw|wij|we|ons|onze)\b", re.I)
_SALUTATION = re.compile(r"^(Geachte|Beste)\b")
_HEADING_BOX = "In het kort"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ClarityFinding:
    """One clarity problem; `line` is in `file` (the template's letter) when the
    text could be traced back, else None."""

    rule: str
    file: str
    line: int | None
    message: str
    # "fout" blocks a template version; "waarschuwing" is shown only.
    severity: str = "fout"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# The paragraph that says whom the letter is about, when it goes to a
# representative or is a copy (compose/addressing.py writes it). It must come
# right after the salutation, so every "u" is clear; the decision follows it.
_ADDRESSING = re.compile(r"^(Deze brief gaat over |Dit is een kopie\.)")


def first_statement(text: str) -> str | None:
    """The first sentence or bullet of the first paragraph after the salutation
    (the "In het kort" box counts as that paragraph; a paragraph that only says
    whom the letter is about is skipped); None without a salutation."""
    paragraphs = _paragraphs(text)
    start = next((i for i, p in enumerate(paragraphs) if _SALUTATION.match(p)), None)
    if start is not None and start + 1 < len(paragraphs):
        if _ADDRESSING.match(paragraphs[start + 1].strip()):
            start += 1
    if start is None or start + 1 >= len(paragraphs):
        return None
    lines = [line.strip() for line in paragraphs[start + 1].splitlines()]
    lines = [line.lstrip("-•* ").strip() for line in lines if line != _HEADING_BOX]
    first = next((line for line in lines if line), "")
    return _SENTENCE_END.split(first, maxsplit=1)[0]


def source_line(source: str, statement: str) -> int | None:
    """The line of `source` (a template) that prints `statement`: the first line
    whose literal words start like it (values printed by {{ }} are skipped)."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", statement)
    lines = [
        re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", line)
        for line in source.splitlines()
    ]
    # Three words first; two when a value printed by {{ }} sits in between.
    for count in (3, 2):
        if len(words) < count:
            continue
        pattern = re.compile(r"\W+".join(map(re.escape, words[:count])), re.I)
        for number, literal in enumerate(lines, start=1):
            if pattern.search(literal):
                return number
    return None


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in _paragraphs(text):
        for line in paragraph.splitlines():
            out += _SENTENCE_END.split(line.strip())
    return out


def clarity_findings(text: str, *, file: str, source: str) -> list[ClarityFinding]:
    """The clarity problems of one composed letter (`text`: render_text output).

    file/source: the template's letter (its Jinja name and text), to give the
    line of a decision that does not come first."""
    findings: list[ClarityFinding] = []
    statement = first_statement(text)
    if statement is None:
        findings.append(
            ClarityFinding(
                "besluit-eerst", file, None, "de brief heeft geen aanhef en tekst"
            )
        )
    elif (
        statement.endswith("?")
        or _PREAMBLE.match(statement)
        or _THANKS.search(statement)
        or not _ADDRESSED.search(statement)
    ):
        findings.append(
            ClarityFinding(
                "besluit-eerst",
                file,
                source_line(source, statement),
                "zet het besluit vooraan: de eerste zin na de aanhef moet zeggen wat"
                f" wij besluiten, niet '{statement[:80]}'",
            )
        )
    findings += _action_findings(_sentences(text), file)
    if not _PHONE.search(text):
        findings.append(
            ClarityFinding(
                "contact",
                file,
                None,
                "zeg wie de lezer kan bellen: een telefoonnummer in de brief",
            )
        )
    return findings


def _action_findings(sentences: list[str], file: str) -> list[ClarityFinding]:
    """An action needs a "when"; a letter that asks nothing should say so. The
    contact line ("Bel dan ... op 14 0999") is not an action of the decision."""
    if any(_NOTHING_TO_DO.search(s) for s in sentences):
        return []
    actions = [s for s in sentences if _ACTION.search(s) and not _PHONE.search(s)]
    if any(_WHEN.search(s) for s in actions):
        return []
    if actions:
        return [
            ClarityFinding(
                "actie-datum",
                file,
                None,
                "zeg voor wanneer de lezer iets moet doen: een datum, 'binnen 6"
                f" weken' of 'zo snel mogelijk' bij '{actions[0][:80]}'",
            )
        ]
    # Informative letters (a new contact person) ask nothing: shown, not blocking.
    return [
        ClarityFinding(
            "actie-datum",
            file,
            None,
            "zeg wat de lezer moet doen en voor wanneer, of schrijf 'U hoeft niets"
            " te doen.'",
            "waarschuwing",
        )
    ]
