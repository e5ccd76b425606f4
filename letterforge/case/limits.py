"""Bounded work per request: central size limits, checked before any schema runs.

A JSON Schema check can be made slow on purpose: `uniqueItems` compares every pair
of items (12,000 mixed items took a worker past its timeout), and regexes and the
readability checker walk every character of very long words. So before the schema
validator or the checker sees any input, we walk it once, iteratively, and refuse
what is larger than any letter needs, with a Dutch problem naming the field.

The limits are far above what a real letter uses (the longest list in a template
schema has 8 items; lange_tekst is at most 4,000 characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from letterforge.errors import Problem


@dataclass(frozen=True)
class Limits:
    max_items: int = 200  # per array: uniqueItems on 200 items is 20,000 pairs
    max_string: int = 10_000  # characters per text value
    max_depth: int = 20  # nested objects and arrays
    max_nodes: int = 5_000  # values in the whole case
    max_word: int = 1_000  # characters without a space (the checker's unit)
    max_text: int = 200_000  # characters of free text for the readability checker


LIMITS = Limits()
_WORD = re.compile(r"\S+")


def longest_word(text: str) -> int:
    """Length of the longest run of non-space characters (linear, no backtracking)."""
    return max((m.end() - m.start() for m in _WORD.finditer(text)), default=0)


def _string_problem(path: str, text: str, limits: Limits) -> Problem | None:
    if len(text) > limits.max_string:
        message = f"is te lang: gebruik hoogstens {limits.max_string:,} tekens"
        return Problem(path, message.replace(",", "."), "limit")
    if longest_word(text) > limits.max_word:
        message = f"bevat een woord van meer dan {limits.max_word} tekens"
        return Problem(path, message, "limit")
    return None


def size_problems(value: Any, limits: Limits = LIMITS) -> list[Problem]:
    """Problems for every value past a limit; stops at the first structural one
    (too deep, too many values) so the walk itself stays bounded."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", value, 0)]
    nodes = 0
    while stack:
        path, item, depth = stack.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            message = f"bevat te veel gegevens: hoogstens {limits.max_nodes} waarden"
            return [Problem("", message, "limit")]
        if depth > limits.max_depth:
            message = f"is te diep genest: hoogstens {limits.max_depth} lagen"
            return [Problem(path, message, "limit")]
        if isinstance(item, str):
            problem = _string_problem(path, item, limits)
            if problem:
                problems.append(problem)
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}" if path else str(key)
                stack.append((child_path, str(key), depth + 1))
                stack.append((child_path, child, depth + 1))
        elif isinstance(item, list):
            if len(item) > limits.max_items:
                message = f"heeft te veel regels: hoogstens {limits.max_items}"
                problems.append(Problem(path, message, "limit"))
                continue
            for index, child in enumerate(item):
                stack.append(
                    (f"{path}.{index}" if path else str(index), child, depth + 1)
                )
    return sorted(problems, key=lambda p: p.path)


def text_problems(text: str, field: str, limits: Limits = LIMITS) -> list[Problem]:
    """Limits for free text sent to the readability checker."""
    if len(text) > limits.max_text:
        message = f"is te lang: hoogstens {limits.max_text:,} tekens".replace(",", ".")
        return [Problem(field, message, "limit")]
    if longest_word(text) > limits.max_word:
        message = f"bevat een woord van meer dan {limits.max_word} tekens"
        return [Problem(field, message, "limit")]
    return []
