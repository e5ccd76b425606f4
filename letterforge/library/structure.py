"""Template mistakes that would otherwise pass silently, found in the source.

A letter template is Jinja that renders Markdown. Three kinds of slips change a
letter without any error from Jinja or Markdown, so we look for them here, with
the file and line the editor must fix:

- glue: `trim_blocks` removes the newline after a `{% ... %}` tag, so a line that
  ends in a tag after some text is joined to the next line. Block markup on that
  next line ("> - Bent u het niet eens?") is then printed as literal text.
- lazy lines: Markdown continues a callout or list item on the next line when it
  does not start with ">" or a list marker, and a table on any next line; the
  sentence moves into the box, the item or the table.
- indentation: leading spaces move a paragraph into the list above or make code.
- unknown fields: an attribute path (also through `{% set t = terugvordering %}`
  and loop variables) that the template's JSON Schema does not define.

We work on Jinja's own lexer output, so the whitespace rules are exactly those of
the environment composing uses (JINJA_WHITESPACE; tests/library checks that
compose's environment has the same settings). A static view of all branches at
once is enough here: a gap that exists in the source exists in every rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from letterforge.library.jinja_messages import dutch_jinja

# The whitespace options of compose/environment.py: they decide what gets glued.
JINJA_WHITESPACE: Mapping[str, bool] = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
_BLOCK_MARKER = re.compile(r"^(>|[-*+](\s|$)|\d+[.)](\s|$)|\||#)")
_ITEM = re.compile(r"^([-*+]|\d+[.)])\s")
# Methods of a mapping that templates may call; they are not schema fields.
_MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})


@dataclass(frozen=True)
class SourceProblem:
    """One mistake at `file:line` (file relative to the templates folder)."""

    file: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def parsing_environment() -> Environment:
    """A plain Jinja environment with composing's whitespace rules, for lexing
    and parsing only (no filters are needed to parse)."""
    return Environment(
        trim_blocks=JINJA_WHITESPACE["trim_blocks"],
        lstrip_blocks=JINJA_WHITESPACE["lstrip_blocks"],
        keep_trailing_newline=JINJA_WHITESPACE["keep_trailing_newline"],
    )


@dataclass(frozen=True)
class _Piece:
    line: int
    text: str


def _output_lines(env: Environment, source: str) -> list[list[_Piece]]:
    """The text the template produces, line by line, each piece with the source
    line it comes from. Printed values become 'X'; tags produce nothing."""
    lines: list[list[_Piece]] = [[]]
    in_variable = False
    for lineno, kind, value in env.lex(source):
        if kind == "variable_begin":
            lines[-1].append(_Piece(lineno, "X"))
            in_variable = True
        elif kind == "variable_end":
            in_variable = False
        elif kind == "data" and not in_variable:
            for offset, part in enumerate(value.split("\n")):
                if offset:
                    lines.append([])
                if part:
                    lines[-1].append(_Piece(lineno + offset, part))
    return lines


def _glue(name: str, line: list[_Piece]) -> Iterator[SourceProblem]:
    text = [p for p in line if p.text.strip()]
    for before, after in zip(text, text[1:], strict=False):
        if after.line == before.line:
            continue
        start = after.text.lstrip()
        if _BLOCK_MARKER.match(start):
            what = f"de opmaak '{start[:3].strip()}' komt midden in de tekst"
        else:
            what = "de tekst plakt vast aan de regel ervoor"
        yield SourceProblem(
            name,
            after.line,
            "glue",
            f"{what}: regel {before.line} eindigt met een {{% ... %}} na tekst, "
            f"en daarna valt het regeleinde weg. Zet een lege regel na regel "
            f"{before.line}.",
        )


def _first(line: list[_Piece]) -> _Piece | None:
    return next((p for p in line if p.text.strip()), None)


def _layout(name: str, lines: list[list[_Piece]]) -> Iterator[SourceProblem]:
    previous = ""
    for line in lines:
        first = _first(line)
        if first is None:
            previous = ""
            continue
        whole = "".join(p.text for p in line)
        if whole[:1] in (" ", "\t"):
            yield SourceProblem(
                name,
                first.line,
                "indentation",
                "de regel begint met spaties of een tab: inspringen verandert de "
                "opbouw (de alinea schuift in de lijst erboven, of wordt code). "
                "Haal de spaties weg.",
            )
        elif previous.startswith(">") and not whole.startswith(">"):
            yield SourceProblem(
                name,
                first.line,
                "lazy-line",
                "deze regel komt in het kader erboven terecht. Begin de regel met "
                "'>' of zet er een lege regel voor.",
            )
        elif previous.startswith("|") and not whole.startswith("|"):
            yield SourceProblem(
                name,
                first.line,
                "lazy-line",
                "deze regel wordt een rij van de tabel erboven. Zet er een lege "
                "regel voor.",
            )
        elif _ITEM.match(previous) and not _BLOCK_MARKER.match(whole):
            yield SourceProblem(
                name,
                first.line,
                "lazy-line",
                "deze regel komt in het lijstpunt erboven terecht. Begin de regel "
                "met '- ' of zet er een lege regel voor.",
            )
        previous = whole


def layout_problems(name: str, source: str) -> list[SourceProblem]:
    """Glue, lazy lines and indentation in one template source (see module doc).

    `name` is the file relative to the templates folder, used in the messages.
    A syntax error is reported as a problem too (rule 'syntax')."""
    env = parsing_environment()
    try:
        lines = _output_lines(env, source)
    except TemplateSyntaxError as e:
        return [SourceProblem(name, e.lineno, "syntax", syntax_message(e, env))]
    problems = [p for line in lines for p in _glue(name, line)]
    return problems + list(_layout(name, lines))


# --- Attribute paths against the JSON Schema ---------------------------------


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow "$ref": "#/$defs/<name>" (the bundled schema holds every $def)."""
    seen = 0
    while isinstance(node.get("$ref"), str) and seen < 20:
        ref = str(node["$ref"])
        target = schema.get("$defs", {}).get(ref.removeprefix("#/$defs/"))
        if not isinstance(target, Mapping):
            return {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _branches(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[Any]:
    node = _resolve(schema, node)
    found = [node]
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(key, []):
            if isinstance(branch, Mapping):
                found += _branches(schema, branch)
    for key in ("then", "else"):
        if isinstance(node.get(key), Mapping):
            found += _branches(schema, node[key])
    return found


def _child(
    schema: Mapping[str, Any], node: Mapping[str, Any], name: str | None
) -> Mapping[str, Any] | None:
    """The schema of `node[name]` (name None: an array item). {} means "not
    known, accept anything below"; None means "this field does not exist"."""
    branches = _branches(schema, node)
    if name is None:
        items = [b["items"] for b in branches if isinstance(b.get("items"), Mapping)]
        return {"anyOf": items} if items else {}
    children = [
        b["properties"][name]
        for b in branches
        if isinstance(b.get("properties"), Mapping) and name in b["properties"]
    ]
    if children:
        return {"anyOf": children} if len(children) > 1 else children[0]
    has_fields = any(isinstance(b.get("properties"), Mapping) for b in branches)
    open_ended = any(
        b.get("additionalProperties", False) is not False or "patternProperties" in b
        for b in branches
    )
    return None if has_fields and not open_ended else {}


def _chain(node: nodes.Expr) -> tuple[str, list[str | None]] | None:
    """`t.a["b"][0]` -> ("t", ["a", "b", None]); None when not a plain path."""
    parts: list[str | None] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            parts.append(node.arg.value if isinstance(node.arg.value, str) else None)
            node = node.node
        elif isinstance(node, nodes.Name):
            return node.name, parts[::-1]
        else:
            return None


@dataclass
class SchemaScope:
    """Names that stand for a place in the schema: its top-level fields, plus
    aliases made with {% set %} or {% for %}, shared from a letter with the
    blocks it includes."""

    schema: Mapping[str, Any]
    aliases: dict[str, tuple[str, Mapping[str, Any]]]

    @classmethod
    def of(cls, schema: Mapping[str, Any]) -> SchemaScope:
        return cls(schema, {})

    def copy(self) -> SchemaScope:
        return SchemaScope(self.schema, dict(self.aliases))

    def lookup(
        self, root: str, parts: list[str | None]
    ) -> tuple[str, Mapping[str, Any] | None, str | None]:
        """(printable path, schema node or None, first unknown field)."""
        if root in self.aliases:
            path, node = self.aliases[root]
        elif root in self.schema.get("properties", {}):
            path, node = root, self.schema["properties"][root]
        else:
            return root, {}, None
        for part in parts:
            if part in _MAPPING_METHODS:
                return path, {}, None
            child = _child(self.schema, node, part)
            if child is None:
                return path, None, part
            path = f"{path}.{part}" if part else f"{path}[]"
            node = child
        return path, node, None


def _learn_aliases(ast: nodes.Template, scope: SchemaScope) -> None:
    for node in ast.find_all((nodes.Assign, nodes.For)):
        assert isinstance(node, nodes.Assign | nodes.For)
        target = node.target
        value = node.node if isinstance(node, nodes.Assign) else node.iter
        if not isinstance(target, nodes.Name) or not isinstance(value, nodes.Expr):
            continue
        chain = _chain(value)
        if chain is None:
            scope.aliases.pop(target.name, None)
            continue
        root = chain[0]
        path, found, _ = scope.lookup(*chain)
        known = root in scope.aliases or root in scope.schema.get("properties", {})
        if found is None or not known:
            scope.aliases.pop(target.name, None)
            continue
        if isinstance(node, nodes.For):
            found = _child(scope.schema, found, None) or {}
            path = f"{path}[]"
        scope.aliases[target.name] = (path, found)


def field_problems(
    name: str, ast: nodes.Template, scope: SchemaScope
) -> list[SourceProblem]:
    """Every attribute path in `ast` that the schema does not define, with line.

    Aliases found in `ast` are added to `scope`, so a letter's aliases reach the
    motivation blocks it includes when they are checked with the same scope."""
    _learn_aliases(ast, scope)
    problems: dict[tuple[int, str], SourceProblem] = {}
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        chain = _chain(node)
        if chain is None:
            continue
        path, found, missing = scope.lookup(*chain)
        if found is None and missing is not None:
            alias = scope.aliases.get(chain[0])
            via = f" ('{chain[0]}' staat voor {alias[0]})" if alias else ""
            message = f"het veld '{path}.{missing}' bestaat niet in schema.json{via}"
            problems.setdefault(
                (node.lineno, message),
                SourceProblem(name, node.lineno, "unknown-field", message),
            )
    return sorted(problems.values(), key=lambda p: (p.line, p.message))


# --- Render-time errors with file and line -----------------------------------


def syntax_message(error: TemplateSyntaxError, env: Environment) -> str:
    """A Jinja syntax (or unknown filter/test) error in B1 Dutch, without FILE:LINE."""
    return dutch_jinja(error.message or "fout", (*env.filters, *env.tests))


def render_location(error: BaseException, root: Path) -> tuple[str, int] | None:
    """The template file (relative to `root`) and line where a Jinja error was
    raised while rendering. Jinja rewrites tracebacks so that frames of compiled
    templates carry the template's file name and line; we take the innermost."""
    found: tuple[str, int] | None = None
    root = root.resolve()
    tb = error.__traceback__
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename).resolve()
        if filename.suffix == ".j2" and filename.is_relative_to(root):
            found = (filename.relative_to(root).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_message(error: BaseException, root: Path) -> str:
    """`FILE:LINE: message` in Dutch for a Jinja error raised while rendering."""
    # Said in B1 Dutch without server paths (library/jinja_messages.py); a
    # missing block gets a suggestion from the blocks that do exist.
    blocks = [p.relative_to(root).as_posix() for p in root.rglob("*.md.j2")]
    text = dutch_jinja(str(error), blocks)
    where = render_location(error, root)
    return f"{where[0]}:{where[1]}: {text}" if where else text


def source_problems(name: str, source: str, scope: SchemaScope) -> list[SourceProblem]:
    """All checks of this module on one template source: a syntax error, or
    glue, lazy lines, indentation and unknown fields (aliases go into `scope`)."""
    env = parsing_environment()
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as e:
        return [SourceProblem(name, e.lineno, "syntax", syntax_message(e, env))]
    return layout_problems(name, source) + field_problems(name, ast, scope)


def read_paths(ast: nodes.Template, scope: SchemaScope) -> dict[str, int]:
    """The schema fields `ast` reads, as dotted paths ("a.b", "a.lijst[]"), each
    with the first line that reads it; aliases are resolved through `scope`."""
    found: dict[str, int] = {}
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        chain = _chain(node)
        if chain is None:
            continue
        known = chain[0] in scope.aliases or chain[0] in scope.schema.get(
            "properties", {}
        )
        path, schema_node, _ = scope.lookup(*chain)
        if known and schema_node is not None:
            line = found.get(path, node.lineno)
            found[path] = min(line, node.lineno)
    # Keep the longest paths only: `t.a` also visits `t`, which is not a use.
    return {
        p: line
        for p, line in found.items()
        if not any(o != p and o.startswith((f"{p}.", f"{p}[")) for o in found)
    }


def _covers(declared: str, path: str) -> bool:
    return path == declared or path.startswith((f"{declared}.", f"{declared}["))


def declared_use_problems(
    block_name: str,
    declaration: tuple[str, int],
    declared: tuple[str, ...],
    source: str,
    scope: SchemaScope,
) -> list[SourceProblem]:
    """A motivation block's `gebruikt` list against what it really reads: every
    read field must be declared (reported at the block's line), and every
    declared field must exist (reported at `declaration`: template.yaml, line)."""
    yaml_name, yaml_line = declaration
    problems = []
    for entry in declared:
        root, *parts = entry.replace("[]", ".").rstrip(".").split(".")
        if root not in scope.schema.get("properties", {}):
            found = None
        else:
            _, found, _ = scope.lookup(root, [p or None for p in parts])
        if found is None:
            problems.append(
                SourceProblem(
                    yaml_name,
                    yaml_line,
                    "uses",
                    f"'gebruikt' noemt '{entry}', "
                    "maar dat veld staat niet in schema.json",
                )
            )
    try:
        ast = parsing_environment().parse(source)
    except TemplateSyntaxError:
        return problems  # reported by source_problems
    for path, line in read_paths(ast, scope).items():
        if not any(_covers(d, path) for d in declared):
            problems.append(
                SourceProblem(
                    block_name,
                    line,
                    "uses",
                    f"het blok leest '{path}', maar dat staat niet bij "
                    f"'gebruikt' van dit blok in {yaml_name}",
                )
            )
    return problems
