"""Command-line edge of the service: tokens and reproducing stored letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.cli import main
from letterforge.web import create_app
from tests.conftest import SAMPLES_DIR, on_sample_day


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'register.db'}"
    monkeypatch.setenv("LETTERFORGE_DATABASE_URL", url)
    return url


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_token_create_prints_the_token_last_and_revoke(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["token", "create", "zaaksysteem", "--scope", "letters:read"], capsys
    )
    assert code == 0 and out.strip().splitlines()[-1].startswith("lf_")
    code, _, err = run(["token", "create", "zaaksysteem"], capsys)
    assert code != 0 and "er is al een client met de naam 'zaaksysteem'" in err
    assert run(["token", "revoke", "zaaksysteem"], capsys)[0] == 0
    code, _, err = run(["token", "revoke", "onbekend"], capsys)
    assert code != 0 and "onbekend" in err


def test_letters_reproduce(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app({"DATABASE_URL": database})
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()
    from letterforge.register.tokens import create_client

    with app.extensions["letterforge"].register.session() as session:
        token = create_client(session, "test", ("letters:write",))
    response = app.test_client().post(
        "/api/v1/letters",
        data=(SAMPLES_DIR / "verlenging-beslistermijn-advies.json").read_bytes(),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    letter_id = response.headers["X-Letter-Id"]
    code, out, _ = run(["letters", "reproduce", letter_id], capsys)
    assert code == 0 and out.startswith("Gelijk")
    code, _, err = run(
        ["letters", "reproduce", "00000000-0000-0000-0000-000000000000"], capsys
    )
    assert code != 0 and "staat niet in het register" in err
