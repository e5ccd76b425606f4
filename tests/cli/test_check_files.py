"""`letterforge check` on the readability case files: exit codes for scripts, Dutch
lines, bounded work on hostile files, and findings written into Word as comments
that LibreOffice shows."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parents[1] / "data" / "readability-cases"
SCRIPT = str(Path(sys.executable).with_name("letterforge"))


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, "check", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("sentence-ends-with-u.txt", 0),
        ("iban-and-phone.txt", 0),
        ("letter-with-logo-1.4MB.docx", 0),
        ("hard-line-breaks.txt", 1),
        ("soft-line-breaks.docx", 1),
        ("text-box.docx", 1),
        ("content-controls.docx", 1),
        ("tracked-changes.docx", 1),
        ("nested-table.docx", 1),
        ("malformed-xml.docx", 2),
        ("huge-text-node.docx", 2),
        ("zip-bomb.docx", 2),
    ],
)
def test_strict_exit_codes(name: str, code: int) -> None:
    result = check("--strict", str(CASES / name))
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    if code == 2:
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("Fout: ")


def test_zip_bomb_is_refused_fast_and_small() -> None:
    # A fresh parent process, so its children's peak memory is only this check's
    # (this test process has started LibreOffice, gunicorn and Chromium before).
    measure = (
        "import resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(r.returncode, time.monotonic() - t, peak)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, SCRIPT, "check", str(CASES / "zip-bomb.docx")],
        capture_output=True,
        text=True,
        check=True,
    )
    code, elapsed, peak_mb = result.stdout.split()
    assert int(code) == 2
    assert float(elapsed) < 10
    assert float(peak_mb) < 500


def test_json_report_keeps_the_contract_and_says_tracked_changes() -> None:
    result = check("--format", "json", str(CASES / "tracked-changes.docx"))
    report = json.loads(result.stdout)
    assert {"score", "level", "meets_b1", "metrics", "findings"} <= set(report)
    assert report["metrics"]["words"] > 0 and report["metrics"]["sentences"] == 2
    assert report["document"]["tracked_changes"] is True
    text = check(str(CASES / "tracked-changes.docx")).stdout
    assert "bijgehouden wijzigingen" in text


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["nope"], "Onbekende opdracht 'nope'"),
        (["check"], "Gebruik: letterforge check [OPTIES]"),
        (["check", "--nope", "x"], "Onbekende optie"),
        (["check", "--help"], "Laat deze hulp zien en stop."),
    ],
)
def test_click_speaks_dutch(args: list[str], dutch: str) -> None:
    result = subprocess.run([SCRIPT, *args], capture_output=True, text=True)
    out = result.stdout + result.stderr
    assert dutch in out
    assert "Usage" not in out and "Error" not in out


def test_annotate_writes_comments_libreoffice_shows(tmp_path: Path) -> None:
    out = tmp_path / "brief-met-opmerkingen.docx"
    result = check(str(CASES / "text-box.docx"), "--annotate", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode()
    assert "Deze zin heeft" in comments
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed for this test; see .ci/run")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with zipfile.ZipFile(tmp_path / "brief-met-opmerkingen.odt") as odt:
        content = odt.read("content.xml").decode()
    assert content.count("<office:annotation") >= 3
    assert "Deze zin heeft" in content and "Taalcheck B1" in content


def test_annotate_refuses_a_text_file(tmp_path: Path) -> None:
    result = check(
        str(CASES / "iban-and-phone.txt"), "--annotate", str(tmp_path / "x.docx")
    )
    assert result.returncode == 2
    assert "alleen met een Word-bestand" in result.stderr
