"""Example requests (settings.sample_paths) and warming a new server with them."""

from __future__ import annotations

import json
from typing import Any

from letterforge.assess import assess_letter
from letterforge.errors import LetterforgeError
from letterforge.pipeline import load_library, parse_request, render_request
from letterforge.settings import Settings, sample_paths
from letterforge.web.state import AppState


def _samples(settings: Settings) -> list[dict[str, Any]]:
    found = [json.loads(p.read_text("utf-8")) for p in sample_paths(settings)]
    return [dict(data) for data in found if isinstance(data, dict)]


def example_request(settings: Settings, template_id: str) -> dict[str, Any] | None:
    """The first sample request for this template, if there is one."""
    for data in _samples(settings):
        if data.get("template") == template_id:
            return data
    return None


def warm_up(app_state: AppState) -> int:
    """Make one letter per template, unrecorded, so the caches (library, compiled
    templates, DOCX parts, word lists) are filled before the first client asks.
    gunicorn forks its workers after this, so they start warm. Returns the count."""
    templates = {t.id for t in load_library(app_state.settings).templates()}
    made = 0
    for data in _samples(app_state.settings):
        if data.get("template") in templates:
            templates.discard(data["template"])
            try:
                request = parse_request(data)
                rendered = render_request(
                    request, app_state.settings, today=app_state.today()
                )
            except LetterforgeError:
                continue  # a broken sample only means a colder start
            assess_letter(rendered.letter, app_state.settings)
            made += 1
    return made
