"""PDF/A-2 for the record: our DOCX, printed by LibreOffice, tagged for accessibility.

Route and why: the DOCX is the product that caseworkers and jurists read and the
golden tests pin down, so the PDF must show exactly that letter. LibreOffice's
Writer PDF export is the one well-kept free tool that turns a DOCX into PDF/A-2
with a structure tree (headings, lists, tables with header cells, figures with
their alt text), the document language and the title from the DOCX. WeasyPrint
from our HTML preview would be a second layout to keep equal, and its tagging
is newer than LibreOffice's. LibreOffice 7.4 (Debian 12) offers PDF/A-2b, not
2a/2u; we ask for PDF/UA on top, which makes it tag everything 2a would need.

Layering: this is still a function bytes -> bytes for the core. LibreOffice runs as
a plain subprocess with a fresh profile per call (in a temporary folder): two
calls at the same time never share a profile, and nothing stays running. A
conversion costs about 2 to 4 seconds (see README), which is why final letters
get their PDF in the background job, not in the request.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from letterforge.errors import RenderError

SOFFICE_TIMEOUT_SECONDS = 120
PDF_MEDIA_TYPE = "application/pdf"

# LibreOffice's writer_pdf_Export options (filter option names of LibreOffice's
# PDF export; SelectPdfVersion 2 = PDF/A-2b).
EXPORT_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "EmbedStandardFonts": {"type": "boolean", "value": "true"},
    "ExportFormFields": {"type": "boolean", "value": "false"},
}


def soffice_path() -> str:
    """The LibreOffice program; RenderError if it is not installed."""
    found = os.environ.get("LETTERFORGE_SOFFICE") or shutil.which("soffice")
    if not found:
        raise RenderError(
            "LibreOffice (soffice) is niet geïnstalleerd; zonder LibreOffice "
            "kunnen wij geen PDF maken."
        )
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert a DOCX (bytes) to a tagged PDF/A-2b (bytes).

    Raises RenderError when LibreOffice is missing, fails or takes longer than
    SOFFICE_TIMEOUT_SECONDS.
    """
    program = soffice_path()
    with tempfile.TemporaryDirectory(prefix="letterforge-pdf-") as folder:
        work = Path(folder)
        source = work / "brief.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS),
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                check=True,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT_SECONDS,
                env={**os.environ, "HOME": folder},
            )
        except (subprocess.SubprocessError, OSError) as e:
            raise RenderError("LibreOffice kon de PDF niet maken.") from e
        target = work / "brief.pdf"
        if not target.is_file():
            raise RenderError("LibreOffice kon de PDF niet maken.")
        return target.read_bytes()
