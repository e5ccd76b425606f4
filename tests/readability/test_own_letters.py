"""Our own sample letters meet B1 by our own checker (rewrite text, never loosen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.pipeline import build_letter, decode_request
from letterforge.readability import Glossary, analyze
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_sample_letter_meets_b1(
    path: Path, settings: Settings, glossary: Glossary
) -> None:
    letter = build_letter(decode_request(path.read_bytes()), settings, today=TODAY)
    report = analyze(render_text(letter), glossary=glossary)
    errors = [
        f"{f.rule}: {f.excerpt}" for f in report.findings if f.severity == "error"
    ]
    assert report.meets_b1, errors
    assert report.level in {"A2", "B1"}
