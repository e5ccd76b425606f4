"""Sentences that stutter: two sentences in a row that both draw a conclusion with
"daarom" ("Wij blijven daarom bij ons besluit. Daarom blijft ons besluit hetzelfde.").

The jurist found this where a shared block adds its own conclusion after the
caseworker's reaction; every sample is rendered and read for it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from letterforge.pipeline import decode_request, render_request
from letterforge.settings import load_settings
from tests.conftest import TODAY, load_sample, sample_paths

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
DAAROM = re.compile(r"\bdaarom\b", re.IGNORECASE)


def stutters(text: str) -> list[str]:
    sentences = SENTENCE_END.split(text)
    return [
        f"{a} {b}"
        for a, b in zip(sentences, sentences[1:], strict=False)
        if DAAROM.search(a) and DAAROM.search(b)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Wij blijven daarom bij ons besluit. Daarom blijft het zo.", True),
        ("Daarom vragen wij € 210.\nDaarom hebben wij ons besluit aangepast.", True),
        ("U wist het. Daarom is het verwijtbaar. Ons besluit blijft hetzelfde.", False),
    ],
)
def test_the_check_finds_stutters(text: str, found: bool) -> None:
    assert bool(stutters(text)) is found


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: Path(p).stem)
def test_no_sample_says_daarom_twice_in_a_row(path: Path) -> None:
    request = load_sample(path.stem) | {"format": "text"}
    rendered = render_request(
        decode_request(json.dumps(request)), load_settings({}), today=TODAY
    )
    assert stutters(rendered.content.decode("utf-8")) == []
