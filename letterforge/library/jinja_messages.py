"""Jinja's error messages in plain Dutch (B1), for the people who edit templates.

Jinja reports in English and sometimes names a server folder ("not found in
search path: '/tmp/…'"). The communication team reads these messages in the
template studio and `templates lint`, so each common kind of message is said
again in Dutch, with a suggestion when a close name exists ("bedoelt u …?").
A message of a kind not listed here keeps Jinja's words, with every path
removed. Pure functions over the message text; the caller adds FILE:LINE.

Jinja has no translated messages of its own (its messages are plain English
strings in jinja2/parser.py, lexer.py, compiler.py), hence this table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], tuple[str, ...]], str]]


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Bedoelt u '{close[0]}'?" if close else ""


def _tag(name: str) -> str:
    return "{% " + name + " %}"


def _end_of_template(match: re.Match[str], _known: tuple[str, ...]) -> str:
    wanted = re.findall(r"'(\w+)'", match.group("tags") or "")
    closing = next((t for t in wanted if t.startswith("end")), None)
    block = match.group("block")
    if closing and block:
        return (
            f"er mist een {_tag(closing)} bij een {_tag(block)}."
            f" Zet {_tag(closing)} waar het {block}-blok ophoudt."
        )
    return "de tekst houdt op terwijl er nog een blok open staat."


def _unknown_tag(match: re.Match[str], _known: tuple[str, ...]) -> str:
    tag = match.group(1)
    wanted = re.findall(r"'(\w+)'", match.group("tags") or "")
    closing = next((t for t in wanted if t.startswith("end")), None)
    if closing:
        return f"hier staat {_tag(tag)}, maar eerst moet er een {_tag(closing)} komen."
    return f"de opdracht {_tag(tag)} bestaat niet."


_RULES: tuple[_Rule, ...] = (
    (
        re.compile(r"No filter named '([^']+)'"),
        lambda m, k: (
            f"het filter '{m.group(1)}' bestaat niet.{_suggest(m.group(1), k)}"
        ),
    ),
    (
        re.compile(r"No test named '([^']+)'"),
        lambda m, k: f"de test '{m.group(1)}' bestaat niet.{_suggest(m.group(1), k)}",
    ),
    (
        re.compile(
            r"Unexpected end of template\.(?: Jinja was looking for the following"
            r" tags: (?P<tags>.*?)\.)?(?: The innermost block that needs to be"
            r" closed is '(?P<block>\w+)')?"
        ),
        _end_of_template,
    ),
    (
        re.compile(
            r"Encountered unknown tag '(\w+)'\.(?: Jinja was looking for the"
            r" following tags: (?P<tags>.*?)\.)?"
        ),
        _unknown_tag,
    ),
    (
        re.compile(r"unexpected end of template, expected '([^']+)'"),
        lambda m, k: (
            "de tekst houdt op midden in {{ … }} of {% … %}. Sluit af met }} of %}."
        ),
    ),
    (
        re.compile(r"Expected an expression, got"),
        lambda m, k: (
            "hier mist een veld of waarde: na {% if %} of tussen {{ }}"
            " moet iets staan, zoals een veldnaam."
        ),
    ),
    (
        re.compile(r"expected name or number|expected token '[^']+', got '[^']+'"),
        lambda m, k: (
            "deze {{ … }} of {% … %} is niet goed afgesloten of leeg."
            " Zet er een veldnaam in en sluit af met }} of %}."
        ),
    ),
    (
        re.compile(r"unexpected char '(.)'"),
        lambda m, k: (
            f"het teken '{m.group(1)}' mag hier niet tussen {{{{ }}}} of {{% %}} staan."
        ),
    ),
    (
        re.compile(r"unexpected '([^']+)'"),
        lambda m, k: (
            f"'{m.group(1)}' staat hier op een verkeerde plek."
            " Kijk of elke {{ een }} heeft en elke {% een %}."
        ),
    ),
    (
        re.compile(r"has no attribute '([^']+)'"),
        lambda m, k: (
            f"het veld '{m.group(1)}' bestaat niet in de gegevens."
            f"{_suggest(m.group(1), k)}"
        ),
    ),
    (
        re.compile(r"^'([^']+)' is undefined"),
        lambda m, k: (
            f"'{m.group(1)}' bestaat niet in de gegevens.{_suggest(m.group(1), k)}"
        ),
    ),
    (
        re.compile(r"access to attribute '([^']+)' of '[^']+' object is unsafe"),
        lambda m, k: (
            f"'{m.group(1)}' mag niet in een sjabloon staan."
            " Gebruik alleen de velden van de brief."
        ),
    ),
    (
        re.compile(r"^'?([^'\s]+\.j2)'?(?: not found in search path.*)?$", re.S),
        lambda m, k: f"het blok '{m.group(1)}' bestaat niet.{_suggest(m.group(1), k)}",
    ),
    (
        # Any other name an include or import asks for: the name is the writer's
        # own text; the search path after it is the server's and stays out.
        re.compile(r"^'([^']+)' not found in search path.*$", re.S),
        lambda m, k: (
            f"'{m.group(1)}' bestaat niet als blok."
            " Gebruik alleen de blokken uit _blokken/."
        ),
    ),
)
# Absolute paths (a server's folders) never reach a user.
_PATH = re.compile(r"'?(/[^\s'\"]+)+'?")


def dutch_jinja(message: str, known: Iterable[str] = ()) -> str:
    """Jinja's English `message` said in B1 Dutch (without FILE:LINE).

    known: names to suggest from for a misspelled one (filters, tests, fields,
    block files), e.g. environment.filters. A message of an unknown kind keeps
    its words with any absolute path replaced by '…'."""
    text = message.strip()
    names = tuple(known)
    for pattern, say in _RULES:
        if match := pattern.search(text):
            return say(match, names)
    return _PATH.sub("…", text)
