"""The communication adviser's review, findings 7-14, as kinds of input: the
sub-clause count, split advice at a main-clause border only, whole legal
references, common words that are not rare, Word symbols and unfilled content
controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability import analyze, load_glossary
from letterforge.readability.lexicon import zipf
from letterforge.readability.thresholds import RARE_ZIPF

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def rules_at(text: str, rule: str) -> list[str]:
    report = analyze(text, glossary=GLOSSARY)
    return [f.excerpt for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    "word",
    [
        "vinkje",  # a diminutive: as known as "vink"
        "vinkjes",
        "wethouders",  # an inflection: its lemma family "wethouder"
        "indient",  # "indienen"
        "indiende",
        "vastgestelde",
        "zorgvuldige",
        "bankafschriften",
    ],
)
def test_common_words_and_their_forms_are_not_rare(word: str) -> None:
    assert zipf(word) >= RARE_ZIPF
    assert word not in rules_at(f"U zet een {word} bij de vraag.", "moeilijk-woord")


@pytest.mark.parametrize("word", ["onverminderd", "alsdan", "zijner"])
def test_rare_and_archaic_forms_stay_rare(word: str) -> None:
    # "zijner" is not made common by "zijn": a form 100 times rarer than its
    # lemma family keeps its own frequency.
    if word == "zijner":
        assert zipf(word) < 3.0
    else:
        assert zipf(word) < RARE_ZIPF


def test_a_glossary_phrase_gets_one_note_not_a_rare_word_note_too() -> None:
    text = "De kosten komen ten laste van de gemeente."
    report = analyze(text, glossary=GLOSSARY)
    spans = [(f.start, f.end) for f in report.findings if f.rule != "niveau"]
    assert rules_at(text, "ambtelijke-taal") == ["ten laste van"]
    assert rules_at(text, "moeilijk-woord") == []
    assert len(spans) == len(set(spans))
