"""Load the template library: one folder per decision type, plus shared blocks.

A template folder holds template.yaml (what it is), schema.json (the case data it
needs), letter.md.j2 (the letter) and motivering/*.md.j2 (motivation blocks). The
folder `_blokken` holds shared blocks and `_schema/common.json` the definitions that
every schema may refer to as "#/$defs/<name>".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from letterforge.errors import TemplateError, TemplateSourceError, UnknownTemplate
from letterforge.library.checks import CaseRule, parse_rules
from letterforge.library.elements import Elements, parse_elements
from letterforge.library.structure import (
    SchemaScope,
    SourceProblem,
    declared_use_problems,
    layout_problems,
)
from letterforge.library.structure import source_problems as _template_problems

SHARED_BLOCKS_DIR = "_blokken"
COMMON_SCHEMA = Path("_schema") / "common.json"
TEMPLATE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ELEMENTS = ("regel", "feiten", "onderzoek", "afweging")
# A shipped template without `geldig_vanaf` has always applied (version "1").
EPOCH = date(1970, 1, 1)
# `{% include "_blokken/<name>.md.j2" %}` in a letter: its shared blocks.
_SHARED_INCLUDE = re.compile(
    r'include\s+"' + SHARED_BLOCKS_DIR + r'/([a-z0-9-]+)\.md\.j2"'
)


@dataclass(frozen=True)
class MotivationBlock:
    """A motivation block a caseworker can choose; `provides` names its elements."""

    id: str
    title: str
    provides: tuple[str, ...]
    source: str
    # `gebruikt` in template.yaml: the schema fields the block reads, such as
    # "terugvordering.niet_doorgegeven" (checked by library/structure.py).
    uses: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DateOrder:
    """A check that one date in the case data is not after another."""

    earlier: str
    later: str
    message: str
    # The field the error names: the one to correct (`veld`; default `later`). A
    # herziening period that ends after the letter is wrong in the period, not in
    # the letter's date (review r4 jurist finding 11).
    field: str = ""


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    domain: str
    legal_basis: tuple[str, ...]
    description: str
    subject: str
    shared_blocks: tuple[str, ...]
    required_elements: tuple[str, ...]
    motivation_blocks: tuple[MotivationBlock, ...]
    date_orders: tuple[DateOrder, ...]
    schema: Mapping[str, Any]
    version: str
    folder: Path
    # The legal elements its letters must contain (library/elements.py).
    elements: Elements = Elements("geen", ())
    # Case consistency rules: warnings or errors before a letter is made.
    case_rules: tuple[CaseRule, ...] = ()
    # `geldig_vanaf` in template.yaml: from which letter date the shipped text
    # (version 1) applies; a municipality's later versions live in the register.
    valid_from: date = EPOCH

    @property
    def source(self) -> str:
        """The Jinja name of the letter body."""
        return f"{self.id}/letter.md.j2"

    def motivation_block(self, block_id: str) -> MotivationBlock | None:
        return next((b for b in self.motivation_blocks if b.id == block_id), None)


@dataclass(frozen=True)
class Library:
    root: Path
    by_id: Mapping[str, Template]

    def get(self, template_id: str) -> Template:
        try:
            return self.by_id[template_id]
        except KeyError:
            raise UnknownTemplate(template_id) from None

    def templates(self) -> tuple[Template, ...]:
        return tuple(self.by_id[key] for key in sorted(self.by_id))


def _read_yaml(path: Path, template_id: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise TemplateError(template_id, f"{path.name} is niet te lezen: {e}") from e
    if not isinstance(data, dict):
        raise TemplateError(template_id, f"{path.name} moet velden bevatten")
    return data


def _read_json(path: Path, template_id: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise TemplateError(template_id, f"{path.name} is niet te lezen: {e}") from e
    if not isinstance(data, dict):
        raise TemplateError(template_id, f"{path.name} moet een object zijn")
    return data


def _strings(data: Mapping[str, Any], key: str, template_id: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TemplateError(template_id, f"'{key}' moet een lijst met teksten zijn")
    return tuple(value)


def _text(data: Mapping[str, Any], key: str, template_id: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(template_id, f"'{key}' ontbreekt in template.yaml")
    return value.strip()


def _valid_from(data: Mapping[str, Any], template_id: str) -> date:
    value = data.get("geldig_vanaf", EPOCH)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, date):
        raise TemplateError(
            template_id, "'geldig_vanaf' moet een datum zijn (JJJJ-MM-DD)"
        )
    return value


def folder_version(paths: list[Path], root: Path) -> str:
    """A content hash over files: changes whenever any of them changes."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _motivation_blocks(
    spec: Mapping[str, Any], folder: Path, template_id: str
) -> tuple[MotivationBlock, ...]:
    blocks = []
    for entry in spec.get("blokken", []):
        if not isinstance(entry, dict):
            raise TemplateError(template_id, "elk motiveringsblok heeft velden nodig")
        block_id = _text(entry, "id", template_id)
        provides = _strings(entry, "levert", template_id)
        unknown = set(provides) - set(ELEMENTS)
        if unknown:
            raise TemplateError(template_id, f"onbekend element: {sorted(unknown)}")
        # Shared blocks (onderzoek, zienswijze) serve many decision types.
        home = SHARED_BLOCKS_DIR if entry.get("gedeeld") else template_id
        source = f"{home}/motivering/{block_id}.md.j2"
        if not (folder.parent / source).is_file():
            raise TemplateError(template_id, f"motiveringsblok {source} ontbreekt")
        title = _text(entry, "titel", template_id)
        uses = _strings(entry, "gebruikt", template_id) if "gebruikt" in entry else None
        blocks.append(MotivationBlock(block_id, title, provides, source, uses))
    return tuple(blocks)


