"""The readability report of a composed letter: the one place that joins the
letter flow and the standalone checker."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from letterforge.compose import Letter
from letterforge.readability import Glossary, Report, analyze, load_glossary
from letterforge.render import render_text
from letterforge.settings import Settings


@lru_cache(maxsize=4)
def _glossary(folder: Path) -> Glossary:
    return load_glossary(folder)


def glossary_for(settings: Settings) -> Glossary:
    return _glossary(settings.glossary_dir.resolve())


def assess_letter(letter: Letter, settings: Settings) -> Report:
    return analyze(render_text(letter), glossary=glossary_for(settings))
