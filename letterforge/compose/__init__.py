"""Composing letters: sandboxed templates, Dutch formatting, calculators, the Letter."""

from letterforge.compose.compose import check_case, compose, lint_facts
from letterforge.compose.model import Letter

__all__ = ["Letter", "check_case", "compose", "lint_facts"]