def _date_orders(data: Mapping[str, Any], template_id: str) -> tuple[DateOrder, ...]:
    orders = []
    for entry in data.get("controles", []):
        if not isinstance(entry, dict):
            raise TemplateError(template_id, "elke controle heeft velden nodig")
        orders.append(
            DateOrder(
                earlier=_text(entry, "eerder", template_id),
                later=_text(entry, "later", template_id),
                message=_text(entry, "melding", template_id),
                field=_text(entry, "veld", template_id) if "veld" in entry else "",
            )
        )
    return tuple(orders)


def _bundle_schema(
    schema: dict[str, Any],
    common: Mapping[str, Any],
    blocks: tuple[MotivationBlock, ...],
) -> dict[str, Any]:
    """Make a template schema self-contained: shared $defs copied in, and the
    motivation choices taken from template.yaml so they are listed only once."""
    defs = dict(common.get("$defs", {}))
    defs.update(schema.get("$defs", {}))
    bundled = {**schema, "$defs": defs}
    choice = schema.get("properties", {}).get("motivering")
    if blocks and isinstance(choice, dict):
        choices = ", ".join(b.id for b in blocks)
        items = {
            "enum": [b.id for b in blocks],
            "x-foutmelding": f"dit motiveringsblok bestaat niet; kies uit: {choices}",
        }
        properties = {**schema["properties"], "motivering": {**choice, "items": items}}
        bundled["properties"] = properties
    return bundled


def _shared_blocks(letter: Path) -> tuple[str, ...]:
    """The shared blocks a letter includes, derived from its text so no list in
    template.yaml can drift from what the letter really says."""
    found = _SHARED_INCLUDE.findall(letter.read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(found))


def load_template(
    folder: Path, common: Mapping[str, Any], shared_files: list[Path]
) -> Template:
    template_id = folder.name
    data = _read_yaml(folder / "template.yaml", template_id)
    if data.get("id") != template_id:
        raise TemplateError(template_id, "'id' in template.yaml moet de mapnaam zijn")
    if not (folder / "letter.md.j2").is_file():
        raise TemplateError(template_id, "letter.md.j2 ontbreekt")
    motivation = data.get("motivering", {})
    if not isinstance(motivation, dict):
        raise TemplateError(template_id, "'motivering' moet velden bevatten")
    if "blokken" in data:
        raise TemplateError(
            template_id, "'blokken' is vervallen: de brief zelf noemt zijn blokken"
        )
    shared_blocks = _shared_blocks(folder / "letter.md.j2")
    own_files = [p for p in folder.rglob("*") if p.is_file()]
    blocks = _motivation_blocks(motivation, folder, template_id)
    schema = _read_json(folder / "schema.json", template_id)
    return Template(
        id=template_id,
        title=_text(data, "titel", template_id),
        domain=_text(data, "domein", template_id),
        legal_basis=_strings(data, "grondslag", template_id),
        description=str(data.get("omschrijving", "")).strip(),
        subject=_text(data, "onderwerp", template_id),
        shared_blocks=shared_blocks,
        required_elements=_strings(motivation, "vereist", template_id),
        motivation_blocks=blocks,
        date_orders=_date_orders(data, template_id),
        schema=_bundle_schema(schema, common, blocks),
        version=folder_version(own_files + shared_files, folder.parent),
        folder=folder,
        elements=parse_elements(data, template_id),
        case_rules=parse_rules(data, template_id),
        valid_from=_valid_from(data, template_id),
    )


