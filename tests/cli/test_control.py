"""Issue 14 at the command line: four eyes marks CONCEPT, output only to regular
files with normal modes, batch lines on their own, durable and clean on resume."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from letterforge.cli import main
from letterforge.control.concept import CONCEPT_TEXT
from tests.conftest import SAMPLES_DIR

FINE = SAMPLES_DIR / "bestuurlijke-boete-boete.json"
PLAIN = SAMPLES_DIR / "afwijzing-bijstand-vermogen.json"


def _headers(path: Path) -> list[str]:
    document = docx.Document(str(path))
    # Every text of the header part, text boxes included (the mark is one).
    return [
        "\n".join(t.text or "" for t in part._element.iter(qn("w:t")))
        for section in document.sections
        for part in (section.first_page_header, section.header)
    ]


@pytest.mark.parametrize(("sample", "concept"), [(FINE, True), (PLAIN, False)])
def test_render_marks_letters_that_need_a_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Path, concept: bool
) -> None:
    target = tmp_path / "brief.docx"
    assert main(["render", str(sample), "-o", str(target)]) == 0
    headers = _headers(target)
    assert headers and all((CONCEPT_TEXT in h) == concept for h in headers)
    assert ("controle door een collega" in capsys.readouterr().err) == concept


def test_render_text_of_a_fine_says_concept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FINE), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"*** {CONCEPT_TEXT}") and out.rstrip().endswith("***")


def test_render_refuses_devices_and_the_input_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(PLAIN), "-o", "/dev/null"]) != 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    request = tmp_path / "verzoek.json"
    request.write_bytes(PLAIN.read_bytes())
    assert main(["render", str(request), "-o", str(request), "--format", "docx"]) != 0
    assert request.read_bytes() == PLAIN.read_bytes()
    err = capsys.readouterr().err
    assert "geen gewoon bestand" in err and "ook het verzoek" in err


def test_letters_get_a_normal_file_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "brief.docx"
        assert main(["render", str(PLAIN), "-o", str(target)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def _line(path: Path) -> bytes:
    return json.dumps(json.loads(path.read_bytes())).encode()


def test_batch_fails_bad_lines_alone_and_marks_concepts(tmp_path: Path) -> None:
    lines = [
        _line(PLAIN),
        b"\xef\xbb\xbf" + _line(PLAIN),  # a BOM
        _line(PLAIN).replace(b'"', b'"\xe9', 1),  # an é in latin-1: not UTF-8
        _line(FINE),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "uit"
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 1
    errors = [json.loads(x) for x in (out / "fouten.jsonl").read_text().splitlines()]
    assert [e["regel"] for e in errors] == [2, 3]
    assert "BOM" in errors[0]["fouten"][0] and "UTF-8" in errors[1]["fouten"][0]
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names[0].startswith("000001-") and names[1].startswith("000004-CONCEPT-")
    assert all(CONCEPT_TEXT in h for h in _headers(out / names[1]))
    assert (out / ".klaar").read_text().split() == ["1", "4"]
    # Fix the bad lines and resume: the old failures are gone.
    source.write_bytes(b"\n".join([lines[0], lines[0], lines[0], lines[3]]) + b"\n")
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 0
    assert (out / "fouten.jsonl").read_text() == ""
    assert sorted((out / ".klaar").read_text().split()) == ["1", "2", "3", "4"]


def test_a_utf16_file_fails_per_line_not_with_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(_line(PLAIN).decode().encode("utf-16"))
    out = tmp_path / "uit"
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 1
    errors = (out / "fouten.jsonl").read_text()
    assert "BOM" in errors or "UTF-8" in errors


def test_half_a_line_in_klaar_after_a_crash_does_not_count(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join([_line(PLAIN)] * 2) + b"\n")
    out = tmp_path / "uit"
    out.mkdir()
    (out / ".klaar").write_text("1\n2", encoding="utf-8")  # "2" was cut off mid-write
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 0
    assert len(list(out.glob("000002-*.docx"))) == 1  # line 2 was made (again)
    assert (out / ".klaar").read_text() == "1\n2\n"


def test_check_refuses_a_giant_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "tekst.txt"
    text.write_text("Dit is " + "a" * 5_000, encoding="utf-8")
    assert main(["check", str(text)]) != 0
    assert "woord van meer dan 1000 tekens" in capsys.readouterr().err
