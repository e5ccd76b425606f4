"""The samples form one fictional municipality: one person, one address, one role.

A jurist reads the samples across letters (review of the 47 samples, findings 1, 9,
18): the same name at two addresses, or as a client and as a bewindvoerder, makes
that review impossible. People are keyed by initials and surname.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from tests.conftest import sample_paths

Person = tuple[str, str, str]


def _person(p: Mapping[str, Any]) -> Person:
    return (
        str(p.get("voorletters", "")),
        str(p.get("tussenvoegsel", "")).lower(),
        str(p["achternaam"]),
    )


def _address(a: Mapping[str, Any]) -> str:
    return " ".join(
        str(a.get(k, "")) for k in ("straat", "huisnummer", "toevoeging", "postcode")
    )


def _cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sample_paths():
        yield path.stem, json.loads(path.read_text())["case"]


def _others(case: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """People in the letter other than the resident it is about."""
    o = case.get("ontvanger", {})
    if "vertegenwoordiger" in o:
        yield o["vertegenwoordiger"]
    yield from o.get("kopie_aan", [])


def test_one_person_has_one_address() -> None:
    addresses: dict[Person, dict[str, str]] = defaultdict(dict)
    for name, case in _cases():
        o = case.get("ontvanger", {})
        if "achternaam" in o and "adres" in o:
            addresses[_person(o)][_address(o["adres"])] = name
    assert {p: a for p, a in addresses.items() if len(a) > 1} == {}


def test_a_resident_has_no_other_role() -> None:
    residents = {
        _person(c["ontvanger"]): n
        for n, c in _cases()
        if "achternaam" in c.get("ontvanger", {})
    }
    clashes = [
        (n, _person(p))
        for n, c in _cases()
        for p in _others(c)
        if "achternaam" in p and _person(p) in residents
    ]
    assert clashes == []


def test_one_aanvraag_has_one_date_across_letters() -> None:
    """A client's Wmo aanvraag has one date in every letter about it (the
    ontvangstbevestiging and the decision): review finding on the Wmo samples."""
    dates: dict[Person, dict[str, str]] = defaultdict(dict)
    for name, case in _cases():
        aanvraag = case.get("aanvraag", {})
        wmo = name.startswith("wmo-") or aanvraag.get("wet") == "Wmo"
        if wmo and "datum" in aanvraag and "achternaam" in case.get("ontvanger", {}):
            dates[_person(case["ontvanger"])][aanvraag["datum"]] = name
    assert {p: d for p, d in dates.items() if len(d) > 1} == {}
    # The handed case: one client across ontvangstbevestiging-wmo and the natura
    # decision; the test above must have seen both.
    assert any(len(set(d.values())) == 1 and len(d) == 1 for d in dates.values())
