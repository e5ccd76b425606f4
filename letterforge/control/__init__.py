"""Control of letters: the one application function that every edge calls to make
a letter (render, assess, decide the status, record), the four-eyes review, and
the reviewer's view of the stored document."""

from letterforge.control.letters import (
    CONCEPT,
    FINAL,
    REJECTED,
    PreparedLetter,
    Preview,
    approve,
    finalise,
    hand_out,
    make_letter,
    needs_check,
    prepare_letter,
    preview_copies,
    preview_letter,
    record_prepared,
    reject,
    remake,
)
from letterforge.control.view import stored_html

__all__ = [
    "CONCEPT",
    "FINAL",
    "REJECTED",
    "PreparedLetter",
    "Preview",
    "approve",
    "finalise",
    "hand_out",
    "make_letter",
    "needs_check",
    "prepare_letter",
    "preview_copies",
    "preview_letter",
    "record_prepared",
    "reject",
    "remake",
    "stored_html",
]
