"""A readable diff for the template studio: per file (named in words), the
changed lines side by side, removed and added words marked with <del>/<ins>
(struck through / underlined and announced as "weg:" / "nieuw:" to screen
readers, so not by colour alone), a few unchanged lines around each change.

difflib gives the line and word matching; the HTML is built here because the
well-kept HTML differs (difflib.HtmlDiff) make fixed-width tables with inline
styles and no word marks that a screen reader can announce.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

CONTEXT = 2
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Row:
    """One line pair; `kind` is 'same', 'changed', 'removed', 'added' or 'gap'."""

    kind: str
    old_number: int | None
    old: Markup
    new_number: int | None
    new: Markup


@dataclass(frozen=True)
class FileDiff:
    name: str
    label: str
    rows: tuple[Row, ...]


def file_label(name: str) -> str:
    """'letter.md.j2' → 'Brief'; 'motivering/inlichtingenplicht.md.j2' →
    'Motivering: inlichtingenplicht'."""
    stem = name.removesuffix(".j2").removesuffix(".md")
    if stem == "letter":
        return "Brief"
    if stem.startswith("motivering/"):
        return "Motivering: " + stem.removeprefix("motivering/").replace("-", " ")
    return stem


def _marked(old: str, new: str) -> tuple[Markup, Markup]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(str(escape(gone)))
            right.append(str(escape(came)))
            continue
        if gone:
            left.append(f'<del><span class="lf-sr">weg: </span>{escape(gone)}</del>')
        if came:
            right.append(f'<ins><span class="lf-sr">nieuw: </span>{escape(came)}</ins>')
    return Markup("".join(left)), Markup("".join(right))


def _rows(old: str, new: str) -> list[Row]:
    a, b = old.splitlines(), new.splitlines()
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if rows:
            rows.append(Row("gap", None, Markup(""), None, Markup("")))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows += [
                    Row(
                        "same",
                        i1 + k + 1,
                        escape(a[i1 + k]),
                        j1 + k + 1,
                        escape(b[j1 + k]),
                    )
                    for k in range(i2 - i1)
                ]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if i < i2 and j < j2:
                    left, right = _marked(a[i], b[j])
                    rows.append(Row("changed", i + 1, left, j + 1, right))
                elif i < i2:
                    left, _ = _marked(a[i], "")
                    rows.append(Row("removed", i + 1, left, None, Markup("")))
                else:
                    _, right = _marked("", b[j])
                    rows.append(Row("added", None, Markup(""), j + 1, right))
    return rows


def readable_diff(old: Mapping[str, str], new: Mapping[str, str]) -> list[FileDiff]:
    """The changed files between two versions, each with its changed rows; an
    empty list when the texts are the same."""
    out = []
    for name in sorted(set(old) | set(new)):
        rows = _rows(old.get(name, ""), new.get(name, ""))
        if rows:
            out.append(FileDiff(name, file_label(name), tuple(rows)))
    return out
