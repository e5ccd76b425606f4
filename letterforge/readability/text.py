"""Dutch text plumbing for letters: units (sentences, headings, list items), words.

Written here because general splitters (textstat, nltk's punkt) break Dutch letters
on "art. 58", "o.a.", "mevr. S. de Vries" and "€ 1.234,56", and glue a heading to
the sentence after it. Offsets are character offsets into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from letterforge.readability.lexicon import zipf

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
# Titles are followed by a name, so a capital after them never starts a sentence.
TITLES = frozenset("dhr mevr mw mr dr drs ir ing prof st afd".split())
# Words that name a person before initials ("mevrouw A. De Vries"): after them a
# single capital is an initial, whatever follows.
PERSON_WORDS = frozenset(
    "heer mevrouw meneer familie juffrouw dokter notaris advocaat "
    "bewindvoerder curator mentor weduwe".split()
)
# Closed-class words that open a Dutch sentence. After "bijlage A." or "zone B."
# (a lower-case word, then one capital) such a word ends the sentence; a name
# after an initial does not, even a common one ("aan J. Bos", "door P. Koning"),
# and a tussenvoegsel after initials is written in lower case ("A. de Jong").
SENTENCE_OPENERS = frozenset(
    """de het een u wij we ik hij zij ze je jij dit dat deze die daar daarom
    daarna dan er ook als in op met voor bij na tot vanaf binnen volgens zo
    hier nu wat wie waar hoe wanneer waarom welke uw onze ons alle geen niet
    heeft hebt bent is zijn kunt kan moet moeten wilt krijgt stuur neem bel
    kijk lees vul let geef betaal maak vraag ga kom graag maar want en of""".split()
)
# A capitalised word whose lower-case form is this common is a sentence start,
# not a name ("U", "Het", "Wij"; not "Jansen").
SENTENCE_START_ZIPF = 4.0
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
# A question or exclamation followed by a comma and a capital ends a title in a
# list of titles ("Welke regels gelden?, Hoe hebben wij berekend …?"): each
# title is read on its own, not as one long sentence.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'”’)]*(?=\s+|$)|[?!][\"'”’)]*[,;](?=\s+[^\W\d_a-z])"
)
_WORD_BEFORE = re.compile(r"([\w./]+)\.?$")
WORD = re.compile(
    # Spaces and punctuation fail at once, before the alternatives are tried.
    r"(?=[\w€+])(?:"
    # Most words start with a small letter and can only be a word or a dotted
    # abbreviation: try that first, it halves the time of finding words.
    r"(?=[^\W\d_A-Z])(?:(?:[a-z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    # Numbers people read as one thing are one word each.
    r"|[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![\w])"  # IBAN
    r"|(?:\+31\s?(?:\(0\)\s?)?|\b0)\d{1,3}(?:(?:\s?-\s?|\s)?\d{2,4}){2,4}(?![\d,])"
    # ^ phone numbers: 06 12 34 56 78, 0594 - 50 88 88, +31 6 12345678
    r"|\b\d{4}\s?[A-Z]{2}(?![\w])"  # postcode 1234 AB
    r"|\b[A-Z]{1,5}[-/](?:[A-Z]{0,5}\d+[-/]?)+(?![\w])"  # kenmerk: ZK-2026-0042
    r"|\b\d{1,2}\s(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december)(?:\s\d{4})?(?![\w])"  # a date: 1 juli 2026
    r"|€\s?\d+(?:\.\d{3})*(?:,\d+|,-)?"  # an amount is one word: € 1.234,56
    r"|\d+(?:[.,:/-]\d+)*(?:[a-z]{1,2}(?!\w))?%?"  # numbers, dates, times, %
    # ^ with a letter suffix ("artikel 58a", "4.1a", "7:10b") still one number
    r"|(?:[A-Za-z]\.){2,}"  # abbreviations like o.a. and d.w.z.
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"  # words, hyphenated compounds kept whole
    r")"
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


def normalise(text: str) -> str:
    """The form every offset refers to: Unicode NFC, one kind of line end.

    Windows (CRLF) and old Mac (CR) line ends, Word's line break (vertical tab,
    U+2028) and page break (form feed) all become "\n"; NFC makes "e" + combining
    diaeresis the one letter "ë", so words are found in the lexicon; Latin
    ligatures ("ﬁ") become their letters.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n")
    return text.translate(_LINE_ENDS)


# Invisible characters that would cut a word in two ("be\u00adsluit" with a soft
# hyphen, zero-width spaces from web pages) are left out.
_LINE_ENDS = str.maketrans(
    {
        "\r": "\n",
        "\v": "\n",
        "\f": "\n",
        "\u2028": "\n",
        "\u2029": "\n\n",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        # Latin ligatures (U+FB00-FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), from PDFs and some fonts,
        # as their letters (NFKC for these only; NFKC on all text would also
        # change "²" and "½"), so "ﬁnanciële" is found in the lexicon.
        **{
            chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)
        },
    }
)


def _word_before(before: str) -> str | None:
    match = _WORD_BEFORE.search(before[-24:])  # the last word is all we need
    return None if match is None else match.group(1)


