"""What a municipal Word user has and the checker used to pass over in silence
(issue 15, third adviser round): legacy form fields (a drop-down list's choice,
a check box), comments in the margin, and templates and files with macros."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from letterforge.readability import load_glossary
from letterforge.readability.annotate import (
    NOT_A_DOCUMENT,
    CannotAnnotate,
    annotate_docx,
)
from letterforge.readability.docx_text import (
    UnreadableDocument,
    comments_notice,
    read_docx,
    read_file,
)
from letterforge.readability.language import analyze_dutch

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WML = b"application/vnd.openxmlformats-officedocument.wordprocessingml"
_MAIN = _WML + b".document.main+xml"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _form(code: str, data: str, result: str = "") -> str:
    """A legacy form field as Word writes it: its ffData in the "begin" mark."""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="V1"/>'
        f"<w:enabled/>{data}</w:ffData></w:fldChar></w:r>"
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _file(inner: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Vul dit formulier in.")
    document.element.body.sectPr.addprevious(parse_xml(f"<w:p {_NS}>{inner}</w:p>"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_LIST = "".join(f'<w:listEntry w:val="{e}"/>' for e in ("kies", "bijstand", "toeslag"))


def _list(choice: str) -> str:
    return _form("FORMDROPDOWN", f"<w:ddList>{choice}{_LIST}</w:ddList>")


def _box(state: str) -> str:
    return _form("FORMCHECKBOX", f"<w:checkBox>{state}</w:checkBox>")


@pytest.mark.parametrize(
    ("field", "shown"),
    [
        # A drop-down list shows its chosen entry, else its default, else the first.
        (_list('<w:result w:val="2"/>'), "toeslag"),
        (_list('<w:default w:val="1"/>'), "bijstand"),
        (_list(""), "kies"),
        (_form("FORMDROPDOWN", "<w:ddList/>"), ""),
        # A check box: its state, else its default.
        (_box('<w:default w:val="1"/>'), "☒"),
        (_box("<w:checked/>"), "☒"),
        (_box('<w:default w:val="1"/><w:checked w:val="0"/>'), "☐"),
        (_box(""), "☐"),
        # A text field has an ordinary result.
        (_form("FORMTEXT", "<w:textInput/>", _r("Jan Jansen")), "Jan Jansen"),
    ],
)  # fmt: skip
def test_a_legacy_form_field_reads_as_word_shows_it(field: str, shown: str) -> None:
    content = _file(_r("Keuze: ") + field + _r(" klaar."))
    found = read_docx(content)
    assert found.paragraphs[-1].text == f"Keuze: {shown} klaar."
    # A finding after the field still lands on its own word.
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, found, report)))
    assert len(annotated.comments) == len(
        {(f.rule, f.start, f.end, f.message) for f in report.findings}
    )


@pytest.mark.parametrize("count", [0, 1, 3])
def test_comments_in_the_margin_are_named(count: int) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Wij betalen de huur voor u.")
    for number in range(count):
        document.add_comment(
            paragraph.runs, text=f"Collega {number}: graag onverwijld herschrijven."
        )
    out = io.BytesIO()
    document.save(out)
    found = read_docx(out.getvalue())
    assert found.comments == count
    assert (comments_notice(count) in found.notices()) is bool(count)
    if count:
        assert f"{count} opmerking" in comments_notice(count)
    assert "onverwijld" not in found.text


def _retyped(content: bytes, main_type: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        items = {i.filename: source.read(i.filename) for i in source.infolist()}
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        _MAIN, main_type
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in items.items():
            archive.writestr(name, value)
    return out.getvalue()


@pytest.mark.parametrize(
    ("suffix", "main_type"),
    [
        (".dotx", _WML + b".template.main+xml"),
        (".docm", b"application/vnd.ms-word.document.macroEnabled.main+xml"),
        (".dotm", b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    ],
)  # fmt: skip
def test_templates_and_files_with_macros_are_read_not_annotated(
    tmp_path: Path, suffix: str, main_type: bytes
) -> None:
    content = _retyped(_file(_r("Wij betalen alsmede de huur.")), main_type)
    path = tmp_path / f"sjabloon{suffix}"
    path.write_bytes(content)
    found = read_file(path)
    assert "Wij betalen alsmede de huur." in found.text
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    # Comments need a .docx: a clear Dutch reason, never "beschadigd".
    with pytest.raises(CannotAnnotate) as refused:
        annotate_docx(content, found, report)
    assert refused.value.reason == NOT_A_DOCUMENT


def test_another_kind_of_file_is_refused_naming_the_word_kinds(tmp_path: Path) -> None:
    path = tmp_path / "brief.odt"
    path.write_bytes(b"PK")
    with pytest.raises(UnreadableDocument) as refused:
        read_file(path)
    assert ".docx, .docm, .dotx of .dotm" in refused.value.reason


def _field_depth_at_marks(paragraph: object) -> list[int]:
    """The field depth (begin minus end marks before it) at each comment end
    and reference mark in `paragraph`, in document order."""
    depth, found = 0, []
    for element in paragraph.iter():  # type: ignore[attr-defined]
        name = element.tag.rsplit("}", 1)[-1]
        if name == "fldChar":
            kind = element.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
                "fldCharType"
            )
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
        elif name in ("commentRangeEnd", "commentReference"):
            found.append(depth)
    return found


# Review s5 adviser 4, finding 3: a finding on a drop-down's choice put the
# comment's end and reference inside the field code, and LibreOffice then lost
# the choice. They now follow the field's end.
@pytest.mark.parametrize(
    "field",
    [
        _form(
            "FORMDROPDOWN",
            '<w:ddList><w:result w:val="1"/><w:listEntry w:val="kies"/>'
            '<w:listEntry w:val="krachtens"/></w:ddList>',
        ),
        _form("FORMTEXT", "<w:textInput/>", _r("krachtens")),
    ],
)
def test_a_comment_on_a_form_field_stays_out_of_its_field_code(field: str) -> None:
    content = _file(_r("Keuze: ") + field + _r(" klaar."))
    found = read_docx(content)
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    assert any("krachtens" in f.excerpt for f in report.findings)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, found, report)))
    last = annotated.element.body.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    )[-1]
    depths = _field_depth_at_marks(last)
    assert depths and all(depth == 0 for depth in depths)
