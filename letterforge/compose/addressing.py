"""Who a letter goes to: the window address, the salutation and the copies.

A letter goes to the person (`ontvanger`), or — when the case names a
`vertegenwoordiger` — to a bewindvoerder, curator or gemachtigde on the person's
behalf, with the person named in the letter. A decision about goods under
beschermingsbewind that is not sent to the bewindvoerder is not properly made known
(Awb 3:41; CRvB 12-06-2018, ECLI:NL:CRVB:2018:1831), so the bezwaartermijn would
not start. Copies (`kopie_aan`) get a "Kopie aan" line and each their own Letter,
so the register can keep one entry per copy. A second postal address of the
person himself (`ook_sturen_naar`) makes a second sending of the same letter
through the same mechanism, and the letter says it goes to both addresses.

Addresses come in four forms, the first one present wins:
- `adressering`: the Haal Centraal BRP "adressering" group (aanschrijfwijze,
  aanhef, adresregel1–3, land), used as the population register delivers it;
- `adres`: a Dutch street address;
- `postbus`: a Dutch postbus;
- `buitenland`: address lines abroad and the country.

Names follow the Dutch rules for tussenvoegsels: lower case after initials
("H. van der Berg"), a capital when nothing precedes ("Van der Berg",
"mevrouw Van der Berg"), and no space after an apostrophe ("d'Ancona",
"D'Ancona"). Without a known form of address the salutation is the fallback
of the reference, "Geachte heer, mevrouw," (domain-law.md, letter structure),
never "heer/mevrouw Bos" and never initials in a salutation ("Geachte R. Bos,").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from letterforge.compose.filters import datum, to_date
from letterforge.compose.model import Address, CopyRecipient, Letter, Paragraph
from letterforge.errors import CaseDataError, Problem

TITLES = {"mevrouw": "mevrouw", "de heer": "de heer"}
SALUTATION_FORMS = {"mevrouw": "mevrouw", "de heer": "heer"}
ROLES = {
    "bewindvoerder": "bewindvoerder",
    "curator": "curator",
    "gemachtigde": "gemachtigde",
}
ADDRESS_FORMS = ("adressering", "adres", "postbus", "buitenland")


@dataclass(frozen=True)
class Addressee:
    """Where and how a letter is addressed.

    `window` is the address block for a window envelope; `salutation` the opening
    line; `about` a sentence naming the person when the letter goes to a
    representative (empty otherwise); `copies` the addresses of the copies and
    `copy_line` the "Kopie aan: ..." line (empty without copies).
    """

    window: Address
    salutation: str
    about: str = ""
    copies: tuple[CopyRecipient, ...] = ()
    copy_line: str = ""


def _prefix(person: Mapping[str, Any]) -> str:
    return str(person.get("tussenvoegsel") or "").strip()


def surname(person: Mapping[str, Any], *, first: bool) -> str:
    """The surname with its tussenvoegsel; `first` means nothing precedes it in
    the name (no initials), so the tussenvoegsel takes a capital."""
    # The surname is printed literally, as the case system gives it.
    prefix, name = _prefix(person), str(person["achternaam"])
    if not prefix:
        return name
    # An apostrophe-initial prefix ('t, 's) never takes a capital.
    if first and not prefix.startswith("'"):
        prefix = prefix[:1].upper() + prefix[1:]
    elif not first:
        prefix = prefix[:1].lower() + prefix[1:]
    # "d'" and "l'" join the name without a space.
    joiner = "" if prefix.endswith(("'", "’")) else " "
    return f"{prefix}{joiner}{name}"


def full_name(person: Mapping[str, Any]) -> str:
    """Initials and surname: "H. d'Ancona", or "Van der Berg" without initials."""
    initials = str(person.get("voorletters") or "").strip()
    if initials:
        return f"{initials} {surname(person, first=False)}"
    return surname(person, first=True)


def name_with_title(person: Mapping[str, Any]) -> str:
    """ "mevrouw H. d'Ancona", "de heer Van der Berg", or the name alone."""
    title = TITLES.get(str(person.get("aanhef", "")))
    return f"{title} {full_name(person)}" if title else full_name(person)


# domain-law.md §letter structure: the salutation when the form is not known.
FALLBACK_SALUTATION = "Geachte heer, mevrouw,"


def salutation(person: Mapping[str, Any]) -> str:
    """The opening line. Uses the surname only, never the initials."""
    brp = person.get("adressering")
    if isinstance(brp, Mapping) and brp.get("aanhef"):
        return f"{str(brp['aanhef']).rstrip(',')},"
    form = SALUTATION_FORMS.get(str(person.get("aanhef", "")))
    if form is None:
        return FALLBACK_SALUTATION
    return f"Geachte {form} {surname(person, first=True)},"


def _window_name(person: Mapping[str, Any]) -> str:
    title = name_with_title(person)
    return title[:1].upper() + title[1:]


# A huisletter (one letter) joins the number; any other huisnummertoevoeging follows
# a hyphen, as the BRP "adressering" writes adresregel1 (NEN 5825 style): "12B",
# "88-3", "12A-3". A space would make "Havenweg 88 3" read as two numbers.
_HOUSE_LETTER = re.compile(r"^([A-Za-z])(?:[\s-]+(.+))?$")


def house_number(number: object, addition: object = None) -> str:
    """House number with its letter and toevoeging: ("88", "3") -> "88-3",
    ("12", "B") -> "12B", ("12", "A 3") -> "12A-3"."""
    rest = str(addition or "").strip().strip("-").strip()
    if not rest:
        return str(number)
    letter = _HOUSE_LETTER.match(rest)
    if letter:
        tail = letter.group(2)
        return f"{number}{letter.group(1).upper()}" + (f"-{tail}" if tail else "")
    return f"{number}-{rest}"


def _address_lines(person: Mapping[str, Any], path: str) -> tuple[str, ...]:
    """The address lines of the first address form present (see module doc)."""
    brp = person.get("adressering")
    if isinstance(brp, Mapping):
        lines = [brp.get(f"adresregel{i}") for i in (1, 2, 3)]
        land = brp.get("land")
        if isinstance(land, Mapping) and land.get("omschrijving"):
            lines.append(str(land["omschrijving"]).upper())
        # A blank adresregel (" ") from a case system is no line in the window;
        # without any line left there is no address to send the letter to.
        kept = tuple(str(line).strip() for line in lines if str(line or "").strip())
        if not kept or not str(brp.get("adresregel1") or "").strip():
            field = f"{path}.adressering.adresregel1"
            raise CaseDataError(
                (Problem(field, "de eerste adresregel is leeg", "required"),)
            )
        return kept
    adres = person.get("adres")
    if isinstance(adres, Mapping):
        house = house_number(adres["huisnummer"], adres.get("toevoeging"))
        return (
            f"{adres['straat']} {house}",
            f"{adres['postcode']}  {str(adres['plaats']).upper()}",
        )
    postbus = person.get("postbus")
    if isinstance(postbus, Mapping):
        return (
            f"Postbus {postbus['nummer']}",
            f"{postbus['postcode']}  {str(postbus['plaats']).upper()}",
        )
    abroad = person.get("buitenland")
    if isinstance(abroad, Mapping):
        return (*(str(r) for r in abroad["regels"]), str(abroad["land"]).upper())
    forms = ", ".join(f"{path}.{f}" for f in ADDRESS_FORMS)
    raise CaseDataError(
        (Problem(path, f"er is geen adres; geef een van: {forms}", "required"),)
    )


def window_address(person: Mapping[str, Any], path: str = "ontvanger") -> Address:
    """The window-envelope block of a person or organisation (`path` names the
    field in Dutch error messages). Raises CaseDataError without any address."""
    lines = _address_lines(person, path)
    brp = person.get("adressering")
    if not (brp or person.get("achternaam") or person.get("organisatie")):
        raise CaseDataError(
            (Problem(path, "geef een achternaam of een organisatie", "required"),)
        )
    if isinstance(brp, Mapping):
        naming = brp.get("aanschrijfwijze")
        if isinstance(naming, Mapping) and naming.get("naam"):
            return Address(name=str(naming["naam"]), lines=lines)
    organisation = str(person.get("organisatie") or "").strip()
    if organisation and person.get("achternaam"):
        return Address(organisation, (f"T.a.v. {name_with_title(person)}", *lines))
    if organisation:
        return Address(organisation, lines)
    return Address(name=_window_name(person), lines=lines)


def _copy_name(copy: Mapping[str, Any]) -> str:
    """ "Schuldhulp Voorbeeld, mevrouw R. Hoekstra": organisation, then person."""
    parts = [str(copy.get("organisatie") or "").strip()]
    if copy.get("achternaam"):
        parts.append(name_with_title(copy))
    return ", ".join(p for p in parts if p)


def _copy_basis(copy: Mapping[str, Any], path: str, day: date) -> str:
    """Why this copy may go to a third party, as the letter says it: the person's
    consent or a legal duty (AVG art. 6 lid 1 a / c). A copy without either would
    hand personal data to someone without a ground, so it is refused, naming the
    field, before any letter exists. So is consent dated after the letter (`day`):
    it must exist when the copy is sent."""
    consent = copy.get("toestemming")
    if isinstance(consent, Mapping) and consent.get("datum"):
        given = to_date(consent["datum"])
        if given > day:
            raise CaseDataError(
                (
                    Problem(
                        f"{path}.toestemming.datum",
                        f"de toestemming ({datum(given)}) ligt na de datum van de "
                        f"brief ({datum(day)}); een kopie mag alleen weg als de "
                        "inwoner al toestemming gaf (AVG artikel 6 lid 1 a)",
                        "check",
                    ),
                )
            )
        return f"met uw toestemming van {datum(given)}"
    duty = str(copy.get("wettelijke_plicht") or "").strip()
    if duty:
        return f"omdat de wet dat zegt: {duty}"
    raise CaseDataError(
        (
            Problem(
                f"{path}.toestemming",
                "een kopie aan iemand anders mag alleen met toestemming van de "
                "inwoner of als de wet het zegt (AVG artikel 6); geef de datum van "
                "de toestemming of de wettelijke plicht",
                "required",
            ),
        )
    )


def address(ontvanger: Mapping[str, Any], day: date) -> Addressee:
    """Address a letter dated `day` about the person `ontvanger` (case field
    `ontvanger`).

    Raises CaseDataError, naming the field, when an address is missing or a copy
    has no ground (or consent dated after `day`).
    """
    second = _second_sending(ontvanger)
    copies_raw = ontvanger.get("kopie_aan", [])
    # Windows first: a copy without an address is the first thing to report.
    windows = tuple(
        window_address(c, f"ontvanger.kopie_aan.{i}") for i, c in enumerate(copies_raw)
    )
    copy_line = (
        "Kopie aan: "
        + "; ".join(
            f"{_copy_name(c)} ({_copy_basis(c, f'ontvanger.kopie_aan.{i}', day)})"
            for i, c in enumerate(copies_raw)
        )
        if copies_raw
        else ""
    )
    person = name_with_title(ontvanger)
    representative = ontvanger.get("vertegenwoordiger")
    if not isinstance(representative, Mapping):
        notice = copy_notice(person, person)
        window = window_address(ontvanger)
        greeting = salutation(ontvanger)
        own: tuple[CopyRecipient, ...] = ()
        if second is not None:
            second_window = Address(window.name, second)
            own = (CopyRecipient(second_window, greeting, "", same_person=True),)
            both = two_addresses(
                inline_address(ontvanger, window.lines),
                inline_address(ontvanger["ook_sturen_naar"], second),
            )
            copy_line = "\n".join(line for line in (both, copy_line) if line)
        return Addressee(
            window,
            greeting,
            copies=(
                *own,
                *_copies(copies_raw, windows, notice, replaces_first_block=False),
            ),
            copy_line=copy_line,
        )
    role = ROLES[str(representative["rol"])]
    about = (
        f"Deze brief gaat over {person}. Wij sturen hem naar u, omdat u de {role}"
        f" bent. Staat er in deze brief 'u'? Dan bedoelen wij {person}."
    )
    greeting = (
        salutation(representative)
        if representative.get("achternaam")
        else FALLBACK_SALUTATION
    )
    sent_to = f"{_copy_name(representative)}, de {role} van {person}"
    return Addressee(
        window_address(representative, "ontvanger.vertegenwoordiger"),
        greeting,
        about=about,
        copies=_copies(
            copies_raw,
            windows,
            copy_notice(sent_to, person),
            replaces_first_block=True,
        ),
        copy_line=copy_line,
    )


def goes_abroad(ontvanger: Mapping[str, Any]) -> bool:
    """True when any window address the letter's text reaches is an address
    abroad (`buitenland`): the letter's own (the representative's, if any), a
    copy's (`kopie_aan`: a copy carries the same text) or the person's second
    address (`ook_sturen_naar`). A 14 + netnummer phone number cannot be dialled
    from there, so the text adds the +31 number for every reader."""
    representative = ontvanger.get("vertegenwoordiger")
    person = representative if isinstance(representative, Mapping) else ontvanger
    copies = ontvanger.get("kopie_aan", [])
    windows = [person, ontvanger.get("ook_sturen_naar")]
    windows += copies if isinstance(copies, list) else []
    return any(
        isinstance(w, Mapping) and isinstance(w.get("buitenland"), Mapping)
        for w in windows
    )


def _second_sending(ontvanger: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The address lines of `ook_sturen_naar`, the person's own second postal
    address, or None. With a representative the letter goes to the
    representative, not the person: a second address of the person then has no
    place, so the combination is refused with the field named."""
    second = ontvanger.get("ook_sturen_naar")
    if not isinstance(second, Mapping):
        return None
    path = "ontvanger.ook_sturen_naar"
    if isinstance(ontvanger.get("vertegenwoordiger"), Mapping):
        raise CaseDataError(
            (
                Problem(
                    path,
                    "de brief gaat naar de vertegenwoordiger; een tweede adres van "
                    "de inwoner kan daar niet bij. Stuur de inwoner een kopie "
                    "(ontvanger.kopie_aan)",
                    "check",
                ),
            )
        )
    return _address_lines(second, path)


