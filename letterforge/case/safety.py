"""Characters that can never go into a letter, found before anything else runs.

JSON can carry characters that Word's XML cannot hold (NUL, form feed and the other
C0 controls) and lone surrogates that cannot be encoded at all. The private-use
range is reserved: composing uses it internally to keep case values apart from
template markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from letterforge.errors import Problem

ALLOWED_CONTROLS = frozenset("\n\r\t")
PRIVATE_USE_START, PRIVATE_USE_END = 0xE000, 0xF8FF


def _bad_character(text: str) -> str | None:
    for char in text:
        code = ord(char)
        if char in ALLOWED_CONTROLS:
            continue
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"U+{code:04X}"
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            return f"U+{code:04X}"
        if PRIVATE_USE_START <= code <= PRIVATE_USE_END:
            return f"U+{code:04X}"
    return None


def _name(code: str) -> str:
    names = {"U+0000": "NUL", "U+000C": "form feed"}
    value = int(code[2:], 16)
    if code in names:
        return names[code]
    if PRIVATE_USE_START <= value <= PRIVATE_USE_END:
        return "gereserveerd teken"
    if 0xD800 <= value <= 0xDFFF or value in (0xFFFE, 0xFFFF):
        return "ongeldig teken"
    return "stuurteken"


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path, str(key)
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}" if path else str(index))


def unsafe_characters(case: Any) -> list[Problem]:
    """A problem for every text holding a character a letter can't hold."""
    problems = []
    for path, text in _walk(case, ""):
        code = _bad_character(text)
        if code:
            message = (
                f"bevat een teken dat niet in een brief kan ({_name(code)}, {code})"
            )
            problems.append(Problem(path, message, "character"))
    return problems
