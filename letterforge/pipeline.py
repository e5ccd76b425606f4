"""The one flow: request -> validate -> compose -> Letter -> render.

Every edge (command line, HTTP API, web form) goes through these functions, so a
letter made anywhere is made the same way.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from letterforge.compose import Letter, compose
from letterforge.compose.addressing import copy_letters
from letterforge.compose.model import CopyRecipient
from letterforge.errors import Problem, RequestError
from letterforge.library import Library
from letterforge.library import load_library as read_library
from letterforge.render import render_docx, render_text
from letterforge.render.pdf import PDF_MEDIA_TYPE, docx_to_pdf
from letterforge.settings import Settings

OutputFormat = Literal["docx", "text", "pdf"]
FORMATS: tuple[OutputFormat, ...] = ("docx", "text", "pdf")
REQUEST_KEYS = frozenset({"template", "case", "format"})


@dataclass(frozen=True)
class LetterRequest:
    """The REQUEST of the contract: {"template", "case", "format"}."""

    template: str
    case: Mapping[str, Any]
    format: OutputFormat = "docx"

    def canonical_json(self) -> bytes:
        """The request as canonical JSON: sorted keys, no spaces, UTF-8."""
        body = {"template": self.template, "case": self.case, "format": self.format}
        return json.dumps(
            body, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json()).hexdigest()


def _envelope_problems(data: Mapping[str, Any]) -> list[Problem]:
    problems = [
        Problem(key, "dit veld is onbekend", "unknown_field")
        for key in sorted(set(data) - REQUEST_KEYS)
    ]
    template = data.get("template")
    if not isinstance(template, str) or not template.strip():
        problems.append(Problem("template", "geef het id van een sjabloon", "required"))
    if not isinstance(data.get("case"), dict):
        problems.append(
            Problem("case", "geef de gegevens van de zaak als object", "required")
        )
    if data.get("format", "docx") not in FORMATS:
        allowed = ", ".join(FORMATS)
        problems.append(Problem("format", f"kies uit: {allowed}", "enum"))
    return problems


def parse_request(data: object) -> LetterRequest:
    """Check the envelope of a request that was already decoded from JSON."""
    if not isinstance(data, dict):
        raise RequestError(
            "Het verzoek moet een JSON-object zijn.",
            (Problem("", "het verzoek moet een JSON-object zijn", "type"),),
        )
    problems = _envelope_problems(data)
    if problems:
        raise RequestError("Het verzoek klopt niet.", tuple(problems))
    return LetterRequest(
        template=data["template"], case=data["case"], format=data.get("format", "docx")
    )


def decode_request(raw: bytes | str) -> LetterRequest:
    """Decode JSON text and check the envelope; a Dutch error if it is not JSON."""
    try:
        data = json.loads(raw)
    except RecursionError as e:  # "[[[[…" thousands deep: refuse, do not crash
        message = "het verzoek is te diep genest"
        raise RequestError(message, (Problem("", message, "json"),)) from e
    except (ValueError, UnicodeDecodeError) as e:
        detail = ""
        if isinstance(e, json.JSONDecodeError):
            # One line (a batch line, compact JSON): the column says it all, and
            # "regel 1" would contradict the batch's own line number.
            where = f"regel {e.lineno}, " if e.doc.count("\n") else ""
            detail = f"({where}kolom {e.colno})"
        message = f"het verzoek is geen geldige JSON {detail}".strip()
        raise RequestError(message, (Problem("", message, "json"),)) from e
    return parse_request(data)


def load_library(settings: Settings) -> Library:
    """The template library of these settings (read once, then cached)."""
    return read_library(settings.template_dir.resolve())


def build_letter(request: LetterRequest, settings: Settings, *, today: date) -> Letter:
    """Validate the case data and compose the Letter for `request`."""
    template = load_library(settings).get(request.template)
    return compose(template, request.case, settings, today=today)


@dataclass(frozen=True)
class RenderedLetter:
    """A finished letter: the Letter, its bytes, and what is needed to register it."""

    letter: Letter
    template_id: str
    template_version: str
    request_sha256: str
    content: bytes
    media_type: str
    filename: str


MEDIA_TYPES: dict[OutputFormat, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain; charset=utf-8",
    "pdf": PDF_MEDIA_TYPE,
}
EXTENSIONS: dict[OutputFormat, str] = {"docx": "docx", "text": "txt", "pdf": "pdf"}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def letter_filename(letter: Letter, extension: str) -> str:
    """A filename from kenmerk and template, safe on every file system."""
    stem = f"{letter.meta.kenmerk}-{letter.meta.template_id}"
    safe = _UNSAFE_FILENAME.sub("-", stem).strip("-.")[:120] or "brief"
    return f"{safe}.{extension}"


def render_letter(letter: Letter, output: OutputFormat) -> bytes:
    if output == "text":
        return render_text(letter).encode("utf-8")
    if output == "pdf":
        return docx_to_pdf(render_docx(letter))
    return render_docx(letter)


def render_request(
    request: LetterRequest, settings: Settings, *, today: date
) -> RenderedLetter:
    """The whole flow for one request: validate, compose, render."""
    letter = build_letter(request, settings, today=today)
    return RenderedLetter(
        letter=letter,
        template_id=letter.meta.template_id,
        template_version=letter.meta.template_version,
        request_sha256=request.sha256(),
        content=render_letter(letter, request.format),
        media_type=MEDIA_TYPES[request.format],
        filename=letter_filename(letter, EXTENSIONS[request.format]),
    )


def render_copies(
    original: RenderedLetter, output: OutputFormat
) -> tuple[tuple[str, RenderedLetter], ...]:
    """The copies ("kopie aan") of a rendered letter, each rendered on its own in
    `output`, with the name its window shows: (recipient name, rendered copy).
    Each says it is a copy and whom the original went to (addressing.copy_letters)."""
    letters = copy_letters(original.letter, original.letter.copies)
    stem, _, extension = original.filename.rpartition(".")
    return tuple(
        (
            _sent_to(letter, copy),
            dataclasses.replace(
                original,
                letter=letter,
                content=render_letter(letter, output),
                filename=(
                    f"{stem}-tweede-adres.{extension}"
                    if copy.same_person
                    else f"{stem}-kopie-{number}.{extension}"
                ),
            ),
        )
        for number, (letter, copy) in enumerate(
            zip(letters, original.letter.copies, strict=True), start=1
        )
    )


def _sent_to(letter: Letter, copy: CopyRecipient) -> str:
    """Who a copy went to, as the register names it. A second sending to the
    person himself carries the same name, so its first address line tells the
    two apart."""
    if copy.same_person and letter.recipient.lines:
        return f"{letter.recipient.name}, {letter.recipient.lines[0]}"
    return letter.recipient.name
