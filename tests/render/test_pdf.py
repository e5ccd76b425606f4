"""PDF/A-2 from a real letter: the checks we rely on, the structure, the pictures.

LibreOffice makes the PDF; pikepdf checks what PDF/A-2 and accessibility need (see
letterforge.render.pdfcheck for why not veraPDF); poppler draws the pages.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from letterforge.cli import main
from letterforge.pipeline import parse_request, render_request
from letterforge.render.pdf import docx_to_pdf
from letterforge.render.pdfcheck import pdfa_problems, structure_types
from letterforge.settings import Settings
from tests.conftest import SAMPLES_DIR, TODAY, load_sample

pytestmark = pytest.mark.slow
SAMPLES = ("terugvordering-later-inkomsten", "bestuurlijke-boete-boete")


@pytest.fixture(scope="module")
def pdfs(settings: Settings) -> dict[str, bytes]:
    made = {}
    for name in SAMPLES:
        request = parse_request({**load_sample(name), "format": "pdf"})
        made[name] = render_request(request, settings, today=TODAY).content
    return made


@pytest.mark.parametrize("name", SAMPLES)
def test_the_pdf_passes_our_pdfa_checks(pdfs: dict[str, bytes], name: str) -> None:
    assert pdfa_problems(pdfs[name]) == []


def test_the_pdf_says_pdfa_2_and_pdfua_in_its_metadata(pdfs: dict[str, bytes]) -> None:
    with pikepdf.open(io.BytesIO(pdfs[SAMPLES[0]])) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == "U moet €\xa02.289,24 bijstand terugbetalen"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle


def test_the_structure_has_headings_lists_tables_and_figures(
    pdfs: dict[str, bytes],
) -> None:
    kinds = structure_types(pdfs[SAMPLES[0]])
    for kind in ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"):
        assert kinds.get(kind, 0) > 0, kind
    assert kinds["/Figure"] >= 1


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (b"not a pdf", "het bestand is geen leesbare PDF"),
        ("no_lang", "de taal is niet nl-NL"),
        ("no_struct", "geen structuur (niet getagd)"),
    ],
)
def test_the_checks_find_what_is_missing(
    pdfs: dict[str, bytes], broken: object, problem: str
) -> None:
    if isinstance(broken, bytes):
        data = broken
    else:
        with pikepdf.open(io.BytesIO(pdfs[SAMPLES[0]])) as pdf:
            key = "/Lang" if broken == "no_lang" else "/StructTreeRoot"
            del pdf.Root[key]
            out = io.BytesIO()
            pdf.save(out)
            data = out.getvalue()
    assert problem in pdfa_problems(data)


def test_the_first_page_draws_as_a_picture(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("poppler-utils (pdftoppm) is missing; .ci/run installs it")
    source = tmp_path / "brief.pdf"
    source.write_bytes(pdfs[SAMPLES[0]])
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(source),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    [page] = sorted(tmp_path.glob("p*.png"))
    picture = page.read_bytes()
    assert picture.startswith(b"\x89PNG")
    assert len(picture) > 5000  # text and logo, not a blank page


def test_cli_writes_a_pdf_for_dash_o_pdf(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    source = SAMPLES_DIR / "terugvordering-later-inkomsten.json"
    assert main(["render", str(source), "-o", str(target)]) == 0
    assert pdfa_problems(target.read_bytes()) == []


def test_cli_refuses_a_pdf_on_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = tmp_path / "verzoek.json"
    request.write_text(
        json.dumps({**load_sample("terugvordering-later-inkomsten"), "format": "pdf"})
    )
    assert main(["render", str(request), "--format", "pdf"]) == 1
    assert "geef -o BESTAND.pdf" in capsys.readouterr().err


def test_docx_to_pdf_refuses_a_broken_docx() -> None:
    from letterforge.errors import RenderError

    with pytest.raises(RenderError):
        docx_to_pdf(b"PK\x03\x04 this is no docx")
