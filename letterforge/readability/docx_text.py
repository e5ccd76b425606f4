"""The text a Word user sees in a .docx, in document order, read within limits.

Read here from the package's XML (zipfile + lxml) rather than through python-docx's
object model, because that model leaves out text boxes, content controls, tracked
insertions, field results and nested tables, repeats merged cells, and parses any
size of XML it is given. Reading walks the WordprocessingML elements by local name,
so Transitional and Strict Open XML files are read the same way.

What is read: body paragraphs and tables (nested; a merged cell once, as Word
stores it once), text boxes (once: Word stores a copy for old versions in
mc:Fallback), content controls, field results (not field codes), tracked changes
as the text will read (insertions in, deletions and moved-away text out),
footnotes and endnotes, headers and footers (each distinct text once, carried on
from an earlier section as Word does), the label of a numbered paragraph
(docx_numbering.py), a Word file inserted as altChunk. Text is read as shown:
hidden text (also by a table style, docx_styles.py) is left out, capitals by
formatting are capitals, a symbol font's letters are its symbols, a ruby's
guide text follows its base in brackets ("basis (uitleg)"). Language marks
(w:lang) go with each paragraph for language.py. Line breaks (Shift+Enter)
become "\\n", tabs a space. Paragraphs are separated by blank lines, so headings
and list items stay units of their own.
What is not read (a chart, SmartArt, an equation, a picture's text, ...) is named.

Limits (each breach is an UnreadableDocument with a Dutch message): the file's
size, each part's and all parts' decompressed size (read in chunks, so a zip bomb
stops at the limit), the number of XML elements, the longest word, and time.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import errno
import io
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from letterforge.readability.docx_numbering import (
    NO_NUMBERING,
    Counters,
    NumberingPart,
    numbering_part,
)
from letterforge.readability.docx_styles import (
    NO_STYLES,
    Look,
    StyleHiding,
    as_shown,
    hidden_styles,
    local_name,
    marked_language,
    own_look,
    paragraph_style,
    run_is_hidden,
    run_is_unseen,
    run_look,
    switched_on,
)
from letterforge.readability.docx_styles import (
    attr as _attr,
)
from letterforge.readability.docx_styles import (
    child as _child,
)
from letterforge.readability.text import normalise

__all__ = [
    "NO_STYLES",
    "StyleHiding",
    "hidden_styles",
    "local_name",
    "run_is_hidden",
    "run_is_unseen",
]

MAX_FILE_BYTES: Final = 20 * 1024 * 1024  # a letter with several large images
MAX_PART_BYTES: Final = 16 * 1024 * 1024  # decompressed XML of one part
MAX_TOTAL_XML_BYTES: Final = 32 * 1024 * 1024
MAX_ELEMENTS: Final = 400_000
MAX_WORD_CHARS: Final = 1_000
MAX_SECONDS: Final = 5.0
_CHUNK = 64 * 1024

_STRICT_MAIN = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and encrypted .docx
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


class UnreadableDocument(ValueError):
    """A file we cannot or will not read; `reason` is one Dutch sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NOT_WORD = (
    "Dit is geen geldig Word-bestand (.docx). Sla het opnieuw op in Word als"
    " 'Word-document' en probeer het nog eens."
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's text and where it came from (part name, document order)."""

    part: str
    text: str
    element: object = field(repr=False, compare=False, default=None)
    # Further w:p elements joined into this one (a deleted or hidden paragraph
    # mark, a drop cap), each with the offset in `text` where its text starts.
    more: tuple[tuple[int, object], ...] = field(repr=False, compare=False, default=())
    # For a paragraph of a footnote or endnote: the note's w:id, which its
    # reference mark in the body carries too (to put a comment there).
    note: str = ""
    # The length of the numbering label ("Stap 1 – ") read in front of each w:p
    # of [element, *more], which no run holds (annotate.py skips it).
    leads: tuple[int, ...] = ()
    # (start, end, language tag) of text the writer marked as another language
    # than Dutch (w:lang), offsets in `text`.
    langs: tuple[tuple[int, int, str], ...] = ()
    # What the part is to the reader, from the relationship type that links it
    # (ECMA-376 Part 2 §9; a part's name carries no meaning): "document",
    # "header", "footer", "footnotes", "endnotes", or "chunk" (an inserted file).
    kind: str = "document"


@dataclass(frozen=True)
class DocxText:
    """The readable text plus what a reader of the report must know about it."""

    paragraphs: tuple[Paragraph, ...]
    tracked_changes: bool
    strict: bool
    # Text formatted as hidden (w:vanish, w:specVanish, directly or by a character
    # style) was left out: Word neither shows nor prints it.
    hidden_text: bool = False
    # Parts of the document we cannot read (w:altChunk in another format than
    # HTML or plain text); their text is missing from the report.
    unread_parts: bool = False
    # Content controls still showing their placeholder ("Klik of tik om tekst in
    # te voeren."): not letter text, so not scored; the placeholder texts, in order.
    placeholders: tuple[str, ...] = ()
    # What was not read, by name ("een grafiek", "SmartArt"), for the notice.
    unread_kinds: tuple[str, ...] = ()
    # Text drawn as a shape (a watermark such as "CONCEPT", VML WordArt): the
    # reader sees it, but it is a picture, not letter text; named, not scored.
    drawn_texts: tuple[str, ...] = ()
    # Pictures: their alternative text (wp:docPr descr, or title; "" when none),
    # in order. Text inside a picture is not read; the report says so.
    pictures: tuple[str, ...] = ()
    # Text the reader cannot see although it is not hidden (white on white, 2 pt
    # or smaller: docx_styles.unseen): left out like hidden text, and named.
    unseen_text: bool = False
    # Comments in the margin (w:comment in the comments part): Word shows them,
    # but they are remarks on the letter, not letter text; counted and named.
    comments: int = 0
    # Mail-merge fields not merged yet: the «Naam» Word shows as the result of
    # a MERGEFIELD. The file is a template, not the letter; named (merge_notice).
    merge_fields: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs if p.text.strip())

    def language_marks(self) -> list[tuple[int, int, str]]:
        """(start, end, language tag) of the text marked as another language
        than Dutch (w:lang), as offsets in normalise(self.text)."""
        marks: list[tuple[int, int, str]] = []
        cursor = 0
        for p in self.paragraphs:
            if not p.text.strip():
                continue
            for start, end, tag in p.langs:
                begin = cursor + len(normalise(p.text[:start]))
                finish = cursor + len(normalise(p.text[:end]))
                if marks and marks[-1][2] == tag and marks[-1][1] == begin:
                    begin = marks.pop()[0]  # runs side by side: one mark
                marks.append((begin, finish, tag))
            cursor += len(normalise(p.text)) + 2  # the blank line between them
        return marks

    @property
    def incomplete(self) -> bool:
        """Whether text the reader sees was not read: an inserted file we cannot
        read, SmartArt, a chart, an embedded object, ... (unread_kinds). Not a
        date Word fills in or a watermark (no letter text), nor hidden text,
        placeholders or pictures, which have notices of their own. A verdict
        on such a text holds only for the part we read (PARTLY_READ)."""
        if self.unread_parts and not self.unread_kinds:
            return True
        return any(k not in (WORD_DATE, DRAWN) for k in self.unread_kinds)

    def notices(self) -> list[str]:
        """What a reader of the report must know about what we read, in Dutch."""
        found = []
        if self.tracked_changes:
            found.append(TRACKED_CHANGES)
        if self.hidden_text:
            found.append(HIDDEN_TEXT)
        if self.unseen_text:
            found.append(UNSEEN_TEXT)
        if self.comments:
            found.append(comments_notice(self.comments))
        others = [k for k in self.unread_kinds if k != DRAWN]
        # Pasting as plain text helps for what we cannot read, not for a date
        # Word fills in, a drawing or an equation (it pastes as a picture or
        # as its pieces in a row).
        pasteable = [k for k in others if k != WORD_DATE and not _is_formula(k)]
        if self.unread_parts and (pasteable or not self.unread_kinds):
            found.append(UNREAD_PARTS)
        if others:
            found.append(f"Niet gelezen: {_names(others)}.")
        if any(_is_formula(k) for k in others):
            found.append(FORMULA_ADVICE)
        found += [drawn_notice(t) for t in self.drawn_texts[:MAX_NOTICES]]
        if self.pictures:
            found.append(pictures_notice(self.pictures))
        if self.merge_fields:
            found.append(merge_notice(self.merge_fields))
        found += [placeholder_notice(t) for t in self.placeholders[:MAX_NOTICES]]
        if len(self.placeholders) > MAX_NOTICES:
            found.append(
                f"Let op: nog {len(self.placeholders) - MAX_NOTICES} andere velden"
                " zijn nog niet ingevuld."
            )
        return found


