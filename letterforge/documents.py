"""Text out of the files people check: .txt, .md and .docx.

Used by `letterforge check` and the communication team's upload page. DOCX text keeps
paragraphs apart with blank lines, so the checker sees headings and list items as
units of their own.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.text.paragraph import Paragraph as DocxParagraph

from letterforge.errors import InputFileError, Problem

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".docx")


def _refuse(name: str, reason: str) -> InputFileError:
    message = f"{name}: {reason}"
    return InputFileError(message, (Problem(name, reason, "input_file"),))


def docx_text(content: bytes, name: str = "document") -> str:
    """Paragraphs and table cells of a DOCX, in reading order, blank-line separated."""
    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise _refuse(name, "dit is geen geldig Word-bestand (.docx)") from e
    parts: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            parts.append(item.text)
        else:
            parts += [cell.text for row in item.rows for cell in row.cells]
    return "\n\n".join(p for p in parts if p.strip())


def decode_text(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _refuse(
            name, "de tekst is geen UTF-8; sla het bestand op als UTF-8"
        ) from e


def read_document(path: Path) -> str:
    """The text of a .txt, .md or .docx file, or a Dutch error naming the file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _refuse(str(path), "kies een bestand dat eindigt op .txt, .md of .docx")
    try:
        content = path.read_bytes()
    except OSError as e:
        raise _refuse(str(path), f"kan het bestand niet lezen ({e.strerror})") from e
    if suffix == ".docx":
        return docx_text(content, str(path))
    return decode_text(content, str(path))
