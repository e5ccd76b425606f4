"""`letterforge batch`: parallel, failures per line without stopping, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from letterforge.cli import main
from tests.conftest import sample_paths

BAD = '{"template": "terugvordering", "case": {}}'


def write_input(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sample_lines() -> list[str]:
    return [json.dumps(json.loads(p.read_bytes())) for p in sample_paths()[:6]]


def test_batch_renders_every_line_and_reports_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_input(tmp_path / "in.jsonl", [*sample_lines()[:3], BAD, "geen json"])
    out = tmp_path / "uit"
    code = main(["batch", str(source), "-o", str(out), "--workers", "2"])
    letters = sorted(out.glob("*.docx"))
    errors = [
        json.loads(line) for line in (out / "fouten.jsonl").read_text().splitlines()
    ]
    assert code == 1 and len(letters) == 3
    assert letters[0].name.startswith("000001-")
    docx.Document(str(letters[0]))  # every file opens
    assert [e["regel"] for e in errors] == [4, 5]
    assert "zaak: dit veld ontbreekt" in errors[0]["fouten"]
    assert "3 brieven gemaakt" in capsys.readouterr().out


def test_batch_resumes_where_it_stopped(tmp_path: Path) -> None:
    lines = sample_lines()
    source = write_input(tmp_path / "in.jsonl", lines)
    out = tmp_path / "uit"
    out.mkdir()
    (out / ".klaar").write_text("1\n2\n", encoding="utf-8")  # a stop after two letters
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 0
    made = sorted(p.name[:6] for p in out.glob("*.docx"))
    assert made == [f"{n:06d}" for n in range(3, len(lines) + 1)]
    assert main(["batch", str(source), "-o", str(out)]) == 0  # nothing left to do
    assert len(list(out.glob("*.docx"))) == len(lines) - 2