def inline_address(person: Mapping[str, Any], lines: tuple[str, ...]) -> str:
    """An address as running text ("Havenweg 88-3, 9999 EF Voorbeeld"): the place
    as written, not in the capitals and double space of the window block."""
    adres, postbus = person.get("adres"), person.get("postbus")
    if not person.get("adressering") and isinstance(adres, Mapping):
        house = house_number(adres["huisnummer"], adres.get("toevoeging"))
        return f"{adres['straat']} {house}, {adres['postcode']} {adres['plaats']}"
    if not person.get("adressering") and isinstance(postbus, Mapping):
        return f"Postbus {postbus['nummer']}, {postbus['postcode']} {postbus['plaats']}"
    return ", ".join(" ".join(line.split()) for line in lines)


def two_addresses(first: str, second: str) -> str:
    """The sentence that tells the person the letter went to both his addresses,
    so he knows the second one is the same decision, not a new one (Awb 3:41)."""
    return f"Wij sturen deze brief naar twee adressen: {first} en {second}."


def _copies(
    raw: list[Mapping[str, Any]],
    windows: tuple[Address, ...],
    notice: str,
    *,
    replaces_first_block: bool,
) -> tuple[CopyRecipient, ...]:
    """Each copy greets its own holder (never the person the letter is about)."""
    return tuple(
        CopyRecipient(
            window=window,
            salutation=salutation(c) if c.get("achternaam") else FALLBACK_SALUTATION,
            notice=notice,
            replaces_first_block=replaces_first_block,
        )
        for c, window in zip(raw, windows, strict=True)
    )


