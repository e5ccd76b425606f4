"""The CONCEPT mark takes no body space: a preview breaks its pages at the same
lines as the final letter (LibreOffice, as a resident's PDF would be made)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from letterforge.control.concept import CONCEPT_TEXT, mark_docx
from letterforge.pipeline import parse_request, render_request
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

pytestmark = pytest.mark.slow


def _pages(docx: Path) -> list[list[str]]:
    """Per page, the words of each line (layout spacing left out)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{docx.parent / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", str(docx.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")[:-1]
    ]


# A long letter (six pages): every page break must stay where it is.
@pytest.mark.parametrize("sample", ["bestuurlijke-boete-recidive"])
def test_the_concept_mark_moves_no_page_break(
    settings: Settings, tmp_path: Path, sample: str
) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler not installed")
    request = parse_request(load_sample(sample))
    final = render_request(request, settings, today=TODAY).content
    (tmp_path / "final.docx").write_bytes(final)
    (tmp_path / "concept.docx").write_bytes(mark_docx(final))
    final_pages = _pages(tmp_path / "final.docx")
    concept_pages = _pages(tmp_path / "concept.docx")
    assert all(CONCEPT_TEXT not in line for p in final_pages for line in p)
    assert all(
        [line for line in p if line == CONCEPT_TEXT] == [CONCEPT_TEXT]
        for p in concept_pages
    )
    assert [
        [line for line in p if line != CONCEPT_TEXT] for p in concept_pages
    ] == final_pages