# The verdict on a text that meets B1 but of which we could not read everything
# (DocxText.incomplete): the command line and the page both say it this way.
PARTLY_READ: Final = "De tekst voldoet aan B1 voor het deel dat wij konden lezen."
PARTLY_READ_STRICT: Final = (
    "de tekst voldoet aan B1 voor het deel dat wij konden lezen, maar een deel"
    " konden wij niet lezen (zie 'Niet gelezen'). Controleer dat deel zelf."
)


NOTHING_READABLE: Final = "In dit bestand staat geen tekst die wij kunnen lezen."


def empty_reason(read: DocxText, no_text: str) -> str:
    """Why a file gives no text to check, in Dutch: `no_text` ("Er staat geen
    tekst in dit bestand.") when it is empty, otherwise that we could not read
    what is there, followed by the notices that say what (a chart, hidden text)."""
    notices = read.notices()
    if not notices:
        return no_text
    return " ".join([NOTHING_READABLE, *notices])


TRACKED_CHANGES: Final = (
    "Let op: dit bestand bevat bijgehouden wijzigingen. Wij lazen de tekst zoals"
    " die wordt als u alle wijzigingen accepteert."
)
HIDDEN_TEXT: Final = (
    "Let op: dit bestand bevat verborgen tekst. Die ziet de lezer niet; wij hebben"
    " die tekst niet gecontroleerd."
)
UNSEEN_TEXT: Final = (
    "Let op: dit bestand bevat tekst in de kleur van de achtergrond of heel kleine"
    " tekst. Die ziet de lezer niet; wij hebben die tekst niet beoordeeld."
)
UNREAD_PARTS: Final = (
    "Let op: een deel van dit bestand konden wij niet lezen. Dat deel is niet"
    " gecontroleerd. Plak die tekst in Word als gewone tekst en controleer opnieuw."
)


def comments_notice(count: int) -> str:
    which = "1 opmerking" if count == 1 else f"{count} opmerkingen"
    return (
        f"Let op: dit bestand heeft {which} in de kantlijn. Die tekst hebben wij"
        " niet gecontroleerd. Haal opmerkingen weg voordat u de brief verstuurt."
    )


DRAWN: Final = "watermerk of WordArt"
# Run content Word replaces by today's date when it shows the document
# (ECMA-376 Part 1 §17.3.3: w:dayLong, w:monthShort, ...): no text in the file
# to read, so named instead of read as empty.
WORD_DATE: Final = "een datum die Word zelf invult"
_WORD_DATES: Final = frozenset(
    {"dayLong", "dayShort", "monthLong", "monthShort", "yearLong", "yearShort"}
)


