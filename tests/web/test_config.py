"""Configuration layers: defaults, then instance/letterforge.toml, then LETTERFORGE_*
environment variables, then what the caller passes (tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from letterforge.web import create_app


@pytest.mark.parametrize(
    ("in_file", "in_environment", "passed", "expected"),
    [
        (None, None, None, 100),
        (7, None, None, 7),
        (7, "9", None, 9),
        (None, "9", None, 9),
        (7, "9", 11, 11),
    ],
)
def test_later_layers_win(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    in_file: int | None,
    in_environment: str | None,
    passed: int | None,
    expected: int,
) -> None:
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("LETTERFORGE_DATABASE_URL", raising=False)
    if in_file is not None:
        (tmp_path / "letterforge.toml").write_text(f"PER_PAGE_MAX = {in_file}\n")
    if in_environment is not None:
        monkeypatch.setenv("LETTERFORGE_PER_PAGE_MAX", in_environment)
    overrides: dict[str, Any] = {} if passed is None else {"PER_PAGE_MAX": passed}
    app = create_app(overrides)
    try:
        assert app.config["PER_PAGE_MAX"] == expected
    finally:
        app.extensions["letterforge"].register.dispose()


def test_the_register_defaults_to_sqlite_in_the_instance_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTERFORGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("LETTERFORGE_DATABASE_URL", raising=False)
    app = create_app()
    try:
        assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path}/letterforge.db"
        app.extensions["letterforge"].register.migrate()  # as every command does
        assert (tmp_path / "letterforge.db").is_file()
    finally:
        app.extensions["letterforge"].register.dispose()
