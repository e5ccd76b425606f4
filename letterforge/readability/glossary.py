"""The glossary: officialese with its plain alternative, and domain terms that may
stay when the letter explains them. Data in glossary/*.yaml, checked on load.

The checker takes a Glossary as data (it does not know where letterforge keeps it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import fastjsonschema
import yaml

Kind = Literal["ambtelijk", "vakterm", "afkorting"]

ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["term"],
    "properties": {
        "term": {"type": "string", "minLength": 2},
        "vormen": {"type": "array", "items": {"type": "string", "minLength": 2}},
        "soort": {"enum": ["ambtelijk", "vakterm", "afkorting"]},
        "alternatief": {"type": "string", "minLength": 1},
        "uitleg": {"type": "string", "minLength": 5},
        "mag_blijven": {"type": "boolean"},
        # The name the law gives a tax or levy ("afvalstoffenheffing", Wet
        # milieubeheer art. 15.33): the letter must use it, so an unexplained
        # one is a tip, not a warning (rules/jargon.py).
        "wettelijke_naam": {"type": "boolean"},
    },
    "anyOf": [{"required": ["alternatief"]}, {"required": ["uitleg"]}],
}
FILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["termen"],
    "properties": {
        # The kind of every entry in the file that does not name its own.
        "soort": {"enum": ["ambtelijk", "vakterm", "afkorting"]},
        "termen": {"type": "array", "items": ENTRY_SCHEMA},
    },
}


class GlossaryError(ValueError):
    """A glossary file that does not follow the format; names file and entry."""


@dataclass(frozen=True)
class Entry:
    term: str
    kind: Kind
    forms: tuple[str, ...]
    alternative: str = ""
    explanation: str = ""
    may_stay: bool = False
    legal_name: bool = False


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int


# Tokens for glossary lookup: anything between spaces and punctuation, dots kept so
# that "i.v.m." and "ca." stay whole.
_TOKEN = re.compile(r"[^\s,;:!?()\[\]\"“”‘’]+")


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


class Glossary:
    """Entries plus an index of their forms by first word.

    Looking words up one by one is ten times faster than one big regular expression
    of 800 alternatives, and the checker runs on every letter.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in self.entries:
            for form in entry.forms:
                words = tuple(form.lower().split())
                first = words[0] if words[0].endswith(".") else _bare(words[0])
                self._by_first.setdefault(first, []).append((words, entry))
        for candidates in self._by_first.values():
            # Longest forms first, so "in het kader van" wins over "kader".
            candidates.sort(key=lambda item: len(item[0]), reverse=True)

    def __len__(self) -> int:
        return len(self.entries)

    def _match_at(
        self, lowered: list[str], index: int
    ) -> tuple[Entry, int, bool] | None:
        """(entry, index of the last token, whether the form ends in a dot)."""
        token = lowered[index]
        for key in (token, token.rstrip(".")):
            for words, entry in self._by_first.get(key, ()):
                following = lowered[index : index + len(words)]
                if len(following) == len(words) and all(
                    t in (w, f"{w}.") or t.rstrip(".") == w
                    for t, w in zip(following, words, strict=True)
                ):
                    return entry, index + len(words) - 1, words[-1].endswith(".")
        return None

    def find(self, text: str) -> Iterator[Match]:
        tokens = list(_TOKEN.finditer(text))
        lowered = [t.group().lower() for t in tokens]
        starts = self._by_first
        index = 0
        while index < len(tokens):
            word = lowered[index]
            # Most words start no glossary form: skip them with one lookup.
            if word not in starts and word.rstrip(".") not in starts:
                index += 1
                continue
            found = self._match_at(lowered, index)
            if found is None:
                index += 1
                continue
            entry, last, dotted = found
            end = tokens[last].end()
            if not dotted and text[end - 1] == ".":
                # The full stop of the sentence is not part of "kader", but the
                # dot of "d.d." and "bijv." is: the span keeps the whole term.
                end -= 1
            yield Match(entry, tokens[index].start(), end)
            index = last + 1

    def search(self, query: str) -> list[Entry]:
        """Entries whose term, forms, alternative or explanation mention `query`."""
        needle = query.strip().lower()
        return [
            e
            for e in self.entries
            if needle in " ".join((*e.forms, e.alternative, e.explanation)).lower()
        ]


def _entry(raw: Mapping[str, Any], default_kind: Kind | None) -> Entry:
    term = raw["term"]
    kind = raw.get("soort", default_kind)
    if kind is None:
        raise GlossaryError(f"'{term}': geef een soort (ambtelijk, vakterm, afkorting)")
    return Entry(
        term=term,
        kind=kind,
        forms=tuple(dict.fromkeys([term, *raw.get("vormen", [])])),
        alternative=raw.get("alternatief", ""),
        explanation=raw.get("uitleg", ""),
        may_stay=raw.get("mag_blijven", kind != "ambtelijk"),
        legal_name=raw.get("wettelijke_naam", False),
    )


@lru_cache(maxsize=1)
def _file_check() -> Any:
    """FILE_SCHEMA compiled once: importing jsonschema (referencing, attrs, its
    format checkers) took about a third of every cold `letterforge check` (issue
    18); the compiled check says only whether a file fits."""
    return fastjsonschema.compile(FILE_SCHEMA)


def _refuse(path: Path, data: Any) -> None:
    """The first problem of a glossary file that does not fit, named by jsonschema
    (its messages and paths are what the communication team has always seen)."""
    import jsonschema

    errors = sorted(
        jsonschema.Draft202012Validator(FILE_SCHEMA).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    where = "/".join(str(p) for p in errors[0].absolute_path) if errors else ""
    message = errors[0].message if errors else "past niet in het schema"
    raise GlossaryError(f"{path.name}: {where}: {message}")


def _read(path: Path) -> list[Entry]:
    # libyaml's loader when present: the pure-Python one took half a second of
    # every cold `letterforge check` (issue 18); both load only plain YAML types.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    try:
        _file_check()(data)
    except fastjsonschema.JsonSchemaException:
        _refuse(path, data)
    try:
        return [_entry(raw, data.get("soort")) for raw in data["termen"]]
    except GlossaryError as e:
        raise GlossaryError(f"{path.name}: {e}") from e


def load_glossary(folder: Path) -> Glossary:
    """Read every *.yaml file in `folder`; a term may appear only once."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        for entry in _read(path):
            key = entry.term.lower()
            if key in seen:
                raise GlossaryError(
                    f"{path.name}: '{entry.term}' staat ook in {seen[key]}"
                )
            seen[key] = path.name
            entries.append(entry)
    return Glossary(entries)