def _subject_problems(root: Path, template: Template) -> list[SourceProblem]:
    """The subject line (`onderwerp` in template.yaml) is Jinja too; its
    problems are reported at the line of `onderwerp:`."""
    name = f"{template.id}/template.yaml"
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    line = next((n for n, t in enumerate(lines, 1) if t.startswith("onderwerp:")), 1)
    found = _template_problems(name, template.subject, SchemaScope.of(template.schema))
    return [dataclasses.replace(p, line=line) for p in found if p.rule != "glue"]


def _block_entry(root: Path, template: Template, block_id: str) -> tuple[str, int]:
    """template.yaml and the line of the block's `id:` entry, for messages."""
    name = f"{template.id}/template.yaml"
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    entry = re.compile(rf"^\s*(-\s+)?id:\s*['\"]?{re.escape(block_id)}['\"]?\s*$")
    line = next((n for n, text in enumerate(lines, 1) if entry.match(text)), 1)
    return name, line


def source_problems(library: Library) -> list[SourceProblem]:
    """Silent-mistake checks (library/structure.py) over every letter, its
    motivation blocks (with the letter's aliases) and the shared blocks."""
    root = library.root
    problems: list[SourceProblem] = []
    for template in library.templates():
        scope = SchemaScope.of(template.schema)
        source = (root / template.source).read_text(encoding="utf-8")
        problems += _template_problems(template.source, source, scope)
        problems += _subject_problems(root, template)
        for block in template.motivation_blocks:
            # Each block sees the letter's aliases, not those of other blocks.
            block_scope = scope.copy()
            source = (root / block.source).read_text(encoding="utf-8")
            problems += _template_problems(block.source, source, block_scope)
            if block.uses is not None:
                declaration = _block_entry(root, template, block.id)
                problems += declared_use_problems(
                    block.source, declaration, block.uses, source, block_scope
                )
    for path in sorted((root / SHARED_BLOCKS_DIR).glob("*.md.j2")):
        name = path.relative_to(root).as_posix()
        problems += layout_problems(name, path.read_text(encoding="utf-8"))
    # A shared motivation block is checked once per template that uses it.
    return list(dict.fromkeys(problems))


@lru_cache(maxsize=8)
def load_library(root: Path) -> Library:
    """Read every template folder below `root` (cached: templates are read once).

    Raises TemplateError for a broken folder, and TemplateSourceError listing
    every `FILE:LINE: message` when a template would change letters silently."""
    if not root.is_dir():
        raise TemplateError("*", f"de map met sjablonen '{root}' bestaat niet")
    common = _read_json(root / COMMON_SCHEMA, "_schema")
    shared_files = [p for p in (root / SHARED_BLOCKS_DIR).rglob("*") if p.is_file()]
    shared_files.append(root / COMMON_SCHEMA)
    # Norm amounts change letters too, so they are part of every template's version.
    shared_files += [p for p in (root / "_data").rglob("*") if p.is_file()]
    templates = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name.startswith(("_", ".")):
            continue
        if not TEMPLATE_ID.match(folder.name):
            raise TemplateError(folder.name, "de mapnaam mag alleen a-z, 0-9 en - zijn")
        templates[folder.name] = load_template(folder, common, shared_files)
    library = Library(root=root, by_id=templates)
    problems = source_problems(library)
    if problems:
        raise TemplateSourceError(tuple(str(p) for p in problems))
    return library
