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

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from letterforge.compose import calculators, deadlines, filters

OPEN, CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{OPEN}(\\d+){CLOSE}")
_values: ContextVar[list[str] | None] = ContextVar("letterforge_values", default=None)


class EmptyValueError(ValueError):
    """A template printed None: a missing value must never become an empty gap."""


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
    table.append(_as_text(value))
    return f"{OPEN}{len(table) - 1}{CLOSE}"


@contextmanager
def collect_values() -> Iterator[list[str]]:
    """Collect the values printed while rendering, for `restore_values`."""
    table: list[str] = []
    token = _values.set(table)
    try:
        yield table
    finally:
        _values.reset(token)


def restore_values(text: str, table: list[str]) -> str:
    """Put the literal values back in place of their placeholders."""
    return PLACEHOLDER.sub(lambda m: table[int(m.group(1))], text)


@lru_cache(maxsize=8)
def make_environment(template_dir: Path) -> SandboxedEnvironment:
    """One environment per template folder: templates compile once and are cached."""
    env = SandboxedEnvironment(
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
    env.globals.update(filters.GLOBALS)
    env.globals.update(
        aflosplan=calculators.repayment_plan,
        beslistermijn=deadlines.decision_deadline,
        verlengde_beslistermijn=deadlines.extended_deadline,
        fout=fail,
    )
    return env
