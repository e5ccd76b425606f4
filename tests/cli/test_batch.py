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


def test_wachtrij_puts_the_file_on_the_queue_and_a_worker_makes_the_letters(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sqlalchemy import select

    from letterforge.register import batches
    from letterforge.register.models import BatchLine
    from letterforge.web import create_app

    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path / "instance"))
    # The worker makes the letters with the machine's date, and a letter dated
    # before the day it is made is refused: these take the day they are made.
    undated = [json.loads(line) for line in sample_lines()[:2]]
    for line in undated:
        line["case"]["zaak"].pop("briefdatum", None)
    source = write_input(
        tmp_path / "in.jsonl", [*(json.dumps(x) for x in undated), "", BAD]
    )
    assert main(["batch", str(source), "--wachtrij"]) == 0
    out = capsys.readouterr().out
    batch_id = out.strip().splitlines()[-1]
    assert "in de wachtrij: 3 brieven" in out
    assert f"/beheer/batches/{batch_id}" in out
    # The queue file beside the register holds the jobs; the worker makes them.
    assert (tmp_path / "instance" / "jobs.sqlite3").exists()
    assert main(["worker", "--once"]) in (0, 1)
    app = create_app({"TESTING": True})
    with app.extensions["letterforge"].register.session() as session:
        rows = session.scalars(
            select(BatchLine).where(BatchLine.batch_id == batch_id)
        ).all()
        view = batches.view_batch(session, batch_id)
    app.extensions["letterforge"].register.dispose()
    assert [r.state for r in rows][2] == "mislukt"
    assert all(r.state in ("definitief", "concept") for r in rows[:2])
    assert view is not None and view.batch.actor.startswith("cli:")
    assert view.batch.client_name == "beheer"


def test_wachtrij_refuses_an_unreadable_file_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path / "instance"))
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"template": "x"}\n\xff\xfe\n')
    assert main(["batch", str(source), "--wachtrij"]) != 0
    assert "regel 2: is geen UTF-8" in capsys.readouterr().err


def test_batch_needs_an_output_folder_or_the_queue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_input(tmp_path / "in.jsonl", sample_lines()[:1])
    assert main(["batch", str(source)]) == 2
    assert "-o" in capsys.readouterr().err
    out = str(tmp_path / "uit")
    assert main(["batch", str(source), "-o", out, "--wachtrij"]) == 2


@pytest.mark.parametrize(
    ("client", "code"), [("zaaksyteem", 2), ("ingetrokken", 2), ("zaaksysteem", 0)]
)
def test_wachtrij_refuses_a_client_that_does_not_exist(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    client: str,
    code: int,
) -> None:
    from letterforge.register.tokens import create_client, revoke_client
    from letterforge.web import create_app

    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True})
    register = app.extensions["letterforge"].register
    register.migrate()
    with register.session() as session:
        create_client(session, "zaaksysteem", ("letters:write",))
        create_client(session, "ingetrokken", ("letters:write",))
    with register.session() as session:
        revoke_client(session, "ingetrokken")
    register.dispose()
    source = write_input(tmp_path / "in.jsonl", sample_lines()[:1])
    assert main(["batch", str(source), "--wachtrij", "--client", client]) == code
    err = capsys.readouterr().err
    if code:
        assert "--client" in err and f"'{client}'" in err
        assert "kies uit: zaaksysteem, web, beheer" in err
