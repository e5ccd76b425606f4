"""Findings as Word comments, at their place in the document that was checked.

python-docx (1.2 and later) writes the comments; we find where each finding is by
walking the document with the same walk read_docx used (docx_text.py), so the
report's offsets lead to the paragraph and the runs the finding is about. Word
stores a comment's range by whole runs, so a run that the finding starts or ends
inside is split there first (both halves keep the run's properties), as Word does
when you comment a selection: the comment covers exactly the flagged words.
Findings outside the body (headers, footers, notes) and findings about the whole
text are put on the first paragraph of the body, saying where they are.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.part import Part, PartFactory
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]

from letterforge.readability.docx_numbering import numbering_part
from letterforge.readability.docx_text import (
    CHUNK_KIND,
    NO_STYLES,
    RUBY_GUIDE,
    SKIPPED,
    DocxText,
    FieldState,
    Paragraph,
    StyleHiding,
    UnreadableDocument,
    button_text,
    form_field_text,
    hidden_styles,
    is_placeholder,
    local_name,
    paragraph_elements,
    placeholder_notice,
    ruby_guide,
    run_is_hidden,
    run_is_unseen,
)
from letterforge.readability.report import Finding, Report
from letterforge.readability.text import normalise

# An inserted file (w:altChunk) is that file's bytes as they are: a whole .docx
# (content type "...document.main+xml", a zip), RTF, MHT, HTML. python-docx picks
# a part class by content type and would parse such a .docx as XML and fail, so
# every altChunk part is carried as bytes (python-docx's own hook for choosing a
# part class, PartFactory.part_class_selector; its image rule is kept).
_DOCX_SELECTOR = PartFactory.part_class_selector


def _part_class(content_type: str, reltype: str) -> type[Part] | None:
    if reltype == RT.A_F_CHUNK:
        return Part
    return _DOCX_SELECTOR(content_type, reltype) if _DOCX_SELECTOR else None


PartFactory.part_class_selector = _part_class

AUTHOR = "Taalcheck B1"
INITIALS = "B1"
SEVERITY = {"error": "Fout", "warning": "Let op", "hint": "Tip"}
_PART_NAMES = {
    "header": "de koptekst",
    "footer": "de voettekst",
    "footnotes": "een voetnoot",
    "endnotes": "een eindnoot",
    CHUNK_KIND: "een ingevoegd deel",
}


def _paragraph_offsets(source: DocxText) -> list[tuple[int, int, int]]:
    """(start, end, index in source.paragraphs) of every paragraph in the text."""
    spans = []
    cursor = 0
    for index, paragraph in enumerate(source.paragraphs):
        if not paragraph.text.strip():
            continue
        length = len(normalise(paragraph.text))
        spans.append((cursor, cursor + length, index))
        cursor += length + 2  # the blank line between paragraphs
    return spans


def _runs(
    paragraph: Paragraph, styles: StyleHiding = NO_STYLES
) -> Iterator[tuple[object, int, int]]:
    """(w:r element, start, end) of the runs whose text the walk read, in order,
    across every w:p joined into `paragraph` (offsets in its normalised text)."""
    parts = [(0, paragraph.element), *paragraph.more]
    for at, (offset, element) in enumerate(parts):
        # A numbering label ("Stap 1 – ") is read before the runs, in no run.
        lead = paragraph.leads[at] if at < len(paragraph.leads) else 0
        cursor = len(normalise(paragraph.text[: offset + lead]))
        yield from _element_runs(element, cursor, styles)


_COUNTED_ONE = frozenset({"br", "cr", "tab", "ptab", "noBreakHyphen", "sym"})


def _element_runs(
    p: object, cursor: int, styles: StyleHiding
) -> Iterator[tuple[object, int, int]]:
    fields = FieldState()
    stack = [iter(p)]  # type: ignore[call-overload]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        name = local_name(child.tag)
        if name in SKIPPED or name == "txbxContent":
            continue
        if _named_not_read(child, name):
            continue  # the walk did not read it either
        if name == "r":
            if run_is_hidden(child, styles) or run_is_unseen(child, styles):
                continue  # the walk did not read it either
            length = _run_length(child, fields)
            yield child, cursor, cursor + length
            cursor += length
        else:
            stack.append(iter(child))


def _run_length(run: Any, fields: FieldState) -> int:
    """The length of what the walk read from one w:r (normalised text)."""
    length = 0
    for part in _read_in(run):
        kind = local_name(part.tag)
        if kind == "fldChar":
            if fields.reading:  # a form field's choice (docx_text)
                length += len(normalise(form_field_text(part)))
            fields.mark(part)
        elif kind == "instrText":
            fields.code(part.text or "")
        elif kind == "t" and fields.reading:
            length += len(normalise(part.text or ""))
        elif kind in _COUNTED_ONE and fields.reading:
            length += 1
        elif kind == "ruby" and fields.reading:
            length += len(normalise(ruby_guide(part)))
    return length


def _label_prefix(paragraph: Paragraph, at: int) -> str:
    """ "In de nummering: " when offset `at` (normalised text) falls in a
    numbering label, which no run holds, so the comment goes on the paragraph
    and says where; "" otherwise."""
    parts = [0, *(offset for offset, _ in paragraph.more)]
    for offset, lead in zip(parts, paragraph.leads, strict=False):
        start = len(normalise(paragraph.text[:offset]))
        end = len(normalise(paragraph.text[: offset + lead]))
        if start <= at < end:
            return "In de nummering: "
    return ""


def _named_not_read(element: Any, name: str) -> bool:
    """Whether the walk named `element` instead of reading it: an unfilled
    content control, or a simple field that is a button (button_text)."""
    if name == "sdt":
        return is_placeholder(element)
    if name != "fldSimple":
        return False
    code = next((v for k, v in element.attrib.items() if local_name(k) == "instr"), "")
    return button_text(code) is not None


def _read_in(run: Any) -> Iterator[Any]:
    """The elements of a run in document order, without what the walk skips
    inside it; a ruby's guide text (w:rt) is counted with its w:ruby."""
    stack = [iter(run)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        name = local_name(element.tag)
        if name in SKIPPED - {"rPr", "instrText"} or name == RUBY_GUIDE:
            continue
        yield element
        stack.append(iter(element))


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _raw_index(text: str, at: int) -> int | None:
    """The index in `text` where its normalised form reaches `at` characters:
    normalising drops soft hyphens and zero-width spaces, so offsets shift."""
    if len(normalise(text)) == len(text):
        return at
    for index in range(len(text) + 1):
        if len(normalise(text[:index])) == at:
            return index
    return None


# What may sit in a run we split, with its length in the read text: text, the
# one-character marks, and marks of no length (a page break Word remembers,
# a soft hyphen). A run with anything else (a field character, a drawing, a
# ruby) is not split: its comment then covers the whole run.
_SPLITTABLE_EMPTY = frozenset({"lastRenderedPageBreak", "softHyphen"})


def _piece_length(element: Any) -> int | None:
    name = local_name(element.tag)
    if name == "t":
        return len(normalise(element.text or ""))
    if name in _COUNTED_ONE:
        return 1
    if name in _SPLITTABLE_EMPTY:
        return 0
    return None


def _split(run: Any, at: int) -> bool:
    """Split a w:r at character `at` of its normalised text, in place: the
    second half is a copy of the run (same w:rPr) after it, each piece of the
    run in exactly one half (a w:t that `at` falls inside is cut in two; a mark
    of no length right at `at` goes with the text after it). False (nothing
    done) for a run holding something we cannot place (_piece_length)."""
    pieces = [c for c in run if local_name(c.tag) != "rPr"]
    lengths = [_piece_length(c) for c in pieces]
    if any(length is None for length in lengths):
        return False
    cursor, cut, inside = 0, None, 0
    for index, length in enumerate(lengths):
        assert length is not None
        if cursor + length > at:
            cut, inside = index, at - cursor
            break
        cursor += length
    if cut is None or (cut == 0 and inside == 0):
        return False
    second = copy.deepcopy(run)
    second_pieces = [c for c in second if local_name(c.tag) != "rPr"]
    if inside:
        text = pieces[cut].text or ""
        raw = _raw_index(text, inside)
        if raw is None or not 0 < raw < len(text):
            return False
        pieces[cut].text = text[:raw]
        pieces[cut].set(_XML_SPACE, "preserve")
        second_pieces[cut].text = text[raw:]
        second_pieces[cut].set(_XML_SPACE, "preserve")
        cut += 1  # the first half keeps its part of this w:t
        keep_second = cut - 1
    else:
        keep_second = cut
    for element in pieces[cut:]:
        run.remove(element)
    for element in second_pieces[:keep_second]:
        second.remove(element)
    run.addnext(second)
    return True


def _cut_at(p: Paragraph, offset: int, styles: StyleHiding) -> None:
    """Make `offset` (in the paragraph's text) fall between two runs if it can."""
    for run, start, end in _runs(p, styles):
        if start < offset < end:
            _split(run, offset - start)
            return


def _covering_runs(
    p: Paragraph, local: tuple[int, int], styles: StyleHiding
) -> list[object]:
    """The runs of `p` that the range `local` covers, split at its edges first."""
    _cut_at(p, local[0], styles)
    _cut_at(p, local[1], styles)
    return [
        r for r, s, e in _runs(p, styles) if s < local[1] and e > local[0] and e > s
    ]


def _message(finding: Finding, where: str = "") -> str:
    text = f"{SEVERITY[finding.severity]}: {finding.message} {finding.suggestion}"
    if finding.feature:
        text += f" (telt mee in de score bij: {finding.feature})"
    return f"{where}{text}"


def _where(paragraph: Paragraph) -> str:
    """Where a finding outside the body is, for its comment: from the kind of
    part the reading took from the relationship type (Paragraph.kind), never
    from the part's name, which any generator may choose."""
    return f"In {_PART_NAMES.get(paragraph.kind, 'een ander deel van het bestand')}: "


STRICT_REFUSAL = (
    "Bij een Strict Open XML-bestand kunnen wij geen opmerkingen in Word zetten."
    " Sla het bestand op als normaal Word-document (.docx) en probeer het opnieuw."
)
CANNOT_OPEN = (
    "In dit Word-bestand kunnen wij geen opmerkingen zetten, omdat een deel ervan"
    " beschadigd is. Open het in Word, sla het op als Word-document (.docx) en"
    " probeer het opnieuw."
)


NOT_A_DOCUMENT = (
    "In een Word-sjabloon (.dotx, .dotm) of een bestand met macro's (.docm) kunnen"
    " wij geen opmerkingen zetten. Sla het op als Word-document (.docx) en probeer"
    " het opnieuw."
)
# The main part's content type of a template or a file with macros; python-docx
# opens only a document ("...document.main+xml") and would call it broken.
_NOT_DOCUMENT_TYPES = (
    b"wordprocessingml.template.main+xml",
    b"ms-word.document.macroEnabled.main+xml",
    b"ms-word.template.macroEnabledTemplate.main+xml",
)


def _template_or_macros(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            with archive.open("[Content_Types].xml") as types:
                head = types.read(1 << 20)  # bounded: the list of parts only
    except (KeyError, zipfile.BadZipFile):
        return False
    return any(kind in head for kind in _NOT_DOCUMENT_TYPES)


class CannotAnnotate(UnreadableDocument):
    """A .docx we could read but cannot write comments into; `reason` is Dutch."""


# What python-docx raises for a package it cannot open or walk: a missing or
# broken relationship (KeyError), a part it does not know (ValueError), broken
# XML (lxml), a package error of its own (OpcError), a broken zip.
_OPEN_ERRORS = (
    KeyError, ValueError, IndexError, etree.LxmlError, OpcError, zipfile.BadZipFile
)  # fmt: skip


def annotate_docx(
    content: bytes, source: DocxText, report: Report, extra: tuple[str, ...] = ()
) -> bytes:
    """`content` (the .docx that was read into `source` and checked into `report`)
    with each finding as a Word comment, one per finding, and each notice about
    the reading (notices(), plus `extra` notices such as the text left out as
    not Dutch) as a comment too: a placeholder's on its content control, the
    others on the first paragraph. Returns the new .docx bytes.

    Raises CannotAnnotate (Dutch `reason`) for a Strict Open XML file, a
    template or a file with macros, which python-docx cannot open, and for any
    file python-docx cannot open or save.
    """
    if source.strict:
        raise CannotAnnotate(STRICT_REFUSAL)
    if _template_or_macros(content):
        raise CannotAnnotate(NOT_A_DOCUMENT)
    try:
        return _annotate(content, source, report, extra)
    except _OPEN_ERRORS as e:
        raise CannotAnnotate(CANNOT_OPEN) from e


def _note_mark(body: Any, paragraph: Paragraph) -> Any | None:
    """The w:r in the body holding the reference mark of `paragraph`'s note."""
    if not paragraph.note:
        return None
    kind = "endnoteReference" if paragraph.kind == "endnotes" else "footnoteReference"
    for reference in body.iter(f"{{*}}{kind}"):
        ids = [v for k, v in reference.attrib.items() if local_name(k) == "id"]
        if ids == [paragraph.note]:
            return reference.getparent()
    return None


def _comment(elements: list[Any], document: Any, text: str) -> None:
    owner = next(elements[0].iterancestors("{*}p"), None)
    if owner is None:
        return
    anchor = DocxParagraph(owner, document.part)
    runs = [Run(r, anchor) for r in elements]
    document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)


def _placeholder_runs(body: Any) -> Iterator[tuple[str, list[Any]]]:
    """(placeholder text, its w:r elements) of every unfilled content control."""
    for sdt in body.iter("{*}sdt"):
        if not is_placeholder(sdt):
            continue
        content = next((c for c in sdt if local_name(c.tag) == "sdtContent"), None)
        runs = [] if content is None else list(content.iter("{*}r"))
        text = "".join(t.text or "" for r in runs for t in r.iter("{*}t")).strip()
        if runs:
            yield text, runs


def _notices(
    document: Any,
    source: DocxText,
    first: Paragraph | None,
    styles: StyleHiding,
    extra: tuple[str, ...],
) -> None:
    """Every notice of the reading as a comment: the writer must see them too."""
    general = [*source.notices(), *extra]
    for text, elements in _placeholder_runs(document.element.body):
        notice = placeholder_notice(text)
        if notice not in general:
            continue
        general.remove(notice)
        owner = next(elements[0].iterancestors("{*}p"), None)
        if owner is None:
            continue
        anchor = DocxParagraph(owner, document.part)
        runs = [Run(r, anchor) for r in elements]
        document.add_comment(runs, text=notice, author=AUTHOR, initials=INITIALS)
    if first is None:
        return
    anchor = DocxParagraph(first.element, document.part)  # type: ignore[arg-type]
    # The first run with text only: a range over the whole paragraph would also
    # cover text the walk left out (hidden runs), which the writer would misread.
    elements = [r for r, start, end in _runs(first, styles) if end > start][:1]
    for notice in general:
        runs = [Run(r, anchor) for r in elements]  # type: ignore[arg-type]
        if not runs:
            runs = [anchor.add_run("")]
            elements = [runs[0]._r]
        document.add_comment(runs, text=notice, author=AUTHOR, initials=INITIALS)


def _numbering_root(document: Any) -> Any:
    """The numbering part's XML, or None when the document has no numbering
    (python-docx's numbering_part would add an empty one to the file)."""
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/numbering"):
            return getattr(rel.target_part, "element", None)
    return None


def _annotate(
    content: bytes, source: DocxText, report: Report, extra: tuple[str, ...]
) -> bytes:
    document = docx.Document(io.BytesIO(content))
    styles = hidden_styles(document.styles.element)
    body_parts = [p for p in source.paragraphs if p.kind == "document"]
    numbering = numbering_part(_numbering_root(document))
    walked = list(paragraph_elements(document.element.body, styles, numbering))
    by_source = {id(p): walked[i] for i, p in enumerate(body_parts) if i < len(walked)}
    first = next(iter(walked), None)
    offsets = _paragraph_offsets(source)
    whole = len(report.text)
    done: set[tuple[str, int, int, str]] = set()
    for finding in report.findings:
        key = (finding.rule, finding.start, finding.end, finding.message)
        if key in done:
            continue  # one comment per finding, never the same one twice
        done.add(key)
        target = None
        where = ""
        placed = False
        local = (0, 1 << 30)
        if finding.end - finding.start < whole:
            for start, end, index in offsets:
                if start <= finding.start < end:
                    paragraph = source.paragraphs[index]
                    target = by_source.get(id(paragraph))
                    if target is not None:
                        local = (finding.start - start, finding.end - start)
                        where = _label_prefix(target, local[0])
                        break
                    where = _where(paragraph)
                    mark = _note_mark(document.element.body, paragraph)
                    if mark is not None:  # on the note's reference mark
                        note = (
                            "eindnoot" if paragraph.kind == "endnotes" else "voetnoot"
                        )
                        where = f"In de {note} hier: "
                        _comment([mark], document, _message(finding, where))
                        placed = True
                    break
        if placed:
            continue
        if target is None:
            target = first
        if target is None:
            continue
        anchor = DocxParagraph(target.element, document.part)  # type: ignore[arg-type]
        elements = _covering_runs(target, local, styles) or [
            r for r, _, _ in _runs(target, styles)
        ]
        runs = [Run(r, anchor) for r in elements]  # type: ignore[arg-type]
        if not runs:
            runs = [anchor.add_run("")]
        document.add_comment(
            runs, text=_message(finding, where), author=AUTHOR, initials=INITIALS
        )
    _notices(document, source, first, styles, extra)
    _out_of_block_controls(document.element.body)
    _out_of_text_controls(document.element.body)
    _out_of_field_codes(document.element.body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Where a paragraph's container ends: a block content control (w:sdt) further
# out does not hold this paragraph.
_CONTAINERS = frozenset(
    {"body", "tc", "txbxContent", "hdr", "ftr", "footnote", "endnote", "comment"}
)


def _block_control(p: Any) -> Any | None:
    """The outermost block content control (w:sdt) around paragraph `p`, inside
    its own body, cell or text box; None when there is none."""
    found = None
    for ancestor in p.iterancestors():
        name = local_name(ancestor.tag)
        if name in _CONTAINERS:
            break
        if name == "sdt":
            found = ancestor
    return found


def _text_control(run: Any) -> Any | None:
    """The plain-text content control (an inline w:sdt with w:text in its
    w:sdtPr) that run `run` is in, or None."""
    for ancestor in run.iterancestors():
        name = local_name(ancestor.tag)
        if name in _CONTAINERS or name == "p":
            return None
        if name == "sdt":
            plain = ancestor.find("{*}sdtPr/{*}text") is not None
            return ancestor if plain else None
    return None


def _out_of_text_controls(body: Any) -> None:
    """Move each comment inside a plain-text content control to around it.

    A plain-text control holds text runs only: LibreOffice (7.4) shows it empty
    when a comment's reference mark is inside (review adviser 3, finding 3;
    a dropdown is fine). The range starts before the control; its end and the
    reference mark follow it. Word shows the comment on the whole control."""
    for reference in list(body.iter("{*}commentReference")):
        run = reference.getparent()
        control = _text_control(run)
        if control is None:
            continue
        comment_id = reference.get(_W_ID)
        start = _marker(control, "commentRangeStart", comment_id)
        end = _marker(control, "commentRangeEnd", comment_id)
        if start is not None:
            control.addprevious(start)
        control.addnext(run)
        if end is not None:
            control.addnext(end)


def _field_depth_change(element: Any) -> int:
    """+1 per w:fldChar begin and -1 per end inside `element` (a w:r)."""
    change = 0
    for char in element.iter("{*}fldChar"):
        kind = char.get(f"{{{_W}}}fldCharType")
        change += 1 if kind == "begin" else -1 if kind == "end" else 0
    return change


def _out_of_field_codes(body: Any) -> None:
    """Move a comment's range end and reference mark that fall inside a complex
    field (between its w:fldChar begin and end) to just after the field's end.

    A legacy form field (FORMDROPDOWN, FORMCHECKBOX) shows its choice from the
    begin character, so a finding on it covers the begin run; the comment's end
    and reference then land in the field code, which has no room for them
    (ECMA-376-1 §17.16.18), and LibreOffice drops the choice (review s5 adviser
    4, finding 3). Word shows the comment on the whole field."""
    for paragraph in body.iter("{*}p"):
        depth = 0
        pending: list[Any] = []
        for child in list(paragraph):
            name = local_name(child.tag)
            if depth > 0 and (
                name == "commentRangeEnd"
                or (name == "r" and child.find("{*}commentReference") is not None)
            ):
                pending.append(child)
                continue
            if name == "r":
                depth = max(depth + _field_depth_change(child), 0)
                if depth == 0 and pending:
                    for moved in reversed(pending):
                        child.addnext(moved)
                    pending = []


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _marker(root: Any, kind: str, comment_id: str) -> Any | None:
    return next(
        (e for e in root.iter(f"{{*}}{kind}") if e.get(_W_ID) == comment_id), None
    )


_W_ID = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id"


def _out_of_block_controls(body: Any) -> None:
    """Move each comment in a block content control to around it.

    LibreOffice (7.4) drops all text in front of a comment's reference mark when
    that mark is in a paragraph inside a block w:sdt (review adviser 3, finding
    2: "Wij hebben uw aanvraag krachtens" was gone; a comment without a range
    loses the text too). So the range starts before the control and ends, with
    the reference mark, at the start of the paragraph after it; with no
    paragraph after it, the mark goes at the end of the paragraph before it
    (a comment without a range). Word shows the comment on the whole control.
    """
    for reference in list(body.iter("{*}commentReference")):
        run = reference.getparent()
        paragraph = next(run.iterancestors("{*}p"), None)
        control = _block_control(paragraph) if paragraph is not None else None
        if control is None:
            continue
        comment_id = reference.get(_W_ID)
        start = _marker(control, "commentRangeStart", comment_id)
        end = _marker(control, "commentRangeEnd", comment_id)
        after, before = control.getnext(), control.getprevious()
        if after is not None and local_name(after.tag) == "p":
            at = 1 if len(after) and local_name(after[0].tag) == "pPr" else 0
            if start is not None and end is not None:
                control.addprevious(start)
                after.insert(at, end)
                at += 1
            after.insert(at, run)
        elif before is not None and local_name(before.tag) == "p":
            for marker in (start, end):
                if marker is not None:
                    marker.getparent().remove(marker)
            before.append(run)
