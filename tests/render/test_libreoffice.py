"""Every sample letter opens in a real word processor and prints as expected.

LibreOffice converts the DOCX to a tagged PDF; we read the PDF back with poppler.
This catches what python-docx forgives: broken numbering, fields, page layout.
In CI the tools are installed by .ci/run, so a missing tool fails there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from letterforge.compose.furniture import later_page_line
from letterforge.compose.model import Heading, Letter
from letterforge.pipeline import decode_request, parse_request, render_request
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdftoppm")
MAIN_BODY_MAX_PAGES = 2
UNUSUAL_NAME = "Ben-Dávid שלום & <Zn> {{ 7*7 }} **vet** 😀"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {', '.join(missing)} (installed by .ci/run)")
        pytest.skip(f"not installed: {', '.join(missing)}")
    folder = tmp_path_factory.mktemp("pdf")
    for path in sample_paths():
        request = decode_request(path.read_bytes())
        rendered = render_request(request, settings, today=TODAY)
        (folder / f"{path.stem}.docx").write_bytes(rendered.content)
    (folder / "unusual.docx").write_bytes(_unusual_letter(settings))
    _convert(sorted(folder.glob("*.docx")), folder)
    return folder


def _unusual_letter(settings: Settings) -> bytes:
    request = load_sample("terugvordering-later-inkomsten")
    request["case"]["ontvanger"]["achternaam"] = UNUSUAL_NAME
    return render_request(parse_request(request), settings, today=TODAY).content


def _convert(documents: list[Path], folder: Path) -> None:
    profile = folder / "profile"
    command = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
        "--outdir",
        str(folder),
        *map(str, documents),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def _first_appendix_page(pages: list[str], titles: set[str]) -> int:
    """Index of the first page that starts an appendix (a line that is its title)."""
    for index, page in enumerate(pages):
        if titles & {line.strip() for line in page.splitlines()}:
            return index
    return len(pages)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_sample_prints_with_page_numbers_and_fits(
    path: Path, pdf_dir: Path, settings: Settings
) -> None:
    pages = _pages(pdf_dir / f"{path.stem}.pdf")
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page
    letter = render_request(
        decode_request(path.read_bytes()), settings, today=TODAY
    ).letter
    titles = {appendix.title for appendix in letter.appendices}
    # Appendices start on a new page; the letter itself fits on two pages.
    assert _first_appendix_page(pages, titles) <= MAIN_BODY_MAX_PAGES
    # A long subject wraps onto a second line in the PDF.
    assert " ".join(letter.meta.subject.split()) in " ".join(pages[0].split())


def test_pdf_is_tagged_and_dutch(pdf_dir: Path) -> None:
    pdf = next(iter(sorted(pdf_dir.glob("*.pdf"))))
    raw = pdf.read_bytes()
    assert b"/Lang(nl-NL)" in raw or b"/Lang (nl-NL)" in raw
    assert b"/StructTreeRoot" in raw


def test_unusual_text_prints_exactly(pdf_dir: Path) -> None:
    first_page = _pages(pdf_dir / "unusual.pdf")[0]
    # pdftotext reorders text around right-to-left words (with bidi marks) and cannot
    # extract every emoji glyph, so compare the pieces it gives back as typed.
    for piece in ("Ben-Dávid", "&", "<", "Zn>", "{{ 7*7 }} **vet**"):
        assert piece in first_page
    assert "שלום" in first_page or "םולש" in first_page


def _body_lines(page: str) -> list[str]:
    """The text lines of a page without its footer (contact line, page number)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    while lines and (lines[-1].startswith("Pagina ") or "Telefoon" in lines[-1]):
        lines.pop()
    return lines


def _headings(letter: Letter) -> set[str]:
    found = {b.text for b in letter.blocks if isinstance(b, Heading)}
    for appendix in letter.appendices:
        found |= {b.text for b in appendix.blocks if isinstance(b, Heading)}
    return found


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_layout_reads_in_one_go(path: Path, pdf_dir: Path, settings: Settings) -> None:
    """Issue 13, layout: no page ends with a heading or with the line that
    announces a list, table or quote, and every page after the first repeats datum
    and kenmerk (the first page has them in the reference column only)."""
    pages = _pages(pdf_dir / f"{path.stem}.pdf")
    letter = render_request(
        decode_request(path.read_bytes()), settings, today=TODAY
    ).letter
    headings = _headings(letter)
    later = later_page_line(letter.meta)
    for number, page in enumerate(pages, start=1):
        lines = _body_lines(page)
        assert lines, f"page {number} is empty"
        if number < len(pages):
            last = lines[-1]
            assert last not in headings, f"page {number} ends with heading {last!r}"
            assert not last.endswith(":"), f"page {number} ends with {last!r}"
        if number > 1:
            flat = " ".join(page.split())
            assert " ".join(later.split()) in flat, f"page {number} lacks {later!r}"
            assert later not in pages[0]


def _text_above_signature(page: str, letter: Letter) -> list[str]:
    """The body lines of a page above the closing "Met vriendelijke groet,",
    without the later-page header (municipality name, datum and kenmerk)."""
    header = {
        " ".join(later_page_line(letter.meta).split()),
        letter.sender.name,
    }
    lines = _body_lines(page)
    closing = next(
        i for i, line in enumerate(lines) if line == letter.signature.closing
    )
    return [line for line in lines[:closing] if " ".join(line.split()) not in header]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_the_signature_never_stands_alone_on_a_page(
    path: Path, pdf_dir: Path, settings: Settings
) -> None:
    """Review finding (verlenging-beslistermijn-advies): a page holding only the
    closing and signature lets the signature be detached from the decision. On
    the page where the closing stands, text of the letter stands above it."""
    letter = render_request(
        decode_request(path.read_bytes()), settings, today=TODAY
    ).letter
    pages = _pages(pdf_dir / f"{path.stem}.pdf")
    (page,) = [p for p in pages if letter.signature.closing in _body_lines(p)]
    above = _text_above_signature(page, letter)
    assert above, f"the signature stands alone on its page in {path.stem}"


def test_page_pictures_show_the_later_page_header(
    pdf_dir: Path, tmp_path: Path
) -> None:
    """Look at page 2 as a picture (pdftoppm): it is rendered, not blank, and its
    top strip - where the header is - holds ink (the repeated datum and kenmerk)."""
    pdf = pdf_dir / "terugvordering-later-inkomsten.pdf"
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            "2",
            "-l",
            "2",
            "-r",
            "40",
            "-gray",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
        capture_output=True,
    )
    (picture,) = sorted(tmp_path.glob("p*.pgm"))
    width, height, pixels = _pgm(picture.read_bytes())
    top = pixels[: width * (height // 12)]  # the header band: top 25 mm of 297
    assert min(top) < 128, "no header printed on page 2"
    assert sum(1 for p in pixels if p < 128) > width  # the page has text on it


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of a binary PGM (P5, max 255) from pdftoppm."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][: width * height]
