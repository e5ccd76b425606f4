"""The findings of a template version as the people who edit it read them.

control.templates.check_version reports per sample letter ("SAMPLE: message"),
so a removed bezwaar paragraph gave the same five phrases once for every
sample. Here those findings are grouped: one message per finding, the samples
named only when not all of them have it, and one message per missing legal
element kind in B1 with its legal reason (library/elements.KIND_EXPLAINED),
pointing at the line where the element used to be when the diff against the
base version shows which line was removed. A separate module so the check
itself stays as it is (it is also the submit gate).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from pathlib import Path

from letterforge.control.templates import Check
from letterforge.library.elements import explain_missing

_SAMPLE = re.compile(r"^(?P<sample>[\w.-]+\.json): (?P<rest>.*)$", re.S)
# library/elements.MissingElement.__str__
_ELEMENT = re.compile(r"^het element '(?P<kind>\w+)' ontbreekt: \"(?P<text>.*)\"$")
_INCLUDE = re.compile(r"\{%-?\s*include\s+[\"']([^\"']+)[\"']")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _says(line: str, texts: list[str], template_dir: Path) -> bool:
    """Whether a template line printed one of `texts`: literally, or through a
    shared block it includes."""
    if any(t in _flat(line) for t in texts):
        return True
    for name in _INCLUDE.findall(line):
        block = template_dir / name
        if block.is_file() and block.resolve().is_relative_to(template_dir.resolve()):
            content = _flat(block.read_text(encoding="utf-8"))
            if any(t in content for t in texts):
                return True
    return False


def removed_line(
    template_id: str,
    texts: list[str],
    files: Mapping[str, str],
    base: Mapping[str, str],
    template_dir: Path,
) -> tuple[str, int, str] | None:
    """(FILE, LINE in the edited text, the removed line) of a line of `base`
    that printed one of `texts` and is gone from `files`; None when not found."""
    for name, old in base.items():
        new = files.get(name, "")
        old_lines, new_lines = old.splitlines(), new.splitlines()
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for op, i1, i2, j1, _j2 in matcher.get_opcodes():
            if op not in ("delete", "replace"):
                continue
            for i in range(i1, i2):
                if _says(old_lines[i], texts, template_dir):
                    line = max(1, min(j1 + 1, len(new_lines) or 1))
                    return f"{template_id}/{name}", line, old_lines[i].strip()
    return None


def readable(
    check: Check,
    *,
    template_id: str,
    letter_file: str,
    files: Mapping[str, str],
    base: Mapping[str, str] | None,
    template_dir: Path,
) -> Check:
    """`check` with its per-sample errors grouped (see module doc). Findings
    that are not per sample are kept as they are, in their order."""
    samples = [s.name for s in check.samples]
    plain: list[str] = []
    per_message: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}
    for error in check.errors:
        match = _SAMPLE.match(error)
        if match is None:
            plain.append(error)
            continue
        rest = match.group("rest")
        if element := _ELEMENT.match(rest):
            texts = missing.setdefault(element.group("kind"), [])
            if element.group("text") not in texts:
                texts.append(element.group("text"))
            continue
        per_message.setdefault(rest, []).append(match.group("sample"))
    grouped = list(plain)
    for message, where in per_message.items():
        only = "" if set(where) >= set(samples) else f" (voorbeeld: {', '.join(where)})"
        grouped.append(message + only)
    for kind, texts in missing.items():
        found = (
            removed_line(template_id, texts, files, base, template_dir)
            if base is not None
            else None
        )
        if found:
            file, line, old = found
            text = explain_missing(kind, texts, f"dit stond er eerst: {old[:120]}")
            grouped.append(f"{file}:{line}: {text}")
        else:
            grouped.append(f"{letter_file}: {explain_missing(kind, texts, None)}")
    return dataclasses.replace(check, errors=tuple(dict.fromkeys(grouped)))
