"""`letterforge templates export|import` and the clarity gate in `templates lint`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letterforge.cli import main
from letterforge.cli._register import app_state, open_app
from letterforge.control import templates as studio


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "instance"
    monkeypatch.delenv("LETTERFORGE_DATABASE_URL", raising=False)
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(folder))
    return folder


def test_export_then_import_into_another_instance(
    instance: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = app_state(open_app())
    files = studio.texts_of(app.register, app.settings, "terugvordering", 1)
    files["letter.md.j2"] = files["letter.md.j2"].replace("Waarom?", "Waarom dit?", 1)
    studio.save_draft(
        app.register,
        app.settings,
        "terugvordering",
        files,
        author="anna",
        reason="kop",
        valid_from=date(2026, 12, 1),
        today=app.today(),
    )
    app.register.dispose()
    assert main(["templates", "export", str(tmp_path / "uit")]) == 0
    assert "1 versies geschreven" in capsys.readouterr().out
    exported = tmp_path / "uit" / "terugvordering" / "2"
    assert "Waarom dit?" in (exported / "letter.md.j2").read_text(encoding="utf-8")
    assert "reden: kop" in (exported / "versie.yaml").read_text(encoding="utf-8")

    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path / "ander"))
    # Without --door, or with a name that is no user: refused (finding 3).
    assert main(["templates", "import", str(tmp_path / "uit")]) != 0
    assert main(["templates", "import", str(tmp_path / "uit"), "--door", "bert"]) != 0
    assert "--door" in capsys.readouterr().err
    assert main(["user", "create", "bert", "--role", "communicatie"]) == 0
    capsys.readouterr()
    assert main(["templates", "import", str(tmp_path / "uit"), "--door", "bert"]) == 0
    out = capsys.readouterr().out
    assert "terugvordering: versie 2 (concept)" in out
    assert "Een collega moet ze goedkeuren" in out
    # The same text again: nothing new.
    assert main(["templates", "import", str(tmp_path / "uit"), "--door", "bert"]) == 0
    assert "0 versies ingelezen" in capsys.readouterr().out


def test_import_refuses_a_folder_that_is_no_export(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "rommel" / "terugvordering" / "2"
    bad.mkdir(parents=True)
    (bad / "versie.yaml").write_text("sjabloon: terugvordering\n", encoding="utf-8")
    assert main(["user", "create", "bert", "--role", "communicatie"]) == 0
    assert (
        main(["templates", "import", str(tmp_path / "rommel"), "--door", "bert"]) != 0
    )
    assert "geen export van letterforge" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["/etc/passwd", "../../geheim.md.j2", "a/b/c.md.j2"])
def test_import_reads_no_file_outside_the_export(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    bad = tmp_path / "rommel" / "terugvordering" / "2"
    bad.mkdir(parents=True)
    (bad / "versie.yaml").write_text(
        "sjabloon: terugvordering\ngeldig_vanaf: '2026-12-01'\n"
        f"bestanden: ['{name}']\n",
        encoding="utf-8",
    )
    assert main(["user", "create", "bert", "--role", "communicatie"]) == 0
    assert (
        main(["templates", "import", str(tmp_path / "rommel"), "--door", "bert"]) != 0
    )
    assert "onbekende bestandsnaam" in capsys.readouterr().err
