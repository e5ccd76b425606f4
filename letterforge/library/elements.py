"""The legal elements a decision letter must contain, as data, and their check.

Each template declares in template.yaml (key `elementen`) what its letter must say
for the decision to be lawful and properly made known: the legal basis (article and
lid), the decision itself, the motivation, the remedy (bezwaar, beroep or the civil
route) with its term and address, and the terms that apply. Sources: Awb 3:46–3:47
(motivation and legal basis), 3:45 and 6:7 (remedy clause), Pw 62b/62h and CRvB
25-05-2021, ECLI:NL:CRVB:2021:1311 (civil route for verhaal) — see
shared/reference/domain-law.md and domain-law-2026.md.

An element is a text fragment the composed letter must contain (whitespace is
normalised), optionally only when a motivation block is chosen or a case field has
a given value. The remedy kind adds the fragments every remedy clause of that kind
must have, so one place holds what "a bezwaar clause" means.

Shape in template.yaml:

    elementen:
      rechtsmiddel: bezwaar          # bezwaar | beroep | civiel | geen
      vereist:
        - {soort: grondslag, tekst: "Participatiewet, artikel 11"}
        - {soort: grondslag, tekst: "Participatiewet, artikel 17",
           als: {motivering: gegevens-ontbreken}}
        - {soort: besluit, tekst: "Wij wijzen uw aanvraag voor bijstand af"}
        - {soort: besluit, tekst: "herroepen", als: {veld: bezwaar.uitkomst,
           waarde: [gegrond, deels gegrond]}}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from letterforge.errors import TemplateError

ElementKind = Literal[
    "grondslag", "besluit", "motivering", "rechtsmiddel", "termijn", "adressering"
]
ELEMENT_KINDS: tuple[str, ...] = (
    "grondslag",
    "besluit",
    "motivering",
    "rechtsmiddel",
    "termijn",
    "adressering",
)
Remedy = Literal["bezwaar", "beroep", "civiel", "geen"]
REMEDIES: tuple[str, ...] = ("bezwaar", "beroep", "civiel", "geen")

# What every remedy clause of a kind must say (Awb 3:45, 6:5, 6:7, 7:10, 8:81;
# Pw 62b and 62h). The shared blocks in templates/_blokken produce these words.
REMEDY_TEXTS: Mapping[str, tuple[str, ...]] = {
    "bezwaar": (
        "Stuur uw bezwaar uiterlijk op",
        "zes weken",
        "U kunt ook een brief sturen naar",
        "waarom u het niet eens bent en uw handtekening",
        "nadat de termijn voor bezwaar voorbij is",
        "twaalf weken",
        "Heeft u bezwaar gemaakt en is het dringend?",
        "voorzieningenrechter",
        "griffierecht: geld voor de rechtbank",
        "is het griffierecht",
    ),
    "beroep": (
        "Stuur uw beroepschrift uiterlijk op",
        "zes weken",
        "Stuur uw beroepschrift per post naar",
        "zet uw handtekening eronder",
        "voorzieningenrechter van de rechtbank",
        "griffierecht: geld voor de rechtbank",
        "is het griffierecht",
    ),
    "civiel": ("U kunt geen bezwaar maken", "rechtbank"),
    "geen": (),
}
# A legal basis names an article ("artikel 58 lid 1", "artikel 4:5").
_ARTICLE = re.compile(r"\bartikel \d+[a-z]?(:\d+[a-z]?|\.\d+(\.\d+)*)?", re.I)


@dataclass(frozen=True)
class Condition:
    """When an element applies: a chosen motivation block, or a case field value."""

    block: str = ""
    field: str = ""
    values: tuple[str, ...] = ()

    def holds(self, case: Mapping[str, Any]) -> bool:
        if self.block:
            chosen = case.get("motivering", [])
            return isinstance(chosen, list) and self.block in chosen
        value = _lookup(case, self.field)
        if value is None:
            return False
        return not self.values or str(value) in self.values


@dataclass(frozen=True)
class Element:
    """One required element: its kind and the text the letter must contain."""

    kind: str
    text: str
    condition: Condition | None = None


@dataclass(frozen=True)
class Elements:
    """A template's declaration: its remedy kind and its required elements."""

    remedy: str
    required: tuple[Element, ...]

    def applicable(self, case: Mapping[str, Any]) -> tuple[Element, ...]:
        """The elements this case's letter must contain, remedy texts included."""
        remedy = tuple(Element("rechtsmiddel", t) for t in REMEDY_TEXTS[self.remedy])
        own = tuple(
            e for e in self.required if e.condition is None or e.condition.holds(case)
        )
        return remedy + own


@dataclass(frozen=True)
class MissingElement:
    """A required element that the composed letter does not contain."""

    kind: str
    text: str

    def __str__(self) -> str:
        return f"het element '{self.kind}' ontbreekt: \"{self.text}\""


