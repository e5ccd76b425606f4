"""Checks for the people who edit templates, without any case data.

Finds variables a template uses that its schema does not define (and schema fields it
never uses), includes of shared blocks that do not exist, Jinja syntax errors with
file and line, and the readability findings of the template's own fixed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes

from letterforge.compose.environment import make_environment
from letterforge.library import Library, Template
from letterforge.readability import Glossary, analyze

# Names composing adds to every letter's context (compose._context) and globals.
CONTEXT_NAMES = frozenset(
    {
        "brief",
        "gemeente",
        "motiveringsblokken",
        "normen",
        "boete",
        "aanmaning_bedragen",
        "pgb_voor_periode",
    }
)
# Fields that composing itself uses for the address, signature and reference lines.
COMPOSE_FIELDS = frozenset({"zaak", "ontvanger", "contactpersoon", "ondertekening"})
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
    template: Template, name: str
) -> tuple[nodes.Template | None, LintProblem | None]:
    env = make_environment(template.folder.parent)
    source = (template.folder.parent / name).read_text(encoding="utf-8")
    try:
        return env.parse(source), None
    except TemplateSyntaxError as e:
        return None, LintProblem(
            template.id, name, e.lineno, "syntax", e.message or "fout"
        )


def _targets(assign: nodes.Assign) -> list[nodes.Name]:
    if isinstance(assign.target, nodes.Name):
        return [assign.target]
    return list(assign.target.find_all(nodes.Name))


def _variable_problems(template: Template, used: set[str]) -> Iterator[LintProblem]:
    env = make_environment(template.folder.parent)
    known = (
        set(template.schema.get("properties", {})) | CONTEXT_NAMES | set(env.globals)
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


def _readability_problems(
    template: Template, name: str, glossary: Glossary | None
) -> Iterator[LintProblem]:
    source = (template.folder.parent / name).read_text(encoding="utf-8")
    text = fixed_text(source)
    for finding in analyze(text, glossary=glossary).findings:
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


def lint_template(template: Template, glossary: Glossary | None) -> list[LintProblem]:
    problems: list[LintProblem] = []
    used: set[str] = set()
    # Names set with {% set %} in the letter are visible in the blocks it includes.
    assigned: set[str] = set()
    root = template.folder.parent
    for name in _sources(template):
        ast, error = _parse(template, name)
        if error:
            problems.append(error)
            continue
        assert ast is not None
        used |= meta.find_undeclared_variables(ast)
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
                used |= _block_variables(template, include)
        problems += _readability_problems(template, name, glossary)
    if not any(p.rule == "syntax" for p in problems):
        problems += _variable_problems(template, used - assigned)
    return problems


def _block_variables(template: Template, include: str) -> set[str]:
    ast, _ = _parse(template, include)
    return meta.find_undeclared_variables(ast) if ast is not None else set()


def lint_library(library: Library, glossary: Glossary | None) -> list[LintProblem]:
    return [p for t in library.templates() for p in lint_template(t, glossary)]


def shared_block_problems(root: Path, glossary: Glossary | None) -> list[LintProblem]:
    """Readability of the shared blocks themselves."""
    problems = []
    for path in sorted((root / "_blokken").rglob("*.md.j2")):
        text = fixed_text(path.read_text(encoding="utf-8"))
        for finding in analyze(text, glossary=glossary).findings:
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
