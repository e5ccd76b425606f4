"""Migrations run from the commands that open the register, never from create_app."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from letterforge.cli import main
from letterforge.web import create_app


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh instance folder with nothing in it, and no database URL set."""
    folder = tmp_path / "instance"
    monkeypatch.delenv("LETTERFORGE_DATABASE_URL", raising=False)
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(folder))
    return folder


def _tables(folder: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{folder / 'letterforge.db'}")
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["db", "upgrade"],
        ["token", "create", "zaaksysteem"],
        ["user", "create", "anna", "--role", "medewerker"],
        ["token", "revoke", "niemand"],  # fails, but on a migrated register
    ],
)
def test_each_command_that_opens_the_register_migrates_a_fresh_instance(
    instance: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(args)
    assert {"letters", "api_clients", "users", "alembic_version"} <= _tables(instance)
    assert "Traceback" not in capsys.readouterr().err


def test_db_upgrade_twice_changes_nothing(
    instance: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0
    assert "bijgewerkt" in capsys.readouterr().out


def test_create_app_does_not_migrate(instance: Path) -> None:
    app = create_app()
    app.extensions["letterforge"].register.dispose()
    assert "letters" not in _tables(instance)


def test_token_create_works_before_the_first_serve(
    instance: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "create", "zaaksysteem"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("lf_")
