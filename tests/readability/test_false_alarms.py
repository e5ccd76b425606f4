"""False alarms on good B1 words (issue 15, second adviser, finding 8): everyday
words SUBTLEX-NL underrates are known, a municipal tax's legal name is a tip,
a ligature pasted from a PDF is looked up as its letters, and "bijstand" (the
name of the benefit itself) is no term to explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability import analyze, load_glossary
from letterforge.readability.lexicon import known_words, zipf
from letterforge.readability.thresholds import RARE_ZIPF

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def _findings(text: str) -> list[tuple[str, str, str]]:
    report = analyze(text, glossary=GLOSSARY)
    return [(f.rule, f.severity, f.excerpt) for f in report.findings]


@pytest.mark.parametrize(
    "sentence",
    [
        "U betaalt bij de balie met uw pinpas.",
        "Stuur ons uw loonstroken van de laatste drie maanden.",
        "Stuur ons een loonstrook van maart.",
        "Heeft u uw bankpas niet bij u? Dan kunt u niet betalen.",
        "Stuur ons het loonstrookje van uw werkgever.",
    ],
)
def test_everyday_words_are_no_rare_words(sentence: str) -> None:
    assert not [f for f in _findings(sentence) if f[0] == "moeilijk-woord"]


def test_the_known_words_are_above_the_rare_line() -> None:
    assert {"pinpas", "loonstrook", "loonstroken"} <= known_words()
    assert all(zipf(word) >= RARE_ZIPF for word in known_words())


@pytest.mark.parametrize(
    "tax",
    [
        "afvalstoffenheffing",
        "rioolheffing",
        "onroerendezaakbelasting",
        "ozb",
        "hondenbelasting",
        "toeristenbelasting",
        "precariobelasting",
    ],
)
def test_a_municipal_tax_by_its_legal_name_is_a_tip(tax: str) -> None:
    found = _findings(f"U hoeft de {tax} dit jaar niet te betalen.")
    about = [f for f in found if f[2].lower() == tax]
    assert about and all(f[1] == "hint" for f in about), found
    assert all(f[1] == "hint" for f in found), found


@pytest.mark.parametrize(
    ("pasted", "plain"),
    [
        ("\ufb01nanciële", "financiële"),  # fi
        ("e\ufb00ect", "effect"),  # ff
        ("\ufb02ink", "flink"),  # fl
    ],
)
def test_a_ligature_is_looked_up_as_its_letters(pasted: str, plain: str) -> None:
    assert zipf(pasted) == zipf(plain)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("U krijgt bijstand van ons. Wij betalen die elke maand.", False),
        ("Uw bijstandsuitkering gaat omhoog.", False),
        # Terms built on it that are not common words still ask for a word of
        # explanation.
        ("Wij betalen bijzondere bijstand voor uw bril.", True),
    ],
)
def test_bijstand_is_the_name_of_the_benefit(text: str, flagged: bool) -> None:
    found = [f for f in _findings(text) if f[0] == "vakterm"]
    assert bool(found) is flagged, found
