"""One ZGW test server per session (the specifications take seconds to load)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from letterforge.zgw.config import ZgwConfig
from tests.zgw.server import CLIENT_ID, SECRET, SPECS, ZgwTestServer

RSIN = "002220647"
CATALOGUS = "https://catalogi.voorbeeld.example.nl/catalogi/api/v1"


@pytest.fixture(scope="session")
def zgw_server() -> Iterator[ZgwTestServer]:
    if not SPECS.is_dir():
        pytest.fail(f"the ZGW specifications are missing: {SPECS}")
    server = ZgwTestServer().start()
    yield server
    server.stop()


@pytest.fixture
def zgw(zgw_server: ZgwTestServer) -> Iterator[ZgwTestServer]:
    """The server, with fresh state and no faults for each test."""
    zgw_server.reset()
    yield zgw_server
    assert zgw_server.state.refused == [], "a request was refused by the spec"


def make_config(server: ZgwTestServer, **changes: object) -> ZgwConfig:
    values: dict[str, object] = {
        "documenten_api": server.root("documenten"),
        "zaken_api": server.root("zaken"),
        "besluiten_api": server.root("besluiten"),
        "client_id": CLIENT_ID,
        "secret": SECRET,
        "rsin": RSIN,
        "informatieobjecttype": f"{CATALOGUS}/informatieobjecttypen/1",
        "besluittypen": {
            "terugvordering": f"{CATALOGUS}/besluittypen/terugvordering",
            "bestuurlijke-boete": f"{CATALOGUS}/besluittypen/boete",
        },
        # Generous for a loaded test machine; the fault tests wait longer still.
        "timeout_seconds": 3.0,
    }
    values.update(changes)
    return ZgwConfig(**values)  # type: ignore[arg-type]
