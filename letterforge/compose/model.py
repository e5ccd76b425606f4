"""The Letter: a finished decision letter as plain, frozen data.

Composing produces a Letter; every renderer (DOCX, text, HTML) turns the same Letter
into its output. Nothing here knows about Jinja, Word or the web. Text fields hold
literal text: what a resident reads, with no markup of any kind. A "\\n" inside a
paragraph or list item is a line break.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeAlias

from letterforge.errors import Problem
from letterforge.settings import Municipality

CalloutKind = Literal[
    "datum", "geld", "contact", "let-op", "document", "lijst", "info", "citaat"
]
CALLOUT_KINDS: tuple[CalloutKind, ...] = (
    "datum",
    "geld",
    "contact",
    "let-op",
    "document",
    "lijst",
    "info",
    "citaat",
)
# A quote ("> [!citaat]", such as the resident's own zienswijze) is laid out as a
# quotation - indented, a line at the left, no pictogram - not as one of our boxes.
QUOTE_KIND: CalloutKind = "citaat"
Align = Literal["left", "right"]


@dataclass(frozen=True)
class Heading:
    """A question heading such as "Wat hebben we besloten?"."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row; amounts are right-aligned via `align`."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...] = ()

    def alignment(self, column: int) -> Align:
        return self.align[column] if column < len(self.align) else "left"


@dataclass(frozen=True)
class Callout:
    """A framed box with a pictogram: a deadline, an amount, something to watch."""

    kind: CalloutKind
    blocks: tuple[Paragraph | ListBlock, ...]
    title: str = ""


# Pictures that ship with letterforge (render/figures/<name>.svg and .png).
FIGURE_NAMES: tuple[str, ...] = ("bezwaar-stappen",)


@dataclass(frozen=True)
class Figure:
    """One of our own pictures, with Dutch alt text. Its information is always also
    in the text around it."""

    name: str
    alt: str


Block = Heading | Paragraph | ListBlock | Table | Callout | Figure


@dataclass(frozen=True)
class Address:
    """A postal address block: the name line, then street and town lines."""

    name: str
    lines: tuple[str, ...]


# The sender is the municipality profile itself: one definition of its name, addresses
# and contact details, read once from its YAML file (settings.load_municipality).
Sender: TypeAlias = Municipality


@dataclass(frozen=True)
class ReferenceLine:
    """One labelled line of the letter's furniture: "Datum", "Ons kenmerk", the
    subject. Compose decides the labels and which lines a letter has; renderers
    only lay them out (compose/furniture.py)."""

    label: str
    value: str


@dataclass(frozen=True)
class Signature:
    closing: str
    on_behalf: str
    name: str
    function: str
    note: str = ""


@dataclass(frozen=True)
class LetterMeta:
    """Reference data for the reference column and the document properties."""

    template_id: str
    template_version: str
    subject: str
    letter_date: date
    kenmerk: str
    zaaknummer: str = ""
    uw_kenmerk: str = ""
    handled_by: str = ""
    enclosures: tuple[str, ...] = ()
    language: str = "nl-NL"
    # A copy ("kopie aan") of the letter: later pages say "Kopie" in their header
    # (compose/furniture.later_page_line), so a loose page is never taken for
    # the original.
    is_copy: bool = False


@dataclass(frozen=True)
class CopyRecipient:
    """Where one copy of a letter goes, and how it opens (compose/addressing.py).

    `window` is the copy holder's address, `salutation` greets the copy holder,
    `notice` says it is a copy, whom the original went to and whom "u" means.
    `replaces_first_block`: the original opens with a paragraph for its own
    addressee (a representative); the copy drops it, the notice says it instead.
    `same_person`: the person's own second address (an empty notice)."""

    window: Address
    salutation: str
    notice: str
    replaces_first_block: bool = False
    # A second sending to the person himself at another address (`ook_sturen_naar`):
    # the same letter, no copy notice, not marked "Kopie" (it is his own decision).
    same_person: bool = False


@dataclass(frozen=True)
class Appendix:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Letter:
    """A composed letter. `references` are the lines of the reference column in
    reading order and `subject` is the subject line (label and text); both are
    decided by compose (compose/furniture.py), never by a renderer."""

    meta: LetterMeta
    sender: Sender
    references: tuple[ReferenceLine, ...]
    subject: ReferenceLine
    recipient: Address
    salutation: str
    blocks: tuple[Block, ...]
    signature: Signature
    appendices: tuple[Appendix, ...] = field(default=())
    # Where copies go ("kopie aan"); compose/addressing.copy_letters makes one
    # Letter per copy so each can be registered on its own.
    copies: tuple[CopyRecipient, ...] = field(default=())
    # Dutch warnings for the caseworker (compose/consistency.py): shown with the
    # letter on the web form and returned by the API; never printed in the letter.
    warnings: tuple[Problem, ...] = field(default=())
