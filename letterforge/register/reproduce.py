"""Make a stored letter again and say whether the content is the same."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from letterforge.pipeline import load_library, render_request
from letterforge.register.models import LetterRecord
from letterforge.register.store import stored_request
from letterforge.settings import Settings


@dataclass(frozen=True)
class Reproduction:
    identical: bool
    template_changed: bool
    stored_version: str
    current_version: str


def reproduce(record: LetterRecord, settings: Settings) -> Reproduction:
    """Render the stored request on the stored letter date with today's templates."""
    request = stored_request(record)
    current = load_library(settings).get(record.template_id).version
    rendered = render_request(request, settings, today=record.letter_date)
    digest = hashlib.sha256(rendered.content).hexdigest()
    return Reproduction(
        identical=digest == record.content_sha256,
        template_changed=current != record.template_version,
        stored_version=record.template_version,
        current_version=current,
    )
