"""The clarity gate (library/clarity.py): decision first, action with a date, a
phone number; on every shipped sample and on broken letters of our own."""

from __future__ import annotations

import pytest

from letterforge.library.clarity import clarity_findings, first_statement, source_line
from letterforge.pipeline import build_letter, decode_request
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, sample_paths

GOOD = """Geachte mevrouw Jansen,

In het kort
- U krijgt geen bijstand.
- Bent u het niet eens? Maak dan uiterlijk op 5\xa0januari\xa02027 bezwaar.

Heeft u vragen? Bel dan Anouk Visser op 14 0999.
"""


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_shipped_sample_passes_the_gate(settings: Settings, path: object) -> None:
    request = decode_request(path.read_bytes())  # type: ignore[attr-defined]
    text = render_text(build_letter(request, settings, today=TODAY))
    errors = [
        f for f in clarity_findings(text, file="x", source="") if f.severity == "fout"
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "rule", "severity"),
    [
        (
            ("- U krijgt geen", "- Bedankt voor uw aanvraag. U krijgt geen"),
            "besluit-eerst",
            "fout",
        ),
        (
            ("- U krijgt geen bijstand.", "- Naar aanleiding van uw aanvraag."),
            "besluit-eerst",
            "fout",
        ),
        (
            ("- U krijgt geen bijstand.", "- Wilt u weten wat wij besloten?"),
            "besluit-eerst",
            "fout",
        ),
        (
            ("- U krijgt geen bijstand.", "- De aanvraag is behandeld."),
            "besluit-eerst",
            "fout",
        ),
        (("uiterlijk op 5\xa0januari\xa02027 ", ""), "actie-datum", "fout"),
        (
            (
                "- Bent u het niet eens? Maak dan uiterlijk op 5\xa0januari\xa02027"
                " bezwaar.\n",
                "",
            ),
            "actie-datum",
            "waarschuwing",
        ),
        (("op 14 0999", "via de website"), "contact", "fout"),
        (("Geachte mevrouw Jansen,", "Hallo,"), "besluit-eerst", "fout"),
    ],
)
def test_each_kind_of_unclear_letter(
    change: tuple[str, str], rule: str, severity: str
) -> None:
    assert clarity_findings(GOOD, file="x", source="") == []
    text = GOOD.replace(*change)
    found = [(f.rule, f.severity) for f in clarity_findings(text, file="x", source="")]
    assert (rule, severity) in found


def test_nothing_to_do_is_an_answer_too() -> None:
    text = GOOD.replace(
        "- Bent u het niet eens? Maak dan uiterlijk op 5\xa0januari\xa02027 bezwaar.",
        "- U hoeft nu niets te doen.",
    )
    assert clarity_findings(text, file="x", source="") == []


def test_the_line_of_a_late_decision_in_the_template() -> None:
    source = "{% set t = x %}\n> - Bedankt voor {{ t.soort }} aanvraag.\n> - U krijgt\n"
    text = GOOD.replace("- U krijgt geen", "- Bedankt voor uw aanvraag. U krijgt geen")
    assert first_statement(text) == "Bedankt voor uw aanvraag."
    assert source_line(source, "Bedankt voor uw aanvraag.") == 2
    (finding,) = clarity_findings(text, file="t/letter.md.j2", source=source)
    assert str(finding).startswith("t/letter.md.j2:2: zet het besluit vooraan")


def test_the_first_paragraph_without_a_box() -> None:
    assert first_statement("Geachte heer,\n\nWij stoppen uw bijstand. Dat komt...") == (
        "Wij stoppen uw bijstand."
    )


# Every thanking or acknowledging opening delays the decision: the kind, not
# the two sentences the communication adviser happened to try.
@pytest.mark.parametrize(
    "opening",
    [
        "Hartelijk dank voor uw geduld.",
        "Wij danken u voor uw reactie van 20\xa0oktober\xa02026.",
        "We bedanken u voor uw aanvraag.",
        "Dank u wel voor uw reactie.",
        "Heel erg bedankt voor uw brief.",
        "Bedankt voor uw aanvraag.",
        "Hierbij ontvangt u ons besluit.",
        "Naar aanleiding van uw aanvraag schrijven wij u.",
        "In antwoord op uw vraag laten wij u iets weten.",
        "In reactie op uw e-mail sturen wij u deze brief.",
        "U heeft ons gevraagd om bijstand.",
        "U vroeg ons om meer geld.",
        "Wij hebben uw aanvraag goed ontvangen.",
        "Met deze brief laten wij u weten wat wij besloten.",
        "Op 1\xa0oktober\xa02026 kregen wij uw aanvraag.",
    ],
)
def test_any_thanks_or_acknowledgement_first_is_caught(opening: str) -> None:
    text = GOOD.replace("- U krijgt geen", f"- {opening} U krijgt geen")
    rules = [f.rule for f in clarity_findings(text, file="x", source="")]
    assert rules == ["besluit-eerst"]


@pytest.mark.parametrize(
    "decision",
    [
        "U krijgt geen bijstand.",
        "Wij betalen u € 120 terug.",
        "U moet € 300 terugbetalen.",
        "Wij stoppen uw bijstand vanaf 1\xa0januari\xa02027.",
    ],
)
def test_a_decision_first_passes(decision: str) -> None:
    text = GOOD.replace("- U krijgt geen bijstand.", f"- {decision}")
    assert [f.rule for f in clarity_findings(text, file="x", source="")] == []
