"""Settings: where the templates and samples live and which municipality sends the
letters.

Settings are frozen and passed explicitly. Only the edges (command line, web) read
the environment, through `load_settings(environ)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from letterforge.errors import SettingsError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_PROFILE = PACKAGE_DIR / "profiles" / "gemeente-voorbeeld.yaml"


@dataclass(frozen=True)
class Municipality:
    """The sending municipality: letterhead, contact and where objections go."""

    name: str
    college: str
    postal_lines: tuple[str, ...]
    visiting_lines: tuple[str, ...]
    phone: str
    website: str
    email: str
    objection_lines: tuple[str, ...]
    objection_website: str
    logo_png: bytes | None = None
    logo_alt: str = ""
    # The rechtbank for this municipality: beroep and voorlopige voorziening go there.
    court: str = "de rechtbank"
    # A number that can be dialled from abroad (+31 …): a 14 + netnummer number
    # works only inside the Netherlands. "" when the profile has none.
    phone_abroad: str = ""


@dataclass(frozen=True)
class Settings:
    """`samples_dir` holds one example request per case (JSON, fictional people); by
    default the `samples` folder beside the template folder, so an installation
    that points LETTERFORGE_TEMPLATE_DIR elsewhere finds its samples there too."""

    template_dir: Path
    glossary_dir: Path
    municipality: Municipality
    samples_dir: Path
    # Where template versions from the register are laid out as template folders
    # (library/versions.py); None: a private folder in the system's temp folder.
    version_dir: Path | None = None


def _lines(data: Mapping[str, Any], key: str, source: Path) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{source}: '{key}' moet een lijst met regels tekst zijn.")
    return tuple(value)


def _text(data: Mapping[str, Any], key: str, source: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{source}: '{key}' ontbreekt of is leeg.")
    return value


def _logo(data: Mapping[str, Any], source: Path) -> bytes | None:
    name = data.get("logo")
    if not name:
        return None
    path = source.parent / str(name)
    try:
        return path.read_bytes()
    except OSError as e:
        raise SettingsError(f"{source}: het logo '{path}' is niet te lezen.") from e


@lru_cache(maxsize=8)
def load_municipality(path: Path) -> Municipality:
    """Read a municipality profile (YAML) and check that every part is there."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SettingsError(f"Het gemeenteprofiel '{path}' is niet te lezen.") from e
    if not isinstance(data, dict):
        raise SettingsError(f"Het gemeenteprofiel '{path}' is geen lijst met velden.")
    objection = data.get("bezwaar")
    if not isinstance(objection, dict):
        raise SettingsError(f"{path}: 'bezwaar' ontbreekt.")
    return Municipality(
        name=_text(data, "naam", path),
        college=_text(data, "college", path),
        postal_lines=_lines(data, "postadres", path),
        visiting_lines=_lines(data, "bezoekadres", path),
        phone=_text(data, "telefoon", path),
        website=_text(data, "website", path),
        email=_text(data, "email", path),
        objection_lines=_lines(objection, "adres", path),
        objection_website=_text(objection, "website", path),
        logo_png=_logo(data, path),
        logo_alt=str(data.get("logo_alt", "")),
        court=str(data.get("rechtbank", "de rechtbank")),
        phone_abroad=str(data.get("telefoon_buitenland", "")),
    )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from defaults, overridden by LETTERFORGE_* variables."""
    env = environ or {}
    template_dir = Path(env.get("LETTERFORGE_TEMPLATE_DIR", PROJECT_DIR / "templates"))
    glossary_dir = Path(env.get("LETTERFORGE_GLOSSARY_DIR", PROJECT_DIR / "glossary"))
    profile = Path(env.get("LETTERFORGE_PROFILE", DEFAULT_PROFILE))
    samples_dir = Path(
        env.get("LETTERFORGE_SAMPLES_DIR", template_dir / ".." / "samples")
    )
    return Settings(
        template_dir=template_dir,
        glossary_dir=glossary_dir,
        municipality=load_municipality(profile.resolve()),
        samples_dir=samples_dir.resolve(),
        version_dir=(
            Path(env["LETTERFORGE_VERSION_DIR"]).resolve()
            if env.get("LETTERFORGE_VERSION_DIR")
            else None
        ),
    )


def sample_paths(settings: Settings) -> tuple[Path, ...]:
    """The sample requests (samples_dir/*.json), sorted by name; none when the
    folder does not exist. The one place that knows where samples live."""
    return tuple(sorted(settings.samples_dir.glob("*.json")))
