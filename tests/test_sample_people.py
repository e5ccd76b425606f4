"""The samples form one fictional municipality: one person, one address, one role.

A jurist reads the samples across letters (review of the 47 samples, findings 1, 9,
18): the same name at two addresses, or as a client and as a bewindvoerder, makes
that review impossible. People are keyed by initials and surname.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

import pytest

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


# --- Facts about one person across letters (review finding 9) -------------------
#
# Each check is a plain function over (sample name, case) pairs that returns the
# contradictions it finds, so it is tested on made-up sets that contain the
# contradiction (it can fail) and then run on all samples.

Case = tuple[str, Mapping[str, Any]]
# Letters that speak of bijstand the resident already receives; such a letter
# cannot come before the bijstand started.
RUNNING_BIJSTAND = (
    "normbedragen-wijziging",
    "herziening",
    "terugvordering",
    "voornemen-terugvordering",
    "maatregel",
    "beeindiging-bijstand",
    "opschorting",
    "bestuurlijke-boete",
)
KENMERK = re.compile(r"^[A-Z]+/(\d{4})/")


def _key(case: Mapping[str, Any]) -> tuple[Person, str] | None:
    """Name and address: the same resident in two letters."""
    o = case.get("ontvanger", {})
    if "achternaam" not in o or "adres" not in o:
        return None
    return _person(o), _address(o["adres"])


def _letter_day(case: Mapping[str, Any]) -> date:
    return date.fromisoformat(case["zaak"]["briefdatum"])


def _values(node: Any, key: str) -> Iterator[Any]:
    if isinstance(node, Mapping):
        for k, v in node.items():
            if k == "betaald_als":
                continue  # the household we paid for before a change: not a fact now
            if k == key and not isinstance(v, (Mapping, list)):
                yield v
            yield from _values(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _values(v, key)


def kenmerk_year_problems(cases: list[Case]) -> list[str]:
    """Our kenmerk carries the year the letter was made: WI/2026/… for 2026."""
    out = []
    for name, case in cases:
        match = KENMERK.match(str(case.get("zaak", {}).get("kenmerk", "")))
        if match and int(match.group(1)) != _letter_day(case).year:
            out.append(f"{name}: kenmerk {case['zaak']['kenmerk']} in een ander jaar")
    return out


def person_fact_problems(cases: list[Case]) -> list[str]:
    """One resident (name + address, or BSN) has one birth date, one address and
    one leefvorm in every letter."""
    facts: dict[Any, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for name, case in cases:
        o = case.get("ontvanger", {})
        keys: list[Any] = []
        if (k := _key(case)) is not None:
            keys.append(k)
        if "bsn" in o:
            keys.append(("bsn", str(o["bsn"])))
        for k in keys:
            if "geboortedatum" in o:
                facts[k]["geboortedatum"][str(o["geboortedatum"])] = name
            # The norm calculations read it from `aanvrager` (jongerennorm).
            if "geboortedatum" in case.get("aanvrager", {}):
                born = str(case["aanvrager"]["geboortedatum"])
                facts[k]["geboortedatum"][born] = name
            if "adres" in o and k[0] == "bsn":
                facts[k]["adres"][_address(o["adres"])] = name
            if "bsn" in o and k[0] != "bsn":
                facts[k]["bsn"][str(o["bsn"])] = name
            for leefvorm in _values(
                {x: v for x, v in case.items() if x != "ontvanger"}, "leefvorm"
            ):
                facts[k]["leefvorm"][str(leefvorm)] = name
    return [
        f"{k}: {fact} verschilt: {sorted(seen.items())}"
        for k, per in facts.items()
        for fact, seen in per.items()
        if len(seen) > 1
    ]


def bijstand_start_problems(cases: list[Case]) -> list[str]:
    """A letter about running bijstand, or about a period of it, never lies before
    the day that resident's bijstand began (the toekenning's ingangsdatum)."""
    start: dict[Any, tuple[date, str]] = {}
    for name, case in cases:
        t = case.get("toekenning", {})
        if "ingangsdatum" in t and (k := _key(case)) is not None:
            start[k] = (date.fromisoformat(t["ingangsdatum"]), name)
    out = []
    for name, case in cases:
        k = _key(case)
        if k not in start or not name.startswith(RUNNING_BIJSTAND):
            continue
        begin, granted = start[k]
        days = [_letter_day(case)]
        days += [date.fromisoformat(d) for d in _values(case, "van")]
        days += [
            date.fromisoformat(d) for d in _values(case.get("wijziging", {}), "datum")
        ]
        early = [d for d in days if d < begin]
        if early:
            out.append(
                f"{name}: {min(early)} ligt voor het begin van de bijstand "
                f"({begin}, {granted})"
            )
    return out


def contact_problems(cases: list[Case]) -> list[str]:
    """A letter that says 'until now X was your contact person, from D it is Y'
    agrees with the other letters to that resident in the same domain (the
    kenmerk's prefix): before D they name X, from D they name Y."""
    out = []
    for name, case in cases:
        change = case.get("verandering", {})
        if "vorige" not in change or (k := _key(case)) is None:
            continue
        switch = date.fromisoformat(change["vanaf"])
        new = case["contactpersoon"]["naam"]
        domain = str(case["zaak"]["kenmerk"]).split("/")[0]
        for other, c in cases:
            if other == name or _key(c) != k:
                continue
            if str(c["zaak"]["kenmerk"]).split("/")[0] != domain:
                continue
            expected = change["vorige"] if _letter_day(c) < switch else new
            named = c.get("contactpersoon", {}).get("naam")
            if named != expected:
                out.append(
                    f"{other}: contactpersoon {named}, volgens {name} {expected}"
                )
    return out


def _case(name: str, **parts: Any) -> Case:
    base: dict[str, Any] = {
        "zaak": {"kenmerk": "WI/2026/1", "briefdatum": "2026-11-24"},
        "ontvanger": {
            "voorletters": "A.",
            "achternaam": "Dijkstra",
            "adres": {
                "straat": "Beukenlaan",
                "huisnummer": "21",
                "postcode": "9999 KL",
            },
        },
        "contactpersoon": {"naam": "Anouk Visser"},
    }
    for key, value in parts.items():
        if key == "ontvanger":
            base["ontvanger"] = {**base["ontvanger"], **value}
        else:
            base[key] = value
    return name, base


TOEKENNING = _case(
    "toekenning-bijstand-x",
    toekenning={"ingangsdatum": "2026-10-19", "leefvorm": "alleenstaande"},
)
CHECKS = [
    # (id, check, cases, problems found)
    (
        "kenmerk-2026-on-a-2025-letter",
        kenmerk_year_problems,
        [_case("x", zaak={"kenmerk": "WI/2026/20001", "briefdatum": "2025-12-15"})],
        1,
    ),
    ("kenmerk-year-matches", kenmerk_year_problems, [_case("x")], 0),
    (
        "index-letter-before-the-bijstand",
        bijstand_start_problems,
        [
            TOEKENNING,
            _case(
                "normbedragen-wijziging-x",
                zaak={"kenmerk": "WI/2025/2", "briefdatum": "2025-12-15"},
                wijziging={"datum": "2026-01-01", "leefvorm": "alleenstaande"},
            ),
        ],
        1,
    ),
    (
        "herziening-period-before-the-bijstand",
        bijstand_start_problems,
        [
            TOEKENNING,
            _case("herziening-x", herziening={"periode": {"van": "2026-09-01"}}),
        ],
        1,
    ),
    (
        "herziening-after-the-start",
        bijstand_start_problems,
        [
            TOEKENNING,
            _case("herziening-x", herziening={"periode": {"van": "2026-11-01"}}),
        ],
        0,
    ),
    (
        "other-person-same-name",
        bijstand_start_problems,
        [
            TOEKENNING,
            _case(
                "herziening-x",
                ontvanger={"adres": {"straat": "Spoorlaan", "huisnummer": "30"}},
                herziening={"periode": {"van": "2026-01-01"}},
            ),
        ],
        0,
    ),
    (
        "two-leefvormen",
        person_fact_problems,
        [
            TOEKENNING,
            _case(
                "terugvordering-x",
                terugvordering={"huishouden": {"leefvorm": "gehuwden"}},
            ),
        ],
        1,
    ),
    (
        "two-birth-dates",
        person_fact_problems,
        [
            _case("a", ontvanger={"geboortedatum": "1980-01-01"}),
            _case("b", ontvanger={"geboortedatum": "1981-01-01"}),
        ],
        1,
    ),
    (
        "one-bsn-two-addresses",
        person_fact_problems,
        [
            _case("a", ontvanger={"bsn": "123456782"}),
            _case("b", ontvanger={"bsn": "123456782", "adres": {"straat": "Elders"}}),
        ],
        1,
    ),
    (
        "new-contact-already-handled-earlier-letters",
        contact_problems,
        [
            _case(
                "ontvangstbevestiging-x",
                zaak={"kenmerk": "WMO/2026/1", "briefdatum": "2026-11-13"},
            ),
            _case(
                "wijziging-contactpersoon-x",
                zaak={"kenmerk": "WMO/2026/2", "briefdatum": "2026-11-24"},
                verandering={"vanaf": "2026-12-01", "vorige": "Tom Meijer"},
            ),
        ],
        1,
    ),
    (
        "earlier-letters-name-the-previous-contact",
        contact_problems,
        [
            _case(
                "terugvordering-x",
                contactpersoon={"naam": "Tom Meijer"},
            ),
            _case(
                "wijziging-contactpersoon-x",
                verandering={"vanaf": "2026-12-01", "vorige": "Tom Meijer"},
            ),
        ],
        0,
    ),
]


@pytest.mark.parametrize(
    ("check", "cases", "found"), [c[1:] for c in CHECKS], ids=[c[0] for c in CHECKS]
)
def test_each_check_finds_its_contradiction(
    check: Callable[[list[Case]], list[str]], cases: list[Case], found: int
) -> None:
    assert len(check(cases)) == found


@pytest.mark.parametrize(
    "check",
    [
        kenmerk_year_problems,
        person_fact_problems,
        bijstand_start_problems,
        contact_problems,
    ],
)
def test_the_samples_agree_about_each_person(
    check: Callable[[list[Case]], list[str]],
) -> None:
    assert check(list(_cases())) == []
