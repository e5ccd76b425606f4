"""Template versions as files: `letterforge templates export|import` (issue 17).

Export writes every stored version to `<folder>/<template>/<number>/`: its files
plus versie.yaml (status, author, reason, dates, content hash). Import reads such
a folder back as NEW concepts by the importer, so they are submitted and approved
again: an import never bypasses the second person.

An export folder is passed between people and instances, so neither direction
trusts it: only regular files, never a symbolic link (in any part of the path),
never a FIFO or device (opened non-blocking, checked with fstat), a size limit
before reading, and nothing written outside the target folder (CWE-59, CWE-22).
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from letterforge.control.templates import (
    REASON_MAX,
    check_valid_from,
    save_draft,
    template_of,
)
from letterforge.errors import Problem, RequestError, TemplateVersionInvalid
from letterforge.library.versions import (
    MAX_FILE_CHARS,
    content_hash,
    file_problems,
    normalised,
    shipped_files,
)
from letterforge.register import Register
from letterforge.register.models import TemplateVersion, User
from letterforge.register.template_versions import versions_of
from letterforge.settings import Settings

META_FILE = "versie.yaml"
# Only names a template's editable files can have: never a path out of the export.
_EXPORTED_NAME = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)?\.md\.j2$")
_FOLDER_NAME = re.compile(r"^[a-z0-9-]+$")
# UTF-8 takes at most 4 bytes a character; versie.yaml is a few hundred bytes.
MAX_FILE_BYTES = 4 * MAX_FILE_CHARS
MAX_META_BYTES = 64 * 1024
# Who may author a version on the pages (web/ui/studio.py EDITORS).
AUTHOR_ROLES = ("communicatie", "beheer")


def _refused(path: Path, message: str) -> RequestError:
    return RequestError(f"{path}: {message}", (Problem(str(path), message, "invalid"),))


def _no_links(base: Path, relative: Path) -> Path:
    """`base/relative`, refused when any part below `base` is a symbolic link."""
    path = base
    for part in relative.parts:
        path = path / part
        try:
            if stat.S_ISLNK(path.lstat().st_mode):
                raise _refused(
                    path, "een snelkoppeling (symlink) lezen of schrijven wij niet"
                )
        except FileNotFoundError:
            pass
    return path


def read_regular(base: Path, relative: Path, limit: int) -> str:
    """The UTF-8 text of `base/relative`: a regular file of at most `limit`
    bytes, reached without symbolic links. RequestError (Dutch) otherwise."""
    path = _no_links(base, relative)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        raise _refused(path, "dit bestand is niet te lezen") from e
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _refused(path, "dit is geen gewoon bestand")
        if info.st_size > limit:
            raise _refused(path, f"dit bestand is groter dan {limit} bytes")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _refused(path, f"dit bestand is groter dan {limit} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _refused(path, "dit bestand is geen UTF-8-tekst") from e


def write_regular(base: Path, relative: Path, text: str) -> None:
    """Write `text` to `base/relative` (folders made as needed), refusing any
    symbolic link or non-regular file on the way: never written through."""
    path = _no_links(base, relative)
    folder = base
    for part in relative.parts[:-1]:
        folder = folder / part
        try:
            folder.mkdir()
        except FileExistsError:
            if not stat.S_ISDIR(folder.lstat().st_mode):
                raise _refused(folder, "dit is geen map") from None
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as e:
        raise _refused(path, "hier kunnen wij niet schrijven") from e
    with os.fdopen(fd, "wb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise _refused(path, "dit is geen gewoon bestand")
        f.truncate(0)
        f.write(text.encode("utf-8"))


def export_versions(register: Register, out: Path) -> int:
    """Write every stored version to `out/<template>/<number>/`: its files plus
    versie.yaml (status, author, reason, dates). Returns how many."""
    with register.session() as session:
        rows = list(
            session.scalars(select(TemplateVersion).order_by(TemplateVersion.id))
        )
        session.expunge_all()
    out.mkdir(parents=True, exist_ok=True)
    for v in rows:
        folder = Path(v.template_id) / str(v.number)
        for name, text in v.files.items():
            write_regular(out, folder / name, text)
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
        write_regular(
            out,
            folder / META_FILE,
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
        )
    return len(rows)


def import_versions(
    register: Register,
    settings: Settings,
    source: Path,
    *,
    actor: str,
    system_user: str,
    today: date,
) -> list[TemplateVersion]:
    """Read versions written by export_versions back as NEW concepts by `actor`,
    an existing user who may write versions (RequestError, field "door",
    otherwise): they go through submit (by `actor`) and approval by someone else
    again, so an import never bypasses the second person. `system_user` (the
    operating-system account that ran the import) goes into the reason. A
    valid-from date already past becomes `today`, and the reason says so. A
    version whose text is already stored or shipped is skipped."""
    _check_author(register, actor)
    found = [_read_export(source, path) for path in _exported(source)]
    # Everything is read and checked before the first version is stored, so a bad
    # folder imports nothing rather than half.
    for template_id, files, valid_from, _ in found:
        problems = file_problems(template_of(settings, template_id), normalised(files))
        if problems:
            raise TemplateVersionInvalid(
                f"De bestanden van '{template_id}' kloppen niet.", tuple(problems)
            )
        check_valid_from(max(valid_from, today), today)
    added = []
    for template_id, files, valid_from, reason in found:
        with register.session() as session:
            known = {v.content_hash for v in versions_of(session, template_id)}
        known.add(content_hash(shipped_files(template_of(settings, template_id))))
        if content_hash(normalised(files)) in known:
            continue
        moved = (
            f" (geldig vanaf {valid_from.isoformat()} werd {today.isoformat()})"
            if valid_from < today
            else ""
        )
        why = f"geïmporteerd door systeemgebruiker {system_user}{moved}: {reason}"
        added.append(
            save_draft(
                register,
                settings,
                template_id,
                files,
                author=actor,
                reason=why[:REASON_MAX],
                valid_from=max(valid_from, today),
                today=today,
            )
        )
    return added


def _check_author(register: Register, actor: str) -> None:
    with register.session() as session:
        user = session.scalar(select(User).where(User.name == actor))
        role = user.role if user is not None else None
    if role not in AUTHOR_ROLES:
        message = (
            f"'{actor}' is geen gebruiker met de rol communicatie of beheer;"
            " geef uw eigen gebruikersnaam"
        )
        raise RequestError(
            f"--door: {message}.", (Problem("door", message, "invalid"),)
        )


def _exported(source: Path) -> list[Path]:
    """The versie.yaml files of an export, relative to `source`, found by listing
    real folders only (glob would follow symbolic links)."""
    found = []
    for template in sorted(source.iterdir()):
        if not _FOLDER_NAME.match(template.name):
            continue
        if template.is_symlink() or not template.is_dir():
            raise _refused(template, "een export bevat alleen gewone mappen")
        for number in sorted(template.iterdir()):
            if number.is_symlink() or not number.is_dir():
                raise _refused(number, "een export bevat alleen gewone mappen")
            found.append(Path(template.name, number.name, META_FILE))
    return found


def _read_export(
    source: Path, meta_file: Path
) -> tuple[str, dict[str, str], date, str]:
    """One exported version: template id, files, valid-from and reason."""
    meta_path = source / meta_file
    try:
        meta = yaml.safe_load(read_regular(source, meta_file, MAX_META_BYTES))
        if not isinstance(meta, dict) or not isinstance(meta.get("bestanden"), list):
            raise ValueError("'bestanden' ontbreekt")
        names = [str(name) for name in meta["bestanden"]]
        unsafe = [n for n in names if not _EXPORTED_NAME.match(n)]
        if unsafe:
            raise ValueError(f"onbekende bestandsnaam {unsafe[0]!r}")
        files = {
            name: read_regular(source, meta_file.parent / name, MAX_FILE_BYTES)
            for name in names
        }
        valid_from = date.fromisoformat(str(meta.get("geldig_vanaf")))
    except (yaml.YAMLError, ValueError) as e:
        message = f"dit is geen export van letterforge: {e}"
        raise RequestError(
            message, (Problem(str(meta_path), message, "invalid"),)
        ) from e
    return str(meta.get("sjabloon", "")), files, valid_from, str(meta.get("reden", ""))
