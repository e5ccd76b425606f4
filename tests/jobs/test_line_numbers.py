"""One file, the same line numbers on every path: the API (JSON Lines), `letterforge
batch --wachtrij` and `letterforge batch -o` (control.batch_file.numbered_lines)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from letterforge.cli import main
from letterforge.jobs.batches import BatchContext, due_jobs, run_batch_lines
from letterforge.register import batches
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day

# The day the norm letters go out: a letter dated before the day it is made is
# refused (control.send_date), so the batch runs on the sample's own date.
SENT = date.fromisoformat(
    load_sample("normbedragen-wijziging-januari")["case"]["zaak"]["briefdatum"]
)


pytestmark = pytest.mark.slow


def _file() -> bytes:
    good = json.dumps(load_sample("normbedragen-wijziging-januari"))
    broken = load_sample("normbedragen-wijziging-januari")
    del broken["case"]["ontvanger"]
    lines = [good, good, "", "   ", json.dumps(broken), '{"template": kapot}', good]
    # Windows line ends on some lines: still one line each.
    return ("\r\n".join(lines[:3]) + "\n" + "\n".join(lines[3:]) + "\n").encode()


FAILED = [5, 6]  # the physical lines of the file
MADE = [1, 2, 7]


def _lines_of(app: object, batch_id: str) -> tuple[list[int], list[int], str]:
    state = app.extensions["letterforge"]  # type: ignore[attr-defined]
    context = BatchContext(
        register=state.register, settings=state.settings, today=lambda: SENT
    )
    for found_id, lines in due_jobs(context):
        run_batch_lines(context, found_id, lines)
    with state.register.session() as session:
        view = batches.view_batch(session, batch_id)
    assert view is not None
    failed = [row.line for row in view.lines if row.state == "mislukt"]
    made = [row.line for row in view.lines if row.letter_id]
    errors = json.dumps([row.errors for row in view.lines if row.errors])
    return failed, made, errors


def test_the_same_file_gives_the_same_line_numbers_on_every_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path / "instance"))
    source = tmp_path / "normen.jsonl"
    source.write_bytes(_file())
    app = create_app({"TESTING": True})
    on_sample_day(app)
    register = app.extensions["letterforge"].register
    register.migrate()
    with register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write",))

    for mimetype in ("application/x-ndjson", "application/jsonl"):
        posted = app.test_client().post(
            "/api/v1/batches",
            data=source.read_bytes(),
            content_type=mimetype,
            headers={"Authorization": f"Bearer {token}"},
        )
        assert posted.status_code == 202, posted.get_data(as_text=True)
        assert posted.get_json()["total"] == 5
        failed, made, errors = _lines_of(app, posted.get_json()["id"])
        assert (failed, made) == (FAILED, MADE)
        assert "kolom" in errors and "regel 1" not in errors

    assert main(["batch", str(source), "--wachtrij", "--client", "zaaksysteem"]) == 0
    batch_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert _lines_of(app, batch_id)[:2] == (FAILED, MADE)
    register.dispose()

    out = tmp_path / "uit"
    assert main(["batch", str(source), "-o", str(out), "--workers", "1"]) == 1
    written = (out / "fouten.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["regel"] for line in written] == FAILED
    assert sorted(int(p.name[:6]) for p in out.glob("*.docx")) == MADE
