"""Text that is not Dutch, left out of the check and named.

Letters often carry the line "deze brief is belangrijk" in Arabic, Turkish,
Polish and English, and names or places in another script. Those words are
deliberate; flagging them as rare Dutch words is wrong advice, and they pull the
score down. So before the check we blank them out (same length, so every offset
stays right) and say what we left out.

How a piece is judged, deterministic and cheap (no language model, no new
dependency): a word written mostly in another script than Latin (Arabic,
Hebrew, Cyrillic, ...) is not Dutch. A sentence in Latin script is not Dutch
when at least two of its words are common words of one other language (from the
short lists below: function words and the words of the usual "this letter is
important" line) and it has fewer common Dutch words than that. A sentence
without such words (an address line, a name) counts as Dutch.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import cache
from typing import Final

from letterforge.readability.glossary import Glossary
from letterforge.readability.report import Report
from letterforge.readability.text import normalise

_DUTCH: Final = frozenset(
    "de het een en van in is u uw wij we ons onze niet dat die dit deze op te voor"
    " met aan er zijn om als bij ook naar heeft hebben wordt worden kunt kan moet"
    " geen nog wat hoe waar maar dan tot uit over door ik je jij hij zij ze krijgt"
    " brief belangrijk hier staat graag vragen bel".split()
)  # fmt: skip
_OTHER: Final = {
    "Engels": "the this that is are you your it of and to for with please if our"
    " can need help letter important read call not have be someone translate",
    "Turks": "bu ve bir için ile önemli önemlidir mektup mektubu lütfen bize size"
    " değil çok mi ne daha olan var yok okuyun arayın eğer birine",
    "Pools": "ten ta to jest i w z na się nie że do list ważny ważne proszę pan"
    " pani czy jeśli nas dla przetłumaczyć",
    "Duits": "der das und ist nicht ein eine sie wir ich für auf dieser brief"
    " wichtig bitte ihnen",
    "Frans": "le la les et est vous une un ce cette lettre pour avec pas nous"
    " importante des du",
    "Spaans": "el los las y es usted una esta carta para con por importante",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
MIN_HITS: Final = 2
MAX_NAMED: Final = 3
_EXCERPT: Final = 50


@cache
def _other_words() -> dict[str, frozenset[str]]:
    return {name: frozenset(words.split()) - _DUTCH for name, words in _OTHER.items()}


def _latin_share(word: str) -> float:
    letters = [c for c in word if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin / len(letters) if letters else 1.0


def _foreign_sentence(sentence: str) -> bool:
    words = [w.lower() for w in _WORD.findall(sentence)]
    dutch = sum(1 for w in words if w in _DUTCH)
    best = max(sum(1 for w in words if w in lst) for lst in _other_words().values())
    return best >= MIN_HITS and best > dutch


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of `text` that is not Dutch, in order: words
    in another script, and Latin-script sentences in another language."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        stripped = match.group().strip()
        if not stripped:
            continue
        if _foreign_sentence(match.group()):
            lead = len(match.group()) - len(match.group().lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
            continue
        for word in re.finditer(r"\S+", match.group()):
            if _latin_share(word.group()) < 0.5:
                spans.append((start + word.start(), start + word.end()))
    return _merged(text, spans)


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring spans with only spaces or punctuation between them as one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not any(c.isalnum() for c in text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def notice(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The Dutch line that names what was left out, or None when nothing was."""
    if not spans:
        return None
    pieces = []
    for start, end in spans[:MAX_NAMED]:
        piece = " ".join(text[start:end].split())
        if len(piece) > _EXCERPT:
            piece = piece[: _EXCERPT - 1].rstrip() + "…"
        pieces.append(f"'{piece}'")
    more = f" en nog {len(spans) - MAX_NAMED} andere" if len(spans) > MAX_NAMED else ""
    return f"Niet in het Nederlands, niet beoordeeld: {', '.join(pieces)}{more}."


def analyze_dutch(
    text: str, *, glossary: Glossary | None = None
) -> tuple[Report, str | None]:
    """analyze() on the Dutch part of `text`, and the notice naming the rest.

    The other-language pieces are replaced by spaces before the check, so the
    report's offsets point into `text` normalised (report.text is that text,
    with the pieces in it). Raises EmptyText when no Dutch word is left.
    """
    from letterforge.readability import analyze  # the package imports this module

    normal = normalise(text)
    spans = foreign_spans(normal)
    blanked = list(normal)
    for start, end in spans:
        blanked[start:end] = " " * (end - start)
    report = analyze("".join(blanked), glossary=glossary)
    return dataclasses.replace(report, text=normal), notice(normal, spans)
