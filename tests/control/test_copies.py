"""Copies ("kopie aan") as their own register entries (issue 13): each copy is a
letter of its own, linked to its original, with whom it went to and when; it says
it is a copy and whom the original went to; it follows the original's status."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from docx import Document

from letterforge import control
from letterforge.errors import LetterNotFinal, ReviewRefused
from letterforge.pipeline import LetterRequest
from letterforge.register import Register, open_register
from letterforge.register.audit import events
from letterforge.register.review import waiting
from letterforge.register.store import copies_of, get_document, get_letter
from letterforge.settings import Settings
from tests.conftest import load_sample

DAY = date(2026, 11, 24)
SCHULDHULP = {
    "organisatie": "Schuldhulp Voorbeeld",
    "postbus": {"nummer": "456", "postcode": "9999 ZY", "plaats": "Voorbeeld"},
    "toestemming": {"datum": "2026-10-27"},
}
BROTHER = {
    "aanhef": "de heer",
    "voorletters": "K.",
    "achternaam": "Maes",
    "adres": {
        "straat": "Molenpad",
        "huisnummer": "3",
        "postcode": "9999 GH",
        "plaats": "Voorbeeld",
    },
    "toestemming": {"datum": "2026-11-02"},
}


def _request(name: str, copies: list[dict[str, Any]]) -> LetterRequest:
    sample = load_sample(name)
    sample["case"]["ontvanger"]["kopie_aan"] = copies
    return LetterRequest(sample["template"], sample["case"], "docx")


def _text(register: Register, letter_id: str) -> str:
    with register.session() as session:
        record = get_document(session, letter_id)
        assert record is not None
        content = record.content
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def register(database_url: str) -> Any:
    found = open_register(database_url, migrate=True)
    yield found
    found.dispose()


@pytest.mark.parametrize(
    ("copies", "names"),
    [
        ([], []),
        ([SCHULDHULP], ["Schuldhulp Voorbeeld"]),
        ([SCHULDHULP, BROTHER], ["Schuldhulp Voorbeeld", "De heer K. Maes"]),
    ],
    ids=["none", "one", "two"],
)
def test_each_copy_is_its_own_entry_linked_to_the_original(
    register: Register,
    settings: Settings,
    copies: list[dict[str, Any]],
    names: list[str],
) -> None:
    request = _request("opschorting-loonstroken", copies)
    made = control.make_letter(
        register, request, settings, today=DAY, client="t", actor="anna"
    )
    assert made.status == control.FINAL
    with register.session() as session:
        found = copies_of(session, made.id)
        original = get_letter(session, made.id)
        assert original is not None and original.copy_of is None
        assert original.recipient == "De heer K. Bulut"
        trails = {c.id: [e.kind for e in events(session, c.id)] for c in found}
    assert [c.recipient for c in found] == names
    assert all(c.copy_of == made.id and c.status == control.FINAL for c in found)
    assert all(trail == ["gemaakt"] for trail in trails.values())
    assert len({made.id, *(c.id for c in found)}) == len(found) + 1
    original_text = _text(register, made.id)
    assert "Dit is een kopie" not in original_text
    for copy in found:
        text = _text(register, copy.id)
        # The copy says it is one and whom the original went to (name, no address).
        assert (
            "Dit is een kopie. De brief zelf hebben wij gestuurd aan de heer K. Bulut."
            in text
        )
        assert copy.filename.endswith(".docx") and "-kopie-" in copy.filename
        assert text.count("Kopie aan: Schuldhulp Voorbeeld (met uw toestemming") == 1


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_copies_follow_the_four_eyes_decision_on_the_original(
    register: Register, settings: Settings, decision: str
) -> None:
    request = _request("bestuurlijke-boete-boete", [SCHULDHULP])
    made = control.make_letter(
        register, request, settings, today=DAY, client="t", actor="anna"
    )
    assert made.status == control.CONCEPT
    with register.session() as session:
        (copy,) = copies_of(session, made.id)
        assert copy.status == control.CONCEPT
        # The reviewer sees the original only; the copy is checked with it.
        assert [r.id for r in waiting(session)] == [made.id]
    with pytest.raises(ReviewRefused) as refused:
        control.approve(register, copy.id, "bram", today=DAY)
    assert "kopie" in refused.value.message
    if decision == "approve":
        control.approve(register, made.id, "bram", today=DAY)
        expected = control.FINAL
    else:
        control.reject(register, made.id, "bram", "bedrag klopt niet")
        expected = control.REJECTED
    with register.session() as session:
        (copy,) = copies_of(session, made.id)
        assert copy.status == expected
        assert copy.approved_by == ("bram" if decision == "approve" else None)
    if decision == "reject":
        with pytest.raises(LetterNotFinal):
            control.hand_out(register, copy.id, "anna")
    else:
        assert control.hand_out(register, copy.id, "anna") is not None


def test_a_copy_without_consent_registers_nothing(
    register: Register, settings: Settings
) -> None:
    from letterforge.errors import CaseDataError
    from letterforge.register.store import list_letters

    request = _request(
        "opschorting-loonstroken",
        [{k: v for k, v in SCHULDHULP.items() if k != "toestemming"}],
    )
    with pytest.raises(CaseDataError):
        control.make_letter(
            register, request, settings, today=DAY, client="t", actor="anna"
        )
    with register.session() as session:
        assert list_letters(session).total == 0


def test_a_second_address_of_the_person_is_its_own_entry_without_a_copy_notice(
    register: Register, settings: Settings
) -> None:
    sample = load_sample("opschorting-loonstroken")
    sample["case"]["ontvanger"]["ook_sturen_naar"] = {
        "postbus": {"nummer": "12", "postcode": "8888 AA", "plaats": "Elders"}
    }
    request = LetterRequest(sample["template"], sample["case"], "docx")
    made = control.make_letter(
        register, request, settings, today=DAY, client="t", actor="anna"
    )
    with register.session() as session:
        (second,) = copies_of(session, made.id)
    # No consent needed: it is the person himself; named by his second address.
    assert second.recipient == "De heer K. Bulut, Postbus 12"
    assert second.filename.endswith("-tweede-adres.docx")
    assert second.copy_of == made.id and second.status == made.status
    original, sending = _text(register, made.id), _text(register, second.id)
    both = "Wij sturen deze brief naar twee adressen: "
    assert both in original and both in sending
    assert "Postbus 12, 8888 AA Elders." in sending
    assert "Dit is een kopie" not in sending
    with register.session() as session:
        (made_event,) = [e for e in events(session, second.id) if e.kind == "gemaakt"]
    assert made_event.reason == "tweede adres: De heer K. Bulut, Postbus 12"
