"""Verhaal is a civil claim, not a besluit (Awb 1:3; Pw 62b, 62h): no heading of a
verhaal letter speaks of a "besluit", which would invite a bezwaar that is thrown
out (review r6 elements finding 7)."""

from __future__ import annotations

import pytest

from letterforge.compose.model import Heading
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.settings import load_settings
from tests.conftest import TODAY, load_sample


@pytest.mark.parametrize(
    "sample", ["verhaal-alimentatie-uitspraak", "verhaal-verzoek-rechtbank"]
)
def test_no_verhaal_heading_speaks_of_a_besluit(sample: str) -> None:
    data = load_sample(sample)
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, load_settings({}), today=TODAY)
    headings = [b.text for b in letter.blocks if isinstance(b, Heading)]
    assert "Bent u het niet eens?" in headings
    assert not [h for h in headings if "besl" in h.lower()], headings
