"""Per-municipality settings for the ZGW APIs: a YAML file plus a secret.

The file (LETTERFORGE_ZGW_CONFIG) names the API roots, the client id, the RSIN of
the bronorganisatie and the catalogue URLs; the secret comes from the environment
(LETTERFORGE_ZGW_SECRET) so that it is never in a file in the repository.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from letterforge.errors import SettingsError

VERTROUWELIJKHEID = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)
_RSIN = re.compile(r"^[0-9]{9}$")
_URL = re.compile(r"^https?://\S+$")
# Files above this size go up in bestandsdelen (Documenten API 1.1+); Open Zaak's
# own default part size is 4 GB, so one part is usual; we keep it configurable.
DEFAULT_CHUNK_FROM = 20 * 1024 * 1024


@dataclass(frozen=True)
class ZgwConfig:
    """Where and as whom letterforge files letters. URLs end with a slash."""

    documenten_api: str
    zaken_api: str
    besluiten_api: str
    client_id: str
    secret: str = field(repr=False)
    rsin: str
    informatieobjecttype: str
    # template id -> besluittype URL; a Besluit is registered only for these.
    besluittypen: Mapping[str, str]
    vertrouwelijkheidaanduiding: str = "zaakvertrouwelijk"
    auteur: str = "letterforge"
    file_docx: bool = False
    docx_informatieobjecttype: str | None = None
    chunk_from_bytes: int = DEFAULT_CHUNK_FROM
    timeout_seconds: float = 30.0


def _url(data: Mapping[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not _URL.match(value):
        raise SettingsError(f"{source}: '{key}' moet een URL zijn (https://...).")
    return value


def _root(data: Mapping[str, Any], key: str, source: str) -> str:
    return _url(data, key, source).rstrip("/") + "/"


def _besluittypen(data: Mapping[str, Any], source: str) -> dict[str, str]:
    raw = data.get("besluittypen") or {}
    if not isinstance(raw, dict):
        raise SettingsError(f"{source}: 'besluittypen' moet sjabloon: URL zijn.")
    return {str(k): _url(raw, k, f"{source} besluittypen") for k in raw}


def parse_zgw_config(data: Mapping[str, Any], secret: str, source: str) -> ZgwConfig:
    """Check the settings; SettingsError names the first wrong field in Dutch."""
    rsin = str(data.get("rsin", ""))
    if not _RSIN.match(rsin):
        raise SettingsError(f"{source}: 'rsin' moet 9 cijfers zijn.")
    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not client_id.strip():
        raise SettingsError(f"{source}: 'client_id' ontbreekt.")
    if not secret:
        raise SettingsError("LETTERFORGE_ZGW_SECRET ontbreekt: het geheim voor ZGW.")
    level = data.get("vertrouwelijkheidaanduiding", "zaakvertrouwelijk")
    if level not in VERTROUWELIJKHEID:
        raise SettingsError(
            f"{source}: 'vertrouwelijkheidaanduiding' moet een van deze zijn: "
            + ", ".join(VERTROUWELIJKHEID)
        )
    docx_type = data.get("docx_informatieobjecttype")
    return ZgwConfig(
        documenten_api=_root(data, "documenten_api", source),
        zaken_api=_root(data, "zaken_api", source),
        besluiten_api=_root(data, "besluiten_api", source),
        client_id=client_id,
        secret=secret,
        rsin=rsin,
        informatieobjecttype=_url(data, "informatieobjecttype", source),
        besluittypen=_besluittypen(data, source),
        vertrouwelijkheidaanduiding=str(level),
        auteur=str(data.get("auteur") or "letterforge")[:200],
        file_docx=bool(data.get("docx_meesturen", False)),
        docx_informatieobjecttype=(
            _url(data, "docx_informatieobjecttype", source) if docx_type else None
        ),
        chunk_from_bytes=int(data.get("bestandsdelen_vanaf", DEFAULT_CHUNK_FROM)),
        timeout_seconds=float(data.get("timeout_seconden", 30)),
    )


def load_zgw_config(environ: Mapping[str, str]) -> ZgwConfig | None:
    """The ZGW settings named by LETTERFORGE_ZGW_CONFIG, or None if not set."""
    name = environ.get("LETTERFORGE_ZGW_CONFIG")
    if not name:
        return None
    path = Path(name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SettingsError(f"De ZGW-instellingen '{path}' zijn niet te lezen.") from e
    if not isinstance(data, dict):
        raise SettingsError(f"De ZGW-instellingen '{path}' zijn geen lijst met velden.")
    return parse_zgw_config(data, environ.get("LETTERFORGE_ZGW_SECRET", ""), str(path))
