"""Template versions as files: `letterforge templates export|import` (issue 17).

Export writes every stored version to `<folder>/<template>/<number>/`: its files
plus versie.yaml (status, author, reason, dates, content hash). Import reads such
a folder back as NEW concepts by the importer, so they are submitted and approved
again: an import never bypasses the second person.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from letterforge.control.templates import REASON_MAX, save_draft, template_of
from letterforge.errors import Problem, RequestError, TemplateVersionInvalid
from letterforge.library.versions import content_hash, file_problems, normalised
from letterforge.register import Register
from letterforge.register.models import TemplateVersion
from letterforge.register.template_versions import versions_of
from letterforge.settings import Settings

META_FILE = "versie.yaml"
# Only names a template's editable files can have: never a path out of the export.
_EXPORTED_NAME = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)?\.md\.j2$")


def export_versions(register: Register, out: Path) -> int:
    """Write every stored version to `out/<template>/<number>/`: its files plus
    versie.yaml (status, author, reason, dates). Returns how many."""
    with register.session() as session:
        rows = list(
            session.scalars(select(TemplateVersion).order_by(TemplateVersion.id))
        )
        session.expunge_all()
    for v in rows:
        folder = out / v.template_id / str(v.number)
        for name, text in v.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        meta = {
            "sjabloon": v.template_id,
            "versie": v.number,
            "status": v.status,
            "geldig_vanaf": v.valid_from.isoformat(),
            "auteur": v.author,
            "reden": v.reason,
            "beoordelaar": v.reviewer,
            "reden_beoordeling": v.review_reason,
            "inhoud_hash": v.content_hash,
            "bestanden": sorted(v.files),
        }
        (folder / META_FILE).write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return len(rows)


def import_versions(
    register: Register, settings: Settings, source: Path, *, actor: str
) -> list[TemplateVersion]:
    """Read versions written by export_versions back as NEW concepts by `actor`
    (they go through submit and approval again: an import never bypasses the
    second person). A version whose text is already stored is skipped."""
    found = [_read_export(path) for path in sorted(source.glob(f"*/*/{META_FILE}"))]
    # Everything is read and checked before the first version is stored, so a bad
    # folder imports nothing rather than half.
    for template_id, files, _, _ in found:
        problems = file_problems(template_of(settings, template_id), normalised(files))
        if problems:
            raise TemplateVersionInvalid(
                f"De bestanden van '{template_id}' kloppen niet.", tuple(problems)
            )
    added = []
    for template_id, files, valid_from, reason in found:
        with register.session() as session:
            known = {v.content_hash for v in versions_of(session, template_id)}
        if content_hash(normalised(files)) in known:
            continue
        added.append(
            save_draft(
                register,
                settings,
                template_id,
                files,
                author=actor,
                reason=f"geïmporteerd: {reason}"[:REASON_MAX],
                valid_from=valid_from,
            )
        )
    return added


def _read_export(meta_path: Path) -> tuple[str, dict[str, str], date, str]:
    """One exported version: template id, files, valid-from and reason."""
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or not isinstance(meta.get("bestanden"), list):
            raise ValueError("'bestanden' ontbreekt")
        names = [str(name) for name in meta["bestanden"]]
        unsafe = [n for n in names if not _EXPORTED_NAME.match(n)]
        if unsafe:
            raise ValueError(f"onbekende bestandsnaam {unsafe[0]!r}")
        files = {
            name: (meta_path.parent / name).read_text(encoding="utf-8")
            for name in names
        }
        valid_from = date.fromisoformat(str(meta.get("geldig_vanaf")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as e:
        message = f"dit is geen export van letterforge: {e}"
        raise RequestError(
            message, (Problem(str(meta_path), message, "invalid"),)
        ) from e
    return str(meta.get("sjabloon", "")), files, valid_from, str(meta.get("reden", ""))
