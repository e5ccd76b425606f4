"""The report's shape is a contract (ARCHITECTURE.md): other programs read it."""

from __future__ import annotations

import json

import pytest

from letterforge.readability import EmptyText, Glossary, analyze

FINDING_KEYS = {"rule", "severity", "message", "start", "end", "excerpt", "suggestion"}


def test_to_dict_has_the_contract_shape(glossary: Glossary) -> None:
    text = "Indien u vragen heeft, wordt u gebeld. Wij helpen u graag."
    data = json.loads(json.dumps(analyze(text, glossary=glossary).to_dict()))
    assert {"score", "level", "meets_b1", "metrics", "findings"} <= set(data)
    assert 0 <= data["score"] <= 100
    assert data["level"] in {"A2", "B1", "B2", "C1"}
    assert isinstance(data["meets_b1"], bool)
    assert all(isinstance(v, int | float) for v in data["metrics"].values())
    for finding in data["findings"]:
        assert FINDING_KEYS <= set(finding)
        assert finding["severity"] in {"error", "warning", "hint"}
        assert text[finding["start"] : finding["end"]].startswith(
            finding["excerpt"][:5]
        )


@pytest.mark.parametrize(
    ("text", "meets"),
    [
        ("U krijgt bijstand. Wij betalen elke maand. Heeft u vragen? Bel ons.", True),
        ("Indien u vragen heeft, bel ons.", False),  # officialese is an error
        (
            "Naar aanleiding van uw aanvraag en het onderzoek dat door ons is "
            "verricht, is door het college besloten dat de uitkering die u ontvangt "
            "per heden wordt beëindigd.",
            False,
        ),
    ],
)
def test_meets_b1_means_no_errors(text: str, meets: bool, glossary: Glossary) -> None:
    report = analyze(text, glossary=glossary)
    assert report.meets_b1 is meets
    assert report.meets_b1 == (not any(f.severity == "error" for f in report.findings))


def test_easier_text_scores_higher(glossary: Glossary) -> None:
    hard = analyze(
        "Gelet op het feit dat de terugvordering van de onverschuldigd betaalde "
        "bijstand door het college is vastgesteld, dient u het bedrag te voldoen.",
        glossary=glossary,
    )
    easy = analyze(
        "U kreeg te veel bijstand. Daarom moet u geld terugbetalen.", glossary=glossary
    )
    assert easy.score > hard.score
    assert easy.level in {"A2", "B1"} and hard.level in {"B2", "C1"}


@pytest.mark.parametrize("text", ["", "   \n", "\n\n\t", ". , ;", "\u00a0\u200b"])
def test_a_text_without_words_gets_no_score_and_no_verdict(text: str) -> None:
    # A score would be the base score and "meets B1" would let a file whose text
    # we could not read pass the gate (adviser review, finding 1).
    with pytest.raises(EmptyText) as raised:
        analyze(text)
    assert raised.value.reason == "Er staat geen tekst in dit bestand."