def _lookup(case: Mapping[str, Any], path: str) -> Any:
    value: Any = case
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _condition(raw: Any, template_id: str) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise TemplateError(template_id, "'als' bij een element moet velden bevatten")
    if isinstance(raw.get("motivering"), str):
        return Condition(block=raw["motivering"])
    field, values = raw.get("veld"), raw.get("waarde", [])
    if isinstance(values, str):
        values = [values]
    if not isinstance(field, str) or not isinstance(values, list):
        raise TemplateError(template_id, "'als' noemt 'motivering' of 'veld'")
    return Condition(field=field, values=tuple(str(v) for v in values))


def _element(raw: Any, template_id: str) -> Element:
    if not isinstance(raw, Mapping):
        raise TemplateError(template_id, "elk element heeft 'soort' en 'tekst' nodig")
    kind, text = raw.get("soort"), raw.get("tekst")
    if kind not in ELEMENT_KINDS:
        raise TemplateError(
            template_id, f"onbekende soort element '{kind}'; kies uit {ELEMENT_KINDS}"
        )
    if not isinstance(text, str) or not text.strip():
        raise TemplateError(template_id, "een element heeft een 'tekst' nodig")
    if kind == "grondslag" and not _ARTICLE.search(text):
        raise TemplateError(
            template_id, f"de grondslag '{text}' noemt geen artikel (en lid)"
        )
    return Element(
        str(kind), " ".join(text.split()), _condition(raw.get("als"), template_id)
    )


def parse_elements(data: Mapping[str, Any], template_id: str) -> Elements:
    """Read `elementen` from a template.yaml mapping.

    Raises TemplateError when it is missing or malformed: every template must say
    which remedy applies, and a decision declares at least its legal basis and
    the decision itself.
    """
    raw = data.get("elementen")
    if not isinstance(raw, Mapping):
        raise TemplateError(template_id, "'elementen' ontbreekt in template.yaml")
    remedy = raw.get("rechtsmiddel")
    if remedy not in REMEDIES:
        raise TemplateError(
            template_id, f"'rechtsmiddel' moet een van {REMEDIES} zijn, niet {remedy!r}"
        )
    entries = raw.get("vereist", [])
    if not isinstance(entries, list):
        raise TemplateError(template_id, "'vereist' moet een lijst zijn")
    required = tuple(_element(e, template_id) for e in entries)
    kinds = {e.kind for e in required}
    # A decision (one with a remedy) names its legal basis and what it decides;
    # a notice such as a new contact person need not.
    for needed in ("grondslag", "besluit") if remedy != "geen" else ():
        if needed not in kinds:
            raise TemplateError(template_id, f"geen element van de soort '{needed}'")
    return Elements(remedy=str(remedy), required=required)


def missing_elements(
    elements: Elements, text: str, case: Mapping[str, Any]
) -> list[MissingElement]:
    """The required elements that `text` (the composed letter as plain text, e.g.
    render_text's output) does not contain, for this `case`. Empty when complete."""
    flat = " ".join(text.split())
    return [
        MissingElement(e.kind, e.text)
        for e in elements.applicable(case)
        if e.text not in flat
    ]


def declared_texts(elements: Elements) -> Sequence[str]:
    """Every text of the declaration, for people reading what a template promises."""
    return [e.text for e in elements.required]


# Each kind in B1 words, with the legal reason it must stay (the sources of the
# module docstring), for the people who edit templates.
KIND_EXPLAINED: Mapping[str, tuple[str, str]] = {
    "grondslag": (
        "Het wetsartikel waarop het besluit steunt",
        "De wet (Awb, artikel 3:46 en 3:47) eist dat de brief zegt op welk"
        " artikel het besluit steunt.",
    ),
    "besluit": (
        "De zin met het besluit",
        "Deze zin moet blijven staan omdat hij het besluit zelf is. Zonder"
        " deze woorden is niet duidelijk wat wij besluiten.",
    ),
    "motivering": (
        "De uitleg waarom wij zo besluiten",
        "De wet (Awb, artikel 3:46) eist dat elk besluit uitlegt waarom.",
    ),
    "rechtsmiddel": (
        "De uitleg over bezwaar of beroep",
        "De wet (Awb, artikel 3:45 en 6:7) eist dat de brief zegt hoe en voor"
        " wanneer de lezer bezwaar of beroep kan instellen.",
    ),
    "termijn": (
        "De termijn",
        "De lezer moet weten voor wanneer hij iets moet doen of hoe lang iets geldt.",
    ),
    "adressering": (
        "Het adres of de naam van de lezer",
        "Een besluit moet bekendgemaakt worden aan de persoon voor wie het is"
        " (Awb, artikel 3:41).",
    ),
}


def explain_missing(kind: str, texts: Sequence[str], where: str | None) -> str:
    """One message for every missing text of one element kind, in B1 with the
    legal reason; `where` (e.g. 'was regel 75: {% include … %}') when known."""
    what, why = KIND_EXPLAINED.get(kind, (f"Het onderdeel '{kind}'", ""))
    words = ", ".join(f"'{t}'" for t in texts)
    found = f" ({where})" if where else ""
    return (
        f"{what} ontbreekt{found}. Zet die terug. Deze woorden moeten in de brief"
        f" staan: {words}. {why}"
    ).strip()
