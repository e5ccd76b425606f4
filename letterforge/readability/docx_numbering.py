"""The label Word shows in front of a numbered paragraph ("Stap 1 –", "b)", "II.").

Municipal templates number steps, questions and articles with words in the label
("Stap %1 – ingevolge de wet:"); the reader sees those words, so we read them.
ECMA-376 Part 1 §17.9: a paragraph names a numbering instance (w:numPr numId and
ilvl, directly or through its paragraph style); the instance (w:num) points to an
abstract numbering (w:abstractNum) and may override levels or their start value;
each level (w:lvl) has a start (w:start), a format (w:numFmt), the label pattern
(w:lvlText, %1…%9 for the counters of levels 1…9) and when it restarts
(w:lvlRestart). Bullets are symbols, not words: left out. A format we cannot
render is named (see `unknown`), never dropped in silence.

Own code because no maintained library renders WordprocessingML numbering.
Counters are kept per abstract numbering, as Word continues a list across
instances of the same abstract numbering unless an instance restarts it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from letterforge.readability.docx_styles import (
    StyleHiding,
    attr,
    child,
    local_name,
    own_look,
    paragraph_style,
)

LEVELS: Final = 9
_DIGITS: Final = frozenset("123456789")
_MAX_LINKS: Final = 4  # numStyleLink → style → numId → abstractNum, bounded


@dataclass(frozen=True)
class Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never; n after level n; None any
    hidden: bool = False
    legal: bool = False  # w:isLgl: every counter as a decimal number
    suffix: str = "tab"


def _level(lvl: etree._Element) -> Level:
    start = attr(child(lvl, "start"), "val")
    restart = attr(child(lvl, "lvlRestart"), "val")
    text = child(lvl, "lvlText")
    legal = child(lvl, "isLgl")
    return Level(
        int(start) if start.lstrip("-").isdigit() else 0,
        attr(child(lvl, "numFmt"), "val") or "decimal",
        attr(text, "val") if text is not None else "",
        int(restart) if restart.isdigit() else None,
        bool(own_look(child(lvl, "rPr")).hidden),
        legal is not None and attr(legal, "val").lower() not in ("0", "false", "off"),
        attr(child(lvl, "suff"), "val") or "tab",
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    found = {}
    for lvl in parent:
        if local_name(lvl.tag) == "lvl":
            at = attr(lvl, "ilvl")
            if at.isdigit() and int(at) < LEVELS:
                found[int(at)] = _level(lvl)
    return found


@dataclass(frozen=True)
class Instance:
    """One w:num: its abstract numbering and its own level overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # a whole w:lvl


