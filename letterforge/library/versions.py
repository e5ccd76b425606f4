"""Template versions: which text of a template applies on a letter's date.

The shipped library in `templates/` is version 1 of every template, valid from
`geldig_vanaf` in its template.yaml (default: always). A municipality's own
versions are stored in the register (letterforge.register.template_versions) as
the template's editable files: letter.md.j2 and its own motivering/*.md.j2. The
text in force on a date is the approved version with the latest valid-from date
on or before it; it ends where the next one starts.

To compose with a stored version, its files are laid over a copy of the shared
parts of the library in a folder named by content (`materialise`): the loader,
the Jinja environment and their caches then work as for any template folder, and
a new version is a new folder, so a running server picks it up without a restart.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from letterforge.errors import Problem
from letterforge.library.loader import SHARED_BLOCKS_DIR, Template

LETTER_FILE = "letter.md.j2"
# A template text is a few KB; this bounds what one edit may store or render.
MAX_FILE_CHARS = 60_000
SHIPPED_NUMBER = 1
# Characters a template text may not hold: control (Cc, but line end and tab),
# format (Cf: bidi overrides and isolates, zero-width spaces and joiners; they
# hide or reorder text in the diff the approver reads — "Trojan Source",
# CVE-2021-42574 — and confuse screen readers), private use (Co: the printed
# values' placeholders of compose/environment.py) and surrogates (Cs). The soft
# hyphen (U+00AD) is the one deliberate format character a letter may use.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
_ALLOWED = frozenset("\n\t\u00ad")


def editable_names(template: Template) -> tuple[str, ...]:
    """The files a version holds, relative to the template folder: the letter and
    its own motivation blocks (shared blocks serve many templates, so they stay in
    the shipped library)."""
    own = sorted(
        b.source.split("/", 1)[1]
        for b in template.motivation_blocks
        if not b.source.startswith(SHARED_BLOCKS_DIR + "/")
    )
    return (LETTER_FILE, *own)


def shipped_files(template: Template) -> dict[str, str]:
    """The editable files of the shipped template, as text."""
    return {
        name: (template.folder / name).read_text(encoding="utf-8")
        for name in editable_names(template)
    }


def content_hash(files: Mapping[str, str]) -> str:
    """SHA-256 (hex) over the files' names and texts, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return digest.hexdigest()


def normalised(files: Mapping[str, str]) -> dict[str, str]:
    """Line ends as \\n (a browser sends \\r\\n), so hashes and diffs compare text."""
    return {
        name: text.replace("\r\n", "\n").replace("\r", "\n")
        for name, text in files.items()
    }


def file_problems(template: Template, files: Mapping[str, str]) -> list[Problem]:
    """Dutch problems when `files` is not exactly the template's editable files,
    a file is too long or holds characters a letter cannot (NUL)."""
    expected = set(editable_names(template))
    problems = [
        Problem(f"bestanden.{name}", "dit bestand hoort niet bij het sjabloon")
        for name in sorted(set(files) - expected)
    ]
    problems += [
        Problem(f"bestanden.{name}", "dit bestand ontbreekt", "required")
        for name in sorted(expected - set(files))
    ]
    for name in sorted(expected & set(files)):
        text = files[name]
        if not isinstance(text, str):
            problems.append(Problem(f"bestanden.{name}", "geef de tekst", "type"))
        elif len(text) > MAX_FILE_CHARS:
            message = f"de tekst is langer dan {MAX_FILE_CHARS} tekens"
            problems.append(Problem(f"bestanden.{name}", message, "too_long"))
        else:
            problems += character_problems(name, text)
    return problems


def character_problems(name: str, text: str) -> list[Problem]:
    """One problem per line holding a character a template may not (see
    _REFUSED_CATEGORIES), as `FILE:LINE` with the character's code point."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = next(
            (
                ch
                for ch in line
                if unicodedata.category(ch) in _REFUSED_CATEGORIES
                and ch not in _ALLOWED
            ),
            None,
        )
        if bad is not None:
            message = (
                f"{name}:{number}: het onzichtbare of speciale teken"
                f" U+{ord(bad):04X} mag niet in een sjabloon; haal het weg"
            )
            problems.append(Problem(f"bestanden.{name}", message, "invalid"))
    return problems


@dataclass(frozen=True)
class Dated:
    """A version that may apply: its number and valid-from date (id None for the
    shipped version 1)."""

    number: int
    valid_from: date
    id: int | None = None


def in_force(candidates: Iterable[Dated], day: date) -> Dated | None:
    """The version valid on `day`: latest valid-from on or before it; of two with
    the same date, the higher number. None when none has started yet."""
    started = [c for c in candidates if c.valid_from <= day]
    return max(started, key=lambda c: (c.valid_from, c.number), default=None)


def valid_until(candidates: Sequence[Dated], version: Dated) -> date | None:
    """The last day `version` applies: the day before the next one starts (None:
    open-ended). A version overtaken on its own start date never applies."""
    later = [
        c.valid_from
        for c in candidates
        if (c.valid_from, c.number) > (version.valid_from, version.number)
    ]
    if not later:
        return None
    # A stored date at the calendar's start (0001-01-01) has no day before it.
    return min(later) - timedelta(days=1) if min(later) > date.min else date.min


def unified_diff(
    old: Mapping[str, str], new: Mapping[str, str], *, old_label: str, new_label: str
) -> str:
    """A unified diff per file (difflib), files in name order; empty when equal."""
    out: list[str] = []
    for name in sorted(set(old) | set(new)):
        out += difflib.unified_diff(
            old.get(name, "").splitlines(keepends=True),
            new.get(name, "").splitlines(keepends=True),
            fromfile=f"{old_label}/{name}",
            tofile=f"{new_label}/{name}",
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _shared_parts(root: Path) -> list[Path]:
    """What every template folder relies on: `_blokken`, `_schema`, `_data`,
    `_vier-ogen.yaml` — everything whose name starts with "_"."""
    return sorted(p for p in root.iterdir() if p.name.startswith("_"))


def materialise(
    base: Path, template: Template, files: Mapping[str, str], work_dir: Path
) -> Path:
    """A template folder root holding the shared parts of `base` and `template`
    with `files` laid over it; named by content, made once, atomically (a rename),
    so several workers may race safely. Returns the root."""
    key = hashlib.sha256(
        f"{base.resolve()}\0{template.version}\0{content_hash(files)}".encode()
    ).hexdigest()[:24]
    root = work_dir / key
    if root.is_dir():
        os.utime(root)  # in use: `prune` keeps it
        return root
    work_dir.mkdir(parents=True, exist_ok=True)
    staging = work_dir / f".{key}.{os.getpid()}.{time.monotonic_ns()}"
    staging.mkdir()
    try:
        for part in _shared_parts(base):
            if part.is_dir():
                shutil.copytree(part, staging / part.name)
            else:
                shutil.copy2(part, staging / part.name)
        shutil.copytree(template.folder, staging / template.id)
        for name, text in files.items():
            (staging / template.id / name).write_text(text, encoding="utf-8")
        os.rename(staging, root)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not root.is_dir():  # not a lost race: a real failure
            raise
    return root


def prune(work_dir: Path, *, older_than_seconds: float) -> None:
    """Remove materialised folders not used for a while (editor previews)."""
    if not work_dir.is_dir():
        return
    cutoff = time.time() - older_than_seconds
    for path in work_dir.iterdir():
        if path.is_dir() and path.stat().st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
