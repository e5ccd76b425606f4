"""`letterforge worker --once` with the ZGW settings file, as the README shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from letterforge.cli import main
from letterforge.errors import SettingsError
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from letterforge.zgw.config import load_zgw_config
from tests.conftest import on_sample_day
from tests.jobs.conftest import counts, letter_body, make_letter
from tests.zgw.conftest import RSIN, make_config
from tests.zgw.server import SECRET, ZgwTestServer

pytestmark = pytest.mark.slow


def _settings_file(zgw: ZgwTestServer, folder: Path) -> Path:
    config = make_config(zgw)
    path = folder / "zgw.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "documenten_api": config.documenten_api,
                "zaken_api": config.zaken_api,
                "besluiten_api": config.besluiten_api,
                "client_id": config.client_id,
                "rsin": RSIN,
                "informatieobjecttype": config.informatieobjecttype,
                "besluittypen": dict(config.besluittypen),
                "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
                "timeout_seconden": 5,
            }
        )
    )
    return path


def test_worker_once_files_what_is_waiting(
    zgw: ZgwTestServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = f"sqlite:///{tmp_path / 'r.db'}"
    monkeypatch.setenv("LETTERFORGE_DATABASE_URL", database)
    monkeypatch.setenv("LETTERFORGE_ZGW_CONFIG", str(_settings_file(zgw, tmp_path)))
    monkeypatch.setenv("LETTERFORGE_ZGW_SECRET", SECRET)
    app = create_app({"TESTING": True})
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write",))
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    make_letter(app.test_client(), headers, letter_body(zgw.add_zaak()))
    app.extensions["letterforge"].register.dispose()
    assert main(["worker", "--once"]) == 0
    assert "1 van de 1 taken zijn gelukt." in capsys.readouterr().out
    assert counts(zgw) == (1, 1, 1, 1)
    assert main(["worker", "--once"]) == 0
    assert "Er wachten geen taken." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rsin": "12345"}, "'rsin' moet 9 cijfers zijn"),
        ({"zaken_api": "ftp://x"}, "'zaken_api' moet een URL zijn"),
        ({"vertrouwelijkheidaanduiding": "geheimpje"}, "vertrouwelijkheidaanduiding"),
        ({"client_id": ""}, "'client_id' ontbreekt"),
    ],
)
def test_wrong_settings_are_named_in_dutch(
    zgw: ZgwTestServer, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    path = _settings_file(zgw, tmp_path)
    data = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump({**data, **change}))
    environ = {"LETTERFORGE_ZGW_CONFIG": str(path), "LETTERFORGE_ZGW_SECRET": SECRET}
    with pytest.raises(SettingsError, match=message):
        load_zgw_config(environ)


def test_the_secret_must_come_from_the_environment(
    zgw: ZgwTestServer, tmp_path: Path
) -> None:
    path = _settings_file(zgw, tmp_path)
    with pytest.raises(SettingsError, match="LETTERFORGE_ZGW_SECRET"):
        load_zgw_config({"LETTERFORGE_ZGW_CONFIG": str(path)})
    assert load_zgw_config({}) is None
