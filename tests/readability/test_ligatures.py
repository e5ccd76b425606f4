"""Latin ligatures (from PDFs and some fonts) read as their letters (issue 15,
second adviser), so a word with "ﬁ" is the same word as with "fi"."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability import analyze, load_glossary
from letterforge.readability.text import normalise

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﬁnanciële", "financiële"),
        ("ﬂat", "flat"),
        ("aﬀaire", "affaire"),
        ("oﬃcieel", "officieel"),
        ("aﬄux", "afflux"),
        ("ﬆudie", "studie"),
        # Other compatibility characters stay as they are.
        ("m² ½ ﬁ", "m² ½ fi"),
    ],
)
def test_ligatures_become_letters(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_a_word_with_a_ligature_is_judged_as_the_word() -> None:
    plain = "Wij geven u financiële hulp. U krijgt het geld elke maand op uw rekening."
    tied = plain.replace("fi", "ﬁ")
    assert tied != plain
    with_ligature = analyze(tied, glossary=GLOSSARY)
    without = analyze(plain, glossary=GLOSSARY)
    assert with_ligature.score == without.score
    assert [f.rule for f in with_ligature.findings] == [
        f.rule for f in without.findings
    ]