def _looks_abbreviated(word: str) -> bool:
    bare = word.lower().rstrip(".")
    # A listed abbreviation, one letter ("S." or "u."), or dotted ("d.w.z.").
    return (
        bare in ABBREVIATIONS
        or bare in TITLES
        or bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", bare))
    )


def _starts_sentence(next_word: str) -> bool:
    """A capitalised common word ("U", "Het", "Wij") starts a sentence; a name not."""
    return next_word[:1].isupper() and zipf(next_word.lower()) >= SENTENCE_START_ZIPF


def _ends_after_abbreviation(word: str, text: str, end: int, start: int) -> bool:
    """Does the sentence end at the dot after `word`, an abbreviation-like word?
    `start`: where the dot is; `end`: just after it.

    "art. 58" and "o.a. de" go on (no capital follows); "mevr. Bos" and "S. de
    Vries" go on (a title or an initial before a name); "naar u. U krijgt" and
    "volgens lid. Het" end, because a common word with a capital follows;
    "bijlage A. Het" and "zone B. De" end (a capital after a lower-case word,
    then a word that opens sentences).
    """
    after = _NEXT_WORD.match(text, end)
    if after is None or after.group(1) == "":
        return True  # the end of the text
    bare = word.lower().rstrip(".")
    if bare in TITLES:
        return False
    if len(bare) == 1 and word[0].isupper():
        return _capital_ends(text[: start - len(word)], after.group(1))
    return _starts_sentence(after.group(1))


def _capital_ends(before: str, next_word: str) -> bool:
    """One capital letter with a dot ends the sentence only as a label after a
    lower-case word ("bijlage A.", "zone B.") followed by a sentence opener;
    otherwise it is an initial ("J. Bakker", "mevrouw A. De Vries")."""
    previous = before.rstrip().rsplit(maxsplit=1)[-1:] or [""]
    label_of = previous[0]
    return (
        label_of.isalpha()
        and label_of.islower()
        and label_of not in PERSON_WORDS
        and next_word[:1].isupper()
        and next_word.lower() in SENTENCE_OPENERS
    )


_NEXT_WORD = re.compile(r"\s*[\"'“‘(]*([^\W\d_]+|\d|€|$)")


def _sentence_ends(text: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = _word_before(text[: match.start()])
            if (
                word is not None
                and _looks_abbreviated(word)
                and not _ends_after_abbreviation(word, text, match.end(), match.start())
            ):
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
    if " | " in line:  # a table row as plain text writes it: cells, not a sentence
        return "line"
    stripped = " ".join(line.split())
    inner_end = any(end < len(stripped) for end in _sentence_ends(stripped))
    ends_sentence = stripped.endswith((".", "!", ";", ",")) or inner_end
    if lines_in_block == 1 and not ends_sentence and len(stripped.split()) <= 12:
        return "heading"
    if lines_in_block > 1 and not ends_sentence and len(stripped.split()) <= 8:
        return "line"
    return None


_CONTINUES = re.compile(r"\s*[a-zà-ÿ]")  # the next line goes on in lower case
_OPEN_END = re.compile(r"[^.!?:;]\s*$")  # no sentence or heading end


def _logical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a block, with hard-wrapped lines joined again.

    A line without an end mark followed by a line that goes on in lower case is
    one line broken by a PDF, an e-mail program or Shift+Enter: "... besloten
    dat u het geld dat u\nvan januari ...". Address lines, headings and list
    items start with a capital, a digit or a list mark, so they stay apart.
    """
    joined: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line_start, line_end = start + match.start(), start + match.end()
        if (
            joined
            and _CONTINUES.match(match.group())
            and not _LIST_MARK.match(match.group())
            and " | " not in match.group()  # table rows stay apart
            and " | " not in text[joined[-1][0] : joined[-1][1]]
            and _OPEN_END.search(text, joined[-1][0], joined[-1][1])
        ):
            joined[-1] = (joined[-1][0], line_end)
        else:
            joined.append((line_start, line_end))
    return joined


def _block_units(text: str, start: int, end: int) -> list[Unit]:
    lines = _logical_lines(text, start, end)
    units: list[Unit] = []
    prose_start: int | None = None
    for line_start, line_end in lines:
        line = text[line_start:line_end]
        kind = _line_kind(line, len(lines))
        if kind is None:
            prose_start = line_start if prose_start is None else prose_start
            continue
        if prose_start is not None:
            units += _sentences(text, prose_start, line_start)
            prose_start = None
        body_start = line_start
        if kind == "list_item":
            mark = _LIST_MARK.match(line)
            body_start += mark.end() if mark else 0
        unit = _unit(kind, text, body_start, line_end)
        if unit:
            units.append(unit)
    if prose_start is not None:
        units += _sentences(text, prose_start, end)
    return units


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of text between blank lines, from its first to
    its last visible character: a finding on a paragraph then points at the
    paragraph itself, not at the line break before it (CLI line, web mark and
    Word comment all follow the start)."""
    found = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        block = m.group()
        start = m.start() + len(block) - len(block.lstrip())
        end = m.end() - len(block) + len(block.rstrip())
        if start < end:
            found.append((start, end))
    return found


def split_units(text: str) -> list[Unit]:
    """Every unit of the text in order; blank lines separate blocks."""
    units: list[Unit] = []
    for start, end in paragraphs(text):
        units += _block_units(text, start, end)
    return units
