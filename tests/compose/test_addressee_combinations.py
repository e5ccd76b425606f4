"""Every combination of addressee parts, through the whole flow (validation,
composing, DOCX): person or representative (bewindvoerder, curator, gemachtigde),
Dutch street, postbus or foreign address (one, several or none), copies with and
without a legal ground, titles and initials present or not. A POST with every
variant at once once gave a 500; this keeps the class closed."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from letterforge.compose.addressing import copy_letters
from letterforge.errors import CaseDataError, RequestError
from letterforge.pipeline import LetterRequest, build_letter, render_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

STREET = {
    "straat": "Lindelaan",
    "huisnummer": "12",
    "postcode": "9999 AB",
    "plaats": "Voorbeeld",
}
STREET_WITH_ADDITION = {**STREET, "toevoeging": "A 3"}
POSTBUS = {"nummer": "88", "postcode": "9999 ZZ", "plaats": "Voorbeeld"}
ABROAD_SHORT = {"regels": ["Rue des Tilleuls 8", "4000 Liège"], "land": "België"}
ABROAD_LONG = {
    "regels": ["c/o Famille Dubois", "Rue des Tilleuls 8 boîte 3", "4000 Liège"],
    "land": "België",
}

SURNAMES = st.sampled_from(["Berg", "Ancona", "Hoek", "Ëmre-Öztürk"])
TITLES = {
    "aanhef": st.sampled_from(["mevrouw", "de heer", "geen"]),
    "voorletters": st.sampled_from(["A.", "J.P.", "H.W.M.", ""]),
    "tussenvoegsel": st.sampled_from(["van der", "d'", "'t", "De", ""]),
}
# The person always has a surname (the schema requires one; tested elsewhere).
person_names = st.fixed_dictionaries({"achternaam": SURNAMES}, optional=TITLES)
other_names = st.fixed_dictionaries({}, optional={**TITLES, "achternaam": SURNAMES})
ONE_ADDRESS = [
    {"adres": STREET},
    {"adres": STREET_WITH_ADDITION},
    {"postbus": POSTBUS},
    {"buitenland": ABROAD_SHORT},
    {"buitenland": ABROAD_LONG},
]
more_addresses = st.fixed_dictionaries(
    {},
    optional={
        "adres": st.sampled_from([STREET, STREET_WITH_ADDITION]),
        "postbus": st.just(POSTBUS),
        "buitenland": st.sampled_from([ABROAD_SHORT, ABROAD_LONG]),
    },
)


def _merge(*parts: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        merged.update(part)
    return merged


# Mostly one address or several at once; now and then none (refused by field).
addresses = st.one_of(
    st.builds(_merge, st.sampled_from(ONE_ADDRESS), more_addresses),
    more_addresses,
)
# The population register's own "adressering" (only for the person), with the
# optional lines present, empty or blank as a case system may send them.
brp = st.builds(
    lambda line1, line2, land: {
        "adressering": {
            "aanschrijfwijze": {"naam": "mevrouw H. d'Ancona"},
            "aanhef": "Geachte mevrouw D'Ancona",
            "adresregel1": line1,
            **line2,
            **land,
        }
    },
    st.sampled_from(["Rue des Tilleuls 8", "Rue des Tilleuls 8", "", " "]),
    st.sampled_from(
        [{}, {"adresregel2": "4000 Liège"}, {"adresregel2": ""}, {"adresregel2": " "}]
    ),
    st.sampled_from([{}, {"land": {"code": "5010", "omschrijving": "België"}}]),
)
person_addresses = st.one_of(addresses, st.builds(_merge, brp, more_addresses))
grounds = st.sampled_from(
    [
        {},
        {"toestemming": {"datum": "2026-10-27"}},
        {"wettelijke_plicht": "artikel 64 van de Participatiewet"},
        {"toestemming": {"datum": "2026-10-27"}},
    ]
)
organisations = st.one_of(
    st.just({"organisatie": "Bewind Noord"}),
    st.fixed_dictionaries(
        {}, optional={"organisatie": st.sampled_from(["Bewind Noord", "Schuldhulp"])}
    ),
)


representatives = st.one_of(
    st.none(),
    st.builds(
        _merge,
        other_names,
        addresses,
        organisations,
        st.fixed_dictionaries(
            {"rol": st.sampled_from(["bewindvoerder", "curator", "gemachtigde"])}
        ),
    ),
)
copies = st.lists(
    st.builds(_merge, other_names, addresses, organisations, grounds), max_size=3
)

# "Geachte A. Berg", "Geachte heer J.P. Hoek": a salutation never has initials.
INITIALS_IN_SALUTATION = re.compile(r"^Geachte (heer |mevrouw )?([A-Z]\.)+")


def _check_refusal(error: CaseDataError | RequestError) -> None:
    """Our Dutch validation error, naming a field of the addressee."""
    assert error.problems
    for problem in error.problems:
        assert problem.path.startswith("ontvanger"), problem
        assert problem.message


@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    person=person_names,
    where=person_addresses,
    representative=representatives,
    copy_list=copies,
)
def test_any_addressee_combination_is_addressed_or_refused_by_field(
    settings: Settings,
    person: dict[str, Any],
    where: dict[str, Any],
    representative: dict[str, Any] | None,
    copy_list: list[dict[str, Any]],
) -> None:
    request = load_sample("opschorting-kopie-schuldhulp")
    ontvanger: dict[str, Any] = {**person, **where}
    if representative is not None:
        ontvanger["vertegenwoordiger"] = representative
    if copy_list:
        ontvanger["kopie_aan"] = copy_list
    request["case"]["ontvanger"] = ontvanger
    try:
        letter = build_letter(
            LetterRequest(request["template"], request["case"], "docx"),
            settings,
            today=TODAY,
        )
        render_letter(letter, "docx")
        for copy in copy_letters(letter, letter.copies):
            render_letter(copy, "docx")
    except (CaseDataError, RequestError) as e:
        _check_refusal(e)
        event(f"refused: {sorted({p.path for p in e.problems})[:1]}")
        return
    event("addressed")
    windows = [letter.recipient, *(c.window for c in letter.copies)]
    for window in windows:
        assert 1 <= len(window.lines) <= 5, window
        assert all(line.strip() for line in (window.name, *window.lines)), window
    assert not INITIALS_IN_SALUTATION.match(letter.salutation), letter.salutation
    text = " ".join(render_text(letter).split())
    if representative is not None:
        surname = str(person.get("achternaam", ""))
        assert "Deze brief gaat over" in text
        assert surname in text.split("Deze brief gaat over", 1)[1][:200]
