"""The sandboxed Jinja2 environment that letters are composed in.

Case data must never be able to inject structure into a letter. Every value printed
with {{ ... }} is therefore not written into the Markdown-like text; instead it is
kept in a side table and a placeholder from Unicode's private-use area takes its
place. The Markdown is parsed with only those placeholders in it, and the values are
put back into the finished blocks as literal text. A name such as "**Jan** # <w:t>"
is printed exactly like that. Case data may not contain private-use characters
(see letterforge.case.safety), so a placeholder can only come from this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import concat

from letterforge.compose import calculators, deadlines, filters

OPEN, CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{OPEN}(\\d+){CLOSE}")
_values: ContextVar[list[str] | None] = ContextVar("letterforge_values", default=None)

# Bounded work per letter (issue 17): template text is written by people, not
# reviewed as code, and a text that passed its samples can still meet other case
# data. A letter is a few KB; these bounds are far above any real letter and far
# below what would hurt a worker: one text value or joined string, the letter's
# output (text plus printed values), and the loop steps of one render.
MAX_TEXT_CHARS = 200_000
MAX_OUTPUT_CHARS = 1_000_000
MAX_LOOP_STEPS = 100_000
# 2**4096 is a 1,234-digit number: no amount in a letter comes near it.
_MAX_POWER_BITS = 4096
_steps: ContextVar[list[int] | None] = ContextVar("letterforge_steps", default=None)


class EmptyValueError(ValueError):
    """A template printed None: a missing value must never become an empty gap."""


class TooMuchWorkError(ValueError):
    """A template asked for more work than one letter may take (the bounds above)."""


class CaseCheckError(ValueError):
    """A template found the case data legally unusable (see `fout` below)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def fail(path: str, message: str) -> None:
    """Template function `fout(veld, melding)`: refuse the letter, naming the field.

    It lets template editors state legal checks (such as "send the delay letter
    within the decision period") without writing Python.
    """
    raise CaseCheckError(path, message)


def _as_text(value: Any) -> str:
    if value is None:
        raise EmptyValueError("een waarde is leeg (None)")
    if isinstance(value, bool):
        return "ja" if value else "nee"
    text = value if isinstance(value, str) else str(value)
    # Typed amounts and percentages get the letters' one format (filters.getypte_tekst).
    return filters.getypte_tekst(text.replace("\r\n", "\n").replace("\r", "\n"))


@pass_context
def _hold_value(context: Context, value: Any) -> str:
    table = _values.get()
    if table is None:
        raise RuntimeError("templates render only inside collect_values()")
    text = _as_text(value)
    _spend_output(len(text))
    table.append(text)
    return f"{OPEN}{len(table) - 1}{CLOSE}"


@contextmanager
def collect_values() -> Iterator[list[str]]:
    """Collect the values printed while rendering, for `restore_values`."""
    table: list[str] = []
    token = _values.set(table)
    # [output characters, loop steps] spent by this letter so far.
    steps = _steps.set([0, 0])
    try:
        yield table
    finally:
        _steps.reset(steps)
        _values.reset(token)


def _spend_output(chars: int) -> None:
    spent = _steps.get()
    if spent is None:
        return
    spent[0] += chars
    if spent[0] > MAX_OUTPUT_CHARS:
        raise TooMuchWorkError(
            f"de brief wordt langer dan {MAX_OUTPUT_CHARS} tekens; dat is geen brief"
        )


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    """Every `{% for %}` loops through this (see _BoundedEnvironment._parse)."""
    spent = _steps.get()
    for item in items:
        if spent is not None:
            spent[1] += 1
            if spent[1] > MAX_LOOP_STEPS:
                raise TooMuchWorkError(
                    f"de herhalingen ({{% for %}}) lopen meer dan {MAX_LOOP_STEPS}"
                    " keer rond; maak ze kleiner"
                )
        yield item


def render_bounded(template: Any, context: Any) -> str:
    """Render `template` (a Jinja Template) in pieces and stop once the output
    passes MAX_OUTPUT_CHARS, instead of building a string of any size first."""
    parts = []
    for part in template.generate(context):
        _spend_output(len(part))
        parts.append(part)
    return concat(parts)


def _too_long(length: int) -> None:
    if length > MAX_TEXT_CHARS:
        raise TooMuchWorkError(
            f"een tekst of lijst wordt langer dan {MAX_TEXT_CHARS} tekens"
        )


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


class _BoundedCodeGenerator(CodeGenerator):
    """`a ~ b` joins through the environment, so its length is checked too
    (Jinja compiles `~` to a plain join that the sandbox does not see)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with bounds on size and steps. Jinja's sandbox guards what a
    template may touch, not how much work it does: `'a' * 10**9`, doubling a
    string in a loop or nested loops run unchecked, and a threaded gunicorn
    worker never times such a request out. So `*`, `**` and `+` are intercepted
    (Jinja's documented hook), `~` is compiled through `bounded_join`, every for
    loop counts its steps, and the output is counted while it is generated."""

    intercepted_binops = frozenset({"*", "**", "+"})
    code_generator_class = _BoundedCodeGenerator

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and isinstance(left, int | float):
                magnitude = math.log2(abs(left)) if abs(left) > 1 else 0.0
                if magnitude * abs(right) > _MAX_POWER_BITS:
                    raise TooMuchWorkError("een macht (**) wordt te groot")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                size = _size(seq)
                if size is not None and isinstance(times, int):
                    _too_long(size * times)
        elif operator == "+":
            sizes = (_size(left), _size(right))
            if sizes[0] is not None and sizes[1] is not None:
                _too_long(sizes[0] + sizes[1])
        return super().call_binop(context, operator, left, right)

    def bounded_join(self, parts: Iterable[Any]) -> str:
        text = concat(str(p) for p in parts)
        _too_long(len(text))
        return text

    def _parse(
        self, source: str, name: str | None, filename: str | None
    ) -> nodes.Template:
        # Jinja offers no public hook on the parsed tree; this is its one
        # internal parse step. Each loop's iterable goes through `_counted`.
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, "_geteld", [], [], None, None, lineno=loop.lineno
            )
        return tree


def restore_values(text: str, table: list[str]) -> str:
    """Put the literal values back in place of their placeholders."""
    return PLACEHOLDER.sub(lambda m: table[int(m.group(1))], text)


@lru_cache(maxsize=8)
def make_environment(template_dir: Path) -> SandboxedEnvironment:
    """One environment per template folder: templates compile once and are cached."""
    env = _BoundedEnvironment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_hold_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(filters.FILTERS)
    env.filters["_geteld"] = _counted
    env.globals.update(filters.GLOBALS)
    env.globals.update(
        aflosplan=calculators.repayment_plan,
        beslistermijn=deadlines.decision_deadline,
        verlengde_beslistermijn=deadlines.extended_deadline,
        fout=fail,
    )
    return env
