"""`letterforge check`: files, stdin, JSON and JSON Lines, exit codes."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from letterforge.cli import main
from letterforge.cli._common import CliError, write_atomically, write_reason

HARD = "Indien u vragen heeft, dient u contact op te nemen."
EASY = "Heeft u vragen? Bel ons."


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(
            io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"
        )
    try:
        code = main(args)
    finally:
        sys.stdin = sys.__stdin__
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_report_marks_findings(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"brief{suffix}"
    path.write_text(HARD, encoding="utf-8")
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 0  # a text that fails B1 is not an error of the command
    assert "De tekst voldoet nog niet aan B1" in out
    assert "[Indien]" in out
    assert "Schrijf: als." in out


def test_docx_is_read_paragraph_by_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_docx(tmp_path / "brief.docx", ["Wat hebben we besloten?", EASY])
    code, out, _ = run(["check", "--format", "json", str(path)], capsys)
    report = json.loads(out)
    assert code == 0
    assert report["meets_b1"] is True
    assert report["metrics"]["zinnen"] == 2


def test_json_from_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "json", "-"], capsys, stdin=HARD)
    report = json.loads(out)
    assert code == 0
    assert {"score", "level", "meets_b1", "metrics", "findings"} <= set(report)
    assert "ambtelijke-taal" in {f["rule"] for f in report["findings"]}


def test_jsonl_keeps_ids_and_reports_bad_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = [
        json.dumps({"id": "a", "text": EASY}),
        json.dumps({"id": 7, "text": HARD}),
        "geen json",
        json.dumps({"id": "c"}),
    ]
    code, out, err = run(
        ["check", "--format", "jsonl", "-"], capsys, stdin="\n".join(lines) + "\n"
    )
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in reports] == ["a", 7, None, "c"]
    assert reports[0]["meets_b1"] is True and reports[1]["meets_b1"] is False
    assert "regel 3" in reports[2]["fout"] and "regel 4" in reports[3]["fout"]
    assert code == 1 and "niet alle regels" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "brief.pdf",
            b"%PDF",
            "Kies een bestand dat eindigt op .txt, .md, .docx, .docm, .dotx of .dotm",
        ),
        ("brief.docx", b"geen zip", "geen geldig Word-bestand"),
        ("brief.txt", b"\xff\xfe\x00", "geen UTF-8"),
        ("weg.txt", None, "Het bestand bestaat niet"),
    ],
)
def test_unreadable_files_give_a_dutch_error(
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(["check", str(path)], capsys)
    assert code == 2 and out == ""
    assert message in err and name in err


def test_installed_command_on_a_sample_letter(tmp_path: Path) -> None:
    script = str(Path(sys.executable).with_name("letterforge"))
    letter = tmp_path / "brief.docx"
    sample = (
        Path(__file__).resolve().parents[2]
        / "samples/terugvordering-later-inkomsten.json"
    )
    subprocess.run([script, "render", str(sample), "-o", str(letter)], check=True)
    result = subprocess.run(
        [script, "check", "--format", "json", str(letter)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meets_b1"] is True


def test_a_request_file_is_checked_as_the_letter_it_makes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = (
        Path(__file__).resolve().parents[2] / "samples/afwijzing-bijstand-vermogen.json"
    )
    code, out, _ = run(["check", "--format", "json", str(sample)], capsys)
    report = json.loads(out)
    assert code == 0 and report["meets_b1"] is True
    assert report["metrics"]["woorden"] > 200


@pytest.mark.parametrize(
    ("make", "stdin"),
    [
        ("blank-docx", None),
        ("spaces-docx", None),
        ("empty-txt", None),
        ("stdin", "   \n"),
        ("stdin", ""),
    ],
)
@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_a_file_without_text_gets_no_verdict_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: str,
    stdin: str | None,
    strict: list[str],
) -> None:
    source = "-"
    if make == "blank-docx":
        source = str(write_docx(tmp_path / "leeg.docx", []))
    elif make == "spaces-docx":
        source = str(write_docx(tmp_path / "spaties.docx", ["   ", "\t"]))
    elif make == "empty-txt":
        (tmp_path / "leeg.txt").write_text(" \n", encoding="utf-8")
        source = str(tmp_path / "leeg.txt")
    code, out, err = run(["check", *strict, "--format", "json", source], capsys, stdin)
    assert code == 2 and out == ""
    assert "Er staat geen tekst in dit bestand." in err
    assert "B1" not in err


def test_jsonl_line_without_words_is_a_fout(capsys: pytest.CaptureFixture[str]) -> None:
    lines = '{"id": 1, "text": "  "}\n{"id": 2, "text": "Bel ons."}\n'
    code, out, _ = run(["check", "--format", "jsonl", "-"], capsys, lines)
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 1
    assert "Er staat geen tekst" in first["fout"] and "score" not in first
    assert second["meets_b1"] is True


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("missing/uit.docx", "bestaat niet"),
        ("SAME", "ander bestand"),
    ],
)
def test_annotate_refuses_in_dutch_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, says: str
) -> None:
    source = write_docx(tmp_path / "brief.docx", [HARD])
    before = source.read_bytes()
    out_path = source if target == "SAME" else tmp_path / target
    code, _, err = run(["check", str(source), "--annotate", str(out_path)], capsys)
    assert code == 2
    assert says in err and "No such" not in err
    assert source.read_bytes() == before  # the input is never overwritten


def test_json_keeps_the_architecture_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_docx(tmp_path / "brief.docx", [EASY, HARD])
    code, out, _ = run(["check", "--format", "json", str(source)], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["metrics"]["words"] == data["metrics"]["woorden"] > 0
    assert data["metrics"]["sentences"] == data["metrics"]["zinnen"] == 3
    assert set(data["document"]) >= {
        "tracked_changes",
        "hidden_text",
        "unread_parts",
        "notices",
    }


@pytest.mark.parametrize("value", ["xml", "JSONL", "tekst"])
def test_a_wrong_format_names_the_choices_in_dutch(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run(["check", "--format", value, "-"], capsys, stdin=EASY)
    assert code == 2
    assert f"'{value}' kan niet. Kies uit: text, json, jsonl." in err
    assert "one of" not in err and "niet een van" not in err


def test_a_write_error_is_dutch_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder that is a file: the operating system refuses the write (ENOTDIR).
    source = write_docx(tmp_path / "brief.docx", [HARD])
    blocker = tmp_path / "geen-map"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(
        ["check", str(source), "--annotate", str(blocker / "uit.docx")], capsys
    )
    assert code == 2
    assert "Fout:" in err and "Not a directory" not in err


@pytest.mark.parametrize(
    ("number", "says"),
    [
        (errno.ENOSPC, "de schijf is vol."),
        (errno.EACCES, "u mag hier niet schrijven."),
        (errno.EROFS, "alleen lezen"),
        (errno.ENOTDIR, "geen map"),
        (errno.EXDEV, "foutcode"),  # any other: the code, never English
    ],
)
def test_write_reasons_are_dutch(number: int, says: str) -> None:
    error = OSError(number, os.strerror(number))
    reason = write_reason(error)
    assert says in reason and os.strerror(number) not in reason


def test_write_atomically_says_why_in_dutch(tmp_path: Path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(CliError) as caught:
        write_atomically(blocker / "uit.docx", b"inhoud")
    assert "een deel van het pad is geen map." in caught.value.message
    assert "Not a directory" not in caught.value.message


def _strict(path: Path) -> Path:
    """The same file in Strict Open XML namespaces, as Word saves it."""
    import zipfile

    change = {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
            "http://purl.oclc.org/ooxml/wordprocessingml/main"
        ),
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            "http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }
    target_path = path.with_name("strikt.docx")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(target_path, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                text = data.decode()
                for old, new in change.items():
                    text = text.replace(old, new)
                data = text.encode()
            target.writestr(item, data)
    return target_path


@pytest.mark.parametrize("output", ["text", "json"])
def test_a_strict_file_gets_its_report_then_a_dutch_refusal_for_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    source = _strict(write_docx(tmp_path / "brief.docx", [EASY]))
    out = tmp_path / "uit.docx"
    code, printed, err = run(
        ["check", str(source), "--format", output, "--annotate", str(out)], capsys
    )
    assert code == 2
    assert "voldoet aan B1" in printed or '"meets_b1": true' in printed
    assert "Strict Open XML" in err and "Word-document" in err
    assert "Traceback" not in err and "KeyError" not in err
    assert not out.exists()


def test_json_for_a_word_file_holds_the_text_the_offsets_point_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_docx(tmp_path / "brief.docx", ["Beste meneer,", HARD])
    code, printed, _ = run(["check", str(source), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(printed)
    assert data["tekst"] == f"Beste meneer,\n\n{HARD}"
    for finding in data["findings"]:
        piece = " ".join(data["tekst"][finding["start"] : finding["end"]].split())
        assert finding["excerpt"].rstrip("…") in piece or piece.startswith(
            finding["excerpt"].rstrip("…")
        )


@pytest.mark.parametrize("output", ["text", "json"])
def test_text_in_another_language_is_named_not_checked(
    capsys: pytest.CaptureFixture[str], output: str
) -> None:
    text = (
        f"{EASY}\n\nDeze brief is belangrijk. Bu mektup önemlidir. Ten list jest ważny."
    )
    code, printed, _ = run(["check", "--strict", "--format", output, "-"], capsys, text)
    assert code == 0
    assert "Niet in het Nederlands, niet beoordeeld: 'Bu mektup önemlidir." in printed
    assert "mektup' is een woord" not in printed


def test_a_file_with_only_a_chart_names_what_was_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:drawing><a:graphic"
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            "<a:graphicData><c:chart"
            ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
            "</a:graphicData></a:graphic></w:drawing></w:r>"
        )
    )
    path = tmp_path / "grafiek.docx"
    document.save(str(path))
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2
    assert "In dit bestand staat geen tekst die wij kunnen lezen." in err
    assert "Niet gelezen: een grafiek." in err
    assert "Er staat geen tekst in dit bestand" not in err


@pytest.mark.parametrize(
    ("stdin", "says"),
    [
        ("Kop DML vak reiger karper snoek baars.", "wij herkenden er geen Nederlands"),
        ("We have received your letter. Thank you for writing.", "(Engels)"),
    ],
)
def test_text_without_dutch_on_stdin_is_not_called_empty(
    capsys: pytest.CaptureFixture[str], stdin: str, says: str
) -> None:
    code, _, err = run(["check", "-"], capsys, stdin=stdin)
    assert code == 2
    assert says in err and "geen tekst" not in err


def test_an_officialese_sentence_on_stdin_is_judged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["check", "-"], capsys, stdin="Kop DML vak reiger alsmede.")
    assert code == 0 and "'alsmede' is ambtelijke taal" in out


def test_unmerged_merge_fields_are_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.readability.test_review_fixes_adviser3 import _complex, _field_file, _r

    path = tmp_path / "samenvoegen.docx"
    path.write_bytes(
        _field_file(_r("Beste ") + _complex("MERGEFIELD Naam", "«Naam»") + _r(","))
    )
    code, out, _ = run(["check", "--format", "json", str(path)], capsys)
    document = json.loads(out)["document"]
    assert code == 0
    assert document["merge_fields"] == ["«Naam»"]
    assert any("samenvoegvelden" in n for n in document["notices"])