def copy_notice(sent_to: str, person: str) -> str:
    """The paragraph that opens a copy: it is a copy, whom the original went to
    (the name only: the original's address is none of the copy holder's
    business), and that "u" in the letter means the person it is about, not the
    copy holder."""
    return (
        f"Dit is een kopie. De brief zelf hebben wij gestuurd aan {sent_to}. "
        f"Staat er verder in deze brief 'u'? Dan bedoelen wij {person}."
    )


def copy_letters(
    letter: Letter, copies: tuple[CopyRecipient, ...]
) -> tuple[Letter, ...]:
    """One Letter per copy: the same letter with the copy holder's address in the
    window and salutation, opening with the copy notice, marked as a copy in the
    later-page header. The register keeps each as its own entry. A second
    sending to the person himself (`same_person`) is the letter unchanged but for
    the window: it is his own decision, not a copy for someone else."""
    return tuple(_copy_letter(letter, c) for c in copies)


def _copy_letter(letter: Letter, c: CopyRecipient) -> Letter:
    if c.same_person:
        return dataclasses.replace(letter, recipient=c.window, copies=())
    return dataclasses.replace(
        letter,
        meta=dataclasses.replace(letter.meta, is_copy=True),
        recipient=c.window,
        salutation=c.salutation,
        blocks=(
            Paragraph(c.notice),
            *(letter.blocks[1:] if c.replaces_first_block else letter.blocks),
        ),
        copies=(),
    )
