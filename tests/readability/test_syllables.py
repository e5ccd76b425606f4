"""Dutch syllable counting against a hand-verified list of words.

tests/readability/syllables.tsv holds 257 words from our letters and the social
domain, each counted by hand from the spoken word (te-rug-vor-de-ring = 5).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability.syllables import syllables

LIST = Path(__file__).parent / "syllables.tsv"


def hand_counted() -> list[tuple[str, int]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, count = line.split("\t")
            rows.append((word, int(count)))
    return rows


def test_at_least_95_percent_of_200_words_are_counted_right() -> None:
    rows = hand_counted()
    wrong = [(w, n, syllables(w)) for w, n in rows if syllables(w) != n]
    assert len(rows) >= 200
    assert 1 - len(wrong) / len(rows) >= 0.95, wrong


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("financieel", 4),  # ie + e: two sounds
        ("beëindigen", 4),  # diaeresis starts a syllable
        ("kopieën", 3),
        ("nieuw", 1),  # ieu is one sound
        ("uitkering", 3),
        ("UWV", 3),  # read letter by letter
        ("e-mail", 2),
        ("WW-uitkering", 5),
    ],
)
def test_tricky_words(word: str, count: int) -> None:
    assert syllables(word) == count
