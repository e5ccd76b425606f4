"""Check a PDF against what PDF/A-2 and accessibility need, with pikepdf.

No independent PDF/A validator installs from PyPI, Debian or npm (veraPDF needs
its own Java download), so we check the parts we rely on ourselves: the PDF/A
identification in the XMP metadata (pdfaid part 2), every font embedded, a
structure tree (tagged PDF, /MarkInfo /Marked), the document language, the
title, and alt text on every figure. pikepdf (qpdf) also refuses a damaged file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    for page in pdf.pages:
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for _name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            yield str(font.get("/BaseFont", "?")), target


def _structure(node: object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below `node` (depth first, no page contents)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield item
            if "/K" in item:
                stack.append(item.K)


def _document_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    meta = pdf.open_metadata()
    if meta.get("pdfaid:part") != "2":
        problems.append("geen PDF/A-2 (pdfaid:part in XMP)")
    if not meta.get("dc:title"):
        problems.append("geen titel in de metadata")
    root = pdf.Root
    if str(root.get("/Lang", "")) != "nl-NL":
        problems.append("de taal is niet nl-NL")
    if "/StructTreeRoot" not in root:
        problems.append("geen structuur (niet getagd)")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        problems.append("niet gemarkeerd als getagde PDF")
    return problems


def pdfa_problems(data: bytes) -> list[str]:
    """Dutch descriptions of what is missing; an empty list when all is there."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return ["het bestand is geen leesbare PDF"]
    with pdf:
        problems = _document_problems(pdf)
        for name, font in _fonts(pdf):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in FONT_FILES):
                problems.append(f"lettertype {name} is niet ingesloten")
        if "/StructTreeRoot" in pdf.Root:
            root = pdf.Root.StructTreeRoot
            for element in _structure(root.get("/K")):
                if element.S == "/Figure" and not str(element.get("/Alt", "")):
                    problems.append("een afbeelding heeft geen alternatieve tekst")
    return problems


def structure_types(data: bytes) -> dict[str, int]:
    """How often each structure type occurs, after the role map (for tests)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return {}
        role_map = root.get("/RoleMap", pikepdf.Dictionary())
        counts: dict[str, int] = {}
        for element in _structure(root.get("/K")):
            kind = str(element.S)
            kind = str(role_map.get(kind, kind))
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def pdf_title(data: bytes) -> str:
    """The title in the PDF's XMP metadata (dc:title), or ''."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return str(pdf.open_metadata().get("dc:title") or "")
