"""Dutch text plumbing for letters: units (sentences, headings, list items), words.

Written here because general splitters (textstat, nltk's punkt) break Dutch letters
on "art. 58", "o.a.", "mevr. S. de Vries" and "€ 1.234,56", and glue a heading to
the sentence after it. Offsets are character offsets into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

UnitKind = Literal["sentence", "heading", "list_item", "line"]

# Lower-case, without the final dot. Checked against the word before a dot.
ABBREVIATIONS = frozenset(
    """
    art lid o.a bijv bv d.w.z i.v.m t.a.v m.b.t z.s.m t/m nr nrs mr dhr mevr mw drs dr
    ir ing prof jan feb mrt apr jun jul aug sep sept okt nov dec ma di wo do vr za zo
    blz
    ca e.d enz etc incl excl evt m.u.v n.a.v p pag resp t.o.v vs zgn ong max min e.a
    st tel fa jl jr sr i.p.v m.i.v m.n a.s j.l vlgs vgl bijl ca. sub o.b.v c.q dd t.b.v
    """.split()
)
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([\w./]+)\.?$")
_NEXT_START = re.compile(r"\s*[\"'“‘(]*([A-ZÀ-Ý0-9€]|$)")
WORD = re.compile(
    r"€\s?\d+(?:\.\d{3})*(?:,\d+|,-)?"  # an amount is one word: € 1.234,56
    r"|\d+(?:[.,:/-]\d+)*%?"  # numbers, dates, times, percentages
    r"|(?:[A-Za-z]\.){2,}"  # abbreviations like o.a. and d.w.z.
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"  # words, hyphenated compounds kept whole
)
URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)[^\s]*[^\s.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, heading, list item or address line, with its words."""

    kind: UnitKind
    start: int
    end: int
    text: str
    words: tuple[Span, ...]


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before[-24:])  # the last word is all we need
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # An initial ("S. de Vries") or a dotted abbreviation ("d.w.z.").
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word))


def _sentence_ends(text: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text[: match.start()]):
            after = _NEXT_START.match(text, match.end())
            # "art. 58" or "o.a. de" go on; an abbreviation ending a sentence before a
            # capital is ambiguous, and we keep the sentence whole then too.
            if after is None or after.group(1) != "":
                continue
        ends.append(match.end())
    return ends


def words_in(text: str, offset: int = 0) -> tuple[Span, ...]:
    masked = text
    if "@" in text or "www." in text or "://" in text:
        masked = URL_OR_EMAIL.sub(lambda m: "x" * len(m.group()), text)
    return tuple(
        Span(offset + m.start(), offset + m.end(), text[m.start() : m.end()])
        for m in WORD.finditer(masked)
    )


def _unit(kind: UnitKind, text: str, start: int, end: int) -> Unit | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    piece = text[start:end]
    return Unit(kind, start, end, piece, words_in(piece, start))


def _sentences(text: str, start: int, end: int) -> list[Unit]:
    units = []
    cursor = start
    for stop in _sentence_ends(text[start:end]):
        unit = _unit("sentence", text, cursor, start + stop)
        if unit:
            units.append(unit)
        cursor = start + stop
    last = _unit("sentence", text, cursor, end)
    return [*units, last] if last else units


def _line_kind(line: str, lines_in_block: int) -> UnitKind | None:
    """A line that stands on its own: list item, heading or address line."""
    if _LIST_MARK.match(line):
        return "list_item"
    stripped = line.strip()
    inner_end = any(end < len(stripped) for end in _sentence_ends(stripped))
    ends_sentence = stripped.endswith((".", "!", ";", ",")) or inner_end
    if lines_in_block == 1 and not ends_sentence and len(stripped.split()) <= 12:
        return "heading"
    if lines_in_block > 1 and not ends_sentence and len(stripped.split()) <= 8:
        return "line"
    return None


def _block_units(text: str, start: int, end: int) -> list[Unit]:
    lines = list(re.finditer(r"[^\n]+", text[start:end]))
    units: list[Unit] = []
    prose_start: int | None = None
    for match in lines:
        line_start, line_end = start + match.start(), start + match.end()
        kind = _line_kind(match.group(), len(lines))
        if kind is None:
            prose_start = line_start if prose_start is None else prose_start
            continue
        if prose_start is not None:
            units += _sentences(text, prose_start, line_start)
            prose_start = None
        body_start = line_start
        if kind == "list_item":
            mark = _LIST_MARK.match(match.group())
            body_start += mark.end() if mark else 0
        unit = _unit(kind, text, body_start, line_end)
        if unit:
            units.append(unit)
    if prose_start is not None:
        units += _sentences(text, prose_start, end)
    return units


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of text between blank lines."""
    return [
        (m.start(), m.end()) for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text)
    ]


def split_units(text: str) -> list[Unit]:
    """Every unit of the text in order; blank lines separate blocks."""
    units: list[Unit] = []
    for start, end in paragraphs(text):
        units += _block_units(text, start, end)
    return units