@dataclass(frozen=True)
class NumberingPart:
    """numbering.xml, parsed: abstract numberings and instances by id."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # abstract → numStyleLink
    instances: dict[str, Instance] = field(default_factory=dict)


NO_NUMBERING: Final = NumberingPart()


def numbering_part(root: etree._Element | None) -> NumberingPart:
    """The numbering part (word/numbering.xml root); NO_NUMBERING for None."""
    if root is None:
        return NO_NUMBERING
    abstracts: dict[str, dict[int, Level]] = {}
    links: dict[str, str] = {}
    instances: dict[str, Instance] = {}
    for element in root:
        name = local_name(element.tag)
        if name == "abstractNum":
            key = attr(element, "abstractNumId")
            abstracts[key] = _levels(element)
            link = attr(child(element, "numStyleLink"), "val")
            if link:
                links[key] = link
        elif name == "num":
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in element:
                if local_name(override.tag) != "lvlOverride":
                    continue
                at = attr(override, "ilvl")
                if not at.isdigit() or int(at) >= LEVELS:
                    continue
                start = attr(child(override, "startOverride"), "val")
                if start.lstrip("-").isdigit():
                    starts[int(at)] = int(start)
                lvl = child(override, "lvl")
                if lvl is not None:
                    levels[int(at)] = _level(lvl)
            abstract = attr(child(element, "abstractNumId"), "val")
            instances[attr(element, "numId")] = Instance(abstract, starts, levels)
    return NumberingPart(abstracts, links, instances)


_ROMAN: Final = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    # Word's letters: a…z, then aa…zz, aaa…: the letter repeated.
    if number < 1:
        return ""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


# Formats we render as Word does; "none" shows no number.
_FORMATS: Final[dict[str, Callable[[int], str]]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}
BULLET: Final = "bullet"


def render_number(number: int, fmt: str) -> str | None:
    """`number` in numbering format `fmt`, or None for a format we do not know."""
    render = _FORMATS.get(fmt)
    return None if render is None else render(number)


@dataclass
class Label:
    """A label read: its text ("" when none is shown) and a format we could not
    render (named in the report), if any."""

    text: str = ""
    unknown: str = ""
    hidden: bool = False  # the level's w:rPr hides the label (w:vanish)


class Counters:
    """The numbering counters of one walk through a part, in document order."""

    def __init__(self, part: NumberingPart, styles: StyleHiding) -> None:
        self.part = part
        self.styles = styles
        self._values: dict[str, list[int | None]] = {}
        self._seen: set[str] = set()

    def _abstract(self, instance: Instance) -> str:
        abstract, steps = instance.abstract, 0
        while abstract in self.part.links and steps < _MAX_LINKS:
            linked = self.styles.numbering.get(self.part.links[abstract])
            target = self.part.instances.get(linked[0]) if linked else None
            if target is None:
                break
            abstract, steps = target.abstract, steps + 1
        return abstract

    def _numbering(self, p: etree._Element) -> tuple[str, int] | None:
        numpr = child(child(p, "pPr"), "numPr")
        by_style = self.styles.numbering.get(paragraph_style(p, self.styles))
        if numpr is None:
            return by_style
        num_id = attr(child(numpr, "numId"), "val") or (by_style[0] if by_style else "")
        given = attr(child(numpr, "ilvl"), "val")
        level = int(given) if given.isdigit() else (by_style[1] if by_style else 0)
        return num_id, min(level, LEVELS - 1)

    def label(self, p: etree._Element) -> Label:
        """The label of paragraph `p`, counting it (call once per paragraph)."""
        found = self._numbering(p)
        if found is None or found[0] in ("", "0"):
            return Label()
        instance = self.part.instances.get(found[0])
        if instance is None:
            return Label()
        abstract = self._abstract(instance)
        levels = {**self.part.abstracts.get(abstract, {}), **instance.levels}
        at = found[1]
        values = self._values.setdefault(abstract, [None] * LEVELS)
        if found[0] not in self._seen:  # an instance's first use: its restarts
            self._seen.add(found[0])
            for level_at in instance.starts:
                values[level_at] = None

        def start(level_at: int) -> int:
            if level_at in instance.starts:
                return instance.starts[level_at]
            return levels.get(level_at, Level()).start

        current = values[at]
        values[at] = start(at) if current is None else current + 1
        for deeper in range(at + 1, LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and at < restart):
                values[deeper] = None
        level = levels.get(at)
        if level is not None and level.hidden:
            return Label(hidden=True)
        if level is None or level.fmt == BULLET:
            return Label()
        return self._text(level, levels, values, start)

    def _text(
        self,
        level: Level,
        levels: dict[int, Level],
        values: list[int | None],
        start: Callable[[int], int],
    ) -> Label:
        out, unknown = [], ""
        pattern = level.text
        index = 0
        while index < len(pattern):
            char = pattern[index]
            if (
                char == "%"
                and index + 1 < len(pattern)
                and pattern[index + 1] in "123456789"
            ):
                ref = int(pattern[index + 1]) - 1
                value = values[ref]
                number = value if value is not None else start(ref)
                fmt = "decimal" if level.legal else levels.get(ref, Level()).fmt
                shown = render_number(number, fmt)
                if shown is None:
                    unknown = unknown or fmt
                    shown = ""
                out.append(shown)
                index += 2
                continue
            out.append(char)
            index += 1
        text = "".join(out).strip()
        if not text:
            return Label("", unknown)
        gap = {"tab": " ", "space": " ", "nothing": ""}.get(level.suffix, " ")
        return Label(text + gap, unknown)
