"""Checks for the people who edit templates, without any case data.

Finds variables a template uses that its schema does not define (and schema fields it
never uses), includes of shared blocks that do not exist, Jinja syntax errors with
file and line, and the readability findings of the template's own fixed text.

The library sits below compose (compose reads templates), so what lint needs to know
of composing - its Jinja environment and the names it adds to every letter - is
handed in as `Composing` (compose.lint_facts() gives it). A new check is a function
`(template, ...) -> Iterator[LintProblem]` added to lint_template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from letterforge.library.jinja_messages import dutch_jinja
from letterforge.library.loader import Library, Template
from letterforge.readability import EmptyText, Finding, Glossary, analyze


@dataclass(frozen=True)
class Composing:
    """What a template may rely on from composing: the Jinja environment for a
    template folder, and the names composing adds to every letter's context."""

    environment: Callable[[Path], Environment]
    context_names: frozenset[str]


# Fields that composing itself uses for the address, signature and reference lines.
# Fields the composer reads, not the letter: `aanvrager` (its geboortedatum)
# reaches every bijstandsnorm the letter's calculators pick (jongerennorm).
COMPOSE_FIELDS = frozenset(
    {"zaak", "ontvanger", "contactpersoon", "ondertekening", "aanvrager"}
)
_QUOTE_MARK = re.compile(r"^> ?(\[![a-z-]+\] ?)?", re.M)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_STATEMENT = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class LintProblem:
    template: str
    file: str
    line: int | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.template}: {where}: {self.message}"


def _sources(template: Template) -> list[str]:
    """Jinja names of the letter and its own and shared motivation blocks."""
    return [template.source, *(b.source for b in template.motivation_blocks)]


def _includes(ast: nodes.Template) -> Iterator[str]:
    for include in ast.find_all(nodes.Include):
        if isinstance(include.template, nodes.Const) and isinstance(
            include.template.value, str
        ):
            yield include.template.value


def _parse(
    template: Template, name: str, composing: Composing
) -> tuple[nodes.Template | None, LintProblem | None]:
    env = composing.environment(template.folder.parent)
    source = (template.folder.parent / name).read_text(encoding="utf-8")
    try:
        return env.parse(source), None
    except TemplateSyntaxError as e:
        return None, LintProblem(template.id, name, e.lineno, "syntax", _dutch(e, env))


def _dutch(error: TemplateSyntaxError, env: Environment) -> str:
    return dutch_jinja(error.message or "fout", (*env.filters, *env.tests))


def _undeclared(
    template: Template, name: str, ast: nodes.Template, composing: Composing
) -> tuple[set[str], LintProblem | None]:
    """The names `ast` reads from its context. Finding them compiles the
    template, which is where an unknown filter or test is noticed: that is a
    problem with file and line, never a crash."""
    try:
        return meta.find_undeclared_variables(ast), None
    except TemplateSyntaxError as e:
        env = composing.environment(template.folder.parent)
        return set(), LintProblem(template.id, name, e.lineno, "syntax", _dutch(e, env))


def _targets(assign: nodes.Assign) -> list[nodes.Name]:
    if isinstance(assign.target, nodes.Name):
        return [assign.target]
    return list(assign.target.find_all(nodes.Name))


def _variable_problems(
    template: Template, used: set[str], composing: Composing
) -> Iterator[LintProblem]:
    env = composing.environment(template.folder.parent)
    known = (
        set(template.schema.get("properties", {}))
        | composing.context_names
        | set(env.globals)
    )
    letter = template.source
    for name in sorted(used - known):
        yield LintProblem(
            template.id,
            letter,
            None,
            "unknown-variable",
            f"'{name}' staat niet in schema.json",
        )
    unused = set(template.schema.get("properties", {})) - used - COMPOSE_FIELDS
    for name in sorted(unused - {"motivering"}):
        yield LintProblem(
            template.id,
            "schema.json",
            None,
            "unused-field",
            f"het veld '{name}' wordt nergens in de brief gebruikt",
        )


def fixed_text(source: str) -> str:
    """The template's own words: case values become 'iets', Jinja tags disappear,
    and callout marks go, so the checker sees sentences and list items."""
    text = _STATEMENT.sub("", _EXPRESSION.sub("iets", source))
    return _QUOTE_MARK.sub("", text)


def _findings(text: str, glossary: Glossary | None) -> tuple[Finding, ...]:
    """The checker's findings for a template text; a text of only markup and
    includes has no words to read, so no findings (not an error)."""
    try:
        return analyze(text, glossary=glossary).findings
    except EmptyText:
        return ()


def _readability_problems(
    template: Template, name: str, glossary: Glossary | None
) -> Iterator[LintProblem]:
    source = (template.folder.parent / name).read_text(encoding="utf-8")
    text = fixed_text(source)
    for finding in _findings(text, glossary):
        if finding.severity == "error" and finding.rule not in {
            "niveau",
            "gemiddelde-zinslengte",
        }:
            line = text.count("\n", 0, finding.start) + 1
            yield LintProblem(
                template.id,
                name,
                line,
                finding.rule,
                f"{finding.message} ({finding.excerpt}) {finding.suggestion}",
            )


def lint_template(
    template: Template, glossary: Glossary | None, composing: Composing
) -> list[LintProblem]:
    problems: list[LintProblem] = []
    used: set[str] = set()
    # Names set with {% set %} in the letter are visible in the blocks it includes.
    assigned: set[str] = set()
    root = template.folder.parent
    for name in _sources(template):
        ast, error = _parse(template, name, composing)
        if error:
            problems.append(error)
            continue
        assert ast is not None
        names, error = _undeclared(template, name, ast, composing)
        if error:
            problems.append(error)
            continue
        used |= names
        assigned |= {n.name for a in ast.find_all(nodes.Assign) for n in _targets(a)}
        for include in _includes(ast):
            if not (root / include).is_file():
                problems.append(
                    LintProblem(
                        template.id,
                        name,
                        None,
                        "unknown-block",
                        f"het blok '{include}' bestaat niet",
                    )
                )
            else:
                used |= _block_variables(template, include, composing)
        problems += _readability_problems(template, name, glossary)
    if not any(p.rule == "syntax" for p in problems):
        problems += _variable_problems(template, used - assigned, composing)
    return problems


def _block_variables(
    template: Template, include: str, composing: Composing
) -> set[str]:
    ast, _ = _parse(template, include, composing)
    if ast is None:
        return set()
    return _undeclared(template, include, ast, composing)[0]


def lint_library(
    library: Library, glossary: Glossary | None, composing: Composing
) -> list[LintProblem]:
    return [
        p for t in library.templates() for p in lint_template(t, glossary, composing)
    ]


def shared_block_problems(root: Path, glossary: Glossary | None) -> list[LintProblem]:
    """Readability of the shared blocks themselves."""
    problems = []
    for path in sorted((root / "_blokken").rglob("*.md.j2")):
        text = fixed_text(path.read_text(encoding="utf-8"))
        for finding in _findings(text, glossary):
            if finding.severity == "error" and finding.rule not in {
                "niveau",
                "gemiddelde-zinslengte",
            }:
                name = str(path.relative_to(root))
                problems.append(
                    LintProblem(
                        "_blokken",
                        name,
                        text.count("\n", 0, finding.start) + 1,
                        finding.rule,
                        f"{finding.message} {finding.suggestion}",
                    )
                )
    return problems