def _names(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " en " + kinds[-1]


def drawn_notice(text: str) -> str:
    shown = " ".join(text.split())[:_PLACEHOLDER_EXCERPT]
    return (
        f"Let op: dit bestand heeft een watermerk of WordArt met de tekst '{shown}'."
        " Die tekst hebben wij niet gecontroleerd."
    )


def pictures_notice(pictures: tuple[str, ...]) -> str:
    """The notice for pictures: how many, and what their descriptions say."""
    count = len(pictures)
    which = "1 afbeelding" if count == 1 else f"{count} afbeeldingen"
    said = [" ".join(d.split()) for d in pictures if d.strip()][:MAX_NOTICES]
    described = "".join(
        f" Beschrijving: '{_cut(d)}'{'' if d.endswith(('.', '!', '?')) else '.'}"
        for d in said
    )
    return (
        f"Let op: dit bestand heeft {which}. Tekst in een afbeelding hebben wij"
        f" niet gelezen.{described}"
    )


def _cut(text: str) -> str:
    if len(text) <= _PLACEHOLDER_EXCERPT:
        return text
    return text[: _PLACEHOLDER_EXCERPT - 1].rstrip() + "…"


MAX_NOTICES: Final = 5  # placeholder notices named one by one
_PLACEHOLDER_EXCERPT: Final = 60


def merge_notice(fields: tuple[str, ...]) -> str:
    """The notice for unmerged mail-merge fields (DocxText.merge_fields)."""
    shown = ", ".join(fields[:MAX_NOTICES])
    more = f" en nog {len(fields) - MAX_NOTICES}" if len(fields) > MAX_NOTICES else ""
    return (
        f"Let op: dit bestand heeft samenvoegvelden die nog niet zijn ingevuld:"
        f" {shown}{more}. Wij controleerden de tekst met de namen van de velden."
        " Controleer de brief ook na het samenvoegen."
    )


# A MERGEFIELD's result before merging: its name in guillemets (Word writes
# «Naam»); ECMA-376 Part 1 §17.16.5.35.
_MERGE_RESULT: Final = re.compile(r"«[^«»\n]{1,80}»")
_MERGE_CODE: Final = re.compile(r"\bMERGEFIELD\b", re.IGNORECASE)


def _merge_fields(p: etree._Element, text: str) -> list[str]:
    """The «…» results of mail-merge fields in paragraph `p` (read as `text`);
    [] when `p` has no MERGEFIELD, so guillemets typed as quotes stay text."""
    if "«" not in text:
        return []
    codes = (
        (e.text or "") if local_name(e.tag) == "instrText" else _attr(e, "instr")
        for e in p.iter("{*}instrText", "{*}fldSimple")
    )
    if not any(_MERGE_CODE.search(code) for code in codes):
        return []
    return _MERGE_RESULT.findall(text)


def placeholder_notice(text: str) -> str:
    shown = " ".join(text.split())
    if len(shown) > _PLACEHOLDER_EXCERPT:
        shown = shown[: _PLACEHOLDER_EXCERPT - 1].rstrip() + "…"
    end = "" if shown.endswith((".", "!", "?", "…")) else "."
    return (
        f"Let op: dit veld is nog niet ingevuld: '{shown}'{end} Vul het in; wij"
        " hebben de tekst van dat veld niet gecontroleerd."
    )


class _Budget:
    """Elements visited and time spent, shared by every part of one file."""

    def __init__(self) -> None:
        self.elements = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def visit(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise UnreadableDocument(
                f"Het bestand heeft meer dan {MAX_ELEMENTS:,} onderdelen; zo'n"
                " groot bestand controleren wij niet.".replace(",", ".")
            )
        if self.elements % 4096 == 0 and time.monotonic() > self.deadline:
            raise UnreadableDocument(
                "Het lezen van dit bestand duurt te lang. Controleer een kleiner"
                " deel van de tekst."
            )


# Elements the walk passes over, each with why a reader of the letter does not
# see its text here (or sees it elsewhere, where it is read):
SKIPPED = frozenset(
    {# Tracked deletions: gone once the changes are accepted; the report names
     # tracked changes (TRACKED_CHANGES).
     "del", "moveFrom", "delText", "delInstrText",
     # A field's code: Word shows its result, not the code (Alt+F9 aside);
     # buttons whose text is in the code are named by _field.
     "instrText",
     # Properties: formatting, no text. sdtPr's w:alias/w:tag show only as a
     # tooltip; its placeholder text is named via is_placeholder. sectPr's
     # header and footer references are read as their own parts.
     "sdtPr", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sectPr",
     # mc:Fallback repeats what mc:Choice holds (read once, from Choice).
     "Fallback",
     # A note's or comment's mark is a number or sign; the note itself is read
     # from the footnotes/endnotes part, the comments are counted apart.
     "footnoteReference", "endnoteReference", "commentReference",
     "annotationRef",
     # A form field's binary data, never shown.
     "fldData",
     # Not read but named (_NOT_READ); here so annotate.py passes over them too.
     "oMathPara", "oMath"}
)  # fmt: skip
# A ruby (Word's "Phonetic Guide", ECMA-376 Part 1 §17.3.3.25) shows its guide
# text (w:rt) above the base text (w:rubyBase); both are read, as
# "basis (uitleg)", so the guide's words are checked too (ruby_guide).
RUBY_GUIDE: Final = "rt"
_CHANGES = frozenset({"ins", "del", "moveFrom", "moveTo"})


# Visible content whose text we do not read: SmartArt (dgm:relIds points to its
# own parts), charts and embedded objects (an Excel sheet, OLE). The report says
# a part was not read, instead of passing over it in silence.
_NOT_READ: Final = {
    "relIds": "SmartArt",
    "chart": "een grafiek",
    "OLEObject": "een ingesloten object",
    # An equation (Office Math): its pieces in a row ("ab" for a over b) would
    # misread it, so it is named, not read.
    "oMathPara": "een formule",  # FORMULA; one per m:oMath in it (_left_out)
    "oMath": "een formule",
    # A master document's link to a subdocument: its text is in another file.
    "subDoc": "een subdocument",
    # Ink (handwriting drawn in Word).
    "contentPart": "een tekening met de pen",
}
CHUNK: Final = "een ingevoegd bestand (geen Word, HTML of MHT)"
FORMULA: Final = "een formule"
# Kinds named with their number when there are more ("2 formules"): each one is
# text the reader sees and we did not read.
_MANY: Final = {
    CHUNK: "{} ingevoegde bestanden (geen Word, HTML of MHT)",
    FORMULA: "{} formules",
}


def _counted(kinds: list[str]) -> tuple[str, ...]:
    """Each kind once, in order; unread inserted files and formulas counted
    ("2 ingevoegde bestanden ...", "3 formules")."""
    named = {
        kind: many.format(kinds.count(kind)) if kinds.count(kind) > 1 else kind
        for kind, many in _MANY.items()
    }
    return tuple(dict.fromkeys(named.get(k, k) for k in kinds))


def _is_formula(kind: str) -> bool:
    return kind == FORMULA or kind.endswith(" formules")


FORMULA_ADVICE: Final = (
    "De tekst in formules hebben wij niet gecontroleerd. Controleer die tekst zelf."
)


CHUNK_ELSEWHERE: Final = "een ingevoegd bestand in een kop- of voettekst of noot"


def _switched_on(element: etree._Element) -> bool:
    return switched_on(element)


def _own_hiding(rpr: etree._Element | None) -> bool | None:
    """True/False when run properties switch hiding on or off, None when silent."""
    return own_look(rpr).hidden


def _val(element: etree._Element | None) -> str:
    return _attr(element, "val")


def is_placeholder(sdt: etree._Element) -> bool:
    """Whether a content control (w:sdt) still shows its placeholder text."""
    props = next((c for c in sdt if local_name(c.tag) == "sdtPr"), None)
    return props is not None and any(
        local_name(c.tag) == "showingPlcHdr" and _switched_on(c) for c in props
    )


def _cell_deleted(tc: etree._Element) -> bool:
    """Whether a table cell is a tracked deletion (w:tcPr/w:cellDel, ECMA-376
    Part 1 §17.13.5.1): its text reads as gone, like w:del."""
    return _child(_child(tc, "tcPr"), "cellDel") is not None


def _placeholder_text(sdt: etree._Element) -> str:
    content = next((c for c in sdt if local_name(c.tag) == "sdtContent"), None)
    if content is None:
        return ""
    return "".join(
        t.text or "" for t in content.iter() if local_name(t.tag) == "t"
    ).strip()


# Characters of the symbol fonts Word uses for check marks, boxes and bullets
# (w:sym stores the font's private code, F0xx). Others read as a box: a symbol
# is one character, never nothing (it left "een  vinkje" with two spaces).
_SYMBOLS: Final = {
    "F0FC": "✔", "F0FB": "✘", "F0FD": "☒", "F0FE": "☑", "F0A8": "☐", "F06F": "☐",
    "F0A7": "▪", "F0B7": "•", "F0D8": "➢", "F0E0": "→", "F0E8": "➔", "F04A": "☺",
}  # fmt: skip
OTHER_SYMBOL: Final = "□"


# Fonts whose letters are pictures: "ü" in Wingdings shows a check mark.
SYMBOL_FONTS: Final = frozenset(
    {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "marlett"}
)


def in_symbol_font(text: str) -> str:
    """Text in a symbol font as the characters Word shows, one for one."""
    shown = []
    for char in text:
        code = ord(char)
        code = code + 0xF000 if code < 0x100 else code
        shown.append(_SYMBOLS.get(f"{code:04X}", OTHER_SYMBOL) if char != " " else " ")
    return "".join(shown)


def symbol(sym: etree._Element) -> str:
    """The character a w:sym shows, as one Unicode character."""
    code = next((v for k, v in sym.attrib.items() if local_name(k) == "char"), "")
    code = code.upper()
    if len(code) == 2:
        code = "F0" + code  # Word may store F0FC as FC
    return _SYMBOLS.get(code, OTHER_SYMBOL)


# Fields with no result part: the text Word shows is an argument of the field
# code (ECMA-376 Part 1 §17.16.5): MACROBUTTON MacroName display text,
# GOTOBUTTON bookmark display text, AUTOTEXTLIST "text" \s style \t tip. In a
# template that text is a prompt ("[Klik hier en typ de naam]"), so it is named
# as a field not yet filled in, like a content control's placeholder.
_BUTTONS: Final = frozenset({"MACROBUTTON", "GOTOBUTTON"})
_FIELD_WORD: Final = re.compile(r'\s*("[^"]*"|\S+)')


def button_text(code: str) -> str | None:
    """The display text of a MACROBUTTON, GOTOBUTTON or AUTOTEXTLIST field code
    ("" when it has none), or None for any other field."""
    first = _FIELD_WORD.match(code)
    if first is None:
        return None
    kind = first.group(1).upper()
    rest = code[first.end() :]
    if kind in _BUTTONS:
        target = _FIELD_WORD.match(rest)  # the macro's name or the bookmark
        return "" if target is None else rest[target.end() :].strip()
    if kind == "AUTOTEXTLIST":
        text = _FIELD_WORD.match(rest)
        if text is None or text.group(1).startswith("\\"):
            return ""
        return text.group(1).strip('"').strip()
    return None


# A legacy form field (Word 97 forms, still in many municipal templates) keeps
# what it shows in its ffData, not in a result: a drop-down list shows its chosen
# entry, a check box a box (ECMA-376 Part 1 §17.16.17 ffData, §17.16.9 ddList,
# §17.16.7 checkBox). FORMTEXT has an ordinary result, read as any field's.
CHECKED: Final = "☒"
UNCHECKED: Final = "☐"


def form_field_text(fld_char: etree._Element) -> str:
    """What Word shows for the legacy form field that this "begin" w:fldChar
    starts: the chosen entry of a drop-down list (w:result, else w:default,
    else the first), ☒ or ☐ for a check box (w:checked, else w:default); ""
    for any other field."""
    data = _child(fld_char, "ffData")
    if data is None:
        return ""
    choices = _child(data, "ddList")
    if choices is not None:
        entries = [_attr(c, "val") for c in choices if local_name(c.tag) == "listEntry"]
        chosen = _child(choices, "result")
        if chosen is None:
            chosen = _child(choices, "default")
        index = _attr(chosen, "val") if chosen is not None else "0"
        try:
            return entries[int(index)] if entries else ""
        except (ValueError, IndexError):
            return entries[0]
    box = _child(data, "checkBox")
    if box is None:
        return ""
    state = _child(box, "checked")
    if state is None:
        default = _child(box, "default")
        on = default is not None and _attr(default, "val") in ("1", "true", "on")
    else:
        on = switched_on(state)
    return CHECKED if on else UNCHECKED


class FieldState:
    """Where a walk is in nested complex fields (ECMA-376 Part 1 §17.16.18): a
    field's code runs from its "begin" to its "separate", its result from there to
    its "end", and a field inside a code (IF { MERGEFIELD aanhef } …) is part of
    that code. Text is read only outside every code: what Word shows. A button
    field (button_text) shows no result: its result, if any, is not read either;
    mark() returns its display text once its code is complete."""

    def __init__(self) -> None:
        self._in_code: list[bool] = []  # one per open field, innermost last
        self._codes: list[list[str]] = []  # the code text of each open field
        self._button: list[bool] = []  # whether each open field is a button

    def code(self, text: str) -> None:
        """Code text (w:instrText) of the innermost open field."""
        if self._codes and self._in_code[-1]:
            self._codes[-1].append(text)

    def mark(self, fld_char: etree._Element) -> str | None:
        kind = next(
            (v for k, v in fld_char.attrib.items() if local_name(k) == "fldCharType"),
            "",
        )
        if kind == "begin":
            self._in_code.append(True)
            self._codes.append([])
            self._button.append(False)
        elif kind in ("separate", "end") and self._in_code:
            shown = None
            # Named only when Word shows this field: not inside another's code.
            outer = not any(self._in_code[:-1]) and not any(self._button[:-1])
            if self._in_code[-1]:
                self._in_code[-1] = False
                shown = button_text("".join(self._codes[-1]))
                self._button[-1] = shown is not None
            if kind == "end":
                self._in_code.pop()
                self._codes.pop()
                self._button.pop()
            if shown is not None and outer:
                return shown
        return None

    @property
    def reading(self) -> bool:
        return not any(self._in_code) and not any(self._button)


def joins_next(p: etree._Element) -> str | None:
    """How a paragraph runs on into the next one, or None when it does not: a
    paragraph mark that is a tracked deletion or hidden (" " when no space is
    there, so words stay apart), or a drop cap, whose letter starts the next
    paragraph's first word ("")."""
    ppr = _child(p, "pPr")
    if ppr is None:
        return None
    frame = _child(ppr, "framePr")
    if frame is not None:
        cap = next(
            (v for k, v in frame.attrib.items() if local_name(k) == "dropCap"), ""
        )
        if cap in ("drop", "margin"):
            return ""
    mark = _child(ppr, "rPr")
    if mark is not None and (_child(mark, "del") is not None or _own_hiding(mark)):
        return " "
    return None


class _Pieces:
    """The text of one paragraph as it is read, with its length kept."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


# Language tags that say "no language" rather than another one.
_NO_LANGUAGE: Final = frozenset({"", "x-none", "zxx", "und"})


def _script_of(text: str) -> str:
    """Which w:lang attribute applies to `text` (§17.3.2.20): "bidi" for Arabic
    or Hebrew script, "east_asia" for Chinese, Japanese or Korean, else "val"."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "val"
    rtl = sum(1 for c in letters if unicodedata.bidirectional(c) in ("R", "AL"))
    east = sum(1 for c in letters if unicodedata.east_asian_width(c) in ("W", "F"))
    if rtl * 2 > len(letters):
        return "bidi"
    if east * 2 > len(letters):
        return "east_asia"
    return "val"


def foreign_tag(look: Look, text: str) -> str:
    """The language tag marked on text that is not Dutch, or "" (Dutch, no mark,
    or a mark that means no language)."""
    script = _script_of(text)
    tag = look.lang
    if script == "bidi" and look.lang_bidi:
        tag = look.lang_bidi
    elif script == "east_asia" and look.lang_east_asia:
        tag = look.lang_east_asia
    tag = (tag or "").strip()
    if tag.lower() in _NO_LANGUAGE or tag.lower().split("-")[0] == "nl":
        return ""
    return tag


NUMBERING: Final = "de tekst van een nummering in de vorm '{}'"


class _Walker:
    def __init__(
        self,
        part: str,
        budget: _Budget,
        styles: StyleHiding = NO_STYLES,
        numbering: NumberingPart = NO_NUMBERING,
        kind: str = "document",
    ) -> None:
        self.part = part
        self.kind = kind
        self.budget = budget
        self.styles = styles
        self.counters = Counters(numbering, styles)
        self.paragraphs: list[Paragraph] = []
        self.tracked = False
        self.strict = False
        self.hidden = False
        self.unseen = False  # white on white, or 2 pt or smaller (run_is_unseen)
        # (r:id, place) of every w:altChunk, in order; place: the number of
        # paragraphs before it, where Word shows the inserted file's text.
        self.chunks: list[tuple[str, int]] = []
        self.placeholders: list[str] = []
        self.merge_fields: list[str] = []
        self.unread = False  # a SmartArt, chart or embedded object (_NOT_READ)
        self.unread_kinds: list[str] = []
        self.drawn: list[str] = []  # v:textpath strings: watermarks, WordArt
        self.pictures: list[str] = []  # alternative texts ("" when none)
        self._symbols = False  # inside a run in a symbol font
        self._fields = FieldState()
        self._join: tuple[int, str] | None = None  # (paragraph index, separator)
        self._caps = False  # inside a run Word shows in capitals
        self._langs: list[tuple[int, int, str]] = []
        self.sections: list[etree._Element] = []  # w:sectPr, document part only

    def blocks(self, element: etree._Element) -> None:
        """Paragraphs and tables below `element`, in order."""
        for child in element:
            self.budget.visit()
            name = local_name(child.tag)
            if name == "p":
                self.paragraph(child)
            elif name == "altChunk":
                rel_id = next(
                    (v for k, v in child.attrib.items() if local_name(k) == "id"), ""
                )
                self.chunks.append((rel_id, len(self.paragraphs)))
            elif name in _NOT_READ:
                self._left_out(child, name)
            elif name in SKIPPED:
                self.tracked |= name in _CHANGES
            elif name == "sdt" and is_placeholder(child):
                self.placeholders.append(_placeholder_text(child))
            elif name == "tc" and _cell_deleted(child):
                self.tracked = True  # a deleted cell: gone once accepted
            else:
                # tbl, tr, tc, sdt, sdtContent, customXml, ins, moveTo, Choice…
                self.tracked |= name in _CHANGES
                self.blocks(child)

    def _label(self, p: etree._Element) -> str:
        label = self.counters.label(p)
        if label.unknown:
            self.unread = True
            self.unread_kinds.append(NUMBERING.format(label.unknown))
        if label.hidden or (label.text and _label_hidden(p, self.styles)):
            self.hidden = True
            return ""
        return label.text

    def paragraph(self, p: etree._Element) -> None:
        pieces = _Pieces()
        boxes: list[etree._Element] = []
        self._fields = FieldState()
        self._langs = []
        runs_on = joins_next(p)
        # A paragraph whose mark goes (a tracked deletion, hidden) becomes part
        # of the next one and takes its properties: its own label is not shown
        # (nor counted); the next one's label stands in front of both.
        label = "" if runs_on == " " else self._label(p)
        self.inline(p, pieces, boxes)
        text = pieces.text()
        self.merge_fields += _merge_fields(p, text)
        if self._join is not None:
            join, self._join = self._join, None
            target = self._joined(join, p, label, text)
        else:
            langs = tuple(
                (len(label) + a, len(label) + b, t) for a, b, t in self._langs
            )
            self.paragraphs.append(
                Paragraph(
                    self.part,
                    label + text,
                    p,
                    leads=(len(label),),
                    langs=langs,
                    kind=self.kind,
                )
            )
            target = len(self.paragraphs) - 1
        for box in boxes:  # text boxes anchored here follow their paragraph
            self.blocks(box)
        if runs_on is not None:
            self._join = (target, runs_on)

    def _joined(
        self, join: tuple[int, str], p: etree._Element, label: str, text: str
    ) -> int:
        """Put paragraph `p` (its `label` and `text`) after the one whose mark
        went (`join`: its index, the separator); the label goes in front of the
        joined paragraph. Returns the index."""
        index, separator = join
        last = self.paragraphs[index]
        if not separator or not last.text or last.text[-1:].isspace():
            separator = ""
        if text[:1].isspace():
            separator = ""
        shift = len(label)
        start = shift + len(last.text) + len(separator)
        leads = [*last.leads, *[0] * (1 + len(last.more) - len(last.leads))]
        leads[0] += shift
        self.paragraphs[index] = dataclasses.replace(
            last,
            text=label + last.text + separator + text,
            more=(*((o + shift, e) for o, e in last.more), (start, p)),
            leads=(*leads, 0),
            langs=(
                *((a + shift, b + shift, t) for a, b, t in last.langs),
                *((start + a, start + b, t) for a, b, t in self._langs),
            ),
        )
        return index

    def _left_out(self, child: etree._Element, name: str) -> bool:
        """Whether the walk passes over `child`, noting why (for the report)."""
        self.tracked |= name in _CHANGES
        if name in _NOT_READ:
            self.unread = True
            count = len(child.findall("{*}oMath")) if name == "oMathPara" else 1
            self.unread_kinds += [_NOT_READ[name]] * max(count, 1)
            return True
        if name in SKIPPED or name == RUBY_GUIDE:  # the guide: _ruby
            return True
        if name in _WORD_DATES:
            self.unread = True
            if WORD_DATE not in self.unread_kinds:
                self.unread_kinds.append(WORD_DATE)
            return True
        if name == "sdt" and is_placeholder(child):
            self.placeholders.append(_placeholder_text(child))
            return True
        picture = _picture(child, name)
        if picture is not None:
            self.pictures.append(picture)
        if name == "textpath":
            drawn = next(
                (v for k, v in child.attrib.items() if local_name(k) == "string"), ""
            )
            if drawn.strip():  # the shape type's textpath holds no text
                self.unread = True
                self.unread_kinds.append(DRAWN)
                self.drawn.append(drawn.strip())
            return True
        return False

    def run(
        self, run: etree._Element, pieces: _Pieces, boxes: list[etree._Element]
    ) -> None:
        """One w:r: left out when hidden; in capitals when Word shows it so; its
        language mark noted."""
        look = run_look(run, self.styles)
        if look.hidden:
            self.hidden = True
            return
        if run_is_unseen(run, self.styles):
            self.unseen = True
            return
        caps, self._caps = self._caps, bool(look.caps)
        symbols, self._symbols = self._symbols, look.font.lower() in SYMBOL_FONTS
        start, first = pieces.length, len(pieces.parts)
        self.inline(run, pieces, boxes)
        self._caps, self._symbols = caps, symbols
        if pieces.length > start:
            shown = "".join(pieces.parts[first:])
            tag = foreign_tag(marked_language(run, self.styles), shown)
            if tag:
                self._langs.append((start, pieces.length, tag))

    def _field(self, child: etree._Element, name: str) -> bool:
        """Whether `child` is field markup, handled here: a complex field's
        code and marks, or a simple field that is a button (button_text),
        whose display text is noted as a placeholder and whose result, if
        any, is not what Word shows."""
        if name == "instrText":
            self._fields.code(child.text or "")
            return True
        if name == "fldChar":
            shown = self._fields.mark(child)
            if shown is not None:
                self.placeholders.append(shown)
            return True
        if name == "fldSimple":
            shown = button_text(_attr(child, "instr"))
            if shown is None:
                return False
            if self._fields.reading:
                self.placeholders.append(shown)
            return True
        return False

    def inline(
        self, element: etree._Element, pieces: _Pieces, boxes: list[etree._Element]
    ) -> None:
        for child in element:
            self.budget.visit()
            name = local_name(child.tag)
            if name == "fldChar" and self._fields.reading:
                pieces.append(form_field_text(child))  # a form field's choice
            if self._field(child, name) or self._left_out(child, name):
                continue
            if name == "r":
                self.run(child, pieces, boxes)
            elif name == "t" and self._fields.reading:
                text = child.text or ""
                if self._symbols:
                    text = in_symbol_font(text)
                pieces.append(as_shown(text) if self._caps else text)
            elif name in _ONE_CHARACTER:
                pieces.append(_ONE_CHARACTER[name])
            elif name == "sym":
                pieces.append(symbol(child))
            elif name == "txbxContent":
                boxes.append(child)
            elif name == "ruby":
                self._ruby(child, pieces, boxes)
            else:
                self.inline(child, pieces, boxes)

    def _ruby(
        self, ruby: etree._Element, pieces: _Pieces, boxes: list[etree._Element]
    ) -> None:
        """The base text, then the guide text in brackets (ruby_guide)."""
        self.inline(ruby, pieces, boxes)  # passes over w:rt (_left_out)
        guide = ruby_guide(ruby)
        if guide and self._fields.reading:
            pieces.append(guide)


# What a line break, tab or non-breaking hyphen is in the read text.
_ONE_CHARACTER: Final = {
    "br": "\n", "cr": "\n", "tab": " ", "ptab": " ", "noBreakHyphen": "-"
}  # fmt: skip


def ruby_guide(ruby: etree._Element) -> str:
    """What a ruby's guide text adds to the read text, after its base:
    " (uitleg)", or "" when the guide is empty. The guide is read as plain
    text (its own runs' formatting is not looked at: it is a short gloss)."""
    guide = " ".join(
        "".join(t.text or "" for t in rt.iter() if local_name(t.tag) == "t")
        for rt in ruby
        if local_name(rt.tag) == RUBY_GUIDE
    ).strip()
    return f" ({guide})" if guide else ""


_PICTURE_URI: Final = re.compile(r"/picture$")


def _picture(element: etree._Element, name: str) -> str | None:
    """The alternative text of a picture `element` starts ("" when it has none),
    or None when it is no picture: a DrawingML picture (a:graphicData of the
    picture kind, its wp:docPr descr or title) or a VML image (v:imagedata,
    its shape's alt), except the preview picture of an embedded object."""
    if name == "graphicData" and _PICTURE_URI.search(_attr(element, "uri")):
        frame = next(
            (
                a
                for a in element.iterancestors()
                if local_name(a.tag) in ("inline", "anchor")
            ),
            None,
        )
        props = _child(frame, "docPr")
        return _attr(props, "descr") or _attr(props, "title")
    if name == "imagedata":
        if any(local_name(a.tag) == "object" for a in element.iterancestors()):
            return None
        return _attr(element.getparent(), "alt")
    return None


def _label_hidden(p: etree._Element, styles: StyleHiding) -> bool:
    """Whether a paragraph's numbering label is hidden with its paragraph: the
    paragraph mark (w:pPr/w:rPr) or the paragraph style says w:vanish."""
    mark = own_look(_child(_child(p, "pPr"), "rPr")).hidden
    if mark is not None:
        return mark
    return bool(styles.of(paragraph_style(p, styles)).hidden)


def _read_part(archive: zipfile.ZipFile, name: str, used: list[int]) -> bytes:
    """A part's bytes, decompressed in chunks and stopped at the limits."""
    try:
        info = archive.getinfo(name)
    except KeyError as e:
        raise UnreadableDocument(NOT_WORD) from e
    if info.file_size > MAX_PART_BYTES:
        raise _too_big()
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            used[0] += len(chunk)
            # The sizes in the zip directory can lie; what counts is what comes out.
            if len(out) > MAX_PART_BYTES or used[0] > MAX_TOTAL_XML_BYTES:
                raise _too_big()
    return bytes(out)


def _too_big() -> UnreadableDocument:
    return UnreadableDocument(
        f"Uitgepakt is dit bestand groter dan {MAX_PART_BYTES // (1024 * 1024)} MB"
        " tekst. Zo'n groot of verdacht bestand controleren wij niet."
    )


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def _parse(data: bytes) -> etree._Element:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as e:
        if "depth" in str(e).lower():  # libxml2's limit of 256 levels
            raise UnreadableDocument(
                "Het bestand is te diep genest (meer dan 256 lagen). Zo'n bestand"
                " maakt Word niet; controleer het bestand."
            ) from e
        if "huge" in str(e).lower():  # libxml2's limit on one text node (10 MB)
            raise UnreadableDocument(
                "Het bestand heeft een stuk tekst van meer dan 10 MB zonder"
                " opmaak. Zo'n bestand controleren wij niet."
            ) from e
        raise UnreadableDocument(NOT_WORD) from e
    if root.getroottree().docinfo.doctype:
        # Word never writes a DTD; its entities would be text we do not read.
        raise UnreadableDocument(NOT_WORD)
    return root


def _main_part(archive: zipfile.ZipFile, used: list[int]) -> str:
    rels = _parse(_read_part(archive, "_rels/.rels", used))
    for rel in rels:
        if _OFFICE_DOCUMENT.search(rel.get("Type", "")):
            return str(rel.get("Target", "")).lstrip("/")
    raise UnreadableDocument(NOT_WORD)


def _relationships(
    archive: zipfile.ZipFile, main: str, used: list[int]
) -> list[tuple[str, str, str]]:
    """(id, kind, part name) of every internal relationship of the main part."""
    folder, _, base = main.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_name not in archive.namelist():
        return []
    found = []
    for rel in _parse(_read_part(archive, rels_name, used)):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        found.append((rel.get("Id", ""), kind, path.lstrip("/")))
    return found


def _related_parts(rels: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """Header, footer, footnote and endnote parts of the main part, by kind."""
    found: dict[str, list[str]] = {}
    for _, kind, path in rels:
        if kind in ("header", "footer", "footnotes", "endnotes"):
            found.setdefault(kind, []).append(path)
    return found


_HTML_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th",
                "tr", "table", "ul", "ol", "blockquote", "pre")  # fmt: skip


def _mht_html(data: bytes) -> bytes | None:
    """The HTML of an MHT file (MIME, RFC 2557: what Word writes as "webpagina,
    één bestand"): its first text/html part, decoded from its transfer encoding;
    None when it has none. The stdlib email package reads the MIME."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None


def _chunk_paragraphs(name: str, data: bytes) -> list[str] | None:
    """The paragraphs of an altChunk part in HTML, MHT or plain text; None for
    any other format (RTF), which we do not read."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix in ("mht", "mhtml"):
        html = _mht_html(data)
        return None if html is None else _chunk_paragraphs("part.html", html)
    if suffix in ("txt", "text"):
        text = decode_text(data)
    elif suffix in ("htm", "html", "xhtml"):
        # lxml's HTML parser reads no DTD and fetches nothing from the network.
        try:
            root = lxml_html.document_fromstring(data)
        except (etree.ParserError, ValueError):
            return None
        for element in root.iter("br"):
            element.tail = "\n" + (element.tail or "")
        for element in root.iter(*_HTML_BLOCKS):
            element.tail = "\n\n" + (element.tail or "")
        body = root.find("body")
        text = (body if body is not None else root).text_content()
    else:
        return None
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [" ".join(b.split(" ")).strip() for b in blocks if b.strip()]


def _notes(root: etree._Element, walker: _Walker) -> None:
    for note in root:
        kind = next((v for k, v in note.attrib.items() if k.endswith("}type")), "")
        if kind in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        first = len(walker.paragraphs)
        walker.blocks(note)
        note_id = next((v for k, v in note.attrib.items() if local_name(k) == "id"), "")
        walker.paragraphs[first:] = [
            dataclasses.replace(p, note=note_id) for p in walker.paragraphs[first:]
        ]


def _walk_part(
    archive: zipfile.ZipFile,
    name: str,
    used: list[int],
    budget: _Budget,
    kind: str,
    styles: StyleHiding = NO_STYLES,
    numbering: NumberingPart = NO_NUMBERING,
) -> _Walker:
    root = _parse(_read_part(archive, name, used))
    walker = _Walker(name, budget, styles, numbering, kind)
    walker.strict = _STRICT_MAIN in root.nsmap.values()
    if kind in ("footnotes", "endnotes"):
        _notes(root, walker)
    elif kind == "document":
        body = next((c for c in root if local_name(c.tag) == "body"), None)
        if body is None:
            raise UnreadableDocument(NOT_WORD)
        walker.blocks(body)
        # The sections in force; not the earlier properties a tracked change
        # keeps (w:sectPrChange holds a w:sectPr too).
        walker.sections = [
            section
            for section in root.iter("{*}sectPr")
            if local_name(section.getparent().tag) != "sectPrChange"
        ]
    else:
        walker.blocks(root)
    return walker


def _styles(
    archive: zipfile.ZipFile, rels: list[tuple[str, str, str]], used: list[int]
) -> StyleHiding:
    for _, kind, path in rels:
        if kind == "styles" and path in archive.namelist():
            return hidden_styles(_parse(_read_part(archive, path, used)))
    return NO_STYLES


def _numbering(
    archive: zipfile.ZipFile, rels: list[tuple[str, str, str]], used: list[int]
) -> NumberingPart:
    for _, kind, path in rels:
        if kind == "numbering" and path in archive.namelist():
            return numbering_part(_parse(_read_part(archive, path, used)))
    return NO_NUMBERING


def _chunks(
    archive: zipfile.ZipFile,
    walker: _Walker,
    rels: list[tuple[str, str, str]],
    used: list[int],
    depth: int = 0,
) -> tuple[list[Paragraph], bool]:
    """The body's paragraphs with the text of its altChunks (HTML, MHT, text or
    a Word file) at the place of each w:altChunk, as Word shows it, and whether
    any inserted part could not be read (each one counted in unread_kinds)."""
    targets = {rel_id: path for rel_id, kind, path in rels if kind == "aFChunk"}
    ordered: list[Paragraph] = []
    taken = 0  # body paragraphs already in `ordered`
    unread = False
    for rel_id, place in walker.chunks:
        ordered += walker.paragraphs[taken:place]
        taken = max(taken, place)
        path = targets.get(rel_id)
        if path is None or path not in archive.namelist():
            unread = True
            walker.unread_kinds.append(CHUNK)
            continue
        data = _read_part(archive, path, used)
        if path.rsplit(".", 1)[-1].lower() in _WORD_SUFFIXES:
            inner, failed = _inner_word(data, depth, walker)
            ordered += [
                dataclasses.replace(p, part=path, kind=CHUNK_KIND) for p in inner
            ]
            unread |= failed
            continue
        texts = _chunk_paragraphs(path, data)
        if texts is None:
            unread = True
            walker.unread_kinds.append(CHUNK)
            continue
        ordered += [Paragraph(path, text, kind=CHUNK_KIND) for text in texts]
    return ordered + walker.paragraphs[taken:], unread


CHUNK_KIND: Final = "chunk"  # Paragraph.kind of an inserted file's text
_WORD_SUFFIXES: Final = frozenset({"docx", "docm", "dotx", "dotm"})
MAX_NESTING: Final = 1  # a Word file inserted in the letter; not one in that
CHUNK_WORD: Final = "een Word-bestand dat in een ingevoegd Word-bestand zit"


def _inner_word(
    data: bytes, depth: int, walker: _Walker
) -> tuple[list[Paragraph], bool]:
    """The paragraphs of a Word file inserted as an altChunk (Word shows its
    text in place), with what the reader must know about it passed on to
    `walker`; ([], True) when it is nested too deep or cannot be read."""
    if depth >= MAX_NESTING:
        walker.unread_kinds.append(CHUNK_WORD)
        return [], True
    try:
        inner = _read(data, depth + 1)
    except UnreadableDocument:
        walker.unread_kinds.append(CHUNK)
        return [], True
    walker.tracked |= inner.tracked_changes
    walker.hidden |= inner.hidden_text
    walker.unseen |= inner.unseen_text
    walker.placeholders += inner.placeholders
    walker.merge_fields += inner.merge_fields
    walker.unread_kinds += inner.unread_kinds
    walker.drawn += inner.drawn_texts
    walker.pictures += inner.pictures
    kept = [p for p in inner.paragraphs if p.text.strip()]
    return kept, inner.unread_parts


def _comments(
    archive: zipfile.ZipFile, rels: list[tuple[str, str, str]], used: list[int]
) -> int:
    """How many comments the document has (the main part's comments part)."""
    for _, kind, path in rels:
        if kind == "comments" and path in archive.namelist():
            root = _parse(_read_part(archive, path, used))
            return sum(1 for c in root if local_name(c.tag) == "comment")
    return 0


def _even_and_odd(
    archive: zipfile.ZipFile, rels: list[tuple[str, str, str]], used: list[int]
) -> bool:
    """Whether settings switch on separate even-page headers (w:evenAndOddHeaders)."""
    for _, kind, path in rels:
        if kind == "settings" and path in archive.namelist():
            settings = _parse(_read_part(archive, path, used))
            return any(
                local_name(c.tag) == "evenAndOddHeaders" and _switched_on(c)
                for c in settings
            )
    return False


def _shown_headers(
    sections: list[etree._Element],
    rels: list[tuple[str, str, str]],
    even_and_odd: bool,
) -> dict[str, list[str]]:
    """The header and footer parts Word shows, by kind, in section order.

    A section without a reference of some type (default, first, even) carries
    on the one of the section before it (ECMA-376 Part 1 §17.10.5 headerReference,
    §17.10.2 footerReference); of those, a "first" one is shown only with that
    section's w:titlePg, an "even" one only with evenAndOddHeaders in settings
    (§17.10.6, §17.15.1.35). A part no section uses is never shown."""
    paths = {rel_id: path for rel_id, _, path in rels}
    found: dict[str, list[str]] = {"header": [], "footer": []}
    carried: dict[tuple[str, str], str] = {}  # (kind, type) -> part name
    for section in sections:
        for reference in section:
            kind = local_name(reference.tag).removesuffix("Reference")
            path = paths.get(_attr(reference, "id"))
            if kind in found and path is not None:
                carried[(kind, _attr(reference, "type") or "default")] = path
        title_page = any(
            local_name(c.tag) == "titlePg" and _switched_on(c) for c in section
        )
        for kind in found:
            used = ["default"]
            used += ["first"] if title_page else []
            used += ["even"] if even_and_odd else []
            for use in used:
                path = carried.get((kind, use))
                if path is not None and path not in found[kind]:
                    found[kind].append(path)
    return found


def _distinct(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Headers and footers often repeat (first page, even pages): each text once."""
    seen: set[str] = set()
    kept = []
    for p in paragraphs:
        if p.text.strip() and p.text not in seen:
            seen.add(p.text)
            kept.append(p)
    return kept


def _paragraphs(archive: zipfile.ZipFile, depth: int = 0) -> DocxText:
    used = [0]
    budget = _Budget()
    main = _main_part(archive, used)
    rels = _relationships(archive, main, used)
    related = _related_parts(rels)
    styles = _styles(archive, rels, used)
    numbering = _numbering(archive, rels, used)
    body = _walk_part(archive, main, used, budget, "document", styles, numbering)
    related.update(
        _shown_headers(body.sections, rels, _even_and_odd(archive, rels, used))
    )
    in_order, unread = _chunks(archive, body, rels, used, depth)
    unread |= body.unread
    strict = body.strict
    tracked = body.tracked
    hidden = body.hidden
    unseen = body.unseen
    placeholders = list(body.placeholders)
    merge_fields = list(body.merge_fields)
    kinds = body.unread_kinds
    drawn = body.drawn
    pictures = list(body.pictures)
    ordered: list[Paragraph] = []
    for kind in ("header", "document", "footnotes", "endnotes", "footer"):
        if kind == "document":
            ordered += in_order
            continue
        found: list[Paragraph] = []
        for name in related.get(kind, []):
            walker = _walk_part(archive, name, used, budget, kind, styles, numbering)
            tracked |= walker.tracked
            hidden |= walker.hidden
            unseen |= walker.unseen
            unread |= walker.unread
            placeholders += walker.placeholders
            merge_fields += walker.merge_fields
            kinds += walker.unread_kinds
            drawn += walker.drawn
            pictures += walker.pictures
            if walker.chunks:  # an inserted file in a header or note: not read
                unread = True
                kinds.append(CHUNK_ELSEWHERE)
            found += walker.paragraphs
        ordered += _distinct(found) if kind in ("header", "footer") else found
    return DocxText(
        tuple(ordered),
        tracked,
        strict,
        hidden,
        unread,
        tuple(dict.fromkeys(placeholders)),
        _counted(kinds),
        tuple(dict.fromkeys(drawn)),
        tuple(pictures),
        unseen_text=unseen,
        comments=_comments(archive, rels, used),
        merge_fields=tuple(dict.fromkeys(merge_fields)),
    )


def _check_words(paragraphs: tuple[Paragraph, ...]) -> None:
    for p in paragraphs:
        if _LONG_WORD.search(p.text):
            raise UnreadableDocument(
                f"Het bestand heeft een 'woord' van meer dan {MAX_WORD_CHARS:,}"
                " tekens zonder spatie. Dat is geen gewone tekst; controleer het"
                " bestand.".replace(",", ".")
            )


def read_docx(content: bytes) -> DocxText:
    """Every text a Word user sees in `content` (a .docx), within the limits.

    Raises UnreadableDocument (Dutch `reason`) for anything that is not a Word
    document we can read safely: not a zip, broken XML, over a limit.
    """
    return _read(content, 0)


def _read(content: bytes, depth: int) -> DocxText:
    """read_docx at `depth` Word files inserted in each other (altChunk)."""
    if content.startswith(_OLE_MAGIC):
        raise UnreadableDocument(
            "Dit is een beveiligd Word-bestand of een oud .doc-bestand. Sla het op"
            " als Word-document (.docx) zonder wachtwoord."
        )
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableDocument(
            f"Het bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB."
            " Haal grote afbeeldingen weg of controleer alleen de tekst."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            read = _paragraphs(archive, depth)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as e:
        raise UnreadableDocument(NOT_WORD) from e
    except (RuntimeError, NotImplementedError) as e:  # encrypted, odd compression
        raise UnreadableDocument(
            "Dit Word-bestand is beveiligd of op een onbekende manier ingepakt."
            " Sla het op als gewoon Word-document zonder wachtwoord."
        ) from e
    _check_words(read.paragraphs)
    return read


def paragraph_elements(
    body: object,
    styles: StyleHiding = NO_STYLES,
    numbering: NumberingPart = NO_NUMBERING,
) -> Iterator[Paragraph]:
    """The paragraphs (with their w:p elements) of a python-docx body element, in
    reading order.

    Used to put Word comments at the paragraphs `read_docx` read, with the same
    walk; `body` is `docx.Document(...).element.body`, `styles` hidden_styles()
    of its styles part, `numbering` numbering_part() of its numbering part.
    """
    walker = _Walker("word/document.xml", _Budget(), styles, numbering)
    walker.blocks(body)
    yield from walker.paragraphs


TEXT_SUFFIXES: Final = (".txt", ".md")
# A Word template (.dotx, .dotm) and a document with macros (.docm) are the same
# WordprocessingML as a .docx; reading them runs no macro.
WORD_SUFFIXES: Final = (".docx", ".docm", ".dotx", ".dotm")
SUFFIXES: Final = (*TEXT_SUFFIXES, *WORD_SUFFIXES)


# Files that are no plain text whatever their name says, by their first bytes
# (file signatures): the refusal says what the file is and what to do.
_SIGNATURES: Final = (
    (b"PK\x03\x04", "Dit is een Word-bestand (of een ander zip-bestand), geen"
     " gewone tekst. Sla het op als .docx, of geef het de naam .docx, en"
     " controleer het opnieuw."),
    (b"\xd0\xcf\x11\xe0", "Dit is een oud Word-bestand (.doc), geen gewone"
     " tekst. Open het in Word en sla het op als .docx."),
    (b"%PDF-", "Dit is een PDF-bestand, geen gewone tekst. Controleer het"
     " Word-bestand waar de PDF van gemaakt is."),
)  # fmt: skip


def decode_text(content: bytes) -> str:
    """Plain text as UTF-8 (a byte-order mark is dropped), or a Dutch refusal
    that names a Word, old Word or PDF file given as text (_SIGNATURES)."""
    for signature, refusal in _SIGNATURES:
        if content.startswith(signature):
            raise UnreadableDocument(refusal)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableDocument(
            "De tekst is geen UTF-8. Sla het bestand op als UTF-8."
        ) from e


def read_file(path: Path) -> DocxText:
    """The text of a .txt, .md or Word file (.docx, .docm, .dotx, .dotm; plain
    text is one "paragraph").

    Raises UnreadableDocument for another kind of file, a file we cannot open
    (the operating system's reason in Dutch) or a file read_docx refuses.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableDocument(
            "Kies een bestand dat eindigt op .txt, .md, .docx, .docm, .dotx of .dotm."
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableDocument(
                f"Het bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        content = path.read_bytes()
    except OSError as e:
        raise UnreadableDocument(os_reason(e)) from e
    if suffix in WORD_SUFFIXES:
        return read_docx(content)
    return DocxText((Paragraph("text", decode_text(content)),), False, False)


_OS_REASONS: Final = {
    errno.ENOENT: "Het bestand bestaat niet. Controleer de naam en de map.",
    errno.EACCES: "U mag dit bestand niet lezen. Vraag om leesrechten.",
    errno.EPERM: "U mag dit bestand niet lezen. Vraag om leesrechten.",
    errno.EISDIR: "Dit is een map, geen bestand.",
    errno.ENAMETOOLONG: "De naam van het bestand is te lang.",
    errno.EIO: "De schijf gaf een leesfout. Probeer het nog eens.",
}


def os_reason(error: OSError) -> str:
    """The operating system's error in Dutch, for people."""
    return _OS_REASONS.get(
        error.errno or 0, f"Het bestand kan niet worden gelezen ({error.strerror})."
    )
